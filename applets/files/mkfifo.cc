/* @applet mkfifo
   @install usr/bin
   @help
Usage: mkfifo [OPTION]... NAME...
Create named pipes (FIFOs) with the given NAMEs.

Mandatory arguments to long options are mandatory for short options too.
  -m, --mode=MODE    set file permission bits to MODE, not a=rw - umask
  -Z                   set the SELinux security context to default type
      --context[=CTX]  like -Z, or if CTX is specified then set the SELinux
                         or SMACK security context to CTX
      --help        display this help and exit
      --version     output version information and exit
*/
#include <sys/stat.h>

#include <cerrno>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/mode.h"
#include "registry/applet.h"

MC_APPLET(mkfifo) {
  mc::cli::Parser p(inv);
  std::string mode_arg;
  bool have_mode = false, selinux = false;
  std::optional<std::string> context;
  p.OnValue("-m,--mode", [&](const std::string& v) {
    mode_arg = v;
    have_mode = true;
  });
  p.Flag("-Z", selinux);
  p.OptionalValue("--context", [&](std::optional<std::string_view> v) {
    if (v) context = std::string(*v);
  });
  std::vector<std::string> names;
  if (auto rc = p.Parse(&names)) return *rc;
  if (names.empty()) return mc::UsageError(inv, "missing operand");
  if (context)
    mc::Warn(inv, "warning: ignoring --context; it requires an SELinux/SMACK-enabled kernel");
  mode_t mode = 0666;
  if (have_mode) {
    auto changes = mc::mode::Compile(mode_arg);
    if (!changes) {
      mc::Warn(inv, "invalid mode");
      return 1;
    }
    mode = mc::mode::Apply(*changes, 0666, false, mc::mode::CurrentUmask());
  }
  int status = 0;
  for (const std::string& n : names) {
    if (::mkfifo(n.c_str(), mode) != 0) {
      mc::Warn(inv, "cannot create fifo " + mc::Quote(n) + ": " + std::string(mc::ErrorText(errno)));
      status = 1;
      continue;
    }
    // -m is exact: the umask does not apply to it.
    if (have_mode && ::chmod(n.c_str(), mode) != 0) {
      mc::Warn(inv, "cannot set permissions of " + mc::Quote(n) + ": " +
                        std::string(mc::ErrorText(errno)));
      status = 1;
    }
  }
  return status;
}
