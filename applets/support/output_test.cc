#include "applets/support/output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace {

// Runs steps against an Output on fd 1 (a pipe while they run) with
// _STDBUF_O set to mode, and returns what the pipe held after each step.
std::vector<std::string> Steps(const char* mode,
                               const std::vector<void (*)(mc::Output&)>& steps) {
  int p[2];
  REQUIRE(::pipe2(p, O_NONBLOCK) == 0);
  int saved = ::dup(1);
  ::dup2(p[1], 1);
  if (mode) ::setenv("_STDBUF_O", mode, 1);
  else ::unsetenv("_STDBUF_O");
  std::vector<std::string> seen;
  {
    mc::Output out(1);
    for (auto step : steps) {
      step(out);
      char buf[256];
      ssize_t n = ::read(p[0], buf, sizeof buf);
      seen.emplace_back(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
    }
  }
  ::dup2(saved, 1);
  ::close(saved);
  ::close(p[0]);
  ::close(p[1]);
  ::unsetenv("_STDBUF_O");
  return seen;
}

void WriteAb(mc::Output& o) { o.Write("ab"); }
void WriteCnD(mc::Output& o) { o.Write("c\nd"); }
void PutNl(mc::Output& o) { o.Put('\n'); }
void CommitXy(mc::Output& o) {
  char* p = o.Reserve(3);
  p[0] = 'x';
  p[1] = '\n';
  p[2] = 'y';
  o.Commit(3);
}
void Flush(mc::Output& o) { o.Flush(); }

}  // namespace

TEST_CASE("fully buffered by default") {
  auto seen = Steps(nullptr, {WriteAb, WriteCnD, PutNl, CommitXy, Flush});
  CHECK(seen == std::vector<std::string>{"", "", "", "", "abc\nd\nx\ny"});
}

TEST_CASE("_STDBUF_O=L flushes at newlines") {
  auto seen = Steps("L", {WriteAb, WriteCnD, PutNl, CommitXy, Flush});
  // Everything pending goes out with a newline (stdio would keep "d").
  CHECK(seen == std::vector<std::string>{"", "abc\nd", "\n", "x\ny", ""});
}

TEST_CASE("_STDBUF_O=0 writes at once") {
  auto seen = Steps("0", {WriteAb, WriteCnD, PutNl, CommitXy});
  CHECK(seen == std::vector<std::string>{"ab", "c\nd", "\n", "x\ny"});
}

TEST_CASE("_STDBUF_O=SIZE flushes when that much is pending") {
  auto seen = Steps("4", {WriteAb, WriteCnD, PutNl, Flush});
  CHECK(seen == std::vector<std::string>{"", "abc\nd", "", "\n"});
}

TEST_CASE("other values keep full buffering") {
  auto seen = Steps("junk", {WriteAb, PutNl, Flush});
  CHECK(seen == std::vector<std::string>{"", "", "ab\n"});
}
