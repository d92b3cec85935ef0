/* @applet printenv
   @failcode 2
   @help
Usage: printenv [OPTION]... [VARIABLE]...
Print the values of the specified environment VARIABLE(s).
If no VARIABLE is specified, print name and value pairs for them all.

  -0, --null     end each output line with NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

NOTE: your shell may have its own version of printenv, which usually supersedes
the version described here.  Please refer to your shell's documentation
for details about the options it supports.
*/
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/core/getopt.h"
#include "registry/applet.h"

MC_APPLET(printenv) {
  static constexpr mc::core::LongOption kLongOptions[] = {
      {"null", mc::core::ArgKind::kNone, '0'},
  };
  bool null = false;
  std::vector<std::string> args(inv.args().begin(), inv.args().end());
  std::vector<std::string> names;
  std::size_t index = 0;
  mc::core::OptionSpec spec;
  spec.shorts = "0";
  spec.longs = kLongOptions;
  // GNU stops at the first VARIABLE: "printenv PATH -5" looks up "-5".
  spec.stop_at_operand = true;
  auto rc = mc::core::ParseOptions(inv, spec, args, &index, &names,
                                   [&](int, std::optional<std::string>) -> std::optional<int> {
                                     null = true;
                                     return std::nullopt;
                                   });
  if (rc) return *rc;
  names.insert(names.end(), args.begin() + static_cast<long>(index), args.end());
  const char end = null ? '\0' : '\n';
  mc::Output& out = inv.out();
  char** env = inv.env();
  if (names.empty()) {
    for (char** e = env; e && *e; ++e) {
      out.Write(*e);
      out.Put(end);
    }
    return 0;
  }
  bool all_found = true;
  for (const std::string& name : names) {
    bool found = false;
    // A name never holds '='; every entry of that name is printed, as GNU does.
    if (!name.empty() && name.find('=') == std::string::npos) {
      for (char** e = env; e && *e; ++e) {
        std::string_view kv = *e;
        if (kv.size() > name.size() && kv[name.size()] == '=' &&
            kv.compare(0, name.size(), name) == 0) {
          out.Write(kv.substr(name.size() + 1));
          out.Put(end);
          found = true;
        }
      }
    }
    if (!found) all_found = false;
  }
  return all_found ? 0 : 1;
}
