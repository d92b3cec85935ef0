#include "multicall/dispatch.h"

#include <climits>
#include <cstring>
#include <sys/auxv.h>
#include <unistd.h>

#include "registry/registry.h"

namespace mc::dispatch {

std::string_view InvokedName(std::string_view argv0) {
  std::size_t slash = argv0.rfind('/');
  if (slash != std::string_view::npos) argv0.remove_prefix(slash + 1);
  if (!argv0.empty() && argv0.front() == '-') argv0.remove_prefix(1);
  return argv0;
}

bool IsMultiplexerName(std::string_view name) {
  return name.rfind(registry::GetTable().multiplexer, 0) == 0;
}

int FollowSymlinkChain(const char* argv0) {
  std::string path;
  if (std::strchr(argv0, '/') != nullptr) {
    path = argv0;
  } else if (const char* exec_fn = reinterpret_cast<const char*>(getauxval(AT_EXECFN))) {
    path = exec_fn;  // the PATH-resolved name the kernel executed
  } else {
    return -1;
  }
  char buf[PATH_MAX];
  for (int hops = 0; hops < 40; ++hops) {
    ssize_t n = ::readlink(path.c_str(), buf, sizeof buf - 1);
    if (n <= 0) return -1;  // not a symlink (or unreadable): the chain ends
    std::string target(buf, static_cast<std::size_t>(n));
    if (target.front() != '/') {
      std::size_t slash = path.rfind('/');
      target = (slash == std::string::npos ? std::string() : path.substr(0, slash + 1)) + target;
    }
    std::string_view name = InvokedName(target);
    int applet = registry::Find(name);
    if (applet >= 0) return applet;
    if (IsMultiplexerName(name)) return -1;
    path = std::move(target);
  }
  return -1;
}

}  // namespace mc::dispatch
