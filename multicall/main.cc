// The multicall entry point: process set-up, then dispatch on argv[0].
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <span>
#include <string>

#include "applets/support/invocation.h"
#include "multicall/dispatch.h"
#include "multicall/multiplexer.h"
#include "multicall/run_applet.h"
#include "registry/registry.h"

extern char** environ;

namespace {

// A closed fd 0, 1 or 2 is reopened on /dev/null in the wrong direction, so
// that a file the applet opens later cannot take its place, and reads from
// stdin or writes to stdout still fail with EBADF as they would have.
// SIGPIPE is deliberately left as inherited. Returns whether stdout was
// closed.
bool GuardStandardFds() {
  pollfd fds[3] = {{0, 0, 0}, {1, 0, 0}, {2, 0, 0}};
  if (::poll(fds, 3, 0) <= 0) return false;
  for (int fd = 0; fd < 3; ++fd) {
    if ((fds[fd].revents & POLLNVAL) == 0) continue;
    int got = ::open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
    if (got >= 0 && got != fd) {
      ::dup2(got, fd);
      ::close(got);
    }
  }
  return (fds[1].revents & POLLNVAL) != 0;
}

int NotFound(std::string_view name) {
  std::string msg(name);
  msg += ": applet not found\n";
  (void)!::write(2, msg.data(), msg.size());
  return 127;
}

}  // namespace

namespace mc {

int RunByIndex(int applet, std::string_view name, int argc, char** argv,
               const InheritedState& inherited) {
  Invocation inv(name, static_cast<std::uint16_t>(applet),
                 std::span<char* const>(argv + 1, static_cast<std::size_t>(argc - 1)), environ);
  inv.set_stdout_was_closed(inherited.stdout_closed);
  return RunApplet(inv);
}

}  // namespace mc

int main(int argc, char** argv) {
  const mc::InheritedState inherited{GuardStandardFds()};
  const char* argv0 = argc > 0 && argv[0] != nullptr ? argv[0] : "multicall";
  std::string_view name = mc::dispatch::InvokedName(argv0);
  int applet = mc::registry::Find(name);
  if (applet >= 0) return mc::RunByIndex(applet, name, argc, argv, inherited);
  if (mc::dispatch::IsMultiplexerName(name)) return mc::Multiplexer(argc, argv, inherited);
  applet = mc::dispatch::FollowSymlinkChain(argv0);
  if (applet >= 0)
    return mc::RunByIndex(applet, mc::registry::PrimaryName(static_cast<std::uint16_t>(applet)),
                          argc, argv, inherited);
  return NotFound(name);
}
