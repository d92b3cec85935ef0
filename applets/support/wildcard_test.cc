#include "applets/support/wildcard.h"

#include <fnmatch.h>

#include <string>
#include <vector>

#include <catch2/catch.hpp>

TEST_CASE("wildcards agree with glibc's fnmatch in the C locale") {
  const std::vector<std::string> patterns = {
      "*", "*.txt", "a?c", "[abc]*", "[!a]*", "[^a]*", "[a-c]x", "*[0-9]", "[[:digit:]]*", "[]]",
      "[!]]", "a\\*b", "\\[x", "[", "a[", "*a*b*", "**", ".*", "*~", "x[[:alpha:]-]y", "[a-]z",
      "d/e", "*/e", "?", "", "a*", "*b", "[\\]]"};
  const std::vector<std::string> names = {
      "", "a", "abc", "a.txt", ".h", ".txt", "bx", "dx", "x9", "9x", "]", "a*b", "axb", "[x", "[",
      "a[", "xaybz", "ab", "a~", "x-y", "xqy", "-z", "d/e", "q/e", "\\", "a]", "zz"};
  for (const auto& p : patterns)
    for (const auto& n : names)
      for (bool period : {false, true}) {
        INFO(p << " " << n << " " << period);
        bool want = ::fnmatch(p.c_str(), n.c_str(), period ? FNM_PERIOD : 0) == 0;
        CHECK(mc::WildcardMatch(p, n, period) == want);
      }
}
