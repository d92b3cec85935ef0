/* @applet rmdir
   @install bin
   @help
Usage: rmdir [OPTION]... DIRECTORY...
Remove the DIRECTORY(ies), if they are empty.

      --ignore-fail-on-non-empty
                    ignore each failure that is solely because a directory
                    is non-empty

  -p, --parents     remove DIRECTORY and its ancestors; e.g., 'rmdir -p a/b/c'
                    is similar to 'rmdir a/b/c a/b a'

  -v, --verbose     output a diagnostic for every directory processed
      --help        display this help and exit
      --version     output version information and exit
*/
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "registry/applet.h"

namespace {

struct Options {
  bool ignore_non_empty = false;
  bool parents = false;
  bool verbose = false;
};

// Whether the directory has entries besides . and .. (false if unreadable).
bool NonEmpty(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  DIR* d = ::fdopendir(fd);
  if (!d) {
    ::close(fd);
    return false;
  }
  bool found = false;
  while (dirent* e = ::readdir(d)) {
    std::string_view n = e->d_name;
    if (n != "." && n != "..") {
      found = true;
      break;
    }
  }
  ::closedir(d);
  return found;
}

// A failure --ignore-fail-on-non-empty ignores: the directory is not empty,
// whatever errno says (EACCES and kin do not say).
bool Ignorable(const Options& o, int err, const std::string& dir) {
  if (!o.ignore_non_empty) return false;
  if (err == ENOTEMPTY || err == EEXIST) return true;
  if (err == EACCES || err == EPERM || err == EROFS || err == EBUSY) return NonEmpty(dir);
  return false;
}

void Verbose(mc::Invocation& inv, std::string_view dir) {
  std::string line(inv.prog());
  line += ": removing directory, ";
  line += mc::Quote(dir);
  line += '\n';
  inv.out().Write(line);
}

// "DIR/" naming a symlink to a directory: rmdir() says ENOTDIR, GNU says why.
int Explain(const std::string& dir, int err) {
  if (err != ENOTDIR || dir.empty() || dir.back() != '/') return err;
  std::string bare = dir;
  while (bare.size() > 1 && bare.back() == '/') bare.pop_back();
  struct stat l, s;
  if (::lstat(bare.c_str(), &l) == 0 && S_ISLNK(l.st_mode) && ::stat(bare.c_str(), &s) == 0 &&
      S_ISDIR(s.st_mode))
    return ELOOP;
  return err;
}

bool RemoveParents(mc::Invocation& inv, const Options& o, std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  for (;;) {
    std::size_t slash = dir.rfind('/');
    if (slash == std::string::npos) return true;
    while (slash > 0 && dir[slash] == '/') --slash;
    dir.resize(slash + 1);
    if (dir == "/") return true;
    if (o.verbose) Verbose(inv, dir);
    if (::rmdir(dir.c_str()) != 0) {
      int err = errno;
      if (Ignorable(o, err, dir)) return true;
      mc::Warn(inv, "failed to remove directory " + mc::Quote(dir) + ": " +
                        std::string(mc::ErrorText(err)));
      return false;
    }
  }
}

}  // namespace

MC_APPLET(rmdir) {
  mc::cli::Parser p(inv);
  Options o;
  p.Flag("--ignore-fail-on-non-empty", o.ignore_non_empty);
  p.Flag("-p,--parents", o.parents);
  p.Flag("-v,--verbose", o.verbose);
  std::vector<std::string> dirs;
  if (auto rc = p.Parse(&dirs)) return *rc;
  if (dirs.empty()) return mc::UsageError(inv, "missing operand");
  int status = 0;
  for (const std::string& d : dirs) {
    if (o.verbose) Verbose(inv, d);
    if (::rmdir(d.c_str()) != 0) {
      int err = errno;
      if (Ignorable(o, err, d)) continue;
      err = Explain(d, err);
      std::string why = err == ELOOP ? "Symbolic link not followed" : std::string(mc::ErrorText(err));
      mc::Warn(inv, "failed to remove " + mc::Quote(d) + ": " + why);
      status = 1;
      continue;
    }
    if (o.parents && !RemoveParents(inv, o, d)) status = 1;
  }
  return status;
}
