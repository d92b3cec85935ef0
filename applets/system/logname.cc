/* @applet logname
   @help
Usage: logname [OPTION]
Print the user's login name.

      --help        display this help and exit
      --version     output version information and exit
*/
// GNU's logname prints getlogin(). glibc's getlogin() looks the login uid
// up with getpwuid_r, which in a static binary means NSS and dlopen, so this
// does what glibc does with our own /etc/passwd parser instead:
//   1. /proc/self/loginuid: the kernel's audit login uid. The "unset"
//      value (4294967295) means no login name, as glibc answers.
//   2. Otherwise (no such file, garbage, or a uid without a passwd
//      entry): the utmp record of the terminal on standard input, read
//      straight from the utmp file (a USER_PROCESS or LOGIN_PROCESS entry
//      whose ut_line is the tty's name under /dev).
// Containers and cron jobs often have neither: "no login name", exit 1.
#include <fcntl.h>
#include <paths.h>
#include <unistd.h>
#include <utmp.h>

#include <cstring>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/users.h"
#include "registry/applet.h"

namespace {

enum class LoginUid { kUnset, kUnknown, kFound };

LoginUid FromLoginUid(std::string* name) {
  int fd = ::open("/proc/self/loginuid", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return LoginUid::kUnknown;
  char buf[16];
  long n = mc::ReadFull(fd, buf, sizeof buf);
  ::close(fd);
  if (n <= 0 || n == static_cast<long>(sizeof buf)) return LoginUid::kUnknown;
  unsigned long long v = 0;
  for (long i = 0; i < n; ++i) {
    if (buf[i] < '0' || buf[i] > '9' || v > 0xffffffffULL) return LoginUid::kUnknown;
    v = v * 10 + static_cast<unsigned>(buf[i] - '0');
  }
  if (v == 0xffffffffULL) return LoginUid::kUnset;
  if (v > 0xffffffffULL) return LoginUid::kUnknown;
  const mc::users::User* u = mc::users::UserById(static_cast<uid_t>(v));
  if (u == nullptr) return LoginUid::kUnknown;
  *name = u->name;
  return LoginUid::kFound;
}

bool FromUtmp(std::string* name) {
  const char* tty = ::ttyname(0);
  if (tty == nullptr || std::strncmp(tty, "/dev/", 5) != 0) return false;
  std::string_view line(tty + 5);
  int fd = ::open(_PATH_UTMP, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct utmp rec;
  bool found = false;
  while (!found && mc::ReadFull(fd, &rec, sizeof rec) == static_cast<long>(sizeof rec)) {
    if (rec.ut_type != USER_PROCESS && rec.ut_type != LOGIN_PROCESS) continue;
    if (std::string_view(rec.ut_line, strnlen(rec.ut_line, sizeof rec.ut_line)) != line) continue;
    name->assign(rec.ut_user, strnlen(rec.ut_user, sizeof rec.ut_user));
    found = !name->empty();
  }
  ::close(fd);
  return found;
}

}  // namespace

MC_APPLET(logname) {
  mc::cli::Parser parser(inv);
  std::vector<std::string> operands;
  if (auto rc = parser.Parse(&operands)) return *rc;
  if (!operands.empty()) return mc::UsageError(inv, "extra operand " + mc::QuoteC(operands[0]));
  std::string name;
  LoginUid l = FromLoginUid(&name);
  if (l == LoginUid::kFound || (l == LoginUid::kUnknown && FromUtmp(&name))) {
    inv.out().Write(name);
    inv.out().Put('\n');
    return 0;
  }
  mc::Warn(inv, "no login name");
  return 1;
}
