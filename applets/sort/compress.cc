#include "applets/sort/compress.h"

#include <fcntl.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace mc::sort {

namespace {

// Errors after which execvp goes on to the next PATH entry.
bool TryNext(int err) {
  return err == ENOENT || err == ENOTDIR || err == ESTALE || err == ENODEV || err == ETIMEDOUT ||
         err == EACCES || err == ELOOP || err == ENAMETOOLONG;
}

}  // namespace

Programs::Programs(std::string prog, std::optional<std::string> path, char** env, int err_fd)
    : prog_(std::move(prog)), path_(std::move(path)), env_(env), err_fd_(err_fd) {
  sigemptyset(&child_mask_);
  ::pthread_sigmask(SIG_SETMASK, nullptr, &child_mask_);
  // Children must be waited for: an ignored SIGCHLD would reap them behind
  // our back (POSIX leaves waitpid() then failing with ECHILD), as GNU sort
  // also resets it.
  if (::sigaction(SIGCHLD, nullptr, &old_chld_) == 0 && old_chld_.sa_handler == SIG_IGN) {
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGCHLD, &sa, nullptr);
    chld_changed_ = true;
  }
}

Programs::~Programs() {
  // Only reached with children left when sort is failing: their output is
  // no longer wanted, and their files are about to be removed.
  while (!pids_.empty()) Discard(pids_.back());
  if (chld_changed_) ::sigaction(SIGCHLD, &old_chld_, nullptr);
}

int Programs::SpawnAt(const std::string& file, bool decompress, bool via_shell, int in_fd,
                      int out_fd, pid_t* pid) {
  posix_spawn_file_actions_t fa;
  posix_spawnattr_t attr;
  if (int e = posix_spawn_file_actions_init(&fa)) return e;
  if (int e = posix_spawnattr_init(&attr)) {
    posix_spawn_file_actions_destroy(&fa);
    return e;
  }
  // stderr first: err_fd may be 0 or 1 in an in-process call, while in_fd
  // and out_fd are above 2 (see Start).
  int e = 0;
  if (err_fd_ != 2) e = posix_spawn_file_actions_adddup2(&fa, err_fd_, 2);
  if (e == 0) e = posix_spawn_file_actions_adddup2(&fa, in_fd, 0);
  if (e == 0) e = posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
  if (e == 0) e = posix_spawnattr_setsigmask(&attr, &child_mask_);
  if (e == 0) e = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
  if (e == 0) {
    std::string self = file, sh = "/bin/sh", dash_d = "-d";
    std::vector<char*> argv;
    if (via_shell) argv.push_back(sh.data());
    argv.push_back(via_shell ? self.data() : prog_.data());
    if (decompress) argv.push_back(dash_d.data());
    argv.push_back(nullptr);
    e = ::posix_spawn(pid, via_shell ? sh.c_str() : self.c_str(), &fa, &attr, argv.data(), env_);
  }
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&fa);
  return e;
}

pid_t Programs::Start(bool decompress, int in_fd, int out_fd, int* err) {
  // Keep the child's descriptors clear of 0, 1 and 2 (see SpawnAt).
  int moved[2] = {-1, -1};
  if (in_fd <= 2) in_fd = moved[0] = ::fcntl(in_fd, F_DUPFD_CLOEXEC, 3);
  if (out_fd <= 2) out_fd = moved[1] = ::fcntl(out_fd, F_DUPFD_CLOEXEC, 3);
  auto done = [&](pid_t pid, int e) {
    for (int m : moved)
      if (m >= 0) ::close(m);
    if (pid < 0) *err = e;
    else pids_.push_back(pid);
    return pid;
  };
  if (in_fd < 0 || out_fd < 0) return done(-1, errno);
  pid_t pid = -1;
  if (!resolved_.empty()) {
    int e = SpawnAt(resolved_, decompress, resolved_via_shell_, in_fd, out_fd, &pid);
    return done(e == 0 ? pid : -1, e);
  }
  // The first run: look PROG up as execvp does. A file that is not an
  // executable format (ENOEXEC) is run by /bin/sh, as execvp runs it.
  auto attempt = [&](const std::string& file) {
    int e = SpawnAt(file, decompress, false, in_fd, out_fd, &pid);
    bool shell = false;
    if (e == ENOEXEC) {
      shell = true;
      e = SpawnAt(file, decompress, true, in_fd, out_fd, &pid);
    }
    if (e == 0) {
      resolved_ = file;
      resolved_via_shell_ = shell;
    }
    return e;
  };
  if (prog_.empty()) return done(-1, ENOENT);
  if (prog_.find('/') != std::string::npos) {
    int e = attempt(prog_);
    return done(e == 0 ? pid : -1, e);
  }
  const std::string path = path_ ? *path_ : std::string("/bin:/usr/bin");
  bool denied = false;
  int last = ENOENT;
  for (std::size_t start = 0;;) {
    std::size_t colon = path.find(':', start);
    std::string dir = path.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    std::string file = dir.empty() ? prog_ : dir + "/" + prog_;
    int e = attempt(file);
    if (e == 0) return done(pid, 0);
    if (!TryNext(e)) return done(-1, e);
    if (e == EACCES) denied = true;
    last = e;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return done(-1, denied ? EACCES : last);
}

void Programs::Forget(pid_t pid) {
  auto it = std::find(pids_.begin(), pids_.end(), pid);
  if (it != pids_.end()) pids_.erase(it);
}

bool Programs::Wait(pid_t pid) {
  int status = 0;
  pid_t r;
  while ((r = ::waitpid(pid, &status, 0)) < 0 && errno == EINTR) {
  }
  Forget(pid);
  return r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void Programs::Discard(pid_t pid) {
  ::kill(pid, SIGKILL);
  int status;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  Forget(pid);
}

std::optional<bool> Programs::Poll(pid_t pid) {
  int status = 0;
  pid_t r;
  while ((r = ::waitpid(pid, &status, WNOHANG)) < 0 && errno == EINTR) {
  }
  if (r == 0) return std::nullopt;
  Forget(pid);
  return r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

SigpipeBlock::SigpipeBlock() {
  sigset_t set, pending;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  ::pthread_sigmask(SIG_BLOCK, &set, &old_);
  sigemptyset(&pending);
  ::sigpending(&pending);
  was_pending_ = sigismember(&pending, SIGPIPE) == 1;
}

SigpipeBlock::~SigpipeBlock() {
  if (!was_pending_) {
    sigset_t set, pending;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    sigemptyset(&pending);
    ::sigpending(&pending);
    if (sigismember(&pending, SIGPIPE) == 1) {
      struct timespec zero = {0, 0};
      while (::sigtimedwait(&set, nullptr, &zero) < 0 && errno == EINTR) {
      }
    }
  }
  ::pthread_sigmask(SIG_SETMASK, &old_, nullptr);
}

}  // namespace mc::sort
