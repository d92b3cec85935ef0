#include <catch2/catch.hpp>

#include <dirent.h>

#include <string>

#include "tests/harness/in_process.h"

using mc::testing::Run;

namespace {

std::string Seq(int from, int to) {
  std::string s;
  for (int i = from; i <= to; ++i) s += std::to_string(i) + "\n";
  return s;
}

int CountEntries(const std::string& dir) {
  int n = 0;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d))
      if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") ++n;
    closedir(d);
  }
  return n;
}

}  // namespace

TEST_CASE("sort: plain, reverse, unique, byte-clean") {
  CHECK(Run("sort", {}, "b\nc\na\n").out == "a\nb\nc\n");
  CHECK(Run("sort", {}, "b\na").out == "a\nb\n");
  CHECK(Run("sort", {}, "").out.empty());
  CHECK(Run("sort", {"-r"}, "a\nc\nb\n").out == "c\nb\na\n");
  CHECK(Run("sort", {"-u"}, "b\na\nb\na\n").out == "a\nb\n");
  CHECK(Run("sort", {}, std::string("b\0x\na\0y\n", 8)).out == std::string("a\0y\nb\0x\n", 8));
  CHECK(Run("sort", {"-z"}, std::string("b\0a\0", 4)).out == std::string("a\0b\0", 4));
  CHECK(Run("sort", {}, "\xff\nA\n\xc3\xa9\n").out == "A\n\xc3\xa9\n\xff\n");
  std::string longline(300000, 'x');
  CHECK(Run("sort", {}, longline + "\na\n").out == "a\n" + longline + "\n");
}

TEST_CASE("sort: numeric and other orderings") {
  CHECK(Run("sort", {"-n"}, "10\n9\n-1\n1.5\n").out == "-1\n1.5\n9\n10\n");
  CHECK(Run("sort", {"-n"}, "-0\n0\n").out == "-0\n0\n");
  CHECK(Run("sort", {"-g"}, "1e3\n5\nnan\nx\n").out == "x\nnan\n5\n1e3\n");
  CHECK(Run("sort", {"-h"}, "1G\n2K\n3M\n1\n").out == "1\n2K\n3M\n1G\n");
  CHECK(Run("sort", {"-M"}, "mar\nJAN\nxyz\nfeb\n").out == "xyz\nJAN\nfeb\nmar\n");
  CHECK(Run("sort", {"-V"}, "a10\na9\na1.2\n").out == "a1.2\na9\na10\n");
  CHECK(Run("sort", {"-f"}, "b\nA\na\nB\n").out == "A\na\nB\nb\n");
  CHECK(Run("sort", {"-d"}, "b!\n-a\n").out == "-a\nb!\n");
  CHECK(Run("sort", {"--sort=numeric"}, "10\n9\n").out == "9\n10\n");
}

TEST_CASE("sort: keys") {
  CHECK(Run("sort", {"-k2,2n", "-k1,1r"}, "a 2\nb 1\nc 2\n").out == "b 1\nc 2\na 2\n");
  CHECK(Run("sort", {"-t:", "-k2"}, "x:b\ny:a\n").out == "y:a\nx:b\n");
  CHECK(Run("sort", {"-k1.2,1.3"}, "xbz\nyay\n").out == "yay\nxbz\n");
  CHECK(Run("sort", {"-s", "-k1,1"}, "a 2\na 1\n").out == "a 2\na 1\n");
  CHECK(Run("sort", {"-k1,1"}, "a 2\na 1\n").out == "a 1\na 2\n");
  CHECK(Run("sort", {"-u", "-k1,1"}, "a 2\na 1\nb 0\n").out == "a 2\nb 0\n");
  CHECK(Run("sort", {"-b", "-k2"}, "x   b\ny a\n").out == "y a\nx   b\n");
  auto r = Run("sort", {"--debug", "-k2n"}, "a 10\n");
  CHECK(r.out == "a 10\n  __\n____\n");
  CHECK(r.err.rfind("sort: text ordering performed using simple byte comparison\n", 0) == 0);
}

TEST_CASE("sort: check and merge") {
  auto r = Run("sort", {"-c"}, "a\nc\nb\n");
  CHECK(r.status == 1);
  CHECK(r.err == "sort: -:3: disorder: b\n");
  CHECK(Run("sort", {"-C"}, "a\nb\n").status == 0);
  CHECK(Run("sort", {"-cu"}, "a\na\n").status == 1);
  std::string dir = mc::testing::TempDir();
  std::string a = mc::testing::WriteFile(dir + "/a", "1\n3\n5\n");
  std::string b = mc::testing::WriteFile(dir + "/b", "2\n4\n");
  CHECK(Run("sort", {"-m", a, b}).out == "1\n2\n3\n4\n5\n");
  CHECK(Run("sort", {"-m", "-o", a, a, b}).status == 0);
  CHECK(mc::testing::ReadFile(a) == "1\n2\n3\n4\n5\n");
}

TEST_CASE("sort: -o onto an input, spilling and temporary files") {
  std::string dir = mc::testing::TempDir();
  std::string f = mc::testing::WriteFile(dir + "/f", "b\na\n");
  CHECK(Run("sort", {"-o", f, f}).status == 0);
  CHECK(mc::testing::ReadFile(f) == "a\nb\n");
  std::string big = Seq(1, 30000);
  std::string tmp = dir + "/tmp";
  CHECK(Run("true", {}).status == 0);
  mc::testing::WriteFile(dir + "/in", big);
  std::string sorted = Run("sort", {dir + "/in"}).out;
  auto r = Run("sort", {"-S", "40k", "-T", dir, "--batch-size=2", dir + "/in"});
  CHECK(r.status == 0);
  CHECK(r.out == sorted);
  CHECK(CountEntries(dir) == 2);  // f and in: no temporary left
  r = Run("sort", {"-S", "40k", "-T", dir + "/missing", dir + "/in"});
  CHECK(r.status == 2);
  CHECK(r.err == "sort: cannot create temporary file in '" + dir + "/missing': No such file or directory\n");
}

TEST_CASE("sort: errors") {
  auto r = Run("sort", {"-k", "0"});
  CHECK(r.status == 2);
  CHECK(r.err == "sort: field number is zero: invalid field specification '0'\n");
  r = Run("sort", {"/nonexistent/x"});
  CHECK(r.status == 2);
  CHECK(r.err == "sort: cannot read: /nonexistent/x: No such file or directory\n");
  r = Run("sort", {"-o", "/nonexistent/x"}, "a\n");
  CHECK(r.status == 2);
  CHECK(r.err == "sort: open failed: /nonexistent/x: No such file or directory\n");
  CHECK(Run("sort", {"-n", "-g"}).err == "sort: options '-gn' are incompatible\n");
  CHECK(Run("sort", {"-t", "ab"}).err == "sort: multi-character tab 'ab'\n");
  CHECK(Run("sort", {"-S", "x"}).err == "sort: invalid -S argument 'x'\n");
  CHECK(Run("sort", {"--bogus"}).status == 2);
  r = Run("sort", {"--sort=foo"});
  CHECK(r.status == 1);
  CHECK(Run("sort", {"--parallel=0"}).err == "sort: number in parallel must be nonzero\n");
}
