/* @applet rm
   @install bin
   @help
Usage: rm [OPTION]... [FILE]...
Remove (unlink) the FILE(s).

  -f, --force           ignore nonexistent files and arguments, never prompt
  -i                    prompt before every removal
  -I                    prompt once before removing more than three files, or
                          when removing recursively; less intrusive than -i,
                          while still giving protection against most mistakes
      --interactive[=WHEN]  prompt according to WHEN: never, once (-I), or
                          always (-i); without WHEN, prompt always
      --one-file-system  when removing a hierarchy recursively, skip any
                          directory that is on a file system different from
                          that of the corresponding command line argument
      --no-preserve-root  do not treat '/' specially
      --preserve-root[=all]  do not remove '/' (default);
                              with 'all', reject any command line argument
                              on a separate device from its parent
  -r, -R, --recursive   remove directories and their contents recursively
  -d, --dir             remove empty directories
  -v, --verbose         explain what is being done
      --help        display this help and exit
      --version     output version information and exit

By default, rm does not remove directories.  Use the --recursive (-r or -R)
option to remove each listed directory, too, along with all of its contents.

To remove a file whose name starts with a '-', for example '-foo',
use one of these commands:
  rm -- -foo

  rm ./-foo

Note that if you use rm to remove a file, it might be possible to recover
some of its contents, given sufficient expertise and/or time.  For greater
assurance that the contents are truly unrecoverable, consider using shred(1).
*/
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/walk.h"
#include "registry/applet.h"

namespace {

enum class Ask { kNever, kSometimes, kAlways };

struct Options {
  Ask ask = Ask::kSometimes;
  bool ignore_missing = false;
  bool prompt_once = false;
  bool recursive = false;
  bool dir = false;
  bool verbose = false;
  bool one_file_system = false;
  bool preserve_root = true;
  bool preserve_all = false;
};

// GNU's file_type() names, as the prompts show them.
const char* TypeName(const struct stat& st) {
  switch (st.st_mode & S_IFMT) {
    case S_IFREG: return st.st_size == 0 ? "regular empty file" : "regular file";
    case S_IFDIR: return "directory";
    case S_IFLNK: return "symbolic link";
    case S_IFIFO: return "fifo";
    case S_IFSOCK: return "socket";
    case S_IFCHR: return "character special file";
    case S_IFBLK: return "block special file";
    default: return "weird file";
  }
}

// The last component without trailing slashes is "." or "..".
bool DotOrDotDot(std::string_view p) {
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  std::size_t slash = p.rfind('/');
  if (slash != std::string_view::npos) p.remove_prefix(slash + 1);
  return p == "." || p == "..";
}

class Remover final : public mc::walk::Visitor {
 public:
  Remover(mc::Invocation& inv, const Options& o) : inv_(inv), o_(o) {
    stdin_tty_ = ::isatty(inv.in_fd()) == 1;
  }

  bool failed() const { return failed_; }

  // Writes "rm: TEXT" on stderr and reads one line of standard input:
  // yes when it starts with y or Y.
  bool Yes(const std::string& text) {
    inv_.FlushOutputForMessage();
    std::string line(inv_.prog());
    line += ": ";
    line += text;
    mc::WriteAll(inv_.err_fd(), line.data(), line.size());
    char first = 0, c;
    bool any = false;
    for (;;) {
      ssize_t n = ::read(inv_.in_fd(), &c, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0 || c == '\n') break;
      if (!any) first = c;
      any = true;
    }
    return first == 'y' || first == 'Y';
  }

  mc::walk::Action Visit(const mc::walk::Entry& e) override {
    using mc::walk::Action;
    using mc::walk::Visit;
    switch (e.visit) {
      case Visit::kPre: return Pre(e);
      case Visit::kFile:
        RemoveFile(e);
        return Action::kContinue;
      case Visit::kPost:
        Post(e);
        return Action::kContinue;
      case Visit::kError:
        if (e.depth == 0 && e.err == ENOENT && o_.ignore_missing) return Action::kContinue;
        CannotRemove(e, e.err);
        return Action::kContinue;
      case Visit::kDirError:
        // An unreadable directory may still be empty and removable.
        if (::unlinkat(e.dirfd, e.name, AT_REMOVEDIR) == 0) {
          if (o_.verbose) Say("removed directory ", e.path);
        } else {
          CannotRemove(e, e.err);
        }
        return Action::kContinue;
      case Visit::kCycle:
        mc::Warn(inv_, "WARNING: Circular directory structure.\n"
                       "This almost certainly means that you have a corrupted file system.\n"
                       "NOTIFY YOUR SYSTEM MANAGER.\n"
                       "The following directory is part of the cycle:\n  " +
                           mc::Quote(e.path));
        Failed(e.depth);
        return Action::kContinue;
      case Visit::kOtherDevice:
        mc::Warn(inv_, "skipping " + mc::Quote(e.path) + ", since it's on a different device");
        Failed(e.depth);
        return Action::kContinue;
    }
    return Action::kContinue;
  }

 private:
  void Say(const char* what, std::string_view path) {
    std::string line(what);
    line += mc::Quote(path);
    line += '\n';
    inv_.out().Write(line);
  }

  // A file was kept: its directory and their ancestors cannot be removed,
  // and need no message for that.
  void Keep(std::size_t depth) {
    for (std::size_t d = depth; d-- > 0;) {
      if (kept_[d]) break;
      kept_[d] = 1;
    }
  }
  void Failed(std::size_t depth) {
    failed_ = true;
    Keep(depth);
  }
  void CannotRemove(const mc::walk::Entry& e, int err) {
    mc::Warn(inv_, "cannot remove " + mc::Quote(e.path) + ": " + std::string(mc::ErrorText(err)));
    Failed(e.depth);
  }

  bool WriteProtected(const mc::walk::Entry& e, const struct stat& st) {
    if (S_ISLNK(st.st_mode)) return false;
    return ::faccessat(e.dirfd, e.name, W_OK, AT_EACCESS) != 0 && errno == EACCES;
  }

  // Whether to go on with e (asking if the options say so). verb is
  // "remove" or "descend into".
  bool Confirm(const mc::walk::Entry& e, const char* verb, const struct stat* st) {
    if (o_.ask == Ask::kNever) return true;
    struct stat own;
    if (!st) {
      if (::fstatat(e.dirfd, e.name, &own, AT_SYMLINK_NOFOLLOW) != 0) return true;
      st = &own;
    }
    bool wp = WriteProtected(e, *st);
    if (o_.ask != Ask::kAlways && !(wp && stdin_tty_)) return true;
    std::string text(verb);
    text += wp ? " write-protected " : " ";
    text += TypeName(*st);
    text += ' ';
    text += mc::Quote(e.path);
    text += "? ";
    return Yes(text);
  }

  bool DirEmpty(const mc::walk::Entry& e) {
    int fd = ::openat(e.dirfd, e.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return false;
    bool empty = mc::walk::IsEmptyDir(fd);
    ::close(fd);
    return empty;
  }

  void RemoveDirNow(const mc::walk::Entry& e) {
    if (::unlinkat(e.dirfd, e.name, AT_REMOVEDIR) != 0) {
      CannotRemove(e, errno);
      return;
    }
    if (o_.verbose) Say("removed directory ", e.path);
  }

  mc::walk::Action Pre(const mc::walk::Entry& e) {
    using mc::walk::Action;
    if (e.depth == 0) {
      if (!o_.recursive) {
        if (o_.dir) {
          if (Confirm(e, "remove", e.st)) RemoveDirNow(e);
        } else {
          CannotRemove(e, EISDIR);
        }
        return Action::kSkip;
      }
      if (DotOrDotDot(e.path)) {
        mc::Warn(inv_, "refusing to remove '.' or '..' directory: skipping " + mc::Quote(e.path));
        failed_ = true;
        return Action::kSkip;
      }
      if (o_.preserve_root && mc::walk::RefuseRoot(inv_, e)) {
        failed_ = true;
        return Action::kSkip;
      }
      if (o_.preserve_all) {
        std::string parent(e.path);
        parent += "/..";
        struct stat up;
        if (::lstat(parent.c_str(), &up) == 0 && up.st_dev != e.st->st_dev) {
          mc::Warn(inv_, "skipping " + mc::Quote(e.path) + ", since it's on a different device");
          mc::Warn(inv_, "and --preserve-root=all is in effect");
          failed_ = true;
          return Action::kSkip;
        }
      }
    }
    if (o_.ask != Ask::kNever) {
      if (DirEmpty(e)) {
        // An empty directory is removed right away, after one question.
        if (Confirm(e, "remove", e.st)) RemoveDirNow(e);
        else Keep(e.depth);
        return Action::kSkip;
      }
      if (!Confirm(e, "descend into", e.st)) {
        Keep(e.depth);
        return Action::kSkip;
      }
    }
    if (kept_.size() <= e.depth) kept_.resize(e.depth + 1);
    kept_[e.depth] = 0;
    return Action::kContinue;
  }

  void Post(const mc::walk::Entry& e) {
    if (kept_[e.depth]) {
      Keep(e.depth);
      return;
    }
    if (o_.ask == Ask::kAlways && !Confirm(e, "remove", nullptr)) {
      Keep(e.depth);
      return;
    }
    RemoveDirNow(e);
  }

  void RemoveFile(const mc::walk::Entry& e) {
    if (!Confirm(e, "remove", e.st)) {
      Keep(e.depth);
      return;
    }
    if (::unlinkat(e.dirfd, e.name, 0) != 0) {
      int err = errno;
      if (err == ENOENT && o_.ignore_missing) return;
      CannotRemove(e, err);
      return;
    }
    if (o_.verbose) Say("removed ", e.path);
  }

  mc::Invocation& inv_;
  const Options& o_;
  bool stdin_tty_ = false;
  bool failed_ = false;
  std::vector<char> kept_;  // per directory depth: something inside was kept
};

// --interactive=WHEN: GNU's argmatch (exact, or a prefix of one meaning).
std::optional<Ask> ParseWhen(std::string_view v, bool* once) {
  struct Arg {
    const char* name;
    int meaning;  // 0 never, 1 once, 2 always
  };
  static constexpr Arg kArgs[] = {{"never", 0}, {"no", 0},     {"none", 0},
                                  {"once", 1},  {"always", 2}, {"yes", 2}};
  int found = -1;
  for (const Arg& a : kArgs) {
    std::string_view n = a.name;
    if (n == v) {
      found = a.meaning;
      break;
    }
    if (!v.empty() && n.substr(0, v.size()) == v) {
      if (found >= 0 && found != a.meaning) return std::nullopt;
      found = a.meaning;
    }
  }
  if (found < 0) return std::nullopt;
  *once = found == 1;
  return found == 0 ? Ask::kNever : found == 1 ? Ask::kSometimes : Ask::kAlways;
}

bool Ambiguous(std::string_view v) {
  if (v.empty()) return true;
  bool never = false, once = false, always = false;
  for (std::string_view n : {"never", "no", "none"}) never |= n.substr(0, v.size()) == v;
  once = std::string_view("once").substr(0, v.size()) == v;
  for (std::string_view n : {"always", "yes"}) always |= n.substr(0, v.size()) == v;
  return never + once + always > 1;
}

}  // namespace

MC_APPLET(rm) {
  mc::cli::Parser p(inv);
  Options o;
  std::optional<std::string> bad_when, bad_root;
  p.OnFlag("-f,--force", [&] {
    o.ask = Ask::kNever;
    o.ignore_missing = true;
    o.prompt_once = false;
  });
  p.OnFlag("-i", [&] {
    o.ask = Ask::kAlways;
    o.ignore_missing = false;
    o.prompt_once = false;
  });
  p.OnFlag("-I", [&] {
    o.ask = Ask::kSometimes;
    o.ignore_missing = false;
    o.prompt_once = true;
  });
  p.OptionalValue("--interactive", [&](std::optional<std::string_view> v) {
    if (!v) {
      o.ask = Ask::kAlways;
      o.ignore_missing = false;
      o.prompt_once = false;
      return;
    }
    bool once = false;
    auto ask = ParseWhen(*v, &once);
    if (!ask) {
      if (!bad_when) bad_when = std::string(*v);
      return;
    }
    o.ask = *ask;
    o.prompt_once = once;
    if (*ask != Ask::kNever) o.ignore_missing = false;
  });
  p.Flag("--one-file-system", o.one_file_system);
  p.OnFlag("--no-preserve-root", [&] { o.preserve_root = false; });
  p.OptionalValue("--preserve-root", [&](std::optional<std::string_view> v) {
    if (v && *v != "all") {
      if (!bad_root) bad_root = std::string(*v);
      return;
    }
    o.preserve_root = true;
    o.preserve_all = v.has_value();
  });
  p.Flag("-r,-R,--recursive", o.recursive);
  p.Flag("-d,--dir", o.dir);
  p.Flag("-v,--verbose", o.verbose);
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;
  if (bad_when) {
    mc::Warn(inv, std::string(Ambiguous(*bad_when) ? "ambiguous" : "invalid") + " argument " +
                      mc::QuoteC(*bad_when) + " for '--interactive'");
    static constexpr std::string_view kValid =
        "Valid arguments are:\n  - 'never', 'no', 'none'\n  - 'once'\n  - 'always', 'yes'\n";
    mc::WriteAll(inv.err_fd(), kValid.data(), kValid.size());
    return mc::UsageError(inv, "");
  }
  if (bad_root) {
    mc::Warn(inv, "unrecognized --preserve-root argument: " + mc::QuoteC(*bad_root));
    return 1;
  }
  if (files.empty()) {
    if (o.ignore_missing) return 0;
    return mc::UsageError(inv, "missing operand");
  }

  Remover r(inv, o);
  if (o.prompt_once && (o.recursive || files.size() > 3)) {
    char num[24];
    int len = 0;
    for (std::size_t n = files.size(); n || !len; n /= 10) num[len++] = static_cast<char>('0' + n % 10);
    std::string text = "remove ";
    while (len) text += num[--len];
    text += files.size() == 1 ? " argument" : " arguments";
    if (o.recursive) text += " recursively";
    text += "? ";
    if (!r.Yes(text)) return 0;
  }

  mc::walk::Options wo;
  wo.one_file_system = o.one_file_system;
  mc::walk::Walker walker(wo);
  for (const std::string& f : files) walker.Walk(f, r);
  return r.failed() ? 1 : 0;
}
