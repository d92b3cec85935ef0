/* @applet pwd
   @install bin
   @help
Usage: pwd [OPTION]...
Print the full filename of the current working directory.

  -L, --logical   use PWD from environment, even if it contains symlinks
  -P, --physical  avoid all symlinks
      --help        display this help and exit
      --version     output version information and exit

If no option is specified, -P is assumed.

NOTE: your shell may have its own version of pwd, which usually supersedes
the version described here.  Please refer to your shell's documentation
for details about the options it supports.
*/
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "registry/applet.h"

namespace {

bool SameFile(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// $PWD, when it is absolute, free of "." and ".." components and names the
// current directory.
std::optional<std::string> LogicalCwd(const mc::Invocation& inv) {
  auto pwd = inv.GetEnv("PWD");
  if (!pwd || pwd->empty() || pwd->front() != '/') return std::nullopt;
  std::string_view p = *pwd;
  for (std::size_t i = 0; (i = p.find("/.", i)) != std::string_view::npos; ++i) {
    std::size_t after = i + 2;
    if (after < p.size() && p[after] == '.') ++after;
    if (after == p.size() || p[after] == '/') return std::nullopt;
  }
  std::string path(p);
  struct stat a, b;
  if (::stat(path.c_str(), &a) != 0 || ::stat(".", &b) != 0 || !SameFile(a, b))
    return std::nullopt;
  return path;
}

struct DirCloser {
  void operator()(DIR* d) const { ::closedir(d); }
};

// Walks up through "..", finding each directory's name in its parent, for
// when getcwd() cannot help (a removed directory, unusual permissions).
// Reports failures as GNU pwd does; nullopt after a report.
std::optional<std::string> WalkUp(const mc::Invocation& inv) {
  std::vector<std::string> names;
  std::string dots;  // "..", "../..", ... for messages
  int cur = ::open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (cur < 0) {
    mc::Warn(inv, "cannot open directory " + mc::QuoteC(".") + ": " +
                      std::string(mc::ErrorText(errno)));
    return std::nullopt;
  }
  struct stat cur_st;
  if (::fstat(cur, &cur_st) != 0) {
    mc::Warn(inv, "failed to stat " + mc::QuoteC(".") + ": " +
                      std::string(mc::ErrorText(errno)));
    ::close(cur);
    return std::nullopt;
  }
  for (;;) {
    dots += dots.empty() ? ".." : "/..";
    int parent = ::openat(cur, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ::close(cur);
    if (parent < 0) {
      mc::Warn(inv, "cannot open directory " + mc::QuoteC(dots) + ": " +
                        std::string(mc::ErrorText(errno)));
      return std::nullopt;
    }
    struct stat parent_st;
    if (::fstat(parent, &parent_st) != 0) {
      mc::Warn(inv, "failed to stat " + mc::QuoteC(dots) + ": " +
                        std::string(mc::ErrorText(errno)));
      ::close(parent);
      return std::nullopt;
    }
    if (SameFile(parent_st, cur_st)) {  // the root is its own parent
      ::close(parent);
      break;
    }
    int scan = ::dup(parent);
    std::unique_ptr<DIR, DirCloser> dir(scan >= 0 ? ::fdopendir(scan) : nullptr);
    if (!dir) {
      if (scan >= 0) ::close(scan);
      mc::Warn(inv, "cannot open directory " + mc::QuoteC(dots) + ": " +
                        std::string(mc::ErrorText(errno)));
      ::close(parent);
      return std::nullopt;
    }
    bool found = false;
    const bool same_dev = parent_st.st_dev == cur_st.st_dev;
    errno = 0;
    while (dirent* e = ::readdir(dir.get())) {
      std::string_view n = e->d_name;
      if (n == "." || n == "..") continue;
      if (same_dev && e->d_ino != cur_st.st_ino) continue;
      struct stat st;
      if (::fstatat(parent, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      if (SameFile(st, cur_st)) {
        names.emplace_back(n);
        found = true;
        break;
      }
    }
    if (!found) {
      ::close(parent);
      mc::Warn(inv, "couldn't find directory entry in " + mc::QuoteC(dots) +
                        " with matching i-node");
      return std::nullopt;
    }
    cur = parent;
    cur_st = parent_st;
  }
  std::string path;
  for (auto it = names.rbegin(); it != names.rend(); ++it) path += "/" + *it;
  if (path.empty()) path = "/";
  return path;
}

}  // namespace

MC_APPLET(pwd) {
  bool logical = inv.posixly_correct();
  std::vector<std::string> operands;
  mc::cli::Parser p(inv);
  p.OnFlag("-L,--logical", [&] { logical = true; });
  p.OnFlag("-P,--physical", [&] { logical = false; });
  if (auto rc = p.Parse(&operands)) return *rc;
  if (!operands.empty()) mc::Warn(inv, "ignoring non-option arguments");

  std::optional<std::string> cwd;
  if (logical) cwd = LogicalCwd(inv);
  if (!cwd) {
    if (char* buf = ::getcwd(nullptr, 0)) {
      cwd = std::string(buf);
      std::free(buf);
    } else {
      cwd = WalkUp(inv);
      if (!cwd) return 1;
    }
  }
  mc::Output& out = inv.out();
  out.Write(*cwd);
  out.Put('\n');
  return 0;
}
