/* @applet numfmt
   @install usr/bin
   @help
Usage: numfmt [OPTION]... [NUMBER]...
Reformat NUMBER(s), or the numbers from standard input if none are specified.

Mandatory arguments to long options are mandatory for short options too.
      --debug          print warnings about invalid input
  -d, --delimiter=X    use X instead of whitespace for field delimiter
      --field=FIELDS   replace the numbers in these input fields (default=1);
                         see FIELDS below
      --format=FORMAT  use printf style floating-point FORMAT;
                         see FORMAT below for details
      --from=UNIT      auto-scale input numbers to UNITs; default is 'none';
                         see UNIT below
      --from-unit=N    specify the input unit size (instead of the default 1)
      --grouping       use locale-defined grouping of digits, e.g. 1,000,000
                         (which means it has no effect in the C/POSIX locale)
      --header[=N]     print (without converting) the first N header lines;
                         N defaults to 1 if not specified
      --invalid=MODE   failure mode for invalid numbers: MODE can be:
                         abort (default), fail, warn, ignore
      --padding=N      pad the output to N characters; positive N will
                         right-align; negative N will left-align;
                         padding is ignored if the output is wider than N;
                         the default is to automatically pad if a whitespace
                         is found
      --round=METHOD   use METHOD for rounding when scaling; METHOD can be:
                         up, down, from-zero (default), towards-zero, nearest
      --suffix=SUFFIX  add SUFFIX to output numbers, and accept optional
                         SUFFIX in input numbers
      --to=UNIT        auto-scale output numbers to UNITs; see UNIT below
      --to-unit=N      the output unit size (instead of the default 1)
  -z, --zero-terminated    line delimiter is NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

UNIT options:
  none       no auto-scaling is done; suffixes will trigger an error
  auto       accept optional single/two letter suffix:
               1K = 1000,
               1Ki = 1024,
               1M = 1000000,
               1Mi = 1048576,
  si         accept optional single letter suffix:
               1K = 1000,
               1M = 1000000,
               ...
  iec        accept optional single letter suffix:
               1K = 1024,
               1M = 1048576,
               ...
  iec-i      accept optional two-letter suffix:
               1Ki = 1024,
               1Mi = 1048576,
               ...

FIELDS supports cut(1) style field ranges:
  N    N'th field, counted from 1
  N-   from N'th field, to end of line
  N-M  from N'th to M'th field (inclusive)
  -M   from first to M'th field (inclusive)
  -    all fields
Multiple fields/ranges can be separated with commas

FORMAT must be suitable for printing one floating-point argument '%f'.
Optional quote (%'f) will enable --grouping (if supported by current locale).
Optional width value (%10f) will pad output. Optional zero (%010f) width
will zero pad the number. Optional negative values (%-10f) will left align.
Optional precision (%.1f) will override the input determined precision.

Exit status is 0 if all input numbers were successfully converted.
By default, numfmt will stop at the first conversion error with exit status 2.
With --invalid='fail' a warning is printed for each conversion error
and the exit status is 2.  With --invalid='warn' each conversion error is
diagnosed, but the exit status is 0.  With --invalid='ignore' conversion
errors are not diagnosed and the exit status is 0.

Examples:
  $ numfmt --to=si 1000
            -> "1.0K"
  $ numfmt --to=iec 2048
           -> "2.0K"
  $ numfmt --to=iec-i 4096
           -> "4.0Ki"
  $ echo 1K | numfmt --from=si
           -> "1000"
  $ echo 1K | numfmt --from=iec
           -> "1024"
  $ df -B1 | numfmt --header --field 2-4 --to=si
  $ ls -l  | numfmt --header --field 5 --to=iec
  $ ls -lh | numfmt --header --field 5 --from=iec --padding=10
  $ ls -lh | numfmt --header --field 5 --from=iec --format %10f
*/
// GNU numfmt's arithmetic on long double, step for step (its rounding,
// its "one decimal below 10" rule, printf for the digits), so outputs
// agree to the last digit. --grouping and the "'" flag do nothing: the
// C locale has no thousands separator. --debug is accepted and silent.
#include <algorithm>
#include <cfloat>
#include <climits>
#include <span>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/choice.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/field_list.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"
#include "registry/applet.h"

namespace {

enum Scale { kNone, kAuto, kSi, kIec, kIecI };
enum Round { kUp, kDown, kFromZero, kTowardsZero, kNearest };
enum Invalid { kAbort, kFail, kWarn, kIgnore };

constexpr mc::Choice kFromChoices[] = {{"none", kNone}, {"auto", kAuto}, {"si", kSi}, {"iec", kIec}, {"iec-i", kIecI}};
constexpr mc::Choice kToChoices[] = {{"none", kNone}, {"si", kSi}, {"iec", kIec}, {"iec-i", kIecI}};
constexpr mc::Choice kRoundChoices[] = {
    {"up", kUp}, {"down", kDown}, {"from-zero", kFromZero}, {"towards-zero", kTowardsZero}, {"nearest", kNearest}};
constexpr mc::Choice kInvalidChoices[] = {{"abort", kAbort}, {"fail", kFail}, {"warn", kWarn}, {"ignore", kIgnore}};

constexpr int kMaxUnscaledDigits = 18;
constexpr int kMaxAcceptableDigits = 27;
constexpr char kPowerChars[] = "KMGTPEZY";

enum class Sse { kOk, kPrecisionLoss, kOverflow, kInvalidNumber, kForbiddenSuffix, kInvalidSuffix, kMissingI };

long double PowerLd(long double base, unsigned x) {
  long double r = 1;
  while (x--) r *= base;
  return r;
}
long double AbsLd(long double v) { return v < 0 ? -v : v; }
bool Blank(char c) { return c == ' ' || c == '\t'; }
bool Digit(char c) { return c >= '0' && c <= '9'; }
unsigned ScaleBase(int scale) { return scale == kIec || scale == kIecI ? 1024 : 1000; }

long double Expld(long double val, unsigned base, unsigned* x) {
  unsigned power = 0;
  if (val >= -LDBL_MAX && val <= LDBL_MAX) {
    while (AbsLd(val) >= base) {
      ++power;
      val /= base;
    }
  }
  if (x) *x = power;
  return val;
}

long double Ceiling(long double v) {
  std::intmax_t i = static_cast<std::intmax_t>(v);
  if (i < v) i++;
  return static_cast<long double>(i);
}
long double Floor(long double v) { return -Ceiling(-v); }

long double SimpleRound(long double val, int how) {
  std::intmax_t mul = static_cast<std::intmax_t>(val / INTMAX_MAX);
  val -= static_cast<long double>(INTMAX_MAX) * mul;
  long double r;
  switch (how) {
    case kUp: r = Ceiling(val); break;
    case kDown: r = Floor(val); break;
    case kFromZero: r = val < 0 ? Floor(val) : Ceiling(val); break;
    case kTowardsZero: r = static_cast<long double>(static_cast<std::intmax_t>(val)); break;
    default: r = static_cast<long double>(static_cast<std::intmax_t>(val < 0 ? val - 0.5L : val + 0.5L)); break;
  }
  return static_cast<long double>(INTMAX_MAX) * mul + r;
}

Sse StrtodInt(const char* s, const char** end, long double* value, bool* negative) {
  Sse e = Sse::kOk;
  long double val = 0;
  int digits = 0;
  bool found = false;
  *negative = *s == '-';
  if (*negative) s++;
  *end = s;
  while (Digit(**end)) {
    int d = **end - '0';
    found = true;
    if (val != 0 || d != 0) digits++;
    if (digits > kMaxUnscaledDigits) e = Sse::kPrecisionLoss;
    if (digits > kMaxAcceptableDigits) return Sse::kOverflow;
    val = val * 10 + d;
    ++*end;
  }
  if (!found && **end != '.') return Sse::kInvalidNumber;
  *value = *negative ? -val : val;
  return e;
}

Sse StrtodFloat(const char* s, const char** end, long double* value, std::size_t* precision) {
  bool negative;
  *precision = 0;
  Sse e = StrtodInt(s, end, value, &negative);
  if (e != Sse::kOk && e != Sse::kPrecisionLoss) return e;
  if (**end == '.') {
    const char* p2;
    long double frac = 0;
    bool neg_frac;
    ++*end;
    Sse e2 = StrtodInt(*end, &p2, &frac, &neg_frac);
    if (e2 != Sse::kOk && e2 != Sse::kPrecisionLoss) return e2;
    if (e2 == Sse::kPrecisionLoss) e = e2;
    if (neg_frac) return Sse::kInvalidNumber;
    std::size_t exponent = static_cast<std::size_t>(p2 - *end);
    frac /= PowerLd(10, static_cast<unsigned>(exponent));
    if (negative) *value -= frac;
    else *value += frac;
    *precision = exponent;
    *end = p2;
  }
  return e;
}

struct Options {
  int from = kNone, to = kNone, round = kFromZero, invalid = kAbort;
  std::uintmax_t from_unit = 1, to_unit = 1;
  long padding = 0;
  bool align_left = false;
  bool auto_padding = false;
  long zero_padding = 0;
  long user_precision = -1;
  std::optional<std::string> suffix;
  std::string prefix_text, suffix_text;  // around the number (--format)
  std::vector<mc::fieldlist::Range> fields{{1, 1}};
  bool all_fields = false;
  bool grouping = false;
  int delimiter = -1;  // -1: blanks
  int conv_exit = 2;
};

class Numfmt {
 public:
  Numfmt(mc::Invocation& inv, const Options& o) : inv_(inv), o_(o) {}

  bool Line(std::string_view line, bool newline) {
    // GNU handles each line as a C string.
    line = line.substr(0, line.find('\0'));
    bool valid = true;
    std::uint64_t field = 0;
    std::size_t pos = 0;
    mc::Output& out = inv_.out();
    while (true) {
      ++field;
      std::size_t end = pos;
      if (o_.delimiter >= 0) {
        while (end < line.size() && line[end] != static_cast<char>(o_.delimiter)) end++;
      } else {
        while (end < line.size() && Sep(line[end])) end++;
        while (end < line.size() && !Sep(line[end])) end++;
      }
      std::string_view text = line.substr(pos, end - pos);
      bool more = end < line.size();
      if (Included(field)) valid &= Field(text, field);
      else out.Write(text);
      if (!more) break;
      out.Put(o_.delimiter >= 0 ? static_cast<char>(o_.delimiter) : ' ');
      pos = end + 1;
    }
    if (newline) out.Put(line_delim_);
    return valid;
  }

  void set_line_delim(char c) { line_delim_ = c; }

 private:
  static bool Sep(char c) { return Blank(c) || c == '\n'; }

  bool Included(std::uint64_t field) const {
    if (o_.all_fields) return true;
    for (const auto& r : o_.fields)
      if (field >= r.lo && field <= r.hi) return true;
    return false;
  }

  // GNU's error(conv_exit_code, ...): a message unless ignoring, and the
  // end of the run when aborting.
  void Fail(const std::string& msg) {
    if (o_.invalid == kIgnore) return;
    mc::Warn(inv_, msg);
    if (o_.conv_exit != 0) throw mc::Exit{o_.conv_exit};
  }

  bool Field(std::string_view text, std::uint64_t field) {
    if (o_.suffix && text.size() > o_.suffix->size() &&
        text.substr(text.size() - o_.suffix->size()) == *o_.suffix)
      text.remove_suffix(o_.suffix->size());
    std::string s(text);
    const char* p = s.c_str();
    while (Blank(*p)) p++;
    if (o_.auto_padding) padding_ = (p != s.c_str() || field > 1) ? static_cast<long>(s.size()) : 0;
    long double val = 0;
    std::size_t precision = 0;
    bool ok = Parse(p, &val, &precision);
    if (ok && (o_.from_unit != 1 || o_.to_unit != 1))
      val = val * static_cast<long double>(o_.from_unit) / static_cast<long double>(o_.to_unit);
    std::string formatted;
    if (ok) ok = Format(val, precision, formatted);
    mc::Output& out = inv_.out();
    if (!ok) {
      out.Write(s);
      return false;
    }
    out.Write(o_.prefix_text);
    out.Write(formatted);
    out.Write(o_.suffix_text);
    return true;
  }

  bool Parse(const char* str, long double* value, std::size_t* precision) {
    const char* end = str;
    Sse e = Human(str, &end, value, precision);
    if (e != Sse::kOk && e != Sse::kPrecisionLoss) {
      const char* msg = "";
      switch (e) {
        case Sse::kOverflow: msg = "value too large to be converted: "; break;
        case Sse::kInvalidNumber: msg = "invalid number: "; break;
        case Sse::kForbiddenSuffix: msg = "rejecting suffix in input: "; break;
        case Sse::kInvalidSuffix: msg = "invalid suffix in input: "; break;
        default: msg = "missing 'i' suffix in input: "; break;
      }
      std::string m = msg + mc::QuoteC(str);
      if (e == Sse::kForbiddenSuffix) m += " (consider using --from)";
      if (e == Sse::kMissingI) m += " (e.g Ki/Mi/Gi)";
      Fail(m);
      return false;
    }
    if (*end != '\0') {
      Fail("invalid suffix in input " + mc::QuoteC(str) + ": " + mc::QuoteC(end));
      return false;
    }
    return true;
  }

  Sse Human(const char* str, const char** end, long double* value, std::size_t* precision) {
    unsigned power = 0;
    unsigned base = ScaleBase(o_.from);
    Sse e = StrtodFloat(str, end, value, precision);
    if (e != Sse::kOk && e != Sse::kPrecisionLoss) return e;
    while (Blank(**end)) ++*end;
    if (**end != '\0') {
      const char* pc = **end ? std::strchr(kPowerChars, **end) : nullptr;
      if (!pc) return Sse::kInvalidSuffix;
      if (o_.from == kNone) return Sse::kForbiddenSuffix;
      power = static_cast<unsigned>(pc - kPowerChars) + 1;
      ++*end;
      if (o_.from == kAuto && **end == 'i') {
        base = 1024;
        ++*end;
      } else if (o_.from == kIecI) {
        if (**end != 'i') return Sse::kMissingI;
        ++*end;
      }
      *precision = 0;
    }
    *value *= PowerLd(base, power);
    return e;
  }

  bool Format(long double val, std::size_t precision, std::string& out) {
    std::size_t prec_used = o_.user_precision == -1 ? precision : static_cast<std::size_t>(o_.user_precision);
    unsigned x;
    Expld(val, 10, &x);
    char buf[256];
    if (o_.to == kNone && x + prec_used > kMaxUnscaledDigits) {
      if (prec_used)
        std::snprintf(buf, sizeof buf, "value/precision too large to be printed: '%Lg/%zu' (consider using --to)", val,
                      prec_used);
      else
        std::snprintf(buf, sizeof buf, "value too large to be printed: '%Lg' (consider using --to)", val);
      Fail(buf);
      return false;
    }
    if (x > kMaxAcceptableDigits - 1) {
      std::snprintf(buf, sizeof buf, "value too large to be printed: '%Lg' (cannot handle values > 999Y)", val);
      Fail(buf);
      return false;
    }
    ToHuman(val, static_cast<int>(prec_used), buf, sizeof buf);
    std::string s = buf;
    if (o_.suffix) s += *o_.suffix;
    long width = o_.padding ? o_.padding : padding_;
    if (width && static_cast<long>(s.size()) < width) {
      std::string pad(static_cast<std::size_t>(width) - s.size(), ' ');
      s = o_.align_left ? s + pad : pad + s;
    }
    out = std::move(s);
    return true;
  }

  void ToHuman(long double val, int precision, char* buf, std::size_t size) {
    char fmt[64];
    char* f = fmt;
    *f++ = '%';
    if (o_.zero_padding) f += std::snprintf(f, sizeof fmt - 2, "0%ld", o_.zero_padding);
    if (o_.to == kNone) {
      val *= PowerLd(10, static_cast<unsigned>(precision));
      val = SimpleRound(val, o_.round);
      val /= PowerLd(10, static_cast<unsigned>(precision));
      std::strcpy(f, ".*Lf");
      std::snprintf(buf, size, fmt, precision, val);
      return;
    }
    unsigned base = ScaleBase(o_.to);
    unsigned power = 0;
    val = Expld(val, base, &power);
    unsigned adjust = 0;
    if (o_.user_precision != -1) adjust = std::min<unsigned>(power * 3, static_cast<unsigned>(o_.user_precision));
    else if (AbsLd(val) < 10) adjust = 1;
    val *= PowerLd(10, adjust);
    val = SimpleRound(val, o_.round);
    val /= PowerLd(10, adjust);
    if (AbsLd(val) >= base) {
      val /= base;
      power++;
    }
    int show_point = val != 0 && AbsLd(val) < 10 && power > 0;
    std::strcpy(f, ".*Lf%s");
    int prec = o_.user_precision == -1 ? show_point : static_cast<int>(o_.user_precision);
    char unit[2] = {power > 0 && power <= 8 ? kPowerChars[power - 1] : '\0', '\0'};
    int n = std::snprintf(buf, size - 1, fmt, prec, val, unit);
    if (o_.to == kIecI && power > 0 && n >= 0 && static_cast<std::size_t>(n) + 2 < size) std::strcat(buf, "i");
  }

  mc::Invocation& inv_;
  const Options& o_;
  long padding_ = 0;
  char line_delim_ = '\n';
};

// --from-unit/--to-unit: K=1000, Ki=1024, a plain number.
std::optional<std::uintmax_t> UnitSize(std::string_view s) {
  std::string t(s);
  std::string_view suffixes = "KMGTPEZY";
  if (!t.empty() && !Digit(t.back())) {
    if (t.back() == 'i' && t.size() >= 2 && !Digit(t[t.size() - 2])) {
      t.pop_back();
    } else {
      t += 'B';
      suffixes = "KMGTPEZY0";
    }
  }
  std::uintmax_t n = 0;
  if (mc::ParseScaled(t, 10, suffixes, n) != mc::NumError::kOk || n == 0) return std::nullopt;
  return n;
}

// --format: [prefix]%[0]['][-][N][.][N]f[suffix], as GNU's
// parse_format_string (including its count of "%%" in the prefix).
void ParseFormat(const mc::Invocation& inv, const std::string& fmt, Options& o) {
  std::size_t i = 0, prefix_len = 0;
  for (; !(i < fmt.size() && fmt[i] == '%' && (i + 1 >= fmt.size() || fmt[i + 1] != '%'));
       i += (fmt[i] == '%') + 1) {
    if (i >= fmt.size()) mc::Die(inv, "format " + mc::QuoteC(fmt) + " has no % directive");
    prefix_len++;
  }
  i++;
  bool zero = false;
  while (true) {
    std::size_t skip = 0;
    while (i < fmt.size() && fmt[i] == ' ') i++, skip++;
    if (i < fmt.size() && fmt[i] == '\'') {
      o.grouping = true;  // nothing to do in the C locale, but checked
      i++;
    } else if (i < fmt.size() && fmt[i] == '0') {
      zero = true;
      i++;
    } else if (!skip) {
      break;
    }
  }
  // strtol: optional sign, digits.
  auto strtol = [&](std::size_t at, std::size_t* end, bool* overflow) {
    std::size_t j = at;
    while (j < fmt.size() && (fmt[j] == ' ' || (fmt[j] >= '\t' && fmt[j] <= '\r'))) j++;
    bool neg = false;
    if (j < fmt.size() && (fmt[j] == '-' || fmt[j] == '+')) neg = fmt[j++] == '-';
    std::size_t d = j;
    long v = 0;
    *overflow = false;
    while (j < fmt.size() && Digit(fmt[j])) {
      if (v > (LONG_MAX - (fmt[j] - '0')) / 10) *overflow = true;
      else v = v * 10 + (fmt[j] - '0');
      j++;
    }
    *end = j == d ? at : j;
    return neg ? -v : v;
  };
  std::size_t end;
  bool overflow;
  long pad = strtol(i, &end, &overflow);
  if (overflow) mc::Die(inv, "invalid format " + mc::QuoteC(fmt) + " (width overflow)");
  if (end != i && pad != 0) {
    if (pad < 0) {
      o.align_left = true;
      o.padding = -pad;
    } else if (zero) {
      o.zero_padding = pad;
    } else {
      o.padding = pad;
    }
  }
  i = end;
  if (i >= fmt.size()) mc::Die(inv, "format " + mc::QuoteC(fmt) + " ends in %");
  if (fmt[i] == '.') {
    i++;
    long prec = strtol(i, &end, &overflow);
    if (overflow || prec < 0 || (i < fmt.size() && (Blank(fmt[i]) || fmt[i] == '+')))
      mc::Die(inv, "invalid precision in format " + mc::QuoteC(fmt));
    o.user_precision = prec;
    i = end;
  }
  if (i >= fmt.size() || fmt[i] != 'f')
    mc::Die(inv, "invalid format " + mc::QuoteC(fmt) + ", directive must be %[0]['][-][N][.][N]f");
  i++;
  std::size_t suffix_pos = i;
  for (; i < fmt.size(); i += (fmt[i] == '%') + 1)
    if (fmt[i] == '%' && (i + 1 >= fmt.size() || fmt[i + 1] != '%'))
      mc::Die(inv, "format " + mc::QuoteC(fmt) + " has too many % directives");
  o.prefix_text = fmt.substr(0, prefix_len);
  o.suffix_text = fmt.substr(suffix_pos);
}

}  // namespace

MC_APPLET(numfmt) {
  mc::cli::Parser p(inv);
  Options o;
  std::optional<std::string> format;
  bool grouping = false, debug = false, zero = false;
  std::uintmax_t header = 0;
  auto choice = [&](std::string_view opt, std::span<const mc::Choice> choices, int& into) {
    return [&, opt, choices](const std::string& v) {
      auto c = mc::ArgMatch(inv, v, opt, choices);
      if (!c) {
        p.Stop(mc::UsageError(inv, ""));
        return;
      }
      into = *c;
    };
  };
  p.OnValue("--from", choice("--from", kFromChoices, o.from));
  p.OnValue("--to", choice("--to", kToChoices, o.to));
  p.OnValue("--round", choice("--round", kRoundChoices, o.round));
  p.OnValue("--invalid", choice("--invalid", kInvalidChoices, o.invalid));
  p.OnValue("--from-unit", [&](const std::string& v) {
    auto n = UnitSize(v);
    if (!n) mc::Die(inv, "invalid unit size: " + mc::QuoteC(v));
    o.from_unit = *n;
  });
  p.OnValue("--to-unit", [&](const std::string& v) {
    auto n = UnitSize(v);
    if (!n) mc::Die(inv, "invalid unit size: " + mc::QuoteC(v));
    o.to_unit = *n;
  });
  p.OnValue("--padding", [&](const std::string& v) {
    std::intmax_t n = 0;
    if (mc::ParseSigned(v, n) != mc::NumError::kOk || n == 0 || n < -LONG_MAX || n > LONG_MAX)
      mc::Die(inv, "invalid padding value " + mc::QuoteC(v));
    o.align_left = n < 0;
    o.padding = static_cast<long>(n < 0 ? -n : n);
  });
  p.OnValue("--suffix", [&](const std::string& v) { o.suffix = v; });
  p.OnValue("--format", [&](const std::string& v) { format = v; });
  p.OnValue("--field", [&](const std::string& v) {
    o.fields.clear();
    o.all_fields = v == "-";
    if (o.all_fields) return;
    if (auto msg = mc::fieldlist::ParseList(v, true, o.fields)) p.Stop(mc::UsageError(inv, *msg));
  });
  p.OnValue("-d,--delimiter", [&](const std::string& v) {
    if (v.size() > 1) mc::Die(inv, "the delimiter must be a single character");
    o.delimiter = static_cast<unsigned char>(v.empty() ? '\0' : v[0]);
  });
  p.OptionalValue("--header", [&](std::optional<std::string_view> v) {
    header = 1;
    if (v) {
      std::uintmax_t n = 0;
      if (mc::ParseScaled(*v, 10, "", n) != mc::NumError::kOk || n == 0)
        mc::Die(inv, "invalid header value " + mc::QuoteC(*v));
      header = n;
    }
  });
  p.Flag("--grouping", grouping);
  p.Flag("--debug", debug);
  p.Flag("-z,--zero-terminated", zero);
  std::vector<std::string> numbers;
  if (auto rc = p.Parse(&numbers)) return *rc;

  (void)debug;
  if (format && grouping) mc::Die(inv, "--grouping cannot be combined with --format");
  if (format) ParseFormat(inv, *format, o);
  if ((grouping || o.grouping) && o.to != kNone) mc::Die(inv, "grouping cannot be combined with --to");
  o.auto_padding = o.padding == 0 && o.delimiter < 0;
  if (o.invalid != kAbort) o.conv_exit = 0;

  Numfmt nf(inv, o);
  char delim = zero ? '\0' : '\n';
  nf.set_line_delim(delim);
  bool valid = true;
  if (!numbers.empty()) {
    for (const std::string& n : numbers) valid &= nf.Line(n, true);
  } else {
    mc::LineReader reader(inv.in_fd(), delim);
    std::string_view rec;
    bool terminated;
    while (reader.Next(rec, terminated)) {
      if (header > 0) {
        header--;
        inv.out().Write(rec);
        if (terminated) inv.out().Put(delim);
        continue;
      }
      valid &= nf.Line(rec, terminated);
    }
    if (reader.error() != 0) mc::WarnErrno(inv, "error reading input", reader.error());
  }
  return !valid && o.invalid != kWarn && o.invalid != kIgnore ? 2 : 0;
}
