/* @applet unlink
   @install usr/bin
   @help
Usage: unlink FILE
  or:  unlink OPTION
Call the unlink function to remove the specified FILE.

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

MC_APPLET(unlink) {
  mc::cli::Parser p(inv);
  std::vector<std::string> ops;
  if (auto rc = p.Parse(&ops)) return *rc;
  if (ops.empty()) return mc::UsageError(inv, "missing operand");
  if (ops.size() > 1) return mc::UsageError(inv, "extra operand " + mc::Quote(ops[1]));
  if (::unlink(ops[0].c_str()) != 0) {
    mc::Warn(inv, "cannot unlink " + mc::Quote(ops[0]) + ": " + std::string(mc::ErrorText(errno)));
    return 1;
  }
  return 0;
}
