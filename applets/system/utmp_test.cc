#include "applets/system/utmp.h"

#include <utmpx.h>

#include <cstring>
#include <string>

#include <catch2/catch.hpp>

// Records built with glibc's own struct utmpx, so the offsets we read by
// hand are checked against the real layout.
TEST_CASE("records parse as glibc lays them out") {
  static_assert(sizeof(struct utmpx) == 384);
  struct utmpx u;
  std::memset(&u, 0, sizeof u);
  u.ut_type = USER_PROCESS;
  u.ut_pid = 4242;
  std::memcpy(u.ut_line, "pts/7", 5);
  std::memcpy(u.ut_id, "ts/7", 4);
  std::memset(u.ut_user, 'u', sizeof u.ut_user);  // full field, no NUL
  std::memcpy(u.ut_host, "example.org:0", 13);
  u.ut_exit.e_termination = 3;
  u.ut_exit.e_exit = -2;
  u.ut_tv.tv_sec = 1700000000;
  u.ut_addr_v6[0] = 0x0100007f;
  std::string bytes(reinterpret_cast<const char*>(&u), sizeof u);
  bytes += bytes.substr(0, 100);  // a truncated second record
  auto records = mc::utmp::Parse(bytes);
  REQUIRE(records.size() == 1);
  const auto& r = records[0];
  CHECK(r.type == mc::utmp::kUserProcess);
  CHECK(r.pid == 4242);
  CHECK(r.line == "pts/7");
  CHECK(r.id == "ts/7");
  CHECK(r.user == std::string(32, 'u'));
  CHECK(r.host == "example.org:0");
  CHECK(r.term == 3);
  CHECK(r.exit == -2);
  CHECK(r.sec == 1700000000);
  CHECK(r.addr[0] == 0x0100007fu);
  CHECK(r.IsUser());
  CHECK(r.DevicePath() == "/dev/pts/7");
}

TEST_CASE("names and paths") {
  mc::utmp::Record r;
  r.type = mc::utmp::kUserProcess;
  CHECK(!r.IsUser());  // no name
  r.user = "ann  ";
  CHECK(r.IsUser());
  CHECK(r.TrimmedUser() == "ann");
  r.line = "/dev/tty1";
  CHECK(r.DevicePath() == "/dev/tty1");
  CHECK(mc::utmp::Parse("").empty());
  CHECK(mc::utmp::Parse(std::string(383, 'x')).empty());
  CHECK(mc::utmp::Read("/nonexistent/utmp", false).empty());
  CHECK(mc::utmp::TimeString(0, mc::tz::Zone::Load("UTC0")) == "Jan  1 00:00");
}
