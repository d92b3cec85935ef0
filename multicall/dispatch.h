// Choosing the applet from the name the process was started under.
#pragma once

#include <string>
#include <string_view>

namespace mc::dispatch {

// basename of argv[0] with a leading '-' (login shells) removed.
std::string_view InvokedName(std::string_view argv0);

// The name starts with the binary's own name, which runs the multiplexer
// ("multicall", "multicall-static", ...).
bool IsMultiplexerName(std::string_view name);

// Follows the symlink chain of the executed path (argv[0] if it has a '/',
// else the kernel's AT_EXECFN) one link at a time, at most 40 links, and
// returns the first applet index whose name appears; -1 if none does.
int FollowSymlinkChain(const char* argv0);

}  // namespace mc::dispatch
