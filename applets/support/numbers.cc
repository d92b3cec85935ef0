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

NumError ParseSize(std::string_view s, std::uintmax_t& out, bool allow_bcw) {
  s = SkipSpace(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  std::uintmax_t v;
  NumError e = Digits(s, v);
  if (e == NumError::kInvalid) return e;
  std::uintmax_t mult = 1;
  if (!s.empty()) {
    static constexpr std::string_view kPowers = "KMGTPEZYRQ";
    char c = s.front();
    std::size_t power = kPowers.find(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (allow_bcw && s == "b") {
      mult = 512;
    } else if (allow_bcw && s == "c") {
      mult = 1;
    } else if (allow_bcw && s == "w") {
      mult = 2;
    } else if (power != std::string_view::npos) {
      std::string_view rest = s.substr(1);
      std::uintmax_t base;
      if (rest.empty() || rest == "iB") base = 1024;
      else if (rest == "B") base = 1000;
      else return NumError::kInvalid;
      if (c == 'k' && rest.empty()) base = 1024;
      for (std::size_t i = 0; i <= power; ++i) {
        if (mult > UINTMAX_MAX / base) e = NumError::kOverflow;
        else mult *= base;
      }
    } else {
      return NumError::kInvalid;
    }
  }
  if (e == NumError::kOverflow || (mult != 0 && v > UINTMAX_MAX / mult)) {
    out = UINTMAX_MAX;
    return NumError::kOverflow;
  }
  out = v * mult;
  return NumError::kOk;
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
