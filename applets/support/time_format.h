// Dates as text: a broken-down local time, and GNU date's strftime
// (gnulib's nstrftime in the C locale): the flags - _ 0 ^ # +, widths, the
// E and O modifiers, %N with a precision, %:z %::z %:::z, %q, %s. Written
// here so no applet pulls in glibc's strftime and its locale machinery.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "applets/support/tz.h"

namespace mc::timefmt {

struct BrokenTime {
  std::int64_t epoch = 0;  // seconds since 1970-01-01 UTC
  long nsec = 0;
  std::int64_t year = 1970;
  int mon = 1, mday = 1, hour = 0, min = 0, sec = 0;  // mon 1-12
  int wday = 4, yday = 0;                             // Sunday 0; yday from 0
  long offset = 0;                                    // seconds east of UTC
  bool dst = false;
  std::string zone = "UTC";
};

// The local time of t in zone.
BrokenTime Breakdown(std::int64_t t, long nsec, const tz::Zone& zone);
// The same at a fixed offset with the given abbreviation (date -u: "UTC").
BrokenTime BreakdownAt(std::int64_t t, long nsec, long offset, std::string_view abbreviation);

// Appends the formatted time to *out.
void Format(std::string_view format, const BrokenTime& tm, std::string* out);

}  // namespace mc::timefmt
