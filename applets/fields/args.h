// Option arguments that may be empty (cut -d '', paste -d '',
// --output-delimiter=): the shared parser hands option values to CLI11,
// which takes an empty value for a missing one. The applets in this
// package therefore pass empty arguments through a placeholder and map it
// back in their callbacks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "applets/support/invocation.h"

namespace mc::fields {

// A value no command line can usefully contain as an option argument.
inline constexpr std::string_view kEmptyArg = "\x01\x02mc-empty\x02\x01";

// The invocation's arguments with empty values replaced by kEmptyArg:
// a "" argument and the empty value of "--name=".
inline std::vector<std::string> ArgsWithEmptyValues(const Invocation& inv) {
  std::vector<std::string> args;
  bool done = false;
  for (char* a : inv.args()) {
    std::string s(a);
    if (!done && s == "--") done = true;
    if (s.empty()) s = kEmptyArg;
    else if (!done && s.size() > 2 && s[0] == '-' && s[1] == '-' && s.back() == '=' &&
             s.find('=') == s.size() - 1)
      s += kEmptyArg;
    args.push_back(std::move(s));
  }
  return args;
}

// Maps the placeholder back to "".
inline std::string Unplaceholder(const std::string& v) {
  return v == kEmptyArg ? std::string() : v;
}

}  // namespace mc::fields
