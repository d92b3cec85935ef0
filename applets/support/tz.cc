#include "applets/support/tz.h"

#include <fcntl.h>
#include <unistd.h>

#include <string>

namespace mc::tz {
namespace {

bool ReadFile(const std::string& path, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) {
    out->append(buf, static_cast<std::size_t>(n));
    if (out->size() > (1u << 20)) break;
  }
  ::close(fd);
  return n == 0;
}

std::int64_t Be(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = v << 8 | p[i];
  if (bytes == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  return static_cast<std::int64_t>(v);
}

// A POSIX TZ name: three or more letters, or anything between < and >.
bool ReadName(std::string_view s, std::size_t& i, std::string* name) {
  if (i < s.size() && s[i] == '<') {
    std::size_t close = s.find('>', i);
    if (close == std::string_view::npos) return false;
    *name = std::string(s.substr(i + 1, close - i - 1));
    i = close + 1;
    return name->size() >= 3;
  }
  std::size_t start = i;
  while (i < s.size() && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) ++i;
  *name = std::string(s.substr(start, i - start));
  return i - start >= 3;
}

// [+-]hh[:mm[:ss]] in seconds; hours up to max_hours.
bool ReadClock(std::string_view s, std::size_t& i, long max_hours, long* out) {
  int sign = 1;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) sign = s[i++] == '-' ? -1 : 1;
  long parts[3] = {0, 0, 0};
  for (int k = 0; k < 3; ++k) {
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 3) parts[k] = parts[k] * 10 + (s[i++] - '0');
    if (i == start) return false;
    if (k < 2 && i + 1 < s.size() && s[i] == ':' && s[i + 1] >= '0' && s[i + 1] <= '9') ++i;
    else break;
  }
  if (parts[0] > max_hours || parts[1] > 59 || parts[2] > 59) return false;
  *out = sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
  return true;
}

bool ReadNumber(std::string_view s, std::size_t& i, int lo, int hi, int* out) {
  std::size_t start = i;
  int v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 4) v = v * 10 + (s[i++] - '0');
  if (i == start || v < lo || v > hi) return false;
  *out = v;
  return true;
}

bool IsLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int MonthDays(std::int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

}  // namespace

std::int64_t DaysFromCivil(std::int64_t y, int m, int d) {
  // Years counted from March, so the leap day ends the year.
  y -= m <= 2;
  std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  std::int64_t yoe = y - era * 400;
  std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int YearOf(std::int64_t t) {
  std::int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  days += 719468;
  std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  std::int64_t doe = days - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return static_cast<int>(yoe + era * 400 + (m <= 2));
}

std::optional<Zone::Posix> Zone::ParsePosix(std::string_view s) {
  Posix p;
  std::size_t i = 0;
  long west;
  if (!ReadName(s, i, &p.std_name) || !ReadClock(s, i, 24, &west)) return std::nullopt;
  p.std_offset = -west;
  if (i == s.size()) return p;
  if (!ReadName(s, i, &p.dst_name)) return std::nullopt;
  p.has_dst = true;
  p.dst_offset = p.std_offset + 3600;
  if (i < s.size() && s[i] != ',') {
    if (!ReadClock(s, i, 24, &west)) return std::nullopt;
    p.dst_offset = -west;
  }
  std::string_view rules = i == s.size() ? std::string_view(",M3.2.0,M11.1.0") : s.substr(i);
  std::size_t j = 0;
  for (Rule* r : {&p.start, &p.end}) {
    if (j >= rules.size() || rules[j] != ',') return std::nullopt;
    ++j;
    if (j < rules.size() && rules[j] == 'M') {
      ++j;
      r->kind = Rule::kMonthWeek;
      if (!ReadNumber(rules, j, 1, 12, &r->month) || j >= rules.size() || rules[j++] != '.' ||
          !ReadNumber(rules, j, 1, 5, &r->week) || j >= rules.size() || rules[j++] != '.' ||
          !ReadNumber(rules, j, 0, 6, &r->day))
        return std::nullopt;
    } else if (j < rules.size() && rules[j] == 'J') {
      ++j;
      r->kind = Rule::kJulian;
      if (!ReadNumber(rules, j, 1, 365, &r->day)) return std::nullopt;
    } else {
      r->kind = Rule::kZeroBased;
      if (!ReadNumber(rules, j, 0, 365, &r->day)) return std::nullopt;
    }
    if (j < rules.size() && rules[j] == '/') {
      ++j;
      if (!ReadClock(rules, j, 167, &r->time)) return std::nullopt;
    }
  }
  if (j != rules.size()) return std::nullopt;
  return p;
}

// The day (days since the epoch) a rule names in year y.
std::int64_t Zone::RuleDay(const Rule& r, std::int64_t y) {
  std::int64_t jan1 = DaysFromCivil(y, 1, 1);
  switch (r.kind) {
    case Rule::kJulian:
      return jan1 + r.day - 1 + (IsLeap(y) && r.day >= 60 ? 1 : 0);
    case Rule::kZeroBased:
      return jan1 + r.day;
    case Rule::kMonthWeek:
      break;
  }
  std::int64_t first = DaysFromCivil(y, r.month, 1);
  int weekday = static_cast<int>(((first + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
  std::int64_t day = first + (r.day - weekday + 7) % 7 + (r.week - 1) * 7;
  while (day >= first + MonthDays(y, r.month)) day -= 7;
  return day;
}

Zone::Local Zone::PosixAt(const Posix& p, std::int64_t t) const {
  if (p.has_dst) {
    std::int64_t y = YearOf(t + p.std_offset);
    std::int64_t start = RuleDay(p.start, y) * 86400 + p.start.time - p.std_offset;
    std::int64_t end = RuleDay(p.end, y) * 86400 + p.end.time - p.dst_offset;
    bool dst = start < end ? (t >= start && t < end) : !(t >= end && t < start);
    // glibc computes a year before 1970's changes from 1970-01-01, so its
    // times fall before both: daylight time where the rule wraps the new
    // year (southern), standard time elsewhere. Kept for equal output.
    if (t + p.std_offset < 0) dst = start > end;
    if (dst) return {p.dst_offset, true, p.dst_name};
  }
  return {p.std_offset, false, p.std_name};
}

Zone Zone::Load(std::optional<std::string_view> tz) {
  Zone z;
  std::string path;
  if (!tz) {
    path = "/etc/localtime";
  } else {
    std::string_view name = *tz;
    if (name.empty()) return z;
    if (name[0] == ':') name.remove_prefix(1);
    if (!name.empty() && name[0] == '/') path = std::string(name);
    else if (name.find("..") == std::string_view::npos) path = "/usr/share/zoneinfo/" + std::string(name);
  }
  std::string data;
  if (!path.empty() && ReadFile(path, &data) && data.size() >= 44 && data.compare(0, 4, "TZif") == 0) {
    auto* p = reinterpret_cast<const unsigned char*>(data.data());
    auto counts = [&](std::size_t at, std::int64_t c[6]) {
      for (int i = 0; i < 6; ++i) c[i] = Be(p + at + 20 + 4 * i, 4);
    };
    std::int64_t c[6];  // isut, isstd, leap, time, type, char
    counts(0, c);
    std::size_t at = 0;
    int tsize = 4;
    if (data[4] >= '2') {
      std::size_t v1 = 44 + c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
      if (v1 + 44 <= data.size() && data.compare(v1, 4, "TZif") == 0) {
        at = v1;
        counts(at, c);
        tsize = 8;
      }
    }
    std::size_t body = at + 44;
    std::size_t need = body + c[3] * (tsize + 1) + c[4] * 6;
    if (c[4] > 0 && c[4] <= 256 && need <= data.size()) {
      for (std::int64_t i = 0; i < c[3]; ++i) z.times_.push_back(Be(p + body + i * tsize, tsize));
      for (std::int64_t i = 0; i < c[3]; ++i) {
        std::uint8_t k = p[body + c[3] * tsize + i];
        z.index_.push_back(k < c[4] ? k : 0);
      }
      std::size_t types = body + c[3] * (tsize + 1);
      std::size_t chars = types + c[4] * 6;
      for (std::int64_t i = 0; i < c[4]; ++i) {
        z.offsets_.push_back(static_cast<long>(Be(p + types + i * 6, 4)));
        z.dst_.push_back(p[types + i * 6 + 4] != 0);
        std::size_t a = p[types + i * 6 + 5];
        std::string abbr;
        if (chars + a < data.size() && a < static_cast<std::size_t>(c[5])) abbr = std::string(data.c_str() + chars + a);
        z.abbrs_.push_back(abbr);
      }
      // Before the first transition: the first standard-time type (as the
      // TZif specification suggests), type 0 failing that.
      for (std::int64_t i = 0; i < c[4]; ++i)
        if (!z.dst_[i]) {
          z.initial_type_ = static_cast<std::size_t>(i);
          break;
        }
      z.initial_ = z.offsets_[z.initial_type_];
      // Version 2+: "\nPOSIX-TZ\n" after the 64-bit data rules later times.
      if (tsize == 8) {
        std::size_t footer = chars + c[5] + c[2] * 12 + c[1] + c[0];
        if (footer < data.size() && data[footer] == '\n') {
          std::size_t close = data.find('\n', footer + 1);
          if (close != std::string::npos) z.posix_ = ParsePosix(std::string_view(data).substr(footer + 1, close - footer - 1));
        }
      }
      return z;
    }
  }
  if (tz) {
    std::string_view name = *tz;
    if (!name.empty() && name[0] == ':') return z;
    z.posix_ = ParsePosix(name);
    if (z.posix_) z.initial_ = z.posix_->std_offset;
  }
  return z;
}

Zone::Local Zone::At(std::int64_t t) const {
  if (offsets_.empty()) {
    if (posix_) return PosixAt(*posix_, t);
    return {0, false, "UTC"};
  }
  if (times_.empty() || t < times_[0]) {
    if (times_.empty() && posix_) return PosixAt(*posix_, t);
    return {offsets_[initial_type_], dst_[initial_type_], abbrs_[initial_type_]};
  }
  if (posix_ && t >= times_.back()) return PosixAt(*posix_, t);
  std::size_t lo = 0, hi = times_.size();
  while (hi - lo > 1) {
    std::size_t mid = (lo + hi) / 2;
    (times_[mid] <= t ? lo : hi) = mid;
  }
  std::size_t k = index_[lo];
  return {offsets_[k], dst_[k], abbrs_[k]};
}

long Zone::OffsetAt(std::int64_t t) const { return At(t).offset; }

std::optional<std::int64_t> Zone::FromLocal(int year, int mon, int day, int hour, int min,
                                            int sec) const {
  if (mon < 1 || mon > 12 || day < 1 || day > MonthDays(year, mon) || hour < 0 || hour > 23 || min < 0 ||
      min > 59 || sec < 0 || sec > 59)
    return std::nullopt;
  std::int64_t local = DaysFromCivil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
  std::optional<std::int64_t> best;
  auto consider = [&](long off) {
    std::int64_t t = local - off;
    if (OffsetAt(t) == off && (!best || t < *best)) best = t;
  };
  consider(initial_);
  for (long off : offsets_) consider(off);
  if (posix_) {
    consider(posix_->std_offset);
    if (posix_->has_dst) consider(posix_->dst_offset);
  }
  return best;
}

}  // namespace mc::tz
