/* @applet arch
   @help
Usage: arch [OPTION]...
Print machine architecture.

      --help        display this help and exit
      --version     output version information and exit
*/
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/system/uname_print.h"
#include "registry/applet.h"

// GNU's arch is uname -m.
MC_APPLET(arch) {
  mc::cli::Parser parser(inv);
  std::vector<std::string> operands;
  if (auto rc = parser.Parse(&operands)) return *rc;
  if (!operands.empty()) return mc::UsageError(inv, "extra operand " + mc::QuoteC(operands[0]));
  return mc::uname::Print(inv, mc::uname::kMachine);
}
