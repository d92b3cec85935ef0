#include "applets/support/wildcard.h"

#include <cstddef>

namespace mc {
namespace {

bool InClass(std::string_view cls, unsigned char c) {
  auto in = [&](char a, char b) { return c >= static_cast<unsigned char>(a) && c <= static_cast<unsigned char>(b); };
  if (cls == "alpha") return in('a', 'z') || in('A', 'Z');
  if (cls == "digit") return in('0', '9');
  if (cls == "alnum") return in('a', 'z') || in('A', 'Z') || in('0', '9');
  if (cls == "upper") return in('A', 'Z');
  if (cls == "lower") return in('a', 'z');
  if (cls == "space") return c == ' ' || in('\t', '\r');
  if (cls == "blank") return c == ' ' || c == '\t';
  if (cls == "punct") return in('!', '/') || in(':', '@') || in('[', '`') || in('{', '~');
  if (cls == "print") return in(' ', '~');
  if (cls == "graph") return in('!', '~');
  if (cls == "cntrl") return c < 0x20 || c == 0x7f;
  if (cls == "xdigit") return in('0', '9') || in('a', 'f') || in('A', 'F');
  return false;
}

// Matches c against the bracket expression at p[i] ('[' already read).
// Returns the index after ']' and sets matched, or npos when the
// expression is not terminated (then '[' is an ordinary character).
std::size_t Bracket(std::string_view p, std::size_t i, unsigned char c, bool& matched) {
  bool negate = false;
  if (i < p.size() && (p[i] == '!' || p[i] == '^')) {
    negate = true;
    ++i;
  }
  bool found = false;
  bool first = true;
  while (i < p.size()) {
    char ch = p[i];
    if (ch == ']' && !first) {
      matched = found != negate;
      return i + 1;
    }
    first = false;
    if (ch == '[' && i + 1 < p.size() && p[i + 1] == ':') {
      std::size_t end = p.find(":]", i + 2);
      if (end != std::string_view::npos) {
        if (InClass(p.substr(i + 2, end - i - 2), c)) found = true;
        i = end + 2;
        continue;
      }
    }
    unsigned char lo = static_cast<unsigned char>(ch);
    if (ch == '\\' && i + 1 < p.size()) lo = static_cast<unsigned char>(p[++i]);
    ++i;
    unsigned char hi = lo;
    if (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']') {
      hi = static_cast<unsigned char>(p[i + 1]);
      i += 2;
      if (hi == '\\' && i < p.size()) hi = static_cast<unsigned char>(p[i++]);
    }
    if (c >= lo && c <= hi) found = true;
  }
  return std::string_view::npos;
}

}  // namespace

bool WildcardMatch(std::string_view p, std::string_view s, bool period) {
  std::size_t pi = 0, si = 0;
  std::size_t star_p = std::string_view::npos, star_s = 0;
  if (period && !s.empty() && s[0] == '.') {
    // The leading dot must be matched by a literal '.'.
    if (p.empty() || !(p[0] == '.' || (p[0] == '\\' && p.size() > 1 && p[1] == '.'))) return false;
  }
  while (si < s.size()) {
    if (pi < p.size()) {
      char ch = p[pi];
      if (ch == '*') {
        while (pi < p.size() && p[pi] == '*') ++pi;
        if (pi == p.size()) return true;
        star_p = pi;
        star_s = si;
        continue;
      }
      unsigned char c = static_cast<unsigned char>(s[si]);
      if (ch == '?') {
        ++pi;
        ++si;
        continue;
      }
      if (ch == '[') {
        bool matched = false;
        std::size_t next = Bracket(p, pi + 1, c, matched);
        if (next != std::string_view::npos) {
          if (matched) {
            pi = next;
            ++si;
            continue;
          }
        } else if (c == '[') {
          ++pi;
          ++si;
          continue;
        }
      } else {
        unsigned char want = static_cast<unsigned char>(ch);
        std::size_t step = 1;
        if (ch == '\\' && pi + 1 < p.size()) want = static_cast<unsigned char>(p[pi + 1]), step = 2;
        if (want == c) {
          pi += step;
          ++si;
          continue;
        }
      }
    }
    if (star_p == std::string_view::npos) return false;
    pi = star_p;
    si = ++star_s;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

}  // namespace mc
