#include "applets/support/users.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include <catch2/catch.hpp>

using namespace std::string_literals;

namespace {

using mc::users::GroupById;
using mc::users::GroupByName;
using mc::users::GroupList;
using mc::users::UserById;
using mc::users::UserByName;

std::string WriteFixture(const char* name, const std::string& text) {
  const char* dir = std::getenv("TEST_TMPDIR");
  std::string path = std::string(dir ? dir : "/tmp") + "/" + name;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  return path;
}

// Malformed lines among good ones: each bad one is skipped alone.
const std::string kPasswd =
    "root:x:0:0:root:/root:/bin/bash\n"
    "# a comment\n"
    "\n"
    "short:x:5\n"
    "badid:x:12a:100:::\n"
    "neg:x:-1:100:::\n"
    "huge:x:99999999999:100:::\n"
    "none:x:4294967295:100:::\n"
    ":x:7:7:::\n"
    "+nis::0:0:::\n"
    "toomany:x:8:8:a:b:c:d\n"
    "with\0nul:x:9:9:::\n"
    "alice:x:1000:1000:Alice A:/home/alice:/bin/sh\r\n"
    "bob:*:1001:1001\n"
    "alice:x:2000:2000:second alice:/:/bin/false\n"s +
    "longgecos:x:1002:100:"s + std::string(100000, 'g') + ":/:/bin/sh\n"
    "last:x:1003:100::/:/bin/sh";

const std::string kGroup =
    "root:x:0:\n"
    "wheel:x:10:alice,bob\n"
    "broken:x:zz:alice\n"
    "noid:x::alice\n"
    "users:x:100:bob,,alice,\n"
    "dup:x:10:alice\n"
    "audio:x:29\n"
    "video:x:44:carol,alice\n"
    "alice:x:1000:\n"
    "x:y\n";

}  // namespace

TEST_CASE("passwd: good lines parsed, malformed ones skipped") {
  auto users = mc::users::ParsePasswd(kPasswd);
  std::vector<std::string> names;
  for (auto& u : users) names.push_back(u.name);
  CHECK(names == std::vector<std::string>{"root", "alice", "bob", "alice", "longgecos", "last"});
}

TEST_CASE("passwd and group lookups through the files") {
  mc::users::SetFilesForTesting(WriteFixture("passwd", kPasswd).c_str(),
                                WriteFixture("group", kGroup).c_str());
  const auto* alice = UserByName("alice");
  REQUIRE(alice != nullptr);
  CHECK(alice->uid == 1000);
  CHECK(alice->gid == 1000);
  CHECK(alice->gecos == "Alice A");
  CHECK(alice->shell == "/bin/sh");  // the CR of a CRLF line is dropped
  CHECK(UserById(2000) != nullptr);  // second "alice" is still there by id
  CHECK(UserByName("bob")->home.empty());
  CHECK(UserByName("longgecos")->gecos.size() == 100000);
  CHECK(UserByName("last") != nullptr);  // no final newline
  CHECK(UserByName("short") == nullptr);
  CHECK(UserByName("badid") == nullptr);
  CHECK(UserByName("huge") == nullptr);
  CHECK(UserByName("none") == nullptr);
  CHECK(UserByName("+nis") == nullptr);
  CHECK(UserById(9) == nullptr);
  CHECK(UserById(0)->name == "root");
  CHECK(UserById(4242) == nullptr);

  CHECK(GroupByName("wheel")->gid == 10);
  CHECK(GroupById(10)->name == "wheel");  // first of two gid 10 entries
  CHECK(GroupByName("broken") == nullptr);
  CHECK(GroupByName("noid") == nullptr);
  CHECK(GroupByName("audio")->members.empty());
  CHECK(GroupByName("users")->members == std::vector<std::string>{"bob", "alice"});
  CHECK(GroupByName("x") == nullptr);

  // Primary first; wheel, users, video in file order; dup's gid 10 once.
  CHECK(GroupList("alice", 1000) == std::vector<gid_t>{1000, 10, 100, 44});
  CHECK(GroupList("alice", 10) == std::vector<gid_t>{10, 100, 44});
  CHECK(GroupList("nobody", 5) == std::vector<gid_t>{5});

  mc::users::SetFilesForTesting("/nonexistent/passwd", "/nonexistent/group");
  CHECK(UserByName("root") == nullptr);
  CHECK(GroupList("alice", 7) == std::vector<gid_t>{7});
  mc::users::SetFilesForTesting(nullptr, nullptr);
}
