#include <catch2/catch.hpp>

#include <string>

#include "tests/harness/in_process.h"

using mc::testing::Run;

TEST_CASE("printf conversions") {
  CHECK(Run("printf", {"%d|%i|%o|%u|%x|%X\n", "42", "010", "8", "-1", "255", "0x1f"}).out ==
        "42|8|10|18446744073709551615|ff|1F\n");
  CHECK(Run("printf", {"%5.2f|%-6e|%g|%G\n", "3.14159", "1", "0.0001", "1e20"}).out ==
        " 3.14|1.000000e+00|0.0001|1E+20\n");
  CHECK(Run("printf", {"%a %A", "1", "1"}).out == "0x8p-3 0X8P-3");
  CHECK(Run("printf", {"%c%c|%5s|%-5s|%.1s", "xyz", "", "ab", "cd", "ef"}).out ==
        std::string("x\0|   ab|cd   |e", 16));
  CHECK(Run("printf", {"%*d|%-*d|%.*d", "4", "1", "3", "2", "3", "7"}).out == "   1|2  |007");
  CHECK(Run("printf", {"%%|%+d|% d|%05d|%#o|%#x", "5", "5", "-3", "8", "255"}).out ==
        "%|+5| 5|-0003|010|0xff");
  CHECK(Run("printf", {"%d %d\n", "1", "2", "3"}).out == "1 2\n3 0\n");
  CHECK(Run("printf", {"%s"}).out.empty());
  CHECK(Run("printf", {"%d", "'A"}).out == "65");
  CHECK(Run("printf", {"%d", "'\xc3\xa9"}, "", {"LC_ALL=C.UTF-8"}).out == "233");
}

TEST_CASE("printf escapes") {
  CHECK(Run("printf", {"a\\tb\\n\\x41\\101\\0101\\\\\\\"\\q"}).out == "a\tb\nAA\b1\\\"\\q");
  CHECK(Run("printf", {"%b|", "\\0101\\x42\\n", "\\c", "x"}).out == "A\x42\n|");
  CHECK(Run("printf", {"a\\cb"}).out == "a");
  CHECK(Run("printf", {"\\u00e9"}).out == "\\u00E9");
  CHECK(Run("printf", {"\\u00e9\\U0001F600"}, "", {"LANG=en_US.UTF-8"}).out ==
        "\xc3\xa9\xf0\x9f\x98\x80");
  auto r = Run("printf", {"x\\u0041"});
  CHECK(r.out == "x");
  CHECK(r.err == "printf: invalid universal character name \\u0041\n");
  CHECK(r.status == 1);
  r = Run("printf", {"\\x"});
  CHECK(r.err == "printf: missing hexadecimal number in escape\n");
}

TEST_CASE("printf %q") {
  CHECK(Run("printf", {"%q ", "a b", "it's", "", "x~", "~x", "a\nb", "@", "'\x01"}).out ==
        "'a b' \"it's\" '' x~ '~x' 'a'$'\\n''b' @ ''\\'''$'\\001' ");
  CHECK(Run("printf", {"%q", "\xc3\xa9"}).out == "''$'\\303\\251'");
  CHECK(Run("printf", {"%q", "\xc3\xa9"}, "", {"LC_ALL=C.UTF-8"}).out == "\xc3\xa9");
}

TEST_CASE("printf numeric errors") {
  auto r = Run("printf", {"%d|%d|%d\n", "abc", "1a", "99999999999999999999"});
  CHECK(r.out == "0|1|9223372036854775807\n");
  CHECK(r.err ==
        "printf: 'abc': expected a numeric value\n"
        "printf: '1a': value not completely converted\n"
        "printf: '99999999999999999999': Numerical result out of range\n");
  CHECK(r.status == 1);
  r = Run("printf", {"%d", "'AB"});
  CHECK(r.out == "65");
  CHECK(r.err == "printf: warning: B: character(s) following character constant have been ignored\n");
  CHECK(r.status == 0);
  r = Run("printf", {"x%z"});
  CHECK(r.out == "x");
  CHECK(r.err == "printf: %z: invalid conversion specification\n");
  CHECK(r.status == 1);
  CHECK(Run("printf", {"%05s", "x"}).status == 1);
  r = Run("printf", {"%*d", "99999999999", "1"});
  CHECK(r.err == "printf: invalid field width: '99999999999'\n");
}

TEST_CASE("printf usage") {
  auto r = Run("printf", {});
  CHECK(r.status == 1);
  CHECK(r.err == "printf: missing operand\nTry 'printf --help' for more information.\n");
  CHECK(Run("printf", {"--help"}).out.rfind("Usage: printf", 0) == 0);
  CHECK(Run("printf", {"--help", "x"}).out == "--help");
  CHECK(Run("printf", {"--", "%s", "x"}).out == "x");
  r = Run("printf", {"x", "a"});
  CHECK(r.out == "x");
  CHECK(r.err == "printf: warning: ignoring excess arguments, starting with 'a'\n");
}

TEST_CASE("printf huge widths stream or fail cleanly") {
  auto r = Run("printf", {"%*d|x", "2147483647", "1"});
  CHECK(r.out == "|x");
  CHECK(r.err == "printf: write error: Value too large for defined data type\n");
  CHECK(r.status == 1);
  r = Run("printf", {"%-100000d|", "5"});
  CHECK(r.out.size() == 100001);
  CHECK(r.out.substr(0, 2) == "5 ");
  r = Run("printf", {"%0100000d", "-5"});
  CHECK(r.out.size() == 100000);
  CHECK(r.out.substr(0, 3) == "-00");
  CHECK(r.out.back() == '5');
  r = Run("printf", {"%.100000f", "1.5"});
  CHECK(r.out.size() == 100002);
  CHECK(r.out.substr(0, 4) == "1.50");
}

TEST_CASE("cmp reports differences") {
  std::string dir = mc::testing::TempDir();
  std::string a = mc::testing::WriteFile(dir + "/a", "abc\ndef");
  std::string b = mc::testing::WriteFile(dir + "/b", "abc\n");
  std::string c = mc::testing::WriteFile(dir + "/c", "abX\nd\xff" "f");
  auto r = Run("cmp", {a, c});
  CHECK(r.out == a + " " + c + " differ: char 3, line 1\n");
  CHECK(r.status == 1);
  CHECK(Run("cmp", {a, c}, "", {"LANG=C.UTF-8"}).out == a + " " + c + " differ: byte 3, line 1\n");
  CHECK(Run("cmp", {"-b", a, c}).out == a + " " + c + " differ: byte 3, line 1 is 143 c 130 X\n");
  CHECK(Run("cmp", {"-l", a, c}).out == "3 143 130\n6 145 377\n");
  CHECK(Run("cmp", {"-lb", a, c}).out == "3 143 c    130 X\n6 145 e    377 M-^?\n");
  r = Run("cmp", {a, b});
  CHECK(r.err == "cmp: EOF on " + b + " after byte 4, line 1\n");
  CHECK(r.status == 1);
  r = Run("cmp", {"-", a}, "abc\nd");
  CHECK(r.err == "cmp: EOF on - after byte 5, in line 2\n");
  CHECK(Run("cmp", {"-s", a, c}).out.empty());
  CHECK(Run("cmp", {"-s", a, a}).status == 0);
  CHECK(Run("cmp", {"-n", "2", a, c}).status == 0);
  CHECK(Run("cmp", {"-i", "3:3", a, c}).out == a + " " + c + " differ: char 3, line 2\n");
  CHECK(Run("cmp", {a, c, "4", "4"}).out == a + " " + c + " differ: char 2, line 1\n");
}

TEST_CASE("cmp errors") {
  auto r = Run("cmp", {});
  CHECK(r.err == "cmp: missing operand after 'cmp'\ncmp: Try 'cmp --help' for more information.\n");
  CHECK(r.status == 2);
  r = Run("cmp", {"-i", "x", "a"});
  CHECK(r.err == "cmp: invalid --ignore-initial value 'x'\ncmp: Try 'cmp --help' for more information.\n");
  r = Run("cmp", {"/nonexistent", "/"});
  CHECK(r.err == "cmp: /nonexistent: No such file or directory\n");
  CHECK(r.status == 2);
  r = Run("cmp", {"/", "/"});
  CHECK(r.status == 0);
  CHECK(Run("cmp", {"--version"}).out == "cmp (multicall) 0.1.0\n");
  CHECK(Run("cmp", {"-v"}).out == "cmp (multicall) 0.1.0\n");
}

TEST_CASE("od formats") {
  CHECK(Run("od", {}, "abcde\n").out == "0000000 061141 062143 005145\n0000006\n");
  CHECK(Run("od", {"-An", "-tx1"}, std::string("a\0\xff", 3)).out == " 61 00 ff\n");
  CHECK(Run("od", {"-c"}, std::string("\0\n\x80 ", 4)).out ==
        "0000000  \\0  \\n 200    \n0000004\n");
  CHECK(Run("od", {"-tx1z", "-w4"}, "abcde").out ==
        "0000000 61 62 63 64  >abcd<\n0000004 65           >e<\n0000005\n");
  CHECK(Run("od", {"-bc"}, "ab").out == "0000000 141 142\n          a   b\n0000002\n");
  CHECK(Run("od", {"-tx1"}, std::string(48, '\0')).out ==
        "0000000 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n*\n0000060\n");
  CHECK(Run("od", {"-j", "1", "-N", "2", "-c"}, "abcd").out == "0000001   b   c\n0000003\n");
  CHECK(Run("od", {"-S", "3", "-An"}, std::string("ab\0abc\0xyzw", 11)).out == "abc\n");
  CHECK(Run("od", {"-An", "--endian=big", "-tx2"}, "ab").out == " 6162\n");
}

TEST_CASE("od errors") {
  auto r = Run("od", {"-t", "d3"});
  CHECK(r.err == "od: invalid type string 'd3';\nthis system doesn't provide a 3-byte integral type\n");
  CHECK(r.status == 1);
  r = Run("od", {"-j", "5"}, "ab");
  CHECK(r.err == "od: cannot skip past end of combined input\n");
  CHECK(r.status == 1);
  r = Run("od", {"/nonexistent", "-"}, "a");
  CHECK(r.out == "0000000 000141\n0000001\n");
  CHECK(r.err == "od: /nonexistent: No such file or directory\n");
  CHECK(r.status == 1);
}

TEST_CASE("split modes") {
  std::string dir = mc::testing::TempDir();
  auto r = Run("split", {"-l", "2", "-", dir + "/l"}, "1\n2\n3\n4\n5");
  CHECK(r.status == 0);
  CHECK(mc::testing::ReadFile(dir + "/laa") == "1\n2\n");
  CHECK(mc::testing::ReadFile(dir + "/lac") == "5");
  Run("split", {"-b", "3", "-d", "-", dir + "/b"}, "abcdefgh");
  CHECK(mc::testing::ReadFile(dir + "/b02") == "gh");
  Run("split", {"-C", "4", "-", dir + "/c"}, "ab\ncdefg\nh\n");
  CHECK(mc::testing::ReadFile(dir + "/caa") == "ab\n");
  CHECK(mc::testing::ReadFile(dir + "/cab") == "cdef");
  CHECK(mc::testing::ReadFile(dir + "/cac") == "g\nh\n");
  std::string in = mc::testing::WriteFile(dir + "/in", "0123456789");
  Run("split", {"-n", "3", in, dir + "/n"});
  CHECK(mc::testing::ReadFile(dir + "/nac") == "6789");
  CHECK(Run("split", {"-n", "2/3", in}).out == "345");
  Run("split", {"-n", "r/2", "-", dir + "/r"}, "1\n2\n3\n");
  CHECK(mc::testing::ReadFile(dir + "/raa") == "1\n3\n");
  CHECK(Run("split", {"-n", "r/2/2"}, "1\n2\n3\n4\n").out == "2\n4\n");
  r = Run("split", {"-l", "1", "--filter", "cat > $FILE.f", "-", dir + "/f"}, "x\ny\n");
  CHECK(r.status == 0);
  CHECK(mc::testing::ReadFile(dir + "/fab.f") == "y\n");
  r = Run("split", {"-a", "1", "-l", "1", "-", dir + "/e"}, std::string(60, '\n'));
  CHECK(r.err == "split: output file suffixes exhausted\n");
  CHECK(r.status == 1);
}

TEST_CASE("split errors") {
  auto r = Run("split", {"-l", "0"});
  CHECK(r.err == "split: invalid number of lines: '0': Numerical result out of range\n");
  CHECK(r.status == 1);
  r = Run("split", {"-n", "0"});
  CHECK(r.err == "split: invalid number of chunks: '0': Numerical result out of range\n");
  r = Run("split", {"/nonexistent/in"});
  CHECK(r.err == "split: cannot open '/nonexistent/in' for reading: No such file or directory\n");
}

TEST_CASE("csplit") {
  std::string dir = mc::testing::TempDir();
  std::string in = mc::testing::WriteFile(dir + "/in", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
  auto r = Run("csplit", {"-f", dir + "/a", in, "3", "/7/"});
  CHECK(r.out == "4\n8\n9\n");
  CHECK(r.status == 0);
  CHECK(mc::testing::ReadFile(dir + "/a01") == "3\n4\n5\n6\n");
  r = Run("csplit", {"-s", "-f", dir + "/b", "-", "%4%", "/[68]/", "{*}"}, "1\n2\n3\n4\n5\n6\n7\n8\n9\n");
  CHECK(r.out.empty());
  CHECK(mc::testing::ReadFile(dir + "/b00") == "4\n5\n");
  CHECK(mc::testing::ReadFile(dir + "/b02") == "8\n9\n");
  r = Run("csplit", {"-f", dir + "/c", in, "/nomatch/"});
  CHECK(r.err == "csplit: '/nomatch/': match not found\n");
  CHECK(r.status == 1);
  CHECK(Run("csplit", {"-s", "-k", "-f", dir + "/d", in, "/x/"}).status == 1);
  CHECK(mc::testing::ReadFile(dir + "/d00").size() == 21);
  r = Run("csplit", {"-f", dir + "/e", "--suppress-matched", in, "/5/"});
  CHECK(mc::testing::ReadFile(dir + "/e01") == "6\n7\n8\n9\n10\n");
  r = Run("csplit", {in, "5", "3"});
  CHECK(r.err == "csplit: line number '3' is smaller than preceding line number, 5\n");
  r = Run("csplit", {in});
  CHECK(r.err == "csplit: missing operand after '" + in + "'\nTry 'csplit --help' for more information.\n");
}
