#include "applets/support/copy.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>
#include <vector>

using mc::copy::CopyData;
using mc::copy::Reflink;
using mc::copy::Sparse;

namespace {

std::string TempDir() {
  const char* t = std::getenv("TEST_TMPDIR");
  std::string tmpl = std::string(t ? t : "/tmp") + "/copyXXXXXX";
  REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
  return tmpl;
}

std::string Slurp(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  std::string s;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return s;
}

void Put(int fd, off_t at, const std::string& s) {
  REQUIRE(::pwrite(fd, s.data(), s.size(), at) == static_cast<ssize_t>(s.size()));
}

// Copies src to dst with CopyData; returns dst's stat.
struct stat Copy(const std::string& src, const std::string& dst, Sparse sparse) {
  int in = ::open(src.c_str(), O_RDONLY);
  REQUIRE(in >= 0);
  int out = ::open(dst.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  REQUIRE(out >= 0);
  struct stat st;
  REQUIRE(::fstat(in, &st) == 0);
  mc::copy::DataError e = CopyData(in, out, st, sparse, Reflink::kNever);
  CHECK(e.err == 0);
  ::close(in);
  REQUIRE(::close(out) == 0);
  struct stat dst_st;
  REQUIRE(::stat(dst.c_str(), &dst_st) == 0);
  return dst_st;
}

}  // namespace

TEST_CASE("a few megabytes of data") {
  std::string d = TempDir();
  std::string data;
  for (int i = 0; i < 3 * 1024 * 1024 + 17; ++i) data += static_cast<char>('a' + i % 23);
  int fd = ::open((d + "/src").c_str(), O_WRONLY | O_CREAT, 0644);
  Put(fd, 0, data);
  ::close(fd);
  for (Sparse s : {Sparse::kNever, Sparse::kAuto, Sparse::kAlways}) {
    struct stat st = Copy(d + "/src", d + "/dst", s);
    CHECK(st.st_size == static_cast<off_t>(data.size()));
    CHECK(Slurp(d + "/dst") == data);
  }
}

TEST_CASE("sparse sources keep their holes") {
  std::string d = TempDir();
  int fd = ::open((d + "/src").c_str(), O_WRONLY | O_CREAT, 0644);
  REQUIRE(::ftruncate(fd, 8 << 20) == 0);
  Put(fd, 1 << 20, "middle");
  Put(fd, (4 << 20) + 3, "later");
  ::close(fd);
  struct stat src;
  REQUIRE(::stat((d + "/src").c_str(), &src) == 0);
  if (src.st_blocks * 512 >= src.st_size) {
    WARN("file system without holes; sparse check skipped");
    return;
  }
  std::string want = Slurp(d + "/src");
  struct stat st = Copy(d + "/src", d + "/auto", Sparse::kAuto);
  CHECK(st.st_size == 8 << 20);
  CHECK(st.st_blocks * 512 < (1 << 20));
  CHECK(Slurp(d + "/auto") == want);
  st = Copy(d + "/src", d + "/never", Sparse::kNever);
  CHECK(st.st_size == 8 << 20);
  CHECK(Slurp(d + "/never") == want);
  CHECK(st.st_blocks * 512 >= (8 << 20));
}

TEST_CASE("always makes holes from zeros, trailing ones too") {
  std::string d = TempDir();
  std::string data(2 << 20, '\0');
  data[100] = 'x';
  int fd = ::open((d + "/src").c_str(), O_WRONLY | O_CREAT, 0644);
  Put(fd, 0, data);
  ::close(fd);
  struct stat st = Copy(d + "/src", d + "/dst", Sparse::kAlways);
  CHECK(st.st_size == static_cast<off_t>(data.size()));
  CHECK(Slurp(d + "/dst") == data);
  struct stat probe;
  REQUIRE(::stat((d + "/src").c_str(), &probe) == 0);
  if (probe.st_blocks > 0) CHECK(st.st_blocks * 512 < (1 << 20));
}

TEST_CASE("a pipe source takes the read/write path") {
  std::string d = TempDir();
  int p[2];
  REQUIRE(::pipe(p) == 0);
  std::string data(100000, 'q');
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(p[0]);
    std::size_t off = 0;
    while (off < data.size()) {
      ssize_t n = ::write(p[1], data.data() + off, data.size() - off);
      if (n <= 0) ::_exit(1);
      off += static_cast<std::size_t>(n);
    }
    ::_exit(0);
  }
  ::close(p[1]);
  int out = ::open((d + "/dst").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  struct stat st;
  REQUIRE(::fstat(p[0], &st) == 0);
  CHECK(CopyData(p[0], out, st, Sparse::kAuto, Reflink::kAuto).err == 0);
  ::close(p[0]);
  ::close(out);
  CHECK(Slurp(d + "/dst") == data);
}

TEST_CASE("write errors are reported as the destination's") {
  std::string d = TempDir();
  int fd = ::open((d + "/src").c_str(), O_WRONLY | O_CREAT, 0644);
  Put(fd, 0, std::string(70000, 'z'));
  ::close(fd);
  int in = ::open((d + "/src").c_str(), O_RDONLY);
  int out = ::open("/dev/full", O_WRONLY);
  if (out < 0) return;
  struct stat st;
  REQUIRE(::fstat(in, &st) == 0);
  mc::copy::DataError e = CopyData(in, out, st, Sparse::kAuto, Reflink::kAuto);
  CHECK(e.err == ENOSPC);
  CHECK(e.writing);
  ::close(in);
  ::close(out);
  // A read error (a directory) is the source's.
  int dir = ::open(d.c_str(), O_RDONLY | O_DIRECTORY);
  out = ::open((d + "/o").c_str(), O_WRONLY | O_CREAT, 0644);
  REQUIRE(::fstat(dir, &st) == 0);
  e = CopyData(dir, out, st, Sparse::kAuto, Reflink::kNever);
  CHECK(e.err == EISDIR);
  CHECK_FALSE(e.writing);
  ::close(dir);
  ::close(out);
}

TEST_CASE("backup names") {
  std::string d = TempDir();
  std::string f = d + "/f";
  using mc::copy::Backup;
  using mc::copy::BackupName;
  CHECK(BackupName(f, Backup::kNone, "~").empty());
  CHECK(BackupName(f, Backup::kSimple, ".bak") == f + ".bak");
  CHECK(BackupName(f, Backup::kExisting, "~") == f + "~");
  CHECK(BackupName(f, Backup::kNumbered, "~") == f + ".~1~");
  for (const char* n : {"/f.~1~", "/f.~9~", "/f.~x~", "/f.~010~"}) {
    int fd = ::open((d + n).c_str(), O_WRONLY | O_CREAT, 0644);
    ::close(fd);
  }
  CHECK(BackupName(f, Backup::kNumbered, "~") == f + ".~10~");
  CHECK(BackupName(f, Backup::kExisting, "~") == f + ".~10~");
  CHECK(BackupName(f + "/", Backup::kSimple, "~") == f + "~");
}

TEST_CASE("names") {
  using mc::copy::JoinPath;
  using mc::copy::LastComponent;
  CHECK(JoinPath("d", "a") == "d/a");
  CHECK(JoinPath("d/", "a") == "d/a");
  CHECK(LastComponent("a/b/") == "b");
  CHECK(LastComponent("/") == "/");
  CHECK(LastComponent("x") == "x");
}
