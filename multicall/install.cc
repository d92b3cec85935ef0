// multicall --install / --uninstall: one link per applet name in a
// directory, with the safety rules of DESIGN.md: an existing file that is
// not a link to this binary is reported and left alone unless --force;
// replacement is atomic (link to a temporary name, then rename); a missing
// directory is an error; uninstall removes only links resolving to us.
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "applets/support/diag.h"
#include "applets/support/output.h"
#include "multicall/multiplexer.h"
#include "registry/registry.h"

namespace mc {

namespace {

void Err(const std::string& msg) {
  std::string line = std::string(registry::GetTable().multiplexer) + ": " + msg + "\n";
  WriteAll(2, line.data(), line.size());
}

void Out(const std::string& msg) {
  std::string line = msg + "\n";
  WriteAll(1, line.data(), line.size());
}

std::string SelfPath() {
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0) return std::string(buf, static_cast<std::size_t>(n));
  return std::string();
}

std::string RealPath(const std::string& p) {
  char buf[PATH_MAX];
  if (::realpath(p.c_str(), buf) == nullptr) return std::string();
  return buf;
}

// Relative path from directory `from` to file `to` (both absolute, canonical).
std::string RelativePath(const std::string& from, const std::string& to) {
  auto split = [](const std::string& p) {
    std::vector<std::string> parts;
    std::size_t i = 0;
    while (i < p.size()) {
      std::size_t j = p.find('/', i);
      if (j == std::string::npos) j = p.size();
      if (j > i) parts.push_back(p.substr(i, j - i));
      i = j + 1;
    }
    return parts;
  };
  auto a = split(from), b = split(to);
  std::size_t common = 0;
  while (common < a.size() && common + 1 < b.size() && a[common] == b[common]) ++common;
  std::string rel;
  for (std::size_t i = common; i < a.size(); ++i) rel += "../";
  for (std::size_t i = common; i < b.size(); ++i) {
    rel += b[i];
    if (i + 1 < b.size()) rel += '/';
  }
  return rel;
}

bool SameFile(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int CheckDir(const std::string& dir) {
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) {
    Err(QuoteName(dir) + ": " + std::string(ErrorText(errno)));
    return 1;
  }
  if (!S_ISDIR(st.st_mode)) {
    Err(QuoteName(dir) + ": " + std::string(ErrorText(ENOTDIR)));
    return 1;
  }
  return 0;
}

}  // namespace

int Install(int argc, char** argv) {
  bool symlink_mode = false, relative = false, force = false;
  std::string dir;
  for (int i = 0; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--symlink" || a == "-s") symlink_mode = true;
    else if (a == "--hardlink") symlink_mode = false;
    else if (a == "--relative") relative = true;
    else if (a == "--force" || a == "-f") force = true;
    else if (!a.empty() && a.front() == '-') {
      Err("--install: unrecognized option '" + std::string(a) + "'");
      return 1;
    } else if (dir.empty()) dir = a;
    else {
      Err("--install: extra operand " + Quote(a));
      return 1;
    }
  }
  if (dir.empty()) {
    Err("--install: missing directory operand (refusing to guess one)");
    return 1;
  }
  if (relative) symlink_mode = true;
  if (CheckDir(dir)) return 1;
  const std::string self = SelfPath();
  struct stat self_st;
  if (self.empty() || ::stat(self.c_str(), &self_st) != 0) {
    Err("cannot locate this binary through /proc/self/exe");
    return 1;
  }
  std::string link_text = self;
  if (relative) link_text = RelativePath(RealPath(dir), RealPath(self));

  const auto& t = registry::GetTable();
  int created = 0, unchanged = 0, refused = 0, failed = 0;
  bool told_exdev = false;
  for (std::size_t i = 0; i < t.entries.size(); ++i) {
    const std::string name(registry::NameAt(i));
    const std::string dst = dir + "/" + name;
    struct stat st, lst;
    if (::lstat(dst.c_str(), &lst) == 0) {
      bool ours = ::stat(dst.c_str(), &st) == 0 && SameFile(st, self_st);
      if (ours && (S_ISLNK(lst.st_mode) == symlink_mode || !force)) {
        ++unchanged;
        continue;
      }
      if (!ours && !force) {
        Err(QuoteName(dst) + ": exists and is not a link to this binary; left alone (use --force)");
        ++refused;
        continue;
      }
    }
    const std::string tmp = dir + "/.multicall-install." + std::to_string(::getpid()) + "." + name;
    ::unlink(tmp.c_str());
    int rc = -1;
    if (!symlink_mode) {
      rc = ::link(self.c_str(), tmp.c_str());
      if (rc != 0 && (errno == EXDEV || errno == EPERM || errno == EMLINK)) {
        if (!told_exdev) {
          Err("cannot hard-link into " + QuoteName(dir) + " (" + std::string(ErrorText(errno)) +
              "); making symbolic links instead");
          told_exdev = true;
        }
        rc = ::symlink(link_text.c_str(), tmp.c_str());
      }
    } else {
      rc = ::symlink(link_text.c_str(), tmp.c_str());
    }
    if (rc != 0 || ::rename(tmp.c_str(), dst.c_str()) != 0) {
      Err(QuoteName(dst) + ": " + std::string(ErrorText(errno)));
      ::unlink(tmp.c_str());
      ++failed;
      continue;
    }
    ++created;
  }
  Out("installed " + std::to_string(created) + " links in " + dir + " (" +
      std::to_string(unchanged) + " already present, " + std::to_string(refused) +
      " left alone, " + std::to_string(failed) + " failed)");
  return refused + failed == 0 ? 0 : 1;
}

int Uninstall(int argc, char** argv) {
  if (argc != 1) {
    Err(argc == 0 ? "--uninstall: missing directory operand" : "--uninstall: extra operand");
    return 1;
  }
  const std::string dir = argv[0];
  if (CheckDir(dir)) return 1;
  struct stat self_st;
  const std::string self = SelfPath();
  if (self.empty() || ::stat(self.c_str(), &self_st) != 0) {
    Err("cannot locate this binary through /proc/self/exe");
    return 1;
  }
  const auto& t = registry::GetTable();
  int removed = 0, failed = 0;
  for (std::size_t i = 0; i < t.entries.size(); ++i) {
    const std::string dst = dir + "/" + std::string(registry::NameAt(i));
    struct stat st;
    if (::stat(dst.c_str(), &st) != 0 || !SameFile(st, self_st)) continue;
    if (dst == self) continue;
    if (::unlink(dst.c_str()) != 0) {
      Err(QuoteName(dst) + ": " + std::string(ErrorText(errno)));
      ++failed;
    } else {
      ++removed;
    }
  }
  Out("removed " + std::to_string(removed) + " links from " + dir);
  return failed == 0 ? 0 : 1;
}

}  // namespace mc
