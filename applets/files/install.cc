/* @applet install
   @install usr/bin
   @help
Usage: install [OPTION]... [-T] SOURCE DEST
  or:  install [OPTION]... SOURCE... DIRECTORY
  or:  install [OPTION]... -t DIRECTORY SOURCE...
  or:  install [OPTION]... -d DIRECTORY...

This install program copies files (often just compiled) into destination
locations you choose.  If you want to download and install a ready-to-use
package on a GNU/Linux system, you should instead be using a package manager
like yum(1) or apt-get(1).

In the first three forms, copy SOURCE to DEST or multiple SOURCE(s) to
the existing DIRECTORY, while setting permission modes and owner/group.
In the 4th form, create all components of the given DIRECTORY(ies).

Mandatory arguments to long options are mandatory for short options too.
      --backup[=CONTROL]  make a backup of each existing destination file
  -b                  like --backup but does not accept an argument
  -c                  (ignored)
  -C, --compare       compare content of source and destination files, and
                        if no change to content, ownership, and permissions,
                        do not modify the destination at all
  -d, --directory     treat all arguments as directory names; create all
                        components of the specified directories
  -D                  create all leading components of DEST except the last,
                        or all components of --target-directory,
                        then copy SOURCE to DEST
  -g, --group=GROUP   set group ownership, instead of process' current group
  -m, --mode=MODE     set permission mode (as in chmod), instead of rwxr-xr-x
  -o, --owner=OWNER   set ownership (super-user only)
  -p, --preserve-timestamps   apply access/modification times of SOURCE files
                        to corresponding destination files
  -s, --strip         strip symbol tables
      --strip-program=PROGRAM  program used to strip binaries
  -S, --suffix=SUFFIX  override the usual backup suffix
  -t, --target-directory=DIRECTORY  copy all SOURCE arguments into DIRECTORY
  -T, --no-target-directory  treat DEST as a normal file
  -v, --verbose       print the name of each directory as it is created
      --preserve-context  preserve SELinux security context
  -Z                      set SELinux security context of destination
                            file and each created directory to default type
      --context[=CTX]     like -Z, or if CTX is specified then set the
                            SELinux or SMACK security context to CTX
      --help        display this help and exit
      --version     output version information and exit

The backup suffix is '~', unless set with --suffix or SIMPLE_BACKUP_SUFFIX.
The version control method may be selected via the --backup option or through
the VERSION_CONTROL environment variable.  Here are the values:

  none, off       never make backups (even if --backup is given)
  numbered, t     make numbered backups
  existing, nil   numbered if numbered backups exist, simple otherwise
  simple, never   always make simple backups
*/
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/copy.h"
#include "applets/support/diag.h"
#include "applets/support/mode.h"
#include "applets/support/users.h"
#include "registry/applet.h"

namespace {

std::string Err(int e) { return std::string(mc::ErrorText(e)); }

std::optional<unsigned long> Number(std::string_view s) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  unsigned long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<unsigned long>(c - '0');
  }
  if (v > 0xFFFFFFFEul) return std::nullopt;
  return v;
}

struct Installer {
  explicit Installer(mc::Invocation& i) : inv(i) {}
  mc::Invocation& inv;
  mode_t mode = 0755;
  mode_t dir_mode = 0755;
  uid_t uid = static_cast<uid_t>(-1);
  gid_t gid = static_cast<gid_t>(-1);
  bool verbose = false, compare = false, strip = false, preserve_times = false;
  std::string strip_program = "strip";
  mc::copy::Backup backup = mc::copy::Backup::kNone;
  std::string suffix;

  // mkdir -p, saying "install: creating directory 'x'" for each one made.
  // The last component gets `last_mode` (when set) and the owner.
  bool MakeDirs(const std::string& path, std::optional<mode_t> last_mode) {
    std::size_t pos = 0;
    while (pos < path.size()) {
      std::size_t slash = path.find('/', pos);
      std::size_t end = slash == std::string::npos ? path.size() : slash;
      pos = end + 1;
      if (end == 0) continue;  // the leading slash
      std::string part = path.substr(0, end);
      while (part.size() > 1 && part.back() == '/') part.pop_back();
      bool last = path.find_first_not_of('/', end) == std::string::npos;
      struct stat st;
      if (::stat(part.c_str(), &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
          mc::Warn(inv, "cannot create directory " + mc::Quote(part) + ": " + Err(EEXIST));
          return false;
        }
      } else if (::mkdir(part.c_str(), 0700) != 0) {
        if (errno != EEXIST) {
          mc::Warn(inv, "cannot create directory " + mc::Quote(part) + ": " + Err(errno));
          return false;
        }
      } else {
        if (verbose) inv.out().Write("install: creating directory " + mc::Quote(part) + "\n");
        if (!last || !last_mode) ::chmod(part.c_str(), 0755);
      }
      if (last && last_mode) {
        if ((uid != static_cast<uid_t>(-1) || gid != static_cast<gid_t>(-1)) &&
            ::chown(part.c_str(), uid, gid) != 0) {
          mc::Warn(inv, "cannot change ownership of " + mc::Quote(part) + ": " + Err(errno));
          return false;
        }
        if (::chmod(part.c_str(), *last_mode) != 0) {
          mc::Warn(inv, "cannot change permissions of " + mc::Quote(part) + ": " + Err(errno));
          return false;
        }
      }
      if (slash == std::string::npos) break;
    }
    return true;
  }

  // -C: the destination already has the content, mode and owners wanted.
  bool Unchanged(const std::string& src, const std::string& dst) {
    if (mode & (S_ISUID | S_ISGID | S_ISVTX)) return false;
    struct stat s, d;
    if (::stat(src.c_str(), &s) != 0 || ::lstat(dst.c_str(), &d) != 0) return false;
    if (!S_ISREG(s.st_mode) || !S_ISREG(d.st_mode) || s.st_size != d.st_size) return false;
    constexpr mode_t kExtra = S_ISUID | S_ISGID | S_ISVTX;
    if ((s.st_mode & kExtra) || (d.st_mode & kExtra)) return false;
    if ((d.st_mode & 07777) != mode) return false;
    if (d.st_uid != (uid != static_cast<uid_t>(-1) ? uid : ::geteuid())) return false;
    if (d.st_gid != (gid != static_cast<gid_t>(-1) ? gid : ::getegid())) return false;
    int a = ::open(src.c_str(), O_RDONLY | O_CLOEXEC);
    int b = ::open(dst.c_str(), O_RDONLY | O_CLOEXEC);
    bool same = a >= 0 && b >= 0;
    if (same) {
      auto ba = std::make_unique<char[]>(65536), bb = std::make_unique<char[]>(65536);
      for (;;) {
        ssize_t na = ::read(a, ba.get(), 65536);
        ssize_t nb = na > 0 ? ::read(b, bb.get(), static_cast<std::size_t>(na)) : ::read(b, bb.get(), 1);
        if (na < 0 || nb != na || (na > 0 && std::memcmp(ba.get(), bb.get(), static_cast<std::size_t>(na)) != 0)) {
          same = false;
          break;
        }
        if (na == 0) break;
      }
    }
    if (a >= 0) ::close(a);
    if (b >= 0) ::close(b);
    return same;
  }

  bool RunStrip(const std::string& dst) {
    pid_t pid = ::fork();
    if (pid < 0) {
      mc::Warn(inv, "fork system call failed: " + Err(errno));
      return false;
    }
    if (pid == 0) {
      const char* argv[] = {strip_program.c_str(), dst.c_str(), nullptr};
      ::execvp(argv[0], const_cast<char* const*>(argv));
      int err = errno;
      std::string msg = std::string(inv.prog()) + ": cannot run " + mc::Quote(strip_program) +
                        ": " + Err(err) + "\n";
      mc::WriteAll(inv.err_fd(), msg.data(), msg.size());
      ::_exit(1);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
    mc::Warn(inv, "strip process terminated abnormally");
    return false;
  }

  bool File(const std::string& src, const std::string& dst) {
    struct stat st;
    if (::stat(src.c_str(), &st) != 0) {
      mc::Warn(inv, "cannot stat " + mc::Quote(src) + ": " + Err(errno));
      return false;
    }
    if (S_ISDIR(st.st_mode)) {
      mc::Warn(inv, "omitting directory " + mc::Quote(src));
      return false;
    }
    if (compare && Unchanged(src, dst)) return true;
    struct stat d;
    if (::lstat(dst.c_str(), &d) == 0) {
      if (d.st_dev == st.st_dev && d.st_ino == st.st_ino) {
        mc::Warn(inv, mc::Quote(src) + " and " + mc::Quote(dst) + " are the same file");
        return false;
      }
      if (S_ISDIR(d.st_mode)) {
        mc::Warn(inv, "cannot overwrite directory " + mc::Quote(dst) + " with non-directory");
        return false;
      }
      if (backup == mc::copy::Backup::kNone) {
        if (::unlink(dst.c_str()) != 0) {
          mc::Warn(inv, "cannot remove " + mc::Quote(dst) + ": " + Err(errno));
          return false;
        }
        if (verbose) inv.out().Write("removed " + mc::Quote(dst) + "\n");
      }
    }
    mc::copy::Options o;
    o.deref = mc::copy::Deref::kAlways;
    o.force = true;
    o.verbose = verbose;
    o.backup = backup;
    o.suffix = suffix;
    o.install_mode = mode;
    o.preserve_times = preserve_times && !strip;
    mc::copy::Copier copier(inv, o);
    if (!copier.Copy(src, dst)) return false;
    if (strip) {
      if (!RunStrip(dst)) {
        ::unlink(dst.c_str());
        return false;
      }
      if (preserve_times) {
        struct timespec ts[2] = {st.st_atim, st.st_mtim};
        ::utimensat(AT_FDCWD, dst.c_str(), ts, 0);
      }
    }
    if ((uid != static_cast<uid_t>(-1) || gid != static_cast<gid_t>(-1)) &&
        ::chown(dst.c_str(), uid, gid) != 0) {
      mc::Warn(inv, "cannot change ownership of " + mc::Quote(dst) + ": " + Err(errno));
      return false;
    }
    if (::chmod(dst.c_str(), mode) != 0) {
      mc::Warn(inv, "cannot change permissions of " + mc::Quote(dst) + ": " + Err(errno));
      return false;
    }
    return true;
  }
};

}  // namespace

MC_APPLET(install) {
  mc::cli::Parser p(inv);
  Installer in(inv);
  bool dirs = false, leading = false, no_target_dir = false, ignored = false;
  std::optional<std::string> mode_text, owner, group, target_dir;
  mc::copy::BackupArgs backup;
  mc::copy::AddBackupOptions(p, &backup);
  p.Flag("-c", ignored);
  p.Flag("-C,--compare", in.compare);
  p.Flag("-d,--directory", dirs);
  p.Flag("-D", leading);
  p.OnValue("-g,--group", [&](const std::string& v) { group = v; });
  p.OnValue("-m,--mode", [&](const std::string& v) { mode_text = v; });
  p.OnValue("-o,--owner", [&](const std::string& v) { owner = v; });
  p.Flag("-p,--preserve-timestamps", in.preserve_times);
  p.Flag("-s,--strip", in.strip);
  p.OnValue("--strip-program", [&](const std::string& v) { in.strip_program = v; });
  p.OnValue("-t,--target-directory", [&](const std::string& v) { target_dir = v; });
  p.Flag("-T,--no-target-directory", no_target_dir);
  p.Flag("-v,--verbose", in.verbose);
  p.Flag("--preserve-context", ignored);
  p.Flag("-Z", ignored);
  p.OptionalValue("--context", [](std::optional<std::string_view>) {});
  std::vector<std::string> ops;
  if (auto rc = p.Parse(&ops)) return *rc;

  std::string suffix;
  auto b = mc::copy::ResolveBackup(inv, backup, &suffix);
  if (!b) return 1;
  in.backup = *b;
  in.suffix = suffix;
  if (dirs && (target_dir || no_target_dir)) {
    mc::Warn(inv, "target directory not allowed when installing a directory");
    return mc::UsageError(inv, "");
  }
  if (mode_text) {
    auto changes = mc::mode::Compile(*mode_text);
    if (!changes) mc::Die(inv, "invalid mode " + mc::QuoteC(*mode_text));
    in.mode = mc::mode::Apply(*changes, 0, false, 0);
    in.dir_mode = mc::mode::Apply(*changes, 0, true, 0);
  }
  if (owner) {
    if (const mc::users::User* u = mc::users::UserByName(*owner))
      in.uid = u->uid;
    else if (auto n = Number(*owner))
      in.uid = static_cast<uid_t>(*n);
    else
      mc::Die(inv, "invalid user " + mc::QuoteC(*owner));
  }
  if (group) {
    if (const mc::users::Group* g = mc::users::GroupByName(*group))
      in.gid = g->gid;
    else if (auto n = Number(*group))
      in.gid = static_cast<gid_t>(*n);
    else
      mc::Die(inv, "invalid group " + mc::QuoteC(*group));
  }

  bool ok = true;
  if (dirs) {
    if (ops.empty()) return mc::UsageError(inv, "missing file operand");
    for (const std::string& d : ops)
      if (!in.MakeDirs(d, in.dir_mode)) ok = false;
    return ok ? 0 : 1;
  }
  if (leading && target_dir && !in.MakeDirs(*target_dir, std::nullopt)) return 1;
  if (leading && !target_dir && ops.size() == 2 && !no_target_dir) {
    // -D SOURCE DEST: DEST's leading directories.
    std::string parent = ops[1];
    std::size_t slash = parent.rfind('/');
    if (slash != std::string::npos && slash > 0) {
      parent.resize(slash);
      if (!in.MakeDirs(parent, std::nullopt)) return 1;
    }
    no_target_dir = true;
    struct stat st;
    if (::stat(ops[1].c_str(), &st) == 0 && S_ISDIR(st.st_mode)) no_target_dir = false;
  }
  std::vector<std::pair<std::string, std::string>> pairs;
  bool into_dir = false;
  struct stat target_st;
  if (target_dir && ::stat(target_dir->c_str(), &target_st) != 0) {
    mc::Warn(inv, "failed to access " + mc::Quote(*target_dir) + ": " +
                      std::string(mc::ErrorText(errno)));
    return 1;
  }
  if (auto rc = mc::copy::PlanTargets(inv, ops, target_dir, no_target_dir, &pairs, &into_dir))
    return *rc;
  for (const auto& [src, dst] : pairs)
    if (!in.File(src, dst)) ok = false;
  return ok ? 0 : 1;
}
