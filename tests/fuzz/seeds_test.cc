// Replays each fuzz target's seed corpus (tests/fuzz/corpus/NAME/) and any
// crash reproducers kept in tests/fuzz/regressions/NAME/: the fuzz targets
// as ordinary tests, in the default, asan and ubsan builds.
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include "tests/fuzz/fuzz.h"

#define MC_FUZZ_TARGETS(X) \
  X(cli) X(numbers) X(printf) X(tr) X(sortkey) X(od) X(hexdump) X(basenc) X(xxd) X(cksum) X(zstd)

#define MC_DECLARE(name) int McFuzz_##name(const std::uint8_t* data, std::size_t size);
MC_FUZZ_TARGETS(MC_DECLARE)

namespace {

std::vector<std::string> Files(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d))
      if (e->d_name[0] != '.') out.push_back(dir + "/" + e->d_name);
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

int Replay(const char* name, int (*fn)(const std::uint8_t*, std::size_t)) {
  int n = 0;
  for (const char* kind : {"corpus", "regressions"}) {
    for (const auto& f : Files(std::string("tests/fuzz/") + kind + "/" + name)) {
      std::string data = mc::testing::ReadFile(f);
      INFO(f);
      fn(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
      ++n;
    }
  }
  return n;
}

}  // namespace

#define MC_CASE(name)                                        \
  TEST_CASE("fuzz seeds: " #name) {                          \
    CHECK(Replay(#name, McFuzz_##name) > 0);                 \
  }
MC_FUZZ_TARGETS(MC_CASE)
