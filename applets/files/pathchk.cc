/* @applet pathchk
   @install usr/bin
   @help
Usage: pathchk [OPTION]... NAME...
Diagnose invalid or unportable file names.

  -p                  check for most POSIX systems
  -P                  check for empty names and leading "-"
      --portability   check for all POSIX systems (equivalent to -p -P)
      --help        display this help and exit
      --version     output version information and exit
*/
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "registry/applet.h"

namespace {

constexpr std::size_t kPosixPathMax = 256;  // _POSIX_PATH_MAX
constexpr std::size_t kPosixNameMax = 14;   // _POSIX_NAME_MAX

std::string Decimal(std::size_t v) {
  char buf[24];
  int n = 0;
  do buf[n++] = static_cast<char>('0' + v % 10);
  while (v /= 10);
  std::string s;
  while (n) s += buf[--n];
  return s;
}

// Start of the next component at or after i (past any slashes).
std::size_t ComponentStart(const std::string& f, std::size_t i) {
  while (i < f.size() && f[i] == '/') ++i;
  return i;
}

std::size_t ComponentLen(const std::string& f, std::size_t i) {
  std::size_t n = 0;
  while (i + n < f.size() && f[i + n] != '/') ++n;
  return n;
}

bool Validate(mc::Invocation& inv, const std::string& file, bool basic, bool extra) {
  if (extra) {
    for (std::size_t i = 0; i < file.size(); ++i) {
      if (file[i] == '-' && (i == 0 || file[i - 1] == '/')) {
        mc::Warn(inv, "leading '-' in a component of file name " + mc::Quote(file));
        return false;
      }
    }
  }
  if ((basic || extra) && file.empty()) {
    mc::Warn(inv, "empty file name");
    return false;
  }
  bool exists = false;
  if (basic) {
    static constexpr std::string_view kPortable =
        "/ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
    std::size_t bad = std::string_view(file).find_first_not_of(kPortable);
    if (bad != std::string_view::npos) {
      // The C locale: one byte is one character.
      mc::Warn(inv, "nonportable character " + mc::QuoteC(std::string_view(file).substr(bad, 1)) +
                        " in file name " + mc::Quote(file));
      return false;
    }
  } else {
    struct stat st;
    if (::lstat(file.c_str(), &st) == 0) {
      exists = true;
    } else if (errno != ENOENT || file.empty()) {
      mc::WarnErrno(inv, mc::QuoteName(file), errno);
      return false;
    }
  }

  if (basic || (!exists && file.size() >= kPosixPathMax)) {
    std::size_t maxsize;
    if (basic) {
      maxsize = kPosixPathMax;
    } else {
      // pathconf(_PC_PATH_MAX) on Linux: PATH_MAX, whatever the directory.
      maxsize = PATH_MAX;
    }
    if (maxsize <= file.size()) {
      mc::Warn(inv, "limit " + Decimal(maxsize - 1) + " exceeded by length " + Decimal(file.size()) +
                        " of file name " + mc::Quote(file));
      return false;
    }
  }

  bool check_components = basic;
  if (!check_components && !exists) {
    for (std::size_t i = ComponentStart(file, 0); i < file.size(); i = ComponentStart(file, i)) {
      std::size_t len = ComponentLen(file, i);
      if (len > kPosixNameMax) {
        check_components = true;
        break;
      }
      i += len;
    }
  }
  if (check_components) {
    std::size_t name_max = kPosixNameMax;
    std::size_t known = basic ? kPosixNameMax : 0;
    for (std::size_t i = ComponentStart(file, 0); i < file.size(); i = ComponentStart(file, i)) {
      if (known) {
        name_max = known;
      } else {
        // The limit of the directory holding this component.
        std::string dir = i == 0 ? "." : file.substr(0, i);
        // pathconf(_PC_NAME_MAX) as glibc computes it on Linux, without
        // the pathconf machinery (which costs 100 KiB in a static binary).
        struct statfs fs;
        if (::statfs(dir.c_str(), &fs) == 0) {
          name_max = fs.f_namelen > 0 ? static_cast<std::size_t>(fs.f_namelen) : SIZE_MAX;
        } else if (errno == ENOSYS) {
          name_max = NAME_MAX;
        } else if (errno == ENOENT) {
          known = name_max;  // missing: its parent's limit
        } else {
          mc::WarnErrno(inv, mc::QuoteName(dir), errno);
          return false;
        }
      }
      std::size_t len = ComponentLen(file, i);
      if (name_max < len) {
        mc::Warn(inv, "limit " + Decimal(name_max) + " exceeded by length " + Decimal(len) +
                          " of file name component " + mc::QuoteC(std::string_view(file).substr(i, len)));
        return false;
      }
      i += len;
    }
  }
  return true;
}

}  // namespace

MC_APPLET(pathchk) {
  mc::cli::Parser p(inv);
  bool basic = false, extra = false;
  p.Flag("-p", basic);
  p.Flag("-P", extra);
  p.OnFlag("--portability", [&] { basic = extra = true; });
  p.StopAtFirstOperand();
  std::vector<std::string> names;
  if (auto rc = p.Parse(&names)) return *rc;
  if (names.empty()) return mc::UsageError(inv, "missing operand");
  bool ok = true;
  for (const std::string& n : names) ok &= Validate(inv, n, basic, extra);
  return ok ? 0 : 1;
}
