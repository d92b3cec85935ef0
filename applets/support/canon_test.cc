#include "applets/support/canon.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdlib>
#include <string>

using mc::canon::Canonicalize;
using mc::canon::Mode;

namespace {

std::string TempDir() {
  const char* t = std::getenv("TEST_TMPDIR");
  std::string tmpl = std::string(t ? t : "/tmp") + "/canonXXXXXX";
  REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
  std::string real;
  REQUIRE(Canonicalize(tmpl, Mode::kExisting, true, &real) == 0);
  return real;
}

}  // namespace

TEST_CASE("lexical parts") {
  std::string out;
  REQUIRE(Canonicalize("/", Mode::kExisting, true, &out) == 0);
  CHECK(out == "/");
  REQUIRE(Canonicalize("//usr/./../", Mode::kExisting, true, &out) == 0);
  CHECK(out == "/");
  REQUIRE(Canonicalize("/a/../b/./c", Mode::kMissing, false, &out) == 0);
  CHECK(out == "/b/c");
  CHECK(Canonicalize("", Mode::kMissing, true, &out) == ENOENT);
}

TEST_CASE("links and modes") {
  std::string d = TempDir();
  REQUIRE(::mkdir((d + "/dir").c_str(), 0755) == 0);
  REQUIRE(::symlink("dir", (d + "/l").c_str()) == 0);
  REQUIRE(::symlink("../dir/x", (d + "/dir/up").c_str()) == 0);
  REQUIRE(::symlink("loop", (d + "/loop").c_str()) == 0);
  FILE* f = std::fopen((d + "/file").c_str(), "w");
  REQUIRE(f);
  std::fclose(f);
  std::string out;
  REQUIRE(Canonicalize(d + "/l/", Mode::kExisting, true, &out) == 0);
  CHECK(out == d + "/dir");
  // A dangling link: its target for -f and -m, an error for -e.
  REQUIRE(Canonicalize(d + "/l/up", Mode::kAllButLast, true, &out) == 0);
  CHECK(out == d + "/dir/x");
  CHECK(Canonicalize(d + "/l/up", Mode::kExisting, true, &out) == ENOENT);
  CHECK(Canonicalize(d + "/nope/x", Mode::kAllButLast, true, &out) == ENOENT);
  REQUIRE(Canonicalize(d + "/nope/../x", Mode::kMissing, true, &out) == 0);
  CHECK(out == d + "/x");
  CHECK(Canonicalize(d + "/file/x", Mode::kAllButLast, true, &out) == ENOTDIR);
  CHECK(Canonicalize(d + "/file/", Mode::kExisting, true, &out) == ENOTDIR);
  CHECK(Canonicalize(d + "/loop", Mode::kAllButLast, true, &out) == ELOOP);
  // Without resolving: the link stays.
  REQUIRE(Canonicalize(d + "/l/../l", Mode::kExisting, false, &out) == 0);
  CHECK(out == d + "/l");
  // Logical: ".." before links.
  REQUIRE(mc::canon::CanonicalizeLogical(d + "/l/up/..", Mode::kMissing, &out) == 0);
  CHECK(out == d + "/dir");
}

TEST_CASE("relative names") {
  using mc::canon::Relative;
  CHECK(Relative("/usr/lib", "/usr/bin") == "../lib");
  CHECK(Relative("/", "/usr/bin") == "../..");
  CHECK(Relative("/usr/bin", "/usr/bin") == ".");
  CHECK(Relative("/usr/bin/x", "/usr") == "bin/x");
  CHECK(Relative("/usr", "/") == "usr");
  CHECK(Relative("/ab", "/a") == "../ab");
}

TEST_CASE("prefixes") {
  using mc::canon::IsPrefix;
  CHECK(IsPrefix("/", "/x"));
  CHECK(IsPrefix("/", "/"));
  CHECK(IsPrefix("/a", "/a"));
  CHECK(IsPrefix("/a", "/a/b"));
  CHECK_FALSE(IsPrefix("/a", "/ab"));
  CHECK_FALSE(IsPrefix("/a/b", "/a"));
}
