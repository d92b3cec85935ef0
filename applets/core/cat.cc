/* @applet cat
   @install bin
   @help
Usage: cat [OPTION]... [FILE]...
Concatenate FILE(s) to standard output.

With no FILE, or when FILE is -, read standard input.

  -A, --show-all           equivalent to -vET
  -b, --number-nonblank    number nonempty output lines, overrides -n
  -e                       equivalent to -vE
  -E, --show-ends          display $ at end of each line
  -n, --number             number all output lines
  -s, --squeeze-blank      suppress repeated empty output lines
  -t                       equivalent to -vT
  -T, --show-tabs          display TAB characters as ^I
  -u                       (ignored)
  -v, --show-nonprinting   use ^ and M- notation, except for LFD and TAB
      --help        display this help and exit
      --version     output version information and exit

Examples:
  cat f - g  Output f's contents, then standard input, then g's contents.
  cat        Copy standard input to standard output.
*/
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "registry/applet.h"

namespace {

struct Format {
  bool number = false, number_nonblank = false, squeeze = false, ends = false, tabs = false,
       nonprinting = false;
  bool any() const { return number || number_nonblank || squeeze || ends || tabs || nonprinting; }
};

// Line state carried across files, as GNU cat numbers and squeezes across
// all its inputs.
struct LineState {
  unsigned long long line = 0;
  bool at_line_start = true;
  int blank_run = 0;  // consecutive empty lines seen
  bool pending_cr = false;  // -E: a CR ended the last block; "^M" if LF follows
};

void PutNumber(mc::Output& out, unsigned long long n) {
  char buf[32];
  int len = 0;
  char digits[24];
  do digits[len++] = static_cast<char>('0' + n % 10);
  while ((n /= 10) != 0);
  int pad = len < 6 ? 6 - len : 0;
  int k = 0;
  for (int i = 0; i < pad; ++i) buf[k++] = ' ';
  while (len) buf[k++] = digits[--len];
  buf[k++] = '\t';
  out.Write(std::string_view(buf, static_cast<std::size_t>(k)));
}

void PutVisible(mc::Output& out, unsigned char c, const Format& f) {
  if (c == '\t') {
    if (f.tabs) out.Write("^I");
    else out.Put('\t');
    return;
  }
  if (!f.nonprinting) {
    out.Put(static_cast<char>(c));
    return;
  }
  if (c >= 128) {
    out.Write("M-");
    c -= 128;
  }
  if (c < 32) {
    out.Put('^');
    out.Put(static_cast<char>(c + 64));
  } else if (c == 127) {
    out.Write("^?");
  } else {
    out.Put(static_cast<char>(c));
  }
}

// As GNU cat 9, -E shows a CR that ends a line as "^M$".
void FlushPendingCr(mc::Output& out, LineState& st, bool before_newline) {
  if (!st.pending_cr) return;
  st.pending_cr = false;
  out.Write(before_newline ? std::string_view("^M") : std::string_view("\r"));
}

void Formatted(mc::Output& out, std::string_view data, const Format& f, LineState& st) {
  for (std::size_t i = 0; i < data.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(data[i]);
    if (st.pending_cr) FlushPendingCr(out, st, c == '\n');
    if (st.at_line_start) {
      if (c == '\n') {
        ++st.blank_run;
        if (f.squeeze && st.blank_run > 1) continue;
      } else {
        st.blank_run = 0;
      }
      if (f.number_nonblank ? c != '\n' : f.number) PutNumber(out, ++st.line);
      st.at_line_start = false;
    }
    if (c == '\n') {
      if (f.ends) out.Put('$');
      out.Put('\n');
      st.at_line_start = true;
      continue;
    }
    // Runs of plain bytes go out in one piece.
    if (c >= 32 && c < 127) {
      std::size_t j = i + 1;
      while (j < data.size()) {
        unsigned char d = static_cast<unsigned char>(data[j]);
        if (d < 32 || d >= 127) break;
        ++j;
      }
      out.Write(data.substr(i, j - i));
      i = j - 1;
      continue;
    }
    if (c == '\r' && f.ends && !f.nonprinting) {
      if (i + 1 < data.size()) {
        out.Write(data[i + 1] == '\n' ? std::string_view("^M") : std::string_view("\r"));
      } else {
        st.pending_cr = true;
      }
      continue;
    }
    PutVisible(out, c, f);
  }
}

// Plain cat without copying through user space: sendfile() from a regular
// file (to any output), splice() from a pipe to a pipe. Returns once the
// input is exhausted (true) or when the kernel declines or fails (false,
// nothing lost: the caller goes on with read/write from the current
// position, which reports any error with its proper wording).
bool CopyInKernel(int in_fd, const struct stat& in_st, int out_fd, bool out_pipe) {
  constexpr std::size_t kChunk = std::size_t{1} << 30;
  const bool from_file = S_ISREG(in_st.st_mode);
  if (!from_file && !(S_ISFIFO(in_st.st_mode) && out_pipe)) return false;
  for (;;) {
    const ssize_t n = from_file ? ::sendfile(out_fd, in_fd, nullptr, kChunk)
                                : ::splice(in_fd, nullptr, out_fd, nullptr, kChunk, SPLICE_F_MORE);
    if (n > 0) continue;
    if (n == 0) return true;
    if (errno == EINTR) continue;
    return false;
  }
}

}  // namespace

MC_APPLET(cat) {
  Format f;
  mc::cli::Parser parser(inv);
  bool ignored = false;
  parser.OnFlag("-A,--show-all", [&] { f.nonprinting = f.ends = f.tabs = true; });
  parser.Flag("-b,--number-nonblank", f.number_nonblank);
  parser.OnFlag("-e", [&] { f.nonprinting = f.ends = true; });
  parser.Flag("-E,--show-ends", f.ends);
  parser.Flag("-n,--number", f.number);
  parser.Flag("-s,--squeeze-blank", f.squeeze);
  parser.OnFlag("-t", [&] { f.nonprinting = f.tabs = true; });
  parser.Flag("-T,--show-tabs", f.tabs);
  parser.Flag("-u", ignored);
  parser.Flag("-v,--show-nonprinting", f.nonprinting);
  std::vector<std::string> files;
  if (auto rc = parser.Parse(&files)) return *rc;
  if (files.empty()) files.push_back("-");

  if (inv.stdout_was_closed()) {
    mc::WarnErrno(inv, "standard output", EBADF);
    return 1;
  }
  mc::Output& out = inv.out();
  struct stat out_st;
  const bool out_known = ::fstat(out.fd(), &out_st) == 0;
  const bool out_regular = out_known && S_ISREG(out_st.st_mode);
  const bool out_pipe = out_known && S_ISFIFO(out_st.st_mode);
  std::unique_ptr<char[]> buf(new char[mc::kReadBlock]);
  LineState state;
  int status = 0;
  for (const auto& name : files) {
    int fd = mc::OpenInput(inv, name);
    if (fd < 0) {
      status = 1;
      continue;
    }
    struct stat in_st;
    const bool in_known = ::fstat(fd, &in_st) == 0;
    if (out_regular && in_known && S_ISREG(in_st.st_mode) &&
        in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino &&
        ::lseek(fd, 0, SEEK_CUR) < in_st.st_size) {
      mc::Warn(inv, mc::QuoteName(name) + ": input file is output file");
      mc::CloseInput(inv, fd);
      status = 1;
      continue;
    }
    if (!f.any() && in_known) {
      out.Flush();
      if (CopyInKernel(fd, in_st, out.fd(), out_pipe)) {
        mc::CloseInput(inv, fd);
        continue;
      }
    }
    for (;;) {
      long n = mc::ReadSome(fd, buf.get(), mc::kReadBlock);
      if (n < 0) {
        mc::WarnErrno(inv, mc::QuoteName(name), errno);
        status = 1;
        break;
      }
      if (n == 0) break;
      std::string_view data(buf.get(), static_cast<std::size_t>(n));
      if (f.any()) Formatted(out, data, f, state);
      else out.WriteDirect(data);
    }
    mc::CloseInput(inv, fd);
  }
  FlushPendingCr(out, state, false);
  return status;
}
