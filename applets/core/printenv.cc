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

#include "applets/support/cli.h"
#include "registry/applet.h"

MC_APPLET(printenv) {
  bool null = false;
  std::vector<std::string> names;
  mc::cli::Parser p(inv);
  p.Flag("-0,--null", null);
  // GNU stops at the first VARIABLE: "printenv PATH -5" looks up "-5".
  p.StopAtFirstOperand();
  if (auto rc = p.Parse(&names)) return *rc;
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
