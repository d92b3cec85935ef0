#include <fcntl.h>
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

TEST_CASE("rm -r removes a tree deeper than PATH_MAX allows by name") {
  std::string dir = mc::testing::TempDir();
  std::string name(200, 'n');
  std::string p = dir + "/top";
  REQUIRE(::mkdir(p.c_str(), 0755) == 0);
  int fd = ::open(p.c_str(), O_RDONLY | O_DIRECTORY);
  REQUIRE(fd >= 0);
  for (int i = 0; i < 40; ++i) {  // 8,000+ bytes of path
    REQUIRE(::mkdirat(fd, name.c_str(), 0755) == 0);
    int next = ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY);
    REQUIRE(next >= 0);
    ::close(fd);
    fd = next;
  }
  int f = ::openat(fd, "leaf", O_CREAT | O_WRONLY, 0644);
  REQUIRE(f >= 0);
  ::close(f);
  ::close(fd);
  auto r = Run("rm", {"-r", p});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  struct stat st;
  CHECK(::lstat(p.c_str(), &st) != 0);
}

TEST_CASE("rm -i reads one answer per prompt") {
  std::string dir = mc::testing::TempDir();
  mc::testing::WriteFile(dir + "/a", "");
  mc::testing::WriteFile(dir + "/b", "x");
  auto r = Run("rm", {"-i", dir + "/a", dir + "/b"}, "n\ny\n");
  CHECK(r.status == 0);
  CHECK(r.err == "rm: remove regular empty file '" + dir + "/a'? rm: remove regular file '" + dir +
                     "/b'? ");
  struct stat st;
  CHECK(::lstat((dir + "/a").c_str(), &st) == 0);
  CHECK(::lstat((dir + "/b").c_str(), &st) != 0);
}
