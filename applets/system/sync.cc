/* @applet sync
   @help
Usage: sync [OPTION] [FILE]...
Synchronize cached writes to persistent storage

If one or more files are specified, sync only them,
or their containing file systems.

  -d, --data             sync only file data, no unneeded metadata
  -f, --file-system      sync the file systems that contain the files
      --help        display this help and exit
      --version     output version information and exit
*/
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "registry/applet.h"

namespace {

enum class Mode { kFile, kData, kFileSystem };

// GNU's sync_arg: open read-only (non-blocking, so FIFOs do not hang),
// falling back to write-only for files that cannot be read, then sync.
bool SyncOne(const mc::Invocation& inv, Mode mode, const std::string& file) {
  int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    fd = ::open(file.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
      mc::WarnErrno(inv, "error opening " + mc::Quote(file), err);
      return false;
    }
  }
  bool ok = true;
  int flags = ::fcntl(fd, F_GETFL);
  if (flags == -1 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
    mc::WarnErrno(inv, "couldn't reset non-blocking mode " + mc::Quote(file), errno);
    ok = false;
  }
  if (ok) {
    int rc = mode == Mode::kData ? ::fdatasync(fd) : mode == Mode::kFileSystem ? ::syncfs(fd)
                                                                                : ::fsync(fd);
    if (rc < 0) {
      mc::WarnErrno(inv, "error syncing " + mc::Quote(file), errno);
      ok = false;
    }
  }
  if (::close(fd) < 0) {
    mc::WarnErrno(inv, "failed to close " + mc::Quote(file), errno);
    ok = false;
  }
  return ok;
}

}  // namespace

MC_APPLET(sync) {
  bool data = false, fs = false;
  mc::cli::Parser parser(inv);
  parser.Flag("-d,--data", data);
  parser.Flag("-f,--file-system", fs);
  std::vector<std::string> files;
  if (auto rc = parser.Parse(&files)) return *rc;
  if (data && fs) {
    mc::Warn(inv, "cannot specify both --data and --file-system");
    return 1;
  }
  if (data && files.empty()) {
    mc::Warn(inv, "--data needs at least one argument");
    return 1;
  }
  if (files.empty()) {
    ::sync();
    return 0;
  }
  Mode mode = data ? Mode::kData : fs ? Mode::kFileSystem : Mode::kFile;
  bool ok = true;
  for (const std::string& f : files) ok = SyncOne(inv, mode, f) && ok;
  return ok ? 0 : 1;
}
