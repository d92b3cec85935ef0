// Shell wildcard matching as fnmatch(3) without FNM_PATHNAME, bytewise (the
// C locale): * ? [set] [!set] [^set] ranges, [:class:], backslash escapes.
// glibc's fnmatch would link its multibyte and wide-character matchers
// (about 20 KB) into every applet that uses it.
#pragma once

#include <string_view>

namespace mc {

// period: a leading '.' of name matches only a literal '.' (FNM_PERIOD).
bool WildcardMatch(std::string_view pattern, std::string_view name, bool period = false);

}  // namespace mc
