// Free-form dates as GNU's date -d and touch -d read them (gnulib's
// parse_datetime), for the forms scripts use:
//   @SECONDS[.FRACTION]
//   2024-01-02, 2024-01-02T03:04:05[.frac][Z|+hh[:mm]], 20240102, 1/2/2024,
//   "Jan 2 2024", "2 January 2024", "January 2, 2024", "Jan 2"
//   3:04[:05[.frac]] [am|pm], 3pm
//   now, today, yesterday, tomorrow
//   [+-]N UNIT [ago], UNIT, next/last/this UNIT (year month fortnight week
//   day hour minute min second sec, and plurals)
//   [next|last|this] WEEKDAY (ignored when a calendar date is given, as GNU)
//   zones: UTC GMT UT Z, EST EDT CST CDT MST MDT PST PDT, +hh:mm, -hhmm
//   a leading TZ="ZONE" (any TZ value, as the TZ variable)
// A date without a time is at midnight; relative items apply last, months
// and days on the calendar, hours and below in seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "applets/support/tz.h"

namespace mc::date {

struct Timestamp {
  std::int64_t sec = 0;
  long nsec = 0;
};

// nullopt if text is not a date this parser knows. now: the current time;
// zone: local time (TZ) unless text names another.
std::optional<Timestamp> Parse(std::string_view text, Timestamp now, const tz::Zone& zone);

}  // namespace mc::date
