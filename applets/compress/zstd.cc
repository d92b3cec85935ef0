/* @applet zstd
   @help
Usage: zstd [OPTION]... [FILE]... [-o OUTPUT]
Compress or decompress FILEs in the Zstandard format.

With no FILE, or when FILE is -, read standard input and write standard
output. Compressing FILE writes FILE.zst; decompressing FILE.zst writes FILE
(FILE.tzst writes FILE.tar). Input files are kept unless --rm is given.

Operation:
  -z, --compress           compress (the default)
  -d, --decompress         decompress (also --uncompress)
  -t, --test               test the integrity of compressed FILEs
  -l, --list               list frames, sizes, ratio and checksum of FILEs;
                           with -v, details for each file

Output:
  -c, --stdout             write to standard output, even a terminal, and
                           keep the input files
  -o OUTPUT                write to OUTPUT (several inputs need -f)
  -k, --keep               keep the input files (the default)
      --rm                 remove each input file after it was processed
                           and its output was written and closed
  -f, --force              overwrite existing files, read from and write to
                           a terminal, accept non-regular input files; with
                           -dc, copy data that is not zstd through unchanged
      --[no-]pass-through  copy data that is not zstd through when
                           decompressing

Compression:
  -#                       compression level # from 1 (fastest) to 19 (best);
                           the default is 3, or $ZSTD_CLEVEL (negative
                           for the fast levels)
      --ultra              allow levels 20 to 22 (much more memory)
      --fast[=#]           faster levels -1, -2, ... (default: 1)
  -T#, --threads=#         compress with # worker threads (at most 200;
                           numbers may end in K or M, as elsewhere);
                           0: one per physical core; the default is 1, or
                           $ZSTD_NBTHREADS
      --auto-threads=physical|logical
                           what -T0 counts (default: physical cores)
      --single-thread      compress in the calling thread (the output
                           differs from -T1's)
      --long[=#]           long-distance matching with a window of 2^#
                           bytes (default: 27); decompressing such frames
                           needs --long=# or -M as well
      --[no-]check         write an XXH64 checksum (the default); with -d,
                           --no-check skips verifying it
  -C                       same as --check
      --format=zstd        the only supported format

Decompression:
  -M#, --memory=#          accept windows of up to # bytes (K, M, G suffixes)

Messages:
  -q, --quiet              no summaries or warnings; -qq: no errors either
  -v, --verbose            more information; repeatable
      --[no-]progress      force the progress display on or off (by default
                           shown when standard error is a terminal)
  -h, -H, --help           display this help and exit
  -V, --version            output version information and exit
  --                       treat the remaining arguments as file names

Exit status is 0 on success and 1 if any file failed.
*/
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
// One command line (zstd_cli.cc) behind the three applets.
#include "applets/compress/zstd_cli.h"
#include "registry/applet.h"

MC_APPLET(zstd) { return mc::compress::Main(inv, mc::compress::Personality::kZstd); }
MC_APPLET(unzstd) { return mc::compress::Main(inv, mc::compress::Personality::kUnzstd); }
MC_APPLET(zstdcat) { return mc::compress::Main(inv, mc::compress::Personality::kZstdcat); }
