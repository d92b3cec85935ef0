/* @applet tail
   @help
Usage: tail [OPTION]... [FILE]...
Print the last 10 lines of each FILE to standard output.
With more than one FILE, precede each with a header giving the file name.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -c, --bytes=[+]NUM       output the last NUM bytes; or use -c +NUM to
                             output starting with byte NUM of each file
  -f, --follow[={name|descriptor}]
                           output appended data as the file grows;
                             an absent option argument means 'descriptor'
  -F                       same as --follow=name --retry
  -n, --lines=[+]NUM       output the last NUM lines, instead of the last 10;
                             or use -n +NUM to output starting with line NUM
      --max-unchanged-stats=N
                           with --follow=name, reopen a FILE which has not
                             changed size after N (default 5) iterations
                             to see if it has been unlinked or renamed
                             (this is the usual case of rotated log files);
                             with inotify, this option is rarely useful
      --pid=PID            with -f, terminate after process ID, PID dies
  -q, --quiet, --silent    never output headers giving file names
      --retry              keep trying to open a file if it is inaccessible
  -s, --sleep-interval=N   with -f, sleep for approximately N seconds
                             (default 1.0) between iterations;
                             with inotify and --pid=P, check process P at
                             least once every N seconds
  -v, --verbose            always output headers giving file names
  -z, --zero-terminated    line delimiter is NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

NUM may have a multiplier suffix:
b 512, kB 1000, K 1024, MB 1000*1000, M 1024*1024,
GB 1000*1000*1000, G 1024*1024*1024, and so on for T, P, E, Z, Y.
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.

With --follow (-f), tail defaults to following the file descriptor, which
means that even if a tail'ed file is renamed, tail will continue to track
its end.  This default behavior is not desirable when you really want to
track the actual name of the file, not the file descriptor (e.g., log
rotation).  Use --follow=name in that case.  That causes tail to track the
named file in a way that accommodates renaming, removal and creation.
*/
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "applets/support/choice.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/text/held_input.h"
#include "applets/text/scan.h"
#include "applets/text/textio.h"
#include "registry/applet.h"

namespace {

enum class Headers { kAuto, kNever, kAlways };
enum class Follow { kNone, kDescriptor, kName };

struct Options {
  bool lines = true;
  bool from_start = false;
  std::uintmax_t count = 10;
  char delim = '\n';
  Headers headers = Headers::kAuto;
  Follow follow = Follow::kNone;
  bool retry = false;
  double sleep = 1.0;
  std::optional<pid_t> pid;
  std::uintmax_t max_unchanged = 5;
  bool inotify = true;
};

// A file being followed after its tail was printed.
struct Followed {
  std::string name;
  int fd = -1;
  bool regular = false;
  bool ignore = false;  // no longer followed
  dev_t dev = 0;
  ino_t ino = 0;
  off_t pos = 0;
  std::uintmax_t unchanged = 0;
  bool reported_missing = false;
  int watch = -1;
};

class Tail {
 public:
  Tail(mc::Invocation& inv, const Options& o) : inv_(inv), o_(o), buf_(mc::text::NewIoBuffer(kBlock)) {}

  // Prints the selected part of fd; false after a reported read error.
  bool Run(int fd, std::string_view name) {
    name_ = name;
    struct stat st;
    const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    off_t start = regular ? ::lseek(fd, 0, SEEK_CUR) : -1;
    if (o_.from_start) return FromStart(fd, regular && start >= 0);
    if (regular && start >= 0 && st.st_size > 0) {
      off_t size = ::lseek(fd, 0, SEEK_END);
      if (size >= 0) return o_.lines ? LinesSeekable(fd, start, size) : BytesSeekable(fd, start, size);
    }
    return o_.lines ? LinesStream(fd) : BytesStream(fd);
  }

  // Copies fd from its offset to EOF.
  bool CopyRest(int fd) {
    for (;;) {
      long r = Read(fd, buf_.get(), kBlock);
      if (r < 0) return false;
      if (r == 0) return true;
      inv_.out().WriteDirect(std::string_view(buf_.get(), static_cast<std::size_t>(r)));
    }
  }

  void set_name(std::string_view n) { name_ = n; }

 private:
  static constexpr std::size_t kBlock = mc::text::kIoBlock;

  long Read(int fd, char* p, std::size_t n) {
    long r = mc::ReadSome(fd, p, n);
    if (r < 0) mc::text::ReadError(inv_, name_, errno);
    return r;
  }

  bool FromStart(int fd, bool seekable) {
    std::uintmax_t skip = o_.count > 0 ? o_.count - 1 : 0;
    if (!o_.lines) {
      if (seekable && skip > 0) {
        struct stat st;
        off_t cur = ::lseek(fd, 0, SEEK_CUR);
        if (cur >= 0 && ::fstat(fd, &st) == 0) {
          std::uintmax_t left = st.st_size > cur ? static_cast<std::uintmax_t>(st.st_size - cur) : 0;
          std::uintmax_t jump = skip < left ? skip : left;
          if (::lseek(fd, cur + static_cast<off_t>(jump), SEEK_SET) >= 0) skip -= jump;
        }
      }
      while (skip > 0) {
        std::size_t want = skip < kBlock ? static_cast<std::size_t>(skip) : kBlock;
        long r = Read(fd, buf_.get(), want);
        if (r < 0) return false;
        if (r == 0) return true;
        skip -= static_cast<std::uintmax_t>(r);
      }
      return CopyRest(fd);
    }
    std::uint64_t k = skip;
    while (k > 0) {
      long r = Read(fd, buf_.get(), kBlock);
      if (r < 0) return false;
      if (r == 0) return true;
      std::size_t n = static_cast<std::size_t>(r);
      const char* hit = mc::text::FindNth(buf_.get(), n, o_.delim, k);
      if (hit != nullptr) {
        std::size_t used = static_cast<std::size_t>(hit - buf_.get()) + 1;
        if (used < n) inv_.out().WriteDirect(std::string_view(hit + 1, n - used));
        break;
      }
    }
    return CopyRest(fd);
  }

  bool BytesSeekable(int fd, off_t start, off_t size) {
    off_t from = size - start > static_cast<off_t>(std::min<std::uintmax_t>(o_.count, INT64_MAX))
                     ? size - static_cast<off_t>(o_.count)
                     : start;
    if (::lseek(fd, from, SEEK_SET) < 0) return true;
    return CopyRest(fd);
  }

  // Reads backwards from the end in blocks to find where the last lines
  // start, then copies forward from there.
  bool LinesSeekable(int fd, off_t start, off_t size) {
    if (o_.count == 0) return true;
    char last;
    if (::pread(fd, &last, 1, size - 1) != 1) {
      ::lseek(fd, start, SEEK_SET);
      return LinesStream(fd);
    }
    std::uint64_t k = last == o_.delim ? (o_.count == UINTMAX_MAX ? o_.count : o_.count + 1) : o_.count;
    off_t from = start;
    off_t end = size;
    while (end > start) {
      std::size_t want = static_cast<std::size_t>(std::min<off_t>(end - start, static_cast<off_t>(kBlock)));
      off_t at = end - static_cast<off_t>(want);
      std::size_t got = 0;
      while (got < want) {
        ssize_t r = ::pread(fd, buf_.get() + got, want - got, at + static_cast<off_t>(got));
        if (r < 0) {
          if (errno == EINTR) continue;
          mc::text::ReadError(inv_, name_, errno);
          return false;
        }
        if (r == 0) break;
        got += static_cast<std::size_t>(r);
      }
      if (got < want) break;  // shrank meanwhile: print from the start
      const char* hit = mc::text::FindNthReverse(buf_.get(), want, o_.delim, k);
      if (hit != nullptr) {
        from = at + (hit - buf_.get()) + 1;
        break;
      }
      end = at;
    }
    if (::lseek(fd, from, SEEK_SET) < 0) return true;
    return CopyRest(fd);
  }

  // Reads into the held input; returns bytes read (<0: error reported).
  long ReadHeld(int fd) {
    return held_.ReadMore([&](char* p, std::size_t n) { return Read(fd, p, n); });
  }

  void Emit(std::string_view data) { inv_.out().WriteDirect(data); }

  // Reads fd to EOF holding only what may still be printed, then prints
  // from where `start` says. Bounded memory: whole blocks are dropped once
  // the rest holds enough.
  template <class TrimFn, class StartFn>
  bool PrintLastOfStream(int fd, TrimFn&& trim, StartFn&& start) {
    held_.Clear();
    for (;;) {
      long r = ReadHeld(fd);
      if (r < 0) {
        held_.Clear();
        return false;
      }
      if (r == 0) break;
      trim();
    }
    held_.ForEachFrom(start(), [&](std::string_view d) { Emit(d); });
    held_.Clear();
    return true;
  }

  bool LinesStream(int fd) {
    const std::uintmax_t n = o_.count;
    auto drop = [](std::string_view) {};
    if (n == 0) return PrintLastOfStream(fd, [&] { held_.KeepLastBytes(0, drop); },
                                         [&] { return held_.StartOfLastBytes(0); });
    return PrintLastOfStream(fd, [&] { held_.KeepLastLines(n, drop); },
                             [&] { return held_.StartOfLastLines(n); });
  }

  bool BytesStream(int fd) {
    const std::uintmax_t n = o_.count;
    auto drop = [](std::string_view) {};
    return PrintLastOfStream(fd, [&] { held_.KeepLastBytes(n, drop); },
                             [&] { return held_.StartOfLastBytes(n); });
  }

  mc::Invocation& inv_;
  Options o_;
  mc::text::IoBuffer buf_;
  std::string_view name_;
  mc::text::HeldInput held_{o_.lines, o_.delim};
};

// The follow loop of -f/-F: new data is printed as it arrives; with
// --follow=name files are reopened when renamed, removed or recreated.
// inotify only wakes the loop early; every wake-up (or every -s interval
// without inotify) checks each file with fstat/stat.
class Follower {
 public:
  Follower(mc::Invocation& inv, const Options& o, bool headers, std::vector<Followed> files,
           std::size_t last_printed)
      : inv_(inv), o_(o), headers_(headers), files_(std::move(files)), last_(last_printed),
        buf_(mc::text::NewIoBuffer(kBlock)) {}

  ~Follower() {
    if (inotify_fd_ >= 0) ::close(inotify_fd_);
    for (auto& f : files_)
      if (f.fd >= 0 && f.fd != inv_.in_fd()) ::close(f.fd);
  }

  int Run() {
    if (o_.inotify) inotify_fd_ = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    for (auto& f : files_) Watch(f);
    int status = 0;
    for (;;) {
      for (std::size_t i = 0; i < files_.size(); ++i) Check(i, status);
      inv_.out().Flush();
      if (!AnyLeft()) {
        mc::Warn(inv_, "no files remaining");
        return 1;
      }
      if (o_.pid && ::kill(*o_.pid, 0) != 0 && errno == ESRCH) {
        // One last look for data written before the process ended.
        for (std::size_t i = 0; i < files_.size(); ++i) Check(i, status);
        return status;
      }
      OutputAlive();
      Wait();
    }
  }

 private:
  static constexpr std::size_t kBlock = mc::text::kIoBlock;

  bool AnyLeft() const {
    for (const auto& f : files_)
      if (!f.ignore) return true;
    return false;
  }

  void Watch(Followed& f) {
    if (inotify_fd_ < 0 || f.name == "-") return;
    std::uint32_t mask = IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_CLOSE_WRITE;
    f.watch = ::inotify_add_watch(inotify_fd_, f.name.c_str(), mask);
    if (o_.follow == Follow::kName) {
      // Creation or renaming in the directory shows up there.
      std::string dir = ".";
      std::size_t slash = f.name.rfind('/');
      if (slash != std::string::npos) dir = slash == 0 ? "/" : f.name.substr(0, slash);
      ::inotify_add_watch(inotify_fd_, dir.c_str(),
                          IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_ATTRIB);
    }
  }

  // With stdout a pipe whose reader is gone, stop as a write would.
  void OutputAlive() {
    struct pollfd p {inv_.out().fd(), 0, 0};
    if (::poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP)) != 0) {
      struct stat st;
      if (::fstat(inv_.out().fd(), &st) == 0 && S_ISFIFO(st.st_mode)) {
        // As a write would: die of SIGPIPE unless it is ignored.
        struct sigaction sa;
        if (::sigaction(SIGPIPE, nullptr, &sa) == 0 && sa.sa_handler == SIG_DFL) ::raise(SIGPIPE);
        throw mc::WriteError{EPIPE};
      }
    }
  }

  void Wait() {
    int ms = static_cast<int>(std::min(o_.sleep * 1000.0, 2147483647.0));
    if (inotify_fd_ >= 0) {
      struct pollfd p {inotify_fd_, POLLIN, 0};
      if (::poll(&p, 1, ms) > 0) {
        char events[4096];
        while (::read(inotify_fd_, events, sizeof events) > 0) {
        }
      }
      return;
    }
    struct timespec ts;
    ts.tv_sec = static_cast<time_t>(o_.sleep);
    ts.tv_nsec = static_cast<long>((o_.sleep - static_cast<double>(ts.tv_sec)) * 1e9);
    while (::nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
  }

  void Header(std::size_t i) {
    if (!headers_ || last_ == i) return;
    mc::Output& out = inv_.out();
    out.Write("\n==> ");
    out.Write(mc::text::DisplayName(files_[i].name));
    out.Write(" <==\n");
    last_ = i;
  }

  void Quoted(const std::string& msg) {
    mc::Warn(inv_, msg);
  }

  // Opens f by name; prints it from the start.
  bool Reopen(std::size_t i, int& status, bool announce_new) {
    Followed& f = files_[i];
    int fd = ::open(f.name.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return false;
    struct stat st;
    if (::fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))) {
      ::close(fd);
      Quoted(mc::Quote(f.name) + " has been replaced with an untailable file; giving up on this name");
      f.ignore = true;
      status = 1;
      return false;
    }
    if (announce_new) Quoted(mc::Quote(f.name) + " has appeared;  following new file");
    f.fd = fd;
    f.regular = S_ISREG(st.st_mode);
    f.dev = st.st_dev;
    f.ino = st.st_ino;
    f.pos = 0;
    f.reported_missing = false;
    Watch(f);
    return true;
  }

  void Check(std::size_t i, int& status) {
    Followed& f = files_[i];
    if (f.ignore) return;
    if (f.fd < 0) {
      if (!o_.retry && o_.follow != Follow::kName) {
        f.ignore = true;
        return;
      }
      if (!Reopen(i, status, true)) return;
    } else if (o_.follow == Follow::kName) {
      struct stat st;
      if (::stat(f.name.c_str(), &st) != 0) {
        int err = errno;
        if (!f.reported_missing) {
          // Print what was appended before it went away.
          Drain(i, status);
          mc::WarnErrno(inv_, mc::Quote(f.name) + " has become inaccessible", err);
          f.reported_missing = true;
        }
        ::close(f.fd);
        f.fd = -1;
        if (!o_.retry) f.ignore = true;
        return;
      }
      if (st.st_dev != f.dev || st.st_ino != f.ino) {
        Drain(i, status);
        ::close(f.fd);
        f.fd = -1;
        Quoted(mc::Quote(f.name) + " has been replaced;  following new file");
        if (!Reopen(i, status, false)) return;
      }
    }
    Drain(i, status);
  }

  // Prints whatever was appended to f since the last look.
  void Drain(std::size_t i, int& status) {
    Followed& f = files_[i];
    if (f.fd < 0) return;
    if (f.regular) {
      struct stat st;
      if (::fstat(f.fd, &st) != 0) return;
      if (st.st_size < f.pos) {
        Quoted(mc::QuoteName(f.name) + ": file truncated");
        f.pos = ::lseek(f.fd, 0, SEEK_SET);
        if (f.pos < 0) f.pos = 0;
      }
      if (st.st_size == f.pos) {
        ++f.unchanged;
        return;
      }
      f.unchanged = 0;
    }
    for (;;) {
      long r = mc::ReadSome(f.fd, buf_.get(), kBlock);
      if (r < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) return;
        int err = errno;
        inv_.out().Flush();
        mc::text::ReadError(inv_, f.name, err);
        status = 1;
        f.ignore = true;
        return;
      }
      if (r == 0) return;
      Header(i);
      inv_.out().Write(std::string_view(buf_.get(), static_cast<std::size_t>(r)));
      f.pos += r;
    }
  }

  mc::Invocation& inv_;
  Options o_;
  bool headers_;
  std::vector<Followed> files_;
  std::size_t last_;
  mc::text::IoBuffer buf_;
  int inotify_fd_ = -1;
};

// Parses NUM of -n/-c. '+' counts from the start; '-' is the default.
std::optional<mc::NumError> ParseNum(std::string_view s, Options& o) {
  o.from_start = !s.empty() && s.front() == '+';
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  mc::NumError e = mc::text::ParseCount(s, o.count);
  if (e != mc::NumError::kOk) return e;
  return std::nullopt;
}

// GNU's obsolete forms: tail [+-][NUM][bcl][f] [FILE], only as the sole
// option with at most one file.
bool ParseObsolete(const std::vector<std::string>& args, bool posix, Options& o,
                   std::optional<std::pair<std::string, mc::NumError>>& bad) {
  if (args.empty()) return false;
  const bool shape = args.size() == 1 ||
                     (args.size() == 2 && !(args[1].size() > 1 && args[1][0] == '-')) ||
                     (args.size() == 3 && args[1] == "--");
  if (!shape) return false;
  const std::string& a = args[0];
  if (a.size() < 2 || (a[0] != '+' && a[0] != '-')) return false;
  if (a[0] == '+' && posix) return false;
  std::size_t i = 1;
  if (a[0] == '-') {
    // "-c" alone is the option; "-" followed by a letter is an option.
    if (!(a[1] >= '0' && a[1] <= '9')) return false;
  }
  std::size_t digits_start = i;
  while (i < a.size() && a[i] >= '0' && a[i] <= '9') ++i;
  std::string num = a.substr(digits_start, i - digits_start);
  bool lines = true;
  std::uintmax_t mult = 1;
  if (i < a.size()) {
    if (a[i] == 'b') {
      lines = false;
      mult = 512;
      ++i;
    } else if (a[i] == 'c') {
      lines = false;
      ++i;
    } else if (a[i] == 'l') {
      ++i;
    }
  }
  bool follow = false;
  if (i < a.size() && a[i] == 'f') {
    follow = true;
    ++i;
  }
  if (i != a.size()) return false;
  o.from_start = a[0] == '+';
  o.lines = lines;
  if (follow) o.follow = Follow::kDescriptor;
  if (num.empty()) {
    o.count = 10 * mult;
  } else {
    std::uintmax_t v;
    mc::NumError e = mc::ParseUnsigned(num, v);
    if (e == mc::NumError::kOk && mult != 1 && v > UINTMAX_MAX / mult) e = mc::NumError::kOverflow;
    if (e != mc::NumError::kOk) {
      bad = std::make_pair(num, e);
      return true;
    }
    o.count = v * mult;
  }
  return true;
}

}  // namespace

MC_APPLET(tail) {
  Options o;
  std::vector<std::string> args(inv.args().begin(), inv.args().end());
  // GNU's hidden ---disable-inotify: poll instead.
  for (auto it = args.begin(); it != args.end(); ++it) {
    if (*it == "--") break;
    if (*it == "---disable-inotify") {
      o.inotify = false;
      args.erase(it);
      break;
    }
  }
  if (auto v = inv.GetEnv("MC_TAIL_DISABLE_INOTIFY"); v && !v->empty()) o.inotify = false;

  std::vector<std::string> files;
  std::optional<std::pair<std::string, mc::NumError>> bad_obsolete;
  std::string bad_what;
  if (ParseObsolete(args, inv.posixly_correct(), o, bad_obsolete)) {
    if (bad_obsolete) {
      mc::Warn(inv, "invalid number: " + mc::Quote(args[0]) + ": Numerical result out of range");
      return 1;
    }
    for (std::size_t i = 1; i < args.size(); ++i)
      if (args[i] != "--") files.push_back(args[i]);
  } else {
    mc::cli::Parser p(inv);
    std::optional<std::pair<std::string, mc::NumError>> bad;
    std::optional<std::string> bad_value;  // complete message for other values
    auto number = [&](bool lines) {
      return [&, lines](const std::string& v) {
        if (bad || bad_value) return;
        o.lines = lines;
        if (auto e = ParseNum(v, o)) {
          bad = std::make_pair(!v.empty() && v[0] == '-' ? v.substr(1) : v, *e);
          bad_what = lines ? "lines" : "bytes";
        }
      };
    };
    p.OnValue("-c,--bytes", number(false));
    p.OnValue("-n,--lines", number(true));
    bool follow_flag = false;
    p.OnFlag("-f", [&] {
      follow_flag = true;
      o.follow = Follow::kDescriptor;
    });
    std::optional<std::string> bad_follow;  // the message for the first bad --follow
    p.OptionalValue("--follow", [&](std::optional<std::string_view> v) {
      if (!v) {
        o.follow = Follow::kDescriptor;
        return;
      }
      static constexpr mc::Choice kFollow[] = {{"descriptor", int(Follow::kDescriptor)},
                                               {"name", int(Follow::kName)}};
      int r = mc::MatchChoice(*v, kFollow);
      if (r >= 0) o.follow = Follow(r);
      else if (!bad_follow) bad_follow = mc::ChoiceError(*v, "--follow", kFollow, r);
    });
    p.OnFlag("-F", [&] {
      o.follow = Follow::kName;
      o.retry = true;
    });
    p.OnValue("--max-unchanged-stats", [&](const std::string& v) {
      if (bad || bad_value) return;
      mc::NumError e = mc::ParseUnsigned(v, o.max_unchanged);
      if (e != mc::NumError::kOk)
        bad_value = "invalid maximum number of unchanged stats between opens: " + mc::Quote(v) +
                    (e == mc::NumError::kOverflow ? ": Value too large for defined data type" : "");
    });
    p.OnValue("--pid", [&](const std::string& v) {
      if (bad || bad_value) return;
      std::uintmax_t pid;
      mc::NumError e = mc::ParseUnsigned(v, pid);
      if (e != mc::NumError::kOk || pid > 0x7fffffff)
        // As GNU's xdectoimax: too large says so.
        bad_value = "invalid PID: " + mc::Quote(v) +
                    (e == mc::NumError::kOverflow || (e == mc::NumError::kOk && pid > 0x7fffffff)
                         ? ": Value too large for defined data type"
                         : "");
      else
        o.pid = static_cast<pid_t>(pid);
    });
    p.OnFlag("-q,--quiet,--silent", [&] { o.headers = Headers::kNever; });
    p.Flag("--retry", o.retry);
    p.OnValue("-s,--sleep-interval", [&](const std::string& v) {
      if (bad || bad_value) return;
      char* end = nullptr;
      errno = 0;
      double d = std::strtod(v.c_str(), &end);
      if (v.empty() || end == v.c_str() || *end != '\0' || !(d >= 0) || std::isinf(d))
        bad_value = "invalid number of seconds: " + mc::Quote(v);
      else
        o.sleep = d;
    });
    p.OnFlag("-v,--verbose", [&] { o.headers = Headers::kAlways; });
    p.OnFlag("-z,--zero-terminated", [&] { o.delim = '\0'; });
    char bad_digit = 0;
    for (char d = '0'; d <= '9'; ++d) {
      std::string flag = std::string("-") + d;
      p.OnFlag(flag, [&bad_digit, d] {
        if (!bad_digit) bad_digit = d;
      });
    }
    if (auto rc = p.Parse(args, &files)) return *rc;
    if (bad_digit) {
      mc::Warn(inv, std::string("option used in invalid context -- ") + bad_digit);
      return 1;
    }
    if (bad_follow) return mc::UsageError(inv, *bad_follow);
    if (bad) return mc::text::CountError(inv, bad_what, bad->first, bad->second);
    if (bad_value) {
      mc::Warn(inv, *bad_value);
      return 1;
    }
    (void)follow_flag;
  }
  if (files.empty()) files.push_back("-");
  // As GNU: "-n 0" / "-c 0" without following prints nothing and opens no
  // file, so even a missing file is not an error.
  if (!o.from_start && o.count == 0 && o.follow == Follow::kNone) return 0;
  if (o.from_start && o.count == 0) o.count = 1;  // +0 is the whole input, as +1

  if (o.retry && o.follow == Follow::kNone)
    mc::Warn(inv, "warning: --retry ignored; --retry is useful only when following");
  else if (o.retry && o.follow == Follow::kDescriptor)
    mc::Warn(inv, "warning: --retry only effective for the initial open");
  if (o.pid && o.follow == Follow::kNone)
    mc::Warn(inv, "warning: PID ignored; --pid=PID is useful only when following");
  // As GNU: standard input has no name to follow (it would wait forever).
  if (o.follow == Follow::kName && std::find(files.begin(), files.end(), "-") != files.end()) {
    mc::Warn(inv, "cannot follow " + mc::Quote("-") + " by name");
    return 1;
  }

  const bool show = o.headers == Headers::kAlways || (o.headers == Headers::kAuto && files.size() > 1);
  Tail tail(inv, o);
  bool first = true;
  int status = 0;
  std::vector<Followed> followed;
  std::size_t last_printed = SIZE_MAX;
  for (const auto& name : files) {
    Followed f;
    f.name = name;
    int fd = mc::text::OpenForReading(inv, name);
    if (fd < 0) {
      status = 1;
      f.reported_missing = true;
      f.ignore = !(o.retry || o.follow == Follow::kName);
      followed.push_back(std::move(f));
      continue;
    }
    if (show) {
      mc::Output& out = inv.out();
      if (!first) out.Put('\n');
      out.Write("==> ");
      out.Write(mc::text::DisplayName(name));
      out.Write(" <==\n");
      last_printed = followed.size();
    }
    first = false;
    bool ok = tail.Run(fd, name);
    if (!ok) status = 1;
    struct stat st;
    if (o.follow != Follow::kNone && ok && ::fstat(fd, &st) == 0) {
      f.regular = S_ISREG(st.st_mode);
      f.dev = st.st_dev;
      f.ino = st.st_ino;
      f.pos = f.regular ? ::lseek(fd, 0, SEEK_CUR) : 0;
      // Pipes are not followed: their end is the end.
      if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) {
        f.ignore = true;
        if (fd != inv.in_fd()) ::close(fd);
      } else {
        if (!f.regular) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        f.fd = fd;
      }
    } else {
      f.ignore = true;
      if (fd != inv.in_fd()) ::close(fd);
    }
    followed.push_back(std::move(f));
  }
  if (o.follow == Follow::kNone) return status;

  bool any = false;
  for (const auto& f : followed)
    if (!f.ignore) any = true;
  if (!any) {
    bool any_missing = false;
    for (const auto& f : followed)
      if (f.fd < 0 && f.reported_missing) any_missing = true;
    if (any_missing) {
      mc::Warn(inv, "no files remaining");
    }
    return status;
  }
  Follower follower(inv, o, show, std::move(followed), last_printed);
  int rc = follower.Run();
  return rc != 0 ? rc : status;
}
