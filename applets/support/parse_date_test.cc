#include "applets/support/parse_date.h"

#include <catch2/catch.hpp>

#include "applets/support/time_format.h"

namespace {

using mc::date::Parse;
using mc::date::Timestamp;

// 2024-06-15 12:34:56.5 UTC, a Saturday.
constexpr Timestamp kNow{1718454896, 500000000};

std::string Show(std::string_view text, const char* tz = "UTC0", const char* fmt = "%F %T %z") {
  mc::tz::Zone zone = mc::tz::Zone::Load(tz);
  auto t = Parse(text, kNow, zone);
  if (!t) return "invalid";
  std::string out;
  mc::timefmt::Format(fmt, mc::timefmt::Breakdown(t->sec, t->nsec, zone), &out);
  return out;
}

}  // namespace

TEST_CASE("absolute forms") {
  CHECK(Show("@0") == "1970-01-01 00:00:00 +0000");
  CHECK(Show("@-1.5", "UTC0", "%s.%N") == "-2.500000000");
  CHECK(Show("2024-02-29") == "2024-02-29 00:00:00 +0000");
  CHECK(Show("2024-02-29T13:14:15Z") == "2024-02-29 13:14:15 +0000");
  CHECK(Show("2024-02-29 13:14:15 +0530") == "2024-02-29 07:44:15 +0000");
  CHECK(Show("Jan 2 2024 3pm") == "2024-01-02 15:00:00 +0000");
  CHECK(Show("2 January 2024") == "2024-01-02 00:00:00 +0000");
  CHECK(Show("January 2, 2024 10:00 utc") == "2024-01-02 10:00:00 +0000");
  CHECK(Show("1/2/24") == "2024-01-02 00:00:00 +0000");
  CHECK(Show("20240102") == "2024-01-02 00:00:00 +0000");
  CHECK(Show("2024-01-02 1230") == "2024-01-02 12:30:00 +0000");
  CHECK(Show("TZ=\"America/New_York\" 2024-07-01 09:00", "UTC0") == "2024-07-01 13:00:00 +0000");
}

TEST_CASE("relative items and weekdays") {
  CHECK(Show("now", "UTC0", "%F %T.%N") == "2024-06-15 12:34:56.500000000");
  CHECK(Show("yesterday") == "2024-06-14 12:34:56 +0000");
  CHECK(Show("2 days ago") == "2024-06-13 12:34:56 +0000");
  CHECK(Show("-3 hours") == "2024-06-15 09:34:56 +0000");
  CHECK(Show("next week") == "2024-06-22 12:34:56 +0000");
  CHECK(Show("2024-01-31 +1 month") == "2024-03-02 00:00:00 +0000");  // Feb 31 rolls over
  CHECK(Show("friday") == "2024-06-21 00:00:00 +0000");
  CHECK(Show("saturday") == "2024-06-15 00:00:00 +0000");
  CHECK(Show("next saturday") == "2024-06-22 00:00:00 +0000");
  CHECK(Show("last saturday") == "2024-06-08 00:00:00 +0000");
  CHECK(Show("2024-01-02 friday") == "2024-01-02 00:00:00 +0000");  // a date wins
  CHECK(Show("Nov 8 2037 min", "UTC0", "%F %T") == "2024-11-09 09:57:00");  // 2037 minutes
}

TEST_CASE("empty and invalid strings") {
  CHECK(Show("") == "2024-06-15 00:00:00 +0000");  // midnight, as GNU
  CHECK(Show("utc") == "2024-06-15 00:00:00 +0000");
  CHECK(Show("today") == "2024-06-15 12:34:56 +0000");
  CHECK(Show("2024-02-30") == "invalid");
  CHECK(Show("25:00") == "invalid");
  CHECK(Show("10:00 +27") == "invalid");
  CHECK(Show("2024-01-02 +0530") == "invalid");
  CHECK(Show("10pm +0530") == "invalid");
  CHECK(Show("blah") == "invalid");
  CHECK(Show("@") == "invalid");
  CHECK(Show("@1 2") == "invalid");
  CHECK(Show("2024-01-02 (comment") == "invalid");
  CHECK(Show("99999999999999999999") == "invalid");
}
