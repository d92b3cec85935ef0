#include "applets/sort/temp_files.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mc::sorttmp {

namespace {

// The one place with mutable globals in this package, and why: a signal
// handler cannot reach the TempFiles object, yet on SIGINT/SIGTERM it must
// remove the temporary files. It therefore reads this fixed table of the
// private directories in use and the count of files made in them (files
// are named 0, 1, 2, ... inside each directory). Plain arrays and atomics
// of trivial type: constant-initialized, no static constructors.
constexpr int kMaxDirs = 8;
constexpr int kPathMax = 4096;
char g_dirs[kMaxDirs][kPathMax];
volatile sig_atomic_t g_dir_used[kMaxDirs];
volatile sig_atomic_t g_files[kMaxDirs];
volatile sig_atomic_t g_handlers_installed;
struct sigaction g_old[5];
constexpr int kSignals[5] = {SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM};

// Async-signal-safe removal of everything in the table.
void CleanAll() {
  for (int d = 0; d < kMaxDirs; ++d) {
    if (!g_dir_used[d]) continue;
    char path[kPathMax + 24];
    std::size_t len = 0;
    while (g_dirs[d][len] != '\0' && len < kPathMax) {
      path[len] = g_dirs[d][len];
      ++len;
    }
    path[len++] = '/';
    for (long i = 0; i < g_files[d]; ++i) {
      char digits[24];
      int n = 0;
      long v = i;
      do digits[n++] = static_cast<char>('0' + v % 10);
      while ((v /= 10) != 0);
      std::size_t k = len;
      while (n) path[k++] = digits[--n];
      path[k] = '\0';
      ::unlink(path);
    }
    path[len - 1] = '\0';
    ::rmdir(path);
  }
}

void OnSignal(int sig) {
  CleanAll();
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

void InstallHandlers() {
  if (g_handlers_installed) return;
  for (int i = 0; i < 5; ++i) {
    struct sigaction now;
    ::sigaction(kSignals[i], nullptr, &now);
    g_old[i] = now;
    if (now.sa_handler == SIG_IGN) continue;
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = OnSignal;
    sigfillset(&sa.sa_mask);
    ::sigaction(kSignals[i], &sa, nullptr);
  }
  g_handlers_installed = 1;
}

void RestoreHandlers() {
  if (!g_handlers_installed) return;
  for (int i = 0; i < 5; ++i) ::sigaction(kSignals[i], &g_old[i], nullptr);
  g_handlers_installed = 0;
}

// Blocks the signals we handle while the table changes.
class BlockSignals {
 public:
  BlockSignals() {
    sigset_t set;
    sigemptyset(&set);
    for (int s : kSignals) sigaddset(&set, s);
    ::pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  ~BlockSignals() { ::pthread_sigmask(SIG_SETMASK, &old_, nullptr); }

 private:
  sigset_t old_;
};

}  // namespace

TempFiles::TempFiles(std::vector<std::string> dirs) : dirs_(std::move(dirs)) {
  made_.resize(dirs_.size());
}

TempFiles::~TempFiles() {
  BlockSignals block;
  for (const auto& f : files_) ::unlink(f.c_str());
  for (const auto& d : made_)
    if (!d.empty()) ::rmdir(d.c_str());
  for (int d = 0; d < kMaxDirs; ++d) {
    g_dir_used[d] = 0;
    g_files[d] = 0;
  }
  RestoreHandlers();
}

int TempFiles::Create(std::string* path, int* err, std::string* dir) {
  std::size_t i = next_dir_++ % dirs_.size();
  BlockSignals block;
  if (made_[i].empty()) {
    std::string tmpl = dirs_[i];
    if (tmpl.empty() || tmpl.back() != '/') tmpl += '/';
    tmpl += "sortXXXXXX";
    if (::mkdtemp(tmpl.data()) == nullptr) {
      *err = errno;
      *dir = dirs_[i];
      return -1;
    }
    made_[i] = tmpl;
    if (i < static_cast<std::size_t>(kMaxDirs) && tmpl.size() < static_cast<std::size_t>(kPathMax)) {
      std::memcpy(g_dirs[i], tmpl.c_str(), tmpl.size() + 1);
      g_files[i] = 0;
      g_dir_used[i] = 1;
    }
    InstallHandlers();
  }
  std::string p = made_[i] + "/" + std::to_string(counter_);
  int fd = ::open(p.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    *err = errno;
    *dir = dirs_[i];
    return -1;
  }
  ++counter_;
  for (int d = 0; d < kMaxDirs; ++d)
    if (g_dir_used[d]) g_files[d] = static_cast<sig_atomic_t>(counter_);
  files_.push_back(p);
  *path = p;
  return fd;
}

void TempFiles::Remove(const std::string& path) {
  BlockSignals block;
  ::unlink(path.c_str());
  for (auto it = files_.begin(); it != files_.end(); ++it) {
    if (*it == path) {
      files_.erase(it);
      break;
    }
  }
}

}  // namespace mc::sorttmp
