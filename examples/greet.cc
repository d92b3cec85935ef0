/* @applet greet
   @help
Usage: greet [-u] [NAME]...
Print a greeting for each NAME (default: world).

  -u, --upper   shout it
      --help    display this help and exit
      --version output version information and exit
*/
// A third party's own applet: the same shape as the project's.
#include <cctype>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "registry/applet.h"

MC_APPLET(greet) {
  bool upper = false;
  mc::cli::Parser parser(inv);
  parser.Flag("-u,--upper", upper);
  std::vector<std::string> names;
  if (auto rc = parser.Parse(&names)) return *rc;
  if (names.empty()) names.push_back("world");
  for (const auto& n : names) {
    std::string line = "hello, " + n + "\n";
    if (upper)
      for (char& c : line) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    inv.out().Write(line);
  }
  return 0;
}
