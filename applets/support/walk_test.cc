#include "applets/support/walk.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>


using mc::walk::Action;
using mc::walk::Entry;
using V = mc::walk::Visit;

namespace {

struct Recorder : mc::walk::Visitor {
  std::vector<std::pair<V, std::string>> seen;
  std::size_t max_depth = 0, max_path = 0;
  bool remove = false;
  bool keep_paths = true;
  int failures = 0;
  Action Visit(const Entry& e) override {
    if (keep_paths) seen.emplace_back(e.visit, std::string(e.path));
    if (e.depth > max_depth) max_depth = e.depth;
    if (e.path.size() > max_path) max_path = e.path.size();
    if (remove) {
      if (e.visit == V::kFile && ::unlinkat(e.dirfd, e.name, 0) != 0) ++failures;
      if (e.visit == V::kPost && ::unlinkat(e.dirfd, e.name, AT_REMOVEDIR) != 0) ++failures;
    }
    return Action::kContinue;
  }
  int Count(V v) const {
    int n = 0;
    for (auto& s : seen) n += s.first == v;
    return n;
  }
};

std::string TempDir(bool fast = false) {
  const char* base = std::getenv("TEST_TMPDIR");
  // The 100,000-level tree takes minutes on a journaling disk, seconds on
  // a tmpfs.
  if (fast && ::access("/dev/shm", W_OK) == 0) base = "/dev/shm";
  std::string t = std::string(base ? base : "/tmp") + "/walkXXXXXX";
  REQUIRE(::mkdtemp(t.data()) != nullptr);
  return t;
}

void WriteFile(const std::string& path, const std::string& data) {
  int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size()));
  ::close(fd);
}

int OpenFds() {
  int n = 0;
  for (int fd = 0; fd < 4096; ++fd)
    if (::fcntl(fd, F_GETFD) >= 0) ++n;
  return n;
}

}  // namespace

TEST_CASE("walker visits pre, files and post in order") {
  std::string dir = TempDir() + "/t";
  REQUIRE(::mkdir(dir.c_str(), 0755) == 0);
  REQUIRE(::mkdir((dir + "/a").c_str(), 0755) == 0);
  WriteFile(dir + "/a/f", "x");
  REQUIRE(::symlink("a", (dir + "/l").c_str()) == 0);
  Recorder r;
  mc::walk::Walker w({});
  CHECK(w.Walk(dir, r));
  REQUIRE(r.seen.size() == 6);
  CHECK(r.seen.front() == std::make_pair(V::kPre, dir));
  CHECK(r.seen.back() == std::make_pair(V::kPost, dir));
  CHECK(r.Count(V::kFile) == 2);  // a/f and the symlink, not followed
  CHECK(r.Count(V::kPre) == 2);
  // A trailing slash on the operand is not doubled.
  Recorder r2;
  CHECK(w.Walk(dir + "/", r2));
  for (auto& s : r2.seen) CHECK(s.second.find("//") == std::string::npos);
  // -L follows the link: a/f is seen twice.
  Recorder r3;
  mc::walk::Options o;
  o.symlinks = mc::walk::Symlinks::kLogical;
  mc::walk::Walker wl(o);
  CHECK(wl.Walk(dir, r3));
  CHECK(r3.Count(V::kPre) == 3);
  CHECK(r3.Count(V::kFile) == 2);
}

TEST_CASE("walker: symlink loop under -L is a cycle, not a hang") {
  std::string dir = TempDir() + "/loop";
  REQUIRE(::mkdir(dir.c_str(), 0755) == 0);
  REQUIRE(::mkdir((dir + "/d").c_str(), 0755) == 0);
  REQUIRE(::symlink("..", (dir + "/d/up").c_str()) == 0);
  REQUIRE(::symlink(".", (dir + "/self").c_str()) == 0);
  mc::walk::Options o;
  o.symlinks = mc::walk::Symlinks::kLogical;
  mc::walk::Walker w(o);
  Recorder r;
  CHECK(w.Walk(dir, r));
  CHECK(r.Count(V::kCycle) == 2);
  CHECK(r.Count(V::kPre) == 2);
  CHECK(r.Count(V::kPost) == 2);
}

TEST_CASE("walker: 100,000 levels, paths far beyond PATH_MAX, bounded descriptors") {
  const std::size_t kDepth = 100000;
  std::string root = TempDir(true) + "/deep";
  REQUIRE(::mkdir(root.c_str(), 0755) == 0);
  // Build it with mkdir + chdir, as a shell loop would.
  int saved = ::open(".", O_RDONLY | O_DIRECTORY);
  REQUIRE(saved >= 0);
  REQUIRE(::chdir(root.c_str()) == 0);
  for (std::size_t i = 0; i < kDepth; ++i) {
    REQUIRE(::mkdir("dd", 0755) == 0);
    REQUIRE(::chdir("dd") == 0);
  }
  int f = ::open("leaf", O_CREAT | O_WRONLY, 0644);
  REQUIRE(f >= 0);
  ::close(f);
  REQUIRE(::fchdir(saved) == 0);
  ::close(saved);

  int fds_before = OpenFds();
  mc::walk::Options o;
  o.max_fds = 8;
  mc::walk::Walker w(o);
  Recorder count;
  count.keep_paths = false;
  CHECK(w.Walk(root, count));
  CHECK(count.max_depth == kDepth + 1);
  CHECK(count.max_path > 3 * kDepth);
  CHECK(OpenFds() == fds_before);

  Recorder del;
  del.keep_paths = false;
  del.remove = true;
  CHECK(w.Walk(root, del));
  CHECK(del.failures == 0);
  struct stat st;
  CHECK(::lstat(root.c_str(), &st) != 0);
  ::rmdir(root.substr(0, root.size() - 5).c_str());
  CHECK(OpenFds() == fds_before);
}

TEST_CASE("walker: --one-file-system stops at a mount point") {
  struct stat a, b;
  if (::stat("/dev", &a) != 0 || ::stat("/dev/shm", &b) != 0 || a.st_dev == b.st_dev) {
    WARN("SKIPPED: /dev/shm is not a separate file system here");
    return;
  }
  mc::walk::Options o;
  o.one_file_system = true;
  mc::walk::Walker w(o);
  Recorder r;
  w.Walk("/dev", r);
  bool other = false;
  for (auto& s : r.seen) {
    if (s.second == "/dev/shm") other = other || s.first == V::kOtherDevice;
    CHECK(s.second.rfind("/dev/shm/", 0) != 0);
  }
  CHECK(other);
}

TEST_CASE("FileIdSet") {
  mc::walk::FileIdSet s;
  CHECK(!s.Contains(1, 2));
  CHECK(s.Insert(1, 2));
  CHECK(!s.Insert(1, 2));
  CHECK(s.Insert(2, 1));
  CHECK(s.Erase(1, 2));
  CHECK(!s.Contains(1, 2));
}
