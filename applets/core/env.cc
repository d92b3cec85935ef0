/* @applet env
   @failcode 125
   @help
Usage: env [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]
Set each NAME to VALUE in the environment and run COMMAND.

Mandatory arguments to long options are mandatory for short options too.
  -i, --ignore-environment  start with an empty environment
  -0, --null           end each output line with NUL, not newline
  -u, --unset=NAME     remove variable from the environment
  -C, --chdir=DIR      change working directory to DIR
  -S, --split-string=S  process and split S into separate arguments;
                        used to pass multiple arguments on shebang lines
      --block-signal[=SIG]    block delivery of SIG signal(s) to COMMAND
      --default-signal[=SIG]  reset handling of SIG signal(s) to the default
      --ignore-signal[=SIG]   set handling of SIG signal(s) to do nothing
      --list-signal-handling  list non default signal handling to stderr
  -v, --debug          print verbose information for each processing step
      --help        display this help and exit
      --version     output version information and exit

A mere - implies -i.  If no COMMAND, print the resulting environment.

SIG may be a signal name like 'PIPE', or a signal number like '13'.
Without SIG, all known signals are included.  Multiple signals can be
comma-separated.
*/
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/signals.h"
#include "registry/applet.h"

extern char** environ;

namespace {

using mc::QuoteC;
using mc::signals::IsSignal;
using mc::signals::kMaxSignal;
using mc::signals::ParseSignal;
using mc::signals::SignalToName;

constexpr int kExitCanceled = 125;   // env's own failures
constexpr int kExitCannotRun = 126;  // COMMAND found but not runnable
constexpr int kExitNotFound = 127;   // COMMAND not found

// ---- state gathered from the options ---------------------------------------

enum class Action { kUnchanged, kDefault, kIgnore };
enum class Mask { kUnchanged, kBlock, kUnblock };

struct Options {
  bool ignore_env = false, null = false, debug = false, list_signals = false;
  std::vector<std::string> unset;
  std::optional<std::string> chdir;
  Action action[kMaxSignal + 1] = {};
  bool action_quiet[kMaxSignal + 1] = {};  // set by the all-signals form
  Mask mask[kMaxSignal + 1] = {};
  bool mask_changed = false;
};

// ---- -S STRING -------------------------------------------------------------

class Splitter {
 public:
  Splitter(mc::Invocation& inv, bool debug) : inv_(inv), debug_(debug) {}

  // Splits s into arguments; nullopt after reporting an error.
  std::optional<std::vector<std::string>> Split(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    bool have = false;  // cur is an argument, even if empty ("")
    auto finish = [&] {
      if (have) out.push_back(cur);
      cur.clear();
      have = false;
    };
    enum { kPlain, kSingle, kDouble } state = kPlain;
    std::size_t i = 0;
    bool stop = false;
    while (!stop) {
      if (i == s.size()) {
        if (state != kPlain) return Fail("no terminating quote in -S string");
        break;
      }
      char c = s[i++];
      if (state == kSingle) {
        if (c == '\'') {
          state = kPlain;
        } else if (c == '\\' && i < s.size() && (s[i] == '\\' || s[i] == '\'')) {
          cur += s[i++];
        } else {
          cur += c;
        }
        continue;
      }
      if (state == kDouble && c == '"') {
        state = kPlain;
        continue;
      }
      if (state == kPlain) {
        if (IsBlank(c)) {
          finish();
          continue;
        }
        if (c == '#' && !have) break;  // a comment runs to the end
        if (c == '\'' || c == '"') {
          state = c == '\'' ? kSingle : kDouble;
          have = true;
          continue;
        }
      }
      if (c == '$') {
        if (!Expand(s, i, cur, have)) return std::nullopt;
        continue;
      }
      if (c != '\\') {
        cur += c;
        have = true;
        continue;
      }
      if (i == s.size()) return Fail("invalid backslash at end of string in -S");
      char e = s[i++];
      switch (e) {
        case 'c':
          if (state == kDouble) return Fail("'\\c' must not appear in double-quoted -S string");
          stop = true;
          break;
        case '_':
          if (state == kDouble) {
            cur += ' ';
          } else {
            finish();
          }
          break;
        case 'f': Add(cur, have, '\f'); break;
        case 'n': Add(cur, have, '\n'); break;
        case 'r': Add(cur, have, '\r'); break;
        case 't': Add(cur, have, '\t'); break;
        case 'v': Add(cur, have, '\v'); break;
        case '#': case '$': case '"': case '\'': case '\\':
          Add(cur, have, e);
          break;
        default:
          return Fail(std::string("invalid sequence '\\") + e + "' in -S");
      }
    }
    finish();
    if (debug_ && !out.empty()) {
      Debug("split -S:  " + QuoteC(s));
      for (std::size_t k = 0; k < out.size(); ++k)
        Debug((k == 0 ? " into:    " : "     &    ") + QuoteC(out[k]));
    }
    return out;
  }

 private:
  static bool IsBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
  }
  static void Add(std::string& cur, bool& have, char c) {
    cur += c;
    have = true;
  }
  static bool NameStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }
  static bool NameChar(char c) { return NameStart(c) || (c >= '0' && c <= '9'); }

  // At s[i-1] == '$': only ${NAME} is allowed. Values come from the
  // environment env was started with.
  bool Expand(std::string_view s, std::size_t& i, std::string& cur, bool& have) {
    std::size_t start = i - 1;
    std::size_t j = i;
    bool ok = j < s.size() && s[j] == '{' && j + 1 < s.size() && NameStart(s[j + 1]);
    if (ok) {
      j += 2;
      while (j < s.size() && NameChar(s[j])) ++j;
      ok = j < s.size() && s[j] == '}';
    }
    if (!ok) {
      Error("only ${VARNAME} expansion is supported, error at: " + std::string(s.substr(start)));
      return false;
    }
    std::string name(s.substr(i + 1, j - i - 1));
    i = j + 1;
    auto value = inv_.GetEnv(name);
    if (value && !value->empty()) {
      if (debug_) Debug("expanding ${" + name + "} into " + QuoteC(*value));
      cur += *value;
      have = true;
    } else if (debug_) {
      Debug("replacing ${" + name + "} with null string");
    }
    return true;
  }

  std::nullopt_t Fail(const std::string& msg) {
    Error(msg);
    return std::nullopt;
  }
  void Error(const std::string& msg) { mc::Warn(inv_, msg); }
  void Debug(const std::string& msg) {
    std::string line = msg + "\n";
    mc::WriteAll(inv_.err_fd(), line.data(), line.size());
  }

  mc::Invocation& inv_;
  bool debug_;
};

// ---- option parsing ----------------------------------------------------------

enum class SignalKey { kBlock, kDefault, kIgnore };

void Debug(const mc::Invocation& inv, const std::string& msg) {
  std::string line = msg + "\n";
  mc::WriteAll(inv.err_fd(), line.data(), line.size());
}

// Applies one --*-signal option. Returns false after reporting a bad SIG.
bool SignalOption(mc::Invocation& inv, Options& o, SignalKey key,
                  std::optional<std::string_view> value) {
  // --default-signal also unblocks; --block-signal only blocks.
  const bool set_action = key != SignalKey::kBlock;
  const bool set_mask = key != SignalKey::kIgnore;
  const Action act = key == SignalKey::kIgnore ? Action::kIgnore : Action::kDefault;
  const Mask msk = key == SignalKey::kBlock ? Mask::kBlock : Mask::kUnblock;
  if (set_mask) o.mask_changed = true;
  if (!value) {
    for (int n = 1; n <= kMaxSignal; ++n) {
      if (!IsSignal(n)) continue;
      if (set_action) {
        o.action[n] = act;
        o.action_quiet[n] = true;
      }
      if (set_mask) o.mask[n] = msk;
    }
    return true;
  }
  std::size_t pos = 0;
  while (pos <= value->size()) {
    std::size_t comma = value->find(',', pos);
    if (comma == std::string::npos) comma = value->size();
    std::string item(value->substr(pos, comma - pos));
    pos = comma + 1;
    if (item.empty()) continue;
    auto n = ParseSignal(item);
    if (!n) {
      mc::Warn(inv, QuoteC(item) + ": invalid signal");
      return false;
    }
    if (set_action) {
      o.action[*n] = act;
      o.action_quiet[*n] = false;
    }
    if (set_mask) o.mask[*n] = msk;
  }
  return true;
}

// Parses the options; the first operand and all that follow go to *args.
// -S splits its value into arguments that are parsed next.
std::optional<int> ParseEnvOptions(mc::Invocation& inv, Options& o,
                                   std::vector<std::string>* args) {
  mc::cli::Parser p(inv);
  p.Flag("-i,--ignore-environment", o.ignore_env);
  p.Flag("-0,--null", o.null);
  p.Value("-u,--unset", o.unset);
  p.OnValue("-C,--chdir", [&](const std::string& v) { o.chdir = v; });
  p.OnValue("-S,--split-string", [&](const std::string& v) {
    auto split = Splitter(inv, o.debug).Split(v);
    if (split) p.InsertArgs(*split);
    else p.Stop(kExitCanceled);
  });
  p.Flag("-v,--debug", o.debug);
  auto signal_option = [&](const char* names, SignalKey key) {
    p.OptionalValue(names, [&inv, &o, &p, key](std::optional<std::string_view> v) {
      if (!SignalOption(inv, o, key, v)) p.Stop(mc::UsageError(inv, ""));
    });
  };
  signal_option("--block-signal", SignalKey::kBlock);
  signal_option("--default-signal", SignalKey::kDefault);
  signal_option("--ignore-signal", SignalKey::kIgnore);
  p.Flag("--list-signal-handling", o.list_signals);
  p.StopAtFirstOperand();
  // "#!/usr/bin/env -i cmd" arrives as the one argument "-i cmd".
  p.OnUsageError([&](std::string_view msg) {
    mc::Warn(inv, msg);
    if (msg == "invalid option -- ' '" || msg == "invalid option -- '\t'")
      mc::Warn(inv, "use -[v]S to pass options in shebang lines");
    return mc::UsageError(inv, "");
  });
  return p.Parse(args);
}

// ---- the environment -------------------------------------------------------

std::string_view NameOf(std::string_view entry) { return entry.substr(0, entry.find('=')); }

void SetEntry(std::vector<std::string>& env, const std::string& entry) {
  std::string_view name = NameOf(entry);
  for (auto& e : env) {
    if (NameOf(e) == name) {
      e = entry;
      return;
    }
  }
  env.push_back(entry);
}

// ---- running the command ---------------------------------------------------

int ApplySignals(mc::Invocation& inv, const Options& o) {
  for (int n = 1; n <= kMaxSignal; ++n) {
    if (o.action[n] == Action::kUnchanged) continue;
    const bool to_default = o.action[n] == Action::kDefault;
    struct sigaction act;
    int rc = ::sigaction(n, nullptr, &act);
    if (rc != 0 && !o.action_quiet[n]) {
      mc::Warn(inv, "failed to get signal action for signal " + std::to_string(n) + ": " +
                        std::string(mc::ErrorText(errno)));
      return kExitCanceled;
    }
    if (rc == 0) {
      act.sa_handler = to_default ? SIG_DFL : SIG_IGN;
      act.sa_flags &= ~SA_SIGINFO;
      rc = ::sigaction(n, &act, nullptr);
      if (rc != 0 && !o.action_quiet[n]) {
        mc::Warn(inv, "failed to set signal action for signal " + std::to_string(n) + ": " +
                          std::string(mc::ErrorText(errno)));
        return kExitCanceled;
      }
    }
    if (o.debug)
      Debug(inv, "Reset signal " + SignalToName(n).value_or("?") + " (" + std::to_string(n) +
                     ") to " + (to_default ? "DEFAULT" : "IGNORE") +
                     (rc != 0 ? " (failure ignored)" : ""));
  }
  if (o.mask_changed) {
    sigset_t set;
    sigemptyset(&set);
    if (::sigprocmask(SIG_SETMASK, nullptr, &set) != 0) {
      mc::Warn(inv, "failed to get signal process mask: " + std::string(mc::ErrorText(errno)));
      return kExitCanceled;
    }
    for (int n = 1; n <= kMaxSignal; ++n) {
      if (o.mask[n] == Mask::kUnchanged) continue;
      const bool block = o.mask[n] == Mask::kBlock;
      if (block) sigaddset(&set, n);
      else sigdelset(&set, n);
      if (o.debug)
        Debug(inv, "signal " + SignalToName(n).value_or("?") + " (" + std::to_string(n) +
                       ") mask set to " + (block ? "BLOCK" : "UNBLOCK"));
    }
    if (::sigprocmask(SIG_SETMASK, &set, nullptr) != 0) {
      mc::Warn(inv, "failed to set signal process mask: " + std::string(mc::ErrorText(errno)));
      return kExitCanceled;
    }
  }
  return 0;
}

// --list-signal-handling: what the command will inherit, on stderr.
void ListSignals(const mc::Invocation& inv) {
  sigset_t blocked;
  sigemptyset(&blocked);
  ::sigprocmask(SIG_SETMASK, nullptr, &blocked);
  std::string text;
  for (int n = 1; n <= kMaxSignal; ++n) {
    struct sigaction act;
    if (::sigaction(n, nullptr, &act) != 0) continue;
    const bool ignored = act.sa_handler == SIG_IGN;
    const bool block = sigismember(&blocked, n) == 1;
    if (!ignored && !block) continue;
    std::string name = SignalToName(n).value_or("SIG" + std::to_string(n));
    char num[8];
    std::snprintf(num, sizeof num, "%2d", n);
    name.resize(name.size() < 10 ? 10 : name.size(), ' ');
    text += name + " (" + num + "): " + (block ? "BLOCK" : "") + (block && ignored ? "," : "") +
            (ignored ? "IGNORE" : "") + "\n";
  }
  mc::WriteAll(inv.err_fd(), text.data(), text.size());
}

}  // namespace

MC_APPLET(env) {
  Options o;
  std::vector<std::string> args;
  std::size_t i = 0;
  if (auto rc = ParseEnvOptions(inv, o, &args)) return *rc;
  if (i < args.size() && args[i] == "-") {
    o.ignore_env = true;
    ++i;
  }

  std::vector<std::string> env;
  if (o.ignore_env) {
    if (o.debug) Debug(inv, "cleaning environ");
  } else {
    for (char** e = inv.env(); e && *e; ++e) env.emplace_back(*e);
    for (const auto& name : o.unset) {
      if (o.debug) Debug(inv, "unset:    " + name);
      if (name.empty() || name.find('=') != std::string::npos) {
        mc::Warn(inv, "cannot unset " + QuoteC(name) + ": " + std::string(mc::ErrorText(EINVAL)));
        return kExitCanceled;
      }
      std::erase_if(env, [&](const std::string& e) { return NameOf(e) == name; });
    }
  }
  for (; i < args.size() && args[i].find('=') != std::string::npos; ++i) {
    if (o.debug) Debug(inv, "setenv:   " + args[i]);
    SetEntry(env, args[i]);
  }

  if (i == args.size()) {
    if (o.chdir) return mc::UsageError(inv, "must specify command with --chdir (-C)");
    mc::Output& out = inv.out();
    for (const auto& e : env) {
      out.Write(e);
      out.Put(o.null ? '\0' : '\n');
    }
    return 0;
  }
  if (o.null) return mc::UsageError(inv, "cannot specify --null (-0) with command");

  if (int rc = ApplySignals(inv, o)) return rc;
  if (o.list_signals) ListSignals(inv);
  if (o.chdir) {
    if (o.debug) Debug(inv, "chdir:    " + mc::Quote(*o.chdir));
    if (::chdir(o.chdir->c_str()) != 0) {
      mc::Warn(inv, "cannot change directory to " + mc::Quote(*o.chdir) + ": " +
                        std::string(mc::ErrorText(errno)));
      return kExitCanceled;
    }
  }
  if (o.debug) {
    Debug(inv, "executing: " + args[i]);
    for (std::size_t k = i; k < args.size(); ++k)
      Debug(inv, "   arg[" + std::to_string(k - i) + "]= " + QuoteC(args[k]));
  }

  std::vector<char*> argv, envp;
  for (std::size_t k = i; k < args.size(); ++k) argv.push_back(args[k].data());
  argv.push_back(nullptr);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  inv.out().Flush();
  // execvp searches the PATH of the new environment, as GNU env's does.
  char** saved = environ;
  environ = envp.data();
  ::execvp(argv[0], argv.data());
  const int err = errno;
  environ = saved;
  mc::Warn(inv, QuoteC(args[i]) + ": " + std::string(mc::ErrorText(err)));
  if (err == ENOENT) {
    if (args[i].find_first_of(" \t\n\v\f\r") != std::string::npos)
      mc::Warn(inv, "use -[v]S to pass options in shebang lines");
    return kExitNotFound;
  }
  return kExitCannotRun;
}
