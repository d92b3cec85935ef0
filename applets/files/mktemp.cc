/* @applet mktemp
   @install bin
   @help
Usage: mktemp [OPTION]... [TEMPLATE]
Create a temporary file or directory, safely, and print its name.
TEMPLATE must contain at least 3 consecutive 'X's in last component.
If TEMPLATE is not specified, use tmp.XXXXXXXXXX, and --tmpdir is implied.
Files are created u+rw, and directories u+rwx, minus umask restrictions.

  -d, --directory     create a directory, not a file
  -u, --dry-run       do not create anything; merely print a name (unsafe)
  -q, --quiet         suppress diagnostics about file/dir-creation failure
      --suffix=SUFF   append SUFF to TEMPLATE; SUFF must not contain a slash.
                        This option is implied if TEMPLATE does not end in X
  -p DIR, --tmpdir[=DIR]  interpret TEMPLATE relative to DIR; if DIR is not
                        specified, use $TMPDIR if set, else /tmp.  With
                        this option, TEMPLATE must not be an absolute name;
                        unlike with -t, TEMPLATE may contain slashes, but
                        mktemp creates only the final component
  -t                  interpret TEMPLATE as a single file name component,
                        relative to a directory: $TMPDIR, if set; else the
                        directory specified via -p; else /tmp [deprecated]
      --help        display this help and exit
      --version     output version information and exit
*/
#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "registry/applet.h"

namespace {

constexpr std::string_view kChars =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

// Fills name[start, start+count) with random letters and digits.
void Fill(std::string& name, std::size_t start, std::size_t count) {
  unsigned char buf[64];
  std::size_t have = 0, used = 0;
  for (std::size_t i = 0; i < count;) {
    if (used == have) {
      ssize_t n = ::getrandom(buf, sizeof buf, 0);
      if (n <= 0) {
        // No getrandom: time and address bits are still unpredictable enough
        // for O_EXCL to do the rest.
        unsigned long v = static_cast<unsigned long>(::getpid()) * 2654435761u ^
                          reinterpret_cast<unsigned long>(&buf) ^ i;
        for (unsigned char& b : buf) b = static_cast<unsigned char>(v = v * 6364136223846793005u + 1442695040888963407u) ;
        n = sizeof buf;
      }
      have = static_cast<std::size_t>(n);
      used = 0;
    }
    unsigned char b = buf[used++];
    if (b >= 248) continue;  // 248 = 4 * 62: no bias
    name[start + i] = kChars[b % kChars.size()];
    ++i;
  }
}

}  // namespace

MC_APPLET(mktemp) {
  mc::cli::Parser p(inv);
  bool dir = false, dry_run = false, quiet = false, use_t = false, use_dest = false;
  std::optional<std::string> suffix, dest_arg;
  p.Flag("-d,--directory", dir);
  p.Flag("-u,--dry-run", dry_run);
  p.Flag("-q,--quiet", quiet);
  p.OnValue("--suffix", [&](const std::string& v) { suffix = v; });
  p.OnValue("-p", [&](const std::string& v) {
    use_dest = true;
    dest_arg = v;
  });
  p.OptionalValue("--tmpdir", [&](std::optional<std::string_view> v) {
    use_dest = true;
    if (v) dest_arg = std::string(*v);
  });
  p.Flag("-t", use_t);
  std::vector<std::string> ops;
  if (auto rc = p.Parse(&ops)) return *rc;
  if (ops.size() > 1) {
    mc::Warn(inv, "too many templates");
    return mc::UsageError(inv, "");
  }
  std::string tmpl;
  if (ops.empty()) {
    tmpl = "tmp.XXXXXXXXXX";
    use_dest = true;
  } else {
    tmpl = ops[0];
  }
  std::size_t suffix_len;
  if (suffix) {
    if (suffix->find('/') != std::string::npos)
      mc::Die(inv, "invalid suffix " + mc::Quote(*suffix) + ", contains directory separator");
    if (tmpl.empty() || tmpl.back() != 'X')
      mc::Die(inv, "with --suffix, template " + mc::Quote(tmpl) + " must end in X");
    suffix_len = suffix->size();
    tmpl += *suffix;
  } else {
    std::size_t last_x = tmpl.rfind('X');
    suffix_len = last_x == std::string::npos ? 0 : tmpl.size() - last_x - 1;
    std::string_view suf = std::string_view(tmpl).substr(tmpl.size() - suffix_len);
    if (suf.find('/') != std::string_view::npos)
      mc::Die(inv, "invalid suffix " + mc::Quote(suf) + ", contains directory separator");
  }
  std::size_t x_end = tmpl.size() - suffix_len;
  std::size_t x_count = 0;
  while (x_count < x_end && tmpl[x_end - 1 - x_count] == 'X') ++x_count;
  if (x_count < 3) mc::Die(inv, "too few X's in template " + mc::Quote(ops.empty() ? tmpl : ops[0]));

  if (use_dest || use_t) {
    std::string d;
    auto env = inv.GetEnv("TMPDIR");
    if (use_t && env && !env->empty())
      d = std::string(*env);
    else if (dest_arg && !dest_arg->empty())
      d = *dest_arg;
    else if (env && !env->empty())
      d = std::string(*env);
    else
      d = "/tmp";
    if (use_t) {
      if (tmpl.find('/') != std::string::npos)
        mc::Die(inv, "invalid template, " + mc::Quote(tmpl) + ", contains directory separator");
    } else if (!tmpl.empty() && tmpl[0] == '/') {
      mc::Die(inv, "invalid template, " + mc::Quote(tmpl) + "; with --tmpdir, it may not be absolute");
    }
    if (d.back() != '/') d += '/';
    tmpl = d + tmpl;
    x_end = tmpl.size() - suffix_len;
  }
  std::string shown = tmpl;  // with its X's, for messages
  std::size_t x_start = x_end - x_count;
  int err = EEXIST;
  bool made = false;
  for (int attempt = 0; attempt < 10000 && err == EEXIST; ++attempt) {
    Fill(tmpl, x_start, x_count);
    if (dry_run) {
      struct stat st;
      if (::lstat(tmpl.c_str(), &st) == 0) continue;
      err = errno == ENOENT ? 0 : errno;
      break;
    }
    if (dir) {
      if (::mkdir(tmpl.c_str(), 0700) == 0) {
        err = 0;
        made = true;
      } else {
        err = errno;
      }
    } else {
      int fd = ::open(tmpl.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd >= 0) {
        ::close(fd);
        err = 0;
        made = true;
      } else {
        err = errno;
      }
    }
  }
  if (err) {
    if (!quiet)
      mc::Warn(inv, std::string("failed to create ") + (dir ? "directory" : "file") +
                        " via template " + mc::Quote(shown) + ": " +
                        std::string(mc::ErrorText(err)));
    return 1;
  }
  inv.out().Write(tmpl);
  inv.out().Put('\n');
  try {
    inv.out().Flush();
  } catch (const mc::WriteError&) {
    // As GNU: a name nobody saw is not left behind.
    if (made) dir ? ::rmdir(tmpl.c_str()) : ::unlink(tmpl.c_str());
    throw;
  }
  return 0;
}
