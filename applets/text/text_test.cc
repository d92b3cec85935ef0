#include <catch2/catch.hpp>

#include <string>

#include "applets/text/scan.h"
#include "tests/harness/in_process.h"

using mc::testing::Run;

namespace {

std::string Seq(int from, int to) {
  std::string s;
  for (int i = from; i <= to; ++i) s += std::to_string(i) + "\n";
  return s;
}

}  // namespace

TEST_CASE("scan helpers agree with a plain loop") {
  std::string data;
  for (int i = 0; i < 5000; ++i) data += (i % 7 == 0 ? '\n' : static_cast<char>('a' + i % 26));
  std::uint64_t plain = 0;
  for (char c : data) plain += c == '\n';
  CHECK(mc::text::CountByte(data.data(), data.size(), '\n') == plain);
  std::uint64_t k = 3;
  const char* hit = mc::text::FindNth(data.data(), data.size(), '\n', k);
  REQUIRE(hit != nullptr);
  CHECK(hit - data.data() == 14);
  k = 1;
  hit = mc::text::FindNthReverse(data.data(), data.size(), '\n', k);
  REQUIRE(hit != nullptr);
  CHECK(static_cast<std::size_t>(hit - data.data()) == data.rfind('\n'));
  k = plain + 5;
  CHECK(mc::text::FindNth(data.data(), data.size(), '\n', k) == nullptr);
  CHECK(k == 5);
  std::vector<std::uint32_t> pos;
  mc::text::CollectPositions(data.data(), data.size(), '\n', &pos);
  CHECK(pos.size() == plain);
  CHECK(mc::text::IsAscii(data.data(), data.size()));
  data[4000] = '\xc3';
  CHECK_FALSE(mc::text::IsAscii(data.data(), data.size()));
  std::uint64_t words = 0, lines = 0;
  bool in_word = false;
  std::string w = "a b\x01" "c \t\n dd\x7f e";
  mc::text::CountAsciiWords(w.data(), w.size(), in_word, &words, &lines);
  CHECK(words == 4);
  CHECK(lines == 1);
}

TEST_CASE("head lines and bytes") {
  CHECK(Run("head", {}, Seq(1, 20)).out == Seq(1, 10));
  CHECK(Run("head", {"-n", "3"}, Seq(1, 20)).out == Seq(1, 3));
  CHECK(Run("head", {"-3"}, Seq(1, 20)).out == Seq(1, 3));
  CHECK(Run("head", {"-c", "5"}, Seq(1, 20)).out == "1\n2\n3");
  CHECK(Run("head", {"-n", "-18"}, Seq(1, 20)).out == Seq(1, 2));
  CHECK(Run("head", {"-n", "-1"}, "a\nb\nc").out == "a\nb\n");
  CHECK(Run("head", {"-c", "-2"}, "abcdef").out == "abcd");
  CHECK(Run("head", {"-z", "-n", "1"}, std::string("a\0b\0", 4)).out == std::string("a\0", 2));
  CHECK(Run("head", {"-c", "1k"}, std::string(5000, 'x')).out.size() == 1024);
}

TEST_CASE("head errors and headers") {
  auto r = Run("head", {"-n", "abc"});
  CHECK(r.status == 1);
  CHECK(r.err == "head: invalid number of lines: 'abc'\n");
  r = Run("head", {"-n", "99999999999999999999"});
  CHECK(r.err ==
        "head: invalid number of lines: '99999999999999999999': Value too large for defined data "
        "type\n");
  std::string dir = mc::testing::TempDir();
  std::string f = mc::testing::WriteFile(dir + "/f", "x\ny\n");
  r = Run("head", {"-n1", dir + "/missing", f, "-"}, "in\n");
  CHECK(r.status == 1);
  CHECK(r.out == "==> " + f + " <==\nx\n\n==> standard input <==\nin\n");
  CHECK(r.err == "head: cannot open '" + dir + "/missing' for reading: No such file or directory\n");
}

TEST_CASE("tail lines and bytes") {
  std::string dir = mc::testing::TempDir();
  std::string big;
  for (int i = 0; i < 200000; ++i) big += "line " + std::to_string(i) + "\n";
  std::string f = mc::testing::WriteFile(dir + "/big", big);
  std::string want;
  for (int i = 199997; i < 200000; ++i) want += "line " + std::to_string(i) + "\n";
  CHECK(Run("tail", {"-n", "3", f}).out == want);        // seeks from the end
  CHECK(Run("tail", {"-n", "3"}, big).out == want);      // a stream
  CHECK(Run("tail", {"-c", "4"}, "abcdef").out == "cdef");
  CHECK(Run("tail", {"-n", "+3"}, Seq(1, 5)).out == Seq(3, 5));
  CHECK(Run("tail", {"+4"}, Seq(1, 5)).out == Seq(4, 5));
  CHECK(Run("tail", {"-c", "+3"}, "abcdef").out == "cdef");
  CHECK(Run("tail", {"-2"}, "a\nb\nc").out == "b\nc");
  CHECK(Run("tail", {"-n", "0"}, "a\n").out.empty());
  auto r = Run("tail", {"-n", "x"});
  CHECK(r.status == 1);
  CHECK(r.err == "tail: invalid number of lines: 'x'\n");
  r = Run("tail", {"-f", "-s", "abc", f});
  CHECK(r.err == "tail: invalid number of seconds: 'abc'\n");
}

TEST_CASE("wc counts and widths") {
  // The harness's stdin is a regular (memory) file: width from its size.
  CHECK(Run("wc", {}, "hello world\nfoo\n").out == " 2  3 16\n");
  CHECK(Run("wc", {"-l"}, "a\nb\nc").out == "2\n");
  CHECK(Run("wc", {"-w"}, "a\x01" "b  c\td\n").out == "3\n");
  CHECK(Run("wc", {"-c"}, std::string("a\0b\n", 4)).out == "4\n");
  const std::vector<std::string> utf8 = {"LC_ALL=C.UTF-8"};
  CHECK(Run("wc", {"-m"}, "h\xc3\xa9llo\n", utf8).out == "6\n");
  CHECK(Run("wc", {"-L"}, "ab\tc\n\xe4\xb8\xad\n", utf8).out == "9\n");
  CHECK(Run("wc", {"-w"}, "\xc3\xa9 \xff\n", utf8).out == "1\n");
  // In the C locale every byte is a character, and non-ASCII bytes are
  // non-printable: no width, and they neither start nor end a word.
  CHECK(Run("wc", {"-m"}, "h\xc3\xa9llo\n").out == "7\n");
  CHECK(Run("wc", {"-L"}, "ab\tc\n\xe4\xb8\xad\n").out == "9\n");
  CHECK(Run("wc", {"-L"}, "\xe4\xb8\xad\n").out == "0\n");
  CHECK(Run("wc", {"-w"}, "\xc3\xa9 \xff\n").out == "0\n");
  CHECK(Run("wc", {"-w"}, "a\xc3\xa9" "b\n").out == "1\n");
  std::string dir = mc::testing::TempDir();
  std::string f = mc::testing::WriteFile(dir + "/f", "hello world\nfoo\n");
  auto r = Run("wc", {f, f});
  CHECK(r.out == " 2  3 16 " + f + "\n 2  3 16 " + f + "\n 4  6 32 total\n");
  r = Run("wc", {"--total=only", f, f});
  CHECK(r.out == "4 6 32\n");
  r = Run("wc", {"--total=never", "-l", f, f});
  CHECK(r.out == " 2 " + f + "\n 2 " + f + "\n");
  r = Run("wc", {"/"});
  CHECK(r.status == 1);
  CHECK(r.out == "      0       0       0 /\n");
  CHECK(r.err == "wc: /: Is a directory\n");
}

TEST_CASE("tac, rev, tee") {
  CHECK(Run("tac", {}, "a\nb\nc\n").out == "c\nb\na\n");
  CHECK(Run("tac", {}, "a\nb").out == "ba\n");
  CHECK(Run("tac", {"-b"}, "a\nb\n").out == "\n\nba");
  CHECK(Run("tac", {"-s", "xy"}, "1xy2xy3").out == "32xy1xy");
  CHECK(Run("tac", {"-r", "-s", "[0-9]"}, "a1b2c").out == "cb2a1");
  CHECK(Run("tac", {"-s", ""}, std::string("a\0b\0", 4)).out == std::string("b\0a\0", 4));
  std::string dir = mc::testing::TempDir();
  std::string big;
  for (int i = 0; i < 300000; ++i) big += std::to_string(i) + "\n";
  std::string f = mc::testing::WriteFile(dir + "/big", big);
  std::string rev_big;
  for (int i = 299999; i >= 0; --i) rev_big += std::to_string(i) + "\n";
  CHECK(Run("tac", {f}).out == rev_big);
  CHECK(Run("tac", {}, big).out == rev_big);

  CHECK(Run("rev", {}, "abc\nh\xc3\xa9llo\n\xff" "a\n", {"LANG=en_US.UTF-8"}).out == "cba\noll\xc3\xa9h\na\xff\n");
  CHECK(Run("rev", {}, "h\xc3\xa9\n", {"LC_ALL=C", "LANG=en_US.UTF-8"}).out == "\xa9\xc3h\n");
  CHECK(Run("rev", {}, "ab").out == "ba");
  auto r = Run("rev", {dir + "/missing"});
  CHECK(r.status == 1);
  CHECK(r.err == "rev: cannot open " + dir + "/missing: No such file or directory\n");

  std::string o1 = dir + "/o1";
  r = Run("tee", {o1, "/dev/full"}, "data\n");
  CHECK(r.status == 1);
  CHECK(r.out == "data\n");
  CHECK(r.err == "tee: /dev/full: No space left on device\n");
  CHECK(mc::testing::ReadFile(o1) == "data\n");
  r = Run("tee", {"-a", o1}, "more\n");
  CHECK(mc::testing::ReadFile(o1) == "data\nmore\n");
  r = Run("tee", {"--output-error=bogus"});
  CHECK(r.status == 1);
}
