/* @applet kill
   @failcode 1
   @help
Usage: kill [-s SIGNAL | -SIGNAL | -n SIGNAL] [-q VALUE] PID...
  or:  kill -l [SIGNAL]...
  or:  kill -L
Send a signal to processes, or list signal names.

A PID below -1 names the process group -PID; -1 is every process the caller
may signal.  A negative PID first in the list needs "--" or a signal option
before it.

Mandatory arguments to long options are mandatory for short options too.
  -s, --signal=SIGNAL  the signal to send (default TERM), by name or number
  -SIGNAL              the same: -9, -KILL, -SIGKILL, -RTMIN+1
  -n SIGNAL            the same (as the shell's kill)
  -q, --queue=VALUE    send with sigqueue, passing the integer VALUE
  -l, --list[=SIGNAL]  list the signal names; with SIGNAL, convert a name
                         to its number or a number (or an exit status
                         above 128) to its name
  -L, --table          list the signal numbers and names in a table
      --help        display this help and exit
      --version     output version information and exit

SIGNAL 0 sends nothing: it only checks that the process exists.
*/
// Options are read by hand, not with mc::cli::Parser: "-9", "-KILL" and
// "-RTMIN+1" are options that getopt-style parsing cannot express, and a
// negative PID after them is an operand (a process group), as in the shell.
// Output formats (-l, -L) and messages follow procps-ng's kill, Debian's
// /usr/bin/kill; where it exits 0 on an unknown signal name, this exits 1.
#include <signal.h>

#include <cerrno>
#include <climits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/output.h"
#include "applets/support/signals.h"
#include "registry/applet.h"

namespace {

constexpr int kListed = 31;  // -l and -L list the classic signals, 1..31

// A whole decimal integer, optionally negative (a process group).
std::optional<long long> ParsePid(std::string_view s) {
  std::size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  if (i == s.size()) return std::nullopt;
  long long v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
    if (v > INT_MAX) return std::nullopt;
  }
  return neg ? -v : v;
}

void ListNames(mc::Output& out) {
  std::size_t column = 0;
  for (int n = 1; n <= kListed; ++n) {
    std::string name = mc::signals::SignalToName(n).value_or("");
    if (name.empty()) continue;
    if (column && column + 1 + name.size() > 80) {
      out.Put('\n');
      column = 0;
    } else if (column) {
      out.Put(' ');
      ++column;
    }
    out.Write(name);
    column += name.size();
  }
  out.Put('\n');
}

void ListTable(mc::Output& out) {
  int shown = 0;
  for (int n = 1; n <= kListed; ++n) {
    std::string name = mc::signals::SignalToName(n).value_or("");
    if (name.empty()) continue;
    char num[4] = {' ', ' ', ' ', '\0'};
    num[0] = n < 10 ? ' ' : static_cast<char>('0' + n / 10);
    num[1] = static_cast<char>('0' + n % 10);
    out.Write(std::string_view(num, 3));
    out.Write(name);
    if (++shown % 7 == 0) {
      out.Put('\n');
    } else {
      for (std::size_t pad = name.size(); pad < 8; ++pad) out.Put(' ');
    }
  }
  if (shown % 7) out.Put('\n');
}

// -l SIGNAL: a number (or an exit status above 128) to its name, a name to
// its number.
bool Convert(mc::Invocation& inv, const std::string& arg) {
  bool numeric = !arg.empty() && arg.find_first_not_of("0123456789") == std::string::npos;
  std::optional<int> sig = mc::signals::ParseSignal(arg);
  if (!sig) {
    mc::Warn(inv, "unknown signal name " + arg);
    return false;
  }
  if (numeric) {
    inv.out().Write(mc::signals::SignalToName(*sig).value_or(""));
  } else {
    std::string digits = std::to_string(*sig);
    inv.out().Write(digits);
  }
  inv.out().Put('\n');
  return true;
}

// "-s"/"--signal" style values and "-SIGNAL": 0 is allowed (existence check).
std::optional<int> SignalValue(mc::Invocation& inv, const std::string& s) {
  std::optional<int> sig = mc::signals::ParseSignalOrZero(s);
  if (!sig) mc::Warn(inv, "unknown signal name " + s);
  return sig;
}

}  // namespace

MC_APPLET(kill) {
  auto args = inv.args();
  std::size_t i = 0;
  std::optional<int> signal;
  std::optional<int> queue_value;
  bool list = false, table = false;
  std::vector<std::string> list_args;
  auto need_value = [&](std::string_view opt) -> std::optional<std::string> {
    if (i + 1 < args.size()) return std::string(args[++i]);
    mc::UsageError(inv, "option requires an argument -- '" + std::string(opt) + "'");
    return std::nullopt;
  };
  while (i < args.size()) {
    std::string_view a = args[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (a.size() < 2 || a[0] != '-') break;
    // After the signal, "-123" is a process group, not an option.
    if (signal && a[1] >= '0' && a[1] <= '9') break;
    if (a[1] == '-') {
      std::string_view name = a.substr(2), value;
      bool has_value = false;
      if (std::size_t eq = name.find('='); eq != std::string_view::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        has_value = true;
      }
      auto is = [&](std::string_view full) { return !name.empty() && full.substr(0, name.size()) == name; };
      if (is("signal") || is("queue")) {
        bool sig = is("signal");
        std::string v(value);
        if (!has_value) {
          auto next = need_value(sig ? "signal" : "queue");
          if (!next) return 1;
          v = *next;
        }
        if (sig) {
          signal = SignalValue(inv, v);
          if (!signal) return 1;
        } else {
          auto q = ParsePid(v);
          if (!q) {
            mc::Warn(inv, "must be an integer value to be passed with the signal.: " + mc::QuoteC(v));
            return 1;
          }
          queue_value = static_cast<int>(*q);
        }
      } else if (is("list")) {
        list = true;
        if (has_value) list_args.emplace_back(value);
      } else if (is("table")) {
        table = true;
      } else if (is("help") && !has_value) {
        return mc::cli::PrintHelp(inv);
      } else if (is("version") && !has_value) {
        return mc::cli::PrintVersion(inv);
      } else {
        return mc::UsageError(inv, "unrecognized option '" + std::string(a) + "'");
      }
      ++i;
      continue;
    }
    std::string_view rest = a.substr(1);
    if (rest == "l" || rest == "L") {
      (rest == "l" ? list : table) = true;
    } else if (rest == "s" || rest == "n") {
      auto v = need_value(rest);
      if (!v) return 1;
      signal = SignalValue(inv, *v);
      if (!signal) return 1;
    } else if (rest == "q") {
      auto v = need_value("q");
      if (!v) return 1;
      auto q = ParsePid(*v);
      if (!q) {
        mc::Warn(inv, "must be an integer value to be passed with the signal.: " + mc::QuoteC(*v));
        return 1;
      }
      queue_value = static_cast<int>(*q);
    } else if (!signal && !list && !table) {
      signal = SignalValue(inv, std::string(rest));  // -9, -KILL, -SIGKILL
      if (!signal) return 1;
    } else {
      return mc::UsageError(inv, "invalid option -- '" + std::string(rest.substr(0, 1)) + "'");
    }
    ++i;
  }

  if (list || table) {
    bool ok = true;
    if (table) ListTable(inv.out());
    if (list) {
      for (; i < args.size(); ++i) list_args.emplace_back(args[i]);
      if (list_args.empty() && !table) ListNames(inv.out());
      for (const auto& s : list_args) ok = Convert(inv, s) && ok;
    }
    return ok ? 0 : 1;
  }
  if (i == args.size()) return mc::UsageError(inv, "missing operand");

  int sig = signal.value_or(SIGTERM);
  int rc = 0;
  for (; i < args.size(); ++i) {
    std::string arg(args[i]);
    auto pid = ParsePid(arg);
    if (!pid) {
      mc::Warn(inv, "failed to parse argument: " + mc::QuoteC(arg));
      rc = 1;
      continue;
    }
    int r;
    if (queue_value) {
      union sigval v;
      v.sival_int = *queue_value;
      r = ::sigqueue(static_cast<pid_t>(*pid), sig, v);
    } else {
      r = ::kill(static_cast<pid_t>(*pid), sig);
    }
    if (r != 0) {
      mc::Warn(inv, "(" + arg + "): " + std::string(mc::ErrorText(errno)));
      rc = 1;
    }
  }
  return rc;
}
