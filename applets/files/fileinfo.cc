#include "applets/files/fileinfo.h"

#include <sys/stat.h>

namespace mc::files {

std::string Dec(std::intmax_t v) {
  if (v < 0) return "-" + UDec(0 - static_cast<std::uintmax_t>(v));
  return UDec(static_cast<std::uintmax_t>(v));
}

std::string UDec(std::uintmax_t v) {
  char buf[24];
  int n = 0;
  do buf[n++] = static_cast<char>('0' + v % 10);
  while (v /= 10);
  std::string s;
  while (n) s += buf[--n];
  return s;
}

std::string ModeString(mode_t m) {
  std::string s(10, '-');
  switch (m & S_IFMT) {
    case S_IFDIR: s[0] = 'd'; break;
    case S_IFLNK: s[0] = 'l'; break;
    case S_IFCHR: s[0] = 'c'; break;
    case S_IFBLK: s[0] = 'b'; break;
    case S_IFIFO: s[0] = 'p'; break;
    case S_IFSOCK: s[0] = 's'; break;
    case S_IFREG: s[0] = '-'; break;
    default: s[0] = '?';
  }
  const char* rwx = "rwxrwxrwx";
  for (int i = 0; i < 9; ++i)
    if (m & (0400 >> i)) s[1 + i] = rwx[i];
  if (m & S_ISUID) s[3] = (m & S_IXUSR) ? 's' : 'S';
  if (m & S_ISGID) s[6] = (m & S_IXGRP) ? 's' : 'S';
  if (m & S_ISVTX) s[9] = (m & S_IXOTH) ? 't' : 'T';
  return s;
}

std::string_view FileTypeName(mode_t m, std::intmax_t size) {
  switch (m & S_IFMT) {
    case S_IFREG: return size == 0 ? "regular empty file" : "regular file";
    case S_IFDIR: return "directory";
    case S_IFLNK: return "symbolic link";
    case S_IFCHR: return "character special file";
    case S_IFBLK: return "block special file";
    case S_IFIFO: return "fifo";
    case S_IFSOCK: return "socket";
    default: return "weird file";
  }
}

namespace {

constexpr const char* kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                 "Thursday", "Friday", "Saturday"};
constexpr const char* kMonths[] = {"January", "February", "March",     "April",
                                   "May",     "June",     "July",      "August",
                                   "September", "October", "November", "December"};

struct Tm {
  std::int64_t year;
  int mon, mday, hour, min, sec, wday, yday;
};

Tm Civil(std::int64_t t) {
  std::int64_t days = t / 86400, rem = t % 86400;
  if (rem < 0) rem += 86400, --days;
  Tm tm{};
  tm.hour = static_cast<int>(rem / 3600);
  tm.min = static_cast<int>(rem / 60 % 60);
  tm.sec = static_cast<int>(rem % 60);
  tm.wday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  std::int64_t z = days + 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  tm.mday = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  tm.mon = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  tm.year = tm.mon <= 2 ? y + 1 : y;
  tm.yday = static_cast<int>(days - tz::DaysFromCivil(tm.year, 1, 1));
  return tm;
}

void Num(std::string& out, std::int64_t v, int width, char pad, char flag) {
  std::string d = Dec(v < 0 ? -v : v);
  if (flag == '-') pad = 0;
  else if (flag == '_') pad = ' ';
  else if (flag == '0') pad = '0';
  if (v < 0) out += '-';
  if (pad)
    for (int i = static_cast<int>(d.size()) + (v < 0 ? 1 : 0); i < width; ++i) out += pad;
  out += d;
}

// ISO 8601 week-based year and week number.
void IsoWeek(const Tm& tm, std::int64_t& year, int& week) {
  int wday = (tm.wday + 6) % 7;  // Monday 0
  int days = tm.yday - wday + 3;  // the Thursday of this week, as a day of this year
  year = tm.year;
  auto len = [](std::int64_t y) { return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365; };
  if (days < 0) {
    --year;
    days += len(year);
  } else if (days >= len(year)) {
    days -= len(year);
    ++year;
  }
  week = days / 7 + 1;
}

}  // namespace

std::string FormatTime(std::string_view fmt, std::int64_t sec, long nsec, const tz::Zone& zone) {
  long off = zone.OffsetAt(sec);
  Tm tm = Civil(sec + off);
  std::string out;
  for (std::size_t i = 0; i < fmt.size(); ++i) {
    char c = fmt[i];
    if (c != '%' || i + 1 >= fmt.size()) {
      out += c;
      continue;
    }
    std::size_t start = i;
    char flag = 0;
    ++i;
    while (i < fmt.size() && (fmt[i] == '-' || fmt[i] == '_' || fmt[i] == '0' || fmt[i] == '^' || fmt[i] == '#'))
      flag = fmt[i++];
    int width = -1;
    while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9')
      width = (width < 0 ? 0 : width * 10) + (fmt[i++] - '0');
    if (i >= fmt.size()) {
      out.append(fmt.substr(start));
      break;
    }
    auto text = [&](std::string s) {
      if (flag == '^')
        for (char& ch : s)
          if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
      for (int k = static_cast<int>(s.size()); k < width; ++k) out += ' ';
      out += s;
    };
    auto num = [&](std::int64_t v, int w, char pad) { Num(out, v, width > 0 ? width : w, pad, flag); };
    switch (fmt[i]) {
      case 'a': text(std::string(kDays[tm.wday], 3)); break;
      case 'A': text(kDays[tm.wday]); break;
      case 'b':
      case 'h': text(std::string(kMonths[tm.mon - 1], 3)); break;
      case 'B': text(kMonths[tm.mon - 1]); break;
      case 'c': text(FormatTime("%a %b %e %H:%M:%S %Y", sec, nsec, zone)); break;
      case 'C': num(tm.year / 100, 2, '0'); break;
      case 'd': num(tm.mday, 2, '0'); break;
      case 'D': text(FormatTime("%m/%d/%y", sec, nsec, zone)); break;
      case 'e': num(tm.mday, 2, ' '); break;
      case 'F': text(FormatTime("%Y-%m-%d", sec, nsec, zone)); break;
      case 'g':
      case 'G':
      case 'V': {
        std::int64_t y;
        int w;
        IsoWeek(tm, y, w);
        if (fmt[i] == 'V') num(w, 2, '0');
        else if (fmt[i] == 'g') num(((y % 100) + 100) % 100, 2, '0');
        else num(y, 1, '0');
        break;
      }
      case 'H': num(tm.hour, 2, '0'); break;
      case 'I': num((tm.hour + 11) % 12 + 1, 2, '0'); break;
      case 'j': num(tm.yday + 1, 3, '0'); break;
      case 'k': num(tm.hour, 2, ' '); break;
      case 'l': num((tm.hour + 11) % 12 + 1, 2, ' '); break;
      case 'm': num(tm.mon, 2, '0'); break;
      case 'M': num(tm.min, 2, '0'); break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'N': {
        std::string d = Dec(nsec);
        d.insert(0, 9 - d.size(), '0');
        out += width > 0 && width < 9 ? d.substr(0, static_cast<std::size_t>(width)) : d;
        break;
      }
      case 'p': text(tm.hour < 12 ? "AM" : "PM"); break;
      case 'P': text(tm.hour < 12 ? "am" : "pm"); break;
      case 'r': text(FormatTime("%I:%M:%S %p", sec, nsec, zone)); break;
      case 'R': text(FormatTime("%H:%M", sec, nsec, zone)); break;
      case 's': text(Dec(sec)); break;
      case 'S': num(tm.sec, 2, '0'); break;
      case 'T': text(FormatTime("%H:%M:%S", sec, nsec, zone)); break;
      case 'u': num(tm.wday == 0 ? 7 : tm.wday, 1, '0'); break;
      case 'w': num(tm.wday, 1, '0'); break;
      case 'x': text(FormatTime("%m/%d/%y", sec, nsec, zone)); break;
      case 'X': text(FormatTime("%H:%M:%S", sec, nsec, zone)); break;
      case 'y': num(((tm.year % 100) + 100) % 100, 2, '0'); break;
      case 'Y': num(tm.year, 1, '0'); break;
      case 'z':
      case 'Z': {
        if (fmt[i] == 'Z' && off == 0) {
          text("UTC");
          break;
        }
        long a = off < 0 ? -off : off;
        std::string z(1, off < 0 ? '-' : '+');
        Num(z, a / 3600, 2, '0', 0);
        Num(z, a / 60 % 60, 2, '0', 0);
        text(z);
        break;
      }
      case '%': out += '%'; break;
      default: out.append(fmt.substr(start, i - start + 1));
    }
  }
  return out;
}

}  // namespace mc::files
