// ls, stat and du in-process: an "empty root" (no /etc/passwd or
// /etc/group) gives numeric owners, and a large directory lists in order.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "applets/support/users.h"
#include "tests/harness/in_process.h"

using mc::testing::Run;

TEST_CASE("without /etc/passwd and /etc/group, owners are numeric") {
  std::string dir = mc::testing::TempDir();
  mc::users::SetFilesForTesting((dir + "/no-passwd").c_str(), (dir + "/no-group").c_str());
  mc::testing::WriteFile(dir + "/f", "abc");
  std::string uid = std::to_string(::getuid()), gid = std::to_string(::getgid());
  auto r = Run("ls", {"-l", dir + "/f"}, {}, {"TZ=UTC"});
  CHECK(r.status == 0);
  CHECK(r.out.find(" 1 " + uid + " " + gid + " 3 ") != std::string::npos);
  r = Run("stat", {"-c", "%U %G %u %g", dir + "/f"});
  CHECK(r.out == "UNKNOWN UNKNOWN " + uid + " " + gid + "\n");
  mc::users::SetFilesForTesting(nullptr, nullptr);
}

TEST_CASE("names from our own passwd file") {
  std::string dir = mc::testing::TempDir();
  std::string uid = std::to_string(::getuid()), gid = std::to_string(::getgid());
  mc::testing::WriteFile(dir + "/passwd", "bad line\nalice:x:" + uid + ":" + gid + "::/:/bin/sh\n");
  mc::testing::WriteFile(dir + "/group", "staff:x:" + gid + ":\n");
  mc::users::SetFilesForTesting((dir + "/passwd").c_str(), (dir + "/group").c_str());
  mc::testing::WriteFile(dir + "/f", "");
  auto r = Run("ls", {"-l", dir + "/f"}, {}, {"TZ=UTC"});
  CHECK(r.out.find(" alice staff 0 ") != std::string::npos);
  CHECK(Run("stat", {"-c", "%U:%G", dir + "/f"}).out == "alice:staff\n");
  mc::users::SetFilesForTesting(nullptr, nullptr);
}

TEST_CASE("a directory of 5,000 entries lists sorted; du counts them") {
  std::string dir = mc::testing::TempDir() + "/big";
  REQUIRE(::mkdir(dir.c_str(), 0755) == 0);
  for (int i = 4999; i >= 0; --i) {
    char name[32];
    std::snprintf(name, sizeof name, "/f%05d", i);
    mc::testing::WriteFile(dir + name, "");
  }
  auto r = Run("ls", {dir});
  REQUIRE(r.status == 0);
  CHECK(r.out.substr(0, 14) == "f00000\nf00001\n");
  CHECK(r.out.size() == 5000 * 7);
  r = Run("du", {"--inodes", "-s", dir});
  CHECK(r.out == "5001\t" + dir + "\n");
}
