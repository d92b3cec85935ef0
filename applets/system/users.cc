/* @applet users
   @help
Usage: users [OPTION]... [FILE]
Output who is currently logged in according to FILE.
If FILE is not specified, use /var/run/utmp.  /var/log/wtmp as FILE is common.

      --help        display this help and exit
      --version     output version information and exit
*/
// GNU coreutils 9.1's users: the names of user processes in utmp, sorted
// bytewise, on one line (nothing at all when there are none).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/system/utmp.h"
#include "registry/applet.h"

MC_APPLET(users) {
  mc::cli::Parser parser(inv);
  std::vector<std::string> operands;
  if (auto rc = parser.Parse(&operands)) return *rc;
  if (operands.size() > 1) return mc::UsageError(inv, "extra operand " + mc::QuoteC(operands[1]));
  bool file_given = operands.size() == 1;
  auto records = mc::utmp::Read(file_given ? operands[0].c_str() : mc::utmp::kUtmpFile, !file_given);
  std::vector<std::string_view> names;
  for (const auto& r : records)
    if (r.IsUser()) names.push_back(r.TrimmedUser());
  std::sort(names.begin(), names.end());
  for (std::size_t i = 0; i < names.size(); ++i) {
    inv.out().Write(names[i]);
    inv.out().Put(i + 1 < names.size() ? ' ' : '\n');
  }
  return 0;
}
