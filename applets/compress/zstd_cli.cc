#include "applets/compress/zstd_cli.h"

#define ZSTD_STATIC_LINKING_ONLY  // ZSTD_d_forceIgnoreChecksum, ZSTD_frameHeader
#include <zstd.h>
#include <zstd_errors.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/output.h"
#include "applets/support/signal_cleanup.h"

namespace mc::compress {
namespace {

using u64 = std::uint64_t;

constexpr std::string_view kStdinName = "/*stdin*\\";
constexpr std::string_view kStdoutName = "/*stdout*\\";
constexpr int kDefaultLevel = 3;
constexpr int kMaxLevel = 19;
constexpr std::uint32_t kZstdMagic = 0xFD2FB528u;
constexpr std::uint32_t kSkippableMagic = 0x184D2A50u;  // low 4 bits vary
constexpr std::uint32_t kSkippableMask = 0xFFFFFFF0u;

enum class Op { kCompress, kDecompress, kTest, kList };

struct Options {
  Op op = Op::kCompress;
  bool to_stdout = false;  // -c
  bool force = false;      // -f
  bool remove_src = false; // --rm
  int verbosity = 2;       // 0 silent, 1 errors, 2 default, 3+ verbose
  int level = kDefaultLevel;
  bool ultra = false;
  // Worker threads, as the CLI: 1 by default (or $ZSTD_NBTHREADS). 0 means
  // compression in the calling thread after --single-thread (unless a later
  // -T# sets a count), else one per core: physical ones, or logical ones
  // with --auto-threads=logical.
  int threads = 1;
  bool single_thread = false;
  bool logical_cores = false;
  int long_log = 0;                // --long[=N]: window log for both directions
  std::uint64_t memory_limit = 0;  // -M / --memory, bytes
  bool checksum = true;
  bool pass_through = false;
  int progress = -1;  // -1 auto, 0 off, 1 on
  std::optional<std::string> out_name;
  std::vector<std::string> files;
};

// ---------------------------------------------------------------------------
// Formatting

std::string Format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string Format(const char* fmt, ...) {
  char small[512];
  va_list ap;
  va_start(ap, fmt);
  int n = std::vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return {};
  if (static_cast<std::size_t>(n) < sizeof small) return std::string(small, static_cast<std::size_t>(n));
  std::string big(static_cast<std::size_t>(n) + 1, '\0');
  va_start(ap, fmt);
  std::vsnprintf(big.data(), big.size(), fmt, ap);
  va_end(ap);
  big.resize(static_cast<std::size_t>(n));
  return big;
}

// A size in the CLI's human-readable form: value, decimals, unit.
struct Human {
  double value;
  int precision;
  const char* unit;
};

Human HumanSize(u64 n) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int u = 0;
  u64 div = 1;
  while (u < 6 && n / div >= 1024) {
    div <<= 10;
    ++u;
  }
  Human h{static_cast<double>(n) / static_cast<double>(div), 0, kUnits[u]};
  if (u == 0 || h.value >= 100) h.precision = 0;
  else if (h.value >= 10) h.precision = 1;
  else if (h.value > 1) h.precision = 2;
  else h.precision = 3;
  return h;
}

double Seconds() {
  timespec ts;
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::uint32_t Le32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

// A file name for messages; the CLI's name for stdin as is.
std::string Shown(std::string_view display) {
  return display == kStdinName ? std::string(display) : QuoteName(display);
}

struct CCtxFree {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DCtxFree {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

// ---------------------------------------------------------------------------
// Where (de)compressed bytes go: stdout (a failed write throws WriteError and
// ends the applet, as for every applet), a file, or nowhere (--test).

class Sink {
 public:
  enum Kind { kStdout, kFile, kDiscard };

  static Sink Stdout(Invocation& inv) { return Sink(kStdout, inv.out().fd(), &inv.out()); }
  static Sink File(int fd) { return Sink(kFile, fd, nullptr); }
  static Sink Discard() { return Sink(kDiscard, -1, nullptr); }

  Kind kind() const { return kind_; }
  int fd() const { return fd_; }
  // The errno of a failed write to a file (0: none).
  int error() const { return error_; }

  bool Write(const void* data, std::size_t n) {
    if (n == 0) return true;
    switch (kind_) {
      case kStdout:
        out_->WriteDirect(std::string_view(static_cast<const char*>(data), n));
        return true;
      case kFile:
        error_ = WriteAll(fd_, data, n);
        return error_ == 0;
      case kDiscard:
        return true;
    }
    return true;
  }

 private:
  Sink(Kind k, int fd, Output* out) : kind_(k), fd_(fd), out_(out) {}
  Kind kind_;
  int fd_;
  Output* out_;
  int error_ = 0;
};

// ---------------------------------------------------------------------------

class Tool {
 public:
  Tool(Invocation& inv, Options& o) : inv_(inv), o_(o) {}

  int Run();

 private:
  // Messages. Errors show unless -qq; notes (summaries, warnings) need
  // level 2, or 3 for per-file lines in multi-file runs.
  void Error(std::string_view msg) {
    ClearProgress();
    if (o_.verbosity >= 1) Warn(inv_, msg);
  }
  void Note(std::string_view line) {
    ClearProgress();
    WriteAll(inv_.err_fd(), line.data(), line.size());
  }

  bool StdinIsConsole() const { return ::isatty(inv_.in_fd()) == 1; }
  bool StdoutIsConsole() { return ::isatty(inv_.out().fd()) == 1; }

  bool OutputIsStdout(bool from_stdin) const {
    if (o_.op == Op::kTest) return false;
    if (o_.to_stdout) return true;
    if (o_.out_name) return *o_.out_name == "-";
    return from_stdin;
  }

  // Progress on a terminal.
  void ShowProgress(std::string_view display, u64 read, u64 total, u64 written);
  void ClearProgress() {
    if (!progress_shown_) return;
    progress_shown_ = false;
    std::string clear = "\r" + std::string(79, ' ') + "\r";
    WriteAll(inv_.err_fd(), clear.data(), clear.size());
  }

  bool SetupCompressor();
  bool SetupDecompressor();

  // Streams one input into sink. Returns false after reporting an error.
  bool CompressStream(int in_fd, std::string_view display, u64 src_size, Sink& sink, u64& in_total,
                      u64& out_total);
  bool DecompressStream(int in_fd, std::string_view display, u64 src_size, Sink& sink,
                        u64& out_total);

  // Opens the output file `name` for writing, honouring -f and asking on a
  // terminal, and adds it to *on_signal: until it is complete, a fatal
  // signal (SIGINT, SIGTERM, SIGHUP, ...) removes it and is re-raised.
  // -1: not opened (reported).
  int OpenOutputFile(const std::string& name, bool from_stdin, sigcleanup::Paths* on_signal);
  // Sets the output's mode and times from the source file.
  void CopyAttributes(int fd, const struct stat& src);

  int ProcessFile(const std::string& name);
  int List();
  bool ListOne(const std::string& name, bool detailed, struct ListTotals& totals);

  Invocation& inv_;
  Options& o_;
  int summary_level_ = 2;
  bool show_progress_ = false;
  bool progress_shown_ = false;
  double last_progress_ = 0;
  std::unique_ptr<ZSTD_CCtx, CCtxFree> cctx_;
  std::unique_ptr<ZSTD_DCtx, DCtxFree> dctx_;
  std::unique_ptr<char[]> in_buf_, out_buf_;
  std::size_t in_size_ = 0, out_size_ = 0;

  // Several inputs into one -o FILE (with -f): the shared output.
  int shared_fd_ = -1;
  bool shared_failed_ = false;
  sigcleanup::Paths shared_on_signal_;

  // Totals for the multi-file summary.
  unsigned files_done_ = 0;
  u64 total_in_ = 0, total_out_ = 0;
};

void Tool::ShowProgress(std::string_view display, u64 read, u64 total, u64 written) {
  if (!show_progress_) return;
  double now = Seconds();
  if (now - last_progress_ < 0.2) return;
  last_progress_ = now;
  std::string line = "\r" + std::string(79, ' ') + "\r";
  Human r = HumanSize(read);
  if (o_.op == Op::kCompress) {
    int pct = read ? static_cast<int>(written * 100 / read) : 0;
    if (total) {
      Human t = HumanSize(total);
      line += Format("Read: %6.*f %s / %6.*f %s ==> %2d%%", r.precision, r.value, r.unit,
                     t.precision, t.value, t.unit, pct);
    } else {
      line += Format("Read: %6.*f %s ==> %2d%%", r.precision, r.value, r.unit, pct);
    }
  } else {
    Human w = HumanSize(written);
    std::string name(display.substr(0, 20));
    line += Format("%-20s : %.*f %s... ", name.c_str(), w.precision, w.value, w.unit);
  }
  progress_shown_ = true;
  WriteAll(inv_.err_fd(), line.data(), line.size());
}

bool Tool::SetupCompressor() {
  if (cctx_) return true;
  cctx_.reset(ZSTD_createCCtx());
  if (!cctx_) throw std::bad_alloc();
  ZSTD_CCtx* c = cctx_.get();
  auto set = [&](ZSTD_cParameter p, int v) {
    std::size_t r = ZSTD_CCtx_setParameter(c, p, v);
    if (ZSTD_isError(r)) {
      Error(Format("error setting compression parameter: %s", ZSTD_getErrorName(r)));
      return false;
    }
    return true;
  };
  if (!set(ZSTD_c_compressionLevel, o_.level) || !set(ZSTD_c_checksumFlag, o_.checksum ? 1 : 0) ||
      !set(ZSTD_c_contentSizeFlag, 1))
    return false;
  if (o_.long_log) {
    if (!set(ZSTD_c_enableLongDistanceMatching, 1) || !set(ZSTD_c_windowLog, o_.long_log))
      return false;
  }
  // Out-of-range counts are clamped by libzstd (at most 200 workers).
  if (!set(ZSTD_c_nbWorkers, o_.threads)) return false;
  in_size_ = ZSTD_CStreamInSize();
  out_size_ = ZSTD_CStreamOutSize();
  in_buf_.reset(new char[in_size_]);
  out_buf_.reset(new char[out_size_]);
  return true;
}

bool Tool::SetupDecompressor() {
  if (dctx_) return true;
  dctx_.reset(ZSTD_createDCtx());
  if (!dctx_) throw std::bad_alloc();
  int wlog = 0;
  if (o_.memory_limit) {
    wlog = 10;
    while (wlog < 31 && (u64{1} << (wlog + 1)) <= o_.memory_limit) ++wlog;
  }
  if (o_.long_log > wlog) wlog = o_.long_log;
  if (wlog) ZSTD_DCtx_setParameter(dctx_.get(), ZSTD_d_windowLogMax, wlog);
  if (!o_.checksum) ZSTD_DCtx_setParameter(dctx_.get(), ZSTD_d_forceIgnoreChecksum, 1);
  in_size_ = ZSTD_DStreamInSize();
  out_size_ = ZSTD_DStreamOutSize();
  in_buf_.reset(new char[in_size_]);
  out_buf_.reset(new char[out_size_]);
  return true;
}

bool Tool::CompressStream(int in_fd, std::string_view display, u64 src_size, Sink& sink,
                          u64& in_total, u64& out_total) {
  ZSTD_CCtx* c = cctx_.get();
  ZSTD_CCtx_reset(c, ZSTD_reset_session_only);
  if (src_size != ZSTD_CONTENTSIZE_UNKNOWN) ZSTD_CCtx_setPledgedSrcSize(c, src_size);
  std::string shown = Shown(display);
  const bool known_size = src_size != ZSTD_CONTENTSIZE_UNKNOWN;
  auto changed_size = [&] {
    Error(shown + ": file changed size while it was being compressed");
    return false;
  };
  for (;;) {
    long n = ReadFull(in_fd, in_buf_.get(), in_size_);
    if (n < 0) {
      Error(shown + ": Read error: " + std::string(ErrorText(errno)));
      return false;
    }
    in_total += static_cast<u64>(n);
    // As the CLI: the data that completes an input of known size goes in
    // with ZSTD_e_end. Other data goes in with ZSTD_e_continue and, at the
    // end of the input, a call without data ends the frame: that last call
    // adds an empty last block when the data filled whole blocks or jobs,
    // and a short input of unknown size given whole with ZSTD_e_end would be
    // compressed in one shot, with a different header.
    const bool eof = static_cast<std::size_t>(n) < in_size_;
    const bool completes = n == 0 || (known_size && in_total >= src_size);
    ZSTD_inBuffer in{in_buf_.get(), static_cast<std::size_t>(n), 0};
    for (ZSTD_EndDirective mode = completes ? ZSTD_e_end : ZSTD_e_continue;;) {
      ZSTD_outBuffer out{out_buf_.get(), out_size_, 0};
      std::size_t r = ZSTD_compressStream2(c, &out, &in, mode);
      if (ZSTD_isError(r)) {
        if (ZSTD_getErrorCode(r) == ZSTD_error_srcSize_wrong) return changed_size();
        Error(shown + ": Compression error: " + ZSTD_getErrorName(r));
        return false;
      }
      if (!sink.Write(out_buf_.get(), out.pos)) return false;
      out_total += out.pos;
      if (mode == ZSTD_e_end ? r == 0 : in.pos == in.size) {
        if (!eof || mode == ZSTD_e_end) break;
        mode = ZSTD_e_end;
      }
    }
    ShowProgress(display, in_total, known_size ? src_size : 0, out_total);
    if (completes && !eof) {
      // The frame holds the size announced; a file that grew is an error.
      char extra;
      long more = ReadSome(in_fd, &extra, 1);
      if (more < 0) {
        Error(shown + ": Read error: " + std::string(ErrorText(errno)));
        return false;
      }
      if (more > 0) return changed_size();
      return true;
    }
    if (completes || eof) return true;
  }
}

bool Tool::DecompressStream(int in_fd, std::string_view display, u64 src_size, Sink& sink,
                            u64& out_total) {
  (void)src_size;
  ZSTD_DCtx* d = dctx_.get();
  ZSTD_DCtx_reset(d, ZSTD_reset_session_only);
  std::string shown = Shown(display);
  auto read_error = [&] {
    Error(shown + ": Read error: " + std::string(ErrorText(errno)));
    return false;
  };
  long n = ReadFull(in_fd, in_buf_.get(), in_size_);
  if (n < 0) return read_error();
  if (n == 0) {
    Error(shown + ": unexpected end of file");
    return false;
  }
  const unsigned char* head = reinterpret_cast<const unsigned char*>(in_buf_.get());
  bool zstd_data = false;
  if (n >= 4) {
    std::uint32_t magic = Le32(head);
    zstd_data = magic == kZstdMagic || (magic & kSkippableMask) == kSkippableMagic;
  }
  if (!zstd_data) {
    if (!o_.pass_through) {
      Error(shown + ": unsupported format");
      return false;
    }
    // zstdcat / -dcf: copy other data through unchanged.
    for (;;) {
      if (!sink.Write(in_buf_.get(), static_cast<std::size_t>(n))) return false;
      out_total += static_cast<u64>(n);
      n = ReadSome(in_fd, in_buf_.get(), in_size_);
      if (n < 0) return read_error();
      if (n == 0) return true;
    }
  }
  std::size_t pending = 0;  // last return: 0 at a frame boundary
  u64 in_total = 0;
  for (;;) {
    in_total += static_cast<u64>(n);
    ZSTD_inBuffer in{in_buf_.get(), static_cast<std::size_t>(n), 0};
    for (;;) {
      ZSTD_outBuffer out{out_buf_.get(), out_size_, 0};
      const std::size_t in_before = in.pos;
      std::size_t r = ZSTD_decompressStream(d, &out, &in);
      if (ZSTD_isError(r)) {
        ZSTD_ErrorCode code = ZSTD_getErrorCode(r);
        if (code == ZSTD_error_frameParameter_windowTooLarge) {
          Error(shown + ": Decoding error (36) : Frame requires too much memory for decoding; "
                        "use --long=31 or --memory=#MB");
        } else {
          Error(shown + ": Decoding error (36) : " + ZSTD_getErrorName(r));
        }
        return false;
      }
      if (!sink.Write(out_buf_.get(), out.pos)) return false;
      out_total += out.pos;
      pending = r;
      // Call again while there is input left, the output was filled, or
      // the call made progress without finishing the frame (the decoder
      // may still hold data it has taken in); stop when it needs input.
      // 0 means a frame ended and is flushed: a further call without
      // input would begin the next frame.
      if (in.pos < in.size) continue;
      if (r == 0) break;
      if (out.pos == out.size) continue;
      if (out.pos == 0 && in.pos == in_before) break;
    }
    ShowProgress(display, in_total, 0, out_total);
    n = ReadFull(in_fd, in_buf_.get(), in_size_);
    if (n < 0) return read_error();
    if (n == 0) break;
  }
  if (pending != 0) {
    Error(shown + ": Read error (39) : premature end");
    return false;
  }
  return true;
}

int Tool::OpenOutputFile(const std::string& name, bool from_stdin, sigcleanup::Paths* on_signal) {
  struct stat st;
  if (::lstat(name.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      Error(QuoteName(name) + ": is a directory -- ignored");
      return -1;
    }
    if (!o_.force) {
      bool overwrite = false;
      if (o_.verbosity >= 2 && !from_stdin && StdinIsConsole()) {
        ClearProgress();
        std::string q = std::string(inv_.prog()) + ": " + QuoteName(name) +
                        " already exists; overwrite (y/n) ? ";
        WriteAll(inv_.err_fd(), q.data(), q.size());
        char c = 0, first = 0;
        while (ReadSome(inv_.in_fd(), &c, 1) == 1) {
          if (!first) first = c;
          if (c == '\n') break;
        }
        overwrite = first == 'y' || first == 'Y';
        if (!overwrite) {
          std::string_view msg = "    not overwritten\n";
          WriteAll(inv_.err_fd(), msg.data(), msg.size());
          return -1;
        }
      }
      if (!overwrite) {
        Error(QuoteName(name) + " already exists; not overwritten");
        return -1;
      }
    }
    if (::unlink(name.c_str()) != 0 && errno != ENOENT) {
      Error(QuoteName(name) + ": " + std::string(ErrorText(errno)));
      return -1;
    }
  }
  sigcleanup::BlockSignals block;  // creating and registering: one step
  int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, from_stdin ? 0666 : 0600);
  if (fd < 0) Error(QuoteName(name) + ": " + std::string(ErrorText(errno)));
  else on_signal->Add(name);
  return fd;
}

void Tool::CopyAttributes(int fd, const struct stat& src) {
  if (::fchown(fd, src.st_uid, src.st_gid) != 0) {
    // Not the owner: keep our ownership, but don't hand out set-id bits.
  }
  ::fchmod(fd, src.st_mode & 07777);
  timespec times[2] = {src.st_atim, src.st_mtim};
  ::futimens(fd, times);
}

int Tool::ProcessFile(const std::string& name) {
  const bool from_stdin = name == "-";
  const std::string display = from_stdin ? std::string(kStdinName) : name;
  struct stat src_st;
  std::memset(&src_st, 0, sizeof src_st);
  bool src_regular = false;
  if (!from_stdin) {
    // As the CLI: a symbolic link operand is skipped unless -f.
    if (!o_.force && ::lstat(name.c_str(), &src_st) == 0 && S_ISLNK(src_st.st_mode)) {
      if (o_.verbosity >= 2) Error(QuoteName(name) + ": is a symbolic link, ignoring");
      return 1;
    }
    if (::stat(name.c_str(), &src_st) != 0) {
      Error(QuoteName(name) + ": " + std::string(ErrorText(errno)));
      return 1;
    }
    if (S_ISDIR(src_st.st_mode)) {
      Error(QuoteName(name) + ": is a directory -- ignored");
      return 1;
    }
    src_regular = S_ISREG(src_st.st_mode);
    // As the CLI: FIFOs (process substitution) are fine, block devices
    // need -f, other special files are refused.
    if (!src_regular && !S_ISFIFO(src_st.st_mode) && !(o_.force && S_ISBLK(src_st.st_mode))) {
      Error(QuoteName(name) + ": is not a regular file -- ignored");
      return 1;
    }
  }

  // Where the output goes.
  const bool to_stdout = OutputIsStdout(from_stdin);
  const bool shared = !to_stdout && o_.op != Op::kTest && o_.out_name && o_.files.size() > 1;
  std::string out_name;
  if (o_.op != Op::kTest && !to_stdout) {
    if (o_.out_name) {
      out_name = *o_.out_name;
    } else if (o_.op == Op::kCompress) {
      out_name = name + ".zst";
    } else {
      std::string_view n = name;
      if (n.size() > 4 && n.ends_with(".zst") && n[n.size() - 5] != '/') {
        out_name = name.substr(0, name.size() - 4);
      } else if (n.size() > 5 && n.ends_with(".tzst") && n[n.size() - 6] != '/') {
        out_name = name.substr(0, name.size() - 5) + ".tar";
      } else {
        Error(QuoteName(name) +
              ": unknown suffix (.zst/.tzst expected). Can't derive the output file name. "
              "Specify it with -o dstFileName. Ignoring.");
        return 1;
      }
    }
  }

  int in_fd = from_stdin ? inv_.in_fd() : ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (in_fd < 0) {
    Error(QuoteName(name) + ": " + std::string(ErrorText(errno)));
    return 1;
  }
  struct InputCloser {
    int fd;
    bool owned;
    ~InputCloser() {
      if (owned) ::close(fd);
    }
  } in_closer{in_fd, !from_stdin};
  if (!from_stdin && src_regular && ::fstat(in_fd, &src_st) != 0) {
    Error(QuoteName(name) + ": " + std::string(ErrorText(errno)));
    return 1;
  }

  // Never write over the input.
  if (!out_name.empty()) {
    struct stat out_st;
    if (::stat(out_name.c_str(), &out_st) == 0 && !from_stdin && out_st.st_dev == src_st.st_dev &&
        out_st.st_ino == src_st.st_ino) {
      Error("Refusing to open an output file which will overwrite the input file");
      return 1;
    }
  }

  int out_fd = -1;
  // The output file while it is incomplete (forgotten, so kept, on return).
  sigcleanup::Paths out_on_signal;
  if (!out_name.empty()) {
    if (shared) {
      if (shared_fd_ < 0) {
        if (shared_failed_) return 1;
        shared_fd_ = OpenOutputFile(out_name, from_stdin, &shared_on_signal_);
        if (shared_fd_ < 0) {
          shared_failed_ = true;
          return 1;
        }
      }
      out_fd = shared_fd_;
    } else {
      out_fd = OpenOutputFile(out_name, from_stdin, &out_on_signal);
      if (out_fd < 0) return 1;
    }
  }
  Sink sink = o_.op == Op::kTest ? Sink::Discard()
              : to_stdout        ? Sink::Stdout(inv_)
                                 : Sink::File(out_fd);

  const u64 src_size = src_regular ? static_cast<u64>(src_st.st_size) : ZSTD_CONTENTSIZE_UNKNOWN;
  u64 in_total = 0, out_total = 0;
  // Short work shows no progress: the first update comes after half a second.
  last_progress_ = Seconds() + 0.3;
  bool ok;
  if (o_.op == Op::kCompress) {
    ok = SetupCompressor() && CompressStream(in_fd, display, src_size, sink, in_total, out_total);
  } else {
    ok = SetupDecompressor() && DecompressStream(in_fd, display, src_size, sink, out_total);
  }
  ClearProgress();
  if (!ok && sink.error()) Error(QuoteName(out_name) + ": " + std::string(ErrorText(sink.error())));

  if (sink.kind() == Sink::kFile && !shared) {
    if (ok && src_regular) CopyAttributes(out_fd, src_st);
    if (::close(out_fd) != 0 && ok) {
      Error(QuoteName(out_name) + ": " + std::string(ErrorText(errno)));
      ok = false;
    }
    sigcleanup::BlockSignals block;
    if (!ok) ::unlink(out_name.c_str());
    out_on_signal.ForgetAll();
  }
  if (!ok) {
    if (shared) shared_failed_ = true;
    return 1;
  }

  // The output is complete and closed: now the source may go.
  if (o_.remove_src && !from_stdin && sink.kind() == Sink::kFile && !shared) {
    if (::unlink(name.c_str()) != 0) {
      Error(QuoteName(name) + ": " + std::string(ErrorText(errno)));
      return 1;
    }
  }

  ++files_done_;
  if (o_.op == Op::kCompress) {
    total_in_ += in_total;
    total_out_ += out_total;
  } else {
    total_in_ += out_total;
  }
  const bool per_file = o_.files.size() <= 1 ? summary_level_ >= 2 : summary_level_ >= 3;
  if (per_file) {
    std::string target = to_stdout ? std::string(kStdoutName) : out_name;
    if (o_.op == Op::kCompress) {
      Human a = HumanSize(in_total), b = HumanSize(out_total);
      if (in_total == 0) {
        Note(Format("%-20s :  (%6.*f %s => %6.*f %s, %s) \n", display.c_str(), a.precision, a.value,
                    a.unit, b.precision, b.value, b.unit, target.c_str()));
      } else {
        double ratio = static_cast<double>(out_total) * 100.0 / static_cast<double>(in_total);
        Note(Format("%-20s :%6.2f%%   (%6.*f %s => %6.*f %s, %s) \n", display.c_str(), ratio,
                    a.precision, a.value, a.unit, b.precision, b.value, b.unit, target.c_str()));
      }
    } else {
      Note(Format("%-20s: %llu bytes \n", display.c_str(), static_cast<unsigned long long>(out_total)));
    }
  }
  return 0;
}

// ---------------------------------------------------------------------------
// --list

struct FrameInfo {
  u64 frames = 0, skips = 0, compressed = 0, decompressed = 0;
  bool size_unknown = false;
  bool any_check = false;
  bool have_window = false;
  u64 window = 0;
  unsigned dict_id = 0;
  std::uint32_t last_check = 0;
};

struct ListTotals {
  FrameInfo sum;
  unsigned files = 0;
};

std::string TableRow(const FrameInfo& f, const std::string& name) {
  Human c = HumanSize(f.compressed);
  std::string row = Format("%6llu  %5llu  %6.*f%4s  ", static_cast<unsigned long long>(f.frames),
                           static_cast<unsigned long long>(f.skips), c.precision, c.value, c.unit);
  if (f.size_unknown) {
    row += std::string(8 + 4 + 2 + 5, ' ');
  } else {
    Human d = HumanSize(f.decompressed);
    double ratio = f.compressed ? static_cast<double>(f.decompressed) / static_cast<double>(f.compressed) : 0;
    row += Format("%8.*f%4s  %5.3f", d.precision, d.value, d.unit, ratio);
  }
  row += Format("  %5s  %s\n", f.any_check ? "XXH64" : "None", name.c_str());
  return row;
}

// Walks the frames of a file by their headers, seeking over block contents,
// so listing a large file reads little of it.
bool Tool::ListOne(const std::string& name, bool detailed, ListTotals& totals) {
  int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    Error(QuoteName(name) + ": " + std::string(ErrorText(errno)));
    return false;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    Error(QuoteName(name) + ": " + std::string(ErrorText(errno)));
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    Error(QuoteName(name) + ": is a directory -- ignored");
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    Error(QuoteName(name) + ": is not a regular file -- ignored");
    return false;
  }
  const u64 size = static_cast<u64>(st.st_size);
  FrameInfo f;
  f.compressed = size;
  u64 off = 0;
  unsigned char buf[ZSTD_FRAMEHEADERSIZE_MAX];
  auto read_at = [&](u64 at, std::size_t n) -> long {
    std::size_t got = 0;
    while (got < n) {
      ssize_t r = ::pread(fd, buf + got, n - got, static_cast<off_t>(at + got));
      if (r < 0) {
        if (errno == EINTR) continue;
        return -1;
      }
      if (r == 0) break;
      got += static_cast<std::size_t>(r);
    }
    return static_cast<long>(got);
  };
  const std::string shown = QuoteName(name);
  auto io_error = [&] {
    Error(shown + ": Read error: " + std::string(ErrorText(errno)));
    return false;
  };
  auto truncated = [&] {
    Error(shown + ": Read error (39) : premature end");
    return false;
  };
  auto corrupt = [&](const char* what) {
    Error(shown + ": Decoding error (36) : " + what);
    return false;
  };
  if (size == 0) {
    Error(shown + ": unexpected end of file");
    return false;
  }
  while (off < size) {
    long n = read_at(off, sizeof buf);
    if (n < 0) return io_error();
    if (n < 4) {
      if (f.frames == 0) {
        Error(shown + ": unsupported format");
        return false;
      }
      return truncated();
    }
    std::uint32_t magic = Le32(buf);
    if ((magic & kSkippableMask) == kSkippableMagic) {
      if (n < 8) return truncated();
      off += 8 + Le32(buf + 4);
      if (off > size) return truncated();
      ++f.frames;
      ++f.skips;
      continue;
    }
    if (magic != kZstdMagic) {
      if (f.frames == 0) {
        Error(shown + ": unsupported format");
        return false;
      }
      return corrupt("Unknown frame descriptor");
    }
    ZSTD_frameHeader fh;
    std::size_t r = ZSTD_getFrameHeader(&fh, buf, static_cast<std::size_t>(n));
    if (ZSTD_isError(r)) return corrupt(ZSTD_getErrorName(r));
    if (r != 0) return truncated();
    if (!f.have_window) {
      f.have_window = true;
      f.window = fh.windowSize;
      f.dict_id = fh.dictID;
    }
    if (fh.frameContentSize == ZSTD_CONTENTSIZE_UNKNOWN) f.size_unknown = true;
    else f.decompressed += fh.frameContentSize;
    if (fh.checksumFlag) f.any_check = true;
    off += fh.headerSize;
    for (;;) {
      long b = read_at(off, 3);
      if (b < 0) return io_error();
      if (b < 3) return truncated();
      std::uint32_t bh = static_cast<std::uint32_t>(buf[0]) | static_cast<std::uint32_t>(buf[1]) << 8 |
                         static_cast<std::uint32_t>(buf[2]) << 16;
      unsigned type = (bh >> 1) & 3;
      if (type == 3) return corrupt("Corrupted block detected");
      off += 3 + (type == 1 ? 1 : (bh >> 3));
      if (off > size) return truncated();
      if (bh & 1) break;
    }
    if (fh.checksumFlag) {
      long b = read_at(off, 4);
      if (b < 0) return io_error();
      if (b < 4) return truncated();
      f.last_check = Le32(buf);
      off += 4;
    }
    ++f.frames;
  }

  Output& out = inv_.out();
  if (detailed) {
    auto human = [](u64 v) {
      Human h = HumanSize(v);
      return Format("%.*f %s (%llu B)", h.precision, h.value, h.unit, static_cast<unsigned long long>(v));
    };
    out.Write(name + " \n");
    out.Write(Format("# Zstandard Frames: %llu\n", static_cast<unsigned long long>(f.frames - f.skips)));
    if (f.skips) out.Write(Format("# Skippable Frames: %llu\n", static_cast<unsigned long long>(f.skips)));
    if (f.have_window) {
      out.Write(Format("DictID: %u\n", f.dict_id));
      out.Write("Window Size: " + human(f.window) + "\n");
    }
    out.Write("Compressed Size: " + human(f.compressed) + "\n");
    if (!f.size_unknown) {
      out.Write("Decompressed Size: " + human(f.decompressed) + "\n");
      out.Write(Format("Ratio: %.4f\n", static_cast<double>(f.decompressed) / static_cast<double>(f.compressed)));
    }
    if (f.any_check && f.frames - f.skips == 1) out.Write(Format("Check: XXH64 %08x\n", f.last_check));
    else out.Write(f.any_check ? "Check: XXH64\n" : "Check: None\n");
    out.Write("\n");
  } else {
    out.Write(TableRow(f, name));
  }
  FrameInfo& s = totals.sum;
  s.frames += f.frames;
  s.skips += f.skips;
  s.compressed += f.compressed;
  s.decompressed += f.decompressed;
  s.size_unknown |= f.size_unknown;
  s.any_check |= f.any_check;
  ++totals.files;
  return true;
}

int Tool::List() {
  for (const auto& f : o_.files) {
    if (f == "-") {
      Error("--list does not support reading from standard input");
      return 1;
    }
  }
  if (o_.files.empty()) {
    Error("--list does not support reading from standard input");
    return 1;
  }
  const bool detailed = o_.verbosity >= 3;
  Output& out = inv_.out();
  if (!detailed) out.Write("Frames  Skips  Compressed  Uncompressed  Ratio  Check  Filename\n");
  ListTotals totals;
  int status = 0;
  for (const auto& f : o_.files) {
    // Rows go out before a later file's error message.
    out.Flush();
    if (!ListOne(f, detailed, totals)) status = 1;
  }
  if (!detailed && totals.files > 1) {
    out.Write(std::string(65, '-') + " \n");
    out.Write(TableRow(totals.sum, Format("%u files", totals.files)));
  }
  return status;
}

// ---------------------------------------------------------------------------

int Tool::Run() {
  if (o_.op == Op::kList) return List();
  if (o_.files.empty()) o_.files.push_back("-");
  bool uses_stdin = false;
  for (const auto& f : o_.files) uses_stdin |= f == "-";

  if (uses_stdin && !o_.force && StdinIsConsole()) {
    Error("stdin is a console, aborting");
    return 1;
  }
  bool any_stdout = false;
  for (const auto& f : o_.files) any_stdout |= OutputIsStdout(f == "-");
  if (o_.op == Op::kCompress && any_stdout && !o_.to_stdout && !o_.force && StdoutIsConsole()) {
    Error("stdout is a console, aborting");
    return 1;
  }
  if (o_.out_name && *o_.out_name != "-" && !o_.to_stdout && o_.op != Op::kTest &&
      o_.files.size() > 1) {
    if (!o_.force) {
      Error("concatenating multiple processed inputs into a single output loses file metadata; "
            "use -f to do it anyway. Aborting.");
      return 1;
    }
    if (o_.verbosity >= 2) {
      Warn(inv_, "WARNING: all input files will be processed and concatenated into a single "
                 "output file: " + QuoteName(*o_.out_name));
    }
  }
  summary_level_ = o_.verbosity;
  if (any_stdout && summary_level_ == 2) summary_level_ = 1;
  if (o_.progress == 1) {
    show_progress_ = true;
  } else if (o_.progress == -1) {
    show_progress_ = o_.verbosity >= 2 && ::isatty(inv_.err_fd()) == 1 &&
                     !(any_stdout && StdoutIsConsole());
  }
  int status = 0;
  for (const auto& f : o_.files) status |= ProcessFile(f);
  ClearProgress();

  if (shared_fd_ >= 0) {
    bool failed = shared_failed_;
    if (::close(shared_fd_) != 0 && !failed) {
      Error(QuoteName(*o_.out_name) + ": " + std::string(ErrorText(errno)));
      failed = true;
    }
    sigcleanup::BlockSignals block;
    if (failed) {
      ::unlink(o_.out_name->c_str());
      status = 1;
    }
    shared_on_signal_.ForgetAll();
  }
  if (o_.files.size() > 1 && summary_level_ >= 2 && files_done_ > 0) {
    if (o_.op == Op::kCompress) {
      Human a = HumanSize(total_in_), b = HumanSize(total_out_);
      double ratio = total_in_ ? static_cast<double>(total_out_) * 100.0 / static_cast<double>(total_in_) : 0;
      Note(Format("%3u files compressed : %.2f%% (%6.*f%4s => %6.*f%4s)\n", files_done_, ratio,
                  a.precision, a.value, a.unit, b.precision, b.value, b.unit));
    } else {
      Note(Format("%d files decompressed : %6llu bytes total \n", static_cast<int>(files_done_),
                  static_cast<unsigned long long>(total_in_)));
    }
  }
  return status;
}

// ---------------------------------------------------------------------------
// Command line, in the zstd CLI's style: short options cluster (-dcf), a
// level is digits (-19), -T and -M take digits attached or the next
// argument, -o takes the next argument; long options are exact.

// A number as the CLI reads one (readU32FromChar): digits, then an
// optional K or M (times 1024 or 1024^2) which may be followed by "i" and
// "B". Fails on anything else or beyond 32 bits.
bool ParseU32(std::string_view s, unsigned& out) {
  std::size_t i = 0;
  std::uint64_t v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    v = v * 10 + static_cast<unsigned>(s[i] - '0');
    if (v > UINT32_MAX) return false;
    ++i;
  }
  if (i == 0) return false;
  if (i < s.size() && (s[i] == 'K' || s[i] == 'M')) {
    v <<= s[i] == 'K' ? 10 : 20;
    if (v > UINT32_MAX) return false;
    ++i;
    if (i < s.size() && s[i] == 'i') ++i;
    if (i < s.size() && s[i] == 'B') ++i;
  }
  if (i != s.size()) return false;
  out = static_cast<unsigned>(v);
  return true;
}

// A memory size: digits with an optional K/KB/KiB or M/MB/MiB suffix.
bool ParseMemory(std::string_view s, u64& out) {
  std::size_t i = 0;
  u64 v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    v = v * 10 + static_cast<u64>(s[i] - '0');
    if (v > (u64{1} << 40)) return false;
    ++i;
  }
  if (i == 0) return false;
  std::string_view suf = s.substr(i);
  if (suf.empty()) out = v;
  else if (suf == "K" || suf == "KB" || suf == "KiB") out = v << 10;
  else if (suf == "M" || suf == "MB" || suf == "MiB") out = v << 20;
  else if (suf == "G" || suf == "GB" || suf == "GiB") out = v << 30;
  else return false;
  return true;
}

// Cores for -T0, counted as the CLI counts them on Linux: the online
// processors, divided by /proc/cpuinfo's hyper-threading ratio ("siblings"
// per "cpu cores") unless logical cores are asked for.
int CountCores(bool logical) {
  long online = ::sysconf(_SC_NPROCESSORS_ONLN);
  if (online < 1) return 1;
  int n = static_cast<int>(online);
  if (logical) return n;
  int fd = ::open("/proc/cpuinfo", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return n;
  int siblings = 0, cpu_cores = 0;
  {
    LineReader lines(fd);
    std::string_view line;
    auto value = [&](std::string_view key, int& out) {
      if (!line.starts_with(key)) return;
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) return;
      std::string_view v = line.substr(colon + 1);
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      int x = 0;
      for (std::size_t i = 0; i < v.size() && v[i] >= '0' && v[i] <= '9' && x < 1000000; ++i)
        x = x * 10 + (v[i] - '0');
      out = x;
    };
    while (lines.Next(line)) {
      value("siblings", siblings);
      value("cpu cores", cpu_cores);
    }
  }
  ::close(fd);
  if (siblings > 0 && cpu_cores > 0 && siblings > cpu_cores) {
    int ratio = siblings / cpu_cores;
    if (n > ratio) n /= ratio;
  }
  return n;
}

// Returns nullopt to go on, or an exit status.
std::optional<int> ParseArgs(Invocation& inv, Options& o) {
  auto args = inv.args();
  // The CLI's default thread count; -T and --single-thread override it.
  std::optional<std::string_view> env_threads = inv.GetEnv("ZSTD_NBTHREADS");
  bool env_threads_bad = false;
  std::optional<std::string> env_level_bad;
  if (env_threads) {
    unsigned n;
    if (ParseU32(*env_threads, n)) o.threads = static_cast<int>(n);
    else env_threads_bad = true;
  }
  bool operands_only = false;
  bool level_given = false;
  // The CLI's default level: $ZSTD_CLEVEL (a signed integer) if valid.
  if (std::optional<std::string_view> env = inv.GetEnv("ZSTD_CLEVEL")) {
    std::string_view digits = *env;
    const bool negative = !digits.empty() && digits.front() == '-';
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) digits.remove_prefix(1);
    unsigned n;
    if (!digits.empty() && digits.front() >= '0' && digits.front() <= '9' && ParseU32(digits, n) &&
        n <= static_cast<unsigned>(INT32_MAX)) {
      o.level = negative ? -static_cast<int>(n) : static_cast<int>(n);
      level_given = true;
    } else {
      env_level_bad = std::string(*env);
    }
  }
  unsigned fast = 0;
  auto bad_value = [&](std::string_view opt, std::string_view v) {
    return UsageError(inv, "invalid argument " + Quote(v) + " for " + Quote(opt));
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (operands_only || a == "-" || a.size() < 2 || a[0] != '-') {
      o.files.emplace_back(a);
      continue;
    }
    if (a == "--") {
      operands_only = true;
      continue;
    }
    if (a.starts_with("--")) {
      std::string_view name = a, value;
      bool has_value = false;
      if (auto eq = a.find('='); eq != std::string_view::npos) {
        name = a.substr(0, eq);
        value = a.substr(eq + 1);
        has_value = true;
      }
      auto no_value = [&]() -> std::optional<int> {
        if (has_value)
          return UsageError(inv, "option '" + std::string(name) + "' doesn't allow an argument");
        return std::nullopt;
      };
      auto need_value = [&]() -> bool {
        if (has_value) return true;
        if (i + 1 < args.size()) {
          value = args[++i];
          return true;
        }
        return false;
      };
      struct Flag {
        std::string_view name;
        void (*set)(Options&);
      };
      static constexpr Flag kFlags[] = {
          {"--compress", [](Options& x) { x.op = Op::kCompress; }},
          {"--decompress", [](Options& x) { x.op = Op::kDecompress; }},
          {"--uncompress", [](Options& x) { x.op = Op::kDecompress; }},
          {"--test", [](Options& x) { x.op = Op::kTest; }},
          {"--list", [](Options& x) { x.op = Op::kList; }},
          {"--stdout", [](Options& x) { x.to_stdout = true; }},
          {"--to-stdout", [](Options& x) { x.to_stdout = true; }},
          {"--force", [](Options& x) { x.force = true; }},
          {"--keep", [](Options& x) { x.remove_src = false; }},
          {"--rm", [](Options& x) { x.remove_src = true; }},
          {"--quiet", [](Options& x) { --x.verbosity; }},
          {"--verbose", [](Options& x) { ++x.verbosity; }},
          {"--ultra", [](Options& x) { x.ultra = true; }},
          {"--check", [](Options& x) { x.checksum = true; }},
          {"--no-check", [](Options& x) { x.checksum = false; }},
          {"--single-thread", [](Options& x) { x.threads = 0; x.single_thread = true; }},
          {"--progress", [](Options& x) { x.progress = 1; }},
          {"--no-progress", [](Options& x) { x.progress = 0; }},
          {"--pass-through", [](Options& x) { x.pass_through = true; }},
          {"--no-pass-through", [](Options& x) { x.pass_through = false; }},
      };
      bool matched = false;
      for (const Flag& f : kFlags) {
        if (name == f.name) {
          if (auto rc = no_value()) return rc;
          f.set(o);
          matched = true;
          break;
        }
      }
      if (matched) continue;
      if (name == "--help") {
        if (auto rc = no_value()) return rc;
        return cli::PrintHelp(inv);
      }
      if (name == "--version") {
        if (auto rc = no_value()) return rc;
        return cli::PrintVersion(inv);
      }
      if (name == "--fast") {
        fast = 1;
        if (has_value && (!ParseU32(value, fast) || fast == 0)) return bad_value("--fast", value);
        level_given = true;
        continue;
      }
      if (name == "--long") {
        unsigned v = 27;
        if (has_value && (!ParseU32(value, v) || v < 10 || v > 31)) return bad_value("--long", value);
        o.long_log = static_cast<int>(v);
        continue;
      }
      if (name == "--threads") {
        unsigned v;
        if (!need_value()) return UsageError(inv, "option '--threads' requires an argument");
        if (!ParseU32(value, v)) return bad_value("--threads", value);
        o.threads = static_cast<int>(v);
        continue;
      }
      if (name == "--auto-threads") {
        if (!need_value()) return UsageError(inv, "option '--auto-threads' requires an argument");
        if (value != "physical" && value != "logical") return bad_value("--auto-threads", value);
        o.logical_cores = value == "logical";
        continue;
      }
      if (name == "--memory") {
        if (!need_value()) return UsageError(inv, "option '--memory' requires an argument");
        if (!ParseMemory(value, o.memory_limit)) return bad_value("--memory", value);
        continue;
      }
      if (name == "--output") {
        if (!need_value()) return UsageError(inv, "option '--output' requires an argument");
        o.out_name = std::string(value);
        continue;
      }
      if (name == "--format") {
        if (!need_value()) return UsageError(inv, "option '--format' requires an argument");
        if (value != "zstd") return bad_value("--format", value);
        continue;
      }
      return UsageError(inv, "unrecognized option '" + std::string(a) + "'");
    }
    // A cluster of short options.
    for (std::size_t j = 1; j < a.size(); ++j) {
      char c = a[j];
      if (c >= '0' && c <= '9') {
        std::size_t k = j;
        while (k < a.size() && a[k] >= '0' && a[k] <= '9') ++k;
        unsigned v;
        if (!ParseU32(a.substr(j, k - j), v)) return bad_value("-#", a.substr(j, k - j));
        o.level = static_cast<int>(v);
        fast = 0;
        level_given = true;
        j = k - 1;
        continue;
      }
      // Options taking a value: the rest of the cluster, or the next argument.
      auto take_value = [&](std::string_view& v) -> bool {
        if (j + 1 < a.size()) {
          v = a.substr(j + 1);
          j = a.size();
          return true;
        }
        if (i + 1 < args.size()) {
          v = args[++i];
          j = a.size();
          return true;
        }
        return false;
      };
      std::string_view v;
      switch (c) {
        case 'z': o.op = Op::kCompress; break;
        case 'd': o.op = Op::kDecompress; break;
        case 't': o.op = Op::kTest; break;
        case 'l': o.op = Op::kList; break;
        case 'c': o.to_stdout = true; break;
        case 'f': o.force = true; break;
        case 'k': o.remove_src = false; break;
        case 'q': --o.verbosity; break;
        case 'v': ++o.verbosity; break;
        case 'C': o.checksum = true; break;
        case 'h':
        case 'H': return cli::PrintHelp(inv);
        case 'V': return cli::PrintVersion(inv);
        case 'T': {
          unsigned n;
          if (!take_value(v)) return UsageError(inv, "option requires an argument -- 'T'");
          if (!ParseU32(v, n)) return bad_value("-T", v);
          o.threads = static_cast<int>(n);
          break;
        }
        case 'M':
          if (!take_value(v)) return UsageError(inv, "option requires an argument -- 'M'");
          if (!ParseMemory(v, o.memory_limit)) return bad_value("-M", v);
          break;
        case 'o':
          if (!take_value(v)) return UsageError(inv, "option requires an argument -- 'o'");
          o.out_name = std::string(v);
          break;
        default:
          return UsageError(inv, std::string("invalid option -- '") + c + "'");
      }
    }
  }
  if (o.verbosity < 0) o.verbosity = 0;
  if (env_level_bad && o.verbosity >= 2) {
    Warn(inv, "warning: ignoring ZSTD_CLEVEL=" + *env_level_bad + ": not a valid integer value");
  }
  if (env_threads_bad && o.verbosity >= 2) {
    Warn(inv, "warning: ignoring ZSTD_NBTHREADS=" + std::string(*env_threads) +
                  ": not a valid unsigned value");
  }
  if (o.op == Op::kDecompress && !o.single_thread && o.threads > 1 && o.verbosity >= 2)
    Warn(inv, "warning: decompression does not support multi-threading");
  if (o.threads == 0 && !o.single_thread) {
    o.threads = CountCores(o.logical_cores);
    if (o.verbosity >= 3) {
      Warn(inv, "note: " + std::to_string(o.threads) +
                    (o.logical_cores ? " logical" : " physical") + " core(s) detected");
    }
  }
  if (fast) {
    int min = ZSTD_minCLevel();
    o.level = -static_cast<int>(fast) < min ? min : -static_cast<int>(fast);
  } else if (level_given) {
    int max = o.ultra ? ZSTD_maxCLevel() : kMaxLevel;
    if (o.level > max) {
      if (o.verbosity >= 2)
        Warn(inv, "warning: compression level higher than max, reduced to " + std::to_string(max));
      o.level = max;
    }
  }
  return std::nullopt;
}

}  // namespace

int Main(Invocation& inv, Personality who) {
  Options o;
  if (who == Personality::kUnzstd) o.op = Op::kDecompress;
  if (who == Personality::kZstdcat) {
    o.op = Op::kDecompress;
    o.to_stdout = true;
    o.force = true;
  }
  if (auto rc = ParseArgs(inv, o)) return *rc;
  // -dcf passes through what is not zstd data, as zstdcat does.
  if (o.op == Op::kDecompress && o.force && (o.to_stdout || (o.out_name && *o.out_name == "-")))
    o.pass_through = true;
  if (o.op == Op::kTest) o.remove_src = false;
  Tool tool(inv, o);
  return tool.Run();
}

}  // namespace mc::compress
