// Shared by the fuzz targets (tests/fuzz/*_fuzz.cc). Each target is written
//
//   MC_FUZZ(printf) { ... use data, size ...; return 0; }
//
// Built by scripts/fuzz.sh with -DMC_FUZZ_LIBFUZZER, one binary per target,
// MC_FUZZ is libFuzzer's LLVMFuzzerTestOneInput. In the Bazel build
// (//tests/fuzz:seeds_test) every target is linked into one test that
// replays its seed corpus, tests/fuzz/corpus/NAME/, under the normal,
// asan and ubsan configurations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tests/harness/in_process.h"

#ifdef MC_FUZZ_LIBFUZZER
#define MC_FUZZ(name) extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
#else
#define MC_FUZZ(name) int McFuzz_##name(const std::uint8_t* data, std::size_t size)
#endif

namespace mc::fuzz {

inline std::string_view View(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits `s` at NUL bytes into at most `max` words; what follows the last
// split (or the rest, once `max` words are taken) goes to *rest when given.
inline std::vector<std::string> Words(std::string_view s, std::size_t max, std::string_view* rest = nullptr) {
  std::vector<std::string> out;
  while (out.size() < max) {
    std::size_t nul = s.find('\0');
    if (nul == std::string_view::npos) {
      if (!rest) {
        out.emplace_back(s);
        s = {};
      }
      break;
    }
    out.emplace_back(s.substr(0, nul));
    s.remove_prefix(nul + 1);
  }
  if (rest) *rest = s;
  return out;
}

// True when `s` holds a run of more than `digits` decimal digits: such
// counts and widths make output (not a defect) grow without bound, so the
// format fuzzers skip them.
inline bool HasLongNumber(std::string_view s, std::size_t digits = 4) {
  std::size_t run = 0;
  for (char c : s) {
    run = (c >= '0' && c <= '9') ? run + 1 : 0;
    if (run > digits) return true;
  }
  return false;
}

// Runs an applet in-process (stdout and stderr are discarded by the caller).
inline mc::testing::Result Run(std::string_view applet, const std::vector<std::string>& args,
                               std::string_view in = {}) {
  return mc::testing::Run(applet, args, in, {"LC_ALL=C"});
}

}  // namespace mc::fuzz
