#include "applets/support/walk.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <unordered_set>

#include "applets/support/diag.h"

namespace mc::walk {

// ---- FileIdSet ----

namespace {
struct IdHash {
  std::size_t operator()(unsigned __int128 v) const {
    auto lo = static_cast<std::uint64_t>(v), hi = static_cast<std::uint64_t>(v >> 64);
    return static_cast<std::size_t>((lo * 0x9e3779b97f4a7c15ULL) ^ (hi * 0xc2b2ae3d27d4eb4fULL));
  }
};
unsigned __int128 Key(dev_t dev, ino_t ino) {
  return (static_cast<unsigned __int128>(dev) << 64) | static_cast<std::uint64_t>(ino);
}
}  // namespace

struct FileIdSet::Impl {
  std::unordered_set<unsigned __int128, IdHash> ids;
};

FileIdSet::FileIdSet() = default;
FileIdSet::~FileIdSet() = default;

bool FileIdSet::Insert(dev_t dev, ino_t ino) {
  if (!impl_) impl_ = std::make_unique<Impl>();
  return impl_->ids.insert(Key(dev, ino)).second;
}
bool FileIdSet::Erase(dev_t dev, ino_t ino) { return impl_ && impl_->ids.erase(Key(dev, ino)) != 0; }
bool FileIdSet::Contains(dev_t dev, ino_t ino) const {
  return impl_ && impl_->ids.count(Key(dev, ino)) != 0;
}

void FileIdSet::Clear() {
  if (impl_) impl_->ids.clear();
}

// ---- Walker ----

namespace {

constexpr std::size_t kBufSize = 64 * 1024;

mode_t TypeOf(unsigned char d_type) {
  switch (d_type) {
    case DT_DIR: return S_IFDIR;
    case DT_REG: return S_IFREG;
    case DT_LNK: return S_IFLNK;
    case DT_FIFO: return S_IFIFO;
    case DT_SOCK: return S_IFSOCK;
    case DT_CHR: return S_IFCHR;
    case DT_BLK: return S_IFBLK;
    default: return 0;
  }
}

int OpenDir(int dirfd, const char* name, bool follow) {
  return ::openat(dirfd, name,
                  O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW));
}

}  // namespace

struct Walker::Frame {
  int fd = -1;
  dev_t dev = 0;
  ino_t ino = 0;
  bool followed = false;  // entered through a symlink: ".." is elsewhere
  std::string name;       // in the parent (the operand at level 0)
  std::string entries;    // per entry: d_type byte, name, NUL
  std::size_t next = 0;
  std::size_t path_len = 0;         // path_ up to and including this directory
  std::size_t parent_path_len = 0;  // path_ before this directory's name
};

Walker::Walker(const Options& o) : opts_(o) {
  if (opts_.max_fds < 2) opts_.max_fds = 2;
}

Walker::~Walker() { Unwind(); }

void Walker::Unwind() {
  for (Frame& f : frames_)
    if (f.fd >= 0) ::close(f.fd);
  frames_.clear();
  lo_ = 0;
}

bool Walker::ReadEntries(Frame& f) {
  if (!buf_) buf_ = std::make_unique<char[]>(kBufSize);
  for (;;) {
    ssize_t n = ::getdents64(f.fd, buf_.get(), kBufSize);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) return true;
    for (ssize_t off = 0; off < n;) {
      auto* d = reinterpret_cast<struct dirent64*>(buf_.get() + off);
      off += d->d_reclen;
      const char* nm = d->d_name;
      if (nm[0] == '.' && (nm[1] == '\0' || (nm[1] == '.' && nm[2] == '\0'))) continue;
      f.entries.push_back(static_cast<char>(d->d_type));
      f.entries.append(nm, std::strlen(nm) + 1);
    }
  }
}

// Reopens frames_[level] (closed by LimitFds) from its open child via "..",
// or by name from the nearest open ancestor; checks device and inode.
bool Walker::Reopen(std::size_t level) {
  Frame& f = frames_[level];
  auto same = [&](int fd) {
    struct stat st;
    return ::fstat(fd, &st) == 0 && st.st_dev == f.dev && st.st_ino == f.ino;
  };
  if (level + 1 < frames_.size() && frames_[level + 1].fd >= 0 && !frames_[level + 1].followed) {
    int fd = OpenDir(frames_[level + 1].fd, "..", false);
    if (fd >= 0 && same(fd)) {
      f.fd = fd;
      return true;
    }
    if (fd >= 0) ::close(fd);
  }
  // From the nearest open ancestor, by name.
  std::size_t k = level;
  while (k > 0 && frames_[k - 1].fd < 0) --k;
  int parent = k == 0 ? AT_FDCWD : frames_[k - 1].fd;
  for (std::size_t m = k; m <= level; ++m) {
    bool follow = frames_[m].followed;
    int fd = OpenDir(parent, frames_[m].name.c_str(), follow);
    if (parent != AT_FDCWD && (m == 0 || parent != frames_[m - 1].fd)) ::close(parent);
    if (fd < 0) return false;
    struct stat st;
    if (::fstat(fd, &st) != 0 || st.st_dev != frames_[m].dev || st.st_ino != frames_[m].ino) {
      ::close(fd);
      return false;
    }
    parent = fd;
  }
  f.fd = parent;
  return true;
}

void Walker::LimitFds() {
  while (frames_.size() - lo_ > opts_.max_fds) {
    ::close(frames_[lo_].fd);
    frames_[lo_].fd = -1;
    ++lo_;
  }
}

bool Walker::Fail(const char* name, int err, Visitor& v) {
  Entry e{Visit::kError, AT_FDCWD, name, path_, frames_.size(), 0, nullptr, err};
  v.Visit(e);
  Unwind();
  return false;
}

bool Walker::Walk(const std::string& operand, Visitor& v) {
  Unwind();
  ancestors_.Clear();
  path_ = operand;
  const bool follow_root = opts_.symlinks != Symlinks::kPhysical;
  const bool follow_all = opts_.symlinks == Symlinks::kLogical;
  struct stat st;
  int rc = ::fstatat(AT_FDCWD, operand.c_str(), &st, follow_root ? 0 : AT_SYMLINK_NOFOLLOW);
  if (rc != 0 && follow_root && errno == ENOENT)
    rc = ::fstatat(AT_FDCWD, operand.c_str(), &st, AT_SYMLINK_NOFOLLOW);
  if (rc != 0) {
    Entry e{Visit::kError, AT_FDCWD, operand.c_str(), path_, 0, 0, nullptr, errno};
    return v.Visit(e) != Action::kStop;
  }
  root_dev_ = st.st_dev;
  mode_t type = st.st_mode & S_IFMT;
  if (!S_ISDIR(st.st_mode)) {
    Entry e{Visit::kFile, AT_FDCWD, operand.c_str(), path_, 0, type, &st, 0};
    return v.Visit(e) != Action::kStop;
  }

  // Enters the directory name (in dirfd, stat st) at the given depth.
  // Returns false when the visitor stopped the walk.
  auto enter = [&](int dirfd, const char* name, const struct stat& dst, std::size_t depth,
                   std::size_t parent_len, bool follow) -> bool {
    Entry e{Visit::kPre, dirfd, name, path_, depth, S_IFDIR, &dst, 0};
    Action a = v.Visit(e);
    if (a == Action::kStop) return false;
    if (a == Action::kSkip) return true;
    int fd = OpenDir(dirfd, name, follow);
    int err = errno;
    if (fd >= 0) {
      struct stat now;
      if (::fstat(fd, &now) != 0 || now.st_dev != dst.st_dev || now.st_ino != dst.st_ino) {
        ::close(fd);
        fd = -1;
        err = ENOENT;  // replaced since it was stat'ed
      }
    }
    Frame f;
    f.fd = fd;
    f.dev = dst.st_dev;
    f.ino = dst.st_ino;
    f.name = name;
    f.path_len = path_.size();
    f.parent_path_len = parent_len;
    if (fd >= 0 && !ReadEntries(f)) {
      err = errno;
      ::close(fd);
      fd = -1;
    }
    if (fd < 0) {
      Entry d{Visit::kDirError, dirfd, name, path_, depth, S_IFDIR, &dst, err};
      return v.Visit(d) != Action::kStop;
    }
    ancestors_.Insert(f.dev, f.ino);
    frames_.push_back(std::move(f));
    LimitFds();
    return true;
  };

  if (!enter(AT_FDCWD, operand.c_str(), st, 0, 0, follow_root)) return false;
  while (!frames_.empty()) {
    std::size_t level = frames_.size() - 1;
    Frame& top = frames_[level];
    if (top.next < top.entries.size()) {
      unsigned char d_type = static_cast<unsigned char>(top.entries[top.next]);
      const char* name = top.entries.data() + top.next + 1;
      std::size_t len = std::strlen(name);
      top.next += len + 2;
      path_.resize(top.path_len);
      if (path_.empty() || path_.back() != '/') path_ += '/';
      path_.append(name, len);
      mode_t t = TypeOf(d_type);
      const struct stat* sp = nullptr;
      if (follow_all || t == 0 || t == S_IFDIR) {
        int r = ::fstatat(top.fd, name, &st, follow_all ? 0 : AT_SYMLINK_NOFOLLOW);
        if (r != 0 && follow_all && errno == ENOENT)
          r = ::fstatat(top.fd, name, &st, AT_SYMLINK_NOFOLLOW);
        if (r != 0) {
          Entry e{Visit::kError, top.fd, name, path_, level + 1, t, nullptr, errno};
          if (v.Visit(e) == Action::kStop) {
            Unwind();
            return false;
          }
          continue;
        }
        sp = &st;
        t = st.st_mode & S_IFMT;
      }
      if (t == S_IFDIR) {
        Visit special = Visit::kPre;
        if (ancestors_.Contains(st.st_dev, st.st_ino)) special = Visit::kCycle;
        else if (opts_.one_file_system && st.st_dev != root_dev_) special = Visit::kOtherDevice;
        if (special != Visit::kPre) {
          Entry e{special, top.fd, name, path_, level + 1, t, sp, 0};
          if (v.Visit(e) == Action::kStop) {
            Unwind();
            return false;
          }
          continue;
        }
        std::string keep_name = name;  // entries may move when frames_ grows
        if (!enter(top.fd, keep_name.c_str(), st, level + 1, top.path_len, follow_all)) {
          Unwind();
          return false;
        }
        if (follow_all && frames_.size() > level + 1) {
          struct stat l;
          Frame& parent = frames_[level];
          frames_.back().followed =
              ::fstatat(parent.fd, keep_name.c_str(), &l, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(l.st_mode);
        }
        continue;
      }
      Entry e{Visit::kFile, top.fd, name, path_, level + 1, t, sp, 0};
      if (v.Visit(e) == Action::kStop) {
        Unwind();
        return false;
      }
      continue;
    }
    // All entries done: the post-order visit, from the parent's descriptor.
    if (level > 0 && frames_[level - 1].fd < 0) {
      if (!Reopen(level - 1)) return Fail(top.name.c_str(), errno ? errno : ENOENT, v);
      lo_ = level - 1;
    }
    ::close(top.fd);
    top.fd = -1;
    path_.resize(top.path_len);
    int parent_fd = level == 0 ? AT_FDCWD : frames_[level - 1].fd;
    std::string name = std::move(top.name);
    ancestors_.Erase(top.dev, top.ino);
    std::size_t parent_len = top.parent_path_len;
    frames_.pop_back();
    if (lo_ > frames_.size()) lo_ = frames_.size();
    Entry e{Visit::kPost, parent_fd, name.c_str(), path_, level, S_IFDIR, nullptr, 0};
    if (v.Visit(e) == Action::kStop) {
      Unwind();
      return false;
    }
    path_.resize(parent_len);
  }
  return true;
}

bool IsEmptyDir(int fd) {
  alignas(8) char buf[4096];
  ssize_t n;
  while ((n = ::getdents64(fd, buf, sizeof buf)) > 0) {
    for (ssize_t off = 0; off < n;) {
      auto* d = reinterpret_cast<struct dirent64*>(buf + off);
      off += d->d_reclen;
      std::string_view name = d->d_name;
      if (name != "." && name != "..") return false;
    }
  }
  return true;
}

bool RefuseRoot(const Invocation& inv, const Entry& e) {
  struct stat root, own;
  const struct stat* st = e.st;
  if (!st) {
    if (::fstatat(e.dirfd, e.name, &own, AT_SYMLINK_NOFOLLOW) != 0) return false;
    st = &own;
  }
  if (::lstat("/", &root) != 0 || root.st_dev != st->st_dev || root.st_ino != st->st_ino)
    return false;
  if (e.path == "/")
    Warn(inv, "it is dangerous to operate recursively on '/'");
  else
    Warn(inv, "it is dangerous to operate recursively on " + Quote(e.path) + " (same as '/')");
  Warn(inv, "use --no-preserve-root to override this failsafe");
  return true;
}

}  // namespace mc::walk
