/* @applet chmod
   @install bin
   @help
Usage: chmod [OPTION]... MODE[,MODE]... FILE...
  or:  chmod [OPTION]... OCTAL-MODE FILE...
  or:  chmod [OPTION]... --reference=RFILE FILE...
Change the mode of each FILE to MODE.
With --reference, change the mode of each FILE to that of RFILE.

  -c, --changes          like verbose but report only when a change is made
  -f, --silent, --quiet  suppress most error messages
  -v, --verbose          output a diagnostic for every file processed
      --no-preserve-root  do not treat '/' specially (the default)
      --preserve-root    fail to operate recursively on '/'
      --reference=RFILE  use RFILE's mode instead of MODE values
  -R, --recursive        change files and directories recursively
      --help        display this help and exit
      --version     output version information and exit

Each MODE is of the form '[ugoa]*([-+=]([rwxXst]*|[ugo]))+|[-+=][0-7]+'.
*/
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
#include "applets/support/mode.h"
#include "applets/support/walk.h"
#include "registry/applet.h"

namespace {

enum class Verbosity { kOff, kChanges, kAll };

// "0644 (rw-r--r--)": GNU's describe_change format.
std::string Describe(mode_t m) {
  std::string s;
  s += static_cast<char>('0' + ((m >> 9) & 7));
  s += static_cast<char>('0' + ((m >> 6) & 7));
  s += static_cast<char>('0' + ((m >> 3) & 7));
  s += static_cast<char>('0' + (m & 7));
  return s;
}

std::string Perms(mode_t m) {
  char p[10] = "---------";
  if (m & S_IRUSR) p[0] = 'r';
  if (m & S_IWUSR) p[1] = 'w';
  if (m & S_IXUSR) p[2] = 'x';
  if (m & S_IRGRP) p[3] = 'r';
  if (m & S_IWGRP) p[4] = 'w';
  if (m & S_IXGRP) p[5] = 'x';
  if (m & S_IROTH) p[6] = 'r';
  if (m & S_IWOTH) p[7] = 'w';
  if (m & S_IXOTH) p[8] = 'x';
  if (m & S_ISUID) p[2] = (m & S_IXUSR) ? 's' : 'S';
  if (m & S_ISGID) p[5] = (m & S_IXGRP) ? 's' : 'S';
  if (m & S_ISVTX) p[8] = (m & S_IXOTH) ? 't' : 'T';
  return std::string(p, 9);
}

struct Options {
  std::optional<mc::mode::Changes> changes;
  std::optional<mode_t> reference;
  bool recursive = false, quiet = false, preserve_root = false, surprises = false;
  Verbosity verbosity = Verbosity::kOff;
  mode_t umask_value = 0;
};

class Changer final : public mc::walk::Visitor {
 public:
  Changer(mc::Invocation& inv, const Options& o) : inv_(inv), o_(o) {}
  bool failed() const { return failed_; }

  mc::walk::Action Visit(const mc::walk::Entry& e) override {
    using mc::walk::Action;
    using mc::walk::Visit;
    switch (e.visit) {
      case Visit::kPre:
        if (e.depth == 0 && o_.recursive && o_.preserve_root && mc::walk::RefuseRoot(inv_, e)) {
          failed_ = true;
          return Action::kStop;
        }
        Change(e, *e.st);
        return o_.recursive ? Action::kContinue : Action::kSkip;
      case Visit::kPost:
        return Action::kContinue;
      case Visit::kFile: {
        struct stat own;
        const struct stat* st = e.st;
        if (!st || (e.depth > 0 && e.type == 0)) {
          if (::fstatat(e.dirfd, e.name, &own, AT_SYMLINK_NOFOLLOW) != 0) {
            Cannot("cannot access ", e.path, errno);
            return Action::kContinue;
          }
          st = &own;
        }
        if (S_ISLNK(st->st_mode)) {
          if (e.depth == 0) {
            // The operand is a dangling symbolic link.
            if (!o_.quiet) mc::Warn(inv_, "cannot operate on dangling symlink " + mc::Quote(e.path));
            if (o_.verbosity == Verbosity::kAll)
              inv_.out().Write(mc::Quote(e.path) + " could not be accessed\n");
            failed_ = true;
          } else if (o_.verbosity == Verbosity::kAll) {
            inv_.out().Write("neither symbolic link " + mc::Quote(e.path) +
                             " nor referent has been changed\n");
          }
          return Action::kContinue;
        }
        Change(e, *st);
        return Action::kContinue;
      }
      case Visit::kError:
        if (e.depth == 0 && e.err == ENOENT) {
          struct stat l;
          if (::lstat(std::string(e.path).c_str(), &l) == 0 && S_ISLNK(l.st_mode)) {
            if (!o_.quiet) mc::Warn(inv_, "cannot operate on dangling symlink " + mc::Quote(e.path));
            if (o_.verbosity == Verbosity::kAll)
              inv_.out().Write(mc::Quote(e.path) + " could not be accessed\n");
            failed_ = true;
            return Action::kContinue;
          }
        }
        Cannot("cannot access ", e.path, e.err);
        return Action::kContinue;
      case Visit::kDirError:
        // Change the directory itself, then say its contents are unreadable.
        Change(e, *e.st);
        Cannot("cannot read directory ", e.path, e.err);
        return Action::kContinue;
      case Visit::kCycle:
        mc::Warn(inv_, "WARNING: Circular directory structure.\n"
                       "This almost certainly means that you have a corrupted file system.\n"
                       "NOTIFY YOUR SYSTEM MANAGER.\n"
                       "The following directory is part of the cycle:\n  " +
                           mc::Quote(e.path));
        failed_ = true;
        return Action::kContinue;
      case Visit::kOtherDevice:
        return Action::kContinue;
    }
    return Action::kContinue;
  }

 private:
  void Cannot(const char* what, std::string_view path, int err) {
    if (!o_.quiet)
      mc::Warn(inv_, std::string(what) + mc::Quote(path) + ": " + std::string(mc::ErrorText(err)));
    failed_ = true;
  }

  void Change(const mc::walk::Entry& e, const struct stat& st) {
    mode_t old_mode = st.st_mode & 07777;
    bool dir = S_ISDIR(st.st_mode);
    mode_t new_mode = o_.reference ? *o_.reference
                                   : mc::mode::Apply(*o_.changes, st.st_mode, dir, o_.umask_value);
    bool ok = ::fchmodat(e.dirfd, e.name, new_mode, 0) == 0;
    int err = errno;
    if (o_.verbosity == Verbosity::kAll || (o_.verbosity == Verbosity::kChanges && ok &&
                                            new_mode != old_mode)) {
      std::string line;
      if (!ok)
        line = "failed to change mode of " + mc::Quote(e.path) + " from " + Describe(old_mode) +
               " (" + Perms(old_mode) + ") to " + Describe(new_mode) + " (" + Perms(new_mode) +
               ")\n";
      else if (new_mode == old_mode)
        line = "mode of " + mc::Quote(e.path) + " retained as " + Describe(old_mode) + " (" +
               Perms(old_mode) + ")\n";
      else
        line = "mode of " + mc::Quote(e.path) + " changed from " + Describe(old_mode) + " (" +
               Perms(old_mode) + ") to " + Describe(new_mode) + " (" + Perms(new_mode) + ")\n";
      inv_.out().Write(line);
    }
    if (!ok) {
      Cannot("changing permissions of ", e.path, err);
      return;
    }
    if (o_.surprises && o_.changes) {
      mode_t naive = mc::mode::Apply(*o_.changes, st.st_mode, dir, 0);
      if (new_mode & ~naive & 07777) {
        mc::Warn(inv_, mc::QuoteName(e.path) + ": new permissions are " + Perms(new_mode) +
                           ", not " + Perms(naive));
        failed_ = true;
      }
    }
  }

  mc::Invocation& inv_;
  const Options& o_;
  bool failed_ = false;
};

// "-w", "-rwx", "-644", "-x,g+w": GNU chmod takes these as the mode.
bool ModeLike(std::string_view a) {
  if (a.size() < 2 || a[0] != '-' || a[1] == '-') return false;
  for (char c : a.substr(1))
    if (std::string_view("rwxXstugoa,+-=01234567").find(c) == std::string_view::npos) return false;
  return true;
}

}  // namespace

MC_APPLET(chmod) {
  mc::cli::Parser p(inv);
  Options o;
  std::optional<std::string> reference;
  p.OnFlag("-c,--changes", [&] { o.verbosity = Verbosity::kChanges; });
  p.OnFlag("-f,--silent,--quiet", [&] { o.quiet = true; });
  p.OnFlag("-v,--verbose", [&] { o.verbosity = Verbosity::kAll; });
  p.OnFlag("--no-preserve-root", [&] { o.preserve_root = false; });
  p.OnFlag("--preserve-root", [&] { o.preserve_root = true; });
  p.OnValue("--reference", [&](const std::string& v) { reference = v; });
  p.Flag("-R,--recursive", o.recursive);

  // Mode-like arguments are taken out before the options are parsed.
  std::vector<std::string> args;
  std::optional<std::string> option_mode;
  bool after_dashes = false;
  for (char* const a : inv.args()) {
    std::string_view s = a;
    if (!after_dashes && s == "--") after_dashes = true;
    if (!after_dashes && ModeLike(s)) {
      if (option_mode)
        *option_mode += ',';
      else
        option_mode.emplace();
      *option_mode += s;
      continue;
    }
    args.emplace_back(s);
  }
  std::vector<std::string> ops;
  if (auto rc = p.Parse(args, &ops)) return *rc;

  std::string mode_text;
  if (reference) {
    if (option_mode) ops.insert(ops.begin(), *option_mode);
  } else if (option_mode) {
    mode_text = *option_mode;
    o.surprises = true;
  } else {
    if (ops.empty()) return mc::UsageError(inv, "missing operand");
    mode_text = ops.front();
    ops.erase(ops.begin());
  }
  if (ops.empty()) {
    if (reference || option_mode) return mc::UsageError(inv, "missing operand");
    return mc::UsageError(inv, "missing operand after " + mc::Quote(mode_text));
  }
  if (reference) {
    struct stat st;
    if (::stat(reference->c_str(), &st) != 0)
      mc::DieErrno(inv, "failed to get attributes of " + mc::Quote(*reference), errno);
    o.reference = st.st_mode & 07777;
  } else {
    o.changes = mc::mode::Compile(mode_text);
    if (!o.changes) {
      mc::Warn(inv, "invalid mode: " + mc::QuoteC(mode_text));
      return mc::UsageError(inv, "");
    }
    o.umask_value = mc::mode::CurrentUmask();
  }

  Changer c(inv, o);
  mc::walk::Options wo;
  wo.symlinks = mc::walk::Symlinks::kCommandLine;
  mc::walk::Walker walker(wo);
  for (const std::string& f : ops) walker.Walk(f, c);
  return c.failed() ? 1 : 0;
}
