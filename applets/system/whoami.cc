/* @applet whoami
   @help
Usage: whoami [OPTION]...
Print the user name associated with the current effective user ID.
Same as id -un.

      --help        display this help and exit
      --version     output version information and exit
*/
#include <unistd.h>

#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/users.h"
#include "applets/system/ident.h"
#include "registry/applet.h"

MC_APPLET(whoami) {
  mc::cli::Parser parser(inv);
  std::vector<std::string> operands;
  if (auto rc = parser.Parse(&operands)) return *rc;
  if (!operands.empty()) return mc::UsageError(inv, "extra operand " + mc::QuoteC(operands[0]));
  const uid_t uid = ::geteuid();
  const mc::users::User* u = mc::users::UserById(uid);
  if (u == nullptr) {
    mc::Warn(inv, "cannot find name for user ID " + mc::ident::Decimal(uid));
    return 1;
  }
  inv.out().Write(u->name);
  inv.out().Put('\n');
  return 0;
}
