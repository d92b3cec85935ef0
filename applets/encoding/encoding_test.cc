#include <catch2/catch.hpp>
#include <unistd.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "applets/encoding/codec.h"
#include "tests/harness/in_process.h"

using mc::encoding::DecodeAll;
using mc::encoding::EncodeAll;
using mc::encoding::Encoding;
using mc::testing::ReadFile;
using mc::testing::Run;
using mc::testing::TempDir;
using mc::testing::WriteFile;

namespace {

std::string Enc(Encoding e, std::string_view s) {
  std::string out;
  REQUIRE(EncodeAll(e, s, out));
  return out;
}

std::string RandomBytes(std::mt19937& rng, std::size_t n) {
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

// Output of a host tool (vim's xxd, util-linux hexdump) on a file.
std::string Host(const std::string& cmd) {
  std::string dir = TempDir();
  std::string out = dir + "/host.out";
  int rc = std::system((cmd + " > '" + out + "' 2>/dev/null").c_str());
  (void)rc;
  return ReadFile(out);
}

}  // namespace

TEST_CASE("RFC 4648 test vectors") {
  const char* in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const char* b64[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  const char* b32[] = {"", "MY======", "MZXQ====", "MZXW6===", "MZXW6YQ=", "MZXW6YTB", "MZXW6YTBOI======"};
  const char* b32h[] = {"", "CO======", "CPNG====", "CPNMU===", "CPNMUOG=", "CPNMUOJ1", "CPNMUOJ1E8======"};
  const char* b16[] = {"", "66", "666F", "666F6F", "666F6F62", "666F6F6261", "666F6F626172"};
  for (int i = 0; i < 7; ++i) {
    CHECK(Enc(Encoding::kBase64, in[i]) == b64[i]);
    CHECK(Enc(Encoding::kBase32, in[i]) == b32[i]);
    CHECK(Enc(Encoding::kBase32Hex, in[i]) == b32h[i]);
    CHECK(Enc(Encoding::kBase16, in[i]) == b16[i]);
    std::string back;
    CHECK(DecodeAll(Encoding::kBase64, b64[i], back, false));
    CHECK(back == in[i]);
    CHECK(DecodeAll(Encoding::kBase32, b32[i], back, false));
    CHECK(back == in[i]);
  }
  CHECK(Enc(Encoding::kZ85, std::string("\x86\x4F\xD2\x6F\xB5\x59\xF7\x5B", 8)) == "HelloWorld");
  CHECK(Enc(Encoding::kBase2Msbf, "a") == "01100001");
  CHECK(Enc(Encoding::kBase2Lsbf, "a") == "10000110");
  CHECK(Enc(Encoding::kBase64Url, "\xfb\xff") == "-_8=");
}

TEST_CASE("every encoding round-trips random data of every small length") {
  std::mt19937 rng(42);
  const Encoding all[] = {Encoding::kBase64,  Encoding::kBase64Url, Encoding::kBase32,    Encoding::kBase32Hex,
                          Encoding::kBase16,  Encoding::kBase2Msbf, Encoding::kBase2Lsbf, Encoding::kZ85};
  for (Encoding e : all) {
    for (std::size_t n = 0; n < 70; ++n) {
      if (e == Encoding::kZ85 && n % 4) continue;
      std::string data = RandomBytes(rng, n);
      std::string text = Enc(e, data), back;
      // Newlines anywhere are ignored when decoding.
      std::string wrapped;
      for (std::size_t i = 0; i < text.size(); ++i) {
        wrapped += text[i];
        if (i % 7 == 3) wrapped += '\n';
      }
      CHECK(DecodeAll(e, wrapped, back, false));
      CHECK(back == data);
    }
  }
}

TEST_CASE("decoding errors keep GNU's partial output") {
  std::string out;
  CHECK_FALSE(DecodeAll(Encoding::kBase64, "YWJjZA", out, false));
  CHECK(out == "abcd");
  CHECK_FALSE(DecodeAll(Encoding::kBase64, "YW=j", out, false));
  CHECK(out == "a");
  CHECK(DecodeAll(Encoding::kBase64, "YQ==YQ==", out, false));
  CHECK(out == "aa");
  CHECK(DecodeAll(Encoding::kBase64, "Y!W!J!j!", out, true));
  CHECK(out == "abc");
  CHECK_FALSE(DecodeAll(Encoding::kBase32, "MFRGG", out, false));
  CHECK(out.empty());
  CHECK_FALSE(DecodeAll(Encoding::kBase16, "616", out, false));
  CHECK(out == "a");
  CHECK_FALSE(DecodeAll(Encoding::kBase16, "6a", out, false));
}

TEST_CASE("base64 applet: wrapping, decoding, errors") {
  CHECK(Run("base64", {}, "hello world\n").out == "aGVsbG8gd29ybGQK\n");
  CHECK(Run("base64", {"-w", "4"}, "abcdef").out == "YWJj\nZGVm\n");
  CHECK(Run("base64", {"-w", "0"}, "abcdef").out == "YWJjZGVm");
  CHECK(Run("base64", {}, "").out.empty());
  auto r = Run("base64", {"-d"}, "YWJj\nZGVm\n!");
  CHECK(r.out == "abcdef");
  CHECK(r.err == "base64: invalid input\n");
  CHECK(r.status == 1);
  r = Run("base64", {"-w", "x"});
  CHECK(r.err == "base64: invalid wrap size: 'x'\n");
  CHECK(r.status == 1);
  r = Run("base64", {"a", "b"});
  CHECK(r.err == "base64: extra operand 'b'\nTry 'base64 --help' for more information.\n");
  r = Run("base64", {"/"});
  CHECK(r.err == "base64: read error: Is a directory\n");
  CHECK(Run("base32", {}, "hello").out == "NBSWY3DP\n");
  CHECK(Run("basenc", {"--base16", "-d"}, "414243").out == "ABC");
  CHECK(Run("basenc", {}).err == "basenc: missing encoding type\nTry 'basenc --help' for more information.\n");
  // A large input round-trips through several read blocks.
  std::mt19937 rng(7);
  std::string big = RandomBytes(rng, 1 << 20);
  std::string text = Run("base64", {}, big).out;
  CHECK(text.size() == (big.size() + 2) / 3 * 4 + (((big.size() + 2) / 3 * 4) + 75) / 76);
  CHECK(Run("base64", {"-d"}, text).out == big);
  CHECK(Run("base32", {"-d"}, Run("base32", {"-w", "0"}, big).out).out == big);
}

TEST_CASE("xxd matches vim's xxd") {
  if (access("/usr/bin/xxd", X_OK) != 0) {
    WARN("skipped: vim's xxd is not installed");
    return;
  }
  std::mt19937 rng(3);
  std::string dir = TempDir();
  std::string data = RandomBytes(rng, 300) + std::string(64, '\0') + "tail";
  std::string f = WriteFile(dir + "/data.bin", data);
  const std::vector<std::vector<std::string>> option_sets = {
      {}, {"-p"}, {"-i"}, {"-b"}, {"-e"}, {"-u", "-c", "9"}, {"-g", "4"}, {"-a"}, {"-s", "17", "-l", "100"}, {"-d", "-o", "5"}};
  for (const auto& opts : option_sets) {
    std::string cmd = "cd '" + dir + "' && /usr/bin/xxd";
    for (const auto& o : opts) cmd += " " + o;
    cmd += " data.bin";
    std::vector<std::string> args = opts;
    args.push_back(f);
    auto r = Run("xxd", args);
    CHECK(r.status == 0);
    std::string expected = Host(cmd);
    if (opts.size() == 1 && opts[0] == "-i") {
      // The variable name comes from the path given.
      CHECK(r.out.find("_len = 368;") != std::string::npos);
      continue;
    }
    INFO("xxd options: " << cmd);
    CHECK(r.out == expected);
  }
  // -r and -r -p invert the dumps.
  CHECK(Run("xxd", {"-r"}, Run("xxd", {f}).out).out == data);
  CHECK(Run("xxd", {"-r", "-p"}, Run("xxd", {"-p", f}).out).out == data);
}

TEST_CASE("hexdump matches util-linux hexdump") {
  if (access("/usr/bin/hexdump", X_OK) != 0) {
    WARN("skipped: util-linux hexdump is not installed");
    return;
  }
  std::mt19937 rng(5);
  std::string dir = TempDir();
  std::string data = RandomBytes(rng, 200) + std::string(80, 'z') + "\n\t\r\\end";
  std::string f = WriteFile(dir + "/data.bin", data);
  const std::vector<std::vector<std::string>> option_sets = {
      {}, {"-C"}, {"-b"}, {"-c"}, {"-d"}, {"-o"}, {"-x"}, {"-v", "-C"}, {"-s", "7", "-n", "99", "-C"}, {"-C", "-c"}};
  for (const auto& opts : option_sets) {
    std::string cmd = "/usr/bin/hexdump";
    for (const auto& o : opts) cmd += " " + o;
    cmd += " '" + f + "'";
    std::vector<std::string> args = opts;
    args.push_back(f);
    auto r = Run("hexdump", args);
    INFO("hexdump options: " << cmd);
    CHECK(r.status == 0);
    CHECK(r.out == Host(cmd));
  }
}

TEST_CASE("hexdump -e format strings match util-linux hexdump") {
  if (access("/usr/bin/hexdump", X_OK) != 0) {
    WARN("skipped: util-linux hexdump is not installed");
    return;
  }
  std::mt19937 rng(9);
  std::string dir = TempDir();
  std::string data = RandomBytes(rng, 77) + std::string(48, '\0') + "text\n\x01\x7f";
  std::string f = WriteFile(dir + "/data.bin", data);
  const char* formats[] = {
      "16/1 \"%02x \" \"\\n\"",
      "\"%07.7_ax \" 8/2 \"%04x \" \"\\n\"",
      "\"%_ad: \" 4/1 \"%3u \" \"\\n\"",
      "1/4 \"%08x\" \"\\n\"",
      "10/1 \"%_u|\" \"\\n\"",
      "4/1 \"%_c|\" \"\\n\"",
      "2/4 \"%d \" 1/8 \" %g\" \"\\n\"",
      "\"%_Ax\\n\"",
      "8/1 \"%02X\" \"  \" 8/1 \"%_p\" \"\\n\"",
      "1/2 \"%-7o|\" 1/2 \"%+6d\\n\"",
  };
  for (const char* fmt : formats) {
    for (const char* extra : {"", "-v", "-n 37", "-s 5"}) {
      std::vector<std::string> args;
      std::string cmd = "/usr/bin/hexdump";
      std::string e(extra);
      if (!e.empty()) {
        std::size_t sp = e.find(' ');
        args.push_back(e.substr(0, sp));
        if (sp != std::string::npos) args.push_back(e.substr(sp + 1));
        cmd += " " + e;
      }
      args.push_back("-e");
      args.push_back(fmt);
      args.push_back(f);
      cmd += " -e '" + std::string(fmt) + "' '" + f + "'";
      auto r = Run("hexdump", args);
      INFO("command: " << cmd);
      CHECK(r.status == 0);
      CHECK(r.out == Host(cmd));
    }
  }
}

TEST_CASE("decoding matches GNU basenc on generated inputs") {
  if (access("/usr/bin/basenc", X_OK) != 0) {
    WARN("skipped: GNU basenc is not installed");
    return;
  }
  struct Kind {
    const char* option;
    const char* alphabet;
  };
  const Kind kinds[] = {
      {"--base64", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"},
      {"--base64url", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"},
      {"--base32", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"},
      {"--base32hex", "0123456789ABCDEFGHIJKLMNOPQRSTUV"},
      {"--base16", "0123456789ABCDEF"},
      {"--base2msbf", "01"},
      {"--z85", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#"},
  };
  std::mt19937 rng(11);
  std::string dir = TempDir();
  for (int iter = 0; iter < 140; ++iter) {
    const Kind& k = kinds[iter % 7];
    std::string alphabet = std::string(k.alphabet) + "\n\n==";
    if (iter % 3 == 0) alphabet += "!x";
    std::string text;
    std::size_t n = rng() % 40;
    for (std::size_t i = 0; i < n; ++i) text += alphabet[rng() % alphabet.size()];
    bool ignore = iter % 4 == 1;
    std::string in = WriteFile(dir + "/in", text);
    std::string cmd = std::string("/usr/bin/basenc ") + k.option + " -d" + (ignore ? " -i" : "") + " '" + in + "'";
    std::vector<std::string> args = {k.option, "-d"};
    if (ignore) args.push_back("-i");
    args.push_back(in);
    auto r = Run("basenc", args);
    INFO("input: " << text << " command: " << cmd);
    CHECK(r.out == Host(cmd));
    CHECK((r.status == 0) == (std::system((cmd + " >/dev/null 2>&1").c_str()) == 0));
  }
}
