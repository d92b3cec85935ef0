/* @applet true
   @install bin
   @help
Usage: true [ignored command line arguments]
  or:  true OPTION
Exit with a status code indicating success.

      --help        display this help and exit
      --version     output version information and exit
*/
#include "applets/support/cli.h"
#include "registry/applet.h"

MC_APPLET(true) {
  // --help/--version count only as the sole argument; all else is ignored.
  if (auto rc = mc::cli::SoleHelpOrVersion(inv)) return *rc;
  return 0;
}
