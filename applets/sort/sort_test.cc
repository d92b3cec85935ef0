#include <catch2/catch.hpp>

#include <dirent.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

#include <atomic>
#include <thread>

#include <set>
#include <string>

#include "applets/sort/parallel.h"
#include "tests/harness/in_process.h"

using mc::testing::Run;

namespace {

std::string Seq(int from, int to) {
  std::string s;
  for (int i = from; i <= to; ++i) s += std::to_string(i) + "\n";
  return s;
}

int CountEntries(const std::string& dir) {
  int n = 0;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d))
      if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") ++n;
    closedir(d);
  }
  return n;
}

// No child of this process is left (running or a zombie).
bool NoChildren() {
  int status;
  return ::waitpid(-1, &status, WNOHANG) < 0 && errno == ECHILD;
}

std::string Script(const std::string& path, const std::string& body) {
  mc::testing::WriteFile(path, "#!/bin/sh\n" + body);
  ::chmod(path.c_str(), 0755);
  return path;
}

int CountLines(const std::string& text, const std::string& line) {
  int n = 0;
  for (std::size_t p = 0; (p = text.find(line + "\n", p)) != std::string::npos; p += line.size() + 1)
    if (p == 0 || text[p - 1] == '\n') ++n;
  return n;
}

}  // namespace

TEST_CASE("sort: plain, reverse, unique, byte-clean") {
  CHECK(Run("sort", {}, "b\nc\na\n").out == "a\nb\nc\n");
  CHECK(Run("sort", {}, "b\na").out == "a\nb\n");
  CHECK(Run("sort", {}, "").out.empty());
  CHECK(Run("sort", {"-r"}, "a\nc\nb\n").out == "c\nb\na\n");
  CHECK(Run("sort", {"-u"}, "b\na\nb\na\n").out == "a\nb\n");
  CHECK(Run("sort", {}, std::string("b\0x\na\0y\n", 8)).out == std::string("a\0y\nb\0x\n", 8));
  CHECK(Run("sort", {"-z"}, std::string("b\0a\0", 4)).out == std::string("a\0b\0", 4));
  CHECK(Run("sort", {}, "\xff\nA\n\xc3\xa9\n").out == "A\n\xc3\xa9\n\xff\n");
  std::string longline(300000, 'x');
  CHECK(Run("sort", {}, longline + "\na\n").out == "a\n" + longline + "\n");
}

TEST_CASE("sort: numeric and other orderings") {
  CHECK(Run("sort", {"-n"}, "10\n9\n-1\n1.5\n").out == "-1\n1.5\n9\n10\n");
  CHECK(Run("sort", {"-n"}, "-0\n0\n").out == "-0\n0\n");
  CHECK(Run("sort", {"-g"}, "1e3\n5\nnan\nx\n").out == "x\nnan\n5\n1e3\n");
  CHECK(Run("sort", {"-h"}, "1G\n2K\n3M\n1\n").out == "1\n2K\n3M\n1G\n");
  CHECK(Run("sort", {"-M"}, "mar\nJAN\nxyz\nfeb\n").out == "xyz\nJAN\nfeb\nmar\n");
  CHECK(Run("sort", {"-V"}, "a10\na9\na1.2\n").out == "a1.2\na9\na10\n");
  CHECK(Run("sort", {"-f"}, "b\nA\na\nB\n").out == "A\na\nB\nb\n");
  CHECK(Run("sort", {"-d"}, "b!\n-a\n").out == "-a\nb!\n");
  CHECK(Run("sort", {"--sort=numeric"}, "10\n9\n").out == "9\n10\n");
}

TEST_CASE("sort: keys") {
  CHECK(Run("sort", {"-k2,2n", "-k1,1r"}, "a 2\nb 1\nc 2\n").out == "b 1\nc 2\na 2\n");
  CHECK(Run("sort", {"-t:", "-k2"}, "x:b\ny:a\n").out == "y:a\nx:b\n");
  CHECK(Run("sort", {"-k1.2,1.3"}, "xbz\nyay\n").out == "yay\nxbz\n");
  CHECK(Run("sort", {"-s", "-k1,1"}, "a 2\na 1\n").out == "a 2\na 1\n");
  CHECK(Run("sort", {"-k1,1"}, "a 2\na 1\n").out == "a 1\na 2\n");
  CHECK(Run("sort", {"-u", "-k1,1"}, "a 2\na 1\nb 0\n").out == "a 2\nb 0\n");
  CHECK(Run("sort", {"-b", "-k2"}, "x   b\ny a\n").out == "y a\nx   b\n");
  auto r = Run("sort", {"--debug", "-k2n"}, "a 10\n");
  CHECK(r.out == "a 10\n  __\n____\n");
  CHECK(r.err.rfind("sort: text ordering performed using simple byte comparison\n", 0) == 0);
}

TEST_CASE("sort: check and merge") {
  auto r = Run("sort", {"-c"}, "a\nc\nb\n");
  CHECK(r.status == 1);
  CHECK(r.err == "sort: -:3: disorder: b\n");
  CHECK(Run("sort", {"-C"}, "a\nb\n").status == 0);
  CHECK(Run("sort", {"-cu"}, "a\na\n").status == 1);
  std::string dir = mc::testing::TempDir();
  std::string a = mc::testing::WriteFile(dir + "/a", "1\n3\n5\n");
  std::string b = mc::testing::WriteFile(dir + "/b", "2\n4\n");
  CHECK(Run("sort", {"-m", a, b}).out == "1\n2\n3\n4\n5\n");
  CHECK(Run("sort", {"-m", "-o", a, a, b}).status == 0);
  CHECK(mc::testing::ReadFile(a) == "1\n2\n3\n4\n5\n");
}

TEST_CASE("sort: -o onto an input, spilling and temporary files") {
  std::string dir = mc::testing::TempDir();
  std::string f = mc::testing::WriteFile(dir + "/f", "b\na\n");
  CHECK(Run("sort", {"-o", f, f}).status == 0);
  CHECK(mc::testing::ReadFile(f) == "a\nb\n");
  std::string big = Seq(1, 30000);
  std::string tmp = dir + "/tmp";
  CHECK(Run("true", {}).status == 0);
  mc::testing::WriteFile(dir + "/in", big);
  std::string sorted = Run("sort", {dir + "/in"}).out;
  auto r = Run("sort", {"-S", "40k", "-T", dir, "--batch-size=2", dir + "/in"});
  CHECK(r.status == 0);
  CHECK(r.out == sorted);
  CHECK(CountEntries(dir) == 2);  // f and in: no temporary left
  r = Run("sort", {"-S", "40k", "-T", dir + "/missing", dir + "/in"});
  CHECK(r.status == 2);
  CHECK(r.err == "sort: cannot create temporary file in '" + dir + "/missing': No such file or directory\n");
}

TEST_CASE("sort: errors") {
  auto r = Run("sort", {"-k", "0"});
  CHECK(r.status == 2);
  CHECK(r.err == "sort: field number is zero: invalid field specification '0'\n");
  r = Run("sort", {"/nonexistent/x"});
  CHECK(r.status == 2);
  CHECK(r.err == "sort: cannot read: /nonexistent/x: No such file or directory\n");
  r = Run("sort", {"-o", "/nonexistent/x"}, "a\n");
  CHECK(r.status == 2);
  CHECK(r.err == "sort: open failed: /nonexistent/x: No such file or directory\n");
  CHECK(Run("sort", {"-n", "-g"}).err == "sort: options '-gn' are incompatible\n");
  CHECK(Run("sort", {"-t", "ab"}).err == "sort: multi-character tab 'ab'\n");
  CHECK(Run("sort", {"-S", "x"}).err == "sort: invalid -S argument 'x'\n");
  CHECK(Run("sort", {"--bogus"}).status == 2);
  r = Run("sort", {"--sort=foo"});
  CHECK(r.status == 1);
  CHECK(Run("sort", {"--parallel=0"}).err == "sort: number in parallel must be nonzero\n");
}

TEST_CASE("sort: --compress-program") {
  std::string dir = mc::testing::TempDir();
  std::string tmp = dir + "/tmp";
  ::mkdir(tmp.c_str(), 0700);
  std::string in = mc::testing::WriteFile(dir + "/in", Seq(1, 60000));
  std::string sorted = Run("sort", {in}).out;
  // rot5 on digits: its own inverse, so "PROG -d" undoes "PROG".
  std::string log = dir + "/log";
  std::string rot = Script(dir + "/rot", "echo \"x$1\" >>" + log + "\nexec tr 0-9 5-90-4\n");
  auto r = Run("sort", {"-S", "40k", "-T", tmp, "--batch-size=3", "--compress-program=" + rot, in});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out == sorted);
  std::string calls = mc::testing::ReadFile(log);
  CHECK(CountLines(calls, "x") > 3);
  CHECK(CountLines(calls, "x") == CountLines(calls, "x-d"));
  CHECK(CountEntries(tmp) == 0);
  CHECK(NoChildren());

  // Found through the invocation's PATH (the test runs with none: execvp's
  // default, where there is no such program).
  std::string bindir = dir + "/bin";
  ::mkdir(bindir.c_str(), 0755);
  Script(bindir + "/rot5", "PATH=/bin:/usr/bin\nexec tr 0-9 5-90-4\n");
  r = Run("sort", {"-S", "40k", "-T", tmp, "--compress-program=rot5", in}, {},
          {"PATH=/nonexistent:" + bindir});
  CHECK(r.status == 0);
  CHECK(r.out == sorted);
  r = Run("sort", {"-S", "40k", "-T", tmp, "--compress-program=rot5", in});
  CHECK(r.status == 2);
  CHECK(r.err == "sort: couldn't execute compress program: No such file or directory\n");
  CHECK(CountEntries(tmp) == 0);
  CHECK(NoChildren());

  // Failures: the compressor, the decompressor, or data lost on the way.
  r = Run("sort", {"-S", "40k", "-T", tmp, "--compress-program=false", in}, {}, {"PATH=/bin:/usr/bin"});
  CHECK(r.status == 2);
  CHECK(r.err == "sort: 'false' [-d] terminated abnormally\n");
  std::string bad_d = Script(dir + "/bad_d", "test \"$1\" = -d && exit 3\nexec cat\n");
  r = Run("sort", {"-S", "40k", "-T", tmp, "--compress-program=" + bad_d, in});
  CHECK(r.status == 2);
  CHECK(r.err == "sort: '" + bad_d + "' [-d] terminated abnormally\n");
  std::string lossy = Script(dir + "/lossy", "test \"$1\" = -d && exec head -c 5\nexec cat\n");
  r = Run("sort", {"-S", "40k", "-T", tmp, "--compress-program=" + lossy, in});
  CHECK(r.status == 2);
  CHECK(r.err.find("' -d gave back 5 bytes of ") != std::string::npos);
  CHECK(CountEntries(tmp) == 0);
  CHECK(NoChildren());

  // A child of ours from before is none of sort's business; an ignored
  // SIGCHLD does not make sort's children vanish.
  pid_t other = ::fork();
  if (other == 0) ::_exit(1);
  struct sigaction ign, old;
  ign.sa_handler = SIG_IGN;
  sigemptyset(&ign.sa_mask);
  ign.sa_flags = 0;
  r = Run("sort", {"-S", "40k", "-T", tmp, "--compress-program=" + rot, in});
  CHECK(r.status == 0);
  CHECK(r.out == sorted);
  int status = 0;
  CHECK(::waitpid(other, &status, 0) == other);
  CHECK(WEXITSTATUS(status) == 1);
  ::sigaction(SIGCHLD, &ign, &old);
  r = Run("sort", {"-S", "40k", "-T", tmp, "--compress-program=" + rot, in});
  ::sigaction(SIGCHLD, &old, nullptr);
  CHECK(r.status == 0);
  CHECK(r.out == sorted);
  CHECK(NoChildren());
}

// In a child whose address space is capped just above what it uses, no
// thread stack can be mapped: every part must still run, on this thread.
TEST_CASE("sort: InParallel runs every part when no thread can be created") {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    static int done[8];
    std::thread::id caller = std::this_thread::get_id();
    static bool all_on_caller = true;
    unsigned long pages = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
      if (std::fscanf(f, "%lu", &pages) != 1) pages = 0;
      std::fclose(f);
    }
    if (pages == 0) ::_exit(3);
    struct rlimit rl;
    rl.rlim_cur = rl.rlim_max = pages * static_cast<unsigned long>(::sysconf(_SC_PAGESIZE)) + (1 << 20);
    if (::setrlimit(RLIMIT_AS, &rl) != 0) ::_exit(4);
    try {
      mc::sort::InParallel(8, [&](std::size_t i) {
        ++done[i];
        if (std::this_thread::get_id() != caller) all_on_caller = false;
      });
    } catch (...) {
      ::_exit(5);  // not back into Catch2 in the child
    }
    for (int d : done)
      if (d != 1) ::_exit(1);
    ::_exit(all_on_caller ? 0 : 2);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("sort: InParallel runs each part once") {
  std::atomic<int> done[5] = {};
  mc::sort::InParallel(5, [&](std::size_t i) { ++done[i]; });
  for (auto& d : done) CHECK(d.load() == 1);
  int one = 0;
  mc::sort::InParallel(1, [&](std::size_t i) { one += static_cast<int>(i) + 1; });
  CHECK(one == 1);
}

// comm, join, shuf, tsort, uniq.
TEST_CASE("uniq") {
  CHECK(Run("uniq", {}, "a\na\nb\na\n").out == "a\nb\na\n");
  CHECK(Run("uniq", {"-c"}, "a\na\nb\n").out == "      2 a\n      1 b\n");
  CHECK(Run("uniq", {"-d"}, "a\na\nb\n").out == "a\n");
  CHECK(Run("uniq", {"-u"}, "a\na\nb\n").out == "b\n");
  CHECK(Run("uniq", {"-D"}, "a\na\nb\n").out == "a\na\n");
  CHECK(Run("uniq", {"--all-repeated=separate"}, "a\na\nb\nc\nc\n").out == "a\na\n\nc\nc\n");
  CHECK(Run("uniq", {"--group=both"}, "a\nb\n").out == "\na\n\nb\n\n");
  CHECK(Run("uniq", {"-i"}, "a\nA\n").out == "a\n");
  CHECK(Run("uniq", {"-f1"}, "x a\ny a\n").out == "x a\n");
  CHECK(Run("uniq", {"-s1", "-w1"}, "xab\nyac\n").out == "xab\n");
  CHECK(Run("uniq", {"-z"}, std::string("a\0a\0", 4)).out == std::string("a\0", 2));
  CHECK(Run("uniq", {}, "a\na").out == "a\n");
  auto r = Run("uniq", {"-c", "-D"});
  CHECK(r.status == 1);
  CHECK(r.err.rfind("uniq: printing all duplicated lines and repeat counts is meaningless\n", 0) == 0);
  CHECK(Run("uniq", {"-f", "x"}).err == "uniq: x: invalid number of fields to skip\n");
}

TEST_CASE("comm") {
  std::string dir = mc::testing::TempDir();
  std::string a = mc::testing::WriteFile(dir + "/a", "a\nb\nd\n");
  std::string b = mc::testing::WriteFile(dir + "/b", "b\nc\nd\n");
  CHECK(Run("comm", {a, b}).out == "a\n\t\tb\n\tc\n\t\td\n");
  CHECK(Run("comm", {"-12", a, b}).out == "b\nd\n");
  CHECK(Run("comm", {"--output-delimiter=|", "--total", a, b}).out ==
        "a\n||b\n|c\n||d\n1|1|2|total\n");
  std::string u = mc::testing::WriteFile(dir + "/u", "b\na\n");
  auto r = Run("comm", {u, b});
  CHECK(r.status == 1);
  CHECK(r.err == "comm: file 1 is not in sorted order\ncomm: input is not in sorted order\n");
  CHECK(Run("comm", {"--nocheck-order", u, b}).status == 0);
  CHECK(Run("comm", {a}).err.rfind("comm: missing operand after", 0) == 0);
}

TEST_CASE("join") {
  std::string dir = mc::testing::TempDir();
  std::string a = mc::testing::WriteFile(dir + "/a", "1 x\n2 y\n4 w\n");
  std::string b = mc::testing::WriteFile(dir + "/b", "1 p\n3 q\n4 r\n");
  CHECK(Run("join", {a, b}).out == "1 x p\n4 w r\n");
  CHECK(Run("join", {"-a1", a, b}).out == "1 x p\n2 y\n4 w r\n");
  CHECK(Run("join", {"-v2", a, b}).out == "3 q\n");
  CHECK(Run("join", {"-a1", "-a2", "-e", "E", "-o", "auto", a, b}).out ==
        "1 x p\n2 y E\n3 E q\n4 w r\n");
  CHECK(Run("join", {"-o", "2.2,1.2", a, b}).out == "p x\nr w\n");
  std::string c = mc::testing::WriteFile(dir + "/c", "k:1\nm:2\n");
  std::string d = mc::testing::WriteFile(dir + "/d", "k:3\n");
  CHECK(Run("join", {"-t:", c, d}).out == "k:1:3\n");
  CHECK(Run("join", {"-t", "", c, c}).out == "k:1\nm:2\n");
  CHECK(Run("join", {"-o", "x", a, b}).err == "join: invalid file number in field spec: 'x'\n");
  CHECK(Run("join", {"-", "-"}).err == "join: both files cannot be standard input\n");
}

TEST_CASE("tsort") {
  CHECK(Run("tsort", {}, "a b\nb c\n").out == "a\nb\nc\n");
  auto r = Run("tsort", {}, "a b\nb a\n");
  CHECK(r.status == 1);
  CHECK(r.err == "tsort: -: input contains a loop:\ntsort: a\ntsort: b\n");
  r = Run("tsort", {}, "a b c");
  CHECK(r.status == 1);
  CHECK(r.err == "tsort: -: input contains an odd number of tokens\n");
}

TEST_CASE("shuf") {
  auto r = Run("shuf", {"-i", "1-100"});
  CHECK(r.status == 0);
  std::multiset<std::string> got;
  std::size_t start = 0;
  while (start < r.out.size()) {
    std::size_t nl = r.out.find('\n', start);
    got.insert(r.out.substr(start, nl - start));
    start = nl + 1;
  }
  CHECK(got.size() == 100);
  CHECK(std::set<std::string>(got.begin(), got.end()).size() == 100);
  CHECK(Run("shuf", {"-n", "3", "-e", "a", "b", "c", "d"}).out.size() == 6);
  CHECK(Run("shuf", {"-r", "-n", "5", "-e", "a"}).out == "a\na\na\na\na\n");
  CHECK(Run("shuf", {"-z", "-e", "x"}).out == std::string("x\0", 2));
  CHECK(Run("shuf", {}, "only\n").out == "only\n");
  std::string dir = mc::testing::TempDir();
  std::string src = mc::testing::WriteFile(dir + "/rnd", std::string(4096, '\x5a'));
  CHECK(Run("shuf", {"--random-source=" + src, "-i", "1-50"}).out ==
        Run("shuf", {"--random-source=" + src, "-i", "1-50"}).out);
  CHECK(Run("shuf", {"-i", "5-3"}).err == "shuf: invalid input range: '5-3'\n");
  CHECK(Run("shuf", {"-r"}, "").err == "shuf: no lines to repeat\n");
}
