#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

#include "tests/harness/in_process.h"

using mc::testing::Run;

TEST_CASE("uniq") {
  CHECK(Run("uniq", {}, "a\na\nb\na\n").out == "a\nb\na\n");
  CHECK(Run("uniq", {"-c"}, "a\na\nb\n").out == "      2 a\n      1 b\n");
  CHECK(Run("uniq", {"-d"}, "a\na\nb\n").out == "a\n");
  CHECK(Run("uniq", {"-u"}, "a\na\nb\n").out == "b\n");
  CHECK(Run("uniq", {"-D"}, "a\na\nb\n").out == "a\na\n");
  CHECK(Run("uniq", {"--all-repeated=separate"}, "a\na\nb\nc\nc\n").out == "a\na\n\nc\nc\n");
  CHECK(Run("uniq", {"--group=both"}, "a\nb\n").out == "\na\n\nb\n\n");
  CHECK(Run("uniq", {"-i"}, "a\nA\n").out == "a\n");
  CHECK(Run("uniq", {"-f1"}, "x a\ny a\n").out == "x a\n");
  CHECK(Run("uniq", {"-s1", "-w1"}, "xab\nyac\n").out == "xab\n");
  CHECK(Run("uniq", {"-z"}, std::string("a\0a\0", 4)).out == std::string("a\0", 2));
  CHECK(Run("uniq", {}, "a\na").out == "a\n");
  auto r = Run("uniq", {"-c", "-D"});
  CHECK(r.status == 1);
  CHECK(r.err.rfind("uniq: printing all duplicated lines and repeat counts is meaningless\n", 0) == 0);
  CHECK(Run("uniq", {"-f", "x"}).err == "uniq: x: invalid number of fields to skip\n");
}

TEST_CASE("comm") {
  std::string dir = mc::testing::TempDir();
  std::string a = mc::testing::WriteFile(dir + "/a", "a\nb\nd\n");
  std::string b = mc::testing::WriteFile(dir + "/b", "b\nc\nd\n");
  CHECK(Run("comm", {a, b}).out == "a\n\t\tb\n\tc\n\t\td\n");
  CHECK(Run("comm", {"-12", a, b}).out == "b\nd\n");
  CHECK(Run("comm", {"--output-delimiter=|", "--total", a, b}).out ==
        "a\n||b\n|c\n||d\n1|1|2|total\n");
  std::string u = mc::testing::WriteFile(dir + "/u", "b\na\n");
  auto r = Run("comm", {u, b});
  CHECK(r.status == 1);
  CHECK(r.err == "comm: file 1 is not in sorted order\ncomm: input is not in sorted order\n");
  CHECK(Run("comm", {"--nocheck-order", u, b}).status == 0);
  CHECK(Run("comm", {a}).err.rfind("comm: missing operand after", 0) == 0);
}

TEST_CASE("join") {
  std::string dir = mc::testing::TempDir();
  std::string a = mc::testing::WriteFile(dir + "/a", "1 x\n2 y\n4 w\n");
  std::string b = mc::testing::WriteFile(dir + "/b", "1 p\n3 q\n4 r\n");
  CHECK(Run("join", {a, b}).out == "1 x p\n4 w r\n");
  CHECK(Run("join", {"-a1", a, b}).out == "1 x p\n2 y\n4 w r\n");
  CHECK(Run("join", {"-v2", a, b}).out == "3 q\n");
  CHECK(Run("join", {"-a1", "-a2", "-e", "E", "-o", "auto", a, b}).out ==
        "1 x p\n2 y E\n3 E q\n4 w r\n");
  CHECK(Run("join", {"-o", "2.2,1.2", a, b}).out == "p x\nr w\n");
  std::string c = mc::testing::WriteFile(dir + "/c", "k:1\nm:2\n");
  std::string d = mc::testing::WriteFile(dir + "/d", "k:3\n");
  CHECK(Run("join", {"-t:", c, d}).out == "k:1:3\n");
  CHECK(Run("join", {"-t", "", c, c}).out == "k:1\nm:2\n");
  CHECK(Run("join", {"-o", "x", a, b}).err == "join: invalid file number in field spec: 'x'\n");
  CHECK(Run("join", {"-", "-"}).err == "join: both files cannot be standard input\n");
}

TEST_CASE("tsort") {
  CHECK(Run("tsort", {}, "a b\nb c\n").out == "a\nb\nc\n");
  auto r = Run("tsort", {}, "a b\nb a\n");
  CHECK(r.status == 1);
  CHECK(r.err == "tsort: -: input contains a loop:\ntsort: a\ntsort: b\n");
  r = Run("tsort", {}, "a b c");
  CHECK(r.status == 1);
  CHECK(r.err == "tsort: -: input contains an odd number of tokens\n");
}

TEST_CASE("shuf") {
  auto r = Run("shuf", {"-i", "1-100"});
  CHECK(r.status == 0);
  std::multiset<std::string> got;
  std::size_t start = 0;
  while (start < r.out.size()) {
    std::size_t nl = r.out.find('\n', start);
    got.insert(r.out.substr(start, nl - start));
    start = nl + 1;
  }
  CHECK(got.size() == 100);
  CHECK(std::set<std::string>(got.begin(), got.end()).size() == 100);
  CHECK(Run("shuf", {"-n", "3", "-e", "a", "b", "c", "d"}).out.size() == 6);
  CHECK(Run("shuf", {"-r", "-n", "5", "-e", "a"}).out == "a\na\na\na\na\n");
  CHECK(Run("shuf", {"-z", "-e", "x"}).out == std::string("x\0", 2));
  CHECK(Run("shuf", {}, "only\n").out == "only\n");
  std::string dir = mc::testing::TempDir();
  std::string src = mc::testing::WriteFile(dir + "/rnd", std::string(4096, '\x5a'));
  CHECK(Run("shuf", {"--random-source=" + src, "-i", "1-50"}).out ==
        Run("shuf", {"--random-source=" + src, "-i", "1-50"}).out);
  CHECK(Run("shuf", {"-i", "5-3"}).err == "shuf: invalid input range: '5-3'\n");
  CHECK(Run("shuf", {"-r"}, "").err == "shuf: no lines to repeat\n");
}
