// Number parsing with GNU's rules and diagnostics-friendly results.
#pragma once

#include <cstdint>
#include <string_view>

namespace mc {

enum class NumError { kOk, kInvalid, kOverflow };

// Decimal unsigned integer; leading '+' and whitespace allowed as strtoumax.
NumError ParseUnsigned(std::string_view s, std::uintmax_t& out);
// Decimal signed integer.
NumError ParseSigned(std::string_view s, std::intmax_t& out);

// A count with GNU's multiplier suffixes (xstrtoumax with "bkKmMGTPEZY0"
// and the SI/IEC forms): b=512, kB=1000, K=KiB=1024, MB=1000^2, M=MiB=1024^2,
// ... Y. extra_suffixes may add 'c' (1) and 'w' (2) as od and head -c do.
NumError ParseSize(std::string_view s, std::uintmax_t& out, bool allow_bcw = true);

// A duration such as sleep takes: a floating-point number with an optional
// s, m, h or d suffix. Returns false if invalid.
bool ParseDuration(std::string_view s, double& seconds);

}  // namespace mc
