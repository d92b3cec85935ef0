/* @applet timeout
   @failcode 125
   @help
Usage: timeout [OPTION] DURATION COMMAND [ARG]...
  or:  timeout [OPTION]
Start COMMAND, and kill it if still running after DURATION.

Mandatory arguments to long options are mandatory for short options too.
      --preserve-status
                 exit with the same status as COMMAND, even when the
                   command times out
      --foreground
                 when not running timeout directly from a shell prompt,
                   allow COMMAND to read from the TTY and get TTY signals;
                   in this mode, children of COMMAND will not be timed out
  -k, --kill-after=DURATION
                 also send a KILL signal if COMMAND is still running
                   this long after the initial signal was sent
  -s, --signal=SIGNAL
                 specify the signal to be sent on timeout;
                   SIGNAL may be a name like 'HUP' or a number;
                   see 'kill -l' for a list of signals
  -v, --verbose  diagnose to stderr any signal sent upon timeout
      --help        display this help and exit
      --version     output version information and exit

DURATION is a floating point number with an optional suffix:
's' for seconds (the default), 'm' for minutes, 'h' for hours or 'd' for days.
A duration of 0 disables the associated timeout.

Upon timeout, send the TERM signal to COMMAND, if no other SIGNAL specified.
The TERM signal kills any process that does not block or catch that signal.
It may be necessary to use the KILL signal, since this signal can't be caught.

EXIT status:
  124  if COMMAND times out, and --preserve-status is not specified
  125  if the timeout command itself fails
  126  if COMMAND is found but cannot be invoked
  127  if COMMAND cannot be found
  137  if COMMAND (or timeout itself) is sent the KILL (9) signal (128+9)
  -    the exit status of COMMAND otherwise
*/
// GNU 9.1's timeout: the command runs as a child in timeout's own process
// group (unless --foreground); on expiry the signal goes to the child and
// then to the whole group, followed by SIGCONT so stopped jobs see it, and
// with --kill-after a second timer sends SIGKILL. A child killed by a
// signal that timeout did not send is mirrored: timeout raises the same
// signal on itself (core dumps disabled), as GNU does.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/numbers.h"
#include "applets/support/signals.h"
#include "registry/applet.h"

namespace {

constexpr int kTimedOut = 124, kCanceled = 125, kCannotInvoke = 126, kNotFound = 127;

// What the signal handler needs. Signal handlers can reach nothing else,
// so this is file-scope state of plain types (no constructors), set before
// the handlers are installed.
volatile sig_atomic_t g_timed_out;
volatile pid_t g_child;
volatile sig_atomic_t g_term_signal;
double g_kill_after;
bool g_foreground, g_verbose;
char g_sending_msg_prefix[512];  // "PROG: sending signal "
std::size_t g_prefix_len;
const char* g_command;
int g_named_signal;     // the --signal, whose name may be RTMIN+N:
char g_signal_name[16];  // its name, made before the handlers run

// Arms the one-shot timer (SIGALRM) for `seconds`; 0 disarms nothing and
// sets no timer, as GNU. setitimer, not timer_create: glibc's static
// timer_create brings its SIGEV_THREAD machinery (pthread_create and more,
// about 70 KB) that a SIGEV_SIGNAL timer never uses; microseconds suffice.
void SetTimeout(double seconds) {
  if (seconds <= 0) return;
  struct itimerval it;
  std::memset(&it, 0, sizeof it);
  if (seconds >= 1e15) {
    it.it_value.tv_sec = static_cast<time_t>(1e15);  // effectively never
  } else {
    it.it_value.tv_sec = static_cast<time_t>(seconds);
    long us = static_cast<long>(std::ceil((seconds - static_cast<double>(it.it_value.tv_sec)) * 1e6));
    if (us > 999999) {
      ++it.it_value.tv_sec;
      us = 0;
    }
    it.it_value.tv_usec = us;
    if (it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0) it.it_value.tv_usec = 1;
  }
  if (::setitimer(ITIMER_REAL, &it, nullptr) == 0) return;
  // Whole seconds, rounded up, capped.
  double up = std::ceil(seconds);
  ::alarm(up >= static_cast<double>(UINT_MAX) ? UINT_MAX : static_cast<unsigned>(up));
}

void SendSignal(pid_t where, int sig) {
  // Sending to our own group reaches us too: ignore it here, so the
  // handler does not run again for its own signal.
  if (where == 0) ::signal(sig, SIG_IGN);
  ::kill(where, sig);
}

void Verbose(int sig) {
  char msg[1024];
  std::size_t n = g_prefix_len;
  std::memcpy(msg, g_sending_msg_prefix, n);
  auto add = [&](const char* s) {
    std::size_t len = std::strlen(s);
    if (len > sizeof msg - n - 2) len = sizeof msg - n - 2;
    std::memcpy(msg + n, s, len);
    n += len;
  };
  // Names of the classic signals and of --signal; nothing is allocated
  // here, in a signal handler.
  static const char* const kNames[] = {"EXIT", "HUP",  "INT",    "QUIT", "ILL",  "TRAP", "ABRT",
                                       "BUS",  "FPE",  "KILL",   "USR1", "SEGV", "USR2", "PIPE",
                                       "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
                                       "TTIN", "TTOU", "URG",    "XCPU", "XFSZ", "VTALRM",
                                       "PROF", "WINCH", "POLL",  "PWR",  "SYS"};
  char num[16];
  if (sig == g_named_signal && g_signal_name[0] != '\0') {
    add(g_signal_name);
  } else if (sig >= 0 && sig < 32) {
    add(kNames[sig]);
  } else {
    int i = sizeof num - 1;
    num[i] = '\0';
    unsigned v = static_cast<unsigned>(sig);
    do {
      num[--i] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    add(num + i);
  }
  add(" to command ");
  add(g_command);
  msg[n++] = '\n';
  (void)!::write(2, msg, n);
}

void Cleanup(int sig) {
  if (sig == SIGALRM) {
    g_timed_out = 1;
    sig = g_term_signal;
  }
  pid_t child = g_child;
  if (child == 0) ::_exit(128 + sig);  // in the child before exec
  if (g_kill_after > 0) {
    int saved = errno;
    g_term_signal = SIGKILL;
    SetTimeout(g_kill_after);
    g_kill_after = 0;  // later signals do not re-arm it
    errno = saved;
  }
  if (g_verbose) Verbose(sig);
  SendSignal(child, sig);
  if (!g_foreground) {
    SendSignal(0, sig);
    if (sig != SIGKILL && sig != SIGCONT) {
      SendSignal(child, SIGCONT);
      SendSignal(0, SIGCONT);
    }
  }
}

void OnChild(int) {}

void Install(int sig, void (*fn)(int)) {
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sigemptyset(&sa.sa_mask);
  sa.sa_handler = fn;
  sa.sa_flags = SA_RESTART;
  ::sigaction(sig, &sa, nullptr);
}

}  // namespace

MC_APPLET(timeout) {
  bool preserve = false, foreground = false, verbose = false;
  double kill_after = 0;
  int term_signal = SIGTERM;
  std::optional<int> early;  // an option value was rejected
  mc::cli::Parser parser(inv);
  parser.StopAtFirstOperand();
  parser.Flag("--preserve-status", preserve);
  parser.Flag("--foreground", foreground);
  parser.Flag("-v,--verbose", verbose);
  parser.OnValue("-k,--kill-after", [&](const std::string& v) {
    if (early) return;
    if (!mc::ParseDuration(v, kill_after)) early = mc::UsageError(inv, "invalid time interval " + mc::QuoteC(v));
  });
  parser.OnValue("-s,--signal", [&](const std::string& v) {
    if (early) return;
    auto sig = mc::signals::ParseSignalOrZero(v);
    if (!sig) {
      early = mc::UsageError(inv, mc::QuoteC(v) + ": invalid signal");
      return;
    }
    term_signal = *sig;
  });
  std::vector<std::string> args;
  if (auto rc = parser.Parse(&args)) return *rc;
  if (early) return *early;
  if (args.size() < 2) return mc::UsageError(inv, "");
  double duration;
  if (!mc::ParseDuration(args[0], duration))
    return mc::UsageError(inv, "invalid time interval " + mc::QuoteC(args[0]));

  std::vector<char*> argv;
  for (std::size_t i = 1; i < args.size(); ++i) argv.push_back(args[i].data());
  argv.push_back(nullptr);

  std::string prefix(inv.prog());
  prefix += ": sending signal ";
  if (prefix.size() >= sizeof g_sending_msg_prefix) prefix.resize(sizeof g_sending_msg_prefix - 1);
  std::memcpy(g_sending_msg_prefix, prefix.data(), prefix.size());
  g_prefix_len = prefix.size();
  std::string quoted = mc::QuoteC(args[1]);
  g_command = quoted.c_str();
  g_timed_out = 0;
  g_child = 0;
  g_term_signal = term_signal;
  g_kill_after = kill_after;
  g_foreground = foreground;
  g_verbose = verbose;
  g_named_signal = term_signal;
  std::string signame = mc::signals::SignalToName(term_signal).value_or("");
  if (signame.size() >= sizeof g_signal_name) signame.clear();
  std::memcpy(g_signal_name, signame.c_str(), signame.size() + 1);

  inv.out().Flush();
  if (!foreground) ::setpgid(0, 0);
  for (int sig : {SIGALRM, SIGINT, SIGQUIT, SIGHUP, SIGTERM}) Install(sig, Cleanup);
  if (term_signal > 0) Install(term_signal, Cleanup);
  ::signal(SIGTTIN, SIG_IGN);
  ::signal(SIGTTOU, SIG_IGN);
  Install(SIGCHLD, OnChild);
  sigset_t block, orig;
  sigemptyset(&block);
  sigaddset(&block, SIGALRM);
  ::sigprocmask(SIG_UNBLOCK, &block, nullptr);  // do not inherit a blocked SIGALRM
  for (int sig : {SIGINT, SIGQUIT, SIGHUP, SIGTERM, SIGCHLD}) sigaddset(&block, sig);
  if (term_signal > 0) sigaddset(&block, term_signal);
  ::sigprocmask(SIG_BLOCK, &block, &orig);

  pid_t pid = ::fork();
  if (pid < 0) {
    mc::WarnErrno(inv, "fork system call failed", errno);
    return kCanceled;
  }
  if (pid == 0) {
    ::sigprocmask(SIG_SETMASK, &orig, nullptr);
    ::signal(SIGTTIN, SIG_DFL);
    ::signal(SIGTTOU, SIG_DFL);
    ::execvp(argv[0], argv.data());
    int err = errno;
    mc::WarnErrno(inv, "failed to run command " + mc::QuoteC(args[1]), err);
    ::_exit(err == ENOENT ? kNotFound : kCannotInvoke);
  }
  g_child = pid;
  SetTimeout(duration);
  int status = 0;
  pid_t r;
  while ((r = ::waitpid(pid, &status, WNOHANG)) == 0) ::sigsuspend(&orig);
  if (r < 0) {
    mc::WarnErrno(inv, "error waiting for child", errno);
    return kCanceled;
  }
  if (WIFEXITED(status)) {
    status = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    if (WCOREDUMP(status)) mc::Warn(inv, "the monitored command dumped core");
    if (!g_timed_out && ::prctl(PR_SET_DUMPABLE, 0) == 0) {
      // Die of the child's signal, so our parent sees what the child did.
      inv.out().Flush();
      ::signal(sig, SIG_DFL);
      sigset_t one;
      sigemptyset(&one);
      sigaddset(&one, sig);
      ::sigprocmask(SIG_UNBLOCK, &one, nullptr);
      ::raise(sig);
    }
    if (g_timed_out && sig == SIGKILL) preserve = true;
    status = 128 + sig;
  } else {
    mc::Warn(inv, "unknown status from command");
    status = 1;
  }
  if (g_timed_out && !preserve) status = kTimedOut;
  return status;
}
