/* @applet mkdir
   @install bin
   @help
Usage: mkdir [OPTION]... DIRECTORY...
Create the DIRECTORY(ies), if they do not already exist.

Mandatory arguments to long options are mandatory for short options too.
  -m, --mode=MODE   set file mode (as in chmod), not a=rwx - umask
  -p, --parents     no error if existing, make parent directories as needed,
                    with their file modes unaffected by any -m option.
  -v, --verbose     print a message for each created directory
  -Z                   set SELinux security context of each created directory
                         to the default type
      --context[=CTX]  like -Z, or if CTX is specified then set the SELinux
                         or SMACK security context to CTX
      --help        display this help and exit
      --version     output version information and exit
*/
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/mode.h"
#include "registry/applet.h"

namespace {

struct Options {
  bool parents = false;
  bool verbose = false;
  bool have_mode = false;
  mode_t mode = 0777;       // for the last component
  mode_t mode_bits = 0;     // bits -m set or cleared explicitly
  mode_t umask_value = 0;
};

void Created(mc::Invocation& inv, std::string_view name) {
  std::string line(inv.prog());
  line += ": created directory ";
  line += mc::Quote(name);
  line += '\n';
  inv.out().Write(line);
}

bool Fail(mc::Invocation& inv, std::string_view name, int err) {
  mc::Warn(inv, "cannot create directory " + mc::Quote(name) + ": " +
                    std::string(mc::ErrorText(err)));
  return false;
}

// Creates the last component, name, in dirfd; shown is the operand for
// messages. -m modes are exact (umask 0 for the call), as GNU's.
bool MakeLast(mc::Invocation& inv, const Options& o, int dirfd, const char* name,
              std::string_view shown) {
  mode_t old_umask = 0;
  if (o.have_mode) old_umask = ::umask(0);
  int rc = ::mkdirat(dirfd, name, o.mode);
  int err = errno;
  if (o.have_mode) ::umask(old_umask);
  if (rc != 0) {
    if (o.parents && err == EEXIST) {
      struct stat st;
      if (::fstatat(dirfd, name, &st, 0) == 0 && S_ISDIR(st.st_mode)) return true;
    }
    return Fail(inv, shown, err);
  }
  if (o.verbose) Created(inv, shown);
  // mkdir() may drop set-id and sticky bits (or inherit set-group-ID):
  // set the bits -m named when the result differs.
  if (o.have_mode && (o.mode_bits & 07000)) {
    struct stat st;
    if (::fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        ((st.st_mode ^ o.mode) & o.mode_bits & 07777) != 0 &&
        ::fchmodat(dirfd, name, o.mode, 0) != 0) {
      mc::Warn(inv, "cannot set permissions of " + mc::Quote(shown) + ": " +
                        std::string(mc::ErrorText(errno)));
      return false;
    }
  }
  return true;
}

// mkdir -p: each component from a descriptor of its parent, so paths of any
// length work. Ancestors get a=rwx - umask, plus u+wx so the walk can go on.
bool MakeParents(mc::Invocation& inv, const Options& o, const std::string& path) {
  if (path.empty()) return Fail(inv, path, ENOENT);
  std::size_t end = path.size();
  while (end > 1 && path[end - 1] == '/') --end;
  std::size_t pos = 0;
  int dirfd = AT_FDCWD;
  if (!path.empty() && path[0] == '/') {
    dirfd = ::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) return Fail(inv, "/", errno);
    while (pos < path.size() && path[pos] == '/') ++pos;
  }
  auto close_fd = [&] {
    if (dirfd >= 0) ::close(dirfd);
  };
  bool ok = true;
  while (true) {
    std::size_t slash = path.find('/', pos);
    if (slash == std::string::npos || slash >= end) {
      // The last component (or "/" itself).
      std::string last = path.substr(pos, end - pos);
      if (last.empty()) last = ".";
      ok = MakeLast(inv, o, dirfd, last.c_str(), path);
      break;
    }
    std::string comp = path.substr(pos, slash - pos);
    std::string_view prefix(path.data(), slash);
    if (comp != "." && comp != "..") {
      if (::mkdirat(dirfd, comp.c_str(), 0777) == 0) {
        if ((o.umask_value & 0300) &&
            ::fchmodat(dirfd, comp.c_str(), (0777 & ~o.umask_value) | 0300, 0) != 0) {
          ok = Fail(inv, prefix, errno);
          break;
        }
        if (o.verbose) Created(inv, prefix);
      } else if (errno != EEXIST) {
        ok = Fail(inv, prefix, errno);
        break;
      }
    }
    int next = ::openat(dirfd, comp.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (next < 0) {
      ok = Fail(inv, prefix, errno);
      break;
    }
    close_fd();
    dirfd = next;
    pos = slash;
    while (pos < path.size() && path[pos] == '/') ++pos;
  }
  close_fd();
  return ok;
}

}  // namespace

MC_APPLET(mkdir) {
  mc::cli::Parser p(inv);
  Options o;
  std::string mode_arg;
  bool have_mode = false, selinux = false;
  std::optional<std::string> context;
  p.OnValue("-m,--mode", [&](const std::string& v) {
    mode_arg = v;
    have_mode = true;
  });
  p.Flag("-p,--parents", o.parents);
  p.Flag("-v,--verbose", o.verbose);
  p.Flag("-Z", selinux);
  p.OptionalValue("--context", [&](std::optional<std::string_view> v) {
    if (v) context = std::string(*v);
  });
  std::vector<std::string> dirs;
  if (auto rc = p.Parse(&dirs)) return *rc;
  if (dirs.empty()) return mc::UsageError(inv, "missing operand");
  // Without SELinux or SMACK, GNU accepts -Z silently and warns about a
  // context it cannot set.
  if (context)
    mc::Warn(inv, "warning: ignoring --context; it requires an SELinux/SMACK-enabled kernel");
  o.umask_value = mc::mode::CurrentUmask();
  if (have_mode) {
    auto changes = mc::mode::Compile(mode_arg);
    if (!changes) {
      mc::Warn(inv, "invalid mode " + mc::QuoteC(mode_arg));
      return 1;
    }
    o.have_mode = true;
    o.mode = mc::mode::Apply(*changes, 0777, true, o.umask_value, &o.mode_bits);
  }
  int status = 0;
  for (const std::string& d : dirs) {
    bool ok = o.parents ? MakeParents(inv, o, d) : MakeLast(inv, o, AT_FDCWD, d.c_str(), d);
    if (!ok) status = 1;
  }
  return status;
}
