/* @applet basename
   @help
Usage: basename NAME [SUFFIX]
  or:  basename OPTION... NAME...
Print NAME with any leading directory components removed.
If specified, also remove a trailing SUFFIX.

Mandatory arguments to long options are mandatory for short options too.
  -a, --multiple       support multiple arguments and treat each as a NAME
  -s, --suffix=SUFFIX  remove a trailing SUFFIX; implies -a
  -z, --zero           end each output line with NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

Examples:
  basename /usr/bin/sort          -> "sort"
  basename include/stdio.h .h     -> "stdio"
  basename -s .h include/stdio.h  -> "stdio"
  basename -a any/str1 any/str2   -> "str1" followed by "str2"
*/
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "registry/applet.h"

namespace {

// The last component of name without trailing slashes; "/" when name is
// only slashes, "" when it is empty.
std::string_view LastComponent(std::string_view name) {
  std::size_t end = name.find_last_not_of('/');
  if (end == std::string_view::npos) return name.empty() ? name : name.substr(0, 1);
  name = name.substr(0, end + 1);
  std::size_t slash = name.rfind('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

void PrintBase(mc::Output& out, std::string_view name, std::optional<std::string_view> suffix,
               char end) {
  std::string_view base = LastComponent(name);
  // The suffix goes only when something is left and the base is not "/".
  if (suffix && !base.empty() && base.front() != '/' && base.size() > suffix->size() &&
      base.substr(base.size() - suffix->size()) == *suffix)
    base.remove_suffix(suffix->size());
  out.Write(base);
  out.Put(end);
}

}  // namespace

MC_APPLET(basename) {
  bool multiple = false, zero = false;
  std::optional<std::string> suffix;
  std::vector<std::string> names;
  mc::cli::Parser p(inv);
  p.Flag("-a,--multiple", multiple);
  p.OnValue("-s,--suffix", [&](const std::string& v) { suffix = v; });
  p.Flag("-z,--zero", zero);
  // GNU stops at the first NAME ("+as:z"): a SUFFIX such as "-a" is an operand.
  p.StopAtFirstOperand();
  if (auto rc = p.Parse(&names)) return *rc;
  if (suffix) multiple = true;
  if (names.empty()) return mc::UsageError(inv, "missing operand");
  const char end = zero ? '\0' : '\n';
  mc::Output& out = inv.out();
  if (multiple) {
    for (const auto& n : names) PrintBase(out, n, suffix, end);
    return 0;
  }
  if (names.size() > 2) return mc::UsageError(inv, "extra operand " + mc::QuoteC(names[2]));
  std::optional<std::string_view> sfx;
  if (names.size() == 2) sfx = names[1];
  PrintBase(out, names[0], sfx, end);
  return 0;
}
