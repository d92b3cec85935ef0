#include "applets/support/invocation.h"

#include <cstring>

namespace mc {

Invocation::Invocation(std::string_view prog, std::uint16_t applet, std::span<char* const> args,
                       char** env, int in_fd, int out_fd, int err_fd)
    : prog_(prog), applet_(applet), args_(args), env_(env), in_fd_(in_fd), err_fd_(err_fd),
      out_(out_fd) {}

std::optional<std::string_view> Invocation::GetEnv(std::string_view name) const {
  if (env_ == nullptr) return std::nullopt;
  for (char** e = env_; *e != nullptr; ++e) {
    std::string_view kv(*e);
    if (kv.size() > name.size() && kv[name.size()] == '=' && kv.substr(0, name.size()) == name)
      return kv.substr(name.size() + 1);
  }
  return std::nullopt;
}

}  // namespace mc
