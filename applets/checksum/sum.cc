/* @applet sum
   @help
Usage: sum [OPTION]... [FILE]...
Print or check BSD (16-bit) checksums.

With no FILE, or when FILE is -, read standard input.

  -r              use BSD sum algorithm (the default), use 1K blocks
  -s, --sysv      use System V sum algorithm, use 512 bytes blocks
      --help        display this help and exit
      --version     output version information and exit
*/
#include "applets/checksum/digest_main.h"
#include "registry/applet.h"

MC_APPLET(sum) { return mc::checksum::SumMain(inv); }
