/* @applet dd
   @install bin
   @help
Usage: dd [OPERAND]...
  or:  dd OPTION
Copy a file, converting and formatting according to the operands.

  bs=BYTES        read and write up to BYTES bytes at a time (default: 512);
                  overrides ibs and obs
  cbs=BYTES       convert BYTES bytes at a time
  conv=CONVS      convert the file as per the comma separated symbol list
  count=N         copy only N input blocks
  ibs=BYTES       read up to BYTES bytes at a time (default: 512)
  if=FILE         read from FILE instead of stdin
  iflag=FLAGS     read as per the comma separated symbol list
  obs=BYTES       write BYTES bytes at a time (default: 512)
  of=FILE         write to FILE instead of stdout
  oflag=FLAGS     write as per the comma separated symbol list
  seek=N          (or oseek=N) skip N obs-sized output blocks
  skip=N          (or iseek=N) skip N ibs-sized input blocks
  status=LEVEL    The LEVEL of information to print to stderr;
                  'none' suppresses everything but error messages,
                  'noxfer' suppresses the final transfer statistics,
                  'progress' shows periodic transfer statistics

N and BYTES may be followed by the following multiplicative suffixes:
c=1, w=2, b=512, kB=1000, K=1024, MB=1000*1000, M=1024*1024, xM=M,
GB=1000*1000*1000, G=1024*1024*1024, and so on for T, P, E, Z, Y.
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.
If N ends in 'B', it counts bytes not blocks.

Each CONV symbol may be:

  ascii     from EBCDIC to ASCII
  ebcdic    from ASCII to EBCDIC
  ibm       from ASCII to alternate EBCDIC
  block     pad newline-terminated records with spaces to cbs-size
  unblock   replace trailing spaces in cbs-size records with newline
  lcase     change upper case to lower case
  ucase     change lower case to upper case
  sparse    try to seek rather than write all-NUL output blocks
  swab      swap every pair of input bytes
  sync      pad every input block with NULs to ibs-size; when used
            with block or unblock, pad with spaces rather than NULs
  excl      fail if the output file already exists
  nocreat   do not create the output file
  notrunc   do not truncate the output file
  noerror   continue after read errors
  fdatasync  physically write output file data before finishing
  fsync     likewise, but also write metadata

Each FLAG symbol may be:

  append    append mode (makes sense only for output; conv=notrunc suggested)
  direct    use direct I/O for data
  directory  fail unless a directory
  dsync     use synchronized I/O for data
  sync      likewise, but also for metadata
  fullblock  accumulate full blocks of input (iflag only)
  nonblock  use non-blocking I/O
  noatime   do not update access time
  nocache   Request to drop cache.  See also oflag=sync
  noctty    do not assign controlling terminal from file
  nofollow  do not follow symlinks

Sending a USR1 signal to a running 'dd' process makes it
print I/O statistics to standard error and then resume copying.

Options are:

      --help        display this help and exit
      --version     output version information and exit
*/
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/numbers.h"
#include "registry/applet.h"

namespace {

// Set by the signal handlers, read between reads and writes (GNU's
// process_signals): plain flags, zero-initialized, no constructor.
volatile sig_atomic_t g_dd_info_signals;
volatile sig_atomic_t g_dd_interrupt;

// conv= symbols.
enum : unsigned {
  kAscii = 1u << 0,
  kEbcdic = 1u << 1,
  kIbm = 1u << 2,
  kBlock = 1u << 3,
  kUnblock = 1u << 4,
  kLcase = 1u << 5,
  kUcase = 1u << 6,
  kSparse = 1u << 7,
  kSwab = 1u << 8,
  kNoerror = 1u << 9,
  kNocreat = 1u << 10,
  kExcl = 1u << 11,
  kNotrunc = 1u << 12,
  kSync = 1u << 13,
  kFdatasync = 1u << 14,
  kFsync = 1u << 15,
  kTwoBufs = 1u << 16,  // input and output blocks are separate buffers
};

// iflag=/oflag= symbols that are not open(2) flags.
enum : unsigned {
  kFullblock = 1u << 0,
  kNocache = 1u << 1,
  kCountBytes = 1u << 2,
  kSkipBytes = 1u << 3,
  kSeekBytes = 1u << 4,
};

struct Symbol {
  const char* name;
  unsigned value;
};

constexpr Symbol kConversions[] = {
    {"ascii", kAscii | kUnblock | kTwoBufs},
    {"ebcdic", kEbcdic | kBlock | kTwoBufs},
    {"ibm", kIbm | kBlock | kTwoBufs},
    {"block", kBlock | kTwoBufs},
    {"unblock", kUnblock | kTwoBufs},
    {"lcase", kLcase | kTwoBufs},
    {"ucase", kUcase | kTwoBufs},
    {"sparse", kSparse},
    {"swab", kSwab | kTwoBufs},
    {"noerror", kNoerror},
    {"nocreat", kNocreat},
    {"excl", kExcl},
    {"notrunc", kNotrunc},
    {"sync", kSync},
    {"fdatasync", kFdatasync},
    {"fsync", kFsync},
};

// Flags: the low bits are open(2) flags, shifted ones are ours.
struct Flag {
  const char* name;
  int open_flag;
  unsigned ours;
};

constexpr Flag kFlags[] = {
    {"append", O_APPEND, 0},       {"direct", O_DIRECT, 0},
    {"directory", O_DIRECTORY, 0}, {"dsync", O_DSYNC, 0},
    {"noatime", O_NOATIME, 0},     {"nocache", 0, kNocache},
    {"noctty", O_NOCTTY, 0},       {"nofollow", O_NOFOLLOW, 0},
    {"nonblock", O_NONBLOCK, 0},   {"sync", O_SYNC, 0},
    {"fullblock", 0, kFullblock},  {"count_bytes", 0, kCountBytes},
    {"skip_bytes", 0, kSkipBytes}, {"seek_bytes", 0, kSeekBytes},
};

enum class Status { kNone, kNoxfer, kDefault, kProgress };

// The POSIX conversion tables (dd's ascii, ebcdic and ibm).
constexpr unsigned char kAsciiToEbcdic[] =
    "\x00\x01\x02\x03\x37\x2d\x2e\x2f\x16\x05\x25\x0b\x0c\x0d\x0e\x0f"
    "\x10\x11\x12\x13\x3c\x3d\x32\x26\x18\x19\x3f\x27\x1c\x1d\x1e\x1f"
    "\x40\x5a\x7f\x7b\x5b\x6c\x50\x7d\x4d\x5d\x5c\x4e\x6b\x60\x4b\x61"
    "\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\x7a\x5e\x4c\x7e\x6e\x6f"
    "\x7c\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xd1\xd2\xd3\xd4\xd5\xd6"
    "\xd7\xd8\xd9\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xad\xe0\xbd\x9a\x6d"
    "\x79\x81\x82\x83\x84\x85\x86\x87\x88\x89\x91\x92\x93\x94\x95\x96"
    "\x97\x98\x99\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xc0\x4f\xd0\x5f\x07"
    "\x20\x21\x22\x23\x24\x15\x06\x17\x28\x29\x2a\x2b\x2c\x09\x0a\x1b"
    "\x30\x31\x1a\x33\x34\x35\x36\x08\x38\x39\x3a\x3b\x04\x14\x3e\xe1"
    "\x41\x42\x43\x44\x45\x46\x47\x48\x49\x51\x52\x53\x54\x55\x56\x57"
    "\x58\x59\x62\x63\x64\x65\x66\x67\x68\x69\x70\x71\x72\x73\x74\x75"
    "\x76\x77\x78\x80\x8a\x8b\x8c\x8d\x8e\x8f\x90\x6a\x9b\x9c\x9d\x9e"
    "\x9f\xa0\xaa\xab\xac\x4a\xae\xaf\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7"
    "\xb8\xb9\xba\xbb\xbc\xa1\xbe\xbf\xca\xcb\xcc\xcd\xce\xcf\xda\xdb"
    "\xdc\xdd\xde\xdf\xea\xeb\xec\xed\xee\xef\xfa\xfb\xfc\xfd\xfe\xff";
constexpr unsigned char kAsciiToIbm[] =
    "\x00\x01\x02\x03\x37\x2d\x2e\x2f\x16\x05\x25\x0b\x0c\x0d\x0e\x0f"
    "\x10\x11\x12\x13\x3c\x3d\x32\x26\x18\x19\x3f\x27\x1c\x1d\x1e\x1f"
    "\x40\x5a\x7f\x7b\x5b\x6c\x50\x7d\x4d\x5d\x5c\x4e\x6b\x60\x4b\x61"
    "\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\x7a\x5e\x4c\x7e\x6e\x6f"
    "\x7c\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xd1\xd2\xd3\xd4\xd5\xd6"
    "\xd7\xd8\xd9\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xad\xe0\xbd\x5f\x6d"
    "\x79\x81\x82\x83\x84\x85\x86\x87\x88\x89\x91\x92\x93\x94\x95\x96"
    "\x97\x98\x99\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xc0\x4f\xd0\xa1\x07"
    "\x20\x21\x22\x23\x24\x15\x06\x17\x28\x29\x2a\x2b\x2c\x09\x0a\x1b"
    "\x30\x31\x1a\x33\x34\x35\x36\x08\x38\x39\x3a\x3b\x04\x14\x3e\xe1"
    "\x41\x42\x43\x44\x45\x46\x47\x48\x49\x51\x52\x53\x54\x55\x56\x57"
    "\x58\x59\x62\x63\x64\x65\x66\x67\x68\x69\x70\x71\x72\x73\x74\x75"
    "\x76\x77\x78\x80\x8a\x8b\x8c\x8d\x8e\x8f\x90\x9a\x9b\x9c\x9d\x9e"
    "\x9f\xa0\xaa\xab\xac\xad\xae\xaf\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7"
    "\xb8\xb9\xba\xbb\xbc\xbd\xbe\xbf\xca\xcb\xcc\xcd\xce\xcf\xda\xdb"
    "\xdc\xdd\xde\xdf\xea\xeb\xec\xed\xee\xef\xfa\xfb\xfc\xfd\xfe\xff";
constexpr unsigned char kEbcdicToAscii[] =
    "\x00\x01\x02\x03\x9c\x09\x86\x7f\x97\x8d\x8e\x0b\x0c\x0d\x0e\x0f"
    "\x10\x11\x12\x13\x9d\x85\x08\x87\x18\x19\x92\x8f\x1c\x1d\x1e\x1f"
    "\x80\x81\x82\x83\x84\x0a\x17\x1b\x88\x89\x8a\x8b\x8c\x05\x06\x07"
    "\x90\x91\x16\x93\x94\x95\x96\x04\x98\x99\x9a\x9b\x14\x15\x9e\x1a"
    "\x20\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xd5\x2e\x3c\x28\x2b\x7c"
    "\x26\xa9\xaa\xab\xac\xad\xae\xaf\xb0\xb1\x21\x24\x2a\x29\x3b\x7e"
    "\x2d\x2f\xb2\xb3\xb4\xb5\xb6\xb7\xb8\xb9\xcb\x2c\x25\x5f\x3e\x3f"
    "\xba\xbb\xbc\xbd\xbe\xbf\xc0\xc1\xc2\x60\x3a\x23\x40\x27\x3d\x22"
    "\xc3\x61\x62\x63\x64\x65\x66\x67\x68\x69\xc4\xc5\xc6\xc7\xc8\xc9"
    "\xca\x6a\x6b\x6c\x6d\x6e\x6f\x70\x71\x72\x5e\xcc\xcd\xce\xcf\xd0"
    "\xd1\xe5\x73\x74\x75\x76\x77\x78\x79\x7a\xd2\xd3\xd4\x5b\xd6\xd7"
    "\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf\xe0\xe1\xe2\xe3\xe4\x5d\xe6\xe7"
    "\x7b\x41\x42\x43\x44\x45\x46\x47\x48\x49\xe8\xe9\xea\xeb\xec\xed"
    "\x7d\x4a\x4b\x4c\x4d\x4e\x4f\x50\x51\x52\xee\xef\xf0\xf1\xf2\xf3"
    "\x5c\x9f\x53\x54\x55\x56\x57\x58\x59\x5a\xf4\xf5\xf6\xf7\xf8\xf9"
    "\x30\x31\x32\x33\x34\x35\x36\x37\x38\x39\xfa\xfb\xfc\xfd\xfe\xff";

// Sizes as GNU's human_readable prints them for dd (autoscale, nearest
// with ties to even, "1.0 kB" / "1.0 KiB"), exact in integers. dd's own
// copy: switch to applets/support/human_size once that helper is on main.
std::string HumanBytes(std::uint64_t n, unsigned base) {
  static constexpr char kLetters[] = "KMGTPEZY";
  char buf[48];
  if (n < base) {
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(n));
    return buf;
  }
  int exp = 0;
  unsigned __int128 d = 1;
  while (exp < 8 && n / d >= base) {
    d *= base;
    ++exp;
  }
  unsigned __int128 q10 = static_cast<unsigned __int128>(n) * 10 / d;
  unsigned __int128 r10 = static_cast<unsigned __int128>(n) * 10 % d;
  std::uint64_t whole;
  int tenths = -1;
  if (q10 < 100) {
    if (2 * r10 > d || (2 * r10 == d && (q10 & 1))) ++q10;
    if (q10 < 100) tenths = static_cast<int>(q10 % 10);
    whole = static_cast<std::uint64_t>(q10 / 10);
  } else {
    unsigned __int128 q = n / d, r = n % d;
    if (2 * r > d || (2 * r == d && (q & 1))) ++q;
    whole = static_cast<std::uint64_t>(q);
    if (whole == base && exp < 8) {
      whole = 1;
      tenths = 0;
      ++exp;
    }
  }
  char letter = kLetters[exp - 1];
  if (base == 1000 && letter == 'K') letter = 'k';
  if (tenths >= 0)
    std::snprintf(buf, sizeof buf, "%llu.%d %c%sB", static_cast<unsigned long long>(whole), tenths,
                  letter, base == 1024 ? "i" : "");
  else
    std::snprintf(buf, sizeof buf, "%llu %c%sB", static_cast<unsigned long long>(whole), letter,
                  base == 1024 ? "i" : "");
  return buf;
}

// The transfer rate as GNU's human_readable prints a scaled quotient
// (its floating-point path: at least "k", one decimal below 100).
std::string HumanRate(long double v) {
  static constexpr char kLetters[] = "kMGTPEZY";
  long double e = 1000;
  int exp = 0;
  while (e * 1000 <= v && exp < 7) {
    e *= 1000;
    ++exp;
  }
  v /= e;
  char num[64];
  std::snprintf(num, sizeof num, "%.1Lf", v);
  if (std::strlen(num) > 4) std::snprintf(num, sizeof num, "%.0Lf", v);
  std::string s = num;
  s += ' ';
  s += kLetters[exp];
  s += "B/s";
  return s;
}

std::int64_t NowNs() {
  struct timespec ts;
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

void OnInfo(int) { g_dd_info_signals = g_dd_info_signals + 1; }
void OnInterrupt(int sig) { g_dd_interrupt = sig; }

// Installs dd's handlers for the applet's lifetime and puts the old ones
// back (also when the applet ends by mc::Exit).
class SignalScope {
 public:
  explicit SignalScope(bool catch_info) {
    g_dd_info_signals = 0;
    g_dd_interrupt = 0;
    struct sigaction act;
    std::memset(&act, 0, sizeof act);
    ::sigemptyset(&act.sa_mask);
    ::sigaction(SIGINT, nullptr, &old_int_);
    bool catch_int = old_int_.sa_handler != SIG_IGN;
    if (catch_int) ::sigaddset(&act.sa_mask, SIGINT);
    if (catch_info) ::sigaddset(&act.sa_mask, SIGUSR1);
    if (catch_info) {
      act.sa_handler = OnInfo;
      act.sa_flags = 0;
      info_ = ::sigaction(SIGUSR1, &act, &old_info_) == 0;
    }
    if (catch_int) {
      act.sa_handler = OnInterrupt;
      act.sa_flags = SA_NODEFER | SA_RESETHAND;
      int_ = ::sigaction(SIGINT, &act, nullptr) == 0;
    }
  }
  ~SignalScope() {
    if (info_) ::sigaction(SIGUSR1, &old_info_, nullptr);
    if (int_) ::sigaction(SIGINT, &old_int_, nullptr);
  }
  SignalScope(const SignalScope&) = delete;
  SignalScope& operator=(const SignalScope&) = delete;

 private:
  struct sigaction old_info_, old_int_;
  bool info_ = false, int_ = false;
};

struct AlignedBuffer {
  char* base = nullptr;
  ~AlignedBuffer() { std::free(base); }
  char* Get(std::size_t size, std::size_t align) {
    if (!base) {
      void* p = nullptr;
      if (::posix_memalign(&p, align, size) != 0) throw std::bad_alloc();
      base = static_cast<char*>(p);
    }
    return base;
  }
};

class Dd {
 public:
  explicit Dd(mc::Invocation& inv) : inv_(inv) {}
  int Main();

 private:
  // Argument parsing.
  enum class Table { kConv, kIflag, kOflag, kStatus };
  unsigned ParseSymbols(std::string_view val, Table table, const char* what);
  void ParseOperands(const std::vector<std::string>& args);
  [[noreturn]] void BadOperand(const std::string& msg);

  // I/O.
  void ProcessSignals();
  ssize_t ReadOnce(int fd, char* buf, std::size_t size);
  ssize_t Read(int fd, char* buf, std::size_t size);
  std::size_t Write(int fd, const char* buf, std::size_t size);
  std::int64_t Skip(int fd, bool input, std::int64_t records, std::size_t blocksize,
                    std::size_t* bytes);
  void WriteOutput();
  void OutputChar(char c) {
    obuf_[oc_++] = c;
    if (oc_ >= obs_) WriteOutput();
  }
  void CopySimple(const char* buf, std::size_t n);
  void CopyWithBlock(const char* buf, std::size_t n);
  void CopyWithUnblock(const char* buf, std::size_t n);
  int Copy();
  int Synchronize();
  void InvalidateCache(int fd);

  // Statistics.
  void PrintStats();
  void PrintXfer(std::int64_t progress_now);
  void Err(const std::string& s);
  [[noreturn]] void Quit(int status);
  void CloseOutput();
  void SetFdFlags(int fd, int flags, const std::string& name);

  mc::Invocation& inv_;
  std::optional<std::string> input_file_, output_file_;
  std::string in_name_, out_name_;
  std::size_t ibs_ = 0, obs_ = 0, bs_ = 0, cbs_ = 0;
  std::int64_t skip_ = 0, seek_ = 0, count_ = std::numeric_limits<std::int64_t>::max();
  unsigned conv_ = 0, iflags_ours_ = 0, oflags_ours_ = 0;
  int iflags_ = 0, oflags_ = 0;
  Status status_ = Status::kDefault;

  std::int64_t skip_records_ = 0, seek_records_ = 0;
  std::size_t skip_bytes_ = 0, seek_bytes_ = 0;
  std::int64_t max_records_ = std::numeric_limits<std::int64_t>::max();
  std::size_t max_bytes_ = 0;
  bool warn_partial_read_ = false, fullblock_ = false;
  bool i_nocache_ = false, o_nocache_ = false;

  int ifd_ = -1, ofd_ = -1;
  bool close_in_ = false, close_out_ = false;
  std::int64_t input_offset_ = 0;
  int input_seek_errno_ = 0;
  bool input_seekable_ = false;

  unsigned char trans_[256];
  bool translate_ = false;
  char newline_ = '\n', space_ = ' ';

  AlignedBuffer ibuf_mem_, obuf_mem_;
  char* ibuf_ = nullptr;
  char* obuf_ = nullptr;
  std::size_t oc_ = 0, col_ = 0, pending_spaces_ = 0;
  bool final_op_was_seek_ = false;
  ssize_t prev_nread_ = 0;

  std::int64_t r_full_ = 0, r_partial_ = 0, w_full_ = 0, w_partial_ = 0, r_truncate_ = 0;
  std::int64_t w_bytes_ = 0, reported_w_bytes_ = -1;
  std::int64_t start_ns_ = 0, next_ns_ = 0;
  int progress_len_ = 0;
};

void Dd::Err(const std::string& s) { mc::Warn(inv_, s); }

void Dd::BadOperand(const std::string& msg) {
  mc::UsageError(inv_, msg);
  throw mc::Exit{1};
}

unsigned Dd::ParseSymbols(std::string_view val, Table table, const char* what) {
  unsigned value = 0;
  for (;;) {
    std::size_t comma = val.find(',');
    std::string_view sym = val.substr(0, comma);
    bool found = false;
    if (table == Table::kConv) {
      for (const Symbol& s : kConversions)
        if (sym == s.name) value |= s.value, found = true;
    } else if (table == Table::kStatus) {  // exclusive: the last one counts
      if (sym == "none") value = static_cast<unsigned>(Status::kNone), found = true;
      if (sym == "noxfer") value = static_cast<unsigned>(Status::kNoxfer), found = true;
      if (sym == "progress") value = static_cast<unsigned>(Status::kProgress), found = true;
    } else {
      for (const Flag& f : kFlags) {
        if (sym == f.name) {
          found = true;
          if (table == Table::kIflag) iflags_ |= f.open_flag, iflags_ours_ |= f.ours;
          else oflags_ |= f.open_flag, oflags_ours_ |= f.ours;
        }
      }
    }
    if (!found) BadOperand(std::string(what) + ": " + mc::QuoteC(sym));
    if (comma == std::string_view::npos) break;
    val.remove_prefix(comma + 1);
  }
  return value;
}

// GNU dd's parse_integer: a size with xstrtoumax's suffixes, "B" alone
// (bytes), and N x M products.
bool ParseDdNumber(std::string_view s, std::uintmax_t& out, bool& overflow, bool& zero_x,
                   bool top) {
  std::string_view rest;
  std::uintmax_t n = 0;
  mc::NumError e = mc::ParseScaled(s, 10, "bcEGkKMPTwYZ0", n, &rest);
  overflow = false;
  if (e == mc::NumError::kInvalidSuffix && rest == "B") e = mc::NumError::kOk;
  if (e == mc::NumError::kInvalidSuffix && !rest.empty() && rest[0] == 'x') {
    std::uintmax_t o;
    bool o_over, unused;
    if (!ParseDdNumber(rest.substr(1), o, o_over, unused, false)) return false;
    unsigned __int128 prod = static_cast<unsigned __int128>(n) * o;
    if (prod > static_cast<unsigned __int128>(std::numeric_limits<std::intmax_t>::max()) ||
        (prod != 0 && o_over)) {
      overflow = true;
      out = std::numeric_limits<std::intmax_t>::max();
      return true;
    }
    out = static_cast<std::uintmax_t>(prod);
    if (top && out == 0 && s.substr(0, 2) == "0x") zero_x = true;
    return true;
  }
  if (e == mc::NumError::kOverflow ||
      (e == mc::NumError::kOk && n > static_cast<std::uintmax_t>(std::numeric_limits<std::intmax_t>::max()))) {
    overflow = true;
    out = std::numeric_limits<std::intmax_t>::max();
    return true;
  }
  if (e != mc::NumError::kOk) return false;
  out = n;
  return true;
}

void Dd::ParseOperands(const std::vector<std::string>& args) {
  bool have_bs = false;
  for (const std::string& arg : args) {
    std::size_t eq = arg.find('=');
    if (eq == std::string::npos) BadOperand("unrecognized operand " + mc::QuoteC(arg));
    std::string_view name = std::string_view(arg).substr(0, eq);
    std::string_view val = std::string_view(arg).substr(eq + 1);
    if (name == "if") {
      input_file_ = std::string(val);
    } else if (name == "of") {
      output_file_ = std::string(val);
    } else if (name == "conv") {
      conv_ |= ParseSymbols(val, Table::kConv, "invalid conversion");
    } else if (name == "iflag") {
      ParseSymbols(val, Table::kIflag, "invalid input flag");
    } else if (name == "oflag") {
      ParseSymbols(val, Table::kOflag, "invalid output flag");
    } else if (name == "status") {
      status_ = static_cast<Status>(ParseSymbols(val, Table::kStatus, "invalid status level"));
    } else {
      // Block sizes stay below SSIZE_MAX (and leave room for swab's byte).
      const std::uintmax_t max_bs = static_cast<std::uintmax_t>(std::numeric_limits<ssize_t>::max()) - 1;
      std::uintmax_t n_min = 0, n_max = static_cast<std::uintmax_t>(std::numeric_limits<std::intmax_t>::max());
      std::size_t* size_target = nullptr;
      std::int64_t* count_target = nullptr;
      unsigned bytes_flag = 0;
      unsigned* bytes_flags = nullptr;
      if (name == "ibs") {
        n_min = 1, n_max = max_bs, size_target = &ibs_;
      } else if (name == "obs") {
        n_min = 1, n_max = max_bs, size_target = &obs_;
      } else if (name == "bs") {
        n_min = 1, n_max = max_bs, size_target = &bs_, have_bs = true;
      } else if (name == "cbs") {
        n_min = 1, n_max = max_bs, size_target = &cbs_;
      } else if (name == "skip" || name == "iseek") {
        count_target = &skip_, bytes_flag = kSkipBytes, bytes_flags = &iflags_ours_;
      } else if (name == "seek" || name == "oseek") {
        count_target = &seek_, bytes_flag = kSeekBytes, bytes_flags = &oflags_ours_;
      } else if (name == "count") {
        count_target = &count_, bytes_flag = kCountBytes, bytes_flags = &iflags_ours_;
      } else {
        BadOperand("unrecognized operand " + mc::QuoteC(arg));
      }
      std::uintmax_t n = 0;
      bool overflow = false, zero_x = false;
      bool ok = ParseDdNumber(val, n, overflow, zero_x, true);
      if (ok && !overflow && n < n_min) ok = false;
      if (ok && n > n_max) overflow = true;
      if (!ok) mc::Die(inv_, "invalid number: " + mc::QuoteC(val));
      if (overflow)
        mc::Die(inv_, "invalid number: " + mc::QuoteC(val) + ": " +
                          std::string(mc::ErrorText(EOVERFLOW)));
      if (zero_x)
        Err("warning: " + mc::QuoteC("0x") + " is a zero multiplier; use " + mc::QuoteC("00x") +
            " if that is intended");
      if (size_target) *size_target = static_cast<std::size_t>(n);
      if (count_target) {
        *count_target = static_cast<std::int64_t>(n);
        if (val.find('B') != std::string_view::npos) *bytes_flags |= bytes_flag;
      }
    }
  }
  if (have_bs) {
    ibs_ = obs_ = bs_;
  } else {
    // POSIX: without bs=, partial reads are gathered into obs-sized writes.
    conv_ |= kTwoBufs;
  }
  if (!ibs_) ibs_ = 512;
  if (!obs_) obs_ = 512;
  if (!cbs_) conv_ &= ~(kBlock | kUnblock);
  if (iflags_ & (O_DSYNC | O_SYNC)) iflags_ |= O_RSYNC;
  if (oflags_ours_ & kFullblock) BadOperand("invalid output flag: " + mc::QuoteC("fullblock"));

  if ((iflags_ours_ & kSkipBytes) && skip_ != 0) {
    skip_records_ = skip_ / static_cast<std::int64_t>(ibs_);
    skip_bytes_ = static_cast<std::size_t>(skip_ % static_cast<std::int64_t>(ibs_));
  } else {
    skip_records_ = skip_;
  }
  if ((iflags_ours_ & kCountBytes) && count_ != std::numeric_limits<std::int64_t>::max()) {
    max_records_ = count_ / static_cast<std::int64_t>(ibs_);
    max_bytes_ = static_cast<std::size_t>(count_ % static_cast<std::int64_t>(ibs_));
  } else {
    max_records_ = count_;
  }
  if ((oflags_ours_ & kSeekBytes) && seek_ != 0) {
    seek_records_ = seek_ / static_cast<std::int64_t>(obs_);
    seek_bytes_ = static_cast<std::size_t>(seek_ % static_cast<std::int64_t>(obs_));
  } else {
    seek_records_ = seek_;
  }
  fullblock_ = iflags_ours_ & kFullblock;
  warn_partial_read_ =
      !(conv_ & kTwoBufs) && !fullblock_ &&
      (skip_records_ || (0 < max_records_ && max_records_ < std::numeric_limits<std::int64_t>::max()) ||
       ((iflags_ | oflags_) & O_DIRECT));

  auto multiple = [](unsigned v) { return (v & (v - 1)) != 0; };
  if (multiple(conv_ & (kAscii | kEbcdic | kIbm)))
    mc::Die(inv_, "cannot combine any two of {ascii,ebcdic,ibm}");
  if (multiple(conv_ & (kBlock | kUnblock))) mc::Die(inv_, "cannot combine block and unblock");
  if (multiple(conv_ & (kLcase | kUcase))) mc::Die(inv_, "cannot combine lcase and ucase");
  if (multiple(conv_ & (kExcl | kNocreat))) mc::Die(inv_, "cannot combine excl and nocreat");
  if (((iflags_ & O_DIRECT) && (iflags_ours_ & kNocache)) ||
      ((oflags_ & O_DIRECT) && (oflags_ours_ & kNocache)))
    mc::Die(inv_, "cannot combine direct and nocache");
  i_nocache_ = iflags_ours_ & kNocache;
  o_nocache_ = oflags_ours_ & kNocache;
}

void Dd::ProcessSignals() {
  while (g_dd_interrupt || g_dd_info_signals) {
    int interrupt = g_dd_interrupt;
    if (!interrupt) g_dd_info_signals = g_dd_info_signals - 1;
    PrintStats();
    if (interrupt) {
      ::raise(interrupt);
      // SA_RESETHAND restored the default action; if the signal did not
      // end the process (it was blocked), end the copy here.
      throw mc::Exit{128 + interrupt};
    }
  }
}

ssize_t Dd::ReadOnce(int fd, char* buf, std::size_t size) {
  ssize_t n;
  do {
    ProcessSignals();
    n = ::read(fd, buf, size);
    if (n < 0 && errno == EOVERFLOW && input_seek_errno_ == EOVERFLOW) n = 0;
  } while (n < 0 && errno == EINTR);
  if (n > 0 && static_cast<std::size_t>(n) < size) {
    int saved = errno;
    ProcessSignals();
    errno = saved;
  }
  if (n > 0 && warn_partial_read_) {
    if (prev_nread_ > 0 && static_cast<std::size_t>(prev_nread_) < size) {
      if (status_ != Status::kNone) {
        char msg[96];
        std::snprintf(msg, sizeof msg, "warning: partial read (%lld byte%s); suggest iflag=fullblock",
                      static_cast<long long>(prev_nread_), prev_nread_ == 1 ? "" : "s");
        Err(msg);
      }
      warn_partial_read_ = false;
    }
  }
  prev_nread_ = n;
  return n;
}

ssize_t Dd::Read(int fd, char* buf, std::size_t size) {
  if (!fullblock_) return ReadOnce(fd, buf, size);
  ssize_t total = 0;
  while (size > 0) {
    ssize_t n = ReadOnce(fd, buf, size);
    if (n < 0) return n;
    if (n == 0) break;
    total += n;
    buf += n;
    size -= static_cast<std::size_t>(n);
  }
  return total;
}

std::size_t Dd::Write(int fd, const char* buf, std::size_t size) {
  std::size_t total = 0;
  if ((oflags_ & O_DIRECT) && size < obs_) {
    int old = ::fcntl(fd, F_GETFL);
    if (::fcntl(fd, F_SETFL, old & ~O_DIRECT) != 0 && status_ != Status::kNone)
      mc::WarnErrno(inv_, "failed to turn off O_DIRECT: " + mc::QuoteName(out_name_), errno);
    conv_ |= kFsync;
  }
  while (total < size) {
    ssize_t n = 0;
    ProcessSignals();
    final_op_was_seek_ = false;
    if (conv_ & kSparse) {
      bool nul = true;
      for (std::size_t i = 0; i < size && nul; ++i) nul = buf[i] == 0;
      if (nul) {
        if (::lseek(fd, static_cast<off_t>(size), SEEK_CUR) < 0) {
          conv_ &= ~kSparse;
        } else {
          final_op_was_seek_ = true;
          n = static_cast<ssize_t>(size);
        }
      }
    }
    if (!n) n = ::write(fd, buf + total, size - total);
    if (n < 0) {
      if (errno != EINTR) break;
    } else if (n == 0) {
      errno = ENOSPC;
      break;
    } else {
      total += static_cast<std::size_t>(n);
    }
  }
  return total;
}

void Dd::InvalidateCache(int fd) { ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED); }

std::int64_t Dd::Skip(int fd, bool input, std::int64_t records, std::size_t blocksize,
                      std::size_t* bytes) {
  const std::string& name = input ? in_name_ : out_name_;
  errno = 0;
  __int128 offset = static_cast<__int128>(records) * blocksize + *bytes;
  bool fits = offset <= std::numeric_limits<off_t>::max();
  if (fits && ::lseek(fd, static_cast<off_t>(offset), SEEK_CUR) >= 0) {
    if (input) {
      struct stat st;
      if (::fstat(fd, &st) != 0) mc::DieErrno(inv_, "cannot fstat " + mc::Quote(name), errno);
      bool usable = S_ISREG(st.st_mode) || S_TYPEISSHM(&st);
      if (usable && st.st_size > 0 && input_offset_ >= 0 && st.st_size - input_offset_ < offset) {
        records = static_cast<std::int64_t>((offset - st.st_size) / blocksize);
        offset = st.st_size - input_offset_;
      } else {
        records = 0;
      }
      input_offset_ += static_cast<std::int64_t>(offset);
    } else {
      records = 0;
      *bytes = 0;
    }
    return records;
  }
  int lseek_errno = errno;
  if (::lseek(fd, 0, SEEK_END) >= 0) {
    if (!lseek_errno) lseek_errno = EOVERFLOW;
    mc::WarnErrno(inv_, mc::QuoteName(name) + (input ? ": cannot skip" : ": cannot seek"),
                  lseek_errno);
    Quit(1);
  }
  char* buf;
  if (input) {
    buf = ibuf_;
  } else {
    buf = obuf_;
  }
  do {
    ssize_t n = Read(fd, buf, records ? blocksize : *bytes);
    if (n < 0) {
      if (input) {
        mc::WarnErrno(inv_, "error reading " + mc::Quote(name), errno);
        if (conv_ & kNoerror) PrintStats();
      } else {
        mc::WarnErrno(inv_, mc::QuoteName(name) + ": cannot seek", lseek_errno);
      }
      Quit(1);
    }
    if (n == 0) break;
    if (input) input_offset_ += n;
    if (records != 0) --records;
    else *bytes = 0;
  } while (records || *bytes);
  return records;
}

void Dd::WriteOutput() {
  std::size_t n = Write(ofd_, obuf_, obs_);
  w_bytes_ += static_cast<std::int64_t>(n);
  if (n != obs_) {
    mc::WarnErrno(inv_, "writing to " + mc::Quote(out_name_), errno);
    if (n != 0) ++w_partial_;
    Quit(1);
  }
  ++w_full_;
  oc_ = 0;
}

void Dd::CopySimple(const char* buf, std::size_t n) {
  do {
    std::size_t room = obs_ - oc_;
    std::size_t take = n < room ? n : room;
    std::memcpy(obuf_ + oc_, buf, take);
    n -= take;
    buf += take;
    oc_ += take;
    if (oc_ >= obs_) WriteOutput();
  } while (n != 0);
}

void Dd::CopyWithBlock(const char* buf, std::size_t n) {
  for (; n; --n, ++buf) {
    if (*buf == newline_) {
      for (std::size_t j = col_; j < cbs_; ++j) OutputChar(space_);
      col_ = 0;
    } else {
      if (col_ == cbs_) ++r_truncate_;
      else if (col_ < cbs_) OutputChar(*buf);
      ++col_;
    }
  }
}

void Dd::CopyWithUnblock(const char* buf, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    char c = buf[i];
    if (col_++ >= cbs_) {
      col_ = pending_spaces_ = 0;
      --i;  // this character again, on the new line
      OutputChar(newline_);
    } else if (c == space_) {
      ++pending_spaces_;
    } else {
      for (; pending_spaces_; --pending_spaces_) OutputChar(space_);
      OutputChar(c);
    }
  }
}

int Dd::Copy() {
  int status = 0;
  std::size_t partread = 0;
  if (skip_records_ != 0 || skip_bytes_ != 0) {
    __int128 us_bytes = static_cast<__int128>(skip_records_) * ibs_ + skip_bytes_;
    std::int64_t offset0 = input_offset_;
    std::int64_t us_blocks = Skip(ifd_, true, skip_records_, ibs_, &skip_bytes_);
    if ((us_blocks || (input_offset_ >= 0 && us_bytes != input_offset_ - offset0)) &&
        status_ != Status::kNone)
      Err(mc::QuoteName(in_name_) + ": cannot skip to specified offset");
  }
  if (seek_records_ != 0 || seek_bytes_ != 0) {
    std::size_t bytes = seek_bytes_;
    std::int64_t records = Skip(ofd_, false, seek_records_, obs_, &bytes);
    if (records != 0 || bytes != 0) {
      std::memset(obuf_, 0, records ? obs_ : bytes);
      do {
        std::size_t size = records ? obs_ : bytes;
        if (Write(ofd_, obuf_, size) != size) {
          mc::WarnErrno(inv_, "writing to " + mc::Quote(out_name_), errno);
          Quit(1);
        }
        if (records != 0) --records;
        else bytes = 0;
      } while (records || bytes);
    }
  }
  if (max_records_ == 0 && max_bytes_ == 0) return status;

  int saved_byte = -1;  // conv=swab: an odd byte carried to the next block
  // ibuf_ has one spare byte before it for that carried byte.
  while (true) {
    if (status_ == Status::kProgress) {
      std::int64_t now = NowNs();
      if (next_ns_ <= now) {
        PrintXfer(now);
        next_ns_ += 1000000000;
      }
    }
    if (r_partial_ + r_full_ >= max_records_ + (max_bytes_ ? 1 : 0)) break;
    if ((conv_ & kSync) && (conv_ & kNoerror))
      std::memset(ibuf_, (conv_ & (kBlock | kUnblock)) ? ' ' : '\0', ibs_);
    ssize_t nread = Read(ifd_, ibuf_, r_partial_ + r_full_ >= max_records_ ? max_bytes_ : ibs_);
    if (nread > 0) {
      input_offset_ += nread;
      if (i_nocache_) InvalidateCache(ifd_);
    } else if (nread == 0) {
      break;
    } else {
      int err = errno;
      if (!(conv_ & kNoerror) || status_ != Status::kNone)
        mc::WarnErrno(inv_, "error reading " + mc::Quote(in_name_), err);
      if (conv_ & kNoerror) {
        PrintStats();
        std::size_t bad = ibs_ - partread;
        // Seek past the bad block if possible (a pipe just goes on).
        if (input_seekable_) {
          off_t where = ::lseek(ifd_, static_cast<off_t>(bad), SEEK_CUR);
          if (where < 0) {
            mc::WarnErrno(inv_, mc::QuoteName(in_name_) + ": cannot seek", errno);
            status = 1;
            input_seekable_ = false;
          } else {
            input_offset_ = where;
          }
        }
        if ((conv_ & kSync) && !partread) nread = 0;
        else continue;
      } else {
        status = 1;
        break;
      }
    }
    std::size_t n = static_cast<std::size_t>(nread);
    if (n < ibs_) {
      ++r_partial_;
      partread = n;
      if (conv_ & kSync) {
        if (!(conv_ & kNoerror))
          std::memset(ibuf_ + n, (conv_ & (kBlock | kUnblock)) ? ' ' : '\0', ibs_ - n);
        n = ibs_;
      }
    } else {
      ++r_full_;
      partread = 0;
    }
    if (!(conv_ & kTwoBufs)) {
      std::size_t written = Write(ofd_, ibuf_, n);
      w_bytes_ += static_cast<std::int64_t>(written);
      if (written != n) {
        mc::WarnErrno(inv_, "error writing " + mc::Quote(out_name_), errno);
        return 1;
      }
      if (n == ibs_) ++w_full_;
      else ++w_partial_;
      continue;
    }
    if (translate_)
      for (std::size_t i = 0; i < n; ++i)
        ibuf_[i] = static_cast<char>(trans_[static_cast<unsigned char>(ibuf_[i])]);
    char* start = ibuf_;
    if ((conv_ & kSwab) && n > 0) {
      if (saved_byte >= 0) {
        --start;
        *start = static_cast<char>(saved_byte);
        ++n;
        saved_byte = -1;
      }
      if (n & 1) saved_byte = static_cast<unsigned char>(start[--n]);
      for (std::size_t i = 0; i + 1 < n; i += 2) {
        char t = start[i];
        start[i] = start[i + 1];
        start[i + 1] = t;
      }
    }
    if (conv_ & kBlock) CopyWithBlock(start, n);
    else if (conv_ & kUnblock) CopyWithUnblock(start, n);
    else CopySimple(start, n);
  }
  if (saved_byte >= 0) {
    char c = static_cast<char>(saved_byte);
    if (conv_ & kBlock) CopyWithBlock(&c, 1);
    else if (conv_ & kUnblock) CopyWithUnblock(&c, 1);
    else OutputChar(c);
  }
  if ((conv_ & kBlock) && col_ > 0)
    for (std::size_t i = col_; i < cbs_; ++i) OutputChar(space_);
  if (col_ && (conv_ & kUnblock)) OutputChar(newline_);
  if (oc_ != 0) {
    std::size_t written = Write(ofd_, obuf_, oc_);
    w_bytes_ += static_cast<std::int64_t>(written);
    if (written != 0) ++w_partial_;
    if (written != oc_) {
      mc::WarnErrno(inv_, "error writing " + mc::Quote(out_name_), errno);
      return 1;
    }
  }
  if (final_op_was_seek_) {
    struct stat st;
    if (::fstat(ofd_, &st) != 0) {
      mc::WarnErrno(inv_, "cannot fstat " + mc::Quote(out_name_), errno);
      return 1;
    }
    if (S_ISREG(st.st_mode) || S_TYPEISSHM(&st)) {
      off_t pos = ::lseek(ofd_, 0, SEEK_CUR);
      if (pos >= 0 && st.st_size < pos && ::ftruncate(ofd_, pos) != 0) {
        mc::WarnErrno(inv_,
                      "failed to truncate to " + std::to_string(static_cast<long long>(pos)) +
                          " bytes in output file " + mc::Quote(out_name_),
                      errno);
        return 1;
      }
    }
  }
  if ((conv_ & (kFdatasync | kFsync)) && status_ == Status::kProgress && 0 <= reported_w_bytes_ &&
      reported_w_bytes_ < w_bytes_)
    PrintXfer(0);
  return status;
}

int Dd::Synchronize() {
  int status = 0;
  unsigned mask = conv_;
  conv_ &= ~(kFdatasync | kFsync);
  if ((mask & kFdatasync) && ::fdatasync(ofd_) != 0) {
    if (errno != ENOSYS && errno != EINVAL) {
      mc::WarnErrno(inv_, "fdatasync failed for " + mc::Quote(out_name_), errno);
      status = 1;
    }
    mask |= kFsync;
  }
  if ((mask & kFsync) && ::fsync(ofd_) != 0) {
    mc::WarnErrno(inv_, "fsync failed for " + mc::Quote(out_name_), errno);
    return 1;
  }
  return status;
}

void Dd::PrintXfer(std::int64_t progress_now) {
  std::int64_t now = progress_now ? progress_now : NowNs();
  std::uint64_t bytes = static_cast<std::uint64_t>(w_bytes_);
  std::string si = HumanBytes(bytes, 1000), iec = HumanBytes(bytes, 1024);
  std::string rate;
  double delta_s = 0;
  if (start_ns_ < now) {
    std::int64_t delta = now - start_ns_;
    delta_s = static_cast<double>(delta) / 1e9;
    rate = HumanRate(static_cast<long double>(bytes) * (1e9L / static_cast<long double>(delta)));
  } else {
    rate = "Infinity B/s";
  }
  char secs[40];
  std::snprintf(secs, sizeof secs, progress_now ? "%.0f s" : "%g s", delta_s);
  auto lacks_prefix = [](const std::string& s) { return s[s.size() - 2] == ' '; };
  char head[64];
  std::snprintf(head, sizeof head, "%lld", static_cast<long long>(w_bytes_));
  std::string line = progress_now ? "\r" : "";
  line += head;
  if (lacks_prefix(si)) line += w_bytes_ == 1 ? " byte copied, " : " bytes copied, ";
  else if (lacks_prefix(iec)) line += " bytes (" + si + ") copied, ";
  else line += " bytes (" + si + ", " + iec + ") copied, ";
  line += secs;
  line += ", ";
  line += rate;
  if (progress_now) {
    int len = static_cast<int>(line.size()) - 1;
    if (len < progress_len_) line.append(static_cast<std::size_t>(progress_len_ - len), ' ');
    progress_len_ = len;
  } else {
    line += '\n';
  }
  mc::WriteAll(inv_.err_fd(), line.data(), line.size());
  reported_w_bytes_ = w_bytes_;
}

void Dd::PrintStats() {
  if (status_ == Status::kNone) return;
  std::string s;
  if (progress_len_ > 0) {
    s += '\n';
    progress_len_ = 0;
  }
  char buf[160];
  std::snprintf(buf, sizeof buf, "%lld+%lld records in\n%lld+%lld records out\n",
                static_cast<long long>(r_full_), static_cast<long long>(r_partial_),
                static_cast<long long>(w_full_), static_cast<long long>(w_partial_));
  s += buf;
  if (r_truncate_ != 0) {
    std::snprintf(buf, sizeof buf, "%lld truncated record%s\n", static_cast<long long>(r_truncate_),
                  r_truncate_ == 1 ? "" : "s");
    s += buf;
  }
  inv_.FlushOutputForMessage();
  mc::WriteAll(inv_.err_fd(), s.data(), s.size());
  if (status_ == Status::kNoxfer) return;
  PrintXfer(0);
}

// GNU's cleanup: closing the output can fail (and standard output may
// have been closed from the start).
void Dd::CloseOutput() {
  if (close_out_) {
    close_out_ = false;
    if (::close(ofd_) != 0) mc::DieErrno(inv_, "closing output file " + mc::Quote(out_name_), errno);
  } else if (!output_file_ && inv_.stdout_was_closed()) {
    mc::DieErrno(inv_, "closing output file " + mc::Quote(out_name_), EBADF);
  }
}

void Dd::Quit(int status) {
  CloseOutput();
  PrintStats();
  throw mc::Exit{status};
}

void Dd::SetFdFlags(int fd, int flags, const std::string& name) {
  flags &= ~(O_NOCTTY | O_NOFOLLOW);
  if (!flags) return;
  int old = ::fcntl(fd, F_GETFL);
  int want = old | flags;
  bool ok = old >= 0;
  if (ok && old != want) {
    if (want & O_DIRECTORY) {
      struct stat st;
      if (::fstat(fd, &st) != 0) ok = false;
      else if (!S_ISDIR(st.st_mode)) errno = ENOTDIR, ok = false;
      want &= ~O_DIRECTORY;
    }
    if (ok && old != want && ::fcntl(fd, F_SETFL, want) == -1) ok = false;
  }
  if (!ok) mc::DieErrno(inv_, "setting flags for " + mc::Quote(name), errno);
}

int Dd::Main() {
  mc::cli::Parser p(inv_);
  std::vector<std::string> args;
  if (auto rc = p.Parse(&args)) return *rc;
  ParseOperands(args);

  for (int i = 0; i < 256; ++i) trans_[i] = static_cast<unsigned char>(i);
  auto apply = [&](const unsigned char* table) {
    for (int i = 0; i < 256; ++i) trans_[i] = table[trans_[i]];
    translate_ = true;
  };
  if (conv_ & kAscii) apply(kEbcdicToAscii);
  if (conv_ & (kUcase | kLcase)) {
    for (int i = 0; i < 256; ++i) {
      unsigned char c = trans_[i];
      if ((conv_ & kUcase) && c >= 'a' && c <= 'z') c = static_cast<unsigned char>(c - 'a' + 'A');
      if ((conv_ & kLcase) && c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
      trans_[i] = c;
    }
    translate_ = true;
  }
  if (conv_ & kEbcdic) {
    apply(kAsciiToEbcdic);
    newline_ = static_cast<char>(kAsciiToEbcdic['\n']);
    space_ = static_cast<char>(kAsciiToEbcdic[' ']);
  } else if (conv_ & kIbm) {
    apply(kAsciiToIbm);
    newline_ = static_cast<char>(kAsciiToIbm['\n']);
    space_ = static_cast<char>(kAsciiToIbm[' ']);
  }

  SignalScope signals(!inv_.posixly_correct());
  struct Closer {
    int& fd;
    bool& own;
    ~Closer() {
      if (own && fd >= 0) ::close(fd);
    }
  } close_in{ifd_, close_in_}, close_out{ofd_, close_out_};

  if (!input_file_) {
    in_name_ = "standard input";
    ifd_ = inv_.in_fd();
    SetFdFlags(ifd_, iflags_, in_name_);
  } else {
    in_name_ = *input_file_;
    ifd_ = ::open(input_file_->c_str(), O_RDONLY | O_CLOEXEC | iflags_);
    if (ifd_ < 0) mc::DieErrno(inv_, "failed to open " + mc::Quote(in_name_), errno);
    close_in_ = true;
  }
  off_t offset = ::lseek(ifd_, 0, SEEK_CUR);
  input_seekable_ = offset >= 0;
  input_offset_ = offset < 0 ? 0 : offset;
  input_seek_errno_ = errno;

  inv_.out().Flush();
  if (!output_file_) {
    out_name_ = "standard output";
    ofd_ = inv_.out().fd();
    SetFdFlags(ofd_, oflags_, out_name_);
  } else {
    out_name_ = *output_file_;
    int opts = oflags_ | O_CLOEXEC | ((conv_ & kNocreat) ? 0 : O_CREAT) |
               ((conv_ & kExcl) ? O_EXCL : 0) |
               ((seek_records_ || (conv_ & kNotrunc)) ? 0 : O_TRUNC);
    __int128 size = static_cast<__int128>(seek_records_) * obs_ + seek_bytes_;
    if (size > std::numeric_limits<off_t>::max() && !(conv_ & kNotrunc))
      mc::Die(inv_, "offset too large: cannot truncate to a length of seek=" +
                        std::to_string(static_cast<long long>(seek_records_)) + " (" +
                        std::to_string(static_cast<unsigned long long>(obs_)) + "-byte) blocks");
    ofd_ = -1;
    if (seek_records_) ofd_ = ::open(output_file_->c_str(), O_RDWR | opts, 0666);
    if (ofd_ < 0) ofd_ = ::open(output_file_->c_str(), O_WRONLY | opts, 0666);
    if (ofd_ < 0) mc::DieErrno(inv_, "failed to open " + mc::Quote(out_name_), errno);
    close_out_ = true;
    if (seek_records_ != 0 && !(conv_ & kNotrunc)) {
      if (::ftruncate(ofd_, static_cast<off_t>(size)) != 0) {
        int err = errno;
        struct stat st;
        if (::fstat(ofd_, &st) != 0) mc::DieErrno(inv_, "cannot fstat " + mc::Quote(out_name_), errno);
        if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) || S_TYPEISSHM(&st))
          mc::DieErrno(inv_,
                       "failed to truncate to " + std::to_string(static_cast<long long>(size)) +
                           " bytes in output file " + mc::Quote(out_name_),
                       err);
      }
    }
  }

  // Buffers: page-aligned for O_DIRECT, with a spare page in front of the
  // input block for conv=swab's carried byte.
  const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  ibuf_ = ibuf_mem_.Get(page + ((ibs_ + page - 1) / page) * page, page) + page;
  if (conv_ & kTwoBufs) obuf_ = obuf_mem_.Get(((obs_ + page - 1) / page) * page, page);
  else obuf_ = ibuf_;

  start_ns_ = NowNs();
  next_ns_ = start_ns_ + 1000000000;
  int status = Copy();
  int sync_status = Synchronize();
  if (sync_status) status = sync_status;
  if (max_records_ == 0 && max_bytes_ == 0) {
    int err;
    if (i_nocache_ && (err = ::posix_fadvise(ifd_, 0, 0, POSIX_FADV_DONTNEED)) != 0) {
      mc::WarnErrno(inv_, "failed to discard cache for: " + mc::QuoteName(in_name_), err);
      status = 1;
    }
    if (o_nocache_ && (err = ::posix_fadvise(ofd_, 0, 0, POSIX_FADV_DONTNEED)) != 0) {
      mc::WarnErrno(inv_, "failed to discard cache for: " + mc::QuoteName(out_name_), err);
      status = 1;
    }
  } else {
    if (i_nocache_) InvalidateCache(ifd_);
    if (o_nocache_) InvalidateCache(ofd_);
  }
  CloseOutput();
  PrintStats();
  return status;
}

}  // namespace

MC_APPLET(dd) {
  Dd dd(inv);
  return dd.Main();
}
