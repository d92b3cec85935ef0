#include "applets/support/version_sort.h"

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

TEST_CASE("version order as GNU ls -v") {
  // The order GNU ls 9.1 -av printed for these names (LC_ALL=C).
  const std::vector<std::string> want = {
      ".", "..", ".a", ".b1", ".b10", "~", "1", "2", "10", "Z", "a~", "a", "a.B", "a.b", "a001", "a01",
      "a1", "a1.tar", "a1.tar.gz", "a1.2", "a1.2.3", "a1.10", "a2", "a10", "b~", "b~1", "b",
      "file.txt", "file1.txt", "file2.txt", "file10.txt", "v1.9", "v1.9a", "v1.10", "x-1.0",
      "x-1.0a", "x-1.0-rc1", "x-1.0.1", "z"};
  std::vector<std::string> v(want.rbegin(), want.rend());
  std::stable_sort(v.begin(), v.end(), [](const std::string& a, const std::string& b) {
    int d = mc::FileVersionCompare(a, b);
    return d ? d < 0 : a < b;
  });
  CHECK(v == want);
  CHECK(mc::FileVersionCompare("a", "a") == 0);
  CHECK(mc::FileVersionCompare("", "a") < 0);
}
