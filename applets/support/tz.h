// Local time without glibc's tzset(), whose POSIX TZ parser uses sscanf
// and brings about 80 KB of scanf and float128 code into the static binary.
//
// A Zone comes from TZ as glibc reads it: unset: /etc/localtime; empty:
// UTC; ":NAME" or "NAME": the TZif file NAME (absolute, or under
// /usr/share/zoneinfo), else a POSIX TZ string ("UTC0", "<+0530>-5:30",
// "EST5EDT,M3.2.0,M11.1.0", with its daylight-saving rule; a DST name
// without a rule takes the US rule, as glibc does). A TZif file's own POSIX
// string (its footer) rules after its last transition. Anything unreadable
// is UTC.
#pragma once

#include <ctime>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mc::tz {

class Zone {
 public:
  // tz: the value of TZ, nullopt when unset.
  static Zone Load(std::optional<std::string_view> tz);

  // Seconds east of UTC in effect at t.
  long OffsetAt(std::int64_t t) const;
  // What is in effect at t: offset, daylight saving or not, abbreviation.
  struct Local {
    long offset;
    bool dst;
    std::string_view abbreviation;  // "CET", "+0530", "UTC"
  };
  Local At(std::int64_t t) const;
  // The UTC time of a local calendar time (fields as written: month 1-12).
  // nullopt for a date that does not exist (February 30th) or a local time
  // skipped by a transition. An ambiguous time takes the earlier offset.
  std::optional<std::int64_t> FromLocal(int year, int mon, int day, int hour, int min,
                                        int sec) const;

 private:
  // A POSIX TZ rule: standard time, and daylight time between two dates.
  struct Rule {
    enum Kind : char { kJulian, kZeroBased, kMonthWeek };  // Jn, n, Mm.w.d
    Kind kind = kMonthWeek;
    int month = 0, week = 0, day = 0;  // day: weekday, or the n of Jn / n
    long time = 7200;                  // local seconds after midnight
  };
  struct Posix {
    std::string std_name, dst_name;
    long std_offset = 0, dst_offset = 0;  // east of UTC
    bool has_dst = false;
    Rule start, end;
  };
  static std::optional<Posix> ParsePosix(std::string_view s);
  static std::int64_t RuleDay(const Rule& r, std::int64_t y);
  Local PosixAt(const Posix& p, std::int64_t t) const;

  std::vector<std::int64_t> times_;   // transition instants, ascending
  std::vector<std::uint8_t> index_;   // type in effect from each transition
  std::vector<long> offsets_;         // per type
  std::vector<bool> dst_;             // per type
  std::vector<std::string> abbrs_;    // per type
  std::size_t initial_type_ = 0;      // before the first transition
  long initial_ = 0;                  // its offset (UTC when there are no types)
  std::optional<Posix> posix_;        // after the last transition, or alone
};

// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12).
std::int64_t DaysFromCivil(std::int64_t y, int m, int d);
// The year of a UTC instant shifted by offset.
int YearOf(std::int64_t t);

// A Zone read on first use, for applets that print times only with some
// options (ls -l, du --time, find -printf): start-up stays free of the
// /etc/localtime read. tz is TZ's value (the environment outlives it).
class LazyZone {
 public:
  explicit LazyZone(std::optional<std::string_view> tz) : tz_(tz) {}
  const Zone& get() {
    if (!zone_) zone_ = Zone::Load(tz_);
    return *zone_;
  }

 private:
  std::optional<std::string_view> tz_;
  std::optional<Zone> zone_;
};

}  // namespace mc::tz
