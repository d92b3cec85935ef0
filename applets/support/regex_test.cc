// Tests for the regex module: the engine's answers through our wrapper,
// required-literal extraction and the literal finders.
#include "applets/support/regex.h"

#include <catch2/catch.hpp>

#include <string>

using mc::regex::LiteralFinder;
using mc::regex::MultiFinder;
using mc::regex::Regex;
using mc::regex::RequiredLiteral;
using mc::regex::Span;
using mc::regex::Syntax;

namespace {

Regex Make(const char* p, Syntax s, bool icase = false) {
  Regex re;
  mc::regex::Options o;
  o.syntax = s;
  o.icase = icase;
  REQUIRE(re.Compile(p, o).empty());
  return re;
}

}  // namespace

TEST_CASE("BRE with GNU extensions") {
  Regex re = Make("a\\+b\\?\\(c\\|d\\)", Syntax::kBasic);
  Span m;
  REQUIRE(re.Search("xxaacz", 0, &m));
  CHECK(m.begin == 2);
  CHECK(m.end == 5);
  CHECK(re.groups() == 1);
  CHECK(re.group(1).begin == 4);
  CHECK_FALSE(re.Search("xxbc", 0, &m));
  Regex w = Make("\\<foo\\>", Syntax::kBasic);
  CHECK_FALSE(w.Search("foobar", 0, &m));
  CHECK(w.Search("a foo b", 0, &m));
  Regex br = Make("\\(ab*\\)\\1", Syntax::kBasic);
  CHECK(br.Search("xabbabb", 0, &m));
  CHECK(m.begin == 1);
  CHECK(m.end == 7);
}

TEST_CASE("ERE leftmost-longest and submatches") {
  Regex re = Make("(a|ab)(bc|c)", Syntax::kExtended);
  Span m;
  REQUIRE(re.Search("abc", 0, &m));
  CHECK(m.end == 3);
  CHECK(re.group(1).end == 1);  // glibc (and so GNU sed): "a", then "bc"
  CHECK(re.group(2).begin == 1);
  Regex alt = Make("x|xyz", Syntax::kExtended);
  REQUIRE(alt.Search("..xyz", 0, &m));
  CHECK(m.begin == 2);
  CHECK(m.end == 5);
  CHECK(alt.MatchAt("xyzw", 0) == 3);
  CHECK(alt.MatchAt("axyz", 0) == -1);
  CHECK(alt.Search("axyz", 2, &m) == false);
}

TEST_CASE("case-insensitive, anchors and not_bol") {
  Regex re = Make("^hello", Syntax::kExtended, true);
  Span m;
  CHECK(re.Search("HeLLo world", 0, &m));
  CHECK_FALSE(re.Search("HeLLo world", 0, &m, /*not_bol=*/true));
  CHECK_FALSE(re.Search("say hello", 0, &m));
}

TEST_CASE("compile errors carry the engine's message") {
  Regex re;
  mc::regex::Options o;
  o.syntax = Syntax::kExtended;
  CHECK(re.Compile("(", o) == "Unmatched ( or \\(");
  o.syntax = Syntax::kBasic;
  CHECK(re.Compile("a\\{1", o) == "Unmatched \\{");
  CHECK(re.Compile("\\(a\\)\\2", o) == "Invalid back reference");
}

TEST_CASE("required literals") {
  CHECK(RequiredLiteral("hello", Syntax::kBasic, false) == "hello");
  CHECK(RequiredLiteral("ab*cdef", Syntax::kBasic, false) == "cdef");
  CHECK(RequiredLiteral("abcd?e", Syntax::kExtended, false) == "abc");
  CHECK(RequiredLiteral("abcd\\?e", Syntax::kBasic, false) == "abc");
  CHECK(RequiredLiteral("abcd?e", Syntax::kBasic, false) == "abcd?e");  // ? is literal in BRE
  CHECK(RequiredLiteral("foo|barbaz", Syntax::kExtended, false).empty());
  CHECK(RequiredLiteral("foo\\|barbaz", Syntax::kBasic, false).empty());
  CHECK(RequiredLiteral("x[abc]yz.w", Syntax::kBasic, false) == "yz");
  CHECK(RequiredLiteral("(abc)*defg", Syntax::kExtended, false) == "defg");
  CHECK(RequiredLiteral("\\(abcdef\\)*g", Syntax::kBasic, false) == "g");
  CHECK(RequiredLiteral("ab{2}cd", Syntax::kExtended, false) == "cd");
  CHECK(RequiredLiteral("a\\.b", Syntax::kBasic, false) == "a.b");
  CHECK(RequiredLiteral("\\wfoo\\b", Syntax::kBasic, false) == "foo");
  CHECK(RequiredLiteral("abc+", Syntax::kExtended, false) == "abc");
  CHECK(RequiredLiteral(" {1,3}x", Syntax::kExtended, false) == "x");
  CHECK(RequiredLiteral("ab\\{1,3\\}cd", Syntax::kBasic, false) == "cd");
  CHECK(RequiredLiteral("a{x", Syntax::kExtended, false).empty());
  // KELVIN SIGN and LONG S fold to k and s in UTF-8: not used when icase.
  CHECK(RequiredLiteral("ask", Syntax::kBasic, true) == "a");
  CHECK(RequiredLiteral("[[:alpha:]]xy", Syntax::kBasic, false) == "xy");
  CHECK(RequiredLiteral("a\xc3\xa9*b", Syntax::kBasic, false) == "a");
}

TEST_CASE("literal finder") {
  LiteralFinder f("needle", false);
  std::string hay = "haystack with a needle in it";
  CHECK(f.Find(hay, 0) == hay.find("needle"));
  CHECK(f.Find(hay, 17) == std::string::npos);
  LiteralFinder i("NeEdLe", true);
  std::string upper = "HAY NEEDLE";
  CHECK(i.Find(upper, 0) == 4);
  std::string nul("a\0needle", 8);
  CHECK(i.Find(nul, 0) == 2);
  CHECK(LiteralFinder("x", true).Find("abcX", 0) == 3);
  CHECK(LiteralFinder("", false).Find("abc", 2) == 2);
}

TEST_CASE("multi finder") {
  MultiFinder m;
  m.Reset({"apple", "banana", "ban", "cherry"}, false);
  std::size_t len = 0;
  std::string t = "I like bananas and apples";
  CHECK(m.Find(t, 0, &len) == 7);
  CHECK(len == 6);
  CHECK(m.Find(t, 8, &len) == t.find("apple"));
  CHECK(len == 5);
  CHECK(m.Find("nothing here", 0, &len) == std::string::npos);
  MultiFinder ci;
  ci.Reset({"Foo", "bar"}, true);
  CHECK(ci.Find("xxBARxx", 0, &len) == 2);
  MultiFinder e;
  e.Reset({"", "zz"}, false);
  CHECK(e.Find("abzz", 1, &len) == 1);
  // Short literals below the hash key length of others.
  MultiFinder s;
  s.Reset({"a", "bcdef"}, false);
  CHECK(s.Find("xxbcdefa", 0, &len) == 2);
  CHECK(len == 5);
}

TEST_CASE("no_sub and newline as a separator") {
  Regex re;
  mc::regex::Options o;
  o.syntax = Syntax::kExtended;
  o.no_sub = true;
  o.newline_anchor = true;
  o.newline_is_separator = true;
  REQUIRE(re.Compile("^b[^x]*c$", o).empty());
  Span m;
  std::string text = "ab\nbc\nbxc";
  REQUIRE(re.Search(text, 0, &m));
  CHECK(m.begin == 3);
  CHECK(m.end == std::string::npos);
  Regex dot;
  REQUIRE(dot.Compile("a.b", o).empty());
  CHECK_FALSE(dot.Search("a\nb", 0, &m));
}

TEST_CASE("find -regextype syntaxes") {
  // Emacs: \( \| groups, + and ? as operators; . stops at a newline unless
  // findutils-default.
  Regex e = Make("a+\\(b\\|c\\)", Syntax::kEmacs);
  CHECK(e.MatchAt("aac", 0) == 3);
  CHECK(Make(".*", Syntax::kEmacs).MatchAt("a\nb", 0) == 1);
  CHECK(Make(".*", Syntax::kFindutilsDefault).MatchAt("a\nb", 0) == 3);
  // POSIX basic: \+ is an operator (GNU), + a literal.
  CHECK(Make("a+", Syntax::kPosixBasic).MatchAt("a+", 0) == 2);
  CHECK(Make("a\\+", Syntax::kPosixBasic).MatchAt("aaa", 0) == 3);
  // Minimal basic: \+ is a literal plus.
  CHECK(Make("a\\+", Syntax::kPosixMinimalBasic).MatchAt("a+", 0) == 2);
  CHECK(Make("(a|b)+", Syntax::kPosixExtended).MatchAt("abba", 0) == 4);
  CHECK(Make("(a|b)+", Syntax::kAwk).MatchAt("abba", 0) == 4);
  CHECK(Make("a{2}", Syntax::kPosixAwk).MatchAt("aa", 0) == 2);
  CHECK(Make("a{2}", Syntax::kGnuAwk).MatchAt("aa", 0) == 2);
  // A trailing unmatched \( is an error everywhere.
  Regex bad;
  mc::regex::Options o;
  o.syntax = Syntax::kPosixBasic;
  CHECK_FALSE(bad.Compile("\\(", o).empty());
}

TEST_CASE("expr syntax") {
  // A leading \{1\} is literal in expr (no RE_CONTEXT_INVALID_DUP), an
  // error in POSIX basic...
  Regex dup;
  mc::regex::Options o;
  o.syntax = Syntax::kPosixBasic;
  CHECK_FALSE(dup.Compile("\\{1\\}", o).empty());
  o.syntax = Syntax::kExpr;
  REQUIRE(dup.Compile("\\{1\\}", o).empty());
  CHECK(dup.MatchAt("{1}", 0) == 3);
  // ... and an empty range matches nothing instead of failing.
  Regex range;
  REQUIRE(range.Compile("[z-a]", o).empty());
  CHECK(range.MatchAt("a", 0) == -1);
  Regex g = Make("a\\(b*\\)c", Syntax::kExpr);
  CHECK(g.MatchAt("abbcd", 0) == 4);
  CHECK(g.group(1).begin == 1);
  CHECK(g.group(1).end == 3);
  CHECK(RequiredLiteral("abc", Syntax::kExpr, false).empty());
}
