/* @applet groups
   @help
Usage: groups [OPTION]... [USERNAME]...
Print group memberships for each USERNAME or, if no USERNAME is specified, for
the current process (which may differ if the groups database has changed).
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

MC_APPLET(groups) {
  mc::cli::Parser parser(inv);
  std::vector<std::string> names;
  if (auto rc = parser.Parse(&names)) return *rc;
  bool ok = true;
  if (names.empty()) {
    ok = mc::ident::PrintGroupList(inv, nullptr, ::getgid(), ::getegid(), true, ' ');
    inv.out().Put('\n');
    return ok ? 0 : 1;
  }
  // Names only (no numeric uids), as GNU's getpwnam.
  for (const std::string& name : names) {
    const mc::users::User* u = mc::users::UserByName(name);
    if (u == nullptr) {
      mc::Warn(inv, mc::QuoteC(name) + ": no such user");
      ok = false;
      continue;
    }
    inv.out().Write(name);
    inv.out().Write(" : ");
    ok = mc::ident::PrintGroupList(inv, &name, u->gid, u->gid, true, ' ') && ok;
    inv.out().Put('\n');
  }
  return ok ? 0 : 1;
}
