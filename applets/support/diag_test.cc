// Tests for the diagnostics: Die/DieErrno print GNU's shape and end the
// applet with mc::Exit.
#include "applets/support/diag.h"

#include <sys/mman.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <string>

namespace {

std::string ReadBack(int fd) {
  std::string s(4096, '\0');
  long n = ::pread(fd, s.data(), s.size(), 0);
  s.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return s;
}

TEST_CASE("Die prints the message and exits with the failure status or the one given") {
  int err = ::memfd_create("stderr", 0);
  REQUIRE(err >= 0);
  char* none[] = {nullptr};
  mc::Invocation inv("prog", 0, {}, none, 0, 1, err);
  inv.set_table_entry(2, nullptr);
  int status = -1;
  try {
    mc::Die(inv, "bad thing");
  } catch (const mc::Exit& e) {
    status = e.status;
  }
  CHECK(status == 2);
  try {
    mc::DieErrno(inv, "'f'", ENOENT);
  } catch (const mc::Exit& e) {
    status = e.status;
  }
  CHECK(status == 2);
  try {
    mc::Die(inv, "other", 1);
  } catch (const mc::Exit& e) {
    status = e.status;
  }
  CHECK(status == 1);
  CHECK(ReadBack(err) == "prog: bad thing\nprog: 'f': No such file or directory\nprog: other\n");
  ::close(err);
}

}  // namespace
