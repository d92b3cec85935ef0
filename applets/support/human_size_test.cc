#include "applets/support/human_size.h"

#include <catch2/catch.hpp>

using namespace mc::human;

namespace {
// Expected values were printed by GNU ls 9.1 (ls -l -h, --si, --block-size).
struct Row {
  std::uintmax_t n;
  const char *h, *si, *k, *kb, *thousand;
};
constexpr Row kRows[] = {
    {0, "0", "0", "0K", "0kB", "0"},
    {1, "1", "1", "1K", "1kB", "1"},
    {999, "999", "999", "1K", "1kB", "1"},
    {1000, "1000", "1.0k", "1K", "1kB", "1"},
    {1023, "1023", "1.1k", "1K", "2kB", "2"},
    {1024, "1.0K", "1.1k", "1K", "2kB", "2"},
    {1025, "1.1K", "1.1k", "2K", "2kB", "2"},
    {1536, "1.5K", "1.6k", "2K", "2kB", "2"},
    {9999, "9.8K", "10k", "10K", "10kB", "10"},
    {10239, "10K", "11k", "10K", "11kB", "11"},
    {10240, "10K", "11k", "10K", "11kB", "11"},
    {10241, "11K", "11k", "11K", "11kB", "11"},
    {99999, "98K", "100k", "98K", "100kB", "100"},
    {102400, "100K", "103k", "100K", "103kB", "103"},
    {999999, "977K", "1.0M", "977K", "1000kB", "1000"},
    {1000000, "977K", "1.0M", "977K", "1000kB", "1000"},
    {1000001, "977K", "1.1M", "977K", "1001kB", "1001"},
    {1048575, "1.0M", "1.1M", "1024K", "1049kB", "1049"},
    {1048576, "1.0M", "1.1M", "1024K", "1049kB", "1049"},
    {1048577, "1.1M", "1.1M", "1025K", "1049kB", "1049"},
    {10485760, "10M", "11M", "10240K", "10486kB", "10486"},
    {1073741824, "1.0G", "1.1G", "1048576K", "1073742kB", "1073742"},
};

BlockSize Parse(const char* s) {
  BlockSize b;
  REQUIRE(ParseBlockSize(s, b) == ParseResult::kOk);
  return b;
}
}  // namespace

TEST_CASE("sizes as GNU ls prints them") {
  BlockSize h = Parse("human-readable"), si = Parse("si"), k = Parse("K"), kb = Parse("KB"),
            th = Parse("1000");
  for (const Row& r : kRows) {
    INFO(r.n);
    CHECK(Format(r.n, h.opts, 1, h.size) == r.h);
    CHECK(Format(r.n, si.opts, 1, si.size) == r.si);
    CHECK(Format(r.n, k.opts, 1, k.size) == r.k);
    CHECK(Format(r.n, kb.opts, 1, kb.size) == r.kb);
    CHECK(Format(r.n, th.opts, 1, th.size) == r.thousand);
  }
}

TEST_CASE("block counts and large values") {
  // du -h of 9 KiB in 512-byte blocks; df's 4096-byte blocks in 1000s.
  CHECK(Format(18, kAutoscale | kSI | kBase1024, 512, 1) == "9.0K");
  CHECK(Format(1, 0, 4096, 1000) == "5");
  CHECK(Format(UINTMAX_MAX, 0, 1, 1) == "18446744073709551615");
  CHECK(Format(UINTMAX_MAX, kAutoscale | kSI | kBase1024, 1, 1) == "16E");
  CHECK(Format(UINTMAX_MAX, 0, 512, 1) == "9444732965739290426880");
  CHECK(Format(5, kSI | kBase1024 | kB, 1, 1024) == "1KiB");
}

TEST_CASE("block size specs") {
  CHECK(Parse("1K").size == 1024);
  CHECK(Parse("1K").opts == 0);
  CHECK(Parse("KiB").opts == (kSI | kBase1024 | kB));
  CHECK(Parse("MB").size == 1000000);
  CHECK(Parse("'1").opts == kGroupDigits);
  CHECK(Parse("h").opts == (kAutoscale | kSI | kBase1024));
  BlockSize b;
  CHECK(ParseBlockSize("0", b) == ParseResult::kInvalid);
  CHECK(ParseBlockSize("", b) == ParseResult::kInvalid);
  CHECK(ParseBlockSize("1Q", b) == ParseResult::kInvalidSuffix);
  CHECK(ParseBlockSize("R", b) == ParseResult::kInvalid);
  CHECK(ParseBlockSize("99999999999999999999", b) == ParseResult::kOverflow);
  CHECK(ErrorMessage(ParseResult::kInvalid, "-B", "0") == "invalid -B argument '0'");
}
