/* @applet rev
   @help
Usage: rev [options] [file ...]

Reverse lines characterwise.

Options:
 -0, --zero     zero termination, use NUL as line delimiter
 -h, --help     display this help
 -V, --version  display version

In a UTF-8 locale (LC_ALL, LC_CTYPE or LANG names a UTF-8 codeset) lines
are read as UTF-8: each character keeps its bytes in order, and a byte that
is not part of a valid character is moved as a single byte. In other
locales, such as C, bytes are reversed.
*/
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/locale.h"
#include "applets/support/utf8.h"
#include "applets/text/scan.h"
#include "registry/applet.h"

namespace {

// Writes the characters of rec in reverse order to dst (rec.size() bytes);
// with utf8 false every byte is a character.
void Reverse(std::string_view rec, char* dst, bool utf8) {
  const std::size_t n = rec.size();
  const char* src = rec.data();
  if (!utf8 || mc::text::IsAscii(src, n)) {
    for (std::size_t i = 0; i < n; ++i) dst[n - 1 - i] = src[i];
    return;
  }
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(src[i]);
    std::size_t len = 1;
    if (c >= 0x80) {
      char32_t cp;
      int l = mc::DecodeUtf8(reinterpret_cast<const unsigned char*>(src + i), n - i, cp);
      if (l > 0) len = static_cast<std::size_t>(l);
    }
    // The character's bytes land in order at the mirrored position.
    for (std::size_t k = 0; k < len; ++k) dst[n - i - len + k] = src[i + k];
    i += len;
  }
}

}  // namespace

MC_APPLET(rev) {
  char delim = '\n';
  mc::cli::Parser p(inv);
  bool help = false, version = false;
  p.OnFlag("-0,--zero", [&] { delim = '\0'; });
  p.Flag("-h", help);
  p.Flag("-V", version);
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;
  if (help) return mc::cli::PrintHelp(inv);
  if (version) return mc::cli::PrintVersion(inv);
  if (files.empty()) files.push_back("-");

  const bool utf8 = mc::Utf8Ctype(inv);
  mc::Output& out = inv.out();
  std::string scratch;
  int status = 0;
  for (const auto& name : files) {
    int fd;
    if (name == "-") {
      fd = inv.in_fd();
    } else {
      std::string path(name);
      do fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      while (fd < 0 && errno == EINTR);
      if (fd < 0) {
        int err = errno;
        mc::Warn(inv, "cannot open " + name + ": " + std::string(mc::ErrorText(err)));
        status = 1;
        continue;
      }
    }
    mc::LineReader reader(fd, delim);
    std::string_view rec;
    bool terminated;
    while (reader.Next(rec, terminated)) {
      const std::size_t need = rec.size() + 1;
      char* dst;
      if (need <= mc::Output::kBufferSize) {
        dst = out.Reserve(need);
      } else {
        scratch.resize(need);
        dst = scratch.data();
      }
      Reverse(rec, dst, utf8);
      std::size_t len = rec.size();
      if (terminated) dst[len++] = delim;
      if (need <= mc::Output::kBufferSize) out.Commit(len);
      else out.Write(std::string_view(dst, len));
    }
    if (reader.error() != 0) {
      mc::WarnErrno(inv, name == "-" ? std::string("stdin") : name, reader.error());
      status = 1;
    }
    if (fd != inv.in_fd()) ::close(fd);
  }
  return status;
}
