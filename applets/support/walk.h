// One directory walker for rm -r, and later cp -r, chmod/chown/chgrp -R,
// du and find.
//
// Design:
//   - Everything is relative to directory descriptors (openat, fstatat,
//     unlinkat): no path is ever passed to the kernel but the operand
//     itself, so depth and total path length are unlimited. Entry::path
//     ("OPERAND/a/b") is kept for messages only, grown and cut back as the
//     walk goes down and up (one string, no per-entry allocation).
//   - No recursion: an explicit stack of frames, one per open directory
//     level. A directory's entries are read completely (getdents64 into one
//     reused buffer) when it is entered, so its descriptor is needed only for
//     the *at calls, and reading is not disturbed by removals.
//   - Bounded descriptors: at most Options::max_fds directory descriptors
//     are open. Deeper levels close the descriptor of the level max_fds
//     above; going back up reopens it with openat(child, "..") and checks
//     that device and inode are the ones recorded on the way down. If ".."
//     is elsewhere (a directory reached through a symlink under -L), the
//     level is reopened by name from the nearest open ancestor, each step
//     checked the same way. A mismatch (the tree was moved during the walk)
//     is an error, and the walk stops rather than act on the wrong place.
//   - Visits: kPre before a directory's entries (the visitor may skip it),
//     kPost after them (with the descriptor of the directory holding it, so
//     rm can unlinkat(AT_REMOVEDIR)), kFile for everything else.
//   - Symlinks: kPhysical (-P) never follows; kCommandLine (-H) follows the
//     operand only; kLogical (-L) follows all. A directory that is one of
//     its own ancestors (by device and inode) is reported as kCycle and not
//     entered, whatever the policy (bind mounts can loop too).
//   - one_file_system: a directory on another device than its operand is
//     reported as kOtherDevice and not entered.
//   - Hard links: FileIdSet remembers (device, inode) pairs for du and cp.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/invocation.h"

namespace mc::walk {

enum class Symlinks { kPhysical, kCommandLine, kLogical };

struct Options {
  Symlinks symlinks = Symlinks::kPhysical;
  bool one_file_system = false;
  // Open directory descriptors kept at most (at least 2).
  std::size_t max_fds = 48;
};

enum class Visit {
  kPre,          // a directory, before its entries
  kPost,         // a directory, after its entries
  kFile,         // anything that is not a directory to enter
  kError,        // the entry cannot be stat'ed (err), or the walk lost its place
  kDirError,     // a directory that cannot be opened or read (err); no kPost follows
  kCycle,        // a directory that is its own ancestor; not entered
  kOtherDevice,  // one_file_system: a directory on another device; not entered
};

enum class Action { kContinue, kSkip, kStop };

struct Entry {
  Visit visit;
  int dirfd;              // the directory holding it (AT_FDCWD for an operand)
  const char* name;       // its name there (the operand itself at depth 0)
  std::string_view path;  // for messages: OPERAND/.../name
  std::size_t depth;      // 0: the operand
  // S_IFMT bits of the entry as the policy sees it (0 when unknown: no stat
  // was needed; lstat it yourself if it matters).
  mode_t type;
  const struct stat* st;  // set for directories, -L, operands, or unknown d_type
  int err;                // kError, kDirError: errno
};

// Whether the open directory fd holds nothing but "." and ".." (reads it
// from its current offset; the caller closes fd). find -empty, rm -d.
bool IsEmptyDir(int fd);

// --preserve-root (rm -r, chmod/chown/chgrp -R): whether e is the root
// directory, by name or by another name for it ("/", "//", "/.."). When it
// is, GNU's two warnings have been printed and the walk must not descend.
bool RefuseRoot(const Invocation& inv, const Entry& e);

class Visitor {
 public:
  virtual Action Visit(const Entry& e) = 0;

 protected:
  ~Visitor() = default;
};

// (device, inode) pairs seen so far: hard-link detection for du and cp.
class FileIdSet {
 public:
  FileIdSet();
  ~FileIdSet();
  // True when the pair is new (and now recorded).
  bool Insert(dev_t dev, ino_t ino);
  bool Erase(dev_t dev, ino_t ino);
  bool Contains(dev_t dev, ino_t ino) const;
  void Clear();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class Walker {
 public:
  explicit Walker(const Options& o);
  ~Walker();
  Walker(const Walker&) = delete;
  Walker& operator=(const Walker&) = delete;

  // Walks the tree at operand. Returns false when the visitor stopped the
  // walk or the walk lost its place (after a kError visit).
  bool Walk(const std::string& operand, Visitor& v);

 private:
  struct Frame;
  bool ReadEntries(Frame& f);
  int ParentFd(std::size_t level);
  bool Reopen(std::size_t level);
  void LimitFds();
  void Unwind();
  bool Fail(const char* name, int err, Visitor& v);

  Options opts_;
  std::vector<Frame> frames_;
  std::string path_;
  std::unique_ptr<char[]> buf_;
  std::size_t lo_ = 0;  // frames [lo_, size) have open descriptors
  FileIdSet ancestors_;
  dev_t root_dev_ = 0;
};

}  // namespace mc::walk
