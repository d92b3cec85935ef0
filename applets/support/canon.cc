#include "applets/support/canon.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <memory>

namespace mc::canon {
namespace {

constexpr int kMaxLinks = 40;

bool Cwd(std::string* out) {
  std::size_t size = 256;
  for (;;) {
    auto buf = std::make_unique<char[]>(size);
    if (::getcwd(buf.get(), size)) {
      *out = buf.get();
      return true;
    }
    if (errno != ERANGE) return false;
    size *= 2;
  }
}

int ReadLink(const std::string& path, std::string* out) {
  std::size_t size = 256;
  for (;;) {
    auto buf = std::make_unique<char[]>(size);
    ssize_t n = ::readlink(path.c_str(), buf.get(), size);
    if (n < 0) return errno;
    if (static_cast<std::size_t>(n) < size) {
      out->assign(buf.get(), n);
      return 0;
    }
    size *= 2;
  }
}

void PopComponent(std::string* r) {
  std::size_t slash = r->rfind('/');
  r->resize(slash == 0 ? 1 : slash);
}

// Whether only slashes follow pos.
bool OnlySlashes(std::string_view s, std::size_t pos) {
  for (; pos < s.size(); ++pos)
    if (s[pos] != '/') return false;
  return true;
}

}  // namespace

int Canonicalize(std::string_view name, Mode mode, bool resolve_symlinks, std::string* out) {
  if (name.empty()) return ENOENT;
  std::string r;
  if (name[0] != '/') {
    if (!Cwd(&r)) return errno;
  } else {
    r = "/";
  }
  std::string pending(name);
  std::size_t pos = 0;
  int links = 0;
  while (pos < pending.size()) {
    while (pos < pending.size() && pending[pos] == '/') ++pos;
    if (pos >= pending.size()) break;
    std::size_t end = pending.find('/', pos);
    if (end == std::string::npos) end = pending.size();
    std::string_view comp(pending.data() + pos, end - pos);
    pos = end;
    if (comp == ".") continue;
    if (comp == "..") {
      // Without resolving, what ".." leaves must still exist (gnulib).
      struct stat dir;
      if (!resolve_symlinks && mode != Mode::kMissing && ::stat(r.c_str(), &dir) != 0)
        return errno;
      PopComponent(&r);
      continue;
    }
    if (r.back() != '/') r += '/';
    r.append(comp);
    struct stat st;
    if (!resolve_symlinks && mode != Mode::kExisting) continue;
    if (::lstat(r.c_str(), &st) != 0) {
      int err = errno;
      if (mode == Mode::kMissing) continue;
      if (mode == Mode::kAllButLast && err == ENOENT && OnlySlashes(pending, pos)) continue;
      return err;
    }
    if (S_ISLNK(st.st_mode) && resolve_symlinks) {
      if (++links > kMaxLinks) return ELOOP;
      std::string target;
      if (int err = ReadLink(r, &target)) return err;
      target.append(pending, pos, std::string::npos);
      pending.swap(target);
      pos = 0;
      if (!pending.empty() && pending[0] == '/')
        r = "/";
      else
        PopComponent(&r);
      continue;
    }
    if (!OnlySlashes(pending, pos) || pos < pending.size()) {
      // More components, or a trailing slash: this must be a directory.
      bool dir = S_ISDIR(st.st_mode);
      if (!dir && S_ISLNK(st.st_mode)) {
        struct stat t;
        dir = ::stat(r.c_str(), &t) == 0 && S_ISDIR(t.st_mode);
      }
      if (!dir && mode != Mode::kMissing) return ENOTDIR;
    }
  }
  *out = std::move(r);
  return 0;
}

int CanonicalizeLogical(std::string_view name, Mode mode, std::string* out) {
  std::string lexical;
  if (int err = Canonicalize(name, mode, false, &lexical)) return err;
  return Canonicalize(lexical, mode, true, out);
}

std::string Relative(std::string_view path, std::string_view base) {
  auto next = [](std::string_view& s) {
    while (!s.empty() && s[0] == '/') s.remove_prefix(1);
    std::size_t e = s.find('/');
    std::string_view c = s.substr(0, e);
    s.remove_prefix(c.size());
    return c;
  };
  std::string_view p = path, b = base;
  for (;;) {
    std::string_view pp = p, bb = b;
    std::string_view pc = next(pp), bc = next(bb);
    if (pc.empty() || bc.empty() || pc != bc) break;
    p = pp;
    b = bb;
  }
  std::string rel;
  while (!next(b).empty()) rel += rel.empty() ? ".." : "/..";
  for (std::string_view c; !(c = next(p)).empty();) {
    if (!rel.empty()) rel += '/';
    rel.append(c);
  }
  if (rel.empty()) rel = ".";
  return rel;
}

bool IsPrefix(std::string_view prefix, std::string_view path) {
  if (prefix.empty() || path.empty()) return false;
  prefix.remove_prefix(1);
  path.remove_prefix(1);
  if (prefix.empty()) return path.empty() || path[0] != '/';
  if (prefix == "/") return !path.empty() && path[0] == '/';
  std::size_t i = 0;
  while (i < prefix.size() && i < path.size() && prefix[i] == path[i]) ++i;
  return i == prefix.size() && (i == path.size() || path[i] == '/');
}

}  // namespace mc::canon
