// Tests for the shared number parsers (GNU xstrtoumax rules).
#include "applets/support/numbers.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string_view>

namespace {

using mc::NumError;

// head's and tail's suffix set, od's and split's, cmp's.
constexpr std::string_view kHead = "bkKmMGTPEZY0";
constexpr std::string_view kOd = "bEGKkMmPTYZ0";
constexpr std::string_view kCmp = "kKMGTPEZY0";

std::uintmax_t Value(std::string_view s, int base, std::string_view suffixes) {
  std::uintmax_t v = 12345;
  REQUIRE(mc::ParseScaled(s, base, suffixes, v) == NumError::kOk);
  return v;
}

NumError Error(std::string_view s, int base, std::string_view suffixes) {
  std::uintmax_t v = 0;
  return mc::ParseScaled(s, base, suffixes, v);
}

}  // namespace

TEST_CASE("ParseScaled: digits, sign, whitespace") {
  CHECK(Value("0", 10, kHead) == 0);
  CHECK(Value("  +42", 10, kHead) == 42);
  CHECK(Value("18446744073709551615", 10, "") == UINTMAX_MAX);
  CHECK(Error("18446744073709551616", 10, "") == NumError::kOverflow);
  CHECK(Error("-1", 10, kHead) == NumError::kInvalid);
  CHECK(Error(" -0", 10, kHead) == NumError::kInvalid);
  CHECK(Error("", 10, kHead) == NumError::kInvalid);
  CHECK(Error("+", 10, kHead) == NumError::kInvalid);
  CHECK(Error("1 ", 10, kHead) == NumError::kInvalidSuffix);
}

TEST_CASE("ParseScaled: base 0 prefixes") {
  CHECK(Value("0x1F", 0, kOd) == 31);
  CHECK(Value("010", 0, kOd) == 8);
  CHECK(Value("0", 0, kOd) == 0);
  CHECK(Value("010", 10, kHead) == 10);
  CHECK(Error("0x", 0, kOd) == NumError::kInvalidSuffix);   // "0" then 'x'
  CHECK(Error("08", 0, kOd) == NumError::kInvalidSuffix);   // '8' is no octal digit
  CHECK(Error("0x10", 10, kHead) == NumError::kInvalidSuffix);
}

TEST_CASE("ParseScaled: multiplier suffixes") {
  CHECK(Value("1k", 10, kHead) == 1024);
  CHECK(Value("1K", 10, kHead) == 1024);
  CHECK(Value("1KiB", 10, kHead) == 1024);
  CHECK(Value("1kB", 10, kHead) == 1000);
  CHECK(Value("1MB", 10, kHead) == 1000000);
  CHECK(Value("1KD", 10, kHead) == 1000);
  CHECK(Value("2m", 10, kHead) == 2u << 20);
  CHECK(Value("1G", 10, kHead) == std::uintmax_t{1} << 30);
  CHECK(Value("1E", 10, kHead) == std::uintmax_t{1} << 60);
  CHECK(Value("3b", 10, kHead) == 1536);
  CHECK(Value("1B", 10, "B") == 1024);
  CHECK(Value("5c", 10, "bcw") == 5);
  CHECK(Value("5w", 10, "bcw") == 10);
  // A suffix alone is one of it.
  CHECK(Value("k", 10, kHead) == 1024);
  CHECK(Value("b", 10, kHead) == 512);
  CHECK(Error("x", 10, kHead) == NumError::kInvalid);
}

TEST_CASE("ParseScaled: suffixes outside the set, trailing text, overflow") {
  CHECK(Error("1R", 10, kHead) == NumError::kInvalidSuffix);
  CHECK(Error("1w", 10, kHead) == NumError::kInvalidSuffix);
  CHECK(Error("1b", 0, kCmp) == NumError::kInvalidSuffix);
  CHECK(Error("1Ki", 10, kHead) == NumError::kInvalidSuffix);
  CHECK(Error("1kBx", 10, kHead) == NumError::kInvalidSuffix);
  // Without '0' in the set, "B" after a power letter is left over.
  CHECK(Error("1kB", 10, "k") == NumError::kInvalidSuffix);
  CHECK(Value("1k", 10, "k") == 1024);
  CHECK(Error("1Z", 10, kHead) == NumError::kOverflow);
  CHECK(Error("16E", 10, kHead) == NumError::kOverflow);
  CHECK(Value("15E", 10, kHead) == std::uintmax_t{15} << 60);
  std::uintmax_t v = 0;
  CHECK(mc::ParseScaled("1Y", 10, kHead, v) == NumError::kOverflow);
  CHECK(v == UINTMAX_MAX);
}

TEST_CASE("ParseScaled: the rest after the number") {
  std::uintmax_t v = 0;
  std::string_view rest;
  CHECK(mc::ParseScaled("1k:2", 0, kCmp, v, &rest) == NumError::kInvalidSuffix);
  CHECK(v == 1024);
  CHECK(rest == ":2");
  CHECK(mc::ParseScaled("7:", 0, kCmp, v, &rest) == NumError::kInvalidSuffix);
  CHECK(v == 7);
  CHECK(rest == ":");
  CHECK(mc::ParseScaled("7", 0, kCmp, v, &rest) == NumError::kOk);
  CHECK(rest.empty());
}

TEST_CASE("ParseUnsigned and ParseSigned") {
  std::uintmax_t u = 0;
  CHECK(mc::ParseUnsigned(" +7", u) == NumError::kOk);
  CHECK(u == 7);
  CHECK(mc::ParseUnsigned("7k", u) == NumError::kInvalid);
  CHECK(mc::ParseUnsigned("-1", u) == NumError::kInvalid);
  std::intmax_t s = 0;
  CHECK(mc::ParseSigned("-9223372036854775808", s) == NumError::kOk);
  CHECK(s == INTMAX_MIN);
  CHECK(mc::ParseSigned("9223372036854775808", s) == NumError::kOverflow);
  CHECK(s == INTMAX_MAX);
}

TEST_CASE("ParseDuration") {
  double d = 0;
  CHECK(mc::ParseDuration("1.5m", d));
  CHECK(d == 90);
  CHECK(mc::ParseDuration("2d", d));
  CHECK(d == 172800);
  CHECK_FALSE(mc::ParseDuration("1x", d));
  CHECK_FALSE(mc::ParseDuration("-1", d));
  CHECK_FALSE(mc::ParseDuration("", d));
}
