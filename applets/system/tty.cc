/* @applet tty
   @failcode 3
   @help
Usage: tty [OPTION]...
Print the file name of the terminal connected to standard input.

  -s, --silent, --quiet   print nothing, only return an exit status
      --help        display this help and exit
      --version     output version information and exit
*/
// Exit status as GNU 9.1: 0 a terminal, 1 not a terminal, 2 usage error,
// 3 write error (the @failcode).
#include <unistd.h>

#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "registry/applet.h"

MC_APPLET(tty) {
  bool silent = false;
  mc::cli::Parser parser(inv);
  parser.Flag("-s,--silent,--quiet", silent);
  std::vector<std::string> operands;
  if (auto rc = parser.Parse(&operands)) return *rc == 0 ? 0 : 2;
  if (!operands.empty()) {
    mc::UsageError(inv, "extra operand " + mc::QuoteC(operands[0]));
    return 2;
  }
  if (silent) return ::isatty(inv.in_fd()) ? 0 : 1;
  const char* name = ::ttyname(inv.in_fd());
  inv.out().Write(name ? name : "not a tty");
  inv.out().Put('\n');
  return name ? 0 : 1;
}
