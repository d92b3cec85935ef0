/* @applet mv
   @install bin
   @help
Usage: mv [OPTION]... [-T] SOURCE DEST
  or:  mv [OPTION]... SOURCE... DIRECTORY
  or:  mv [OPTION]... -t DIRECTORY SOURCE...
Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.

Mandatory arguments to long options are mandatory for short options too.
      --backup[=CONTROL]       make a backup of each existing destination file
  -b                           like --backup but does not accept an argument
  -f, --force                  do not prompt before overwriting
  -i, --interactive            prompt before overwrite
  -n, --no-clobber             do not overwrite an existing file
If you specify more than one of -i, -f, -n, only the final one takes effect.
      --strip-trailing-slashes  remove any trailing slashes from each SOURCE
                                 argument
  -S, --suffix=SUFFIX          override the usual backup suffix
  -t, --target-directory=DIRECTORY  move all SOURCE arguments into DIRECTORY
  -T, --no-target-directory    treat DEST as a normal file
  -u, --update                 move only when the SOURCE file is newer
                                 than the destination file or when the
                                 destination file is missing
  -v, --verbose                explain what is being done
  -Z, --context                set SELinux security context of destination
                                 file to default type
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
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
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

MC_APPLET(mv) {
  mc::cli::Parser p(inv);
  enum class Ask { kForce, kAsk, kNo } ask = Ask::kForce;
  bool update = false, verbose = false, no_target_dir = false, strip_slashes = false;
  std::optional<std::string> target_dir;
  mc::copy::BackupArgs backup;
  mc::copy::AddBackupOptions(p, &backup);
  p.OnFlag("-f,--force", [&] { ask = Ask::kForce; });
  p.OnFlag("-i,--interactive", [&] { ask = Ask::kAsk; });
  p.OnFlag("-n,--no-clobber", [&] { ask = Ask::kNo; });
  p.Flag("--strip-trailing-slashes", strip_slashes);
  p.OnValue("-t,--target-directory", [&](const std::string& v) { target_dir = v; });
  p.Flag("-T,--no-target-directory", no_target_dir);
  p.Flag("-u,--update", update);
  p.Flag("-v,--verbose", verbose);
  bool ignored = false;
  p.Flag("-Z,--context", ignored);
  std::vector<std::string> ops;
  if (auto rc = p.Parse(&ops)) return *rc;
  std::string suffix;
  auto b = mc::copy::ResolveBackup(inv, backup, &suffix);
  if (!b) return 1;
  if (backup.make && ask == Ask::kNo) {
    mc::Warn(inv, "options --backup and --no-clobber are mutually exclusive");
    return mc::UsageError(inv, "");
  }
  if (strip_slashes)
    for (std::string& s : ops)
      while (s.size() > 1 && s.back() == '/') s.pop_back();
  std::vector<std::pair<std::string, std::string>> pairs;
  bool into_dir = false;
  if (auto rc = mc::copy::PlanTargets(inv, ops, target_dir, no_target_dir, &pairs, &into_dir))
    return *rc;

  mc::copy::Options co;
  co.moving = true;
  co.recursive = true;
  co.deref = mc::copy::Deref::kNever;
  co.preserve_mode = co.preserve_owner = co.preserve_times = co.preserve_links = true;
  co.copy_specials = true;
  co.verbose = verbose;
  mc::copy::Copier copier(inv, co);

  bool ok = true;
  for (const auto& [src, dst] : pairs) {
    struct stat sst, dst_st;
    if (::lstat(src.c_str(), &sst) != 0) {
      mc::Warn(inv, "cannot stat " + mc::Quote(src) + ": " + Err(errno));
      ok = false;
      continue;
    }
    bool dst_exists = ::lstat(dst.c_str(), &dst_st) == 0;
    if (dst_exists && dst_st.st_dev == sst.st_dev && dst_st.st_ino == sst.st_ino) {
      // Renaming a name onto itself (or a hard link onto its twin).
      mc::Warn(inv, mc::Quote(src) + " and " + mc::Quote(dst) + " are the same file");
      ok = false;
      continue;
    }
    if (S_ISDIR(sst.st_mode)) {
      std::string csrc, cparent;
      if (mc::canon::Canonicalize(src, mc::canon::Mode::kExisting, true, &csrc) == 0 &&
          mc::canon::Canonicalize(mc::copy::ParentDir(dst), mc::canon::Mode::kMissing, true, &cparent) == 0 &&
          mc::canon::IsPrefix(csrc, cparent)) {
        mc::Warn(inv, "cannot move " + mc::Quote(src) + " to a subdirectory of itself, " +
                          mc::Quote(dst));
        ok = false;
        continue;
      }
    }
    std::string backup_name;
    if (dst_exists) {
      if (ask == Ask::kNo) continue;
      if (update && (dst_st.st_mtim.tv_sec > sst.st_mtim.tv_sec ||
                     (dst_st.st_mtim.tv_sec == sst.st_mtim.tv_sec &&
                      dst_st.st_mtim.tv_nsec >= sst.st_mtim.tv_nsec)))
        continue;
      bool dst_dir = S_ISDIR(dst_st.st_mode);
      if (dst_dir && !S_ISDIR(sst.st_mode)) {
        mc::Warn(inv, "cannot overwrite directory " + mc::Quote(dst) + " with non-directory");
        ok = false;
        continue;
      }
      if (!dst_dir && S_ISDIR(sst.st_mode)) {
        mc::Warn(inv, "cannot overwrite non-directory " + mc::Quote(dst) + " with directory " +
                          mc::Quote(src));
        ok = false;
        continue;
      }
      if (ask == Ask::kAsk && !copier.Yes("overwrite " + mc::Quote(dst) + "? ")) continue;
      if (*b != mc::copy::Backup::kNone) {
        backup_name = mc::copy::BackupName(dst, *b, suffix);
        if (::rename(dst.c_str(), backup_name.c_str()) != 0) {
          mc::Warn(inv, "cannot backup " + mc::Quote(dst) + ": " + Err(errno));
          ok = false;
          continue;
        }
        dst_exists = false;
      }
    }
    if (::rename(src.c_str(), dst.c_str()) == 0) {
      if (verbose) mc::copy::SayCopied(inv, "renamed ", src, dst, backup_name);
      continue;
    }
    int err = errno;
    if (err != EXDEV) {
      mc::Warn(inv, "cannot move " + mc::Quote(src) + " to " + mc::Quote(dst) + ": " + Err(err));
      ok = false;
      continue;
    }
    // Another file system: copy everything, then remove the source.
    if (dst_exists) {
      int r = S_ISDIR(dst_st.st_mode) ? ::rmdir(dst.c_str()) : ::unlink(dst.c_str());
      if (r != 0) {
        mc::Warn(inv, "inter-device move failed: " + mc::Quote(src) + " to " + mc::Quote(dst) +
                          "; unable to remove target: " + Err(errno));
        ok = false;
        continue;
      }
    }
    if (!copier.Copy(src, dst)) {
      ok = false;
      continue;
    }
    if (!mc::copy::RemoveTree(inv, src, verbose)) ok = false;
  }
  return ok ? 0 : 1;
}
