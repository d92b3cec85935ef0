// Local time without glibc's tzset(), whose POSIX TZ parser uses sscanf
// and brings about 80 KB of scanf and float128 code into the static binary.
//
// A Zone comes from TZ as glibc reads it: unset: /etc/localtime; empty:
// UTC; ":NAME" or "NAME": the TZif file NAME (absolute, or under
// /usr/share/zoneinfo), else a POSIX TZ string. POSIX strings are read for
// their standard-time offset only ("UTC0", "EST5", "<+0530>-5:30"); their
// daylight-saving rules are not applied (TZif files carry their
// transitions, up to 2037 in Debian's files). Anything unreadable is UTC.
#pragma once

#include <ctime>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace mc::tz {

class Zone {
 public:
  // tz: the value of TZ, nullopt when unset.
  static Zone Load(std::optional<std::string_view> tz);

  // Seconds east of UTC in effect at t.
  long OffsetAt(std::int64_t t) const;
  // The UTC time of a local calendar time (fields as written: month 1-12).
  // nullopt for a date that does not exist (February 30th) or a local time
  // skipped by a transition. An ambiguous time takes the earlier offset.
  std::optional<std::int64_t> FromLocal(int year, int mon, int day, int hour, int min,
                                        int sec) const;

 private:
  std::vector<std::int64_t> times_;   // transition instants, ascending
  std::vector<std::uint8_t> index_;   // type in effect from each transition
  std::vector<long> offsets_;         // per type
  long initial_ = 0;                  // before the first transition
};

// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12).
std::int64_t DaysFromCivil(std::int64_t y, int m, int d);
// The year of a UTC instant shifted by offset.
int YearOf(std::int64_t t);

}  // namespace mc::tz
