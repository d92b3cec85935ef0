/* @applet which
   @failcode 2
   @help
Usage: which [-a] COMMAND...
Print the path of the file each COMMAND would run as, searching PATH.

  -a              print every match in PATH, not only the first
      --help      display this help and exit
      --version   output version information and exit

A COMMAND holding a '/' is printed if it is an executable file.  An empty
PATH entry stands for the current directory.  Exit status: 0 if every
COMMAND was found, 1 if one was not (or none was given), 2 for a bad option.
*/
// Debian's which (debianutils): options only before the first COMMAND, as
// the shell's getopts reads them; a match is a regular file (after
// symlinks) that the caller may execute.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <string_view>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/output.h"
#include "registry/applet.h"

namespace {

bool IsExecutableFile(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
         ::faccessat(AT_FDCWD, path.c_str(), X_OK, AT_EACCESS) == 0;
}

}  // namespace

MC_APPLET(which) {
  auto args = inv.args();
  std::size_t i = 0;
  bool all = false;
  for (; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (a == "--help") return mc::cli::PrintHelp(inv);
    if (a == "--version") return mc::cli::PrintVersion(inv);
    if (a.size() < 2 || a[0] != '-') break;
    for (char c : a.substr(1)) {
      if (c != 'a') return mc::UsageError(inv, "invalid option -- '" + std::string(1, c) + "'");
      all = true;
    }
  }
  if (i == args.size()) return 1;
  std::string_view path = inv.GetEnv("PATH").value_or("");
  int rc = 0;
  for (; i < args.size(); ++i) {
    std::string_view name = args[i];
    bool found = false;
    if (name.find('/') != std::string_view::npos) {
      std::string p(name);
      if (IsExecutableFile(p)) {
        inv.out().Write(p);
        inv.out().Put('\n');
        found = true;
      }
    } else if (!path.empty()) {
      std::string_view rest = path;
      while (true) {
        std::size_t colon = rest.find(':');
        std::string_view dir = rest.substr(0, colon);
        std::string p(dir.empty() ? std::string_view(".") : dir);
        p += '/';
        p += name;
        if (IsExecutableFile(p)) {
          inv.out().Write(p);
          inv.out().Put('\n');
          found = true;
          if (!all) break;
        }
        if (colon == std::string_view::npos) break;
        rest.remove_prefix(colon + 1);
      }
    }
    if (!found) rc = 1;
  }
  return rc;
}
