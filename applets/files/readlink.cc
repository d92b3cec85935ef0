/* @applet readlink
   @install usr/bin
   @help
Usage: readlink [OPTION]... FILE...
Print value of a symbolic link or canonical file name

  -f, --canonicalize            canonicalize by following every symlink in
                                every component of the given name recursively;
                                all but the last component must exist
  -e, --canonicalize-existing   canonicalize by following every symlink in
                                every component of the given name recursively,
                                all components must exist
  -m, --canonicalize-missing    canonicalize by following every symlink in
                                every component of the given name recursively,
                                without requirements on components existence
  -n, --no-newline              do not output the trailing delimiter
  -q, --quiet
  -s, --silent                  suppress most error messages (on by default)
  -v, --verbose                 report error messages
  -z, --zero                    end each output line with NUL, not newline
      --help        display this help and exit
      --version     output version information and exit
*/
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string>
#include <vector>

#include "applets/support/canon.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "registry/applet.h"

MC_APPLET(readlink) {
  mc::cli::Parser p(inv);
  std::optional<mc::canon::Mode> mode;
  bool no_newline = false, verbose = false, zero = false;
  p.OnFlag("-f,--canonicalize", [&] { mode = mc::canon::Mode::kAllButLast; });
  p.OnFlag("-e,--canonicalize-existing", [&] { mode = mc::canon::Mode::kExisting; });
  p.OnFlag("-m,--canonicalize-missing", [&] { mode = mc::canon::Mode::kMissing; });
  p.Flag("-n,--no-newline", no_newline);
  p.OnFlag("-q,--quiet,-s,--silent", [&] { verbose = false; });
  p.OnFlag("-v,--verbose", [&] { verbose = true; });
  p.Flag("-z,--zero", zero);
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;
  if (files.empty()) return mc::UsageError(inv, "missing operand");
  if (no_newline && files.size() > 1) {
    mc::Warn(inv, "ignoring --no-newline with multiple arguments");
    no_newline = false;
  }
  bool ok = true;
  std::vector<char> buf(256);
  for (const std::string& f : files) {
    std::string out;
    int err = 0;
    if (mode) {
      err = mc::canon::Canonicalize(f, *mode, true, &out);
    } else {
      for (;;) {
        ssize_t n = ::readlink(f.c_str(), buf.data(), buf.size());
        if (n < 0) {
          err = errno;
          break;
        }
        if (static_cast<std::size_t>(n) < buf.size()) {
          out.assign(buf.data(), static_cast<std::size_t>(n));
          break;
        }
        buf.resize(buf.size() * 2);
      }
    }
    if (err) {
      if (verbose) mc::WarnErrno(inv, mc::QuoteName(f), err);
      ok = false;
      continue;
    }
    inv.out().Write(out);
    if (!no_newline) inv.out().Put(zero ? '\0' : '\n');
  }
  return ok ? 0 : 1;
}
