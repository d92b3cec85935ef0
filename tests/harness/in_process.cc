#include "tests/harness/in_process.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <stdexcept>

#include "applets/support/input.h"
#include "applets/support/invocation.h"
#include "applets/support/output.h"
#include "multicall/run_applet.h"
#include "registry/registry.h"

namespace mc::testing {

namespace {

int MemFile(const char* name) {
  int fd = ::memfd_create(name, MFD_CLOEXEC);
  if (fd < 0) throw std::runtime_error("memfd_create failed");
  return fd;
}

std::string Slurp(int fd) {
  std::string s;
  ::lseek(fd, 0, SEEK_SET);
  char buf[65536];
  for (long n; (n = ReadSome(fd, buf, sizeof buf)) > 0;) s.append(buf, static_cast<size_t>(n));
  return s;
}

}  // namespace

Result Run(std::string_view applet, const std::vector<std::string>& args,
           std::string_view stdin_data, const std::vector<std::string>& env) {
  int index = registry::Find(applet);
  if (index < 0) throw std::runtime_error("applet not in this test's table: " + std::string(applet));
  int in = MemFile("stdin"), out = MemFile("stdout"), err = MemFile("stderr");
  WriteAll(in, stdin_data.data(), stdin_data.size());
  ::lseek(in, 0, SEEK_SET);
  std::vector<std::string> arg_copy = args, env_copy = env;
  std::vector<char*> argv, envp;
  for (auto& a : arg_copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_copy) envp.push_back(e.data());
  envp.push_back(nullptr);
  Result r;
  {
    Invocation inv(applet, static_cast<std::uint16_t>(index),
                   std::span<char* const>(argv.data(), arg_copy.size()), envp.data(), in, out, err);
    r.status = RunApplet(inv);
  }
  r.out = Slurp(out);
  r.err = Slurp(err);
  ::close(in);
  ::close(out);
  ::close(err);
  return r;
}

std::string TempDir() {
  const char* base = getenv("TEST_TMPDIR");
  std::string tmpl = std::string(base ? base : "/tmp") + "/mctest.XXXXXX";
  if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

std::string WriteFile(const std::string& path, std::string_view data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot create " + path);
  WriteAll(fd, data.data(), data.size());
  ::close(fd);
  return path;
}

std::string ReadFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open " + path);
  std::string s = Slurp(fd);
  ::close(fd);
  return s;
}

}  // namespace mc::testing
