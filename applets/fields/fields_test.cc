#include <catch2/catch.hpp>

#include <string>

#include "tests/harness/in_process.h"

using mc::testing::Run;

namespace {
std::string S(const char* p, std::size_t n) { return std::string(p, n); }
}  // namespace

TEST_CASE("cut fields") {
  CHECK(Run("cut", {"-f2"}, "a\tb\tc\n").out == "b\n");
  CHECK(Run("cut", {"-d:", "-f1,3"}, "a:b:c\nnone\n").out == "a:c\nnone\n");
  CHECK(Run("cut", {"-sd:", "-f2"}, "a:b:c\nnone").out == "b\n");
  CHECK(Run("cut", {"-d:", "--complement", "-f2"}, "a:b:c\n").out == "a:c\n");
  CHECK(Run("cut", {"-d:", "-f2-", "--output-delimiter", "--"}, "a:b:c\n").out == "b--c\n");
  CHECK(Run("cut", {"-d:", "-f1,2", "--output-delimiter="}, "a:b\n").out == S("a\0b\n", 4));
  CHECK(Run("cut", {"-d", "", "-f2"}, S("x\0y\n", 4)).out == "y\n");
  CHECK(Run("cut", {"-d", "-", "-f", "-1"}, "a-b\n").out == "a\n");
  CHECK(Run("cut", {"-z", "-d:", "-f2"}, S("a:b\0c", 5)).out == S("b\0c\0", 4));
  CHECK(Run("cut", {"-d:", "-f3"}, "a:b\n").out == "\n");
}

TEST_CASE("cut bytes") {
  CHECK(Run("cut", {"-b1-2,4-"}, "abcdef\nx\n").out == "abdef\nx\n");
  CHECK(Run("cut", {"-c", "2"}, "\xc3\xa9\n").out == "\xa9\n");
  CHECK(Run("cut", {"-b1,3", "--output-delimiter=:"}, "abc").out == "a:c\n");
  CHECK(Run("cut", {"-b2-", "--complement"}, "abc\n").out == "a\n");
  std::string big(300000, 'x');
  CHECK(Run("cut", {"-b299999-"}, big + "yz\n").out == "xxyz\n");
}

TEST_CASE("cut errors") {
  auto r = Run("cut", {});
  CHECK(r.status == 1);
  CHECK(r.err ==
        "cut: you must specify a list of bytes, characters, or fields\n"
        "Try 'cut --help' for more information.\n");
  CHECK(Run("cut", {"-f0"}).err.rfind("cut: fields are numbered from 1\n", 0) == 0);
  CHECK(Run("cut", {"-b", "3-1"}).err.rfind("cut: invalid decreasing range\n", 0) == 0);
  CHECK(Run("cut", {"-f", "1x"}).err.rfind("cut: invalid field value 'x'\n", 0) == 0);
  CHECK(Run("cut", {"-d", "ab", "-f1"}).err.rfind("cut: the delimiter must be a single", 0) == 0);
  CHECK(Run("cut", {"-b1", "-d:"}).status == 1);
  std::string dir = mc::testing::TempDir();
  std::string f = mc::testing::WriteFile(dir + "/f", "a:b\n");
  r = Run("cut", {"-d:", "-f2", dir + "/missing", f});
  CHECK(r.status == 1);
  CHECK(r.out == "b\n");
  CHECK(r.err == "cut: " + dir + "/missing: No such file or directory\n");
}

TEST_CASE("tr translates, deletes, squeezes") {
  CHECK(Run("tr", {"a-z", "A-Z"}, "hello, World\n").out == "HELLO, WORLD\n");
  CHECK(Run("tr", {"[:upper:]", "[:lower:]"}, "ABc1").out == "abc1");
  CHECK(Run("tr", {"abcd", "xy"}, "abcd").out == "xyyy");
  CHECK(Run("tr", {"-t", "abcd", "xy"}, "abcd").out == "xycd");
  CHECK(Run("tr", {"-d", "[:digit:]"}, "a1b2").out == "ab");
  CHECK(Run("tr", {"-s", " "}, "a   b").out == "a b");
  CHECK(Run("tr", {"-cs", "[:alnum:]", "\\n"}, "one, two.").out == "one\ntwo\n");
  CHECK(Run("tr", {"-ds", "a", "b"}, "abbbac").out == "bc");
  CHECK(Run("tr", {"a-e", "[x*]yz"}, "abcde").out == "xxxyz");
  CHECK(Run("tr", {"\\000", "x"}, S("a\0b", 3)).out == "axb");
  CHECK(Run("tr", {"-c", "a", "x"}, "ab\xff").out == "axx");
  // Both paths of the translator: vectorized runs and the table.
  std::string big(100003, 'q');
  big += "Zz";
  std::string up(100003, 'Q');
  up += "ZZ";
  CHECK(Run("tr", {"a-z", "A-Z"}, big).out == up);
  CHECK(Run("tr", {"qz", "zq"}, "qzqz").out == "zqzq");
  CHECK(Run("tr", {"a", "[x*99999999999999]"}, "abc").out == "xbc");
}

TEST_CASE("tr errors") {
  auto r = Run("tr", {});
  CHECK(r.status == 1);
  CHECK(r.err == "tr: missing operand\nTry 'tr --help' for more information.\n");
  r = Run("tr", {"z-a", "x"});
  CHECK(r.status == 1);
  CHECK(r.err == "tr: range-endpoints of 'z-a' are in reverse collating sequence order\n");
  r = Run("tr", {"a", "[:digit:]"});
  CHECK(r.err ==
        "tr: when translating, the only character classes that may appear in\n"
        "string2 are 'upper' and 'lower'\n");
  CHECK(Run("tr", {"-d", "a", "b"}).err.rfind("tr: extra operand 'b'\nOnly one string", 0) == 0);
  CHECK(Run("tr", {"[:nope:]", "x"}).err == "tr: invalid character class 'nope'\n");
}

TEST_CASE("paste") {
  std::string dir = mc::testing::TempDir();
  std::string a = mc::testing::WriteFile(dir + "/a", "1\n2\n3\n");
  std::string b = mc::testing::WriteFile(dir + "/b", "x\ny");
  CHECK(Run("paste", {a, b}).out == "1\tx\n2\ty\n3\t\n");
  CHECK(Run("paste", {"-d", ",;", a, b, a}).out == "1,x;1\n2,y;2\n3,;3\n");
  CHECK(Run("paste", {"-d", "", a, b}).out == "1x\n2y\n3\n");
  CHECK(Run("paste", {"-d", "\\0-", a, a, a}).out == "11-1\n22-2\n33-3\n");
  CHECK(Run("paste", {"-s", a, b}).out == "1\t2\t3\nx\ty\n");
  CHECK(Run("paste", {"-", "-"}, "1\n2\n3\n").out == "1\t2\n3\t\n");
  CHECK(Run("paste", {"-z", "-s"}, S("a\0b\0", 4)).out == S("a\tb\0", 4));
  auto r = Run("paste", {dir + "/missing", a});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  r = Run("paste", {"-d", "x\\"});
  CHECK(r.status == 1);
  CHECK(r.err == "paste: delimiter list ends with an unescaped backslash: x\\\n");
}

TEST_CASE("fold") {
  CHECK(Run("fold", {"-w", "3"}, "abcdefgh\n").out == "abc\ndef\ngh\n");
  CHECK(Run("fold", {"-3"}, "abcdefgh").out == "abc\ndef\ngh");
  CHECK(Run("fold", {"-w", "3", "-2"}, "abcd\n").out == "ab\ncd\n");
  CHECK(Run("fold", {"-sw", "10"}, "abcdefghij klmnop qrstuvw xyz\n").out ==
        "abcdefghij\n klmnop \nqrstuvw \nxyz\n");
  CHECK(Run("fold", {"-w", "10"}, "a\tb\tc\n").out == "a\tb\n\tc\n");
  CHECK(Run("fold", {"-bw", "3"}, "a\tb\tc\n").out == "a\tb\n\tc\n");
  CHECK(Run("fold", {"-w", "3"}, "ab\bcdef\n").out == "ab\bcd\nef\n");
  CHECK(Run("fold", {"-w", "4"}, "\tx\n").out == "\t\nx\n");
  auto r = Run("fold", {"-w", "0"});
  CHECK(r.status == 1);
  CHECK(r.err == "fold: invalid number of columns: '0': Numerical result out of range\n");
  CHECK(Run("fold", {"-w", "x"}).err == "fold: invalid number of columns: 'x'\n");
}

TEST_CASE("expand and unexpand") {
  CHECK(Run("expand", {}, "a\tb\n").out == "a       b\n");
  CHECK(Run("expand", {"-t", "2,5"}, "a\tb\tc\td\n").out == "a b  c d\n");
  CHECK(Run("expand", {"-t", "2,+4"}, "a\tb\tc\td\n").out == "a b   c   d\n");
  CHECK(Run("expand", {"-t", "2,/4"}, "a\tb\tc\td\n").out == "a b c   d\n");
  CHECK(Run("expand", {"-4"}, "a\tb").out == "a   b");
  CHECK(Run("expand", {"-i", "-t", "4"}, "\ta\tb\n").out == "    a\tb\n");
  CHECK(Run("expand", {"-t", "4,2"}).err == "expand: tab sizes must be ascending\n");
  CHECK(Run("expand", {"-t", "0"}).status == 1);
  CHECK(Run("unexpand", {}, "        a       b\n").out == "\ta       b\n");
  CHECK(Run("unexpand", {"-a"}, "        a       b\n").out == "\ta\tb\n");
  CHECK(Run("unexpand", {"-t", "4"}, "    a   b\n").out == "\ta\tb\n");
  CHECK(Run("unexpand", {"--first-only", "-t", "4"}, "    a   b\n").out == "\ta   b\n");
  CHECK(Run("unexpand", {"-4"}, "    a   b\n").out == "\ta   b\n");
  CHECK(Run("unexpand", {"-a"}, "abcdefg h\n").out == "abcdefg h\n");
  CHECK(Run("unexpand", {"-t", "1"}, " b\n").out == "\tb\n");
}

TEST_CASE("nl") {
  CHECK(Run("nl", {}, "a\n\nb").out == "     1\ta\n       \n     2\tb\n");
  CHECK(Run("nl", {"-ba", "-nrz", "-w3", "-s:"}, "a\n\n").out == "001:a\n002:\n");
  CHECK(Run("nl", {"-bp^b"}, "a\nb\n").out == "       a\n     1\tb\n");
  CHECK(Run("nl", {}, "a\n\\:\\:\nb\n").out == "     1\ta\n\n     1\tb\n");
  CHECK(Run("nl", {"-p"}, "a\n\\:\\:\nb\n").out == "     1\ta\n\n     2\tb\n");
  CHECK(Run("nl", {"-d", ""}, "\\:\\:\n").out == "     1\t\\:\\:\n");
  auto r = Run("nl", {"-v", "9223372036854775807"}, "a\nb\n");
  CHECK(r.status == 1);
  CHECK(r.err == "nl: line number overflow\n");
  r = Run("nl", {"-bq"});
  CHECK(r.err == "nl: invalid body numbering style: 'q'\nTry 'nl --help' for more information.\n");
  CHECK(Run("nl", {"-w", "0"}).status == 1);
}

TEST_CASE("fmt") {
  CHECK(Run("fmt", {}, "one\ntwo\nthree four\n").out == "one two three four\n");
  CHECK(Run("fmt", {"-w", "10"}, "aaa bbb ccc ddd eee\n").out == "aaa\nbbb ccc\nddd eee\n");
  CHECK(Run("fmt", {"-u"}, "One.\nTwo   three.\n").out == "One.  Two three.\n");
  CHECK(Run("fmt", {"-t", "-w", "8"}, "aaa bbb ccc\n").out == "aaa bbb\n   ccc\n");
  CHECK(Run("fmt", {"-p", "#"}, "# a\n# b\nx\n").out == "# a b\nx\n");
  CHECK(Run("fmt", {"-c", "-w", "12"}, "  aa\n    bb cc dd ee\n").out == "  aa bb cc\n    dd ee\n");
  auto r = Run("fmt", {"-w", "2501"});
  CHECK(r.status == 1);
  CHECK(r.err == "fmt: invalid width: '2501': Numerical result out of range\n");
  std::string dir = mc::testing::TempDir();
  r = Run("fmt", {dir + "/missing"});
  CHECK(r.err == "fmt: cannot open '" + dir + "/missing' for reading: No such file or directory\n");
}
