#include "applets/support/signal_cleanup.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

namespace mc::sigcleanup {

namespace {

// GNU sort's and csplit's list of signals after which they clean up.
constexpr int kSignals[] = {SIGALRM, SIGHUP,    SIGINT,  SIGPIPE, SIGQUIT, SIGTERM,
                            SIGIO,   SIGPROF,   SIGVTALRM, SIGXCPU, SIGXFSZ};
constexpr int kSignalCount = sizeof kSignals / sizeof kSignals[0];

// A registered path. Nodes form a list from the newest to the oldest; the
// handler walks it and removes the live ones.
struct Node {
  std::atomic<Node*> next{nullptr};
  std::atomic<bool> live{true};
  char* path = nullptr;
};

// The one place with mutable globals in this library, and why: a signal
// handler cannot reach any object, yet it must find the paths to remove.
// All of these are constant-initialized (no static constructors).
std::atomic<Node*> g_head{nullptr};
// Handlers that have started (they never finish: they re-raise). Nodes
// taken out of the list are freed only while this is 0, so a handler never
// walks freed memory.
std::atomic<int> g_in_handler{0};
// Everything below is guarded by g_lock (and touched with the handled
// signals blocked in the calling thread).
pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
std::size_t g_live = 0, g_dead = 0;
bool g_installed = false;
struct sigaction g_old[kSignalCount];

void RemovePath(const char* path) {
  if (::unlink(path) != 0 && (errno == EISDIR || errno == EPERM)) ::rmdir(path);
}

void OnSignal(int sig) {
  g_in_handler.fetch_add(1);
  const int saved = errno;
  for (Node* n = g_head.load(); n != nullptr; n = n->next.load()) {
    if (n->live.load()) RemovePath(n->path);
  }
  errno = saved;
  struct sigaction dfl;
  std::memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  ::sigaction(sig, &dfl, nullptr);
  // Pending until the handler returns (every handled signal is blocked
  // while it runs); then the default action ends the process.
  ::raise(sig);
}

void InstallLocked() {
  if (g_installed) return;
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  for (int s : kSignals) sigaddset(&sa.sa_mask, s);
  for (int i = 0; i < kSignalCount; ++i) {
    ::sigaction(kSignals[i], nullptr, &g_old[i]);
    // An ignored signal stays ignored (nohup, trap '' INT).
    if (g_old[i].sa_handler == SIG_IGN) continue;
    ::sigaction(kSignals[i], &sa, nullptr);
  }
  g_installed = true;
}

void RestoreLocked() {
  if (!g_installed) return;
  for (int i = 0; i < kSignalCount; ++i) {
    if (g_old[i].sa_handler == SIG_IGN) continue;
    ::sigaction(kSignals[i], &g_old[i], nullptr);
  }
  g_installed = false;
}

void FreeNode(Node* n) {
  std::free(n->path);
  delete n;
}

// Takes forgotten nodes out of the list and frees them, unless a handler
// has started (it may be walking them; the process is about to die).
void SweepLocked() {
  Node* retired = nullptr;
  Node* prev = nullptr;
  for (Node* n = g_head.load(); n != nullptr;) {
    Node* next = n->next.load();
    if (!n->live.load()) {
      if (prev) prev->next.store(next);
      else g_head.store(next);
      n->next.store(retired, std::memory_order_relaxed);
      retired = n;
    } else {
      prev = n;
    }
    n = next;
  }
  g_dead = 0;
  if (g_in_handler.load() != 0) return;
  while (retired) {
    Node* next = retired->next.load(std::memory_order_relaxed);
    FreeNode(retired);
    retired = next;
  }
}

void SignalSet(sigset_t* set) {
  sigemptyset(set);
  for (int s : kSignals) sigaddset(set, s);
}

}  // namespace

BlockSignals::BlockSignals() {
  sigset_t set;
  SignalSet(&set);
  ::pthread_sigmask(SIG_BLOCK, &set, &old_);
}

BlockSignals::~BlockSignals() { ::pthread_sigmask(SIG_SETMASK, &old_, nullptr); }

std::size_t Add(std::string_view path) {
  Node* n = new (std::nothrow) Node;
  if (n == nullptr) return 0;
  n->path = static_cast<char*>(std::malloc(path.size() + 1));
  if (n->path == nullptr) {
    delete n;
    return 0;
  }
  std::memcpy(n->path, path.data(), path.size());
  n->path[path.size()] = '\0';
  BlockSignals block;
  ::pthread_mutex_lock(&g_lock);
  InstallLocked();
  n->next.store(g_head.load());
  g_head.store(n);  // published complete: the handler may see it from now on
  ++g_live;
  ::pthread_mutex_unlock(&g_lock);
  return reinterpret_cast<std::uintptr_t>(n);
}

void Forget(std::size_t id) {
  if (id == 0) return;
  Node* n = reinterpret_cast<Node*>(static_cast<std::uintptr_t>(id));
  BlockSignals block;
  ::pthread_mutex_lock(&g_lock);
  n->live.store(false);
  --g_live;
  ++g_dead;
  if (g_live == 0) {
    RestoreLocked();
    SweepLocked();
  } else if (g_dead > 64 && g_dead > g_live) {
    SweepLocked();
  }
  ::pthread_mutex_unlock(&g_lock);
}

}  // namespace mc::sigcleanup
