// Removing partial output when a fatal signal arrives, as GNU sort and
// csplit do for their temporary files and pieces.
//
// An applet registers each file (or directory) it must not leave behind.
// While anything is registered, a handler is installed for SIGHUP, SIGINT,
// SIGQUIT, SIGPIPE, SIGTERM, SIGALRM, SIGIO, SIGPROF, SIGVTALRM, SIGXCPU
// and SIGXFSZ (GNU's list), except those ignored when the handler goes in.
// On such a signal it removes every registered path, newest first (so
// files go before the directory that holds them: unlink, else rmdir),
// restores the default action and re-raises the signal: the process then
// dies of that signal, as it would have, and the shell sees 128+N.
// When nothing is registered any more, the previous actions come back.
//
// The handler uses only async-signal-safe calls and reads a list that is
// published with atomic stores; Add and Forget may be called from any
// thread. SIGKILL cannot be caught: nothing helps there.
#pragma once

#include <signal.h>

#include <cstddef>
#include <string_view>
#include <vector>

namespace mc::sigcleanup {

// Registers path for removal on a fatal signal. Returns an id for Forget,
// or 0 if it could not be recorded (out of memory; the path is then not
// protected).
std::size_t Add(std::string_view path);
// The path no longer needs removing (it was removed, renamed, or is to be
// kept). Forget(0) does nothing.
void Forget(std::size_t id);

// Blocks the handled signals in the calling thread for its lifetime, so
// that creating a file and registering it (or removing and forgetting it)
// is one step for the handler.
class BlockSignals {
 public:
  BlockSignals();
  ~BlockSignals();
  BlockSignals(const BlockSignals&) = delete;
  BlockSignals& operator=(const BlockSignals&) = delete;

 private:
  sigset_t old_;
};

// A group of registered paths that are forgotten (not removed) when the
// group goes away: the normal end keeps the files, an error path removes
// them itself.
class Paths {
 public:
  Paths() = default;
  ~Paths() { ForgetAll(); }
  Paths(const Paths&) = delete;
  Paths& operator=(const Paths&) = delete;

  void Add(std::string_view path) { ids_.push_back(sigcleanup::Add(path)); }
  void ForgetAll() {
    for (std::size_t id : ids_) Forget(id);
    ids_.clear();
  }
  // Forgets the most recently added path (e.g. an elided empty piece).
  void ForgetLast() {
    if (ids_.empty()) return;
    Forget(ids_.back());
    ids_.pop_back();
  }

 private:
  std::vector<std::size_t> ids_;
};

}  // namespace mc::sigcleanup
