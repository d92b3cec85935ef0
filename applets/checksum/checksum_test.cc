#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "tests/harness/in_process.h"

using mc::testing::ReadFile;
using mc::testing::Run;
using mc::testing::TempDir;
using mc::testing::WriteFile;

TEST_CASE("digests of abc (FIPS 180 / RFC 1321 / RFC 7693 vectors)") {
  CHECK(Run("md5sum", {}, "abc").out == "900150983cd24fb0d6963f7d28e17f72  -\n");
  CHECK(Run("sha1sum", {}, "abc").out == "a9993e364706816aba3e25717850c26c9cd0d89d  -\n");
  CHECK(Run("sha224sum", {}, "abc").out == "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7  -\n");
  CHECK(Run("sha256sum", {}, "abc").out ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n");
  CHECK(Run("sha384sum", {}, "abc").out ==
        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7  -\n");
  CHECK(Run("sha512sum", {}, "abc").out ==
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d442364"
        "3ce80e2a9ac94fa54ca49f  -\n");
  CHECK(Run("b2sum", {}, "abc").out ==
        "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf19"
        "25ab92386edd4009923  -\n");
  CHECK(Run("b2sum", {"-l", "256"}, "abc").out ==
        "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319  -\n");
  CHECK(Run("cksum", {}, "abc").out == "1219131554 3\n");
  CHECK(Run("sum", {}, "abc").out == "16556     1\n");
  CHECK(Run("sum", {"-s"}, "abc").out == "294 1\n");
}

TEST_CASE("output formats") {
  std::string dir = TempDir();
  std::string f = WriteFile(dir + "/f", "abc");
  CHECK(Run("md5sum", {"-b", f}).out == "900150983cd24fb0d6963f7d28e17f72 *" + f + "\n");
  CHECK(Run("md5sum", {"--tag", f}).out == "MD5 (" + f + ") = 900150983cd24fb0d6963f7d28e17f72\n");
  CHECK(Run("b2sum", {"--tag", "-l", "256", f}).out ==
        "BLAKE2b-256 (" + f + ") = bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319\n");
  CHECK(Run("md5sum", {"-z", f}).out == "900150983cd24fb0d6963f7d28e17f72  " + f + std::string(1, '\0'));
  std::string odd = WriteFile(dir + "/a\\b\nc", "abc");
  CHECK(Run("md5sum", {odd}).out == "\\900150983cd24fb0d6963f7d28e17f72  " + dir + "/a\\\\b\\nc\n");
  CHECK(Run("cksum", {"-a", "sha1", f}).out == "SHA1 (" + f + ") = a9993e364706816aba3e25717850c26c9cd0d89d\n");
  CHECK(Run("cksum", {"-a", "md5", "--untagged", f}).out == "900150983cd24fb0d6963f7d28e17f72  " + f + "\n");
  CHECK(Run("cksum", {f}).out == "1219131554 3 " + f + "\n");
  CHECK(Run("cksum", {"-a", "bsd", f}).out == "16556     1 " + f + "\n");
  CHECK(Run("cksum", {"-a", "sysv", f}).out == "294 1 " + f + "\n");
}

TEST_CASE("every algorithm agrees between the standalone tool and cksum -a") {
  std::string data;
  for (int i = 0; i < 100000; ++i) data.push_back(static_cast<char>((i * 7919) >> 3));
  const char* pairs[][2] = {{"md5sum", "md5"},       {"sha1sum", "sha1"},     {"sha224sum", "sha224"},
                            {"sha256sum", "sha256"}, {"sha384sum", "sha384"}, {"sha512sum", "sha512"},
                            {"b2sum", "blake2b"}};
  for (auto& p : pairs) {
    auto a = Run(p[0], {}, data);
    auto b = Run("cksum", {"-a", p[1], "--untagged"}, data);
    CHECK(a.status == 0);
    CHECK(a.out == b.out);
  }
}

TEST_CASE("errors continue with the next file") {
  std::string dir = TempDir();
  std::string f = WriteFile(dir + "/f", "abc");
  auto r = Run("sha256sum", {dir + "/missing", f, "/"});
  CHECK(r.status == 1);
  CHECK(r.out == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  " + f + "\n");
  CHECK(r.err == "sha256sum: " + dir + "/missing: No such file or directory\nsha256sum: /: Is a directory\n");
  r = Run("b2sum", {"-l", "9"});
  CHECK(r.status == 1);
  CHECK(r.err == "b2sum: invalid length: '9'\nb2sum: length is not a multiple of 8\n");
  r = Run("md5sum", {"--status"});
  CHECK(r.status == 1);
  CHECK(r.err ==
        "md5sum: the --status option is meaningful only when verifying checksums\n"
        "Try 'md5sum --help' for more information.\n");
  r = Run("cksum", {"-l", "128"});
  CHECK(r.err == "cksum: --length is only supported with --algorithm=blake2b\n");
}

TEST_CASE("check mode") {
  std::string dir = TempDir();
  std::string f = WriteFile(dir + "/f", "abc");
  std::string g = WriteFile(dir + "/g", "abd");
  const std::string md5 = "900150983cd24fb0d6963f7d28e17f72";
  std::string sums = WriteFile(dir + "/sums", md5 + "  " + f + "\n" + md5 + " *" + g + "\nbad line\n" + "MD5 (" + f +
                                                  ") = " + md5 + "\n" + md5 + "  " + dir + "/none\n");
  auto r = Run("md5sum", {"-c", sums});
  CHECK(r.status == 1);
  CHECK(r.out == f + ": OK\n" + g + ": FAILED\n" + f + ": OK\n" + dir + "/none: FAILED open or read\n");
  CHECK(r.err == "md5sum: " + dir +
                     "/none: No such file or directory\n"
                     "md5sum: WARNING: 1 line is improperly formatted\n"
                     "md5sum: WARNING: 1 listed file could not be read\n"
                     "md5sum: WARNING: 1 computed checksum did NOT match\n");
  r = Run("md5sum", {"-c", "--quiet", sums});
  CHECK(r.out == g + ": FAILED\n" + dir + "/none: FAILED open or read\n");
  r = Run("md5sum", {"-c", "--status", sums});
  CHECK(r.out.empty());
  CHECK(r.status == 1);

  // --ignore-missing: silent about missing files, fails when none verified.
  std::string only_missing = WriteFile(dir + "/m", md5 + "  " + dir + "/none\n");
  r = Run("md5sum", {"-c", "--ignore-missing", only_missing});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "md5sum: " + dir + "/m: no file was verified\n");
  std::string good = WriteFile(dir + "/ok", md5 + "  " + f + "\n# comment\n\n" + md5 + "  " + dir + "/none\n");
  r = Run("md5sum", {"-c", "--ignore-missing", "--strict", good});
  CHECK(r.status == 0);
  CHECK(r.out == f + ": OK\n");

  r = Run("sha1sum", {"-c"}, "garbage\n");
  CHECK(r.status == 1);
  CHECK(r.err == "sha1sum: 'standard input': no properly formatted checksum lines found\n");

  // One-space (reversed BSD) lines and escaped names.
  WriteFile(dir + "/x\ny", "abc");
  std::string esc = dir + "/x\\ny";
  r = Run("md5sum", {"-c"}, "\\" + md5 + "  " + esc + "\n");
  CHECK(r.out == "\\" + esc + ": OK\n");
  r = Run("md5sum", {"-c"}, md5 + " " + f + "\n");
  CHECK(r.out == f + ": OK\n");

  // cksum -c takes each line's algorithm from its tag.
  auto tagged = Run("cksum", {"-a", "sha256", f}).out + Run("cksum", {"-a", "blake2b", "-l", "64", g}).out;
  r = Run("cksum", {"-c"}, tagged);
  CHECK(r.status == 0);
  CHECK(r.out == f + ": OK\n" + g + ": OK\n");
  // b2sum -c takes the length from an untagged line.
  r = Run("b2sum", {"-c"}, Run("b2sum", {"-l", "128", f}).out);
  CHECK(r.out == f + ": OK\n");
}

TEST_CASE("large input streams") {
  std::string big(3 * 1024 * 1024 + 17, 'q');
  auto a = Run("sha256sum", {}, big);
  CHECK(a.status == 0);
  CHECK(a.out.size() == 64 + 3 + 1);
  // Same digest whether fed at once or from a file.
  std::string dir = TempDir();
  std::string f = WriteFile(dir + "/big", big);
  CHECK(Run("sha256sum", {f}).out.substr(0, 64) == a.out.substr(0, 64));
}

namespace {

// Output (stdout, stderr, status) of a host command run in dir.
struct HostResult {
  std::string out, err;
  int status;
};
HostResult HostRun(const std::string& dir, const std::string& cmd) {
  std::string o = dir + "/.host_out", e = dir + "/.host_err";
  int rc = std::system(("cd '" + dir + "' && LC_ALL=C " + cmd + " >'" + o + "' 2>'" + e + "'").c_str());
  return {ReadFile(o), ReadFile(e), WEXITSTATUS(rc)};
}

}  // namespace

TEST_CASE("check mode matches GNU on generated check files") {
  if (access("/usr/bin/md5sum", X_OK) != 0 || access("/usr/bin/b2sum", X_OK) != 0) {
    WARN("skipped: GNU md5sum/b2sum are not installed");
    return;
  }
  std::string dir = TempDir();
  WriteFile(dir + "/f", "hello\n");
  WriteFile(dir + "/c\\d", "");
  WriteFile(dir + "/a\nb", "x");
  char old_cwd[4096];
  REQUIRE(getcwd(old_cwd, sizeof old_cwd) != nullptr);
  REQUIRE(chdir(dir.c_str()) == 0);
  std::mt19937 rng(17);
  const char* tools[] = {"md5sum", "b2sum", "sha1sum"};
  const char* extras[] = {"", "--tag"};
  const std::string inserts[] = {" ", "  ", "*", "0", "F", "\t", "\\", "(", ")", "=", "-", "\r", "x"};
  const char* modes[][2] = {{"", ""}, {"--quiet", ""}, {"--status", ""}, {"--strict", "-w"}, {"--ignore-missing", ""}};
  for (int iter = 0; iter < 120; ++iter) {
    std::string tool = tools[iter % 3];
    std::string extra = extras[(iter / 3) % 2];
    std::vector<std::string> args;
    if (!extra.empty()) args.push_back(extra);
    args.insert(args.end(), {"f", "c\\d", "a\nb"});
    std::string sums = Run(tool, args).out;
    std::vector<std::string> lines;
    for (std::size_t p = 0, q; (q = sums.find('\n', p)) != std::string::npos; p = q + 1)
      lines.push_back(sums.substr(p, q - p));
    std::string check;
    std::size_t count = rng() % 5;
    for (std::size_t i = 0; i < count; ++i) {
      std::string l = lines[rng() % lines.size()];
      switch (rng() % 5) {
        case 0: l = "garbage"; break;
        case 1: {
          std::size_t at = rng() % (l.size() + 1);
          l.insert(at, inserts[rng() % 13]);
          break;
        }
        case 2: {
          std::size_t at = l.find('f');
          if (at != std::string::npos) l.replace(at, 1, "missing");
          break;
        }
        default: break;
      }
      check += l + "\n";
    }
    WriteFile(dir + "/list", check);
    const auto& mode = modes[rng() % 5];
    std::vector<std::string> cargs = {"-c"};
    std::string cmd = tool + " -c";
    for (const char* m : mode)
      if (*m) {
        cargs.push_back(m);
        cmd += std::string(" ") + m;
      }
    cargs.push_back("list");
    cmd += " list";
    auto ours = Run(tool, cargs);
    auto gnu = HostRun(dir, "PATH=/usr/bin:/bin " + cmd);
    INFO("command: " << cmd << "\nlist:\n" << check);
    CHECK(ours.out == gnu.out);
    CHECK(ours.err == gnu.err);
    CHECK(ours.status == gnu.status);
  }
  REQUIRE(chdir(old_cwd) == 0);
}
