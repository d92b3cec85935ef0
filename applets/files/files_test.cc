#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "tests/harness/in_process.h"

using mc::testing::Run;

namespace {
mode_t ModeOf(const std::string& p) {
  struct stat st;
  REQUIRE(::lstat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}
}  // namespace

TEST_CASE("mkdir -p makes every level; rmdir -p removes them") {
  std::string dir = mc::testing::TempDir();
  std::string deep = dir + "/a/b/c/d";
  auto r = Run("mkdir", {"-p", "-v", deep});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("created directory '" + dir + "/a/b/c/d'") != std::string::npos);
  r = Run("rmdir", {"-p", dir + "/a/b/c/d"});
  // Stops at the first ancestor that is not empty or not removable.
  struct stat st;
  CHECK(::stat((dir + "/a").c_str(), &st) != 0);
}

TEST_CASE("mkdir -m and mkfifo -m are exact") {
  std::string dir = mc::testing::TempDir();
  mode_t old = ::umask(077);
  CHECK(Run("mkdir", {"-m", "755", dir + "/d"}).status == 0);
  CHECK(Run("mkfifo", {"-m", "644", dir + "/p"}).status == 0);
  CHECK(Run("mkdir", {"-m", "1777", dir + "/t"}).status == 0);
  ::umask(old);
  CHECK(ModeOf(dir + "/d") == 0755);
  CHECK(ModeOf(dir + "/p") == 0644);
  CHECK(ModeOf(dir + "/t") == 01777);
  auto r = Run("mkdir", {"-m", "u+q", dir + "/x"});
  CHECK(r.status == 1);
  CHECK(r.err == "mkdir: invalid mode 'u+q'\n");
}

TEST_CASE("link and unlink") {
  std::string dir = mc::testing::TempDir();
  mc::testing::WriteFile(dir + "/a", "x");
  CHECK(Run("link", {dir + "/a", dir + "/b"}).status == 0);
  CHECK(mc::testing::ReadFile(dir + "/b") == "x");
  CHECK(Run("unlink", {dir + "/a"}).status == 0);
  CHECK(Run("unlink", {dir + "/a"}).status == 1);
}
