/* @applet split
   @help
Usage: split [OPTION]... [FILE [PREFIX]]
Output pieces of FILE to PREFIXaa, PREFIXab, ...;
default size is 1000 lines, and default PREFIX is 'x'.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -a, --suffix-length=N   generate suffixes of length N (default 2)
      --additional-suffix=SUFFIX  append an additional SUFFIX to file names
  -b, --bytes=SIZE        put SIZE bytes per output file
  -C, --line-bytes=SIZE   put at most SIZE bytes of records per output file
  -d                      use numeric suffixes starting at 0, not alphabetic
      --numeric-suffixes[=FROM]  same as -d, but allow setting the start value
  -x                      use hex suffixes starting at 0, not alphabetic
      --hex-suffixes[=FROM]  same as -x, but allow setting the start value
  -e, --elide-empty-files  do not generate empty output files with '-n'
      --filter=COMMAND    write to shell COMMAND; file name is $FILE
  -l, --lines=NUMBER      put NUMBER lines/records per output file
  -n, --number=CHUNKS     generate CHUNKS output files; see explanation below
  -t, --separator=SEP     use SEP instead of newline as the record separator;
                            '\0' (zero) specifies the NUL character
  -u, --unbuffered        immediately copy input to output with '-n r/...'
      --verbose           print a diagnostic just before each
                            output file is opened
      --help        display this help and exit
      --version     output version information and exit

The SIZE argument is an integer and optional unit (example: 10K is 10*1024).
Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.

CHUNKS may be:
  N       split into N files based on size of input
  K/N     output Kth of N to stdout
  l/N     split into N files without splitting lines/records
  l/K/N   output Kth of N to stdout without splitting lines/records
  r/N     like 'l' but use round robin distribution
  r/K/N   likewise but only output Kth of N to stdout
*/
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <optional>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"
#include "registry/applet.h"

namespace {

// Whether the argument after `arg` is its option's value: a short option
// cluster ending in one of split's value-taking letters, or a long option
// (possibly abbreviated) that takes a value without "=VALUE".
bool OptionValueFollows(std::string_view arg) {
  if (arg.size() < 2 || arg[0] != '-') return false;
  if (arg[1] != '-') {
    for (std::size_t i = 1; i < arg.size(); ++i) {
      if (std::string_view("Cablnt").find(arg[i]) != std::string_view::npos) return i + 1 == arg.size();
    }
    return false;
  }
  if (arg.size() == 2 || arg.find('=') != std::string_view::npos) return false;
  static constexpr std::string_view kWithValue[] = {"--line-bytes", "--suffix-length", "--bytes", "--lines",
                                                    "--number", "--separator", "--additional-suffix",
                                                    "--filter"};
  for (std::string_view name : kWithValue) {
    if (name.substr(0, arg.size()) == arg) return true;
  }
  return false;
}

// Longest suffix split will build (16 Mi characters); a longer -a value
// is reported as memory exhausted when the first file is named.
constexpr std::size_t kMaxBuiltSuffix = std::size_t{1} << 24;

enum class Mode { kLines, kBytes, kLineBytes, kChunkBytes, kChunkLines, kRoundRobin };

// xstrtoumax in base 10: -b and -C take split's suffixes, the other
// counts none. Byte counts beyond INTMAX_MAX (off_t) are too large, as
// GNU's; line and chunk counts may go to UINTMAX_MAX.
enum class Num { kOk, kInvalid, kOverflow };
Num ParseCount(std::string_view s, std::uintmax_t& out, bool allow_suffix) {
  std::uintmax_t v;
  switch (mc::ParseScaled(s, 10, allow_suffix ? "bEGKkMmPTYZ0" : "", v)) {
    case mc::NumError::kOk:
      if (allow_suffix && v > static_cast<std::uintmax_t>(INTMAX_MAX)) return Num::kOverflow;
      out = v;
      return Num::kOk;
    case mc::NumError::kOverflow: return Num::kOverflow;
    default: return Num::kInvalid;
  }
}

class Splitter {
 public:
  Splitter(mc::Invocation& inv) : inv_(inv) {}

  // Configuration.
  std::string prefix = "x", additional;
  std::string alphabet = "abcdefghijklmnopqrstuvwxyz";
  std::string numeric_start;
  std::size_t suffix_length = 0;
  bool suffix_auto = true;
  bool elide = false, verbose = false, unbuffered = false;
  std::optional<std::string> filter;
  char eol = '\n';
  struct stat in_st {};
  bool have_in_st = false;

  // Sets the suffix length for a known number of files.
  void SetSuffixLength(std::uintmax_t n_units, bool known) {
    std::size_t needed = 0;
    if (!numeric_start.empty()) suffix_auto = false;
    if (known) {
      std::uintmax_t end = n_units - 1;
      if (!numeric_start.empty()) {
        std::uintmax_t start;
        if (ParseCount(numeric_start, start, false) == Num::kOk && start < n_units)
          end = end + start < end ? UINTMAX_MAX : end + start;
      }
      do ++needed;
      while (end /= alphabet.size());
      suffix_auto = false;
    }
    if (suffix_length != 0) {
      if (suffix_length < needed) {
        mc::Die(inv_, "the suffix length needs to be at least " + std::to_string(needed));
      }
      suffix_auto = false;
      return;
    }
    suffix_length = std::max<std::size_t>(2, needed);
  }

  // The next output file name.
  void NextName() {
    if (name_.empty()) {
      // No file name can be this long; refuse before building one rather
      // than let an absurd -a exhaust memory (GNU: "memory exhausted").
      if (suffix_length > kMaxBuiltSuffix) throw std::bad_alloc();
      base_ = prefix;
      index_.assign(suffix_length, 0);
      if (!numeric_start.empty()) {
        std::size_t n = numeric_start.size();
        for (std::size_t i = 0; i < n; ++i)
          index_[suffix_length - n + i] = static_cast<std::size_t>(alphabet.find(numeric_start[i]));
      }
      Render();
      return;
    }
    for (std::size_t i = suffix_length; i-- > 0;) {
      ++index_[i];
      if (suffix_auto && i == 0 && index_[0] + 1 == alphabet.size()) {
        // Widen: the last letter joins the prefix, the suffix grows.
        base_ += alphabet[index_[0]];
        ++suffix_length;
        index_.assign(suffix_length, 0);
        Render();
        return;
      }
      if (index_[i] < alphabet.size()) {
        Render();
        return;
      }
      index_[i] = 0;
    }
    mc::Die(inv_, "output file suffixes exhausted");
  }

  // Output files ------------------------------------------------------

  struct Out {
    std::string name;
    int fd = -1;
    pid_t child = -1;
    bool dead = false;  // the filter went away: drop its data
    std::string buf;
    bool created = false;
  };

  // Opens (creating) the next file.
  void OpenNew(Out& o, bool reopen = false) {
    if (!reopen) {
      NextName();
      o.name = name_;
    }
    if (verbose && !reopen) {
      inv_.out().Write("creating file " + mc::Quote(o.name) + "\n");
      inv_.out().Flush();
    }
    if (filter) {
      StartFilter(o);
      return;
    }
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (reopen ? O_APPEND : 0);
    int fd = ::open(o.name.c_str(), flags, 0666);
    if (fd < 0) mc::DieErrno(inv_, mc::QuoteName(o.name), errno);
    struct stat st;
    if (have_in_st && ::fstat(fd, &st) == 0 && st.st_dev == in_st.st_dev && st.st_ino == in_st.st_ino &&
        S_ISREG(st.st_mode)) {
      ::close(fd);
      mc::Die(inv_, mc::Quote(o.name) + " would overwrite input; aborting");
    }
    if (!reopen && ::ftruncate(fd, 0) != 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
      mc::WarnErrno(inv_, mc::QuoteName(o.name) + ": error truncating", errno);
      ::close(fd);
      throw mc::Exit{1};
    }
    o.fd = fd;
    o.created = true;
  }

  void Write(Out& o, const char* p, std::size_t n) {
    if (o.dead || n == 0) return;
    if (filter) {
      // A filter that exits early just stops receiving data.
      sigset_t set, old;
      sigemptyset(&set);
      sigaddset(&set, SIGPIPE);
      pthread_sigmask(SIG_BLOCK, &set, &old);
      int err = mc::WriteAll(o.fd, p, n);
      if (err == EPIPE) {
        struct timespec zero = {0, 0};
        while (sigtimedwait(&set, nullptr, &zero) > 0) {
        }
      }
      pthread_sigmask(SIG_SETMASK, &old, nullptr);
      if (err == EPIPE) {
        o.dead = true;
        return;
      }
      if (err != 0) {
        mc::DieErrno(inv_, mc::QuoteName(o.name), err);
      }
      return;
    }
    int err = mc::WriteAll(o.fd, p, n);
    if (err != 0) {
      mc::DieErrno(inv_, mc::QuoteName(o.name), err);
    }
  }

  void Close(Out& o) {
    if (o.fd < 0) return;
    if (!o.buf.empty()) {
      std::string b;
      b.swap(o.buf);
      Write(o, b.data(), b.size());
    }
    if (::close(o.fd) != 0 && !filter) {
      mc::WarnErrno(inv_, mc::QuoteName(o.name), errno);
      o.fd = -1;
      throw mc::Exit{1};
    }
    o.fd = -1;
    if (o.child > 0) {
      int status = 0;
      while (::waitpid(o.child, &status, 0) < 0 && errno == EINTR) {
      }
      o.child = -1;
      if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        if (sig != SIGPIPE) {
          const char* abbrev = sigabbrev_np(sig);
          std::string name = abbrev ? abbrev : std::to_string(sig);
          mc::Warn(inv_, "with FILE=" + mc::QuoteName(o.name) + ", signal " + name +
                             " from command: " + *filter);
          throw mc::Exit{sig + 128};
        }
      } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
        mc::Warn(inv_, "with FILE=" + mc::QuoteName(o.name) + ", exit " +
                           std::to_string(WEXITSTATUS(status)) + " from command: " + *filter);
        throw mc::Exit{WEXITSTATUS(status)};
      }
    }
  }

  // One sequential output file at a time.
  void SeqWrite(bool new_file, const char* p, std::size_t n) {
    if (new_file) {
      Close(cur_);
      cur_ = Out{};
      OpenNew(cur_);
    }
    Write(cur_, p, n);
  }
  void Finish() { Close(cur_); }
  Out& current() { return cur_; }

  // Modes ---------------------------------------------------------------

  void Lines(int fd, std::uintmax_t n_lines) {
    std::unique_ptr<char[]> buf(new char[mc::kReadBlock]);
    std::uintmax_t in_file = 0;  // lines in the current file
    bool need_new = true;
    for (;;) {
      long n = Read(fd, buf.get(), mc::kReadBlock);
      if (n == 0) break;
      const char* p = buf.get();
      const char* end = p + n;
      while (p < end) {
        const char* start = p;
        // Find the end of the current file's share of this block.
        while (p < end) {
          const char* nl = static_cast<const char*>(std::memchr(p, eol, static_cast<std::size_t>(end - p)));
          if (!nl) {
            p = end;
            break;
          }
          p = nl + 1;
          if (++in_file == n_lines) break;
        }
        SeqWrite(need_new, start, static_cast<std::size_t>(p - start));
        need_new = false;
        if (in_file == n_lines) {
          in_file = 0;
          need_new = true;
        }
      }
    }
  }

  void Bytes(int fd, std::uintmax_t n_bytes, std::uintmax_t max_files = 0, std::uintmax_t total = 0) {
    // max_files: -n N (the last file takes the rest; all N files exist).
    std::unique_ptr<char[]> buf(new char[mc::kReadBlock]);
    std::uintmax_t left_in_file = 0;
    std::uintmax_t files = 0;
    std::uintmax_t read_total = 0;
    for (;;) {
      std::size_t want = mc::kReadBlock;
      if (max_files && total - read_total < want) want = static_cast<std::size_t>(total - read_total);
      long n = want ? Read(fd, buf.get(), want) : 0;
      if (n == 0) break;
      read_total += static_cast<std::uintmax_t>(n);
      const char* p = buf.get();
      std::size_t left = static_cast<std::size_t>(n);
      while (left > 0) {
        if (left_in_file == 0) {
          ++files;
          left_in_file = (max_files && files == max_files) ? UINTMAX_MAX : n_bytes;
          SeqWrite(true, nullptr, 0);
        }
        std::size_t k = left_in_file < left ? static_cast<std::size_t>(left_in_file) : left;
        Write(cur_, p, k);
        p += k;
        left -= k;
        left_in_file -= k;
      }
    }
    if (max_files && !elide) {
      while (files < max_files) {
        ++files;
        SeqWrite(true, nullptr, 0);
      }
    }
  }

  void LineBytes(int fd, std::uintmax_t size) {
    std::unique_ptr<char[]> buf(new char[mc::kReadBlock]);
    std::string hold;        // an unfinished record, at most size bytes
    std::uintmax_t used = 0;  // bytes in the current file (0: none open)
    auto emit = [&](const char* a, std::size_t an, const char* b, std::size_t bn) {
      std::uintmax_t len = an + bn;
      if (used > 0 && used + len <= size) {
        Write(cur_, a, an);
        Write(cur_, b, bn);
        used += len;
        return;
      }
      used = 0;
      // Pieces of exactly size bytes while the record is longer.
      while (len > size) {
        SeqWrite(true, nullptr, 0);
        std::uintmax_t want = size;
        std::size_t ka = an < want ? an : static_cast<std::size_t>(want);
        Write(cur_, a, ka);
        a += ka;
        an -= ka;
        want -= ka;
        std::size_t kb = static_cast<std::size_t>(want);
        Write(cur_, b, kb);
        b += kb;
        bn -= kb;
        len -= size;
      }
      if (len > 0) {
        SeqWrite(true, nullptr, 0);
        Write(cur_, a, an);
        Write(cur_, b, bn);
        used = len;
      }
    };
    for (;;) {
      long n = Read(fd, buf.get(), mc::kReadBlock);
      if (n == 0) break;
      const char* p = buf.get();
      const char* end = p + n;
      while (p < end) {
        const char* nl = static_cast<const char*>(std::memchr(p, eol, static_cast<std::size_t>(end - p)));
        if (nl) {
          emit(hold.data(), hold.size(), p, static_cast<std::size_t>(nl + 1 - p));
          hold.clear();
          p = nl + 1;
          continue;
        }
        // The record goes on past this block.
        std::size_t rest = static_cast<std::size_t>(end - p);
        if (used > 0 && used + hold.size() + rest > size) used = 0;  // will not fit here
        if (used == 0) {
          while (hold.size() + rest > size) {
            SeqWrite(true, nullptr, 0);
            std::size_t from_hold = std::min<std::size_t>(hold.size(), static_cast<std::size_t>(size));
            Write(cur_, hold.data(), from_hold);
            std::size_t from_p = static_cast<std::size_t>(size) - from_hold;
            Write(cur_, p, from_p);
            hold.erase(0, from_hold);
            p += from_p;
            rest -= from_p;
          }
        }
        hold.append(p, rest);
        p = end;
      }
    }
    if (!hold.empty()) emit(hold.data(), hold.size(), nullptr, 0);
  }

  // -n l/N and l/K/N (k == 0: all chunks to files). Chunk j ends with the
  // line holding its last byte (j * size - 1); chunks whose last byte an
  // earlier line already covered stay empty; the last chunk takes the rest.
  void ChunkLines(int fd, std::uintmax_t k, std::uintmax_t n, std::uintmax_t file_size) {
    std::unique_ptr<char[]> buf(new char[mc::kReadBlock]);
    const std::uintmax_t chunk_size = file_size / n == 0 ? 1 : file_size / n;
    auto chunk_end = [&](std::uintmax_t j) { return j == n ? file_size - 1 : j * chunk_size; };
    std::uintmax_t chunk_no = 1, written = 0, opened = 0;
    // Creates the files up to chunk j (only j itself with -e).
    auto ensure = [&](std::uintmax_t j) {
      if (elide) {
        if (opened != j) {
          SeqWrite(true, nullptr, 0);
          opened = j;
        }
        return;
      }
      while (opened < j) {
        SeqWrite(true, nullptr, 0);
        ++opened;
      }
    };
    while (written < file_size) {
      std::size_t want = mc::kReadBlock;
      if (file_size - written < want) want = static_cast<std::size_t>(file_size - written);
      long got = Read(fd, buf.get(), want);
      if (got == 0) break;
      const char* bp = buf.get();
      const char* eob = bp + got;
      while (bp != eob) {
        std::uintmax_t avail = static_cast<std::uintmax_t>(eob - bp);
        std::uintmax_t end = chunk_end(chunk_no);
        std::uintmax_t skip = end >= 1 + written ? end - 1 - written : 0;
        if (skip > avail) skip = avail;
        const char* out_end = static_cast<const char*>(
            std::memchr(bp + skip, eol, static_cast<std::size_t>(avail - skip)));
        bool next = false;
        if (out_end) {
          ++out_end;
          next = chunk_no < n;
        } else {
          out_end = eob;
        }
        std::size_t to_write = static_cast<std::size_t>(out_end - bp);
        if (k == 0) {
          ensure(chunk_no);
          Write(cur_, bp, to_write);
        } else if (k == chunk_no) {
          inv_.out().Write(std::string_view(bp, to_write));
        }
        written += to_write;
        bp = out_end;
        if (next) {
          ++chunk_no;
          while (chunk_no < n && chunk_end(chunk_no) <= written) ++chunk_no;
          if (k != 0 && chunk_no > k) return;
        }
      }
    }
    if (k == 0 && !elide) ensure(n);
  }

  // -n K/N: bytes of chunk K to stdout.
  void ChunkBytesExtract(int fd, std::uintmax_t k, std::uintmax_t n, std::uintmax_t file_size) {
    std::uintmax_t chunk = file_size / n;
    std::uintmax_t start = (k - 1) * chunk;
    std::uintmax_t end = k == n ? file_size : k * chunk;
    std::unique_ptr<char[]> buf(new char[mc::kReadBlock]);
    if (::lseek(fd, static_cast<off_t>(start), SEEK_CUR) < 0) {
      std::uintmax_t left = start;
      while (left > 0) {
        long got = Read(fd, buf.get(), left < mc::kReadBlock ? static_cast<std::size_t>(left) : mc::kReadBlock);
        if (got == 0) return;
        left -= static_cast<std::uintmax_t>(got);
      }
    }
    std::uintmax_t left = end - start;
    while (left > 0) {
      long got = Read(fd, buf.get(), left < mc::kReadBlock ? static_cast<std::size_t>(left) : mc::kReadBlock);
      if (got == 0) break;
      inv_.out().Write(std::string_view(buf.get(), static_cast<std::size_t>(got)));
      left -= static_cast<std::uintmax_t>(got);
    }
  }

  // -n r/N and r/K/N.
  void RoundRobin(int fd, std::uintmax_t k, std::uintmax_t n) {
    std::vector<Out> outs;
    std::deque<std::size_t> open_order;
    if (k == 0) {
      outs.resize(static_cast<std::size_t>(n));
      for (auto& o : outs) {
        NextName();
        o.name = name_;
      }
      if (!elide) {
        for (std::size_t i = 0; i < outs.size(); ++i) Open(outs, open_order, i);
      }
    }
    mc::LineReader reader(fd, eol);
    std::string_view rec;
    bool terminated;
    std::uintmax_t line = 0;
    while (reader.Next(rec, terminated)) {
      std::uintmax_t which = line % n;
      ++line;
      if (k != 0) {
        if (which + 1 == k) {
          inv_.out().Write(rec);
          if (terminated) inv_.out().Put(eol);
          if (unbuffered) inv_.out().Flush();
        }
        continue;
      }
      std::size_t i = static_cast<std::size_t>(which);
      if (outs[i].fd < 0) Open(outs, open_order, i);
      Out& o = outs[i];
      if (unbuffered) {
        Write(o, rec.data(), rec.size());
        if (terminated) Write(o, &eol, 1);
      } else {
        o.buf.append(rec);
        if (terminated) o.buf.push_back(eol);
        if (o.buf.size() >= 64 * 1024) {
          std::string b;
          b.swap(o.buf);
          Write(o, b.data(), b.size());
        }
      }
    }
    if (reader.error() != 0) {
      mc::DieErrno(inv_, mc::QuoteName(infile_), reader.error());
    }
    for (auto& o : outs) Close(o);
  }

  long Read(int fd, char* buf, std::size_t n) {
    long got = mc::ReadSome(fd, buf, n);
    if (got < 0) {
      mc::DieErrno(inv_, mc::QuoteName(infile_), errno);
    }
    return got;
  }

  void set_infile(std::string name) { infile_ = std::move(name); }

 private:
  void Render() {
    name_ = base_;
    for (std::size_t i : index_) name_ += alphabet[i];
    name_ += additional;
  }

  // Opens outs[i] for r/N, closing others when out of descriptors.
  void Open(std::vector<Out>& outs, std::deque<std::size_t>& order, std::size_t i) {
    Out& o = outs[i];
    for (;;) {
      try {
        if (verbose && !o.created) {
          inv_.out().Write("creating file " + mc::Quote(o.name) + "\n");
          inv_.out().Flush();
        }
        if (filter) StartFilter(o);
        else OpenRaw(o, o.created);
        o.created = true;
        order.push_back(i);
        return;
      } catch (const mc::Exit&) {
        if ((errno_ == EMFILE || errno_ == ENFILE) && !order.empty() && !filter) {
          Close(outs[order.front()]);
          order.pop_front();
          continue;
        }
        throw;
      }
    }
  }

  void OpenRaw(Out& o, bool append) {
    int fd = ::open(o.name.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0666);
    if (fd < 0) {
      errno_ = errno;
      if (errno_ == EMFILE || errno_ == ENFILE) throw mc::Exit{1};
      mc::DieErrno(inv_, mc::QuoteName(o.name), errno_);
    }
    o.fd = fd;
  }

  void StartFilter(Out& o) {
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0) {
      mc::DieErrno(inv_, "failed to create pipe", errno);
    }
    inv_.out().Flush();
    std::string file_var = "FILE=" + o.name;
    std::vector<char*> env;
    for (char** e = inv_.env(); e && *e; ++e)
      if (std::strncmp(*e, "FILE=", 5) != 0) env.push_back(*e);
    env.push_back(file_var.data());
    env.push_back(nullptr);
    std::string shell = "/bin/sh";
    if (auto s = inv_.GetEnv("SHELL"); s && !s->empty()) shell = std::string(*s);
    std::string cmd = *filter;
    char arg0[] = "sh";
    char arg1[] = "-c";
    char* argv[] = {arg0, arg1, cmd.data(), nullptr};
    int out_fd = inv_.out().fd(), err_fd = inv_.err_fd();
    pid_t pid = ::fork();
    if (pid < 0) {
      mc::WarnErrno(inv_, "fork system call failed", errno);
      ::close(p[0]);
      ::close(p[1]);
      throw mc::Exit{1};
    }
    if (pid == 0) {
      // Child: the pipe is its stdin; stdout and stderr are ours.
      if (out_fd != 1) ::dup2(out_fd, 1);
      if (err_fd != 2) ::dup2(err_fd, 2);
      ::dup2(p[0], 0);
      sigset_t none;
      sigemptyset(&none);
      pthread_sigmask(SIG_SETMASK, &none, nullptr);
      ::execve(shell.c_str(), argv, env.data());
      const char msg[] = "split: failed to run command\n";
      ssize_t ignored = ::write(2, msg, sizeof msg - 1);
      (void)ignored;
      ::_exit(127);
    }
    ::close(p[0]);
    o.fd = p[1];
    o.child = pid;
  }

  mc::Invocation& inv_;
  std::string infile_ = "-";
  std::string base_, name_;
  std::vector<std::size_t> index_;
  Out cur_;
  int errno_ = 0;
};

}  // namespace

MC_APPLET(split) {
  Splitter sp(inv);
  // Every option value is checked as it is seen, as GNU does: a bad value
  // is an error even when a later occurrence would replace it. The first
  // failure is kept (usage: with the "Try" line) and reported after parsing.
  std::optional<std::string> error;
  bool error_usage = false;
  auto fail = [&](std::string msg, bool usage = false) {
    if (error) return;
    error = std::move(msg);
    error_usage = usage;
  };
  auto bad_number = [&](const char* what, std::string_view v, Num e) {
    std::string msg = std::string("invalid ") + what + ": " + mc::Quote(v);
    if (e == Num::kOverflow) msg += ": Value too large for defined data type";
    else if (e == Num::kOk) msg += ": Numerical result out of range";
    fail(std::move(msg));
  };
  std::optional<Mode> mode;
  // The obsolete -NUMBER form (-l NUMBER); mixing it with -l/-b/-C/-n, or
  // giving any of those twice, splits "in more than one way" (GNU).
  std::optional<std::string> obsolete_lines;
  auto set_mode = [&](Mode m) -> bool {
    if (mode || obsolete_lines) {
      fail("cannot split in more than one way", true);
      return false;
    }
    mode = m;
    return true;
  };
  std::uintmax_t count = 1000, k_units = 0, n_units = 0;
  auto set_count = [&](Mode m, const std::string& v) {
    if (!set_mode(m)) return;
    const char* what = m == Mode::kLines ? "number of lines" : "number of bytes";
    Num e = ParseCount(v, count, m != Mode::kLines);
    if (e != Num::kOk) bad_number(what, v, e);
    else if (count == 0) bad_number(what, v, Num::kOk);
  };
  bool chunk = false;
  bool have_sep = false;
  std::string numeric_from;
  char suffix_kind = 'a';
  auto set_numeric = [&](char kind, std::optional<std::string_view> v) {
    suffix_kind = kind;
    numeric_from = v ? std::string(*v) : std::string();
    std::string_view digits = kind == 'd' ? "0123456789" : "0123456789abcdefABCDEF";
    if (numeric_from.find_first_not_of(digits) != std::string::npos)
      fail(mc::Quote(numeric_from) + ": invalid start value for " +
               (kind == 'd' ? "numerical" : "hexadecimal") + " suffix",
           true);
  };

  mc::cli::Parser p(inv);
  p.OnValue("-a,--suffix-length", [&](const std::string& v) {
    std::uintmax_t n;
    // GNU's limit: the suffix must fit an allocation of size_t words.
    Num e = ParseCount(v, n, false);
    if (e == Num::kOk && n > SIZE_MAX / 8) e = Num::kOverflow;
    if (e != Num::kOk)
      fail("invalid suffix length: " + mc::Quote(v) +
           (e == Num::kOverflow ? ": Value too large for defined data type" : ""));
    else
      sp.suffix_length = static_cast<std::size_t>(n);
  });
  p.Value("--additional-suffix", sp.additional);
  p.OnValue("-b,--bytes", [&](const std::string& v) { set_count(Mode::kBytes, v); });
  p.OnValue("-C,--line-bytes", [&](const std::string& v) { set_count(Mode::kLineBytes, v); });
  p.OnFlag("-d", [&] {
    suffix_kind = 'd';
    numeric_from.clear();
  });
  p.OnFlag("-x", [&] {
    suffix_kind = 'x';
    numeric_from.clear();
  });
  p.OptionalValue("--numeric-suffixes", [&](std::optional<std::string_view> v) { set_numeric('d', v); });
  p.OptionalValue("--hex-suffixes", [&](std::optional<std::string_view> v) { set_numeric('x', v); });
  p.Flag("-e,--elide-empty-files", sp.elide);
  std::string filter;
  bool have_filter = false;
  p.OnValue("--filter", [&](const std::string& v) {
    filter = v;
    have_filter = true;
  });
  p.OnValue("-l,--lines", [&](const std::string& v) { set_count(Mode::kLines, v); });
  p.OnValue("-n,--number", [&](const std::string& v) {
    if (!set_mode(Mode::kChunkBytes)) return;
    chunk = true;
    std::string_view s = v;
    if (s.size() >= 2 && (s[0] == 'l' || s[0] == 'r') && s[1] == '/') {
      mode = s[0] == 'l' ? Mode::kChunkLines : Mode::kRoundRobin;
      s.remove_prefix(2);
    }
    std::size_t slash = s.find('/');
    if (slash != std::string_view::npos) {
      std::string_view ks = s.substr(0, slash);
      Num e = ParseCount(ks, k_units, false);
      if (e != Num::kOk) return bad_number("chunk number", ks, e);
      s.remove_prefix(slash + 1);
    }
    Num e = ParseCount(s, n_units, false);
    if (e != Num::kOk) return bad_number("number of chunks", s, e);
    if (n_units == 0) return bad_number("number of chunks", s, Num::kOk);
    if (slash != std::string_view::npos && (k_units == 0 || k_units > n_units))
      return bad_number("chunk number", std::to_string(k_units), Num::kOk);
  });
  p.OnValue("-t,--separator", [&](const std::string& v) {
    std::string s = v;
    if (s.size() > 1) {
      if (s == "\\0") {
        s = std::string(1, '\0');
      } else {
        fail("multi-character separator " + mc::Quote(v));
        return;
      }
    }
    if (s.empty()) return fail("empty record separator");
    if (have_sep && sp.eol != s[0]) return fail("multiple separator characters specified");
    sp.eol = s[0];
    have_sep = true;
  });
  p.Flag("-u,--unbuffered", sp.unbuffered);
  p.Flag("--verbose", sp.verbose);

  // Obsolete -NUMBER means -l NUMBER, unless it is the value of the
  // option before it (split -a -1 is an invalid suffix length, as GNU).
  std::vector<std::string> args;
  bool dashdash = false, value_next = false;
  for (char* a : inv.args()) {
    std::string s = a;
    const bool is_value = value_next;
    value_next = !dashdash && !is_value && OptionValueFollows(s);
    if (!dashdash && !is_value && s.size() > 1 && s[0] == '-' &&
        s.find_first_not_of("0123456789", 1) == std::string::npos) {
      obsolete_lines = s.substr(1);
      continue;
    }
    if (s == "--" && !is_value) dashdash = true;
    args.push_back(s);
  }
  std::vector<std::string> operands;
  if (auto rc = p.Parse(args, &operands)) return *rc;
  if (!error && !mode && obsolete_lines) {
    mode = Mode::kLines;
    Num e = ParseCount(*obsolete_lines, count, false);
    if (e != Num::kOk) bad_number("number of lines", *obsolete_lines, e);
    else if (count == 0) bad_number("number of lines", *obsolete_lines, Num::kOk);
  }
  if (error) {
    if (error_usage) return mc::UsageError(inv, *error);
    mc::Warn(inv, *error);
    return 1;
  }
  if (operands.size() > 2) return mc::UsageError(inv, "extra operand " + mc::Quote(operands[2]));
  if (suffix_kind == 'd') sp.alphabet = "0123456789";
  if (suffix_kind == 'x') sp.alphabet = "0123456789abcdef";
  if (!numeric_from.empty()) {
    std::size_t z = 0;
    while (z + 1 < numeric_from.size() && numeric_from[z] == '0') ++z;
    numeric_from.erase(0, z);
    if (suffix_kind == 'x')
      for (char& c : numeric_from) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (numeric_from != "0") sp.numeric_start = numeric_from;
  }
  if (have_filter) sp.filter = filter;
  if (!mode) mode = Mode::kLines;

  std::string infile = operands.empty() ? "-" : operands[0];
  if (operands.size() > 1) sp.prefix = operands[1];
  sp.set_infile(infile);

  int status = 0;
  int fd = -1;
  try {
    sp.SetSuffixLength(n_units, chunk);
    if (sp.numeric_start.size() > sp.suffix_length)
      return mc::UsageError(inv, "numerical suffix start value is too large for the suffix length");
    if (infile == "-") {
      fd = inv.in_fd();
    } else {
      fd = ::open(infile.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        mc::WarnErrno(inv, "cannot open " + mc::Quote(infile) + " for reading", errno);
        return 1;
      }
    }
    sp.have_in_st = ::fstat(fd, &sp.in_st) == 0;
    std::uintmax_t file_size = 0;
    if (chunk && !(*mode == Mode::kRoundRobin)) {
      off_t pos = ::lseek(fd, 0, SEEK_CUR);
      if (!sp.have_in_st || !S_ISREG(sp.in_st.st_mode) || pos < 0) {
        mc::Warn(inv, mc::QuoteName(infile) + ": cannot determine file size");
        if (fd != inv.in_fd()) ::close(fd);
        return 1;
      }
      file_size = sp.in_st.st_size > pos ? static_cast<std::uintmax_t>(sp.in_st.st_size - pos) : 0;
    }
    switch (*mode) {
      case Mode::kLines: sp.Lines(fd, count); break;
      case Mode::kBytes: sp.Bytes(fd, count); break;
      case Mode::kLineBytes: sp.LineBytes(fd, count); break;
      case Mode::kChunkBytes:
        if (k_units) sp.ChunkBytesExtract(fd, k_units, n_units, file_size);
        else sp.Bytes(fd, file_size / n_units == 0 ? 1 : file_size / n_units, n_units, file_size);
        break;
      case Mode::kChunkLines: sp.ChunkLines(fd, k_units, n_units, file_size); break;
      case Mode::kRoundRobin: sp.RoundRobin(fd, k_units, n_units); break;
    }
    sp.Finish();
  } catch (const mc::Exit& f) {
    status = f.status;
  }
  if (fd >= 0 && fd != inv.in_fd()) ::close(fd);
  return status;
}
