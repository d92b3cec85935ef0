/* @applet mknod
   @install bin
   @help
Usage: mknod [OPTION]... NAME TYPE [MAJOR MINOR]
Create the special file NAME of the given TYPE.

Mandatory arguments to long options are mandatory for short options too.
  -m, --mode=MODE    set file permission bits to MODE, not a=rw - umask
  -Z                   set the SELinux security context to default type
      --context[=CTX]  like -Z, or if CTX is specified then set the SELinux
                         or SMACK security context to CTX
      --help        display this help and exit
      --version     output version information and exit

Both MAJOR and MINOR must be specified when TYPE is b, c, or u, and they
must be omitted when TYPE is p.  If MAJOR or MINOR begins with 0x or 0X,
it is interpreted as hexadecimal; otherwise, if it begins with 0, as octal;
otherwise, as decimal.  TYPE may be:

  b      create a block (buffered) special file
  c, u   create a character (unbuffered) special file
  p      create a FIFO

NOTE: your shell may have its own version of mknod, which usually supersedes
the version described here.  Please refer to your shell's documentation
for details about the options it supports.
*/
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <cerrno>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/mode.h"
#include "applets/support/numbers.h"
#include "registry/applet.h"

namespace {

// A device number as GNU takes it: C's 0x.. hex, 0.. octal or decimal,
// below 2^32.
bool ParseDevice(std::string_view s, unsigned& out) {
  std::uintmax_t v;
  if (mc::ParseScaled(s, 0, "", v) != mc::NumError::kOk || v > 0xffffffffu) return false;
  out = static_cast<unsigned>(v);
  return true;
}

}  // namespace

MC_APPLET(mknod) {
  mc::cli::Parser p(inv);
  std::optional<std::string> mode_arg;
  bool selinux = false;
  std::optional<std::string> context;
  p.OnValue("-m,--mode", [&](const std::string& v) { mode_arg = v; });
  p.Flag("-Z", selinux);
  p.OptionalValue("--context", [&](std::optional<std::string_view> v) {
    if (v) context = std::string(*v);
  });
  std::vector<std::string> args;
  if (auto rc = p.Parse(&args)) return *rc;

  // Two operands for a FIFO (or too few to tell), else four.
  std::size_t expected = args.size() < 2 || args[1][0] == 'p' ? 2 : 4;
  if (args.size() < expected) {
    if (args.empty()) {
      mc::Warn(inv, "missing operand");
    } else {
      mc::Warn(inv, "missing operand after " + mc::QuoteC(args.back()));
    }
    if (expected == 4 && args.size() == 2) {
      std::string line = "Special files require major and minor device numbers.\n";
      mc::WriteAll(inv.err_fd(), line.data(), line.size());
    }
    return mc::UsageError(inv, "");
  }
  if (args.size() > expected) {
    mc::Warn(inv, "extra operand " + mc::QuoteC(args[expected]));
    if (expected == 2 && args.size() == 4) {
      std::string line = "Fifos do not have major and minor device numbers.\n";
      mc::WriteAll(inv.err_fd(), line.data(), line.size());
    }
    return mc::UsageError(inv, "");
  }
  if (context)
    mc::Warn(inv, "warning: ignoring --context; it requires an SELinux/SMACK-enabled kernel");

  mode_t mode = 0666;
  if (mode_arg) {
    auto changes = mc::mode::Compile(*mode_arg);
    if (!changes) mc::Die(inv, "invalid mode");
    mode = mc::mode::Apply(*changes, 0666, false, mc::mode::CurrentUmask());
    if (mode & ~static_cast<mode_t>(0777)) mc::Die(inv, "mode must specify only file permission bits");
  }

  const std::string& name = args[0];
  const std::string& type = args[1];
  switch (type[0]) {
    case 'b':
    case 'c':
    case 'u': {
      unsigned major, minor;
      if (!ParseDevice(args[2], major))
        mc::Die(inv, "invalid major device number " + mc::QuoteC(args[2]));
      if (!ParseDevice(args[3], minor))
        mc::Die(inv, "invalid minor device number " + mc::QuoteC(args[3]));
      dev_t dev = makedev(major, minor);
      if (dev == static_cast<dev_t>(-1))
        mc::Die(inv, "invalid device " + args[2] + " " + args[3]);
      if (::mknod(name.c_str(), mode | (type[0] == 'b' ? S_IFBLK : S_IFCHR), dev) != 0)
        mc::DieErrno(inv, mc::QuoteName(name), errno);
      break;
    }
    case 'p':
      if (::mkfifo(name.c_str(), mode) != 0) mc::DieErrno(inv, mc::QuoteName(name), errno);
      break;
    default:
      mc::Warn(inv, "invalid device type " + mc::QuoteC(type));
      return mc::UsageError(inv, "");
  }
  // -m is exact: the umask does not apply to it.
  if (mode_arg && ::chmod(name.c_str(), mode) != 0)
    mc::DieErrno(inv, "cannot set permissions of " + mc::Quote(name), errno);
  return 0;
}
