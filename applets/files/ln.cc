/* @applet ln
   @install bin
   @help
Usage: ln [OPTION]... [-T] TARGET LINK_NAME
  or:  ln [OPTION]... TARGET
  or:  ln [OPTION]... TARGET... DIRECTORY
  or:  ln [OPTION]... -t DIRECTORY TARGET...
In the 1st form, create a link to TARGET with the name LINK_NAME.
In the 2nd form, create a link to TARGET in the current directory.
In the 3rd and 4th forms, create links to each TARGET in DIRECTORY.
Create hard links by default, symbolic links with --symbolic.
By default, each destination (name of new link) should not already exist.
When creating hard links, each TARGET must exist.  Symbolic links
can hold arbitrary text; if later resolved, a relative link is
interpreted in relation to its parent directory.

Mandatory arguments to long options are mandatory for short options too.
      --backup[=CONTROL]      make a backup of each existing destination file
  -b                          like --backup but does not accept an argument
  -d, -F, --directory         allow the superuser to attempt to hard link
                                directories (note: will probably fail due to
                                system restrictions, even for the superuser)
  -f, --force                 remove existing destination files
  -i, --interactive           prompt whether to remove destinations
  -L, --logical               dereference TARGETs that are symbolic links
  -n, --no-dereference        treat LINK_NAME as a normal file if
                                it is a symbolic link to a directory
  -P, --physical              make hard links directly to symbolic links
  -r, --relative              with -s, create links relative to link location
  -s, --symbolic              make symbolic links instead of hard links
  -S, --suffix=SUFFIX         override the usual backup suffix
  -t, --target-directory=DIRECTORY  specify the DIRECTORY in which to create
                                the links
  -T, --no-target-directory   treat LINK_NAME as a normal file always
  -v, --verbose               print name of each linked file
      --help        display this help and exit
      --version     output version information and exit

The backup suffix is '~', unless set with --suffix or SIMPLE_BACKUP_SUFFIX.
The version control method may be selected via the --backup option or through
the VERSION_CONTROL environment variable.  Here are the values:

  none, off       never make backups (even if --backup is given)
  numbered, t     make numbered backups
  existing, nil   numbered if numbered backups exist, simple otherwise
  simple, never   always make simple backups

Using -s ignores -L and -P.  Otherwise, the last option specified controls
behavior when a TARGET is a symbolic link, defaulting to -P.
*/
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "applets/support/canon.h"
#include "applets/support/cli.h"
#include "applets/support/copy.h"
#include "applets/support/diag.h"
#include "registry/applet.h"

namespace {

std::string Err(int e) { return std::string(mc::ErrorText(e)); }

}  // namespace

MC_APPLET(ln) {
  mc::cli::Parser p(inv);
  bool symbolic = false, force = false, interactive = false, no_deref = false;
  bool relative = false, verbose = false, no_target_dir = false, logical = false;
  std::optional<std::string> target_dir;
  mc::copy::BackupArgs backup;
  mc::copy::AddBackupOptions(p, &backup);
  bool ignored = false;
  p.Flag("-d,-F,--directory", ignored);
  p.OnFlag("-f,--force", [&] {
    force = true;
    interactive = false;
  });
  p.OnFlag("-i,--interactive", [&] {
    interactive = true;
    force = false;
  });
  p.OnFlag("-L,--logical", [&] { logical = true; });
  p.Flag("-n,--no-dereference", no_deref);
  p.OnFlag("-P,--physical", [&] { logical = false; });
  p.Flag("-r,--relative", relative);
  p.Flag("-s,--symbolic", symbolic);
  p.OnValue("-t,--target-directory", [&](const std::string& v) { target_dir = v; });
  p.Flag("-T,--no-target-directory", no_target_dir);
  p.Flag("-v,--verbose", verbose);
  std::vector<std::string> ops;
  if (auto rc = p.Parse(&ops)) return *rc;
  if (relative && !symbolic) {
    mc::Warn(inv, "cannot do --relative without --symbolic");
    return 1;
  }
  std::string suffix;
  auto b = mc::copy::ResolveBackup(inv, backup, &suffix);
  if (!b) return 1;
  if (ops.size() == 1 && !target_dir && !no_target_dir) target_dir = ".";
  if (no_deref && !target_dir && !no_target_dir && ops.size() == 2) {
    struct stat st;
    if (::lstat(ops[1].c_str(), &st) == 0 && S_ISLNK(st.st_mode)) no_target_dir = true;
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

  bool ok = true;
  for (const auto& [src, dst] : pairs) {
    struct stat sst;
    if (!symbolic) {
      int r = logical ? ::stat(src.c_str(), &sst) : ::lstat(src.c_str(), &sst);
      if (r != 0) {
        mc::Warn(inv, "failed to access " + mc::Quote(src) + ": " + Err(errno));
        ok = false;
        continue;
      }
      if (S_ISDIR(sst.st_mode)) {
        mc::Warn(inv, mc::QuoteName(src) + ": hard link not allowed for directory");
        ok = false;
        continue;
      }
    }
    std::string text = src;
    if (relative) {
      std::string csrc, cdir;
      if (mc::canon::Canonicalize(src, mc::canon::Mode::kMissing, true, &csrc) == 0 &&
          mc::canon::Canonicalize(mc::copy::ParentDir(dst), mc::canon::Mode::kMissing, true, &cdir) == 0)
        text = mc::canon::Relative(csrc, cdir);
    }
    struct stat dst_st;
    bool dst_exists = ::lstat(dst.c_str(), &dst_st) == 0;
    std::string backup_name;
    if (dst_exists && (force || interactive || *b != mc::copy::Backup::kNone)) {
      bool same;
      if (symbolic) {
        // GNU looks at the source as named from here, not from DEST's
        // directory ("ln -sf f d/f" replaces d/f with a link to itself).
        struct stat t;
        same = ::stat(src.c_str(), &t) == 0 && t.st_dev == dst_st.st_dev &&
               t.st_ino == dst_st.st_ino;
      } else {
        same = sst.st_dev == dst_st.st_dev && sst.st_ino == dst_st.st_ino;
      }
      if (same && *b == mc::copy::Backup::kNone) {
        mc::Warn(inv, mc::Quote(src) + " and " + mc::Quote(dst) + " are the same file");
        ok = false;
        continue;
      }
      if (interactive) {
        mc::copy::Copier asker(inv, mc::copy::Options{});
        if (!asker.Yes("replace " + mc::Quote(dst) + "? ")) continue;
      }
      if (S_ISDIR(dst_st.st_mode)) {
        mc::Warn(inv, mc::QuoteName(dst) + ": cannot overwrite directory");
        ok = false;
        continue;
      }
      if (*b != mc::copy::Backup::kNone) {
        backup_name = mc::copy::BackupName(dst, *b, suffix);
        if (::rename(dst.c_str(), backup_name.c_str()) != 0) {
          mc::Warn(inv, "cannot backup " + mc::Quote(dst) + ": " + Err(errno));
          ok = false;
          continue;
        }
      } else if (::unlink(dst.c_str()) != 0 && errno != ENOENT) {
        mc::Warn(inv, "cannot remove " + mc::Quote(dst) + ": " + Err(errno));
        ok = false;
        continue;
      }
    }
    int r = symbolic ? ::symlink(text.c_str(), dst.c_str())
                     : ::linkat(AT_FDCWD, src.c_str(), AT_FDCWD, dst.c_str(),
                                logical ? AT_SYMLINK_FOLLOW : 0);
    if (r != 0) {
      int err = errno;
      if (symbolic)
        mc::Warn(inv, "failed to create symbolic link " + mc::Quote(dst) + ": " + Err(err));
      else if (err == EEXIST)
        mc::Warn(inv, "failed to create hard link " + mc::Quote(dst) + ": " + Err(err));
      else
        mc::Warn(inv, "failed to create hard link " + mc::Quote(dst) + " => " + mc::Quote(src) +
                          ": " + Err(err));
      ok = false;
      continue;
    }
    if (verbose) {
      std::string line;
      if (!backup_name.empty()) line = mc::Quote(backup_name) + " ~ ";
      line += mc::Quote(dst);
      line += symbolic ? " -> " : " => ";
      line += mc::Quote(text);
      line += '\n';
      inv.out().Write(line);
    }
  }
  return ok ? 0 : 1;
}
