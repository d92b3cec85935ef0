#include "applets/support/signal_cleanup.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include <catch2/catch.hpp>

namespace sc = mc::sigcleanup;

namespace {

std::string TempDir() {
  const char* base = std::getenv("TEST_TMPDIR");
  std::string t = std::string(base ? base : "/tmp") + "/sigcleanXXXXXX";
  REQUIRE(::mkdtemp(t.data()) != nullptr);
  return t;
}

bool Exists(const std::string& p) {
  struct stat st;
  return ::lstat(p.c_str(), &st) == 0;
}

void Touch(const std::string& p) {
  int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  REQUIRE(fd >= 0);
  ::close(fd);
}

sighandler_t Disposition(int sig) {
  struct sigaction sa;
  ::sigaction(sig, nullptr, &sa);
  return sa.sa_handler;
}

// Runs fn in a child process and returns its wait status.
template <typename Fn>
int InChild(Fn fn) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    fn();
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  return status;
}

}  // namespace

TEST_CASE("a fatal signal removes registered files and directories, then kills") {
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT, SIGXFSZ}) {
    std::string dir = TempDir();
    std::string sub = dir + "/sub", a = dir + "/a", b = sub + "/b", kept = dir + "/kept";
    int status = InChild([&] {
      ::signal(sig, SIG_DFL);
      ::mkdir(sub.c_str(), 0700);
      sc::Add(sub);  // the directory first, then what it holds
      Touch(a);
      sc::Add(a);
      Touch(b);
      sc::Add(b);
      Touch(kept);
      sc::Forget(sc::Add(kept));
      ::raise(sig);
      ::_exit(3);  // not reached
    });
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == sig);
    CHECK_FALSE(Exists(a));
    CHECK_FALSE(Exists(b));
    CHECK_FALSE(Exists(sub));
    CHECK(Exists(kept));
    ::unlink(kept.c_str());
    ::rmdir(dir.c_str());
  }
}

TEST_CASE("an ignored signal stays ignored and removes nothing") {
  std::string dir = TempDir();
  std::string a = dir + "/a";
  int status = InChild([&] {
    ::signal(SIGINT, SIG_IGN);
    Touch(a);
    sc::Add(a);
    ::raise(SIGINT);
    ::_exit(Disposition(SIGINT) == SIG_IGN ? 7 : 8);
  });
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 7);
  CHECK(Exists(a));
  ::unlink(a.c_str());
  ::rmdir(dir.c_str());
}

TEST_CASE("handlers are in place only while something is registered") {
  // (The test runner may have its own handler: it must come back.)
  const sighandler_t before = Disposition(SIGTERM);
  std::size_t one = sc::Add("/nonexistent/one");
  std::size_t two = sc::Add("/nonexistent/two");
  const sighandler_t ours = Disposition(SIGTERM);
  CHECK(ours != before);
  sc::Forget(one);
  CHECK(Disposition(SIGTERM) == ours);
  sc::Forget(two);
  CHECK(Disposition(SIGTERM) == before);
  sc::Forget(0);
}

TEST_CASE("many registrations and removals keep only the live ones") {
  std::string dir = TempDir();
  int status = InChild([&] {
    // Forgotten entries are swept out of the list as they pile up.
    for (int i = 0; i < 1000; ++i) {
      std::string p = dir + "/f" + std::to_string(i);
      Touch(p);
      std::size_t id = sc::Add(p);
      if (i % 100 != 0) sc::Forget(id);
    }
    {
      sc::Paths group;
      group.Add(dir + "/f1");
      group.Add(dir + "/f2");
      group.ForgetLast();
    }  // f1 forgotten with the group
    ::raise(SIGTERM);
  });
  CHECK(WIFSIGNALED(status));
  for (int i = 0; i < 1000; ++i) {
    std::string p = dir + "/f" + std::to_string(i);
    CHECK(Exists(p) == (i % 100 != 0));
    ::unlink(p.c_str());
  }
  ::rmdir(dir.c_str());
}
