// What the locale environment asks for, for the few places where GNU tools
// behave differently in the C locale and in a UTF-8 one. The binary never
// calls setlocale(); it reads LC_ALL, then the category variable, then LANG
// as setlocale() would.
#pragma once

#include <string_view>

#include "applets/support/invocation.h"

namespace mc {

inline std::string_view LocaleName(const Invocation& inv, const char* category) {
  for (const char* var : {"LC_ALL", category, "LANG"}) {
    auto v = inv.GetEnv(var);
    if (v && !v->empty()) return *v;
  }
  return "C";
}

// GNU's hard_locale(): anything but C/POSIX.
inline bool HardLocale(const Invocation& inv, const char* category) {
  std::string_view name = LocaleName(inv, category);
  return !(name == "C" || name == "POSIX");
}

// The character type is UTF-8 (LC_CTYPE names a UTF-8 codeset).
inline bool Utf8Ctype(const Invocation& inv) {
  std::string_view name = LocaleName(inv, "LC_CTYPE");
  std::size_t dot = name.find('.');
  if (dot == std::string_view::npos) return false;
  std::string_view cs = name.substr(dot + 1);
  cs = cs.substr(0, cs.find('@'));
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  std::string_view want1 = "utf-8", want2 = "utf8";
  auto eq = [&](std::string_view w) {
    if (cs.size() != w.size()) return false;
    for (std::size_t i = 0; i < w.size(); ++i)
      if (lower(cs[i]) != w[i]) return false;
    return true;
  };
  return eq(want1) || eq(want2);
}

}  // namespace mc
