/* @applet sleep
   @install bin
   @help
Usage: sleep NUMBER[SUFFIX]...
  or:  sleep OPTION
Pause for NUMBER seconds.  SUFFIX may be 's' for seconds (the default),
'm' for minutes, 'h' for hours or 'd' for days.  NUMBER need not be an
integer.  Given two or more arguments, pause for the amount of time
specified by the sum of their values.

      --help        display this help and exit
      --version     output version information and exit
*/
#include <time.h>

#include <cerrno>
#include <cmath>
#include <ctime>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/numbers.h"
#include "registry/applet.h"

namespace {

// Sleeps for the given number of seconds (possibly infinite), resuming
// after signals that interrupt it. Returns 0 or an errno.
int SleepFor(double seconds) {
  constexpr double kMaxSeconds = static_cast<double>(std::numeric_limits<time_t>::max() / 2);
  for (;;) {
    // An infinite or very long interval is slept in maximal pieces.
    double chunk = seconds > kMaxSeconds ? kMaxSeconds : seconds;
    double whole = std::floor(chunk);
    struct timespec req;
    req.tv_sec = static_cast<time_t>(whole);
    // Round the fraction up so that we never sleep less than asked.
    long ns = static_cast<long>(std::ceil((chunk - whole) * 1e9));
    if (ns >= 1000000000L) {
      ++req.tv_sec;
      ns = 0;
    }
    req.tv_nsec = ns;
    struct timespec rem;
    int rc;
    while ((rc = ::clock_nanosleep(CLOCK_REALTIME, 0, &req, &rem)) == EINTR) req = rem;
    if (rc != 0) return rc;
    if (seconds <= kMaxSeconds) return 0;
    if (!std::isinf(seconds)) seconds -= chunk;
  }
}

}  // namespace

MC_APPLET(sleep) {
  std::vector<std::string> operands;
  if (auto rc = mc::cli::Parser(inv).Parse(&operands)) return *rc;
  // GNU counts arguments, not operands: a lone "--" sleeps for nothing.
  if (inv.args().empty()) return mc::UsageError(inv, "missing operand");
  double total = 0;
  bool ok = true;
  for (const auto& s : operands) {
    double v;
    if (!mc::ParseDuration(s, v)) {
      mc::Warn(inv, "invalid time interval " + mc::QuoteC(s));
      ok = false;
      continue;
    }
    total += v;
  }
  if (!ok) return mc::UsageError(inv, "");
  if (int err = SleepFor(total)) {
    mc::Warn(inv, "cannot read realtime clock: " + std::string(mc::ErrorText(err)));
    return 1;
  }
  return 0;
}
