// The number and size parsers (applets/support/numbers.h) with every suffix
// set and base the applets pass, checked against simple invariants.
#include <cmath>
#include <cstdint>

#include "applets/support/numbers.h"
#include "tests/fuzz/fuzz.h"

MC_FUZZ(numbers) {
  std::string_view s = mc::fuzz::View(data, size);
  std::uintmax_t u = 0;
  std::intmax_t i = 0;
  mc::ParseUnsigned(s, u);
  mc::ParseSigned(s, i);
  static constexpr std::string_view kSuffixes[] = {"bkKmMGTPEZY0", "bEGKkMmPTYZ0", "kKMGTPEZY0", "", "bcwkKmMgGtTPEZYRQ0"};
  for (int base : {0, 10}) {
    for (std::string_view suf : kSuffixes) {
      std::uintmax_t out = 0;
      std::string_view rest;
      mc::NumError e = mc::ParseScaled(s, base, suf, out, &rest);
      // rest is a suffix of the input.
      if (rest.size() > s.size() || (rest.data() != nullptr && !rest.empty() &&
                                     rest.data() + rest.size() != s.data() + s.size()))
        __builtin_trap();
      if (e == mc::NumError::kOverflow && out != UINTMAX_MAX) __builtin_trap();
      std::uintmax_t again = 0;
      if (mc::ParseScaled(s, base, suf, again) != e && e != mc::NumError::kInvalidSuffix) __builtin_trap();
    }
  }
  double secs = 0;
  if (mc::ParseDuration(s, secs) && std::isnan(secs)) __builtin_trap();
  return 0;
}
