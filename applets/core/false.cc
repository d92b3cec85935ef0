/* @applet false
   @install bin
   @help
Usage: false [ignored command line arguments]
  or:  false OPTION
Exit with a status code indicating failure.

      --help        display this help and exit
      --version     output version information and exit
*/
#include "applets/support/cli.h"
#include "registry/applet.h"

MC_APPLET(false) {
  // As GNU false: even --help and --version exit with status 1.
  mc::cli::SoleHelpOrVersion(inv);
  return 1;
}
