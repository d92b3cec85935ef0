#include <zstd.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/harness/in_process.h"

using mc::testing::ReadFile;
using mc::testing::Run;
using mc::testing::TempDir;
using mc::testing::WriteFile;

namespace {

// "hello\n" as the zstd CLI compresses it from a file (content size set).
const std::string kHelloFile("\x28\xb5\x2f\xfd\x24\x06\x31\x00\x00hello\n\x53\x88\xbd\x91", 19);
// ... and from a pipe (no content size).
const std::string kHelloPipe("\x28\xb5\x2f\xfd\x04\x58\x31\x00\x00hello\n\x53\x88\xbd\x91", 19);
const std::string kEmptyFrame("\x28\xb5\x2f\xfd\x24\x00\x01\x00\x00\x99\xe9\xd8\x51", 13);
const std::string kSkippable("\x50\x2a\x4d\x18\x03\x00\x00\x00" "abc", 11);

// Deterministic text of about n bytes.
std::string Text(std::size_t n) {
  std::string s;
  s.reserve(n + 64);
  unsigned long x = 12345;
  while (s.size() < n) {
    x = x * 6364136223846793005UL + 1442695040888963407UL;
    s += std::to_string(x >> 40);
    s += (x >> 20) % 7 == 0 ? '\n' : ' ';
  }
  return s;
}

std::string LibDecompress(const std::string& z) {
  ZSTD_DCtx* d = ZSTD_createDCtx();
  std::string out;
  std::string buf(ZSTD_DStreamOutSize(), '\0');
  ZSTD_inBuffer in{z.data(), z.size(), 0};
  std::size_t r = 1;
  while (in.pos < in.size) {
    ZSTD_outBuffer o{buf.data(), buf.size(), 0};
    r = ZSTD_decompressStream(d, &o, &in);
    REQUIRE(!ZSTD_isError(r));
    out.append(buf.data(), o.pos);
  }
  ZSTD_freeDCtx(d);
  CHECK(r == 0);
  return out;
}

bool HaveCli() { return ::access("/usr/bin/zstd", X_OK) == 0; }

int Sh(const std::string& cmd) { return std::system(cmd.c_str()); }

}  // namespace

TEST_CASE("zstd: streams round trip") {
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{6}, std::size_t{200000}}) {
    std::string data = Text(n).substr(0, n);
    auto c = Run("zstd", {}, data);
    REQUIRE(c.status == 0);
    CHECK(c.err.empty());
    CHECK(LibDecompress(c.out) == data);
    auto d = Run("zstd", {"-d"}, c.out);
    CHECK(d.status == 0);
    CHECK(d.out == data);
  }
  std::string bin("a\0b\xff\xfe\n\0", 7);
  CHECK(Run("zstdcat", {}, Run("zstd", {"-19"}, bin).out).out == bin);
}

TEST_CASE("zstd: highly compressible data (output outgrows the input)") {
  // A frame whose last call fills the output exactly must still end cleanly.
  for (std::size_t n : {std::size_t{131072}, std::size_t{1} << 20, std::size_t{5} << 20}) {
    std::string zeros(n, '\0');
    auto c = Run("zstd", {"-1"}, zeros);
    REQUIRE(c.status == 0);
    auto d = Run("zstd", {"-dc"}, c.out + c.out);
    CHECK(d.status == 0);
    CHECK(d.err.empty());
    CHECK(d.out == zeros + zeros);
    CHECK(Run("zstd", {"-t"}, c.out).status == 0);
  }
}

TEST_CASE("zstd: the CLI's bytes") {
  CHECK(Run("zstd", {}, "hello\n").out == kHelloPipe);
  CHECK(Run("zstd", {"-c"}, "").out == kEmptyFrame);
  std::string dir = TempDir();
  WriteFile(dir + "/h", "hello\n");
  CHECK(Run("zstd", {"-c", dir + "/h"}).out == kHelloFile);
  CHECK(Run("zstd", {"-dc"}, kHelloFile).out == "hello\n");
  CHECK(Run("unzstd", {}, kHelloPipe).out == "hello\n");
}

TEST_CASE("zstd: frames") {
  CHECK(Run("zstd", {"-d"}, kHelloFile + kHelloPipe).out == "hello\nhello\n");
  CHECK(Run("zstd", {"-d"}, kSkippable + kHelloFile + kSkippable).out == "hello\n");
  CHECK(Run("zstd", {"-d"}, kSkippable).out.empty());
  auto r = Run("zstd", {"-d"}, kHelloFile + "junk");
  CHECK(r.status == 1);
  CHECK(r.out == "hello\n");
}

TEST_CASE("zstd: files, suffixes, --rm, -o") {
  std::string dir = TempDir();
  std::string f = WriteFile(dir + "/f", "data\n");
  auto r = Run("zstd", {"-q", f});
  CHECK(r.status == 0);
  CHECK(ReadFile(f) == "data\n");
  CHECK(LibDecompress(ReadFile(f + ".zst")) == "data\n");
  // Existing output: refused without -f.
  r = Run("zstd", {f});
  CHECK(r.status == 1);
  CHECK(r.err == "zstd: " + f + ".zst already exists; not overwritten\n");
  CHECK(Run("zstd", {"-q", "-f", "--rm", f}).status == 0);
  CHECK(::access(f.c_str(), F_OK) != 0);
  r = Run("unzstd", {f + ".zst"});
  CHECK(r.status == 0);
  CHECK(r.err == dir + "/f.zst: 5 bytes \n");  // %-20s: no padding for a long name
  CHECK(ReadFile(f) == "data\n");
  // Suffixes.
  r = Run("unzstd", {f});
  CHECK(r.status == 1);
  CHECK(r.err.find("unknown suffix") != std::string::npos);
  WriteFile(dir + "/t.tzst", kHelloFile);
  CHECK(Run("zstd", {"-qd", dir + "/t.tzst"}).status == 0);
  CHECK(ReadFile(dir + "/t.tar") == "hello\n");
  // -o and --test.
  CHECK(Run("zstd", {"-q", f, "-o", dir + "/o.bin"}).status == 0);
  CHECK(Run("zstd", {"-qt", dir + "/o.bin"}).status == 0);
  CHECK(Run("zstd", {"-qd", dir + "/o.bin", "-o", dir + "/o.txt"}).status == 0);
  CHECK(ReadFile(dir + "/o.txt") == "data\n");
}

TEST_CASE("zstd: bad input removes the partial output and keeps the source") {
  std::string dir = TempDir();
  std::string bad = kHelloFile;
  bad.back() ^= 1;
  WriteFile(dir + "/c.zst", bad);
  auto r = Run("zstd", {"-d", "--rm", dir + "/c.zst"});
  CHECK(r.status == 1);
  CHECK(r.err == "zstd: " + dir + "/c.zst: Decoding error (36) : Restored data doesn't match checksum\n");
  CHECK(::access((dir + "/c").c_str(), F_OK) != 0);
  CHECK(ReadFile(dir + "/c.zst") == bad);

  WriteFile(dir + "/t.zst", kHelloFile.substr(0, 12));
  r = Run("zstd", {"-d", dir + "/t.zst"});
  CHECK(r.status == 1);
  CHECK(r.err == "zstd: " + dir + "/t.zst: Read error (39) : premature end\n");
  CHECK(::access((dir + "/t").c_str(), F_OK) != 0);

  r = Run("zstd", {"-d"}, "plain text");
  CHECK(r.status == 1);
  CHECK(r.err == "zstd: /*stdin*\\: unsupported format\n");
  r = Run("zstd", {"-d"}, "");
  CHECK(r.status == 1);
  CHECK(r.err == "zstd: /*stdin*\\: unexpected end of file\n");
  // zstdcat passes other data through.
  CHECK(Run("zstdcat", {}, "plain text").out == "plain text");

  r = Run("zstd", {"-q", dir + "/missing", dir});
  CHECK(r.status == 1);
  r = Run("zstd", {dir + "/missing"});
  CHECK(r.err == "zstd: " + dir + "/missing: No such file or directory\n");
}

TEST_CASE("zstd: options") {
  std::string data = Text(100000);
  for (std::vector<std::string> opts :
       {std::vector<std::string>{"-1"}, {"-19"}, {"--fast=4"}, {"--ultra", "-22"}, {"-T0"},
        {"--threads=2"}, {"--long=24"}, {"--no-check"}, {"-C"}, {"--single-thread"}, {"-3", "-c", "-"}}) {
    auto c = Run("zstd", opts, data);
    INFO(opts[0]);
    REQUIRE(c.status == 0);
    CHECK(LibDecompress(c.out) == data);
  }
  auto r = Run("zstd", {"-20"}, "x");
  CHECK(r.status == 0);
  CHECK(r.err == "zstd: warning: compression level higher than max, reduced to 19\n");
  r = Run("zstd", {"--bogus"});
  CHECK(r.status == 1);
  CHECK(r.err == "zstd: unrecognized option '--bogus'\nTry 'zstd --help' for more information.\n");
  r = Run("zstd", {"-y"});
  CHECK(r.err == "zstd: invalid option -- 'y'\nTry 'zstd --help' for more information.\n");
  CHECK(Run("zstd", {"--fast=0"}).status == 1);
  CHECK(Run("zstd", {"-Tx"}).status == 1);
  CHECK(Run("zstd", {"--help"}).out.rfind("Usage: zstd", 0) == 0);
  CHECK(Run("zstd", {"-V"}).out == "zstd (multicall) 0.1.0\n");
  CHECK(Run("zstdcat", {"--version"}).out == "zstdcat (multicall) 0.1.0\n");
}

TEST_CASE("zstd: --list") {
  std::string dir = TempDir();
  WriteFile(dir + "/a.zst", kHelloFile);
  WriteFile(dir + "/b.zst", kSkippable + kHelloPipe);
  auto r = Run("zstd", {"-l", dir + "/a.zst"});
  CHECK(r.status == 0);
  CHECK(r.out ==
        "Frames  Skips  Compressed  Uncompressed  Ratio  Check  Filename\n"
        "     1      0      19   B         6   B  0.316  XXH64  " + dir + "/a.zst\n");
  r = Run("zstd", {"-l", dir + "/a.zst", dir + "/b.zst"});
  CHECK(r.out.find("     2      1      30   B                       XXH64  " + dir + "/b.zst\n") !=
        std::string::npos);
  CHECK(r.out.find("     3      1      49   B                       XXH64  2 files\n") != std::string::npos);
  r = Run("zstd", {"-lv", dir + "/a.zst"});
  CHECK(r.out.find("Check: XXH64 91bd8853\n") != std::string::npos);
  CHECK(Run("zstd", {"-l"}, kHelloFile).status == 1);
  WriteFile(dir + "/t.zst", kHelloFile.substr(0, 14));
  CHECK(Run("zstd", {"-l", dir + "/t.zst"}).status == 1);
}

TEST_CASE("zstd: 10 MB and interop with the CLI") {
  std::string dir = TempDir();
  std::string data = Text(10 << 20);
  std::string f = WriteFile(dir + "/big", data);
  REQUIRE(Run("zstd", {"-q", f}).status == 0);
  std::string ours = ReadFile(f + ".zst");
  CHECK(LibDecompress(ours) == data);
  // What the library compresses in one shot, we decompress.
  std::string lib(ZSTD_compressBound(data.size()), '\0');
  lib.resize(ZSTD_compress(lib.data(), lib.size(), data.data(), data.size(), 3));
  CHECK(Run("zstd", {"-dc"}, lib).out == data);
  if (!HaveCli()) return;
  // Identical bytes to the CLI (which compresses in a worker thread by
  // default), and each side decompresses the other's output.
  REQUIRE(Sh("/usr/bin/zstd -q -c " + f + " > " + dir + "/ref.zst") == 0);
  CHECK((ReadFile(dir + "/ref.zst") == ours));
  REQUIRE(Sh("/usr/bin/zstd -q -d -c " + f + ".zst > " + dir + "/back") == 0);
  CHECK(ReadFile(dir + "/back") == data);
  REQUIRE(Sh("(/usr/bin/zstd -q -T2 -c " + f + "; /usr/bin/zstd -q -c </dev/null) > " + dir + "/mt.zst") == 0);
  CHECK(Run("zstd", {"-dc", dir + "/mt.zst"}).out == data);
  std::string two = Run("zstd", {"-c", f, f}).out;
  WriteFile(dir + "/two.zst", two);
  REQUIRE(Sh("/usr/bin/zstd -q -d -c " + dir + "/two.zst > " + dir + "/back2") == 0);
  CHECK(ReadFile(dir + "/back2") == data + data);
}

TEST_CASE("zstd: libzstd has threads (ZSTD_MULTITHREAD) and matches its header") {
  ZSTD_bounds b = ZSTD_cParam_getBounds(ZSTD_c_nbWorkers);
  REQUIRE(!ZSTD_isError(b.error));
  CHECK(b.upperBound >= 2);
  CHECK(ZSTD_versionNumber() == ZSTD_VERSION_NUMBER);
  CHECK(std::string(ZSTD_versionString()) == ZSTD_VERSION_STRING);
}

TEST_CASE("zstd: thread options") {
  // More than one 8 MiB job: -T1 and --single-thread differ.
  std::string data = Text(10 << 20);
  // --single-thread then -T2: two workers (as the CLI), so -T1's bytes.
  std::string t1 = Run("zstd", {"-T1"}, data).out;
  std::string st = Run("zstd", {"--single-thread"}, data).out;
  CHECK((t1 != st));
  CHECK((Run("zstd", {"--single-thread", "-T2"}, data).out == t1));
  CHECK((Run("zstd", {"-T2", "--single-thread"}, data).out == st));
  CHECK((Run("zstd", {"--single-thread", "-T0"}, data).out == st));
  CHECK((Run("zstd", {}, data, {"ZSTD_NBTHREADS=0"}).out == t1));
  CHECK((Run("zstd", {"--single-thread"}, data, {"ZSTD_NBTHREADS=3"}).out == st));
  CHECK((Run("zstd", {"--auto-threads=logical", "-T0"}, data).out == t1));
  auto r = Run("zstd", {}, data, {"ZSTD_NBTHREADS=x"});
  CHECK((r.out == t1));
  CHECK(r.err == "zstd: warning: ignoring ZSTD_NBTHREADS=x: not a valid unsigned value\n");
  CHECK(Run("zstd", {"-q"}, data, {"ZSTD_NBTHREADS=x"}).err.empty());
  r = Run("zstd", {"-d", "-T2"}, t1);
  CHECK((r.out == data));
  CHECK(r.err == "zstd: warning: decompression does not support multi-threading\n");
  CHECK(Run("zstd", {"-d", "-T0"}, t1).err.empty());
  r = Run("zstd", {"-v", "-T0", "-c"}, "x");
  CHECK(r.err.find(" physical core(s) detected\n") != std::string::npos);
  CHECK(Run("zstd", {"--auto-threads=some"}).status == 1);
}

// The CLI's bytes for inputs of several jobs and at job and block
// boundaries (a frame ended by an empty call would get an extra empty block
// there), for the default (one worker), -T2, -T0 and --single-thread.
TEST_CASE("zstd: identical bytes to the CLI with threads (40 MB) and round trip") {
  std::string dir = TempDir();
  std::string data = Text(40 << 20);
  std::string big = WriteFile(dir + "/big", data);
  // Level 3 jobs are 8 MiB; blocks are 128 KiB.
  std::string job = WriteFile(dir + "/job", data.substr(0, 16 << 20));
  std::string block = WriteFile(dir + "/block", data.substr(0, 256 << 10));
  std::string ours_default;
  struct Case {
    std::string file;
    std::vector<std::string> opts;
  };
  const std::vector<Case> cases = {
      {big, {}},       {big, {"-T2"}},   {big, {"-T0"}},   {big, {"--single-thread"}},
      {big, {"-1", "-T2"}}, {job, {}},   {job, {"--single-thread"}}, {block, {}},
      {block, {"--single-thread"}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = c.opts;
    std::string opts;
    for (const auto& o : c.opts) opts += o + " ";
    INFO("options: " << opts << "file: " << c.file);
    args.insert(args.end(), {"-q", "-c", c.file});
    auto r = Run("zstd", args);
    REQUIRE(r.status == 0);
    if (c.file == big && c.opts.empty()) ours_default = r.out;
    if (!HaveCli()) continue;
    REQUIRE(Sh("/usr/bin/zstd -q -c " + opts + c.file + " > " + dir + "/ref.zst") == 0);
    std::string ref = ReadFile(dir + "/ref.zst");
    INFO("sizes: ours " << r.out.size() << ", CLI " << ref.size());
    CHECK((r.out == ref));
  }
  REQUIRE(!ours_default.empty());
  CHECK((LibDecompress(ours_default) == data));
  auto d = Run("zstd", {"-dc"}, ours_default);
  CHECK(d.status == 0);
  CHECK((d.out == data));
  // A pipe (unknown size) with two workers.
  auto p = Run("zstd", {"-T2"}, data);
  REQUIRE(p.status == 0);
  CHECK((LibDecompress(p.out) == data));
}
