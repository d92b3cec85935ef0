/* @applet unzstd
   @help
Usage: unzstd [OPTION]... [FILE]... [-o OUTPUT]
Decompress FILEs in the Zstandard format; the same as 'zstd -d'.

With no FILE, or when FILE is -, read standard input and write standard
output. Decompressing FILE.zst writes FILE; FILE.tzst writes FILE.tar.
Input files are kept unless --rm is given.

  -c, --stdout             write to standard output and keep the input files
  -o OUTPUT                write to OUTPUT (several inputs need -f)
  -k, --keep               keep the input files (the default)
      --rm                 remove each input file after its output was
                           written and closed
  -f, --force              overwrite existing files, read from a terminal;
                           with -c, copy data that is not zstd through
  -t, --test               test the integrity of compressed FILEs
  -l, --list               list the frames of FILEs
      --no-check           do not verify checksums
      --long[=#]           accept windows of up to 2^# bytes (default: 27)
  -M#, --memory=#          accept windows of up to # bytes (K, M, G suffixes)
  -q, --quiet              no summaries or warnings; -qq: no errors either
  -v, --verbose            more information; repeatable
      --[no-]progress      force the progress display on or off
  -h, -H, --help           display this help and exit
  -V, --version            output version information and exit

All options of zstd are accepted; -z compresses.
*/
#include "applets/compress/zstd_tool.h"
#include "registry/applet.h"

MC_APPLET(unzstd) { return mc::zstd_tool::Main(inv, mc::zstd_tool::Personality::kUnzstd); }
