// sort's --compress-program=PROG: runs "PROG" (compressing its standard
// input into its standard output) or "PROG -d" (the reverse), found through
// the invocation's PATH as execvp would find it, and keeps every child it
// started until that child has been waited for. Children left when the
// object goes away (sort failing half way) are killed and reaped, so none
// outlives sort's temporary files or lingers as a zombie.
#pragma once

#include <signal.h>
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace mc::sort {

class Programs {
 public:
  // prog: PROG as given. path: the invocation's $PATH (nullopt: unset).
  // env: the child's environment. err_fd: the child's standard error.
  Programs(std::string prog, std::optional<std::string> path, char** env, int err_fd);
  ~Programs();
  Programs(const Programs&) = delete;
  Programs& operator=(const Programs&) = delete;

  const std::string& prog() const { return prog_; }

  // Starts PROG (or PROG -d) with in_fd as its standard input and out_fd
  // as its standard output; both should be close-on-exec, as should every
  // other descriptor of the caller, so that the child holds no pipe end
  // but its own. Returns the pid, or -1 with *err set: EAGAIN or ENOMEM
  // when no process could be made, otherwise the reason PROG could not be
  // executed (ENOENT, EACCES, ...).
  pid_t Start(bool decompress, int in_fd, int out_fd, int* err);

  // Waits for a child started here (retrying on EINTR). Returns whether it
  // exited with status 0.
  bool Wait(pid_t pid);
  // Like Wait() without blocking: nullopt while the child runs.
  std::optional<bool> Poll(pid_t pid);

  // Kills and waits for a child whose work is no longer wanted.
  void Discard(pid_t pid);

  // Children started and not yet waited for.
  std::size_t running() const { return pids_.size(); }

 private:
  int SpawnAt(const std::string& file, bool decompress, bool via_shell, int in_fd, int out_fd,
              pid_t* pid);
  void Forget(pid_t pid);

  std::string prog_;
  std::optional<std::string> path_;
  char** env_;
  int err_fd_;
  sigset_t child_mask_;          // the signal mask sort started with
  struct sigaction old_chld_;    // SIGCHLD's disposition before us
  bool chld_changed_ = false;
  std::string resolved_;         // where PROG was found, once it ran
  bool resolved_via_shell_ = false;
  std::vector<pid_t> pids_;
};

// Blocks SIGPIPE in the calling thread while writing into a compressor's
// pipe, so that a compressor that exits early makes write() fail with
// EPIPE (reported by sort) instead of killing sort without a word. A
// SIGPIPE raised meanwhile is discarded when the guard ends.
class SigpipeBlock {
 public:
  SigpipeBlock();
  ~SigpipeBlock();
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

 private:
  sigset_t old_;
  bool was_pending_;
};

}  // namespace mc::sort
