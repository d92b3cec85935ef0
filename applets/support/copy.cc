#include "applets/support/copy.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <utility>
#include <vector>

#include "applets/support/canon.h"
#include "applets/support/choice.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/walk.h"

namespace mc::copy {

// ---------------------------------------------------------------- backups

namespace {

constexpr Choice kBackupWords[] = {
    {"none", 0},  {"off", 0},      {"simple", 1},   {"never", 1},
    {"existing", 3}, {"nil", 3},   {"numbered", 2}, {"t", 2}};

}  // namespace

void AddBackupOptions(cli::Parser& p, BackupArgs* a) {
  p.OptionalValue("--backup", [a](std::optional<std::string_view> v) {
    a->make = true;
    if (v) a->control = std::string(*v);
  });
  p.OnFlag("-b", [a] { a->make = true; });
  p.OnValue("-S,--suffix", [a](const std::string& v) {
    a->make = true;
    a->suffix = v;
  });
}

std::string ParentDir(const std::string& name) {
  std::string s = name;
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  std::size_t slash = s.rfind('/');
  if (slash == std::string::npos) return ".";
  while (slash > 0 && s[slash - 1] == '/') --slash;
  return slash == 0 ? "/" : s.substr(0, slash);
}

std::optional<Backup> ResolveBackup(const Invocation& inv, const BackupArgs& a,
                                    std::string* suffix) {
  if (auto env = inv.GetEnv("SIMPLE_BACKUP_SUFFIX"); env && !env->empty() &&
                                                     env->find('/') == std::string_view::npos)
    *suffix = std::string(*env);
  else
    *suffix = "~";
  if (a.suffix) *suffix = *a.suffix;
  if (!a.make) return Backup::kNone;
  std::optional<int> v;
  if (a.control) {
    v = ArgMatch(inv, *a.control, "backup type", kBackupWords);
  } else if (auto env = inv.GetEnv("VERSION_CONTROL"); env && !env->empty()) {
    v = ArgMatch(inv, *env, "$VERSION_CONTROL", kBackupWords);
  } else {
    v = 3;
  }
  if (!v) {
    UsageError(inv, "");
    return std::nullopt;
  }
  return static_cast<Backup>(*v);
}

namespace {

// Highest N of "BASE.~N~" in the directory of path (0: none).
unsigned long HighestNumbered(const std::string& path) {
  std::size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  DIR* d = ::opendir(dir.c_str());
  if (!d) return 0;
  unsigned long best = 0;
  while (struct dirent* de = ::readdir(d)) {
    std::string_view n = de->d_name;
    if (n.size() < base.size() + 4 || n.substr(0, base.size()) != base) continue;
    n.remove_prefix(base.size());
    if (n.substr(0, 2) != ".~" || n.back() != '~') continue;
    n = n.substr(2, n.size() - 3);
    if (n.empty() || n[0] == '0') continue;
    unsigned long v = 0;
    bool ok = true;
    for (char c : n) {
      if (c < '0' || c > '9') {
        ok = false;
        break;
      }
      v = v * 10 + static_cast<unsigned long>(c - '0');
    }
    if (ok && v > best) best = v;
  }
  ::closedir(d);
  return best;
}

}  // namespace

std::string BackupName(const std::string& path, Backup b, std::string_view suffix) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  if (b == Backup::kNone) return std::string();
  if (b == Backup::kSimple) return p + std::string(suffix);
  unsigned long n = HighestNumbered(p);
  if (b == Backup::kExisting && n == 0) return p + std::string(suffix);
  return p + ".~" + std::to_string(n + 1) + "~";
}

// ---------------------------------------------------------------- data

namespace {

constexpr std::size_t kBufSize = 128 * 1024;

// read/write from the current offsets until EOF (or `limit` bytes when not
// negative). holes: make holes from zero blocks (--sparse=always).
DataError ReadWrite(int in, int out, char* buf, off_t limit, bool holes, bool* ended_in_hole) {
  *ended_in_hole = false;
  for (;;) {
    std::size_t want = kBufSize;
    if (limit >= 0) {
      if (limit == 0) return {};
      if (static_cast<off_t>(want) > limit) want = static_cast<std::size_t>(limit);
    }
    ssize_t n = ::read(in, buf, want);
    if (n < 0) {
      if (errno == EINTR) continue;
      return {errno, false};
    }
    if (n == 0) return {};
    if (limit >= 0) limit -= n;
    std::size_t done = 0;
    while (done < static_cast<std::size_t>(n)) {
      std::size_t chunk = std::min<std::size_t>(4096, static_cast<std::size_t>(n) - done);
      bool zero = false;
      if (holes) {
        zero = true;
        for (std::size_t i = 0; i < chunk; ++i)
          if (buf[done + i]) {
            zero = false;
            break;
          }
      }
      if (zero) {
        if (::lseek(out, static_cast<off_t>(chunk), SEEK_CUR) < 0) return {errno, true};
        *ended_in_hole = true;
        done += chunk;
        continue;
      }
      // Write every non-zero run at once.
      std::size_t run = chunk;
      if (!holes) run = static_cast<std::size_t>(n) - done;
      if (int err = WriteAll(out, buf + done, run)) return {err, true};
      *ended_in_hole = false;
      done += run;
    }
  }
}

// copy_file_range, then sendfile, then read/write; `limit` bytes or to EOF
// (limit < 0). Offsets are the descriptors' own.
DataError Stream(int in, int out, const struct stat& src, off_t limit, bool try_kernel,
                 std::unique_ptr<char[]>& buf, bool holes, bool* ended_in_hole) {
  *ended_in_hole = false;
  if (try_kernel && !holes) {
    bool cfr = true;
    bool any = false;
    while (cfr) {
      std::size_t want = limit >= 0 ? static_cast<std::size_t>(limit) : (1u << 30);
      if (want == 0) return {};
      ssize_t n = ::copy_file_range(in, nullptr, out, nullptr, want, 0);
      if (n > 0) {
        any = true;
        if (limit >= 0) limit -= n;
        continue;
      }
      if (n == 0) {
        // Some file systems report 0 for files whose size is not known
        // (procfs); read/write then tells the truth.
        if (any || src.st_size == 0) cfr = false;
        if (!any) break;
        return {};
      }
      if (errno == EINTR) continue;
      break;  // any error: let sendfile or read/write decide
    }
    if (!any) {
      for (;;) {
        std::size_t want = limit >= 0 ? static_cast<std::size_t>(limit) : (1u << 30);
        if (want == 0) return {};
        ssize_t n = ::sendfile(out, in, nullptr, want);
        if (n > 0) {
          any = true;
          if (limit >= 0) limit -= n;
          continue;
        }
        if (n == 0) {
          if (any) return {};
          break;
        }
        if (errno == EINTR) continue;
        break;  // read/write reports the real error, from the right side
      }
    }
  }
  if (!buf) buf = std::make_unique<char[]>(kBufSize);
  return ReadWrite(in, out, buf.get(), limit, holes, ended_in_hole);
}

}  // namespace

DataError CopyData(int in, int out, const struct stat& src, Sparse sparse, Reflink reflink) {
  if (reflink != Reflink::kNever && S_ISREG(src.st_mode)) {
    if (::ioctl(out, FICLONE, in) == 0) return {};
    if (reflink == Reflink::kAlways) return {errno, true};
  }
  std::unique_ptr<char[]> buf;
  bool reg = S_ISREG(src.st_mode);
  struct stat ost;
  bool out_reg = ::fstat(out, &ost) == 0 && S_ISREG(ost.st_mode);
  bool hole_end = false;
  bool source_sparse = reg && src.st_size > 0 &&
                       static_cast<off_t>(src.st_blocks) * 512 < src.st_size;
  if (reg && out_reg && sparse != Sparse::kNever && source_sparse) {
    // Extent by extent: data regions copied, holes skipped.
    off_t pos = ::lseek(in, 0, SEEK_CUR);
    bool ok = pos >= 0;
    off_t end = src.st_size;
    while (ok && pos < end) {
      off_t data = ::lseek(in, pos, SEEK_DATA);
      if (data < 0) {
        if (errno == ENXIO) {
          pos = end;
          hole_end = true;
          break;
        }
        ok = false;  // SEEK_DATA not supported: fall back below
        break;
      }
      off_t hole = ::lseek(in, data, SEEK_HOLE);
      if (hole < 0) {
        ok = false;
        break;
      }
      if (::lseek(in, data, SEEK_SET) < 0 || ::lseek(out, data, SEEK_SET) < 0) return {errno, true};
      bool zeros;
      DataError e = Stream(in, out, src, hole - data, true, buf, sparse == Sparse::kAlways, &zeros);
      if (e.err) return e;
      pos = hole;
    }
    if (ok) {
      // The last extent may be a hole: give the copy its full size.
      if (::ftruncate(out, end) != 0) return {errno, true};
      return {};
    }
    if (::lseek(in, 0, SEEK_SET) < 0 || ::lseek(out, 0, SEEK_SET) < 0) return {errno, true};
  }
  bool holes = sparse == Sparse::kAlways && out_reg;
  DataError e = Stream(in, out, src, -1, reg || S_ISBLK(src.st_mode), buf, holes, &hole_end);
  if (e.err) return e;
  if (hole_end) {
    off_t at = ::lseek(out, 0, SEEK_CUR);
    if (at < 0 || ::ftruncate(out, at) != 0) return {errno, true};
  }
  return {};
}

// ---------------------------------------------------------------- names

void SayCopied(Invocation& inv, std::string_view prefix, const std::string& from,
               const std::string& to, const std::string& backup) {
  std::string line(prefix);
  line += Quote(from);
  line += " -> ";
  line += Quote(to);
  if (!backup.empty()) {
    line += " (backup: ";
    line += Quote(backup);
    line += ')';
  }
  line += '\n';
  inv.out().Write(line);
}

namespace {

std::string Err(int err) { return std::string(ErrorText(err)); }

}  // namespace

struct Copier::Impl final : walk::Visitor {
  Impl(Invocation& i, const Options& opts) : inv(i), o(opts) { umask_value = CurrentUmask(); }

  static mode_t CurrentUmask() {
    mode_t m = ::umask(0);
    ::umask(m);
    return m;
  }

  Invocation& inv;
  const Options& o;
  mode_t umask_value;
  bool failed = false;
  std::map<std::pair<dev_t, ino_t>, std::string> links;
  // Recursion state.
  std::string src_root, dst_root;
  struct DirState {
    std::string dst;
    struct stat st;
    bool created;
  };
  std::vector<DirState> dirs;

  void Fail(const std::string& msg) {
    Warn(inv, msg);
    failed = true;
  }

  std::string DstFor(std::string_view path) const {
    std::string d = dst_root;
    std::string_view rest = path.substr(src_root.size());
    if (!rest.empty() && rest[0] != '/' && (d.empty() || d.back() != '/')) d += '/';
    d.append(rest);
    return d;
  }

  // Times, ownership and mode of a copy: through fd if >= 0, else by name
  // (nofollow for symbolic links).
  bool ApplyAttrs(int fd, const std::string& dst, const struct stat& st, bool created) {
    bool ok = true;
    bool link = S_ISLNK(st.st_mode);
    if (o.preserve_times) {
      struct timespec ts[2] = {st.st_atim, st.st_mtim};
      int r = fd >= 0 ? ::futimens(fd, ts)
                      : ::utimensat(AT_FDCWD, dst.c_str(), ts, link ? AT_SYMLINK_NOFOLLOW : 0);
      if (r != 0 && (o.require_preserve || !link)) {
        Fail("preserving times for " + Quote(dst) + ": " + Err(errno));
        ok = false;
      }
    }
    bool owner_kept = true;
    if (o.preserve_owner) {
      auto chown_it = [&](uid_t u, gid_t g) {
        return fd >= 0 ? ::fchown(fd, u, g)
                       : ::fchownat(AT_FDCWD, dst.c_str(), u, g, link ? AT_SYMLINK_NOFOLLOW : 0);
      };
      if (chown_it(st.st_uid, st.st_gid) != 0) {
        int err = errno;
        owner_kept = false;
        if (err == EPERM || err == EINVAL) chown_it(static_cast<uid_t>(-1), st.st_gid);
        if (o.require_preserve && !o.moving) {
          Fail("failed to preserve ownership for " + Quote(dst) + ": " + Err(err));
          ok = false;
        }
      }
    }
    if (link) return ok;
    mode_t want;
    bool set = true;
    if (o.install_mode) {
      want = *o.install_mode;
    } else if (o.preserve_mode) {
      want = st.st_mode & 07777;
      if (!owner_kept) want &= ~static_cast<mode_t>(S_ISUID | S_ISGID);
    } else if (created && S_ISDIR(st.st_mode)) {
      want = st.st_mode & 0777 & ~umask_value;
    } else {
      set = false;
      want = 0;
    }
    if (set) {
      int r = fd >= 0 ? ::fchmod(fd, want) : ::chmod(dst.c_str(), want);
      if (r != 0) {
        Fail("preserving permissions for " + Quote(dst) + ": " + Err(errno));
        ok = false;
      }
    }
    return ok;
  }

  bool MakeDir(const std::string& src, const struct stat& st, const std::string& dst) {
    struct stat dst_st;
    bool created = false;
    if (::stat(dst.c_str(), &dst_st) == 0) {
      if (!S_ISDIR(dst_st.st_mode)) {
        Fail("cannot overwrite non-directory " + Quote(dst) + " with directory " + Quote(src));
        return false;
      }
    } else {
      if (::mkdir(dst.c_str(), (st.st_mode & 0777) | S_IRWXU) != 0) {
        Fail("cannot create directory " + Quote(dst) + ": " + Err(errno));
        return false;
      }
      created = true;
      if (o.verbose) {
        if (o.moving)
          inv.out().Write("created directory " + Quote(dst) + "\n");
        else
          SayCopied(inv, "", src, dst, "");
      }
    }
    dirs.push_back({dst, st, created});
    return true;
  }

  void FinishDir() {
    DirState d = std::move(dirs.back());
    dirs.pop_back();
    if (d.created || o.preserve_mode || o.preserve_times || o.preserve_owner)
      ApplyAttrs(-1, d.dst, d.st, d.created);
  }

  // Makes room for a new dst: false when the copy is to be skipped (*ok
  // says whether that is a failure).
  bool Prepare(const std::string& src, const struct stat& st, const std::string& dst,
               bool* dst_exists, std::string* backup, bool* ok) {
    *ok = true;
    struct stat lst, dst_st;
    *dst_exists = ::lstat(dst.c_str(), &lst) == 0;
    if (!*dst_exists) return true;
    bool followed = ::stat(dst.c_str(), &dst_st) == 0;
    if (!followed) dst_st = lst;
    if (!o.moving) {
      bool same = (followed && dst_st.st_dev == st.st_dev && dst_st.st_ino == st.st_ino) ||
                  (lst.st_dev == st.st_dev && lst.st_ino == st.st_ino);
      if (same && (o.hard_link || o.symbolic_link || o.remove_destination) &&
          !(lst.st_dev == st.st_dev && lst.st_ino == st.st_ino) && S_ISLNK(lst.st_mode))
        same = false;
      if (same && o.backup != Backup::kNone && o.force) same = false;
      if (same) {
        Fail(Quote(src) + " and " + Quote(dst) + " are the same file");
        *ok = false;
        return false;
      }
    }
    if (!followed && S_ISLNK(lst.st_mode) && !o.moving && !o.remove_destination &&
        o.backup == Backup::kNone && !o.hard_link && !o.symbolic_link && S_ISREG(st.st_mode)) {
      Fail("not writing through dangling symlink " + Quote(dst));
      *ok = false;
      return false;
    }
    if (S_ISDIR(dst_st.st_mode)) {
      Fail("cannot overwrite directory " + Quote(dst) + " with non-directory");
      *ok = false;
      return false;
    }
    if (o.no_clobber) return false;
    if (o.update && (dst_st.st_mtim.tv_sec > st.st_mtim.tv_sec ||
                     (dst_st.st_mtim.tv_sec == st.st_mtim.tv_sec &&
                      dst_st.st_mtim.tv_nsec >= st.st_mtim.tv_nsec)))
      return false;
    if (o.interactive && !o.moving) {
      if (!Yes("overwrite " + Quote(dst) + "? ")) return false;
    }
    if (o.backup != Backup::kNone) {
      *backup = BackupName(dst, o.backup, o.suffix);
      if (::rename(dst.c_str(), backup->c_str()) != 0) {
        Fail("cannot backup " + Quote(dst) + ": " + Err(errno));
        *ok = false;
        return false;
      }
      *dst_exists = false;
      return true;
    }
    bool replace_node = o.remove_destination || o.hard_link || o.symbolic_link ||
                        !(S_ISREG(st.st_mode) || (!o.copy_specials && !S_ISLNK(st.st_mode))) ||
                        (S_ISLNK(lst.st_mode) && S_ISLNK(st.st_mode));
    if (o.moving) replace_node = true;
    if (replace_node) {
      if (::unlink(dst.c_str()) != 0 && errno != ENOENT) {
        Fail("cannot remove " + Quote(dst) + ": " + Err(errno));
        *ok = false;
        return false;
      }
      *dst_exists = false;
    }
    return true;
  }

  bool Done(const std::string& src, const std::string& dst, const std::string& backup) {
    if (o.verbose) SayCopied(inv, o.moving ? "copied " : "", src, dst, backup);
    return true;
  }

  bool CopyOne(int dirfd, const char* name, const std::string& src, const struct stat& st,
               const std::string& dst) {
    bool dst_exists, ok;
    std::string backup;
    if (!Prepare(src, st, dst, &dst_exists, &backup, &ok)) return ok;

    // Hard links among the sources stay hard links.
    std::pair<dev_t, ino_t> key{st.st_dev, st.st_ino};
    if (o.preserve_links && st.st_nlink > 1 && !S_ISDIR(st.st_mode)) {
      auto it = links.find(key);
      if (it != links.end()) {
        if (dst_exists) ::unlink(dst.c_str());
        if (::link(it->second.c_str(), dst.c_str()) != 0) {
          Fail("cannot create hard link " + Quote(dst) + " to " + Quote(it->second) + ": " +
               Err(errno));
          return false;
        }
        return Done(src, dst, backup);
      }
    }

    if (o.hard_link) {
      int flags = o.deref == Deref::kAlways ? AT_SYMLINK_FOLLOW : 0;
      int r = ::linkat(dirfd, name, AT_FDCWD, dst.c_str(), flags);
      if (r != 0 && errno == EEXIST && o.force && ::unlink(dst.c_str()) == 0)
        r = ::linkat(dirfd, name, AT_FDCWD, dst.c_str(), flags);
      if (r != 0) {
        Fail("cannot create hard link " + Quote(dst) + " to " + Quote(src) + ": " + Err(errno));
        return false;
      }
      return Done(src, dst, backup);
    }
    if (o.symbolic_link) {
      if (!src.empty() && src[0] != '/') {
        // A relative target only means the same thing from the current
        // directory.
        std::size_t slash = dst.rfind('/');
        std::string parent = slash == std::string::npos ? "." : dst.substr(0, slash ? slash : 1);
        struct stat here, there;
        if (parent != "." && (::stat(".", &here) != 0 || ::stat(parent.c_str(), &there) != 0 ||
                              here.st_dev != there.st_dev || here.st_ino != there.st_ino)) {
          Fail(QuoteName(dst) + ": can make relative symbolic links only in current directory");
          return false;
        }
      }
      int r = ::symlink(src.c_str(), dst.c_str());
      if (r != 0 && errno == EEXIST && o.force && ::unlink(dst.c_str()) == 0)
        r = ::symlink(src.c_str(), dst.c_str());
      if (r != 0) {
        Fail("cannot create symbolic link " + Quote(dst) + " to " + Quote(src) + ": " +
             Err(errno));
        return false;
      }
      return Done(src, dst, backup);
    }

    bool result;
    if (S_ISLNK(st.st_mode)) {
      result = CopyLink(dirfd, name, src, st, dst);
    } else if (o.copy_specials && (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode) ||
                                   S_ISBLK(st.st_mode) || S_ISSOCK(st.st_mode))) {
      if (::mknod(dst.c_str(), st.st_mode & (S_IFMT | 0777), st.st_rdev) != 0) {
        Fail(std::string(S_ISFIFO(st.st_mode) ? "cannot create fifo " : "cannot create special file ") +
             Quote(dst) + ": " + Err(errno));
        return false;
      }
      result = ApplyAttrs(-1, dst, st, true);
      if (!o.preserve_mode && !o.install_mode) ::chmod(dst.c_str(), st.st_mode & 0777 & ~umask_value);
    } else {
      result = CopyRegular(dirfd, name, src, st, dst, dst_exists);
    }
    if (!result) return false;
    if (o.preserve_links && st.st_nlink > 1) links.emplace(key, dst);
    return Done(src, dst, backup);
  }

  bool CopyLink(int dirfd, const char* name, const std::string& src, const struct stat& st,
                const std::string& dst) {
    std::vector<char> target(static_cast<std::size_t>(st.st_size > 0 ? st.st_size : 255) + 1);
    ssize_t n;
    for (;;) {
      n = ::readlinkat(dirfd, name, target.data(), target.size());
      if (n < 0) {
        Fail("cannot read symbolic link " + Quote(src) + ": " + Err(errno));
        return false;
      }
      if (static_cast<std::size_t>(n) < target.size()) break;
      target.resize(target.size() * 2);
    }
    target[static_cast<std::size_t>(n)] = 0;
    if (::symlink(target.data(), dst.c_str()) != 0) {
      Fail("cannot create symbolic link " + Quote(dst) + ": " + Err(errno));
      return false;
    }
    return ApplyAttrs(-1, dst, st, true);
  }

  bool CopyRegular(int dirfd, const char* name, const std::string& src, const struct stat&,
                   const std::string& dst, bool dst_exists) {
    int in = ::openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (in < 0) {
      Fail("cannot open " + Quote(src) + " for reading: " + Err(errno));
      return false;
    }
    struct stat st;
    if (::fstat(in, &st) != 0) {
      Fail("cannot fstat " + Quote(src) + ": " + Err(errno));
      ::close(in);
      return false;
    }
    int out = -1;
    bool created = false;
    if (dst_exists) {
      out = ::open(dst.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY | (o.attributes_only ? 0 : O_TRUNC));
      if (out < 0 && o.force && ::unlink(dst.c_str()) == 0) dst_exists = false;
    }
    if (out < 0 && !dst_exists) {
      mode_t m = (o.install_mode ? *o.install_mode : st.st_mode) & 0777;
      out = ::open(dst.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, m);
      created = out >= 0;
    }
    if (out < 0) {
      Fail("cannot create regular file " + Quote(dst) + ": " + Err(errno));
      ::close(in);
      return false;
    }
    bool ok = true;
    if (!o.attributes_only) {
      DataError e = CopyData(in, out, st, o.sparse, o.reflink);
      if (e.err) {
        if (o.reflink == Reflink::kAlways && e.writing && (e.err == EOPNOTSUPP || e.err == EXDEV ||
                                                           e.err == EINVAL || e.err == ENOTTY))
          Fail("failed to clone " + Quote(dst) + " from " + Quote(src) + ": " + Err(e.err));
        else if (e.writing)
          Fail("error writing " + Quote(dst) + ": " + Err(e.err));
        else
          Fail("error reading " + Quote(src) + ": " + Err(e.err));
        ok = false;
      }
    }
    if (ok) ok = ApplyAttrs(out, dst, st, created);
    ::close(in);
    if (::close(out) != 0 && ok) {
      Fail("failed to close " + Quote(dst) + ": " + Err(errno));
      ok = false;
    }
    return ok;
  }

  walk::Action Visit(const walk::Entry& e) override {
    switch (e.visit) {
      case walk::Visit::kPre: {
        std::string dst = DstFor(e.path);
        return MakeDir(std::string(e.path), *e.st, dst) ? walk::Action::kContinue
                                                        : walk::Action::kSkip;
      }
      case walk::Visit::kPost:
        FinishDir();
        return walk::Action::kContinue;
      case walk::Visit::kFile: {
        struct stat own;
        const struct stat* st = e.st;
        bool follow = o.deref == Deref::kAlways && e.depth > 0;
        if (!st || (follow && S_ISLNK(st->st_mode))) {
          if (::fstatat(e.dirfd, e.name, &own, follow ? 0 : AT_SYMLINK_NOFOLLOW) != 0) {
            Fail("cannot stat " + Quote(e.path) + ": " + Err(errno));
            return walk::Action::kContinue;
          }
          st = &own;
        }
        if (!CopyOne(e.dirfd, e.name, std::string(e.path), *st, DstFor(e.path))) failed = true;
        return walk::Action::kContinue;
      }
      case walk::Visit::kError:
        Fail("cannot stat " + Quote(e.path) + ": " + Err(e.err));
        return walk::Action::kContinue;
      case walk::Visit::kDirError: {
        std::string dst = DstFor(e.path);
        if (MakeDir(std::string(e.path), *e.st, dst)) FinishDir();
        Fail("cannot access " + Quote(e.path) + ": " + Err(e.err));
        return walk::Action::kContinue;
      }
      case walk::Visit::kCycle:
        Fail("cannot copy cyclic symbolic link " + Quote(e.path));
        return walk::Action::kContinue;
      case walk::Visit::kOtherDevice: {
        std::string dst = DstFor(e.path);
        if (MakeDir(std::string(e.path), *e.st, dst)) FinishDir();
        return walk::Action::kContinue;
      }
    }
    return walk::Action::kContinue;
  }

  bool Yes(const std::string& text) {
    inv.FlushOutputForMessage();
    std::string line(inv.prog());
    line += ": ";
    line += text;
    WriteAll(inv.err_fd(), line.data(), line.size());
    char first = 0, c;
    bool any = false;
    for (;;) {
      ssize_t n = ::read(inv.in_fd(), &c, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0 || c == '\n') break;
      if (!any) first = c;
      any = true;
    }
    return first == 'y' || first == 'Y';
  }

  bool Copy(const std::string& src, const std::string& dst) {
    failed = false;
    struct stat st;
    int r = o.deref == Deref::kNever ? ::lstat(src.c_str(), &st) : ::stat(src.c_str(), &st);
    if (r != 0) {
      Fail("cannot stat " + Quote(src) + ": " + Err(errno));
      return false;
    }
    if (!S_ISDIR(st.st_mode)) return CopyOne(AT_FDCWD, src.c_str(), src, st, dst) && !failed;
    if (!o.recursive) {
      Fail("-r not specified; omitting directory " + Quote(src));
      return false;
    }
    if (!o.moving) {
      std::string csrc, cdst;
      if (canon::Canonicalize(src, canon::Mode::kExisting, true, &csrc) == 0 &&
          canon::Canonicalize(dst, canon::Mode::kMissing, true, &cdst) == 0 &&
          canon::IsPrefix(csrc, cdst)) {
        Fail("cannot copy a directory, " + Quote(src) + ", into itself, " + Quote(dst));
        return false;
      }
    }
    walk::Options wo;
    wo.symlinks = o.deref == Deref::kNever       ? walk::Symlinks::kPhysical
                  : o.deref == Deref::kCommandLine ? walk::Symlinks::kCommandLine
                                                   : walk::Symlinks::kLogical;
    wo.one_file_system = o.one_file_system;
    walk::Walker w(wo);
    src_root = src;
    dst_root = dst;
    dirs.clear();
    w.Walk(src, *this);
    while (!dirs.empty()) FinishDir();
    return !failed;
  }
};

Copier::Copier(Invocation& inv, const Options& o) : impl_(std::make_unique<Impl>(inv, o)) {}
Copier::~Copier() = default;
bool Copier::Copy(const std::string& src, const std::string& dst) { return impl_->Copy(src, dst); }
bool Copier::Yes(const std::string& text) { return impl_->Yes(text); }

namespace {

struct Remover final : walk::Visitor {
  Remover(Invocation& i, bool v) : inv(i), verbose(v) {}
  Invocation& inv;
  bool verbose;
  bool failed = false;
  void Cannot(std::string_view path, int err) {
    Warn(inv, "cannot remove " + Quote(path) + ": " + Err(err));
    failed = true;
  }
  walk::Action Visit(const walk::Entry& e) override {
    switch (e.visit) {
      case walk::Visit::kPre:
        return walk::Action::kContinue;
      case walk::Visit::kFile:
        if (::unlinkat(e.dirfd, e.name, 0) != 0)
          Cannot(e.path, errno);
        else if (verbose)
          inv.out().Write("removed " + Quote(e.path) + "\n");
        return walk::Action::kContinue;
      case walk::Visit::kPost:
      case walk::Visit::kDirError:
        if (::unlinkat(e.dirfd, e.name, AT_REMOVEDIR) != 0)
          Cannot(e.path, errno);
        else if (verbose)
          inv.out().Write("removed directory " + Quote(e.path) + "\n");
        return walk::Action::kContinue;
      default:
        Cannot(e.path, e.err ? e.err : EIO);
        return walk::Action::kContinue;
    }
  }
};

}  // namespace

std::string JoinPath(const std::string& dir, std::string_view name) {
  std::string r = dir;
  if (r.empty() || r.back() != '/') r += '/';
  r.append(name);
  return r;
}

std::string_view LastComponent(std::string_view name) {
  while (name.size() > 1 && name.back() == '/') name.remove_suffix(1);
  std::size_t slash = name.rfind('/');
  if (slash != std::string_view::npos && name.size() > 1) name.remove_prefix(slash + 1);
  return name;
}

std::optional<int> PlanTargets(Invocation& inv, std::vector<std::string> ops,
                               const std::optional<std::string>& target_dir, bool no_target_dir,
                               std::vector<std::pair<std::string, std::string>>* pairs,
                               bool* into_dir) {
  if (target_dir && no_target_dir) {
    Warn(inv, "cannot combine --target-directory (-t) and --no-target-directory (-T)");
    return 1;
  }
  if (ops.empty()) return UsageError(inv, "missing file operand");
  std::string dir;
  *into_dir = false;
  if (target_dir) {
    struct stat st;
    if (::stat(target_dir->c_str(), &st) != 0) {
      Warn(inv, "target directory " + Quote(*target_dir) + ": " + Err(errno));
      return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
      Warn(inv, "target directory " + Quote(*target_dir) + ": " + Err(ENOTDIR));
      return 1;
    }
    dir = *target_dir;
    *into_dir = true;
  } else {
    if (ops.size() == 1)
      return UsageError(inv, "missing destination file operand after " + Quote(ops[0]));
    if (no_target_dir) {
      if (ops.size() > 2) return UsageError(inv, "extra operand " + Quote(ops[2]));
    } else {
      struct stat st;
      int err = ENOTDIR;
      bool is_dir = false;
      if (::stat(ops.back().c_str(), &st) == 0)
        is_dir = S_ISDIR(st.st_mode);
      else
        err = errno;
      if (!is_dir && ops.size() > 2) {
        Warn(inv, "target " + Quote(ops.back()) + ": " + Err(err));
        return 1;
      }
      if (is_dir) {
        dir = ops.back();
        *into_dir = true;
      }
    }
    if (!*into_dir) {
      pairs->emplace_back(ops[0], ops[1]);
      return std::nullopt;
    }
    ops.pop_back();
  }
  for (std::string& s : ops) {
    std::string d = JoinPath(dir, LastComponent(s));
    pairs->emplace_back(std::move(s), std::move(d));
  }
  return std::nullopt;
}

bool RemoveTree(Invocation& inv, const std::string& path, bool verbose) {
  Remover r(inv, verbose);
  walk::Walker w(walk::Options{});
  w.Walk(path, r);
  return !r.failed;
}

}  // namespace mc::copy
