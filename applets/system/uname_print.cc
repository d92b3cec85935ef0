#include "applets/system/uname_print.h"

#include <sys/utsname.h>

#include <cerrno>
#include <string_view>

#include "applets/support/diag.h"

namespace mc::uname {

int Print(Invocation& inv, unsigned what) {
  bool first = true;
  auto element = [&](std::string_view s) {
    if (!first) inv.out().Put(' ');
    first = false;
    inv.out().Write(s);
  };
  if (what & (kKernelName | kNodeName | kRelease | kVersion | kMachine)) {
    struct utsname u;
    if (::uname(&u) != 0) {
      WarnErrno(inv, "cannot get system name", errno);
      return 1;
    }
    if (what & kKernelName) element(u.sysname);
    if (what & kNodeName) element(u.nodename);
    if (what & kRelease) element(u.release);
    if (what & kVersion) element(u.version);
    if (what & kMachine) element(u.machine);
  }
  // Linux has no processor type or hardware platform to report: GNU prints
  // "unknown" when asked for them and leaves them out of -a.
  if ((what & kProcessor) && what != kAll) element("unknown");
  if ((what & kPlatform) && what != kAll) element("unknown");
  if (what & kOs) element("GNU/Linux");
  inv.out().Put('\n');
  return 0;
}

}  // namespace mc::uname
