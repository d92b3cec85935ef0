/* @applet uuencode
   @install usr/bin
   @help
Usage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>
Encode a file into email friendly text: the traditional uuencode lines,
or base64 with -m. With no in-file, encode standard input.

  -m, --base64               convert using base64
      --help                 display this help and exit
      --version              output version information and exit
*/
/* @applet uudecode
   @install usr/bin
   @help
Usage:  uudecode [ -<flag> [<val>] | --<name>[{=| }<val>] ]... [<file>...]
Decode encoded files (uuencode or base64) named by their 'begin' line, from
each file or standard input.

  -o, --output-file=FILE     direct output to FILE ('-' or /dev/stdout:
                               standard output)
  -c, --ignore-chmod         do not set the mode of the output file
      --help                 display this help and exit
      --version              output version information and exit
*/
// GNU sharutils' uuencode and uudecode: 45 bytes a line, '`' for zero,
// the "begin MODE NAME" / "end" frame or "begin-base64" / "====", and
// sharutils' exit statuses (2 for bad input, 64 for a bad command line).
// The base64 lines go through the base64 engine. Not done: uuencode -e
// (encoded file names), the "~user/" expansion of uudecode's names.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/encoding/codec.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/output.h"
#include "registry/applet.h"

namespace {

constexpr int kUsageStatus = 64;

char Enc(unsigned c) { return c ? static_cast<char>((c & 077) + ' ') : '`'; }

// An option error exits 1, a wrong operand count 64 (EX_USAGE), as
// sharutils' option parser does.
int SharutilsUsage(mc::Invocation& inv, std::string_view msg) {
  if (!msg.empty()) mc::Warn(inv, msg);
  std::string help = inv.help_text();
  std::string first = help.substr(0, help.find('\n') + 1);
  std::string text = std::string(inv.prog()) + " (GNU sharutils) - " +
                     (inv.prog() == "uuencode" ? "encode a file into email friendly text\n"
                                               : "decode an encoded file\n") +
                     first + "Try '" + std::string(inv.prog()) + " --help' for more information.\n";
  mc::WriteAll(inv.err_fd(), text.data(), text.size());
  return msg.empty() ? kUsageStatus : 1;
}

// sharutils' fatal message: "PROG fatal error:\nTEXT", the newline after
// TEXT only where sharutils writes one (not after its decoding errors).
[[noreturn]] void Fatal(const mc::Invocation& inv, std::string_view text, int status, bool newline = true) {
  std::string m = std::string(inv.prog()) + " fatal error:\n" + std::string(text) + (newline ? "\n" : "");
  mc::WriteAll(inv.err_fd(), m.data(), m.size());
  throw mc::Exit{status};
}

}  // namespace

MC_APPLET(uuencode) {
  mc::cli::Parser p(inv);
  bool base64 = false;
  p.Flag("-m,--base64", base64);
  p.OnUsageError([&](std::string_view msg) { return SharutilsUsage(inv, msg); });
  std::vector<std::string> ops;
  if (auto rc = p.Parse(&ops)) return *rc;
  if (ops.empty() || ops.size() > 2) return SharutilsUsage(inv, "");
  int fd = inv.in_fd();
  unsigned mode;
  if (ops.size() == 2) {
    fd = ::open(ops[0].c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || ::fstat(fd, &st) != 0) {
      int err = errno;
      char buf[64];
      std::snprintf(buf, sizeof buf, "fserr %d (", err);
      Fatal(inv, buf + std::string(mc::ErrorText(err)) + ") performing 'freopen of stdin' on " + ops[0], 1);
    }
    mode = st.st_mode & 0777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  const std::string& name = ops.back();
  mc::Output& out = inv.out();
  char head[32];
  std::snprintf(head, sizeof head, "%o ", mode);
  out.Write(base64 ? "begin-base64 " : "begin ");
  out.Write(head);
  out.Write(name);
  out.Put('\n');
  std::vector<char> buf(45 * 2048);
  std::string line;
  std::size_t have = 0;
  bool eof = false;
  while (!eof || have > 0) {
    while (!eof && have < buf.size()) {
      long n = mc::ReadSome(fd, buf.data() + have, buf.size() - have);
      if (n < 0) {
        int err = errno;
        Fatal(inv, std::string(ops.size() == 2 ? ops[0] : "standard input") + ": " + std::string(mc::ErrorText(err)), 1);
      }
      if (n == 0) eof = true;
      have += static_cast<std::size_t>(n);
    }
    std::size_t done = 0;
    while (done < have && (eof || have - done >= 45)) {
      std::size_t n = std::min<std::size_t>(45, have - done);
      const unsigned char* b = reinterpret_cast<const unsigned char*>(buf.data() + done);
      if (base64) {
        mc::encoding::EncodeAll(mc::encoding::Encoding::kBase64,
                                std::string_view(buf.data() + done, n), line);
      } else {
        line.assign(1, Enc(static_cast<unsigned>(n)));
        for (std::size_t i = 0; i < n; i += 3) {
          unsigned c0 = b[i], c1 = i + 1 < n ? b[i + 1] : 0, c2 = i + 2 < n ? b[i + 2] : 0;
          line += Enc(c0 >> 2);
          line += Enc(((c0 << 4) & 060) | ((c1 >> 4) & 017));
          line += Enc(((c1 << 2) & 074) | ((c2 >> 6) & 03));
          line += Enc(c2 & 077);
        }
      }
      line += '\n';
      out.Write(line);
      done += n;
    }
    std::copy(buf.begin() + static_cast<long>(done), buf.begin() + static_cast<long>(have), buf.begin());
    have -= done;
  }
  if (fd != inv.in_fd()) ::close(fd);
  out.Write(base64 ? "====\n" : "`\nend\n");
  return 0;
}

namespace {

class Decoder {
 public:
  Decoder(mc::Invocation& inv, std::optional<std::string> out_name, bool ignore_chmod)
      : inv_(inv), out_name_(std::move(out_name)), ignore_chmod_(ignore_chmod) {}

  // Decodes the first encoded file in `fd`. Returns the exit status.
  // sharutils writes its messages before its buffered output.
  int Run(int fd, const std::string& label) {
    mc::LineReader r(fd);
    std::string_view line;
    bool b64 = false;
    unsigned mode = 0;
    std::string name;
    for (;;) {
      if (!r.Next(line)) Fatal(inv_, label + ": Invalid or missing 'begin' line", 2);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      std::string_view rest;
      if (line.substr(0, 13) == "begin-base64 ") {
        b64 = true;
        rest = line.substr(13);
      } else if (line.substr(0, 6) == "begin ") {
        rest = line.substr(6);
      } else {
        continue;
      }
      std::size_t i = 0;
      mode = 0;
      while (i < rest.size() && rest[i] >= '0' && rest[i] <= '7') mode = mode * 8 + static_cast<unsigned>(rest[i++] - '0');
      if (i == 0 || i >= rest.size() || rest[i] != ' ') continue;
      name = std::string(rest.substr(i + 1));
      break;
    }
    std::string target = out_name_ ? *out_name_ : name;
    bool to_stdout = target == "-" || target == "/dev/stdout";
    int ofd = -1;
    if (!to_stdout) {
      ofd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      if (ofd < 0) {
        int err = errno;
        mc::WarnErrno(inv_, target, err);
        return 4;
      }
    }
    mc::Output file_out(ofd < 0 ? 1 : ofd);
    mc::Output& out = to_stdout ? inv_.out() : file_out;
    std::string data;
    int status = 0;
    try {
      status = b64 ? Base64(r, out, label) : Traditional(r, out, label);
      if (ofd >= 0) out.Flush();
    } catch (const mc::WriteError& e) {
      if (ofd < 0) throw;
      mc::WarnErrno(inv_, target, e.error ? e.error : EIO);
      status = 4;
    }
    if (ofd >= 0) {
      // Only a regular file takes the mode (not /dev/null, a FIFO, ...).
      struct stat st;
      bool regular = ::fstat(ofd, &st) == 0 && S_ISREG(st.st_mode);
      if (!ignore_chmod_ && regular && ::fchmod(ofd, mode & 07777) != 0) {
        mc::WarnErrno(inv_, target, errno);
        status = 4;
      }
      if (::close(ofd) != 0) {
        mc::WarnErrno(inv_, target, errno);
        status = 4;
      }
    }
    return status;
  }

 private:
  int Traditional(mc::LineReader& r, mc::Output& out, const std::string& label) {
    std::string_view line;
    std::string bytes;
    for (;;) {
      if (!r.Next(line)) Fatal(inv_, label + ": Short file", 2, false);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) Fatal(inv_, label + ": Short file", 2, false);
      unsigned n = (static_cast<unsigned char>(line[0]) - ' ') & 077;
      if (n == 0) break;
      std::size_t need = 1 + (n + 2) / 3 * 4;
      if (line.size() < need - ((3 - n % 3) % 3)) Fatal(inv_, label + ": Short file", 2, false);
      bytes.clear();
      auto dec = [&](std::size_t i) {
        return i < line.size() ? (static_cast<unsigned char>(line[i]) - ' ') & 077 : 0u;
      };
      for (std::size_t i = 1; bytes.size() < n; i += 4) {
        unsigned a = dec(i), b = dec(i + 1), c = dec(i + 2), d = dec(i + 3);
        bytes += static_cast<char>(a << 2 | b >> 4);
        if (bytes.size() < n) bytes += static_cast<char>((b << 4 | c >> 2) & 0xff);
        if (bytes.size() < n) bytes += static_cast<char>((c << 6 | d) & 0xff);
      }
      out.Write(bytes);
    }
    if (!r.Next(line)) Fatal(inv_, label + ": No `end' line", 2, false);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.substr(0, 3) != "end") Fatal(inv_, label + ": No `end' line", 2, false);
    return 0;
  }

  int Base64(mc::LineReader& r, mc::Output& out, const std::string& label) {
    std::string_view line;
    std::string bytes;
    for (;;) {
      if (!r.Next(line)) Fatal(inv_, label + ": Short file", 2, false);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line == "====") return 0;
      bytes.clear();
      if (!mc::encoding::DecodeAll(mc::encoding::Encoding::kBase64, line, bytes, false)) {
        out.Write(bytes);
        Fatal(inv_, label + ": invalid input", 2, false);
      }
      out.Write(bytes);
    }
  }

  mc::Invocation& inv_;
  std::optional<std::string> out_name_;
  bool ignore_chmod_;
};

}  // namespace

MC_APPLET(uudecode) {
  mc::cli::Parser p(inv);
  std::optional<std::string> out_name;
  bool ignore_chmod = false;
  p.OnValue("-o,--output-file", [&](const std::string& v) { out_name = v; });
  p.Flag("-c,--ignore-chmod", ignore_chmod);
  p.OnUsageError([&](std::string_view msg) { return SharutilsUsage(inv, msg); });
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;
  inv.set_flush_before_messages(false);
  Decoder d(inv, out_name, ignore_chmod);
  if (files.empty()) return d.Run(inv.in_fd(), "standard input");
  int status = 0;
  for (const std::string& f : files) {
    int fd = f == "-" ? inv.in_fd() : ::open(f.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      mc::WarnErrno(inv, f, errno);
      status = 4;
      continue;
    }
    int s = d.Run(fd, f == "-" ? "standard input" : f);
    if (s > status) status = s;
    if (fd != inv.in_fd()) ::close(fd);
  }
  return status;
}
