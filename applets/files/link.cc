/* @applet link
   @install usr/bin
   @help
Usage: link FILE1 FILE2
  or:  link OPTION
Call the link function to create a link named FILE2 to an existing FILE1.

      --help        display this help and exit
      --version     output version information and exit
*/
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "registry/applet.h"

MC_APPLET(link) {
  mc::cli::Parser p(inv);
  std::vector<std::string> ops;
  if (auto rc = p.Parse(&ops)) return *rc;
  if (ops.empty()) return mc::UsageError(inv, "missing operand");
  if (ops.size() == 1) return mc::UsageError(inv, "missing operand after " + mc::Quote(ops[0]));
  if (ops.size() > 2) return mc::UsageError(inv, "extra operand " + mc::Quote(ops[2]));
  if (::link(ops[0].c_str(), ops[1].c_str()) != 0) {
    mc::Warn(inv, "cannot create link " + mc::Quote(ops[1]) + " to " + mc::Quote(ops[0]) + ": " +
                      std::string(mc::ErrorText(errno)));
    return 1;
  }
  return 0;
}
