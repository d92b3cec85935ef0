/* @template d2u
   @help
Usage: ${applet} [options] [file ...] [-n infile outfile ...]
 -ascii                convert only line breaks (default)
 -b, --keep-bom        keep Byte Order Mark
 -c, --convmode        conversion mode
   convmode            ascii (the only mode supported here)
 -f, --force           force conversion of binary files
 -h, --help            display this help text
 -k, --keepdate        keep output file date
 -m, --add-bom         add Byte Order Mark (UTF-8)
 -n, --newfile         write to new file
   infile              original file in new-file mode
   outfile             output file in new-file mode
 -o, --oldfile         write to old file (default)
   file ...            files to convert in old-file mode
 -q, --quiet           quiet mode, suppress all warnings
 -r, --remove-bom      remove Byte Order Mark
 -s, --safe            skip binary files (default)
 -v,  --verbose        verbose operation
 -F, --follow-symlink  follow symbolic links and convert the targets
 -S, --skip-symlink    keep symbolic links and targets unchanged (default)
 -V, --version         display version number
*/
/* @applet dos2unix
   @install usr/bin
   @help-template d2u
*/
/* @applet unix2dos
   @install usr/bin
   @help-template d2u
*/
// Debian's dos2unix 7.x for the common use: files converted in place
// through a temporary file in the same directory (mode kept, renamed over
// the original only when everything was written), filters from stdin to
// stdout, -n pairs, binary files skipped with its messages, a UTF-8 BOM
// removed (dos2unix) or kept (unix2dos). Not done: the iso/7bit/mac modes,
// code pages, UTF-16 input (its NUL bytes make it binary here), -i, -l, -R,
// -u/-ul/-ub, --allow-chown.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <optional>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/output.h"
#include "registry/applet.h"

namespace {

struct Options {
  bool to_dos = false;
  bool quiet = false, force = false, keep_date = false, follow = false, verbose = false;
  int bom = 0;  // 0: default, 'b' keep, 'r' remove, 'm' add
  bool new_file = false;
};

enum class Result { kOk, kBinary, kReadError, kWriteError };

struct Outcome {
  Result result = Result::kOk;
  int error = 0;
  unsigned char symbol = 0;
  unsigned long line = 1;
};

// Converts all of `in` into `out`; stops at a binary byte unless forced.
Outcome Convert(int in, mc::Output& out, const Options& o) {
  Outcome r;
  static constexpr unsigned char kBom[] = {0xEF, 0xBB, 0xBF};
  std::vector<char> buf(mc::kReadBlock);
  // The first read holds at least 3 bytes or the whole input, for the BOM.
  long n = 0;
  while (n < 3) {
    long k = mc::ReadSome(in, buf.data() + n, buf.size() - static_cast<std::size_t>(n));
    if (k < 0) return {Result::kReadError, errno};
    if (k == 0) break;
    n += k;
  }
  std::size_t start = 0;
  bool has_bom = n >= 3 && static_cast<unsigned char>(buf[0]) == kBom[0] &&
                 static_cast<unsigned char>(buf[1]) == kBom[1] && static_cast<unsigned char>(buf[2]) == kBom[2];
  bool keep_bom = o.bom == 'b' || o.bom == 'm' || (o.bom == 0 && o.to_dos);
  if (has_bom) start = 3;
  if ((has_bom && keep_bom) || (!has_bom && o.bom == 'm')) out.Write(std::string_view("\xEF\xBB\xBF", 3));
  bool pending_cr = false;
  unsigned char prev = 0;
  while (n > 0) {
    const char* p = buf.data() + start;
    const char* end = buf.data() + n;
    for (; p < end; p++) {
      unsigned char c = static_cast<unsigned char>(*p);
      if (c < 32 && c != '\t' && c != '\n' && c != '\f' && c != '\r' && !o.force) {
        if (pending_cr) out.Put('\r');
        r.result = Result::kBinary;
        r.symbol = c;
        return r;
      }
      if (o.to_dos) {
        if (c == '\n') {
          r.line++;
          if (prev != '\r') out.Put('\r');
        }
        out.Put(static_cast<char>(c));
        prev = c;
        continue;
      }
      if (c == '\r') {
        if (pending_cr) out.Put('\r');
        pending_cr = true;
        continue;
      }
      if (c == '\n') r.line++;
      else if (pending_cr) out.Put('\r');
      pending_cr = false;
      out.Put(static_cast<char>(c));
    }
    start = 0;
    n = mc::ReadSome(in, buf.data(), buf.size());
    if (n < 0) return {Result::kReadError, errno};
  }
  if (pending_cr) out.Put('\r');
  return r;
}

class Converter {
 public:
  Converter(mc::Invocation& inv, const Options& o) : inv_(inv), o_(o) {}

  void Say(const std::string& msg) {
    if (!o_.quiet) mc::Warn(inv_, msg);
  }
  // A failure with its errno as the exit status, as dos2unix does; -q
  // silences it and keeps the status 0.
  void Fail(const std::string& msg, int err) {
    if (o_.quiet) return;
    mc::Warn(inv_, msg);
    status_ = err ? err : 1;
  }
  int status() const { return status_; }
  const char* format() const { return o_.to_dos ? "DOS" : "Unix"; }

  // Converts `in` into `out` (the same file in old-file mode).
  void File(const std::string& in, const std::string& out, bool new_file) {
    std::string target = in;
    struct stat st;
    if (::lstat(in.c_str(), &st) != 0) {
      int err = errno;
      Fail(in + ": " + std::string(mc::ErrorText(err)), err);
      Say("Skipping " + in + ", not a regular file.");
      return;
    }
    if (S_ISLNK(st.st_mode)) {
      if (!o_.follow || new_file) {
        if (!new_file) {
          Say("Skipping symbolic link " + in + ".");
          return;
        }
      }
      if (::stat(in.c_str(), &st) != 0) {
        int err = errno;
        Fail(in + ": " + std::string(mc::ErrorText(err)), err);
        return;
      }
      if (!new_file) {
        char* real = ::realpath(in.c_str(), nullptr);
        if (!real) {
          int err = errno;
          Fail(in + ": " + std::string(mc::ErrorText(err)), err);
          return;
        }
        target = real;
        std::free(real);
      }
    }
    if (!S_ISREG(st.st_mode)) {
      Say("Skipping " + in + ", not a regular file.");
      return;
    }
    const std::string& dest = new_file ? out : target;
    auto problems = [&] {
      if (new_file) Fail("problems converting file " + in + " to file " + out, 0);
      else Fail("problems converting file " + in, 0);
    };

    int fd = ::open(in.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      int err = errno;
      Fail(in + ": " + std::string(mc::ErrorText(err)), err);
      problems();
      return;
    }
    std::string dir = dest.substr(0, dest.rfind('/') + 1);
    std::string tmp = dir + "d2utmpXXXXXX";
    int tfd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (tfd < 0) {
      int err = errno;
      ::close(fd);
      Fail("Failed to open temporary output file: " + std::string(mc::ErrorText(err)), err);
      status_ = err;
      problems();
      return;
    }
    Outcome r;
    {
      mc::Output w(tfd);
      try {
        r = Convert(fd, w, o_);
        w.Flush();
      } catch (const mc::WriteError& e) {
        r = {Result::kWriteError, e.error};
      }
    }
    ::close(fd);
    if (r.result == Result::kOk && ::fchmod(tfd, st.st_mode & 07777) != 0) r = {Result::kWriteError, errno};
    if (r.result == Result::kOk && o_.keep_date) {
      struct timespec times[2] = {st.st_atim, st.st_mtim};
      ::futimens(tfd, times);
    }
    if (::close(tfd) != 0 && r.result == Result::kOk) r = {Result::kWriteError, errno};
    if (r.result == Result::kOk && ::rename(tmp.c_str(), dest.c_str()) != 0) r = {Result::kWriteError, errno};
    if (r.result != Result::kOk) ::unlink(tmp.c_str());
    switch (r.result) {
      case Result::kOk:
        if (new_file) Say("converting file " + in + " to file " + out + " in " + format() + " format...");
        else Say("converting file " + in + " to " + format() + " format...");
        break;
      case Result::kBinary:
        Binary(r, in);
        break;
      case Result::kReadError:
        Fail(in + ": " + std::string(mc::ErrorText(r.error)), r.error);
        problems();
        break;
      case Result::kWriteError:
        Fail("Failed to write to temporary output file " + tmp + ": " + std::string(mc::ErrorText(r.error)),
             r.error);
        problems();
        break;
    }
  }

  void Binary(const Outcome& r, std::string_view name) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string sym = "0x";
    sym += kHex[r.symbol >> 4];
    sym += kHex[r.symbol & 15];
    Say("Binary symbol " + sym + " found at line " + std::to_string(r.line));
    Say("Skipping binary file " + std::string(name));
  }

  void Stdin() {
    Outcome r = Convert(inv_.in_fd(), inv_.out(), o_);
    if (r.result == Result::kBinary) Binary(r, "stdin");
    if (r.result == Result::kReadError) Fail("stdin: " + std::string(mc::ErrorText(r.error)), r.error);
  }

 private:
  mc::Invocation& inv_;
  const Options& o_;
  int status_ = 0;
};

}  // namespace

namespace mc::convert {

int Dos2Unix(Invocation& inv, bool to_dos) {
  Options o;
  o.to_dos = to_dos;
  bool help = false, version = false, ignored = false;
  // dos2unix's single-dash words.
  std::vector<std::string> args;
  for (char* a : inv.args()) {
    std::string_view s = a;
    args.push_back(s == "-ascii" ? "--ascii" : std::string(s));
  }
  // Options and operands interleave: -n and -o change how the operands
  // after them are taken, so the arguments are parsed segment by segment.
  // Messages are not held back for buffered output, as in dos2unix.
  inv.set_flush_before_messages(false);
  Converter conv(inv, o);
  bool any_file = false;
  std::vector<std::string> pending;  // -n operands waiting for a pair
  std::size_t i = 0;
  while (i < args.size()) {
    mc::cli::Parser p(inv);
    p.Flag("--ascii", ignored);
    p.OnValue("-c,--convmode", [&](const std::string& v) {
      if (v != "ascii") mc::Die(inv, "invalid " + v + " conversion mode specified");
    });
    p.Flag("-f,--force", o.force);
    p.OnFlag("-s,--safe", [&] { o.force = false; });
    p.Flag("-k,--keepdate", o.keep_date);
    p.Flag("-q,--quiet", o.quiet);
    p.Flag("-v,--verbose", o.verbose);
    p.OnFlag("-b,--keep-bom", [&] { o.bom = 'b'; });
    p.OnFlag("-r,--remove-bom", [&] { o.bom = 'r'; });
    p.OnFlag("-m,--add-bom", [&] { o.bom = 'm'; });
    p.OnFlag("-F,--follow-symlink", [&] { o.follow = true; });
    p.OnFlag("-S,--skip-symlink", [&] { o.follow = false; });
    p.OnFlag("-n,--newfile", [&] { o.new_file = true; });
    p.OnFlag("-o,--oldfile", [&] { o.new_file = false; });
    p.Flag("-h", help);
    p.Flag("-V", version);
    p.StopAtFirstOperand();
    p.OnUsageError([&](std::string_view) {
      std::string h = inv.help_text();
      inv.out().Write(h);
      return 1;
    });
    std::vector<std::string> rest;
    std::vector<std::string> seg(args.begin() + static_cast<long>(i), args.end());
    if (auto rc = p.Parse(seg, &rest)) return *rc;
    if (help) return mc::cli::PrintHelp(inv);
    if (version) return mc::cli::PrintVersion(inv);
    // rest: operands up to the next option.
    std::size_t used = seg.size() - rest.size();
    std::size_t k = 0;
    bool after_dashdash = used > 0 && seg[used - 1] == "--";
    for (; k < rest.size(); k++) {
      const std::string& a = rest[k];
      if (!after_dashdash && a.size() > 1 && a[0] == '-') break;
      any_file = true;
      if (o.new_file) {
        pending.push_back(a);
        if (pending.size() == 2) {
          conv.File(pending[0], pending[1], true);
          pending.clear();
        }
      } else {
        conv.File(a, a, false);
      }
    }
    i += used + k;
    if (k == 0 && used == 0) break;
  }
  if (!pending.empty()) {
    mc::Warn(inv, "target of file " + pending[0] + " not specified in new-file mode");
    return 1;
  }
  if (!any_file) conv.Stdin();
  return conv.status();
}

}  // namespace mc::convert

MC_APPLET(dos2unix) { return mc::convert::Dos2Unix(inv, false); }
MC_APPLET(unix2dos) { return mc::convert::Dos2Unix(inv, true); }
