/* @applet seq
   @help
Usage: seq [OPTION]... LAST
  or:  seq [OPTION]... FIRST LAST
  or:  seq [OPTION]... FIRST INCREMENT LAST
Print numbers from FIRST to LAST, in steps of INCREMENT.

Mandatory arguments to long options are mandatory for short options too.
  -f, --format=FORMAT      use printf style floating-point FORMAT
  -s, --separator=STRING   use STRING to separate numbers (default: \n)
  -w, --equal-width        equalize width by padding with leading zeroes
      --help        display this help and exit
      --version     output version information and exit

If FIRST or INCREMENT is omitted, it defaults to 1.  That is, an
omitted INCREMENT defaults to 1 even when LAST is smaller than FIRST.
The sequence of numbers ends when the sum of the current number and
INCREMENT would become greater than LAST.
FIRST, INCREMENT, and LAST are interpreted as floating point values.
INCREMENT is usually positive if FIRST is smaller than LAST, and
INCREMENT is usually negative if FIRST is greater than LAST.
INCREMENT must not be 0; none of FIRST, INCREMENT and LAST may be NaN.
FORMAT must be suitable for printing one argument of type 'double';
it defaults to %.PRECf if FIRST, INCREMENT, and LAST are all fixed point
decimal numbers with maximum precision PREC, and to %g otherwise.
*/
// Three ways to produce the numbers, all giving GNU's output:
//  - a decimal counter on digit strings, for the cases where GNU seq counts
//    on strings too (non-negative integers, small positive steps): any
//    size, and the fastest;
//  - 64-bit integers, for other integer sequences that long double
//    represents exactly;
//  - long double arithmetic and printf, as GNU does, for everything else.
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "registry/applet.h"

namespace {

using mc::QuoteC;

constexpr int kUnknownPrecision = INT_MAX;
constexpr long double kFastStepLimit = 200;  // GNU's limit for its string path

// ---- output in large blocks ------------------------------------------------

class Chunk {
 public:
  static constexpr std::size_t kSize = 128 * 1024;

  explicit Chunk(mc::Output& out) : out_(out), buf_(new char[kSize]) { out_.Flush(); }

  // Room for n bytes, or null when n is larger than a block.
  char* Space(std::size_t n) {
    if (kSize - used_ < n) Flush();
    return n <= kSize ? buf_.get() + used_ : nullptr;
  }
  void Commit(std::size_t n) { used_ += n; }
  void Append(std::string_view s) {
    if (char* p = Space(s.size())) {
      std::memcpy(p, s.data(), s.size());
      used_ += s.size();
    } else {
      out_.Write(s);
    }
  }
  void Flush() {
    if (used_ == 0) return;
    std::size_t n = used_;
    used_ = 0;
    out_.WriteDirect(std::string_view(buf_.get(), n));
  }

 private:
  mc::Output& out_;
  std::unique_ptr<char[]> buf_;
  std::size_t used_ = 0;
};

// ---- operands --------------------------------------------------------------

struct Operand {
  long double value;
  long width;     // characters the number takes when printed with precision
  int precision;  // digits after the point, or kUnknownPrecision
};

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// strtold over the whole string. Underflow to zero is accepted, any other
// range error is not.
std::optional<long double> ParseWhole(const char* s) {
  errno = 0;
  char* end = nullptr;
  long double v = std::strtold(s, &end);
  if (end == s || *end != '\0') return std::nullopt;
  if (errno == ERANGE && v != 0) return std::nullopt;
  return v;
}

// Value, printed width and precision of an operand, with GNU's rules: the
// precision is the number of fraction digits adjusted by any exponent; hex
// operands leave the width to printf, and hex floats the precision too.
std::optional<Operand> ScanOperand(mc::Invocation& inv, const std::string& arg) {
  auto v = ParseWhole(arg.c_str());
  if (!v) {
    mc::Warn(inv, "invalid floating point argument: " + QuoteC(arg));
    return std::nullopt;
  }
  if (std::isnan(*v)) {
    mc::Warn(inv, "invalid " + QuoteC("not-a-number") + " argument: " + QuoteC(arg));
    return std::nullopt;
  }
  Operand op{*v, 0, kUnknownPrecision};
  std::string_view a = arg;
  while (!a.empty() && (IsSpace(a.front()) || a.front() == '+')) a.remove_prefix(1);
  const std::size_t dot = a.find('.');
  if (dot == std::string_view::npos && a.find('p') == std::string_view::npos) op.precision = 0;
  if (a.find_first_of("xX") != std::string_view::npos || !std::isfinite(*v)) return op;

  op.width = static_cast<long>(a.size());
  long fraction = 0;
  if (dot != std::string_view::npos) {
    std::size_t frac_end = a.find_first_of("eE", dot + 1);
    fraction = static_cast<long>((frac_end == std::string_view::npos ? a.size() : frac_end) - dot - 1);
    op.precision = fraction <= INT_MAX ? static_cast<int>(fraction) : op.precision;
    if (fraction == 0) {
      op.width -= 1;  // "5." prints as "5"
    } else if (dot == 0 || !(a[dot - 1] >= '0' && a[dot - 1] <= '9')) {
      op.width += 1;  // ".5" and "-.5" print with a leading 0
    }
  }
  std::size_t e = a.find('e');
  if (e == std::string_view::npos) e = a.find('E');
  if (e != std::string_view::npos) {
    std::string exp_text(a.substr(e + 1));
    long exponent = std::strtol(exp_text.c_str(), nullptr, 10);
    if (exponent < -LONG_MAX) exponent = -LONG_MAX;
    long prec = op.precision;
    prec += exponent < 0 ? -exponent : -std::min(prec, exponent);
    op.precision = static_cast<int>(std::min<long>(prec, INT_MAX));
    op.width -= static_cast<long>(a.size() - e);  // the exponent is not printed
    if (exponent < 0) {
      if (dot != std::string_view::npos) {
        if (e == dot + 1) op.width += 1;
      } else {
        op.width += 1;
      }
      exponent = -exponent;
    } else {
      if (dot != std::string_view::npos && op.precision == 0 && fraction) op.width -= 1;
      exponent -= std::min(fraction, exponent);
    }
    op.width += exponent;
  }
  return op;
}

// ---- formats ---------------------------------------------------------------

struct Format {
  std::string printf_format;    // with an L length modifier
  std::size_t prefix_len = 0;   // of the user's format, before the directive
  std::size_t suffix_len = 0;   // after it
  bool integral = false;        // default format with no fraction digits
  long width = 0;               // its zero-padded width (0: none)
  // A width or precision past kMaxField: glibc would need gigabytes for
  // each number (and fails anyway from INT_MAX on).
  bool too_wide = false;
};

constexpr long kMaxField = 100000000;

// Reads the digits at fmt[i...] as a field width or precision.
long FieldValue(const std::string& fmt, std::size_t& i) {
  long v = 0;
  for (; i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9'; ++i)
    v = v > kMaxField ? v : v * 10 + (fmt[i] - '0');
  return v;
}

// Checks a -f FORMAT: exactly one floating-point directive, with flags,
// width and precision; %% anywhere. An error message, or the format.
std::optional<std::string> CheckFormat(const std::string& fmt, Format& out) {
  const std::size_t n = fmt.size();
  std::size_t i = 0;
  for (;;) {
    if (i >= n) return "format " + QuoteC(fmt) + " has no % directive";
    if (fmt[i] == '%') {
      if (i + 1 < n && fmt[i + 1] == '%') {
        i += 2;
        continue;
      }
      break;
    }
    ++i;
  }
  out.prefix_len = i;
  ++i;
  while (i < n && std::strchr("-+#0 '", fmt[i]) != nullptr) ++i;
  if (FieldValue(fmt, i) > kMaxField) out.too_wide = true;
  if (i < n && fmt[i] == '.') {
    ++i;
    if (FieldValue(fmt, i) > kMaxField) out.too_wide = true;
  }
  const std::size_t modifier = i;
  const bool has_l = i < n && fmt[i] == 'L';
  if (has_l) ++i;
  if (i >= n) return "format " + QuoteC(fmt) + " ends in %";
  if (std::strchr("efgaEFGA", fmt[i]) == nullptr)
    return "format " + QuoteC(fmt) + " has unknown %" + fmt[i] + " directive";
  const std::size_t after = i + 1;
  for (i = after; i < n;) {
    if (fmt[i] == '%') {
      if (i + 1 < n && fmt[i + 1] == '%') {
        i += 2;
        continue;
      }
      return "format " + QuoteC(fmt) + " has too many % directives";
    }
    ++i;
  }
  out.suffix_len = n - after;
  out.printf_format = fmt.substr(0, modifier) + "L" + fmt.substr(has_l ? modifier + 1 : modifier);
  return std::nullopt;
}

// %.PRECLf from the operands, zero-padded to a common width with -w;
// %Lg when a precision is unknown.
Format DefaultFormat(const Operand& first, const Operand& step, const Operand& last,
                     bool equal_width) {
  Format f;
  const int prec = std::max(first.precision, step.precision);
  if (prec != kUnknownPrecision && last.precision != kUnknownPrecision) {
    f.too_wide = prec > kMaxField;
    if (!equal_width) {
      f.printf_format = "%." + std::to_string(prec) + "Lf";
      f.integral = prec == 0;
      return f;
    }
    long first_width = first.width + (prec - first.precision);
    long last_width = last.width + (prec - last.precision);
    if (last.precision && prec == 0) --last_width;
    if (last.precision == 0 && prec) ++last_width;
    if (first.precision == 0 && prec) ++first_width;
    // GNU computes these unsigned: a negative one is "too wide".
    if (first_width >= 0 && last_width >= 0) {
      long width = std::max(first_width, last_width);
      if (width <= INT_MAX) {
        f.printf_format = "%0" + std::to_string(width) + "." + std::to_string(prec) + "Lf";
        f.integral = prec == 0;
        f.width = width;
        f.too_wide = f.too_wide || width > kMaxField;
        return f;
      }
    }
  }
  f.printf_format = "%Lg";
  f.too_wide = false;
  return f;
}

// ---- the string counter ----------------------------------------------------

std::string_view TrimZeros(std::string_view s) {
  while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
  return s;
}

// Adds step to the digits right-aligned in buf from begin, growing them to
// the left (buf is enlarged at the front when needed).
void AddStep(std::string& buf, std::size_t& begin, unsigned step) {
  unsigned carry = step;
  std::size_t pos = buf.size();
  while (carry != 0) {
    if (pos == begin) {
      if (begin == 0) {
        buf.insert(0, 64, '0');
        begin += 64;
        pos += 64;
      }
      --begin;
    }
    --pos;
    unsigned v = static_cast<unsigned>(buf[pos] - '0') + carry;
    buf[pos] = static_cast<char>('0' + v % 10);
    carry = v / 10;
  }
}

// Counts from `from` to `to` (digit strings; `to` may be "inf") by step.
// False, with nothing written, when `from` is past `to`: GNU then lets its
// long double code decide, which may round the two together.
bool CountDigits(Chunk& chunk, std::string_view from, std::string_view to, unsigned step,
                 std::string_view sep) {
  const bool infinite = to == "inf";
  from = TrimZeros(from);
  to = TrimZeros(to);
  // -1, 0 or 1 as digits d compare with `to`.
  auto compare = [&](std::string_view d) {
    if (infinite || d.size() < to.size()) return -1;
    if (d.size() > to.size()) return 1;
    int c = std::memcmp(d.data(), to.data(), d.size());
    return c < 0 ? -1 : c > 0;
  };
  // Digits are kept right-aligned in `buf` so that a carry can grow them.
  std::string buf(64 + from.size(), '0');
  std::size_t begin = buf.size() - from.size();
  buf.replace(begin, from.size(), from);
  auto digits = [&] { return std::string_view(buf).substr(begin); };
  if (compare(digits()) > 0) return false;

  // The first number, then SEP NUMBER for each of the others.
  chunk.Append(digits());
  constexpr std::size_t kTemplate = 32;
  for (;;) {
    if (step == 1 && sep.size() + digits().size() <= kTemplate) {
      // Runs of numbers that differ only in the last digit: one comparison
      // per run, and each number copied from a fixed-size template.
      AddStep(buf, begin, 1);
      std::string_view d = digits();
      // The prefix of d against the prefix of `to` decides the run's end.
      char last_allowed = '9';
      if (!infinite) {
        if (d.size() > to.size()) break;
        if (d.size() == to.size()) {
          int c = std::memcmp(d.data(), to.data(), d.size() - 1);
          if (c > 0) break;
          if (c == 0) last_allowed = to.back();
        }
      }
      if (d.back() > last_allowed) break;
      char tmpl[kTemplate];
      const std::size_t line = sep.size() + d.size();
      std::memcpy(tmpl, sep.data(), sep.size());
      std::memcpy(tmpl + sep.size(), d.data(), d.size());
      const int count = last_allowed - d.back() + 1;
      char* p = chunk.Space(static_cast<std::size_t>(count) * line + kTemplate);
      char digit = d.back();
      for (int k = 0; k < count; ++k) {
        std::memcpy(p, tmpl, kTemplate);
        p[line - 1] = digit++;
        p += line;
      }
      chunk.Commit(static_cast<std::size_t>(count) * line);
      buf.back() = static_cast<char>(digit - 1);
      if (last_allowed != '9') break;
      continue;
    }
    AddStep(buf, begin, step);
    if (compare(digits()) > 0) break;
    chunk.Append(sep);
    chunk.Append(digits());
  }
  chunk.Append("\n");
  return true;
}

// ---- 64-bit integers -------------------------------------------------------

// Appends v as printf("%0*.0Lf", width, v) would.
inline std::size_t FormatInteger(char* p, long long v, long width) {
  char digits[24];
  char* d = digits + sizeof digits;
  unsigned long long u = v < 0 ? 0ULL - static_cast<unsigned long long>(v) : v;
  do {
    *--d = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  std::size_t n = static_cast<std::size_t>(digits + sizeof digits - d);
  std::size_t out = 0;
  if (v < 0) p[out++] = '-';
  long pad = width - static_cast<long>(n + out);
  for (; pad > 0; --pad) p[out++] = '0';
  std::memcpy(p + out, d, n);
  return out + n;
}

void CountIntegers(Chunk& chunk, long long first, long long step, long long last, long width,
                   std::string_view sep) {
  if (step > 0 ? first > last : first < last) return;
  // Numbers after the first: (last - first) / step of them.
  unsigned long long remaining = static_cast<unsigned long long>(
      (static_cast<__int128>(last) - first) / step);
  long long v = first;
  const std::size_t max_len = 21 + static_cast<std::size_t>(width > 0 ? width : 0) + sep.size();
  for (;;) {
    char* p = chunk.Space(max_len);
    std::size_t n = FormatInteger(p, v, width);
    if (remaining == 0) {
      chunk.Commit(n);
      break;
    }
    std::memcpy(p + n, sep.data(), sep.size());
    chunk.Commit(n + sep.size());
    --remaining;
    v += step;
  }
  chunk.Append("\n");
}

// ---- long double -----------------------------------------------------------

// printf into buf. A number printf cannot produce fails as GNU seq's
// printf does, with a write error.
void Print(std::string& buf, const std::string& fmt, long double x) {
  buf.resize(buf.capacity() > 128 ? buf.capacity() : 128);
  int n = std::snprintf(buf.data(), buf.size() + 1, fmt.c_str(), x);
  if (n < 0) throw mc::WriteError{errno};
  if (static_cast<std::size_t>(n) > buf.size()) {
    buf.resize(static_cast<std::size_t>(n));
    std::snprintf(buf.data(), buf.size() + 1, fmt.c_str(), x);
  }
  buf.resize(static_cast<std::size_t>(n));
}

// The number part of a printed value: the format's prefix and suffix
// lengths cut off (counted in the format, as GNU does).
std::string_view NumberPart(const std::string& s, const Format& f) {
  if (s.size() < f.prefix_len + f.suffix_len) return {};
  return std::string_view(s).substr(f.prefix_len, s.size() - f.prefix_len - f.suffix_len);
}

void CountFloats(Chunk& chunk, const Format& f, long double first, long double step,
                 long double last, std::string_view sep) {
  bool out_of_range = step < 0 ? first < last : last < first;
  if (out_of_range) return;
  if (f.too_wide) throw mc::WriteError{EOVERFLOW};
  constexpr std::size_t kRoom = 256;
  const char* fmt = f.printf_format.c_str();
  std::string cur, next;
  long double x = first;
  for (long double i = 1;; ++i) {
    // Straight into the block when the number fits, as is usual.
    char* p = chunk.Space(kRoom);
    int n = std::snprintf(p, kRoom, fmt, x);
    if (n >= 0 && static_cast<std::size_t>(n) < kRoom) {
      chunk.Commit(static_cast<std::size_t>(n));
    } else {
      Print(cur, f.printf_format, x);
      chunk.Append(cur);
    }
    if (out_of_range) break;
    const long double previous = x;
    x = first + i * step;
    out_of_range = step < 0 ? x < last : last < x;
    if (out_of_range) {
      // A value just past LAST that prints as LAST, differently from the
      // one before, is printed: rounding must not lose the last number.
      Print(next, f.printf_format, x);
      std::string number(NumberPart(next, f));
      auto v = number.empty() ? std::nullopt : ParseWhole(number.c_str());
      if (!v || *v != last) break;
      Print(cur, f.printf_format, previous);
      if (NumberPart(cur, f) == NumberPart(next, f)) break;
    }
    chunk.Append(sep);
  }
  chunk.Append("\n");
}

}  // namespace

MC_APPLET(seq) {
  std::optional<std::string> format;
  std::string sep = "\n";
  bool equal_width = false;
  mc::cli::Parser p(inv);
  p.OnValue("-f,--format", [&](const std::string& v) { format = v; });
  p.Value("-s,--separator", sep);
  p.Flag("-w,--equal-width", equal_width);
  p.StopAtFirstOperand();
  // "-1" and "-.5" are numbers, not options.
  p.EndOptionsAt([](std::string_view a) {
    return a.size() >= 2 && a[0] == '-' && (a[1] == '.' || (a[1] >= '0' && a[1] <= '9'));
  });
  std::vector<std::string> operands;
  if (auto rc = p.Parse(&operands)) return *rc;

  if (operands.empty()) return mc::UsageError(inv, "missing operand");
  if (operands.size() > 3) return mc::UsageError(inv, "extra operand " + QuoteC(operands[3]));
  Format fmt;
  if (format) {
    if (auto err = CheckFormat(*format, fmt)) {
      mc::Warn(inv, *err);
      return 1;
    }
    if (equal_width)
      return mc::UsageError(inv,
                            "format string may not be specified when printing equal width strings");
  }

  Chunk chunk(inv.out());
  const std::size_t n = operands.size();
  const bool plain = !equal_width && !format && sep.size() == 1;
  // Non-negative integers written out in digits, step at most 200: count on
  // the strings themselves, at any size.
  if (plain && AllDigits(operands[0]) && (n == 1 || AllDigits(operands[1])) &&
      (n < 3 || AllDigits(operands[2]))) {
    unsigned step = 1;
    bool step_ok = true;
    if (n == 3) {
      auto s = ParseWhole(operands[1].c_str());
      step_ok = s && *s > 0 && *s <= kFastStepLimit;
      if (step_ok) step = static_cast<unsigned>(*s);
    }
    if (step_ok && CountDigits(chunk, n == 1 ? "1" : operands[0], operands[n - 1], step, sep)) {
      chunk.Flush();
      return 0;
    }
  }

  Operand first{1, 1, 0}, step{1, 1, 0}, last{};
  {
    std::size_t k = 0;
    std::optional<Operand> a = ScanOperand(inv, operands[k++]);
    if (!a) return mc::UsageError(inv, "");
    last = *a;
    if (k < n) {
      first = last;
      a = ScanOperand(inv, operands[k++]);
      if (!a) return mc::UsageError(inv, "");
      last = *a;
      if (k < n) {
        step = last;
        if (step.value == 0)
          return mc::UsageError(inv, "invalid Zero increment value: " + QuoteC(operands[1]));
        a = ScanOperand(inv, operands[k++]);
        if (!a) return mc::UsageError(inv, "");
        last = *a;
      }
    }
  }

  // Integers given in other spellings (1e3, 0x10, 007 with a step): GNU
  // prints them with %.0Lf and counts on those strings.
  if (plain && std::isfinite(first.value) && first.precision == 0 && step.precision == 0 &&
      last.precision == 0 && first.value >= 0 && step.value > 0 && step.value <= kFastStepLimit) {
    std::string from, to;
    Print(from, "%.0Lf", first.value);
    if (std::isfinite(last.value)) Print(to, "%.0Lf", last.value);
    else to = "inf";
    if (from[0] != '-' && to[0] != '-' &&
        CountDigits(chunk, from, to, static_cast<unsigned>(step.value), sep)) {
      chunk.Flush();
      return 0;
    }
  }

  if (!format) fmt = DefaultFormat(first, step, last, equal_width);
  // Other integer sequences that long double holds exactly.
  constexpr long double kExact = 4611686018427387904.0L;  // 2^62
  if (fmt.integral && fmt.width < 1024 && sep.size() < 1024 && std::isfinite(last.value) &&
      std::fabs(first.value) < kExact &&
      std::fabs(step.value) < kExact && std::fabs(last.value) < kExact &&
      !(first.value == 0 && std::signbit(first.value))) {
    long double end = step.value > 0 ? std::floor(last.value) : std::ceil(last.value);
    CountIntegers(chunk, static_cast<long long>(first.value), static_cast<long long>(step.value),
                  static_cast<long long>(end), fmt.width, sep);
    chunk.Flush();
    return 0;
  }
  CountFloats(chunk, fmt, first.value, step.value, last.value, sep);
  chunk.Flush();
  return 0;
}
