/* @applet nice
   @failcode 125
   @help
Usage: nice [OPTION] [COMMAND [ARG]...]
Run COMMAND with an adjusted niceness, which affects process scheduling.
With no COMMAND, print the current niceness.  Niceness values range from
-20 (most favorable to the process) to 19 (least favorable to the process).

Mandatory arguments to long options are mandatory for short options too.
  -n, --adjustment=N   add integer N to the niceness (default 10)
      --help        display this help and exit
      --version     output version information and exit

NOTE: your shell may have its own version of nice, which usually supersedes
the version described here.  Please refer to your shell's documentation
for details about the options it supports.
*/
// Options are read by hand here, not with mc::cli::Parser: GNU's nice
// takes the obsolete "-NUM" form ("nice -5 cmd", "nice --5 cmd") anywhere
// among its options, which getopt-style parsing cannot express. The rest
// follows getopt_long: -n N, -nN, --adjustment[=]N and its abbreviations,
// "--", and options end at the command.
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/system/ident.h"
#include "registry/applet.h"

namespace {

constexpr int kCanceled = 125, kCannotInvoke = 126, kNotFound = 127;
constexpr long kMinAdjust = -39, kMaxAdjust = 39;  // 1 - 2*NZERO .. 2*NZERO - 1

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// xstrtol with no suffixes: blanks, a sign, digits; overflow clamps.
bool ParseAdjustment(std::string_view s, long* out) {
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) ++i;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  if (i == s.size() || !IsDigit(s[i])) return false;
  long v = 0;
  for (; i < s.size() && IsDigit(s[i]); ++i) v = v > 1000 ? 1000 : v * 10 + (s[i] - '0');
  if (i != s.size()) return false;
  v = neg ? -v : v;
  *out = v < kMinAdjust ? kMinAdjust : v > kMaxAdjust ? kMaxAdjust : v;
  return true;
}

}  // namespace

MC_APPLET(nice) {
  auto args = inv.args();
  std::size_t i = 0;
  std::optional<std::string> given;
  while (i < args.size()) {
    std::string_view a = args[i];
    std::size_t digit = a.size() >= 2 && (a[1] == '-' || a[1] == '+') ? 2 : 1;
    if (a.size() > digit && a[0] == '-' && IsDigit(a[digit])) {
      given = std::string(a.substr(1));  // -NUM, --NUM, -+NUM
      ++i;
      continue;
    }
    if (a == "--") {
      ++i;
      break;
    }
    if (a.size() < 2 || a[0] != '-') break;  // the command
    if (a[1] == '-') {
      std::string_view name = a.substr(2), value;
      bool has_value = false;
      if (std::size_t eq = name.find('='); eq != std::string_view::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        has_value = true;
      }
      auto is = [&](std::string_view full) { return full.substr(0, name.size()) == name; };
      if (!name.empty() && is("adjustment")) {
        if (!has_value) {
          if (i + 1 == args.size())
            return mc::UsageError(inv, "option '--adjustment' requires an argument");
          value = args[++i];
        }
        given = std::string(value);
      } else if (!name.empty() && is("help") && !has_value) {
        return mc::cli::PrintHelp(inv);
      } else if (!name.empty() && is("version") && !has_value) {
        return mc::cli::PrintVersion(inv);
      } else if (has_value && !name.empty() && (is("help") || is("version"))) {
        return mc::UsageError(inv, "option '--" + std::string(is("help") ? "help" : "version") +
                                       "' doesn't allow an argument");
      } else {
        return mc::UsageError(inv, "unrecognized option '" + std::string(a) + "'");
      }
      ++i;
      continue;
    }
    if (a[1] != 'n') return mc::UsageError(inv, "invalid option -- '" + std::string(1, a[1]) + "'");
    if (a.size() > 2) {
      given = std::string(a.substr(2));
    } else if (i + 1 < args.size()) {
      given = std::string(args[++i]);
    } else {
      return mc::UsageError(inv, "option requires an argument -- 'n'");
    }
    ++i;
  }
  long adjustment = 10;
  if (given && !ParseAdjustment(*given, &adjustment)) {
    mc::Warn(inv, "invalid adjustment " + mc::QuoteC(*given));
    return kCanceled;
  }
  errno = 0;
  int current = ::getpriority(PRIO_PROCESS, 0);
  if (current == -1 && errno != 0) {
    mc::WarnErrno(inv, "cannot get niceness", errno);
    return kCanceled;
  }
  if (i == args.size()) {
    if (given) return mc::UsageError(inv, "a command must be given with an adjustment");
    std::string line = current < 0 ? "-" + mc::ident::Decimal(static_cast<unsigned>(-current))
                                   : mc::ident::Decimal(static_cast<unsigned>(current));
    inv.out().Write(line);
    inv.out().Put('\n');
    return 0;
  }
  if (::setpriority(PRIO_PROCESS, 0, static_cast<int>(current + adjustment)) != 0) {
    int err = errno;
    mc::WarnErrno(inv, "cannot set niceness", err);
    // Lacking permission (to lower it) is a warning; the command still runs.
    if (err != EPERM && err != EACCES) return kCanceled;
  }
  inv.out().Flush();
  std::vector<char*> argv(args.begin() + static_cast<long>(i), args.end());
  argv.push_back(nullptr);
  ::execvp(argv[0], argv.data());
  int err = errno;
  mc::WarnErrno(inv, mc::QuoteC(argv[0]), err);
  return err == ENOENT ? kNotFound : kCannotInvoke;
}
