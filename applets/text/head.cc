/* @applet head
   @help
Usage: head [OPTION]... [FILE]...
Print the first 10 lines of each FILE to standard output.
With more than one FILE, precede each with a header giving the file name.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -c, --bytes=[-]NUM       print the first NUM bytes of each file;
                             with the leading '-', print all but the last
                             NUM bytes of each file
  -n, --lines=[-]NUM       print the first NUM lines instead of the first 10;
                             with the leading '-', print all but the last
                             NUM lines of each file
  -q, --quiet, --silent    never print headers giving file names
  -v, --verbose            always print headers giving file names
  -z, --zero-terminated    line delimiter is NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

NUM may have a multiplier suffix:
b 512, kB 1000, K 1024, MB 1000*1000, M 1024*1024,
GB 1000*1000*1000, G 1024*1024*1024, and so on for T, P, E, Z, Y.
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.
*/
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>
#include <memory>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/text/held_input.h"
#include "applets/text/scan.h"
#include "applets/text/textio.h"
#include "registry/applet.h"

namespace {

enum class Headers { kAuto, kNever, kAlways };

struct Options {
  bool lines = true;
  bool elide = false;  // leading '-': all but the last N
  std::uintmax_t count = 10;
  char delim = '\n';
};

class Head {
 public:
  Head(mc::Invocation& inv, const Options& o) : inv_(inv), o_(o), buf_(mc::text::NewIoBuffer(mc::text::kIoBlock)) {}

  // Copies the selected part of fd; false after a read error (reported).
  bool Run(int fd, std::string_view name) {
    name_ = name;
    if (o_.lines) return o_.elide ? ElideLines(fd) : FirstLines(fd);
    return o_.elide ? ElideBytes(fd) : FirstBytes(fd);
  }

 private:
  long Read(int fd, char* p, std::size_t n) {
    long r = mc::ReadSome(fd, p, n);
    if (r < 0) mc::text::ReadError(inv_, name_, errno);
    return r;
  }

  bool FirstBytes(int fd) {
    std::uintmax_t left = o_.count;
    while (left > 0) {
      std::size_t want = left < mc::text::kIoBlock ? static_cast<std::size_t>(left) : mc::text::kIoBlock;
      long r = Read(fd, buf_.get(), want);
      if (r < 0) return false;
      if (r == 0) break;
      inv_.out().WriteDirect(std::string_view(buf_.get(), static_cast<std::size_t>(r)));
      left -= static_cast<std::uintmax_t>(r);
    }
    return true;
  }

  bool FirstLines(int fd) {
    std::uint64_t k = o_.count;
    while (k > 0) {
      long r = Read(fd, buf_.get(), mc::text::kIoBlock);
      if (r < 0) return false;
      if (r == 0) break;
      std::size_t n = static_cast<std::size_t>(r);
      const char* hit = mc::text::FindNth(buf_.get(), n, o_.delim, k);
      if (hit == nullptr) {
        inv_.out().WriteDirect(std::string_view(buf_.get(), n));
        continue;
      }
      std::size_t used = static_cast<std::size_t>(hit - buf_.get()) + 1;
      inv_.out().WriteDirect(std::string_view(buf_.get(), used));
      // Leave a seekable input just after what was printed, so that
      // "(head -n1; cat) < file" goes on from there.
      struct stat st;
      if (used < n && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        ::lseek(fd, -static_cast<off_t>(n - used), SEEK_CUR);
      break;
    }
    return true;
  }

  // Reads into the held input; returns bytes read (<0: error reported).
  long ReadHeld(int fd) {
    return held_.ReadMore([&](char* p, std::size_t n) { return Read(fd, p, n); });
  }

  void Emit(std::string_view data) { inv_.out().WriteDirect(data); }

  bool ElideBytes(int fd) {
    const std::uintmax_t n = o_.count;
    struct stat st;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      off_t pos = ::lseek(fd, 0, SEEK_CUR);
      if (pos >= 0) {
        std::uintmax_t avail = pos < st.st_size ? static_cast<std::uintmax_t>(st.st_size - pos) : 0;
        Options first = o_;
        first.elide = false;
        first.lines = false;
        first.count = avail > n ? avail - n : 0;
        Head h(inv_, first);
        return h.Run(fd, name_);
      }
    }
    held_.Clear();
    for (;;) {
      long r = ReadHeld(fd);
      if (r < 0) {
        held_.Clear();
        return false;
      }
      if (r == 0) break;
      held_.KeepLastBytes(n, [&](std::string_view d) { Emit(d); });
    }
    held_.ForEachBefore(held_.StartOfLastBytes(n), [&](std::string_view d) { Emit(d); });
    held_.Clear();
    return true;
  }

  bool ElideLines(int fd) {
    const std::uintmax_t n = o_.count;
    if (n == 0) {
      Options all = o_;
      all.elide = false;
      all.lines = false;
      all.count = UINTMAX_MAX;
      Head h(inv_, all);
      return h.Run(fd, name_);
    }
    held_.Clear();
    for (;;) {
      long r = ReadHeld(fd);
      if (r < 0) {
        held_.Clear();
        return false;
      }
      if (r == 0) break;
      held_.KeepLastLines(n, [&](std::string_view d) { Emit(d); });
    }
    held_.ForEachBefore(held_.StartOfLastLines(n), [&](std::string_view d) { Emit(d); });
    held_.Clear();
    return true;
  }

  mc::Invocation& inv_;
  Options o_;
  mc::text::IoBuffer buf_;
  std::string_view name_;
  mc::text::HeldInput held_{o_.lines, o_.delim};
};

// Parses NUM of -n/-c: a leading '-' means "all but the last".
std::optional<mc::NumError> ParseNum(std::string_view s, Options& o) {
  o.elide = !s.empty() && s.front() == '-';
  if (o.elide) s.remove_prefix(1);
  mc::NumError e = mc::text::ParseCount(s, o.count);
  if (e != mc::NumError::kOk) return e;
  return std::nullopt;
}

}  // namespace

MC_APPLET(head) {
  Options o;
  Headers headers = Headers::kAuto;
  std::vector<std::string> args(inv.args().begin(), inv.args().end());

  // Obsolete form as the first argument: -NUM[bkm][cqvlz]...
  if (!args.empty() && args[0].size() >= 2 && args[0][0] == '-' && args[0][1] >= '0' &&
      args[0][1] <= '9') {
    std::string a = args[0];
    std::size_t i = 1;
    while (i < a.size() && a[i] >= '0' && a[i] <= '9') ++i;
    std::string num = a.substr(1, i - 1);
    char mult = 0;
    for (; i < a.size(); ++i) {
      switch (a[i]) {
        case 'c': o.lines = false; mult = 0; break;
        case 'b': case 'k': case 'm': o.lines = false; mult = a[i]; break;
        case 'l': o.lines = true; break;
        case 'q': headers = Headers::kNever; break;
        case 'v': headers = Headers::kAlways; break;
        case 'z': o.delim = '\0'; break;
        default:
          return mc::UsageError(inv, std::string("invalid trailing option -- ") + a[i]);
      }
    }
    if (mult) num += mult;
    mc::NumError e = mc::text::ParseCount(num, o.count);
    if (e != mc::NumError::kOk) return mc::text::CountError(inv, o.lines ? "lines" : "bytes", num, e);
    args.erase(args.begin());
  }

  mc::cli::Parser p(inv);
  std::optional<std::pair<std::string, mc::NumError>> bad;
  std::string bad_what;
  auto number = [&](bool lines) {
    return [&, lines](const std::string& v) {
      if (bad) return;
      o.lines = lines;
      if (auto e = ParseNum(v, o)) {
        bad = std::make_pair(o.elide ? v.substr(1) : v, *e);
        bad_what = lines ? "lines" : "bytes";
      }
    };
  };
  p.OnValue("-c,--bytes", number(false));
  p.OnValue("-n,--lines", number(true));
  p.OnFlag("-q,--quiet,--silent", [&] { headers = Headers::kNever; });
  p.OnFlag("-v,--verbose", [&] { headers = Headers::kAlways; });
  p.OnFlag("-z,--zero-terminated", [&] { o.delim = '\0'; });
  std::vector<std::string> files;
  if (auto rc = p.Parse(args, &files)) return *rc;
  if (bad) return mc::text::CountError(inv, bad_what, bad->first, bad->second);
  if (files.empty()) files.push_back("-");

  const bool show = headers == Headers::kAlways || (headers == Headers::kAuto && files.size() > 1);
  Head head(inv, o);
  bool first = true;
  int status = 0;
  for (const auto& name : files) {
    int fd = mc::text::OpenForReading(inv, name);
    if (fd < 0) {
      status = 1;
      continue;
    }
    if (show) {
      mc::Output& out = inv.out();
      if (!first) out.Put('\n');
      out.Write("==> ");
      out.Write(mc::text::DisplayName(name));
      out.Write(" <==\n");
    }
    first = false;
    if (!head.Run(fd, name)) status = 1;
    if (fd != inv.in_fd()) ::close(fd);
  }
  return status;
}
