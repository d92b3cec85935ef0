/* @applet echo
   @install bin
   @help
Usage: echo [SHORT-OPTION]... [STRING]...
  or:  echo LONG-OPTION
Echo the STRING(s) to standard output.

  -n             do not output the trailing newline
  -e             enable interpretation of backslash escapes
  -E             disable interpretation of backslash escapes (default)
      --help     display this help and exit
      --version  output version information and exit

If -e is in effect, the following sequences are recognized:

  \\      backslash
  \a      alert (BEL)
  \b      backspace
  \c      produce no further output
  \e      escape
  \f      form feed
  \n      new line
  \r      carriage return
  \t      horizontal tab
  \v      vertical tab
  \0NNN   byte with octal value NNN (1 to 3 digits)
  \xHH    byte with hexadecimal value HH (1 to 2 digits)

With POSIXLY_CORRECT set, options are recognized only when the first
argument is -n, and escapes are always interpreted.
*/
#include <string_view>

#include "applets/support/cli.h"
#include "registry/applet.h"

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Writes s with echo -e escapes; false when \c stops all output.
bool WriteEscaped(mc::Output& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c != '\\' || i + 1 == s.size()) {
      out.Put(c);
      continue;
    }
    char e = s[++i];
    switch (e) {
      case 'a': out.Put('\a'); break;
      case 'b': out.Put('\b'); break;
      case 'c': return false;
      case 'e': out.Put('\x1b'); break;
      case 'f': out.Put('\f'); break;
      case 'n': out.Put('\n'); break;
      case 'r': out.Put('\r'); break;
      case 't': out.Put('\t'); break;
      case 'v': out.Put('\v'); break;
      case '\\': out.Put('\\'); break;
      case 'x': {
        int v = 0, digits = 0;
        while (digits < 2 && i + 1 < s.size() && HexValue(s[i + 1]) >= 0) {
          v = v * 16 + HexValue(s[++i]);
          ++digits;
        }
        if (digits == 0) {
          out.Write("\\x");
        } else {
          out.Put(static_cast<char>(v));
        }
        break;
      }
      case '0': {
        int v = 0, digits = 0;
        while (digits < 3 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7') {
          v = v * 8 + (s[++i] - '0');
          ++digits;
        }
        out.Put(static_cast<char>(v));
        break;
      }
      default:
        out.Put('\\');
        out.Put(e);
    }
  }
  return true;
}

}  // namespace

MC_APPLET(echo) {
  auto args = inv.args();
  const bool posix = inv.posixly_correct();
  if (!posix)
    if (auto rc = mc::cli::SoleHelpOrVersion(inv)) return *rc;
  bool newline = true, escapes = false;
  std::size_t first = 0;
  // Leading arguments made only of -n, -e, -E letters are options; with
  // POSIXLY_CORRECT only when the first one is exactly -n (as GNU's).
  const bool options = !posix || (!args.empty() && std::string_view(args[0]) == "-n");
  for (; options && first < args.size(); ++first) {
    std::string_view a = args[first];
    if (a.size() < 2 || a[0] != '-') break;
    if (a.find_first_not_of("neE", 1) != std::string_view::npos) break;
    for (char c : a.substr(1)) {
      if (c == 'n') newline = false;
      else escapes = c == 'e';
    }
  }
  if (posix) escapes = true;  // POSIX echo interprets escapes, whatever -E says
  mc::Output& out = inv.out();
  for (std::size_t i = first; i < args.size(); ++i) {
    if (i > first) out.Put(' ');
    if (escapes) {
      if (!WriteEscaped(out, args[i])) return 0;
    } else {
      out.Write(args[i]);
    }
  }
  if (newline) out.Put('\n');
  return 0;
}
