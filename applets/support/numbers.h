// Number parsing with GNU's rules and diagnostics-friendly results.
#pragma once

#include <cstdint>
#include <string_view>

namespace mc {

// kInvalidSuffix: a number followed by text that is not a valid multiplier
// suffix (xstrtol's LONGINT_INVALID_SUFFIX_CHAR); the caller may accept it
// when the text starts with a separator it expects.
enum class NumError { kOk, kInvalid, kOverflow, kInvalidSuffix };

// Decimal unsigned integer; leading '+' and whitespace allowed as strtoumax.
NumError ParseUnsigned(std::string_view s, std::uintmax_t& out);
// Decimal signed integer.
NumError ParseSigned(std::string_view s, std::intmax_t& out);

// GNU's xstrtoumax, the one parser behind every size and count option:
// leading whitespace, an optional '+', digits in `base` (10, or 0 for C's
// 0x.. hex and 0.. octal), then an optional multiplier suffix whose first
// character must be one of `suffixes`: b=512, B=1024, c=1, w=2, and
// k/K, m/M, g/G, t/T, P, E, Z, Y, R, Q for powers 1..10 of 1024. A '0' in
// `suffixes` lets a power letter be followed by "iB" (still 1024) or "B"
// or "D" (powers of 1000). A suffix with no digits counts as 1 ("k" is
// 1024). A '-' is invalid. On overflow `out` is UINTMAX_MAX. When `rest`
// is given it receives the text after the longest valid prefix, so a
// caller can accept a separator there (kInvalidSuffix with *rest at it).
// Each applet passes GNU's own suffix set for the option.
NumError ParseScaled(std::string_view s, int base, std::string_view suffixes, std::uintmax_t& out,
                     std::string_view* rest = nullptr);

// A duration such as sleep takes: a floating-point number with an optional
// s, m, h or d suffix. Returns false if invalid.
bool ParseDuration(std::string_view s, double& seconds);

}  // namespace mc
