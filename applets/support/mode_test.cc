#include "applets/support/mode.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

namespace {

struct Row {
  const char* mode;
  int start;
  bool is_dir;
  int umask;
  int result;  // -1: invalid
};

// Generated from the host's GNU chmod by mode_table.sh.
constexpr Row kRows[] = {
#include "applets/support/mode_table.inc"
};

}  // namespace

TEST_CASE("mode strings act as GNU chmod's") {
  int failures = 0;
  for (const Row& r : kRows) {
    auto changes = mc::mode::Compile(r.mode);
    int got = changes ? static_cast<int>(mc::mode::Apply(*changes, static_cast<mode_t>(r.start),
                                                         r.is_dir, static_cast<mode_t>(r.umask)))
                      : -1;
    if (got != r.result && ++failures <= 20) {
      INFO("mode '" << r.mode << "' start 0" << std::oct << r.start << (r.is_dir ? " dir" : " file")
                    << " umask 0" << r.umask << ": expected 0" << r.result << " got 0" << got);
      CHECK(got == r.result);
    }
  }
  CHECK(failures == 0);
  CHECK(sizeof(kRows) / sizeof(kRows[0]) > 1000);
}

TEST_CASE("mkdir -m's changed bits") {
  mode_t bits = 0;
  auto c = mc::mode::Compile("755");
  REQUIRE(c);
  CHECK(mc::mode::Apply(*c, 0777, true, 022, &bits) == 0755);
  CHECK(bits == 01777);
  c = mc::mode::Compile("u+s");
  REQUIRE(c);
  CHECK(mc::mode::Apply(*c, 0777, true, 022, &bits) == 04777);
  CHECK(bits == 04000);
}

TEST_CASE("ModeString") {
  CHECK(mc::mode::ModeString(S_IFDIR | 0755) == "drwxr-xr-x");
  CHECK(mc::mode::ModeString(S_IFREG | 0644) == "-rw-r--r--");
  CHECK(mc::mode::ModeString(S_IFLNK | 0777) == "lrwxrwxrwx");
  CHECK(mc::mode::ModeString(S_IFREG | 04755) == "-rwsr-xr-x");
  CHECK(mc::mode::ModeString(S_IFREG | 02644) == "-rw-r-Sr--");
  CHECK(mc::mode::ModeString(S_IFDIR | 01777) == "drwxrwxrwt");
  CHECK(mc::mode::ModeString(S_IFDIR | 01776) == "drwxrwxrwT");
  CHECK(mc::mode::ModeString(S_IFCHR | 0600) == "crw-------");
  CHECK(mc::mode::ModeString(S_IFBLK) == "b---------");
  CHECK(mc::mode::ModeString(S_IFIFO | 0600) == "prw-------");
  CHECK(mc::mode::ModeString(S_IFSOCK | 0755) == "srwxr-xr-x");
  CHECK(mc::mode::ModeString(0644) == "?rw-r--r--");
}
