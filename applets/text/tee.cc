/* @applet tee
   @help
Usage: tee [OPTION]... [FILE]...
Copy standard input to each FILE, and also to standard output.

  -a, --append              append to the given FILEs, do not overwrite
  -i, --ignore-interrupts   ignore interrupt signals
  -p                        diagnose errors writing to non pipes
      --output-error[=MODE]   set behavior on write error.  See MODE below
      --help        display this help and exit
      --version     output version information and exit

MODE determines behavior with write errors on the outputs:
  warn           diagnose errors writing to any output
  warn-nopipe    diagnose errors writing to any output not a pipe
  exit           exit on error writing to any output
  exit-nopipe    exit on error writing to any output not a pipe
The default MODE for the -p option is 'warn-nopipe'.
The default operation when --output-error is not specified, is to
exit immediately on error writing to a pipe, and diagnose errors
writing to non pipe outputs.
*/
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "applets/support/choice.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/text/scan.h"
#include "registry/applet.h"

namespace {

enum class Mode { kDefault, kWarn, kWarnNoPipe, kExit, kExitNoPipe };

struct Target {
  int fd;
  std::string label;  // as printed in messages
  bool owned;
};

// Restores a signal's disposition when the applet returns (tee runs
// in-process in tests and under xargs-style callers).
class SignalGuard {
 public:
  SignalGuard(int sig, bool active) : sig_(sig), active_(active) {
    if (!active_) return;
    struct sigaction ign {};
    ign.sa_handler = SIG_IGN;
    ::sigemptyset(&ign.sa_mask);
    ::sigaction(sig_, &ign, &old_);
  }
  ~SignalGuard() {
    if (active_) ::sigaction(sig_, &old_, nullptr);
  }
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;

 private:
  int sig_;
  bool active_;
  struct sigaction old_ {};
};

}  // namespace

MC_APPLET(tee) {
  bool append = false, ignore_int = false;
  Mode mode = Mode::kDefault;
  std::optional<int> mode_error;
  mc::cli::Parser p(inv);
  p.Flag("-a,--append", append);
  p.Flag("-i,--ignore-interrupts", ignore_int);
  p.OnFlag("-p", [&] { mode = Mode::kWarnNoPipe; });
  std::optional<std::string> bad_mode;  // the message for the first bad --output-error
  p.OptionalValue("--output-error", [&](std::optional<std::string_view> v) {
    if (!v) {
      mode = Mode::kWarnNoPipe;
      return;
    }
    static constexpr mc::Choice kModes[] = {{"warn", int(Mode::kWarn)},
                                            {"warn-nopipe", int(Mode::kWarnNoPipe)},
                                            {"exit", int(Mode::kExit)},
                                            {"exit-nopipe", int(Mode::kExitNoPipe)}};
    int r = mc::MatchChoice(*v, kModes);
    if (r >= 0) mode = Mode(r);
    else if (!bad_mode) bad_mode = mc::ChoiceError(*v, "--output-error", kModes, r);
  });
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;
  if (bad_mode) return mc::UsageError(inv, *bad_mode);

  SignalGuard int_guard(SIGINT, ignore_int);
  // With an output-error mode, a closed pipe is an error to handle, not a
  // signal that ends tee.
  SignalGuard pipe_guard(SIGPIPE, mode != Mode::kDefault);

  mc::Output& out = inv.out();
  out.Flush();
  std::vector<Target> targets;
  targets.push_back({out.fd(), "'standard output'", false});
  int status = 0;
  for (const auto& name : files) {
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC);
    int fd;
    do fd = ::open(name.c_str(), flags, 0666);
    while (fd < 0 && errno == EINTR);
    if (fd < 0) {
      mc::WarnErrno(inv, mc::QuoteName(name), errno);
      status = 1;
      continue;
    }
    targets.push_back({fd, mc::QuoteName(name), true});
  }

  mc::text::IoBuffer buf(mc::text::NewIoBuffer(mc::text::kIoBlock));
  std::size_t open_outputs = targets.size();
  bool stop = false;
  while (!stop && open_outputs > 0) {
    long r = mc::ReadSome(inv.in_fd(), buf.get(), mc::text::kIoBlock);
    if (r < 0) {
      mc::Warn(inv, "read error: " + std::string(mc::ErrorText(errno)));
      status = 1;
      break;
    }
    if (r == 0) break;
    for (auto& t : targets) {
      if (t.fd < 0) continue;
      int err = mc::WriteAll(t.fd, buf.get(), static_cast<std::size_t>(r));
      if (err == 0) continue;
      const bool pipe_error = err == EPIPE;
      // As GNU: a closed pipe is diagnosed only in the warn and exit modes;
      // by default (SIGPIPE ignored, or it would have ended tee) the dead
      // output is dropped silently and the others go on.
      const bool quiet = pipe_error && mode != Mode::kWarn && mode != Mode::kExit;
      if (!quiet) {
        mc::WarnErrno(inv, t.label, err);
        status = 1;
      }
      if (mode == Mode::kExit || (mode == Mode::kExitNoPipe && !pipe_error)) stop = true;
      if (t.owned) ::close(t.fd);
      t.fd = -1;
      --open_outputs;
      if (stop) break;
    }
  }
  for (auto& t : targets) {
    if (t.fd >= 0 && t.owned && ::close(t.fd) != 0) {
      mc::WarnErrno(inv, t.label, errno);
      status = 1;
    }
  }
  return status;
}
