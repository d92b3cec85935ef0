/* @applet cp
   @install bin
   @help
Usage: cp [OPTION]... [-T] SOURCE DEST
  or:  cp [OPTION]... SOURCE... DIRECTORY
  or:  cp [OPTION]... -t DIRECTORY SOURCE...
Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.

Mandatory arguments to long options are mandatory for short options too.
  -a, --archive                same as -dR --preserve=all
      --attributes-only        don't copy the file data, just the attributes
      --backup[=CONTROL]       make a backup of each existing destination file
  -b                           like --backup but does not accept an argument
      --copy-contents          copy contents of special files when recursive
  -d                           same as --no-dereference --preserve=links
  -f, --force                  if an existing destination file cannot be
                                 opened, remove it and try again (this option
                                 is ignored when the -n option is also used)
  -i, --interactive            prompt before overwrite (overrides a previous -n
                                  option)
  -H                           follow command-line symbolic links in SOURCE
  -l, --link                   hard link files instead of copying
  -L, --dereference            always follow symbolic links in SOURCE
  -n, --no-clobber             do not overwrite an existing file (overrides
                                 a previous -i option)
  -P, --no-dereference         never follow symbolic links in SOURCE
  -p                           same as --preserve=mode,ownership,timestamps
      --preserve[=ATTR_LIST]   preserve the specified attributes (default:
                                 mode,ownership,timestamps), if possible
                                 additional attributes: context, links, xattr,
                                 all
      --no-preserve=ATTR_LIST  don't preserve the specified attributes
      --parents                use full source file name under DIRECTORY
  -R, -r, --recursive          copy directories recursively
      --reflink[=WHEN]         control clone/CoW copies. See below
      --remove-destination     remove each existing destination file before
                                 attempting to open it (contrast with --force)
      --sparse=WHEN            control creation of sparse files. See below
      --strip-trailing-slashes  remove any trailing slashes from each SOURCE
                                 argument
  -s, --symbolic-link          make symbolic links instead of copying
  -S, --suffix=SUFFIX          override the usual backup suffix
  -t, --target-directory=DIRECTORY  copy all SOURCE arguments into DIRECTORY
  -T, --no-target-directory    treat DEST as a normal file
  -u, --update                 copy only when the SOURCE file is newer
                                 than the destination file or when the
                                 destination file is missing
  -v, --verbose                explain what is being done
  -x, --one-file-system        stay on this file system
  -Z                           set SELinux security context of destination
                                 file to default type
      --context[=CTX]          like -Z, or if CTX is specified then set the
                                 SELinux or SMACK security context to CTX
      --help        display this help and exit
      --version     output version information and exit

By default, sparse SOURCE files are detected by a crude heuristic and the
corresponding DEST file is made sparse as well.  That is the behavior
selected by --sparse=auto.  Specify --sparse=always to create a sparse DEST
file whenever the SOURCE file contains a long enough sequence of zero bytes.
Use --sparse=never to inhibit creation of sparse files.

When --reflink[=always] is specified, perform a lightweight copy, where the
data blocks are copied only when modified.  If this is not possible the copy
fails, or if --reflink=auto is specified, fall back to a standard copy.
Use --reflink=never to ensure a standard copy is performed.

The backup suffix is '~', unless set with --suffix or SIMPLE_BACKUP_SUFFIX.
The version control method may be selected via the --backup option or through
the VERSION_CONTROL environment variable.  Here are the values:

  none, off       never make backups (even if --backup is given)
  numbered, t     make numbered backups
  existing, nil   numbered if numbered backups exist, simple otherwise
  simple, never   always make simple backups

As a special case, cp makes a backup of SOURCE when the force and backup
options are given and SOURCE and DEST are the same name for an existing,
regular file.
*/
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "applets/support/choice.h"
#include "applets/support/cli.h"
#include "applets/support/copy.h"
#include "applets/support/diag.h"
#include "registry/applet.h"

namespace {

constexpr mc::Choice kWhen[] = {{"never", 0}, {"auto", 1}, {"always", 2}};

struct Preserve {
  bool mode = false, owner = false, times = false, links = false;
};

// --preserve=LIST / --no-preserve=LIST words; false for a bad word (reported).
bool ApplyPreserveList(mc::Invocation& inv, std::string_view list, bool on, Preserve* p,
                       const char* option) {
  static constexpr mc::Choice kAttrs[] = {{"mode", 0},  {"timestamps", 1}, {"ownership", 2},
                                          {"links", 3}, {"context", 4},    {"xattr", 5},
                                          {"all", 6}};
  while (true) {
    std::size_t comma = list.find(',');
    std::string_view w = list.substr(0, comma);
    auto v = mc::ArgMatch(inv, w, option, kAttrs);
    if (!v) return false;
    switch (*v) {
      case 0: p->mode = on; break;
      case 1: p->times = on; break;
      case 2: p->owner = on; break;
      case 3: p->links = on; break;
      case 6: p->mode = p->times = p->owner = p->links = on; break;
      default: break;  // context, xattr: not kept (no SELinux/xattr support)
    }
    if (comma == std::string_view::npos) return true;
    list.remove_prefix(comma + 1);
  }
}

}  // namespace

MC_APPLET(cp) {
  mc::cli::Parser p(inv);
  mc::copy::Options o;
  Preserve pres;
  bool recursive = false, copy_contents = false, parents = false, strip_slashes = false;
  bool no_target_dir = false;
  std::optional<std::string> target_dir;
  std::optional<mc::copy::Deref> deref;
  bool preserve_links_by_d = false;
  mc::copy::BackupArgs backup;
  bool bad = false;
  enum class Ask { kDefault, kAsk, kNo } ask = Ask::kDefault;
  p.OnFlag("-a,--archive", [&] {
    deref = mc::copy::Deref::kNever;
    recursive = true;
    pres.mode = pres.times = pres.owner = pres.links = true;
  });
  p.Flag("--attributes-only", o.attributes_only);
  mc::copy::AddBackupOptions(p, &backup);
  p.Flag("--copy-contents", copy_contents);
  p.OnFlag("-d", [&] {
    deref = mc::copy::Deref::kNever;
    preserve_links_by_d = true;
  });
  p.Flag("-f,--force", o.force);
  p.OnFlag("-i,--interactive", [&] { ask = Ask::kAsk; });
  p.OnFlag("-H", [&] { deref = mc::copy::Deref::kCommandLine; });
  p.Flag("-l,--link", o.hard_link);
  p.OnFlag("-L,--dereference", [&] { deref = mc::copy::Deref::kAlways; });
  p.OnFlag("-n,--no-clobber", [&] { ask = Ask::kNo; });
  p.OnFlag("-P,--no-dereference", [&] { deref = mc::copy::Deref::kNever; });
  p.OnFlag("-p", [&] { pres.mode = pres.times = pres.owner = true; });
  p.OptionalValue("--preserve", [&](std::optional<std::string_view> v) {
    if (!v) {
      pres.mode = pres.times = pres.owner = true;
      return;
    }
    if (!ApplyPreserveList(inv, *v, true, &pres, "--preserve")) {
      bad = true;
      p.Stop(mc::UsageError(inv, ""));
    }
  });
  p.OnValue("--no-preserve", [&](const std::string& v) {
    if (!ApplyPreserveList(inv, v, false, &pres, "--no-preserve")) {
      bad = true;
      p.Stop(mc::UsageError(inv, ""));
    }
  });
  p.Flag("--parents", parents);
  p.Flag("-R,-r,--recursive", recursive);
  p.OptionalValue("--reflink", [&](std::optional<std::string_view> v) {
    if (!v) {
      o.reflink = mc::copy::Reflink::kAlways;
      return;
    }
    static constexpr mc::Choice kReflink[] = {{"auto", 1}, {"always", 2}, {"never", 0}};
    auto w = mc::ArgMatch(inv, *v, "--reflink", kReflink);
    if (!w) {
      p.Stop(mc::UsageError(inv, ""));
      return;
    }
    o.reflink = static_cast<mc::copy::Reflink>(*w);
  });
  p.Flag("--remove-destination", o.remove_destination);
  p.OnValue("--sparse", [&](const std::string& v) {
    auto w = mc::ArgMatch(inv, v, "--sparse", kWhen);
    if (!w) {
      p.Stop(mc::UsageError(inv, ""));
      return;
    }
    o.sparse = static_cast<mc::copy::Sparse>(*w);
  });
  p.Flag("--strip-trailing-slashes", strip_slashes);
  p.Flag("-s,--symbolic-link", o.symbolic_link);
  p.OnValue("-t,--target-directory", [&](const std::string& v) { target_dir = v; });
  p.Flag("-T,--no-target-directory", no_target_dir);
  p.Flag("-u,--update", o.update);
  p.Flag("-v,--verbose", o.verbose);
  p.Flag("-x,--one-file-system", o.one_file_system);
  bool ignored = false;
  p.Flag("-Z", ignored);
  p.OptionalValue("--context", [](std::optional<std::string_view>) {});
  std::vector<std::string> ops;
  if (auto rc = p.Parse(&ops)) return *rc;
  (void)bad;

  if (o.hard_link && o.symbolic_link) {
    mc::Warn(inv, "cannot make both hard and symbolic links");
    return mc::UsageError(inv, "");
  }
  std::string suffix;
  auto b = mc::copy::ResolveBackup(inv, backup, &suffix);
  if (!b) return 1;
  if (backup.make && ask == Ask::kNo) {
    mc::Warn(inv, "options --backup and --no-clobber are mutually exclusive");
    return mc::UsageError(inv, "");
  }
  o.backup = *b;
  o.suffix = suffix;
  if (o.reflink == mc::copy::Reflink::kAlways && o.sparse != mc::copy::Sparse::kAuto) {
    mc::Warn(inv, "--reflink can be used only with --sparse=auto");
    return mc::UsageError(inv, "");
  }
  o.recursive = recursive;
  o.copy_specials = recursive && !copy_contents;
  o.deref = deref ? *deref
                  : (recursive && !o.hard_link ? mc::copy::Deref::kNever
                                               : mc::copy::Deref::kAlways);
  o.preserve_mode = pres.mode;
  o.preserve_owner = pres.owner;
  o.preserve_times = pres.times;
  o.preserve_links = pres.links || preserve_links_by_d;
  o.interactive = ask == Ask::kAsk;
  o.no_clobber = ask == Ask::kNo;

  if (strip_slashes)
    for (std::string& s : ops)
      while (s.size() > 1 && s.back() == '/') s.pop_back();

  std::vector<std::pair<std::string, std::string>> pairs;
  bool into_dir = false;
  if (parents && !target_dir) {
    // --parents needs a directory destination.
    struct stat st;
    if (!no_target_dir && ops.size() >= 2 && ::stat(ops.back().c_str(), &st) == 0 &&
        S_ISDIR(st.st_mode)) {
      target_dir = ops.back();
      ops.pop_back();
    } else if (ops.size() >= 2) {
      return mc::UsageError(inv, "with --parents, the destination must be a directory");
    }
  }
  if (auto rc = mc::copy::PlanTargets(inv, ops, target_dir, no_target_dir, &pairs, &into_dir))
    return *rc;

  mc::copy::Copier copier(inv, o);
  bool ok = true;
  for (auto& [src, dst] : pairs) {
    if (parents) {
      // DIR/SRC, creating SRC's directories under DIR as needed.
      dst = mc::copy::JoinPath(*target_dir, src);
      std::size_t start = target_dir->size();
      bool made = true;
      for (std::size_t slash = dst.find('/', start + 1); slash != std::string::npos;
           slash = dst.find('/', slash + 1)) {
        std::string dir = dst.substr(0, slash);
        struct stat st;
        if (::stat(dir.c_str(), &st) == 0) {
          if (!S_ISDIR(st.st_mode)) {
            mc::Warn(inv, mc::Quote(dir) + " exists but is not a directory");
            made = false;
            break;
          }
          continue;
        }
        std::string src_dir = src.substr(0, slash - (dst.size() - src.size()));
        struct stat sst;
        mode_t m = ::stat(src_dir.c_str(), &sst) == 0 ? (sst.st_mode & 07777) : 0777;
        if (::mkdir(dir.c_str(), m | S_IRWXU) != 0) {
          mc::Warn(inv, "cannot make directory " + mc::Quote(dir) + ": " +
                            std::string(mc::ErrorText(errno)));
          made = false;
          break;
        }
        if (o.verbose) inv.out().Write(src_dir + " -> " + dir + "\n");
        if (o.preserve_mode) ::chmod(dir.c_str(), m);
      }
      if (!made) {
        ok = false;
        continue;
      }
    }
    if (!copier.Copy(src, dst)) ok = false;
  }
  return ok ? 0 : 1;
}
