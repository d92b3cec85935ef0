#include "applets/support/parse_date.h"

#include <string>
#include <vector>

#include "applets/support/time_format.h"

namespace mc::date {

namespace {

struct Token {
  enum Kind { kNumber, kWord, kPunct } kind;
  std::string text;  // words lower-cased; punctuation one character
  std::int64_t value = 0;
  int digits = 0;
  bool signed_number = false;  // "+3", "-3"
};

std::optional<std::vector<Token>> Tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      ++i;
    } else if (c >= '0' && c <= '9') {
      Token t{Token::kNumber, "", 0, 0, false};
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        if (t.digits < 18) t.value = t.value * 10 + (s[i] - '0');
        else return std::nullopt;
        t.text.push_back(s[i++]);
        ++t.digits;
      }
      out.push_back(t);
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      Token t{Token::kWord, "", 0, 0, false};
      while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '.')) {
        char l = s[i++];
        if (l == '.') continue;  // "a.m."
        t.text.push_back(l >= 'A' && l <= 'Z' ? static_cast<char>(l + 32) : l);
      }
      out.push_back(t);
    } else if (c == '(') {  // comments, as GNU
      int depth = 0;
      for (; i < s.size(); ++i) {
        if (s[i] == '(') ++depth;
        else if (s[i] == ')' && --depth == 0) break;
      }
      if (i == s.size()) return std::nullopt;
      ++i;
    } else if (c == '+' || c == '-' || c == ':' || c == '/' || c == ',' || c == '.' || c == '@') {
      out.push_back(Token{Token::kPunct, std::string(1, c), 0, 0, false});
      ++i;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

int MonthOf(std::string_view w) {
  static constexpr const char* kNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                           "july",    "august",   "september", "october", "november", "december"};
  if (w == "sept") return 9;
  for (int m = 0; m < 12; ++m) {
    std::string_view full = kNames[m];
    if (w == full || (w.size() == 3 && full.substr(0, 3) == w)) return m + 1;
  }
  return 0;
}

int WeekdayOf(std::string_view w) {
  static constexpr const char* kNames[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  if (w == "tues") return 2;
  if (w == "wednes") return 3;
  if (w == "thur" || w == "thurs") return 4;
  for (int d = 0; d < 7; ++d) {
    std::string_view full = kNames[d];
    if (w == full || (w.size() == 3 && full.substr(0, 3) == w)) return d;
  }
  return -1;
}

// Seconds east of UTC for the zone names GNU knows best.
std::optional<long> ZoneWord(std::string_view w) {
  struct Z {
    const char* name;
    long hours;
  };
  static constexpr Z kZones[] = {{"utc", 0},  {"gmt", 0},  {"ut", 0},   {"z", 0},    {"est", -5}, {"edt", -4},
                                 {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}};
  for (const Z& z : kZones)
    if (w == z.name) return z.hours * 3600;
  return std::nullopt;
}

// Ordinal words: next is 1, last -1, this 0, first 1 ... twelfth 12.
std::optional<int> OrdinalOf(std::string_view w) {
  static constexpr const char* kWords[] = {"first", "third",  "fourth",   "fifth",   "sixth",  "seventh",
                                           "eighth", "ninth", "tenth",    "eleventh", "twelfth"};
  static constexpr int kValues[] = {1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  if (w == "last") return -1;
  if (w == "this") return 0;
  if (w == "next") return 1;
  for (int i = 0; i < 11; ++i)
    if (w == kWords[i]) return kValues[i];
  return std::nullopt;
}

struct Relative {
  std::int64_t years = 0, months = 0, days = 0, seconds = 0;
};

// A relative unit word: adds n of it to rel; false if not a unit.
bool AddUnit(std::string_view w, std::int64_t n, Relative& rel) {
  if (w.size() > 1 && w.back() == 's' && w != "s") w.remove_suffix(1);
  if (w == "year") rel.years += n;
  else if (w == "month") rel.months += n;
  else if (w == "fortnight") rel.days += 14 * n;
  else if (w == "week") rel.days += 7 * n;
  else if (w == "day") rel.days += n;
  else if (w == "hour") rel.seconds += 3600 * n;
  else if (w == "minute" || w == "min") rel.seconds += 60 * n;
  else if (w == "second" || w == "sec") rel.seconds += n;
  else return false;
  return true;
}

long FractionNs(std::string_view digits) {
  long ns = 0;
  for (std::size_t i = 0; i < 9; ++i) ns = ns * 10 + (i < digits.size() ? digits[i] - '0' : 0);
  return ns;
}

struct Parsed {
  std::optional<std::int64_t> year;
  int mon = 0, day = 0;  // 0: not given
  bool have_date = false, have_time = false;
  int hour = 0, min = 0, sec = 0;
  long nsec = 0;
  std::optional<long> offset;  // a zone in the text
  int weekday = -1;
  std::int64_t weekday_ordinal = 0;
  Relative rel;
  bool rels_seen = false;
  std::optional<Timestamp> epoch;
};

class Parser {
 public:
  explicit Parser(std::vector<Token> t) : t_(std::move(t)) {}

  bool Run(Parsed& p) {
    while (i_ < t_.size()) {
      if (!Item(p)) return false;
    }
    return true;
  }

 private:
  bool IsPunct(std::size_t k, char c) const {
    return k < t_.size() && t_[k].kind == Token::kPunct && t_[k].text[0] == c;
  }
  bool IsNumber(std::size_t k) const { return k < t_.size() && t_[k].kind == Token::kNumber; }
  bool IsWord(std::size_t k) const { return k < t_.size() && t_[k].kind == Token::kWord; }

  // [.,]digits after seconds.
  long Fraction() {
    if ((IsPunct(i_, '.') || IsPunct(i_, ',')) && IsNumber(i_ + 1)) {
      long ns = FractionNs(t_[i_ + 1].text);
      i_ += 2;
      return ns;
    }
    return 0;
  }

  // "+hh", "+hhmm", "+hh:mm" right after a time or a zone word.
  bool NumericZone(Parsed& p, long base = 0) {
    if (!(IsPunct(i_, '+') || IsPunct(i_, '-')) || !IsNumber(i_ + 1)) return false;
    int sign = t_[i_].text[0] == '-' ? -1 : 1;
    const Token& n = t_[i_ + 1];
    long h, m = 0;
    std::size_t used = 2;
    if (IsPunct(i_ + 2, ':') && IsNumber(i_ + 3)) {
      h = static_cast<long>(n.value);
      m = static_cast<long>(t_[i_ + 3].value);
      used = 4;
    } else if (n.digits <= 2) {
      h = static_cast<long>(n.value);
    } else if (n.digits <= 4) {
      h = static_cast<long>(n.value / 100);
      m = static_cast<long>(n.value % 100);
    } else {
      return false;
    }
    if (h > 24 || m > 59) return false;
    p.offset = base + sign * (h * 3600 + m * 60);
    i_ += used;
    return true;
  }

  bool Time(Parsed& p) {
    // NUMBER ':' NUMBER [':' NUMBER [frac]] [am|pm] [zone]
    std::int64_t h = t_[i_].value, m = t_[i_ + 2].value, s = 0;
    i_ += 3;
    long ns = 0;
    if (IsPunct(i_, ':') && IsNumber(i_ + 1)) {
      s = t_[i_ + 1].value;
      i_ += 2;
      ns = Fraction();
    }
    std::size_t before = i_;
    if (!Meridian(h)) return false;
    if (h > 23 || m > 59 || s > 59 || p.have_time) return false;
    p.have_time = true;
    p.hour = static_cast<int>(h);
    p.min = static_cast<int>(m);
    p.sec = static_cast<int>(s);
    p.nsec = ns;
    // After a time (not after am/pm) a signed number is a zone, even
    // before a unit word ("10:00 +0530 mins" is the zone and one minute);
    // one out of range ("+27 minutes") makes the date invalid, as GNU's.
    if (i_ == before && (IsPunct(i_, '+') || IsPunct(i_, '-')) && IsNumber(i_ + 1)) return NumericZone(p);
    return true;
  }

  // An optional am/pm after hour h; false for an hour am/pm cannot take.
  bool Meridian(std::int64_t& h) {
    if (!IsWord(i_)) return true;
    const std::string& w = t_[i_].text;
    if (w != "am" && w != "pm") return true;
    if (h < 1 || h > 12) return false;
    h = h % 12 + (w == "pm" ? 12 : 0);
    ++i_;
    return true;
  }

  bool SetDate(Parsed& p, std::optional<std::int64_t> y, std::int64_t m, std::int64_t d) {
    if (p.have_date || m < 1 || m > 12 || d < 1 || d > 31) return false;
    p.have_date = true;
    p.year = y;
    p.mon = static_cast<int>(m);
    p.day = static_cast<int>(d);
    return true;
  }

  static bool AddRel(Parsed& p, std::string_view unit, std::int64_t n) {
    if (!AddUnit(unit, n, p.rel)) return false;
    p.rels_seen = true;
    return true;
  }

  static std::int64_t TwoDigitYear(const Token& t) {
    if (t.digits > 2) return t.value;
    return t.value + (t.value < 69 ? 2000 : 1900);
  }

  bool Item(Parsed& p) {
    const Token& t = t_[i_];
    if (IsPunct(i_, '@') && i_ == 0) {
      std::size_t k = 1;
      int sign = 1;
      if (IsPunct(k, '-') || IsPunct(k, '+')) sign = t_[k++].text[0] == '-' ? -1 : 1;
      if (!IsNumber(k)) return false;
      Timestamp ts{sign * t_[k].value, 0};
      i_ = k + 1;
      long ns = Fraction();
      if (sign < 0 && ns) {
        --ts.sec;
        ns = 1000000000 - ns;
      }
      ts.nsec = ns;
      p.epoch = ts;
      return i_ == t_.size();
    }
    if (t.kind == Token::kNumber) return NumberItem(p);
    if (t.kind == Token::kPunct) {
      if (t.text[0] == ',') {
        ++i_;
        return true;
      }
      if ((t.text[0] == '+' || t.text[0] == '-') && IsNumber(i_ + 1)) {
        // A signed number: relative with a unit, else a zone offset.
        std::int64_t n = t_[i_ + 1].value * (t.text[0] == '-' ? -1 : 1);
        if (IsWord(i_ + 2) && AddRel(p, t_[i_ + 2].text, n)) {
          i_ += 3;
          Ago(p, n, t_[i_ - 1].text);
          return true;
        }
        return false;  // a zone offset only follows a time or a zone name
      }
      return false;
    }
    return WordItem(p);
  }

  // "N UNIT ago": the item counts backwards.
  void Ago(Parsed& p, std::int64_t n, const std::string& unit) {
    if (!IsWord(i_) || t_[i_].text != "ago") return;
    ++i_;
    AddRel(p, unit, -2 * n);
  }

  bool NumberItem(Parsed& p) {
    const Token& t = t_[i_];
    // ISO 8601: YYYY-MM-DD, optionally 'T' time.
    if (IsPunct(i_ + 1, '-') && IsNumber(i_ + 2) && IsPunct(i_ + 3, '-') && IsNumber(i_ + 4)) {
      if (!SetDate(p, t.digits <= 2 ? TwoDigitYear(t) : t.value, t_[i_ + 2].value, t_[i_ + 4].value)) return false;
      i_ += 5;
      // "2024-01-02T03:04" tokenizes the T with the next word or alone.
      if (IsWord(i_) && t_[i_].text == "t" && IsNumber(i_ + 1) && IsPunct(i_ + 2, ':') && IsNumber(i_ + 3)) {
        ++i_;
        return Time(p);
      }
      return true;
    }
    // M/D[/Y]
    if (IsPunct(i_ + 1, '/') && IsNumber(i_ + 2)) {
      std::optional<std::int64_t> y;
      std::size_t used = 3;
      if (IsPunct(i_ + 3, '/') && IsNumber(i_ + 4)) {
        y = TwoDigitYear(t_[i_ + 4]);
        used = 5;
      }
      if (!SetDate(p, y, t.value, t_[i_ + 2].value)) return false;
      i_ += used;
      return true;
    }
    // H:M[:S]
    if (IsPunct(i_ + 1, ':') && IsNumber(i_ + 2)) return Time(p);
    // N UNIT [ago]
    if (IsWord(i_ + 1)) {
      Relative probe;
      if (AddUnit(t_[i_ + 1].text, 1, probe)) {
        AddRel(p, t_[i_ + 1].text, t.value);
        i_ += 2;
        Ago(p, t.value, t_[i_ - 1].text);
        return true;
      }
      // N WEEKDAY: the Nth one (ignored beside a date, as every weekday)
      const std::string& w = t_[i_ + 1].text;
      if (int d = WeekdayOf(w); d >= 0) {
        if (p.weekday >= 0) return false;
        p.weekday = d;
        p.weekday_ordinal = t.value;
        i_ += 2;
        if (IsPunct(i_, ',')) ++i_;
        return true;
      }
      // N am|pm
      if (w == "am" || w == "pm") {
        std::int64_t h = t.value;
        ++i_;
        if (!Meridian(h) || p.have_time) return false;
        p.have_time = true;
        p.hour = static_cast<int>(h);
        return true;
      }
      // D MONTH [YEAR]
      if (int m = MonthOf(w)) {
        std::optional<std::int64_t> y;
        std::size_t used = 2;
        if (IsPunct(i_ + 2, '-') && IsNumber(i_ + 3)) {  // 2-Jan-2024
          y = TwoDigitYear(t_[i_ + 3]);
          used = 4;
        } else if (IsNumber(i_ + 2) && !IsPunct(i_ + 3, ':')) {
          y = TwoDigitYear(t_[i_ + 2]);
          used = 3;
        }
        if (!SetDate(p, y, m, t.value)) return false;
        i_ += used;
        return true;
      }
    }
    // A bare number, as gnulib reads it: the year of a date that has none
    // (before any relative item; with more than two digits or after a
    // time), else a date with more than four digits ([YY..]YYMMDD), else
    // a time (H, HH, HMM, HHMM).
    if (p.have_date && !p.year && !p.rels_seen && (p.have_time || t.digits > 2)) {
      p.year = t.digits <= 2 ? TwoDigitYear(t) : t.value;
      ++i_;
      return true;
    }
    if (t.digits > 4) {
      if (!SetDate(p, t.value / 10000, t.value / 100 % 100, t.value % 100)) return false;
      ++i_;
      return true;
    }
    std::int64_t h = t.digits <= 2 ? t.value : t.value / 100, m = t.digits <= 2 ? 0 : t.value % 100;
    if (p.have_time || h > 23 || m > 59) return false;
    p.have_time = true;
    p.hour = static_cast<int>(h);
    p.min = static_cast<int>(m);
    ++i_;
    return true;
  }

  bool WordItem(Parsed& p) {
    const std::string& w = t_[i_].text;
    if (w == "now" || w == "today") {  // zero days, a relative item
      p.rels_seen = true;
      ++i_;
      return true;
    }
    if (w == "yesterday" || w == "tomorrow") {
      p.rel.days += w == "tomorrow" ? 1 : -1;
      p.rels_seen = true;
      ++i_;
      return true;
    }
    if (auto z = ZoneWord(w)) {
      ++i_;
      if (p.offset) return false;
      // "utc+1" and "utc +1" are an offset from it; "utc +1 day" is not.
      Relative probe;
      bool unit_follows = IsWord(i_ + 2) && AddUnit(t_[i_ + 2].text, 1, probe);
      if (unit_follows || !NumericZone(p, *z)) p.offset = *z;
      return true;
    }
    if (w == "t" && IsNumber(i_ + 1) && IsPunct(i_ + 2, ':')) {  // ISO 'T' after a date
      ++i_;
      return Time(p);
    }
    if (int m = MonthOf(w)) {
      // MONTH D [[,] YEAR]
      ++i_;
      if (!IsNumber(i_)) return SetDate(p, std::nullopt, m, 1);
      std::int64_t d = t_[i_].value;
      ++i_;
      std::optional<std::int64_t> y;
      // "Jan 2, 2024" takes the year here; "Jan 2 2024" through the
      // bare-number rule, which yields to "2024 minutes" or "2024 fri".
      if (IsPunct(i_, ',') && IsNumber(i_ + 1) && !IsPunct(i_ + 2, ':')) {
        y = TwoDigitYear(t_[i_ + 1]);
        i_ += 2;
      }
      return SetDate(p, y, m, d);
    }
    if (int d = WeekdayOf(w); d >= 0) {
      if (p.weekday >= 0) return false;
      p.weekday = d;
      ++i_;
      if (IsPunct(i_, ',')) ++i_;
      return true;
    }
    if (auto ord = OrdinalOf(w)) {
      if (!IsWord(i_ + 1)) return false;
      const std::string& next = t_[i_ + 1].text;
      if (int d = WeekdayOf(next); d >= 0) {
        if (p.weekday >= 0) return false;
        p.weekday = d;
        p.weekday_ordinal = *ord;
        i_ += 2;
        return true;
      }
      if (AddRel(p, next, *ord)) {
        i_ += 2;
        Ago(p, *ord, next);
        return true;
      }
      return false;
    }
    // A bare unit: one of it ("week" = "1 week").
    if (AddRel(p, w, 1)) {
      ++i_;
      Ago(p, 1, w);
      return true;
    }
    return false;
  }

  std::vector<Token> t_;
  std::size_t i_ = 0;
};

}  // namespace

std::optional<Timestamp> Parse(std::string_view text, Timestamp now, const tz::Zone& local_zone) {
  // TZ="..." first: the rest is read in that zone.
  std::optional<tz::Zone> own_zone;
  std::size_t lead = text.find_first_not_of(" \t\n");
  if (lead != std::string_view::npos && text.substr(lead, 4) == "TZ=\"") {
    std::size_t close = text.find('"', lead + 4);
    if (close == std::string_view::npos) return std::nullopt;
    own_zone = tz::Zone::Load(text.substr(lead + 4, close - lead - 4));
    text = text.substr(close + 1);
  }
  const tz::Zone& zone = own_zone ? *own_zone : local_zone;
  auto tokens = Tokenize(text);
  if (!tokens) return std::nullopt;
  Parsed p;
  if (!Parser(std::move(*tokens)).Run(p)) return std::nullopt;

  Timestamp result;
  if (p.epoch) {
    result = *p.epoch;
  } else {
    timefmt::BrokenTime cur = timefmt::Breakdown(now.sec, now.nsec, zone);
    std::int64_t y = cur.year;
    std::int64_t m = cur.mon, d = cur.mday;
    int hh = cur.hour, mm = cur.min, ss = cur.sec;
    long ns = now.nsec;
    // A string with no date, time, weekday or relative item ("", "utc")
    // means midnight today, as GNU's.
    bool absolute_day = p.have_date || p.weekday >= 0 || !p.rels_seen;
    if (p.have_date) {
      if (p.year) y = *p.year;
      m = p.mon;
      d = p.day;
    }
    if (p.have_time) {
      hh = p.hour;
      mm = p.min;
      ss = p.sec;
      ns = p.nsec;
    } else if (absolute_day) {
      hh = mm = ss = 0;
      ns = 0;
    }
    // As gnulib: the weekday first (only when no calendar date was given),
    // then years and months on the calendar (day overflow rolls into the
    // next month), then days.
    std::int64_t days = tz::DaysFromCivil(y, static_cast<int>(m), 1) + d - 1;
    // A date that does not exist (February 30th) is invalid, not rolled over.
    if (p.have_date && days >= tz::DaysFromCivil(m == 12 ? y + 1 : y, m == 12 ? 1 : static_cast<int>(m) + 1, 1))
      return std::nullopt;
    if (p.weekday >= 0 && !p.have_date) {
      int wday = static_cast<int>(((days + 4) % 7 + 7) % 7);
      days += (p.weekday - wday + 7) % 7 +
              7 * (p.weekday_ordinal - (0 < p.weekday_ordinal && wday != p.weekday ? 1 : 0));
    }
    if (p.rel.years || p.rel.months) {
      timefmt::BrokenTime c = timefmt::BreakdownAt(days * 86400, 0, 0, "");
      y = c.year + p.rel.years;
      m = c.mon + p.rel.months;
      y += (m - 1 >= 0 ? (m - 1) / 12 : -((12 - m) / 12));
      m = ((m - 1) % 12 + 12) % 12 + 1;
      days = tz::DaysFromCivil(y, static_cast<int>(m), 1) + c.mday - 1;
    }
    days += p.rel.days;
    std::int64_t local = days * 86400 + hh * 3600 + mm * 60 + ss;
    std::int64_t t;
    if (p.offset) {
      t = local - *p.offset;
    } else {
      // The local calendar date back to fields for the zone's rules.
      timefmt::BrokenTime f = timefmt::BreakdownAt(local, 0, 0, "");
      auto utc = zone.FromLocal(static_cast<int>(f.year), f.mon, f.mday, f.hour, f.min, f.sec);
      if (!utc) return std::nullopt;
      t = *utc;
    }
    result = Timestamp{t, ns};
  }
  result.sec += p.rel.seconds;
  return result;
}

}  // namespace mc::date
