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

// POSIX TZ: NAME then [+-]hh[:mm[:ss]] (west positive); the rest ignored.
std::optional<long> PosixOffset(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '<') {
    i = s.find('>');
    if (i == std::string_view::npos) return std::nullopt;
    ++i;
  } else {
    while (i < s.size() && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) ++i;
    if (i < 3) return std::nullopt;
  }
  int sign = 1;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) sign = s[i++] == '-' ? -1 : 1;
  long parts[3] = {0, 0, 0};
  for (int k = 0; k < 3; ++k) {
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 3) parts[k] = parts[k] * 10 + (s[i++] - '0');
    if (i == start) return k == 0 ? std::nullopt : std::optional<long>();
    if (i < s.size() && s[i] == ':' && k < 2) ++i;
    else break;
  }
  if (parts[0] > 24 || parts[1] > 59 || parts[2] > 59) return std::nullopt;
  return -sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
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
      for (std::int64_t i = 0; i < c[4]; ++i) z.offsets_.push_back(static_cast<long>(Be(p + types + i * 6, 4)));
      // Before the first transition: the first standard-time type (as the
      // TZif specification suggests), type 0 failing that.
      z.initial_ = z.offsets_[0];
      for (std::int64_t i = 0; i < c[4]; ++i)
        if (p[types + i * 6 + 4] == 0) {
          z.initial_ = z.offsets_[i];
          break;
        }
      return z;
    }
  }
  if (tz) {
    std::string_view name = *tz;
    if (!name.empty() && name[0] == ':') return z;
    if (auto off = PosixOffset(name)) z.initial_ = *off;
  }
  return z;
}

long Zone::OffsetAt(std::int64_t t) const {
  if (times_.empty() || t < times_[0]) return initial_;
  std::size_t lo = 0, hi = times_.size();
  while (hi - lo > 1) {
    std::size_t mid = (lo + hi) / 2;
    (times_[mid] <= t ? lo : hi) = mid;
  }
  return offsets_[index_[lo]];
}

std::optional<std::int64_t> Zone::FromLocal(int year, int mon, int day, int hour, int min,
                                            int sec) const {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mon < 1 || mon > 12 || day < 1 || day > kDays[mon - 1] || hour < 0 || hour > 23 || min < 0 ||
      min > 59 || sec < 0 || sec > 59)
    return std::nullopt;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (mon == 2 && day == 29 && !leap) return std::nullopt;
  std::int64_t local = DaysFromCivil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
  std::optional<std::int64_t> best;
  auto consider = [&](long off) {
    std::int64_t t = local - off;
    if (OffsetAt(t) == off && (!best || t < *best)) best = t;
  };
  consider(initial_);
  for (long off : offsets_) consider(off);
  return best;
}

}  // namespace mc::tz
