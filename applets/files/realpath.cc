/* @applet realpath
   @install usr/bin
   @help
Usage: realpath [OPTION]... FILE...
Print the resolved absolute file name;
all but the last component must exist

  -e, --canonicalize-existing  all components of the path must exist
  -m, --canonicalize-missing   no path components need exist or be a directory
  -L, --logical                resolve '..' components before symlinks
  -P, --physical               resolve symlinks as encountered (default)
  -q, --quiet                  suppress most error messages
      --relative-to=DIR        print the resolved path relative to DIR
      --relative-base=DIR      print absolute paths unless paths below DIR
  -s, --strip, --no-symlinks   don't expand symlinks
  -z, --zero                   end each output line with NUL, not newline
      --help        display this help and exit
      --version     output version information and exit
*/
#include <sys/stat.h>

#include <cerrno>
#include <optional>
#include <string>
#include <vector>

#include "applets/support/canon.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "registry/applet.h"

namespace {

struct Canon {
  mc::canon::Mode mode = mc::canon::Mode::kAllButLast;
  bool logical = false;
  bool resolve = true;
  int Run(const std::string& name, std::string* out) const {
    if (logical) return mc::canon::CanonicalizeLogical(name, mode, out);
    return mc::canon::Canonicalize(name, mode, resolve, out);
  }
};

}  // namespace

MC_APPLET(realpath) {
  mc::cli::Parser p(inv);
  Canon c;
  bool quiet = false, zero = false;
  std::optional<std::string> relative_to, relative_base;
  p.OnFlag("-e,--canonicalize-existing", [&] { c.mode = mc::canon::Mode::kExisting; });
  p.OnFlag("-m,--canonicalize-missing", [&] { c.mode = mc::canon::Mode::kMissing; });
  p.OnFlag("-L,--logical", [&] {
    c.logical = true;
    c.resolve = true;
  });
  p.OnFlag("-P,--physical", [&] {
    c.logical = false;
    c.resolve = true;
  });
  p.Flag("-q,--quiet", quiet);
  p.OnValue("--relative-to", [&](const std::string& v) { relative_to = v; });
  p.OnValue("--relative-base", [&](const std::string& v) { relative_base = v; });
  p.OnFlag("-s,--strip,--no-symlinks", [&] {
    c.logical = false;
    c.resolve = false;
  });
  p.Flag("-z,--zero", zero);
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;
  if (files.empty()) return mc::UsageError(inv, "missing operand");

  auto canon_dir = [&](const std::string& d, std::string* out) {
    int err = c.Run(d, out);
    if (!err && c.mode == mc::canon::Mode::kExisting) {
      struct stat st;
      if (::stat(out->c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) err = ENOTDIR;
    }
    if (err) mc::Die(inv, mc::QuoteName(d) + ": " + std::string(mc::ErrorText(err)));
  };
  if (relative_base && !relative_to) relative_to = relative_base;
  std::optional<std::string> to, base;
  if (relative_to) {
    to.emplace();
    canon_dir(*relative_to, &*to);
  }
  if (relative_base) {
    if (*relative_base == *relative_to) {
      base = to;
    } else {
      base.emplace();
      canon_dir(*relative_base, &*base);
      if (!mc::canon::IsPrefix(*base, *to)) {
        base.reset();
        to.reset();
      }
    }
  }

  bool ok = true;
  for (const std::string& f : files) {
    std::string out;
    if (int err = c.Run(f, &out)) {
      if (!quiet) mc::WarnErrno(inv, mc::QuoteName(f), err);
      ok = false;
      continue;
    }
    if (to && (!base || mc::canon::IsPrefix(*base, out))) out = mc::canon::Relative(out, *to);
    inv.out().Write(out);
    inv.out().Put(zero ? '\0' : '\n');
  }
  return ok ? 0 : 1;
}
