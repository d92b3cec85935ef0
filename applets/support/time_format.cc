#include "applets/support/time_format.h"

namespace mc::timefmt {

namespace {

constexpr const char* kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool IsLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// ISO 8601 week-based year and week of tm.
void IsoWeek(const BrokenTime& tm, std::int64_t* iso_year, int* week) {
  int wday_mon = (tm.wday + 6) % 7;  // Monday 0
  // The Thursday of this week decides the year.
  int thursday_yday = tm.yday - wday_mon + 3;
  std::int64_t y = tm.year;
  if (thursday_yday < 0) {
    --y;
    thursday_yday += IsLeap(y) ? 366 : 365;
  } else if (thursday_yday >= (IsLeap(y) ? 366 : 365)) {
    thursday_yday -= IsLeap(y) ? 366 : 365;
    ++y;
  }
  *iso_year = y;
  *week = thursday_yday / 7 + 1;
}

struct Spec {
  char pad = 0;      // '-', '_', '0' or 0 (the conversion's default)
  bool upper = false, swap = false, plus = false;
  int width = -1;
};

void PadTo(std::string* out, std::size_t len, int width, char fill) {
  for (std::size_t i = len; width > 0 && i < static_cast<std::size_t>(width); ++i) out->push_back(fill);
}

// A number: digits is its default width; space_pad for %e %k %l.
// yearish: %Y %G %C %F, where the + flag shows a sign.
void Number(std::string* out, const Spec& s, std::int64_t v, int digits, bool space_pad = false,
            bool yearish = false) {
  bool neg = v < 0;
  std::uint64_t u = neg ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  std::string d = std::to_string(u);
  char fill = s.pad == '_' ? ' ' : s.pad == '0' ? '0' : space_pad ? ' ' : '0';
  int width = s.width >= 0 ? s.width : digits;
  if (s.pad == '-') width = 0;
  std::string sign = neg ? "-" : "";
  if (!neg && yearish && s.plus && (s.width > digits || static_cast<int>(d.size()) > digits)) sign = "+";
  std::size_t len = d.size() + sign.size();
  if (fill == '0') {
    out->append(sign);
    PadTo(out, len, width, '0');
  } else {
    PadTo(out, len, width, ' ');
    out->append(sign);
  }
  out->append(d);
}

void Text(std::string* out, const Spec& s, std::string_view text, bool swap_lowers = false) {
  std::string t(text);
  if (s.upper || (s.swap && !swap_lowers)) {
    for (char& c : t)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  } else if (s.swap && swap_lowers) {
    for (char& c : t)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  if (s.pad != '-') PadTo(out, t.size(), s.width, s.pad == '0' ? '0' : ' ');
  out->append(t);
}

// %z (colons 0), %:z, %::z, %:::z (colons 3: only the parts needed).
void Offset(std::string* out, const Spec& s, long offset, int colons) {
  char sign = offset < 0 ? '-' : '+';
  long a = offset < 0 ? -offset : offset;
  long hh = a / 3600, mm = a / 60 % 60, ss = a % 60;
  auto two = [](long v) {
    std::string r(2, '0');
    r[0] = static_cast<char>('0' + v / 10 % 10);
    r[1] = static_cast<char>('0' + v % 10);
    return r;
  };
  std::string rest;
  std::string h = std::to_string(hh);
  if (colons == 0) {
    h = std::to_string(hh * 100 + mm);  // one number, as GNU pads it: "+0", "+553"
    if (s.width < 0 && s.pad != '-' && s.pad != '_') {
      while (h.size() < 4) h.insert(0, 1, '0');
    }
  } else if (colons == 1) {
    rest = ":" + two(mm);
  } else if (colons == 2 || ss != 0) {
    rest = ":" + two(mm) + ":" + two(ss);
  } else if (mm != 0) {
    rest = ":" + two(mm);
  }
  std::size_t wanted = s.width >= 0 ? static_cast<std::size_t>(s.width) : 1 + (colons ? 2 : 4) + rest.size();
  std::size_t have = 1 + h.size() + rest.size();
  std::size_t pad = s.pad == '-' || wanted <= have ? 0 : wanted - have;
  if (s.pad == '_') {
    out->append(pad, ' ');
    out->push_back(sign);
  } else {
    out->push_back(sign);
    out->append(pad, '0');
  }
  out->append(h).append(rest);
}

}  // namespace

BrokenTime BreakdownAt(std::int64_t t, long nsec, long offset, std::string_view abbreviation) {
  BrokenTime tm;
  tm.epoch = t;
  tm.nsec = nsec;
  tm.offset = offset;
  tm.zone = std::string(abbreviation);
  std::int64_t local = t + offset;
  std::int64_t days = FloorDiv(local, 86400);
  std::int64_t secs = local - days * 86400;
  tm.hour = static_cast<int>(secs / 3600);
  tm.min = static_cast<int>(secs / 60 % 60);
  tm.sec = static_cast<int>(secs % 60);
  tm.wday = static_cast<int>(((days + 4) % 7 + 7) % 7);
  tm.year = tz::YearOf(local);
  std::int64_t jan1 = tz::DaysFromCivil(tm.year, 1, 1);
  tm.yday = static_cast<int>(days - jan1);
  int m = 1;
  while (m < 12 && tz::DaysFromCivil(tm.year, m + 1, 1) <= days) ++m;
  tm.mon = m;
  tm.mday = static_cast<int>(days - tz::DaysFromCivil(tm.year, m, 1) + 1);
  return tm;
}

BrokenTime Breakdown(std::int64_t t, long nsec, const tz::Zone& zone) {
  tz::Zone::Local l = zone.At(t);
  BrokenTime tm = BreakdownAt(t, nsec, l.offset, l.abbreviation);
  tm.dst = l.dst;
  return tm;
}

void Format(std::string_view f, const BrokenTime& tm, std::string* out) {
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%') {
      out->push_back(f[i]);
      continue;
    }
    std::size_t start = i++;
    Spec s;
    for (; i < f.size(); ++i) {
      char c = f[i];
      if (c == '-' || c == '_' || c == '0') s.pad = c;
      else if (c == '^') s.upper = true;
      else if (c == '#') s.swap = true;
      else if (c == '+') s.plus = true, s.pad = '0';
      else break;
    }
    if (i < f.size() && f[i] >= '1' && f[i] <= '9') {
      s.width = 0;
      while (i < f.size() && f[i] >= '0' && f[i] <= '9') s.width = s.width > 100000 ? s.width : s.width * 10 + (f[i++] - '0');
    }
    int colons = 0;
    while (i < f.size() && f[i] == ':' && colons < 3) ++colons, ++i;
    if (i < f.size() && (f[i] == 'E' || f[i] == 'O') && !colons) ++i;
    if (i >= f.size()) {
      out->append(f.substr(start));
      break;
    }
    char c = f[i];
    // "%-5%": GNU prints the flags and width as written and reads the
    // second '%' afresh.
    if (c == '%' && i != start + 1) {
      out->append(f.substr(start, i - start));
      --i;
      continue;
    }
    if (colons && c != 'z') {
      out->append(f.substr(start, i - start + 1));
      continue;
    }
    // Composite conversions: '^' and a width apply to the whole, '#' does
    // not; '_' and '-' reach the year inside (%D's %y), as GNU's.
    auto sub = [&](std::string_view fmt) {
      std::string inner, sub_format;
      for (char ch : fmt) {
        sub_format.push_back(ch);
        if (ch == 'y' && sub_format.size() >= 2 && sub_format[sub_format.size() - 2] == '%' && c == 'D' &&
            (s.pad == '_' || s.pad == '-')) {
          sub_format.insert(sub_format.size() - 1, 1, s.pad);
        }
      }
      Format(sub_format, tm, &inner);
      Spec whole = s;
      whole.swap = false;
      Text(out, whole, inner);
    };
    int hour12 = tm.hour % 12 == 0 ? 12 : tm.hour % 12;
    switch (c) {
      case 'a': Text(out, s, std::string_view(kDays[tm.wday], 3)); break;
      case 'A': Text(out, s, kDays[tm.wday]); break;
      case 'b':
      case 'h': Text(out, s, std::string_view(kMonths[tm.mon - 1], 3)); break;
      case 'B': Text(out, s, kMonths[tm.mon - 1]); break;
      case 'c': sub("%a %b %e %H:%M:%S %-Y"); break;  // the C locale's, year unpadded
      case 'C': Number(out, s, FloorDiv(tm.year, 100), 2, false, true); break;
      case 'd': Number(out, s, tm.mday, 2); break;
      case 'D': sub("%m/%d/%y"); break;
      case 'e': Number(out, s, tm.mday, 2, true); break;
      case 'F': {  // %+4Y-%m-%d: the width is the whole's, the year takes what is left
        std::string year = std::to_string(tm.year < 0 ? -tm.year : tm.year);
        std::size_t room = s.width >= 6 ? static_cast<std::size_t>(s.width - 6) : 4;
        std::string inner;
        if (tm.year < 0) inner.push_back('-');
        // The implied + of "%+4Y" shows only in a plain %F; an explicit one
        // when the year or its room is wider than 4.
        else if (s.plus ? (room > 4 || year.size() > 4) : (s.pad == 0 && s.width < 0 && year.size() > 4))
          inner.push_back('+');
        if (s.pad != '-' && year.size() + inner.size() < room) inner.append(room - year.size() - inner.size(), s.pad == '_' ? ' ' : '0');
        inner.append(year).push_back('-');
        Format("%m-%d", tm, &inner);
        out->append(inner);
        break;
      }
      case 'g': {
        std::int64_t y;
        int w;
        IsoWeek(tm, &y, &w);
        Number(out, s, ((y % 100) + 100) % 100, 2, false, true);
        break;
      }
      case 'G': {
        std::int64_t y;
        int w;
        IsoWeek(tm, &y, &w);
        Number(out, s, y, 4, false, true);
        break;
      }
      case 'H': Number(out, s, tm.hour, 2); break;
      case 'I': Number(out, s, hour12, 2); break;
      case 'j': Number(out, s, tm.yday + 1, 3); break;
      case 'k': Number(out, s, tm.hour, 2, true); break;
      case 'l': Number(out, s, hour12, 2, true); break;
      case 'm': Number(out, s, tm.mon, 2); break;
      case 'M': Number(out, s, tm.min, 2); break;
      case 'n': out->push_back('\n'); break;
      case 'N': {
        std::string digits = std::to_string(tm.nsec);
        digits.insert(0, 9 - digits.size(), '0');
        int w = s.width > 0 ? s.width : 9;
        std::string d = digits.substr(0, static_cast<std::size_t>(w < 9 ? w : 9));
        if (w > 9) d.append(static_cast<std::size_t>(w - 9), '0');
        if (s.pad == '_') {
          std::size_t e = d.size();
          while (e > 1 && d[e - 1] == '0') d[--e] = ' ';
        } else if (s.pad == '-' && s.width > 0) {
          while (d.size() > 1 && d.back() == '0') d.pop_back();
        }
        out->append(d);
        break;
      }
      case 'p': Text(out, s, tm.hour < 12 ? "AM" : "PM", true); break;
      case 'P': {
        Spec lower = s;
        lower.upper = false;
        lower.swap = false;
        Text(out, lower, tm.hour < 12 ? "am" : "pm");
        break;
      }
      case 'q': Number(out, s, (tm.mon - 1) / 3 + 1, 1); break;
      case 'r': sub("%I:%M:%S %p"); break;
      case 'R': sub("%H:%M"); break;
      case 's': Number(out, s, tm.epoch, 1); break;
      case 'S': Number(out, s, tm.sec, 2); break;
      case 't': out->push_back('\t'); break;
      case 'T': sub("%H:%M:%S"); break;
      case 'u': Number(out, s, tm.wday == 0 ? 7 : tm.wday, 1); break;
      case 'U': Number(out, s, (tm.yday + 7 - tm.wday) / 7, 2); break;
      case 'V': {
        std::int64_t y;
        int w;
        IsoWeek(tm, &y, &w);
        Number(out, s, w, 2);
        break;
      }
      case 'w': Number(out, s, tm.wday, 1); break;
      case 'W': Number(out, s, (tm.yday + 7 - (tm.wday + 6) % 7) / 7, 2); break;
      case 'x': sub("%m/%d/%y"); break;
      case 'X': sub("%H:%M:%S"); break;
      case 'y': Number(out, s, ((tm.year % 100) + 100) % 100, 2, false, true); break;
      case 'Y': Number(out, s, tm.year, 4, false, true); break;
      case 'z': Offset(out, s, tm.offset, colons); break;
      case 'Z': Text(out, s, tm.zone, true); break;
      case '%': out->push_back('%'); break;
      default: out->append(f.substr(start, i - start + 1)); break;
    }
  }
}

}  // namespace mc::timefmt
