/* @applet nohup
   @failcode 125
   @help
Usage: nohup COMMAND [ARG]...
  or:  nohup OPTION
Run COMMAND, ignoring hangup signals.

      --help        display this help and exit
      --version     output version information and exit

If standard input is a terminal, redirect it from an unreadable file.
If standard output is a terminal, append output to 'nohup.out' if possible,
'$HOME/nohup.out' otherwise.
If standard error is a terminal, redirect it to standard output.
To save output to FILE, use 'nohup COMMAND > FILE'.

NOTE: your shell may have its own version of nohup, which usually supersedes
the version described here.  Please refer to your shell's documentation
for details about the options it supports.
*/
// GNU 9.1's rules: a terminal on stdin is replaced by an unreadable fd
// (/dev/null opened write-only); a terminal on stdout becomes nohup.out
// (appended, mode 0600), else $HOME/nohup.out; a terminal on stderr
// follows stdout. SIGHUP is ignored, then COMMAND is executed. Failures of
// nohup itself exit 125 (127 with POSIXLY_CORRECT).
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "registry/applet.h"

namespace {

constexpr int kCannotInvoke = 126, kNotFound = 127;

// Opens path onto fd (which must then be that fd); -1 with errno.
int Reopen(int fd, const char* path, int flags, mode_t mode) {
  int got = ::open(path, flags, mode);
  if (got < 0 || got == fd) return got;
  int r = ::dup2(got, fd);
  int err = errno;
  ::close(got);
  errno = err;
  return r;
}

}  // namespace

MC_APPLET(nohup) {
  const int internal_failure = inv.posixly_correct() ? 127 : 125;
  mc::cli::Parser parser(inv);
  parser.StopAtFirstOperand();
  std::vector<std::string> args;
  if (auto rc = parser.Parse(&args)) return *rc == 0 ? 0 : internal_failure;
  if (args.empty()) {
    mc::UsageError(inv, "missing operand");
    return internal_failure;
  }
  const int in = inv.in_fd(), err_fd = inv.err_fd();
  const bool ignoring_input = ::isatty(in);
  const bool redirecting_stdout = ::isatty(1);
  // The dispatcher holds a closed stdout open on /dev/null: ask it.
  const bool stdout_is_closed =
      !redirecting_stdout && (errno == EBADF || inv.stdout_was_closed());
  const bool redirecting_stderr = ::isatty(err_fd);

  if (ignoring_input) {
    if (Reopen(in, "/dev/null", O_WRONLY, 0) < 0) {
      mc::WarnErrno(inv, "failed to render standard input unusable", errno);
      return internal_failure;
    }
    if (!redirecting_stdout && !redirecting_stderr) mc::Warn(inv, "ignoring input");
  }
  if (redirecting_stdout || (redirecting_stderr && stdout_is_closed)) {
    std::string file = "nohup.out";
    const int flags = O_CREAT | O_WRONLY | O_APPEND;
    mode_t old_mask = ::umask(~(S_IRUSR | S_IWUSR) & 0777);
    if (Reopen(1, file.c_str(), flags, S_IRUSR | S_IWUSR) < 0) {
      int e1 = errno, e2 = 0;
      std::string in_home;
      auto home = inv.GetEnv("HOME");
      if (home) {
        in_home = std::string(*home);
        if (!in_home.empty() && in_home.back() != '/') in_home += '/';
        in_home += file;
        if (Reopen(1, in_home.c_str(), flags, S_IRUSR | S_IWUSR) < 0) e2 = errno;
      }
      if (!home || e2 != 0) {
        mc::WarnErrno(inv, "failed to open " + mc::Quote(file), e1);
        if (home) mc::WarnErrno(inv, "failed to open " + mc::Quote(in_home), e2);
        ::umask(old_mask);
        return internal_failure;
      }
      file = in_home;
    }
    ::umask(old_mask);
    mc::Warn(inv, (ignoring_input ? "ignoring input and appending output to "
                                  : "appending output to ") + mc::Quote(file));
  }
  int saved_stderr = -1;
  if (redirecting_stderr) {
    saved_stderr = ::fcntl(err_fd, F_DUPFD_CLOEXEC, 3);
    if (!redirecting_stdout)
      mc::Warn(inv, ignoring_input ? "ignoring input and redirecting stderr to stdout"
                                   : "redirecting stderr to stdout");
    if (::dup2(1, err_fd) < 0) {
      int e = errno;
      if (saved_stderr >= 0) ::dup2(saved_stderr, err_fd);
      mc::WarnErrno(inv, "failed to redirect standard error", e);
      return internal_failure;
    }
  }
  ::signal(SIGHUP, SIG_IGN);
  inv.out().Flush();
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::execvp(argv[0], argv.data());
  int e = errno;
  // The message goes to the original stderr.
  if (saved_stderr >= 0) ::dup2(saved_stderr, err_fd);
  mc::WarnErrno(inv, "failed to run command " + mc::Quote(args[0]), e);
  return e == ENOENT ? kNotFound : kCannotInvoke;
}
