// The one copy engine, for cp, mv (across file systems) and install.
//
//   - CopyData moves one file's bytes: FICLONE when asked, then
//     copy_file_range, then sendfile, then read/write, each step falling
//     back on the errors that mean "not here" (EXDEV, ENOSYS, EINVAL,
//     EOPNOTSUPP...). A sparse source (fewer blocks than its size) is copied
//     extent by extent with SEEK_DATA/SEEK_HOLE, so holes stay holes.
//   - Copier copies a name to a name as cp does: regular files (O_EXCL for a
//     new destination, O_TRUNC for an existing one, unlink and retry with
//     -f), symbolic links, FIFOs and devices (mknod), directories
//     recursively on the shared walker (walk.h), hard links kept together
//     with --preserve=links, and mode, ownership and timestamps on request.
//     Messages are GNU cp's, prefixed with the invocation's name.
//   - Backups (-b, --backup=CONTROL, -S) as cp, mv, ln and install make them.
//   - RemoveTree removes a copied source (mv across file systems).
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "applets/support/invocation.h"

namespace mc::cli {
class Parser;
}

namespace mc::copy {

// ---- Backups ----
enum class Backup { kNone, kSimple, kNumbered, kExisting };

// The backup command-line state: -b, --backup[=CONTROL], -S SUFFIX.
struct BackupArgs {
  bool make = false;
  std::optional<std::string> control;  // --backup=CONTROL
  std::optional<std::string> suffix;   // -S
};
// Declares --backup[=CONTROL], -b and -S/--suffix (cp, mv, ln, install).
void AddBackupOptions(cli::Parser& p, BackupArgs* a);
// Resolves BackupArgs with VERSION_CONTROL and SIMPLE_BACKUP_SUFFIX.
// Returns nullopt after printing the error (and the --help hint) for a
// bad CONTROL; the applet then fails with its usage status.
std::optional<Backup> ResolveBackup(const Invocation& inv, const BackupArgs& a,
                                    std::string* suffix);
// The name to rename `path` to before replacing it ("" for kNone).
std::string BackupName(const std::string& path, Backup b, std::string_view suffix);

// ---- Data ----
enum class Sparse { kNever, kAuto, kAlways };
enum class Reflink { kNever, kAuto, kAlways };

struct DataError {
  int err = 0;          // 0: success
  bool writing = false; // the error came from the destination
};
// Copies the whole of in (from its current offset) to out. src is in's
// stat. Ends with ftruncate when the copy ends in a hole.
DataError CopyData(int in, int out, const struct stat& src, Sparse sparse, Reflink reflink);

// ---- Names ----
enum class Deref { kNever, kCommandLine, kAlways };

struct Options {
  bool recursive = false;
  Deref deref = Deref::kAlways;
  bool preserve_mode = false, preserve_owner = false, preserve_times = false;
  bool preserve_links = false;
  bool require_preserve = false;  // explicit --preserve: failures are errors
  bool force = false;             // -f: unlink a destination that cannot be opened
  bool remove_destination = false;
  bool interactive = false;
  bool no_clobber = false;
  bool update = false;
  bool verbose = false;
  bool hard_link = false;     // -l
  bool symbolic_link = false; // -s
  bool attributes_only = false;
  bool one_file_system = false;
  bool copy_specials = false;  // recreate FIFOs and devices (-R without --copy-contents)
  bool moving = false;         // mv: no "same file" games, every attribute kept quietly
  Backup backup = Backup::kNone;
  std::string suffix = "~";
  Sparse sparse = Sparse::kAuto;
  Reflink reflink = Reflink::kAuto;
  // install: the mode to give every created file (instead of the source's).
  std::optional<mode_t> install_mode;
};

class Copier {
 public:
  Copier(Invocation& inv, const Options& o);
  ~Copier();
  Copier(const Copier&) = delete;
  Copier& operator=(const Copier&) = delete;

  // Copies src to the name dst (not into it). False after an error
  // (already reported).
  bool Copy(const std::string& src, const std::string& dst);

  // Asks "PROG: TEXT" and reads a line from standard input: y or Y.
  bool Yes(const std::string& text);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// cp, mv, ln and install operands: fills *pairs with (source, destination)
// and returns nullopt, or prints the GNU error and returns the exit status.
// Into a directory when target_dir is given, or when there are more than
// two operands, or the last is a directory (unless no_target_dir).
std::optional<int> PlanTargets(Invocation& inv, std::vector<std::string> ops,
                               const std::optional<std::string>& target_dir, bool no_target_dir,
                               std::vector<std::pair<std::string, std::string>>* pairs,
                               bool* into_dir);
// DIR/NAME without doubling a slash.
std::string JoinPath(const std::string& dir, std::string_view name);
// The directory part of a name as dirname(1) gives it: trailing slashes
// dropped, "." for a bare name, "/" at the root.
std::string ParentDir(const std::string& name);
// The last component of a name, trailing slashes dropped ("a/b/" -> "b").
std::string_view LastComponent(std::string_view name);

// Removes path and, for a directory, everything below it (not following
// symbolic links), saying "removed 'x'" for each with verbose. Errors are reported as "cannot remove 'x': ...".
bool RemoveTree(Invocation& inv, const std::string& path, bool verbose);

// GNU's "'a' -> 'b'" verbose line, with " (backup: 'c')" when c is not empty.
void SayCopied(Invocation& inv, std::string_view prefix, const std::string& from,
               const std::string& to, const std::string& backup);

}  // namespace mc::copy
