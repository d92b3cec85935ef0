// Tests for GNU's field lists (cut -f, numfmt --field).
#include "applets/support/field_list.h"

#include <catch2/catch.hpp>

namespace {

using mc::fieldlist::kEnd;
using mc::fieldlist::ParseList;
using mc::fieldlist::Range;

std::vector<Range> Parse(std::string_view list) {
  std::vector<Range> out;
  auto err = ParseList(list, true, out);
  REQUIRE_FALSE(err);
  return out;
}

std::string Error(std::string_view list, bool fields = true) {
  std::vector<Range> out;
  auto err = ParseList(list, fields, out);
  REQUIRE(err);
  return *err;
}

TEST_CASE("ranges are sorted and overlapping ones merged") {
  auto r = Parse("5-,2,1-3,9");
  REQUIRE(r.size() == 2);
  CHECK(r[0].lo == 1);
  CHECK(r[0].hi == 3);
  CHECK(r[1].lo == 5);
  CHECK(r[1].hi == kEnd);
}

TEST_CASE("adjacent ranges stay distinct; open starts begin at 1") {
  auto r = Parse("-2 3");
  REQUIRE(r.size() == 2);
  CHECK(r[0].lo == 1);
  CHECK(r[0].hi == 2);
  CHECK(r[1].lo == 3);
}

TEST_CASE("GNU's messages") {
  CHECK(Error("0") == "fields are numbered from 1");
  CHECK(Error("0", false) == "byte/character positions are numbered from 1");
  CHECK(Error("3-2") == "invalid decreasing range");
  CHECK(Error("-") == "invalid range with no endpoint: -");
  CHECK(Error("1-2-3") == "invalid field range");
  CHECK(Error("a") == "invalid field value 'a'");
  CHECK(Error("99999999999999999999") == "field number '99999999999999999999' is too large");
}

}  // namespace
