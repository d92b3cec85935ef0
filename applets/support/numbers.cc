#include "applets/support/numbers.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

namespace mc {

namespace {

std::string_view SkipSpace(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s;
}

NumError Digits(std::string_view& s, std::uintmax_t& out) {
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s.front()))) return NumError::kInvalid;
  std::uintmax_t v = 0;
  bool overflow = false;
  while (!s.empty() && std::isdigit(static_cast<unsigned char>(s.front()))) {
    unsigned d = static_cast<unsigned>(s.front() - '0');
    if (v > (UINTMAX_MAX - d) / 10) overflow = true;
    else v = v * 10 + d;
    s.remove_prefix(1);
  }
  out = overflow ? UINTMAX_MAX : v;
  return overflow ? NumError::kOverflow : NumError::kOk;
}

}  // namespace

NumError ParseUnsigned(std::string_view s, std::uintmax_t& out) {
  s = SkipSpace(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  NumError e = Digits(s, out);
  if (e == NumError::kInvalid || !s.empty()) return NumError::kInvalid;
  return e;
}

NumError ParseSigned(std::string_view s, std::intmax_t& out) {
  s = SkipSpace(s);
  bool neg = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    neg = s.front() == '-';
    s.remove_prefix(1);
  }
  std::uintmax_t u;
  NumError e = Digits(s, u);
  if (e == NumError::kInvalid || !s.empty()) return NumError::kInvalid;
  const std::uintmax_t limit = neg ? static_cast<std::uintmax_t>(INTMAX_MAX) + 1 : INTMAX_MAX;
  if (e == NumError::kOverflow || u > limit) {
    out = neg ? INTMAX_MIN : INTMAX_MAX;
    return NumError::kOverflow;
  }
  out = neg ? static_cast<std::intmax_t>(0 - u) : static_cast<std::intmax_t>(u);
  return NumError::kOk;
}

namespace {

// The power of 1024 (or 1000) a letter suffix stands for; 0 if none.
int SuffixPower(char c) {
  switch (c) {
    case 'k': case 'K': return 1;
    case 'm': case 'M': return 2;
    case 'g': case 'G': return 3;
    case 't': case 'T': return 4;
    case 'P': return 5;
    case 'E': return 6;
    case 'Z': return 7;
    case 'Y': return 8;
    case 'R': return 9;
    case 'Q': return 10;
    default: return 0;
  }
}

int DigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// Multiplies v by factor, saturating; returns false on overflow.
bool Scale(std::uintmax_t& v, std::uintmax_t factor) {
  if (v != 0 && factor > UINTMAX_MAX / v) {
    v = UINTMAX_MAX;
    return false;
  }
  v *= factor;
  return true;
}

}  // namespace

NumError ParseScaled(std::string_view s, int base, std::string_view suffixes, std::uintmax_t& out,
                     std::string_view* rest) {
  auto finish = [&](std::string_view tail, NumError e) {
    if (rest) *rest = tail;
    return e;
  };
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) ++i;
  if (i < s.size() && s[i] == '-') return finish(s, NumError::kInvalid);
  if (i < s.size() && s[i] == '+') ++i;
  if (base == 0) {
    base = 10;
    if (i < s.size() && s[i] == '0') {
      base = 8;
      // "0x" counts as hex only with a hex digit after it, as strtoumax.
      if (i + 2 < s.size() && (s[i + 1] == 'x' || s[i + 1] == 'X') &&
          std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
        base = 16;
        i += 2;
      }
    }
  }
  const std::size_t start = i;
  std::uintmax_t v = 0;
  bool overflow = false;
  for (; i < s.size(); ++i) {
    const int d = DigitValue(s[i]);
    if (d >= base) break;
    const auto ud = static_cast<std::uintmax_t>(d);
    if (v > (UINTMAX_MAX - ud) / static_cast<std::uintmax_t>(base)) overflow = true;
    else v = v * static_cast<std::uintmax_t>(base) + ud;
  }
  if (overflow) v = UINTMAX_MAX;
  std::string_view tail = s.substr(i);
  if (i == start) {
    // No digits: a valid suffix alone means one of it.
    if (tail.empty() || suffixes.find(tail.front()) == std::string_view::npos)
      return finish(s, NumError::kInvalid);
    v = 1;
  }
  if (!tail.empty()) {
    const char c = tail.front();
    if (suffixes.find(c) == std::string_view::npos) {
      out = v;
      return finish(tail, NumError::kInvalidSuffix);
    }
    const int power = SuffixPower(c);
    std::uintmax_t unit = 1024;
    std::size_t used = 1;
    if (power != 0 && suffixes.find('0') != std::string_view::npos) {
      if (tail.size() >= 3 && tail[1] == 'i' && tail[2] == 'B') {
        used = 3;
      } else if (tail.size() >= 2 && (tail[1] == 'B' || tail[1] == 'D')) {
        unit = 1000;
        used = 2;
      }
    }
    bool ok = true;
    if (power != 0) {
      for (int p = 0; p < power; ++p) ok = Scale(v, unit) && ok;
    } else if (c == 'b') {
      ok = Scale(v, 512);
    } else if (c == 'B') {
      ok = Scale(v, 1024);
    } else if (c == 'w') {
      ok = Scale(v, 2);
    } else if (c != 'c') {
      out = v;
      return finish(tail, NumError::kInvalidSuffix);
    }
    if (!ok) overflow = true;
    tail.remove_prefix(used);
    if (!tail.empty()) {
      out = v;
      return finish(tail, NumError::kInvalidSuffix);
    }
  }
  out = v;
  return finish(tail, overflow ? NumError::kOverflow : NumError::kOk);
}

bool ParseDuration(std::string_view s, double& seconds) {
  std::string str(s);
  if (str.empty()) return false;
  char* end = nullptr;
  double v = std::strtod(str.c_str(), &end);
  if (end == str.c_str()) return false;
  std::string_view rest(end);
  double mult = 1;
  if (rest == "" || rest == "s") mult = 1;
  else if (rest == "m") mult = 60;
  else if (rest == "h") mult = 3600;
  else if (rest == "d") mult = 86400;
  else return false;
  if (std::isnan(v) || v < 0) return false;
  seconds = v * mult;
  return true;
}

}  // namespace mc
