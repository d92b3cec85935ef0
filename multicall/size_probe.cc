/* @applet size-probe
   @help
Usage: size-probe [OPERAND]...
Parses its arguments and exits 0: the one applet of //multicall:base, the
binary that measures the shared base (scripts/bloat.sh). It parses options
as nearly every applet does, so the base holds the option parser.
*/
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "registry/applet.h"

MC_APPLET(size_probe) {
  mc::cli::Parser parser(inv);
  std::vector<std::string> operands;
  if (auto rc = parser.Parse(&operands)) return *rc;
  return 0;
}
