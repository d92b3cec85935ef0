// multicall --completions bash|zsh|fish: a completion script for every
// applet name in this binary (and the multiplexer), with the options each
// applet's --help documents.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mc {

// The script for `shell`, or nothing if the shell is not one of ours.
std::optional<std::string> CompletionScript(std::string_view shell);

}  // namespace mc
