/* @applet zstdcat
   @help
Usage: zstdcat [OPTION]... [FILE]...
Decompress FILEs to standard output; the same as 'zstd -dcf'.

With no FILE, or when FILE is -, read standard input. Data that is not in
the Zstandard format is copied through unchanged; an empty input is an
error, as for zstd -d.

      --no-check           do not verify checksums
      --long[=#]           accept windows of up to 2^# bytes (default: 27)
  -M#, --memory=#          accept windows of up to # bytes (K, M, G suffixes)
  -q, --quiet              no warnings; -qq: no errors either
  -h, -H, --help           display this help and exit
  -V, --version            output version information and exit

All options of zstd are accepted.
*/
#include "applets/compress/zstd_tool.h"
#include "registry/applet.h"

MC_APPLET(zstdcat) { return mc::zstd_tool::Main(inv, mc::zstd_tool::Personality::kZstdcat); }
