#include "applets/support/version_sort.h"

#include <cstddef>

namespace mc {
namespace {

bool Digit(char c) { return c >= '0' && c <= '9'; }
bool Alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Length of s without its suffix (\.[A-Za-z~][A-Za-z0-9~]*)*$.
std::size_t PrefixLen(std::string_view s) {
  std::size_t n = s.size(), prefix = 0;
  for (std::size_t i = 0; i < n;) {
    ++i;
    prefix = i;
    while (i + 1 < n && s[i] == '.' && (Alpha(s[i + 1]) || s[i + 1] == '~'))
      for (i += 2; i < n && (Alpha(s[i]) || Digit(s[i]) || s[i] == '~'); ++i) {
      }
  }
  return prefix;
}

int Order(std::string_view s, std::size_t pos) {
  if (pos == s.size()) return 0;
  unsigned char c = static_cast<unsigned char>(s[pos]);
  if (Digit(static_cast<char>(c))) return 0;
  if (Alpha(static_cast<char>(c))) return c;
  if (c == '~') return -1;
  return c + 256;
}

int VerRevCmp(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    int first_diff = 0;
    while ((i < a.size() && !Digit(a[i])) || (j < b.size() && !Digit(b[j]))) {
      int ac = Order(a, i), bc = Order(b, j);
      if (ac != bc) return ac - bc;
      ++i;
      ++j;
    }
    while (i < a.size() && a[i] == '0') ++i;
    while (j < b.size() && b[j] == '0') ++j;
    while (i < a.size() && j < b.size() && Digit(a[i]) && Digit(b[j])) {
      if (!first_diff) first_diff = a[i] - b[j];
      ++i;
      ++j;
    }
    if (i < a.size() && Digit(a[i])) return 1;
    if (j < b.size() && Digit(b[j])) return -1;
    if (first_diff) return first_diff;
  }
  return 0;
}

}  // namespace

int FileVersionCompare(std::string_view a, std::string_view b) {
  if (a.empty()) return b.empty() ? 0 : -1;
  if (b.empty()) return 1;
  // "." first, then "..", then other hidden names, then the rest.
  if (a[0] == '.') {
    if (b[0] != '.') return -1;
    bool adot = a.size() == 1, bdot = b.size() == 1;
    if (adot || bdot) return (bdot ? 1 : 0) - (adot ? 1 : 0);
    bool add = a == "..", bdd = b == "..";
    if (add || bdd) return (bdd ? 1 : 0) - (add ? 1 : 0);
    a.remove_prefix(1);
    b.remove_prefix(1);
  } else if (b[0] == '.') {
    return 1;
  }
  std::size_t ap = PrefixLen(a), bp = PrefixLen(b);
  bool one_pass = ap == a.size() && bp == b.size();
  int r = VerRevCmp(a.substr(0, ap), b.substr(0, bp));
  return r || one_pass ? r : VerRevCmp(a, b);
}

}  // namespace mc
