#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "tests/harness/in_process.h"

using mc::testing::Run;

TEST_CASE("find walks and deletes a tree deeper than PATH_MAX") {
  std::string dir = mc::testing::TempDir();
  std::string name(200, 'n');
  std::string p = dir + "/top";
  REQUIRE(::mkdir(p.c_str(), 0755) == 0);
  REQUIRE(::chdir(p.c_str()) == 0);
  for (int i = 0; i < 40; ++i) {
    REQUIRE(::mkdir(name.c_str(), 0755) == 0);
    REQUIRE(::chdir(name.c_str()) == 0);
  }
  mc::testing::WriteFile("f", "x");
  REQUIRE(::chdir(dir.c_str()) == 0);
  auto r = Run("find", {dir + "/top", "-type", "d", "-printf", "%d\\n"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.size() > 0);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 41);
  r = Run("find", {dir + "/top", "-name", "f", "-printf", "%d %s\\n"});
  CHECK(r.out == "41 1\n");
  r = Run("find", {dir + "/top", "-delete"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  struct stat st;
  CHECK(::lstat((dir + "/top").c_str(), &st) != 0);
}

TEST_CASE("find: a bad expression leaves no state for the next run") {
  std::string dir = mc::testing::TempDir();
  mc::testing::WriteFile(dir + "/a", "");
  auto r = Run("find", {dir, "-depth", "-maxdepth", "0", "-foo"});
  CHECK(r.status == 1);
  CHECK(r.err == "find: unknown predicate `-foo'\n");
  r = Run("find", {dir, "-name", "a", "-printf", "%f\\n"});
  CHECK(r.status == 0);
  CHECK(r.out == "a\n");
}

TEST_CASE("xargs reads its standard input and runs the command") {
  auto r = Run("xargs", {"-0", "-n", "2", "echo", "x"}, std::string("a\0b\0c", 5));
  CHECK(r.status == 0);
  CHECK(r.out == "x a b\nx c\n");
  r = Run("xargs", {"-n", "1", "sh", "-c", "exit $0"}, "0 3 0\n");
  CHECK(r.status == 123);
  r = Run("xargs", {}, "'unterminated\n");
  CHECK(r.status == 1);
  CHECK(r.err.find("unmatched single quote") != std::string::npos);
}
