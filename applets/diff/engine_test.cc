// The diff engine: line classes under the ignore options, and edit scripts
// with GNU's placement of ambiguous changes.
#include "applets/diff/engine.h"

#include <catch2/catch.hpp>

namespace {

mc::diff::Text Make(const char* s) {
  mc::diff::Text t;
  t.data = s;
  t.Index(false);
  return t;
}

}  // namespace

TEST_CASE("Text splits lines and notes a missing newline") {
  auto t = Make("a\nb\nc");
  REQUIRE(t.lines() == 3);
  CHECK(t.Line(1) == "b\n");
  CHECK(t.Content(2) == "c");
  CHECK(t.missing_newline);
  auto cr = mc::diff::Text{};
  cr.data = "x\r\ny\r\n";
  cr.Index(true);
  CHECK(cr.data == "x\ny\n");
}

TEST_CASE("Classifier equates lines under the options") {
  mc::diff::LineOptions o;
  o.white = mc::diff::White::kSpaceChange;
  mc::diff::Classifier c(o);
  CHECK(c.Id("a  b ", false) == c.Id("a b", false));
  CHECK(c.Id(" a b", false) != c.Id("a b", false));
  mc::diff::LineOptions w;
  w.white = mc::diff::White::kAll;
  w.ignore_case = true;
  mc::diff::Classifier cw(w);
  CHECK(cw.Id(" A\tB ", false) == cw.Id("ab", false));
  mc::diff::Classifier plain(mc::diff::LineOptions{});
  CHECK(plain.Id("a", true) != plain.Id("a", false));
  CHECK(plain.Id("a", true) == plain.Id("a", true));
}

TEST_CASE("Compare finds the changes") {
  auto a = Make("a\nb\nc\n");
  auto b = Make("a\nB\nc\nd\n");
  auto s = mc::diff::Compare(a, b, {});
  REQUIRE(s.size() == 2);
  CHECK((s[0].line0 == 1 && s[0].deleted == 1 && s[0].line1 == 1 && s[0].inserted == 1));
  CHECK((s[1].line0 == 3 && s[1].deleted == 0 && s[1].line1 == 3 && s[1].inserted == 1));
  CHECK(mc::diff::Compare(a, a, {}).empty());
}

TEST_CASE("An insertion among equal lines goes last, as GNU places it") {
  auto a = Make("x\na\na\n");
  auto b = Make("x\na\na\na\n");
  auto s = mc::diff::Compare(a, b, {});
  REQUIRE(s.size() == 1);
  CHECK(s[0].line1 == 3);
  CHECK(s[0].inserted == 1);
}

TEST_CASE("Empty files") {
  auto e = Make("");
  auto b = Make("a\n");
  auto s = mc::diff::Compare(e, b, {});
  REQUIRE(s.size() == 1);
  CHECK(s[0].inserted == 1);
  CHECK(mc::diff::Compare(e, e, {}).empty());
}
