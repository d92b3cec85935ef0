/* @applet dirname
   @help
Usage: dirname [OPTION] NAME...
Output each NAME with its last non-slash component and trailing slashes
removed; if NAME contains no /'s, output '.' (meaning the current directory).

  -z, --zero     end each output line with NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

Examples:
  dirname /usr/bin/          -> "/usr"
  dirname dir1/str dir2/str  -> "dir1" followed by "dir2"
  dirname stdio.h            -> "."
*/
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "registry/applet.h"

namespace {

// POSIX dirname on Linux (where "//" is the same root as "/").
std::string_view DirName(std::string_view name) {
  std::size_t end = name.find_last_not_of('/');
  if (end == std::string_view::npos) return name.empty() ? "." : "/";
  std::size_t slash = name.rfind('/', end);
  if (slash == std::string_view::npos) return ".";
  std::size_t keep = name.find_last_not_of('/', slash);
  if (keep == std::string_view::npos) return "/";
  return name.substr(0, keep + 1);
}

}  // namespace

MC_APPLET(dirname) {
  bool zero = false;
  std::vector<std::string> names;
  mc::cli::Parser p(inv);
  p.Flag("-z,--zero", zero);
  if (auto rc = p.Parse(&names)) return *rc;
  if (names.empty()) return mc::UsageError(inv, "missing operand");
  mc::Output& out = inv.out();
  for (const auto& n : names) {
    out.Write(DirName(n));
    out.Put(zero ? '\0' : '\n');
  }
  return 0;
}
