/* @applet sort
   @failcode 2
   @help
Usage: sort [OPTION]... [FILE]...
  or:  sort [OPTION]... --files0-from=F
Write sorted concatenation of all FILE(s) to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
Ordering options:

  -b, --ignore-leading-blanks  ignore leading blanks
  -d, --dictionary-order      consider only blanks and alphanumeric characters
  -f, --ignore-case           fold lower case to upper case characters
  -g, --general-numeric-sort  compare according to general numerical value
  -i, --ignore-nonprinting    consider only printable characters
  -M, --month-sort            compare (unknown) < 'JAN' < ... < 'DEC'
  -h, --human-numeric-sort    compare human readable numbers (e.g., 2K 1G)
  -n, --numeric-sort          compare according to string numerical value
  -R, --random-sort           shuffle, but group identical keys.  See shuf(1)
      --random-source=FILE    get random bytes from FILE
  -r, --reverse               reverse the result of comparisons
      --sort=WORD             sort according to WORD:
                                general-numeric -g, human-numeric -h, month -M,
                                numeric -n, random -R, version -V
  -V, --version-sort          natural sort of (version) numbers within text

Other options:

      --batch-size=NMERGE   merge at most NMERGE inputs at once;
                            for more use temp files
  -c, --check, --check=diagnose-first  check for sorted input; do not sort
  -C, --check=quiet, --check=silent  like -c, but do not report first bad line
      --compress-program=PROG  compress temporaries with PROG;
                              decompress them with PROG -d
      --debug               annotate the part of the line used to sort,
                              and warn about questionable usage to stderr
      --files0-from=F       read input from the files specified by
                            NUL-terminated names in file F;
                            If F is - then read names from standard input
  -k, --key=KEYDEF          sort via a key; KEYDEF gives location and type
  -m, --merge               merge already sorted files; do not sort
  -o, --output=FILE         write result to FILE instead of standard output
  -s, --stable              stabilize sort by disabling last-resort comparison
  -S, --buffer-size=SIZE    use SIZE for main memory buffer
  -t, --field-separator=SEP  use SEP instead of non-blank to blank transition
  -T, --temporary-directory=DIR  use DIR for temporaries, not $TMPDIR or /tmp;
                              multiple options specify multiple directories
      --parallel=N          change the number of sorts run concurrently to N
  -u, --unique              with -c, check for strict ordering;
                              without -c, output only the first of an equal run
  -z, --zero-terminated     line delimiter is NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

KEYDEF is F[.C][OPTS][,F[.C][OPTS]] for start and stop position, where F is a
field number and C a character position in the field; both are origin 1, and
the stop position defaults to the line's end.  If neither -t nor -b is in
effect, characters in a field are counted from the beginning of the preceding
whitespace.  OPTS is one or more single-letter ordering options [bdfgiMhnRrV],
which override global ordering options for that key.  If no key is given, use
the entire line as the key.  Use --debug to diagnose incorrect key usage.

SIZE may be followed by the following multiplicative suffixes:
% 1% of memory, b 1, K 1024 (default), and so on for M, G, T, P, E, Z, Y.

Collation is always by byte value, as with LC_ALL=C, whatever the locale;
blanks are space and tab, and numbers use '.' as the decimal point.
*/
#include <fcntl.h>
#include <sched.h>
#include <sys/wait.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "applets/sort/compress.h"
#include "applets/sort/parallel.h"
#include "applets/sort/sort_keys.h"
#include "applets/sort/temp_files.h"
#include "applets/support/choice.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/files0.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"
#include "registry/applet.h"

namespace {

using mc::sort::Comparator;
using mc::sort::Config;
using mc::sort::Ignore;
using mc::sort::Key;
using mc::sort::kNoPos;

// A line kept in memory: text in one of the large input blocks, followed
// there by its delimiter. No per-line allocation.
struct Line {
  std::uint64_t cache;
  const char* p;
  std::size_t len;
  std::string_view view() const { return {p, len}; }
};

enum class Check { kNone, kDiagnose, kQuiet };

struct Options {
  Key global;
  std::vector<Key> keys;
  std::vector<bool> inherited;  // per -k key: took the global options
  std::size_t keys_given = 0;
  Config cfg;
  char delim = '\n';
  Check check = Check::kNone;
  bool merge = false, debug = false;
  std::optional<std::string> output;
  std::vector<std::string> tmpdirs;
  std::size_t buffer_size = 0;  // 0: default
  std::size_t nmerge = 16;
  std::size_t threads = 0;  // 0: default
  std::optional<std::string> random_source;
  std::optional<std::string> files0_from;
  std::optional<std::string> compress;  // --compress-program
  std::vector<std::string> files;
};

std::uint64_t PhysicalMemory(bool available) {
  long pages = ::sysconf(available ? _SC_AVPHYS_PAGES : _SC_PHYS_PAGES);
  long size = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || size <= 0) return 1ULL << 30;
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(size);
}

std::size_t DefaultThreads() {
  cpu_set_t set;
  std::size_t n = 1;
  if (::sched_getaffinity(0, sizeof set, &set) == 0) n = static_cast<std::size_t>(CPU_COUNT(&set));
  else if (long c = ::sysconf(_SC_NPROCESSORS_ONLN); c > 0) n = static_cast<std::size_t>(c);
  return std::clamp<std::size_t>(n, 1, 8);
}

// The bytes sort may hold: -S, or GNU's default from the machine's memory,
// kept under the process's memory limits (half of the address space or
// data limit, 15/16 of the RSS limit); at least room for one line per
// merge input.
std::size_t MemoryBudget(const Options& o) {
  std::size_t b = o.buffer_size;
  if (b == 0) {
    std::uint64_t total = PhysicalMemory(false);
    std::uint64_t avail = PhysicalMemory(true);
    std::uint64_t def = std::max<std::uint64_t>(std::min(total / 4, std::max(avail / 2, total / 8)),
                                                32ULL << 20);
    struct rlimit rl;
    if (::getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
      def = std::min<std::uint64_t>(def, rl.rlim_cur / 2);
    if (::getrlimit(RLIMIT_DATA, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
      def = std::min<std::uint64_t>(def, rl.rlim_cur / 2);
    if (::getrlimit(RLIMIT_RSS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
      def = std::min<std::uint64_t>(def, rl.rlim_cur / 16 * 15);
    b = static_cast<std::size_t>(def);
  }
  return std::max(b, std::max<std::size_t>(o.nmerge, 2) * (2 + sizeof(Line)));
}

// Parses a -k field count (xstrtoumax rules: blanks and '+' allowed, huge
// values saturate). Returns the rest, or nullptr when there is no number.
const char* FieldCount(const char* s, std::size_t& val) {
  const char* p = s;
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\v' || *p == '\f' || *p == '\r') ++p;
  if (*p == '+') ++p;
  if (!(*p >= '0' && *p <= '9')) return nullptr;
  std::size_t v = 0;
  bool over = false;
  for (; *p >= '0' && *p <= '9'; ++p) {
    std::size_t d = static_cast<std::size_t>(*p - '0');
    if (v > (kNoPos - d) / 10) over = true;
    else v = v * 10 + d;
  }
  val = over ? kNoPos : v;
  return p;
}

// The ordering letters of a key spec or a global option. Returns where
// parsing stopped. end_blank: 'b' applies to the key's end.
const char* SetOrdering(const char* s, Key& k, int blank_where) {
  for (;; ++s) {
    switch (*s) {
      case 'b':
        if (blank_where != 2) k.skip_start_blanks = true;
        if (blank_where != 1) k.skip_end_blanks = true;
        break;
      case 'd': k.ignore = Ignore::kNonDictionary; break;
      case 'f': k.fold = true; break;
      case 'g': k.general = true; break;
      case 'h': k.human = true; break;
      case 'i':
        if (k.ignore == Ignore::kNone) k.ignore = Ignore::kNonPrinting;
        break;
      case 'M': k.month = true; break;
      case 'n': k.numeric = true; break;
      case 'R': k.random = true; break;
      case 'r': k.reverse = true; break;
      case 'V': k.version = true; break;
      default: return s;
    }
  }
}

void BadFieldSpec(const mc::Invocation& inv, const std::string& spec, const char* why) {
  Die(inv, std::string(why) + ": invalid field specification " + mc::Quote(spec));
}

Key ParseKey(const mc::Invocation& inv, const std::string& spec) {
  Key k;
  const char* s = spec.c_str();
  std::size_t n;
  const char* r = FieldCount(s, n);
  if (r == nullptr)
    Die(inv, "invalid number at field start: invalid count at start of " + mc::Quote(s));
  if (n == 0) BadFieldSpec(inv, spec, "field number is zero");
  k.sword = n == kNoPos ? n : n - 1;
  s = r;
  k.schar = 0;
  if (*s == '.') {
    r = FieldCount(s + 1, n);
    if (r == nullptr)
      Die(inv, "invalid number after '.': invalid count at start of " + mc::Quote(s + 1));
    if (n == 0) BadFieldSpec(inv, spec, "character offset is zero");
    k.schar = n == kNoPos ? n : n - 1;
    s = r;
  }
  if (k.sword == 0 && k.schar == 0) k.sword = kNoPos;
  s = SetOrdering(s, k, 1);
  if (*s != ',') {
    k.eword = kNoPos;
    k.echar = 0;
  } else {
    r = FieldCount(s + 1, n);
    if (r == nullptr)
      Die(inv, "invalid number after ',': invalid count at start of " + mc::Quote(s + 1));
    if (n == 0) BadFieldSpec(inv, spec, "field number is zero");
    k.eword = n == kNoPos ? n : n - 1;
    s = r;
    if (*s == '.') {
      r = FieldCount(s + 1, n);
      if (r == nullptr)
        Die(inv, "invalid number after '.': invalid count at start of " + mc::Quote(s + 1));
      k.echar = n;
      s = r;
    }
    s = SetOrdering(s, k, 2);
  }
  if (*s != '\0') BadFieldSpec(inv, spec, "stray character in field spec");
  return k;
}

std::size_t ParseBufferSize(const mc::Invocation& inv, const std::string& s) {
  const char* p = s.c_str();
  while (*p == ' ' || *p == '\t') ++p;
  if (*p == '+') ++p;
  if (!(*p >= '0' && *p <= '9')) Die(inv, "invalid -S argument " + mc::Quote(s));
  unsigned __int128 v = 0;
  for (; *p >= '0' && *p <= '9'; ++p) {
    v = v * 10 + static_cast<unsigned>(*p - '0');
    if (v > (static_cast<unsigned __int128>(1) << 100)) v = static_cast<unsigned __int128>(1) << 100;
  }
  unsigned __int128 mult = 1024;
  if (*p != '\0') {
    int shift = -1;
    switch (*p) {
      case 'b': mult = 1; break;
      case 'k': case 'K': shift = 10; break;
      case 'm': case 'M': shift = 20; break;
      case 'g': case 'G': shift = 30; break;
      case 't': case 'T': shift = 40; break;
      case 'P': shift = 50; break;
      case 'E': shift = 60; break;
      case 'Z': shift = 70; break;
      case 'Y': shift = 80; break;
      case '%': mult = 0; break;
      default: Die(inv, "invalid suffix in -S argument " + mc::Quote(s));
    }
    if (p[1] != '\0') Die(inv, "invalid suffix in -S argument " + mc::Quote(s));
    if (shift >= 0) mult = static_cast<unsigned __int128>(1) << shift;
  }
  unsigned __int128 bytes;
  if (mult == 0) {
    bytes = v * PhysicalMemory(false) / 100;
  } else {
    bytes = v * mult;
  }
  if (bytes > static_cast<unsigned __int128>(kNoPos / 2) || v > (static_cast<unsigned __int128>(1) << 64))
    Die(inv, "-S argument " + mc::Quote(s) + " too large");
  return static_cast<std::size_t>(bytes);
}

// GNU argmatch for --sort and --check: a failure is a usage error with
// status 1, not sort's 2.
int MatchOrDie(const mc::Invocation& inv, std::string_view arg, const char* option,
               std::span<const mc::Choice> words) {
  if (auto r = mc::ArgMatch(inv, arg, option, words)) return *r;
  mc::UsageError(inv, "");
  throw mc::Exit{1};
}

constexpr mc::Choice kCheckWords[] = {{"quiet", 2}, {"silent", 2}, {"diagnose-first", 1}};
constexpr mc::Choice kSortWords[] = {{"general-numeric", 'g'}, {"human-numeric", 'h'},
                                     {"month", 'M'}, {"numeric", 'n'},
                                     {"random", 'R'}, {"version", 'V'}};

// A temporary file open for writing: fd is the file itself, or the pipe
// into the compressor (pid) that writes the file.
struct TempOut {
  std::string path;
  int fd = -1;
  pid_t pid = -1;
};

// What is known of a temporary file once written: whether it went through
// the compressor, that compressor until it has been waited for, and how
// many bytes were given to it (what "PROG -d" must give back).
struct TempInfo {
  bool compressed = false;
  pid_t writer = -1;
  std::uint64_t bytes = 0;
};

// One input of a merge: a file or standard input, or the pipe from the
// decompressor (pid) of a compressed temporary file.
struct MergeIn {
  int fd = -1;
  std::string name;
  pid_t pid = -1;
  std::uint64_t expect = 0;  // bytes "PROG -d" must produce
};

class Sorter {
 public:
  Sorter(mc::Invocation& inv, Options& o)
      : inv_(inv), o_(o), cmp_(o.cfg), tmp_(TempDirs()) {
    if (o_.compress) {
      auto path = inv_.GetEnv("PATH");
      programs_.emplace(*o_.compress, path ? std::optional<std::string>(*path) : std::nullopt,
                        inv_.env(), inv_.err_fd());
    }
  }

  int Run();
  // The memory budget (-S). Without -S it is worked out from the machine
  // and the process limits on first need, so that sort of empty input
  // makes no system calls beyond reading it.
  void SetBudget(std::size_t b) { budget_ = b; }
  std::size_t Budget();

 private:
  std::vector<std::string> TempDirs() const {
    if (!o_.tmpdirs.empty()) return o_.tmpdirs;
    auto t = inv_.GetEnv("TMPDIR");
    return {t && !t->empty() ? std::string(*t) : std::string("/tmp")};
  }

  // Reading.
  void ReadAll();
  void ReadOne(const std::string& name);
  void NewBlock(std::size_t keep_from, std::size_t want);
  std::size_t BlockSize(std::size_t partial, std::size_t want);
  // Memory held for the line records: the array's capacity, and the
  // scratch a stable sort takes (half as many records).
  std::size_t LineCost() const {
    const bool stable = o_.cfg.stable || (o_.cfg.unique && !cmp_.plain());
    return sizeof(Line) + (stable ? sizeof(Line) / 2 : 0);
  }
  std::size_t LineBytes() const { return lines_.capacity() * LineCost(); }
  bool GrowLines();
  // Free space below which a block is full: 32 KiB, less for a small -S.
  std::size_t MinRoom() const {
    return budget_ == 0 ? 32 << 10 : std::clamp<std::size_t>(budget_ / 8, 64, 32 << 10);
  }
  void Spill();

  // Sorting and writing in-memory lines.
  std::vector<std::pair<std::size_t, std::size_t>> SortLines();
  void Emit(mc::Output& out, const std::vector<std::pair<std::size_t, std::size_t>>& parts);
  void PutLine(mc::Output& out, const char* p, std::size_t len, bool delim_follows);
  void DebugAnnotate(mc::Output& out, std::string_view line);

  // Temporary files, compressed with --compress-program.
  std::string NewTemp(int* fd);
  TempOut CreateTemp();
  template <class Fill>
  void WriteTemp(TempOut& t, Fill fill);
  void RemoveTemp(const std::string& path);
  [[noreturn]] void Abnormal();
  void CheckWriter(TempInfo& info, bool block);
  void ReapSome();

  // Merging.
  void MergeAll(std::vector<std::string> inputs, std::vector<bool> is_temp, mc::Output& out);
  bool OpenForMerge(const std::string& name, MergeIn* in, int* err);
  std::vector<MergeIn> OpenInputs(const std::vector<std::string>& inputs, std::size_t from,
                                  std::size_t n);
  std::uint64_t InputSize(const std::string& name) const;
  void MergeToTemp(std::vector<std::string>& inputs, std::vector<bool>& is_temp, std::size_t from,
                   std::size_t n);
  void CloseMergeIn(MergeIn& in);
  void MergeFds(std::vector<MergeIn>& ins, mc::Output& out);

  int CheckSorted();

  mc::Output& FinalOutput();
  void FinishOutput();
  // Runs write(out) on the final output, then finishes it. A write error
  // on -o FILE names FILE (standard output is the runner's to report).
  template <class Write>
  void ToFinalOutput(Write write);

  mc::Invocation& inv_;
  Options& o_;
  Comparator cmp_;
  mc::sort::TempFiles tmp_;

  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cur_ = nullptr;
  std::size_t cap_ = 0, fill_ = 0, line_start_ = 0, block_bytes_ = 0;
  std::size_t remaining_hint_ = 0;  // bytes of regular-file input not read yet
  // Blocks start small (the first comes from the heap, not a mapping) and
  // double; a first block this size needs no budget yet.
  static constexpr std::size_t kFirstBlock = 64 << 10;
  std::size_t next_block_ = kFirstBlock;
  std::size_t budget_ = 0;
  std::size_t line_hint_ = 0;  // lines expected in all (regular files)
  std::vector<Line> lines_;
  std::vector<std::string> runs_;
  bool reserved_ = false;
  bool lines_in_cur_ = false;
  bool merge_parts_ = false;  // SortLines' parts need merging

  int out_fd_ = -1;
  std::unique_ptr<mc::Output> file_out_;

  std::uint64_t put_bytes_ = 0;  // bytes PutLine() wrote, for TempInfo::bytes
  std::map<std::string, TempInfo> temps_;  // temporary files written, by path
  // Declared last, destroyed first: children go before their files do.
  std::optional<mc::sort::Programs> programs_;
};

std::string Sorter::NewTemp(int* fd) {
  std::string path, dir;
  int err;
  *fd = tmp_.Create(&path, &err, &dir);
  if (*fd < 0) DieErrno(inv_, "cannot create temporary file in " + mc::Quote(dir), err);
  return path;
}

std::size_t Sorter::Budget() {
  if (budget_ == 0) budget_ = MemoryBudget(o_);
  return budget_;
}

std::size_t Sorter::BlockSize(std::size_t partial, std::size_t want) {
  std::size_t size = next_block_;
  if (remaining_hint_ > 0) size = std::max(size, remaining_hint_ + partial + 2);
  if (budget_ != 0 || size > kFirstBlock)
    size = std::min(size, std::max<std::size_t>(Budget() / 2, 256));  // room for the lines too
  return std::max({size, want, partial * 2 + 2 * MinRoom()});
}

// Makes room for the next block: a new one, or the current one again when
// no line points into it (its partial line moves to the front).
void Sorter::NewBlock(std::size_t keep_from, std::size_t want) {
  std::size_t partial = fill_ - keep_from;
  std::size_t size = BlockSize(partial, want);
  if (cur_ != nullptr && !lines_in_cur_ && size <= cap_) {
    std::memmove(cur_, cur_ + keep_from, partial);
    fill_ = partial;
    line_start_ = 0;
    return;
  }
  std::unique_ptr<char[]> b(new char[size]);
  if (partial) std::memcpy(b.get(), cur_ + keep_from, partial);
  // The old block goes unless lines point into it.
  if (cur_ != nullptr && !lines_in_cur_) {
    block_bytes_ -= cap_;
    blocks_.pop_back();
  }
  cur_ = b.get();
  cap_ = size;
  fill_ = partial;
  line_start_ = 0;
  lines_in_cur_ = false;
  block_bytes_ += size;
  blocks_.push_back(std::move(b));
  next_block_ = std::min<std::size_t>(next_block_ * 2, 64 << 20);
}

// Makes room in lines_ for one more record, within the budget; false when
// the lines read so far must be spilled first. While the array grows, the
// old and the new one are both held.
bool Sorter::GrowLines() {
  const std::size_t per = LineCost();
  const std::size_t cap = lines_.capacity();
  const std::size_t budget = Budget();
  const std::size_t fit = budget > block_bytes_ ? (budget - block_bytes_) / per : 0;
  std::size_t want = std::max<std::size_t>({cap * 2, line_hint_, 1024});
  want = std::min(want, fit > cap ? fit - cap : 0);
  if (lines_.empty()) {
    want = std::max<std::size_t>(want, 64);  // always some progress
  } else if (want < cap + cap / 4 + 64) {
    return false;
  }
  lines_.reserve(want);
  return true;
}

void Sorter::ReadOne(const std::string& name) {
  int fd = name == "-" ? inv_.in_fd() : ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) DieErrno(inv_, "cannot read: " + mc::QuoteName(name), errno);
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    off_t pos = ::lseek(fd, 0, SEEK_CUR);
    if (pos >= 0 && st.st_size > pos) remaining_hint_ = static_cast<std::size_t>(st.st_size - pos);
  }
  const char delim = o_.delim;
  for (;;) {
    if (cur_ == nullptr || cap_ - fill_ < MinRoom()) {
      const std::size_t size = BlockSize(fill_ - line_start_, 0);
      if (!lines_.empty() && block_bytes_ + LineBytes() + size > Budget()) {
        Spill();
        // A new block that does not fit beside the records' array: the
        // array goes, and grows again as lines come.
        if (!(cur_ != nullptr && size <= cap_) && block_bytes_ + LineBytes() + size > Budget())
          std::vector<Line>().swap(lines_);
      }
      NewBlock(line_start_, 0);
    }
    // One byte is kept for a final delimiter; reads are at most 16 MiB so
    // that the line count can be estimated early (see below).
    std::size_t room = std::min<std::size_t>(cap_ - fill_ - 1, 16 << 20);
    long got = mc::ReadSome(fd, cur_ + fill_, room);
    if (got < 0) {
      int err = errno;
      if (fd != inv_.in_fd()) ::close(fd);
      DieErrno(inv_, "read failed: " + mc::QuoteName(name), err);
    }
    if (got == 0) break;
    remaining_hint_ = remaining_hint_ > static_cast<std::size_t>(got)
                          ? remaining_hint_ - static_cast<std::size_t>(got) : 0;
    char* scan = cur_ + fill_;
    char* end = scan + got;
    fill_ += static_cast<std::size_t>(got);
    char* start = cur_ + line_start_;
    for (;;) {
      char* hit = static_cast<char*>(std::memchr(scan, delim, static_cast<std::size_t>(end - scan)));
      if (hit == nullptr) break;
      if (lines_.size() == lines_.capacity() && !GrowLines()) {
        // The budget is used up: sort and write out what was read. The
        // block stays where it is, with the bytes not yet scanned.
        line_start_ = static_cast<std::size_t>(start - cur_);
        Spill();
        GrowLines();
      }
      lines_.push_back({0, start, static_cast<std::size_t>(hit - start)});
      lines_in_cur_ = true;
      start = hit + 1;
      scan = start;
    }
    line_start_ = static_cast<std::size_t>(start - cur_);
    if (!reserved_ && lines_.size() > 1000 && remaining_hint_ > 0) {
      // Estimate the number of lines from what was read so far.
      reserved_ = true;
      double per_byte = static_cast<double>(lines_.size()) / static_cast<double>(fill_);
      std::size_t est = lines_.size() + static_cast<std::size_t>(per_byte * 1.05 *
                                                                 static_cast<double>(remaining_hint_));
      line_hint_ = est;
    }
  }
  if (fill_ > line_start_) {  // last line without its delimiter
    cur_[fill_] = delim;
    if (lines_.size() == lines_.capacity() && !GrowLines()) {
      Spill();
      GrowLines();
    }
    lines_.push_back({0, cur_ + line_start_, fill_ - line_start_});
    lines_in_cur_ = true;
    ++fill_;
    line_start_ = fill_;
  }
  if (fd != inv_.in_fd()) ::close(fd);
}

void Sorter::ReadAll() {
  for (const auto& f : o_.files) ReadOne(f);
}

// Line order for sorting: the cache decides when it differs; plain sorts
// then compare bytes, keyed sorts run the comparator.
struct LineLess {
  Comparator* cmp;
  bool plain, rev1, rev;
  bool operator()(const Line& x, const Line& y) const {
    if (x.cache != y.cache) return (x.cache < y.cache) != rev1;
    if (!plain) return cmp->Compare(x.view(), y.view()) < 0;
    std::size_t m = std::min(x.len, y.len);
    std::size_t off = std::min<std::size_t>(8, m);  // equal caches: 8 bytes equal
    int d = std::memcmp(x.p + off, y.p + off, m - off);
    if (d == 0) {
      if (x.len == y.len) return false;
      d = x.len < y.len ? -1 : 1;
    }
    return rev ? d > 0 : d < 0;
  }
};

// Plain bytewise sort (no keys), ascending, not stable: sorts by the 8-byte
// cache without touching the text, then each run of equal caches by the
// next 8 bytes, and so on; short or deep runs fall back to comparisons.
// Each line's text is read once per level instead of once per comparison.
std::uint64_t Load8(const Line& l, std::size_t d) {
  std::uint64_t v = 0;
  std::size_t n = l.len > d ? std::min<std::size_t>(8, l.len - d) : 0;
  for (std::size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(l.p[d + i]);
  return n == 8 ? v : v << (8 * (8 - n));
}

bool BytesLess(const Line& x, const Line& y) {
  int d = std::memcmp(x.p, y.p, std::min(x.len, y.len));
  return d != 0 ? d < 0 : x.len < y.len;
}

void PlainSort(Line* first, Line* last, std::size_t depth) {
  std::sort(first, last, [](const Line& a, const Line& b) { return a.cache < b.cache; });
  for (Line* i = first; i < last;) {
    Line* j = i + 1;
    while (j < last && j->cache == i->cache) ++j;
    if (j - i > 1) {
      bool more = false;
      for (Line* k = i; k < j && !more; ++k) more = k->len > depth + 8;
      if (!more || depth >= 256 || j - i < 4) {
        std::sort(i, j, BytesLess);
      } else {
        for (Line* k = i; k < j; ++k) {
          if (j - k > 16) __builtin_prefetch(k[16].p + depth + 8);
          k->cache = Load8(*k, depth + 8);
        }
        PlainSort(i, j, depth + 8);
      }
    }
    i = j;
  }
}

std::vector<std::pair<std::size_t, std::size_t>> Sorter::SortLines() {
  const std::size_t n = lines_.size();
  // Small inputs run on one thread without asking how many CPUs there are.
  std::size_t t = n < (1u << 16) ? 1 : o_.threads != 0 ? o_.threads : DefaultThreads();
  t = std::min(t, std::max<std::size_t>(1, n / (1u << 15)));
  const bool stable = o_.cfg.stable || (o_.cfg.unique && !cmp_.plain());
  Line* const base = lines_.data();
  auto make_less = [this](Comparator& c) {
    return LineLess{&c, c.plain(), c.first_reverse(), o_.cfg.reverse};
  };
  // Caches, in parallel.
  if (cmp_.has_cache()) {
    mc::sort::InParallel(t, [&](std::size_t i) {
      Comparator c(o_.cfg);
      for (Line* l = base + n * i / t, *e = base + n * (i + 1) / t; l != e; ++l)
        l->cache = c.Cache(l->view());
    });
  }
  std::vector<std::pair<std::size_t, std::size_t>> parts;
  merge_parts_ = false;
  if (t > 1 && !stable) {
    // Split by value: splitters from a sample, then partitions sorted on
    // their own threads and written one after the other (no merge).
    Comparator c(o_.cfg);
    LineLess less = make_less(c);
    std::vector<Line> sample;
    const std::size_t want = 64 * t;
    for (std::size_t i = 0; i < want; ++i) sample.push_back(base[(n / want) * i + (i * 7919) % (n / want)]);
    std::sort(sample.begin(), sample.end(), less);
    std::size_t from = 0;
    for (std::size_t k = 1; k < t; ++k) {
      const Line pivot = sample[sample.size() * k / t];
      Line* mid = std::partition(base + from, base + n, [&](const Line& x) { return less(x, pivot); });
      std::size_t m = static_cast<std::size_t>(mid - base);
      parts.push_back({from, m});
      from = m;
    }
    parts.push_back({from, n});
  } else {
    for (std::size_t i = 0; i < t; ++i) parts.push_back({n * i / t, n * (i + 1) / t});
    merge_parts_ = parts.size() > 1;
  }
  mc::sort::InParallel(parts.size(), [&](std::size_t i) {
    Comparator c(o_.cfg);
    LineLess less = make_less(c);
    Line* first = base + parts[i].first;
    Line* last = base + parts[i].second;
    if (stable) {
      std::stable_sort(first, last, less);
    } else if (c.plain()) {
      PlainSort(first, last, 0);
      if (o_.cfg.reverse) std::reverse(first, last);
    } else {
      std::sort(first, last, less);
    }
  });
  if (!merge_parts_) parts.assign(1, {0, n});
  return parts;
}

void Sorter::PutLine(mc::Output& out, const char* p, std::size_t len, bool delim_follows) {
  put_bytes_ += len + 1;
  if (o_.debug && &out == &inv_.out()) {
    std::string_view line(p, len);
    for (char c : line) out.Put(c == '\t' ? '>' : c);
    out.Put('\n');
    DebugAnnotate(out, line);
    return;
  }
  if (delim_follows) {
    out.Write(std::string_view(p, len + 1));
  } else {
    out.Write(std::string_view(p, len));
    out.Put(o_.delim);
  }
}

void Sorter::DebugAnnotate(mc::Output& out, std::string_view line) {
  auto width = [](const char* b, const char* e) {
    std::size_t w = 0;
    for (; b < e; ++b) {
      unsigned char c = static_cast<unsigned char>(*b);
      if ((c >= 0x20 && c != 0x7f) || c == '\t') ++w;  // control bytes are 0 wide
    }
    return w;
  };
  auto mark = [&](const char* beg, const char* lim) {
    std::size_t off = width(line.data(), beg);
    std::size_t w = lim > beg ? width(beg, lim) : 0;
    for (std::size_t i = 0; i < off; ++i) out.Put(' ');
    if (w == 0) {
      out.Write("^ no match for key\n");
    } else {
      for (std::size_t i = 0; i < w; ++i) out.Put('_');
      out.Put('\n');
    }
  };
  const auto& keys = o_.cfg.keys;
  for (const Key& k : keys) {
    const char *beg, *lim;
    cmp_.KeyBounds(line, k, beg, lim);
    if ((k.skip_start_blanks && k.sword == kNoPos) || k.month || k.NumericLike()) {
      while (beg < lim && mc::sort::IsBlank(static_cast<unsigned char>(*beg))) ++beg;
      const char* tight = beg;
      if (k.month) {
        mc::sort::MonthOf(beg, lim, &tight);
      } else if (k.general) {
        std::string s(beg, static_cast<std::size_t>(lim - beg));
        char* e;
        (void)std::strtold(s.c_str(), &e);
        tight = beg + (e - s.c_str());
      } else if (k.numeric || k.human) {
        const char* p = beg + (beg < lim && *beg == '-');
        bool digit = false;
        while (p < lim && *p >= '0' && *p <= '9') {
          digit = true;
          ++p;
        }
        if (p < lim && *p == '.') {
          ++p;
          while (p < lim && *p >= '0' && *p <= '9') {
            digit = true;
            ++p;
          }
        }
        if (digit) {
          tight = p;
          if (k.human && p < lim && std::strchr("KkMGTPEZY", *p) != nullptr && *p != '\0') ++tight;
        }
      } else {
        tight = lim;
      }
      lim = tight;
    }
    mark(beg, lim);
  }
  if (keys.empty() || !(o_.cfg.unique || o_.cfg.stable))
    mark(line.data(), line.data() + line.size());
}

void Sorter::Emit(mc::Output& out, const std::vector<std::pair<std::size_t, std::size_t>>& parts) {
  const bool unique = o_.cfg.unique;
  const Line* prev = nullptr;
  auto put = [&](const Line& l) {
    if (unique && prev != nullptr) {
      bool same = cmp_.plain() ? (prev->len == l.len && std::memcmp(prev->p, l.p, l.len) == 0)
                               : cmp_.Compare(prev->view(), l.view()) == 0;
      if (same) return;
    }
    prev = &l;
    PutLine(out, l.p, l.len, true);
  };
  if (parts.size() == 1) {
    // Texts are visited in sorted order, i.e. at random: prefetch ahead.
    const std::size_t end = parts[0].second;
    for (std::size_t i = parts[0].first; i < end; ++i) {
      if (i + 24 < end) __builtin_prefetch(lines_[i + 24].p);
      put(lines_[i]);
    }
    return;
  }
  const bool rev1 = cmp_.first_reverse();
  auto less = [&](const Line& x, const Line& y) {
    if (x.cache != y.cache) return (x.cache < y.cache) != rev1;
    return cmp_.Compare(x.view(), y.view()) < 0;
  };
  std::vector<std::pair<std::size_t, std::size_t>> heads = parts;
  for (;;) {
    int best = -1;
    for (std::size_t i = 0; i < heads.size(); ++i) {
      if (heads[i].first == heads[i].second) continue;
      if (best < 0 || less(lines_[heads[i].first], lines_[heads[static_cast<std::size_t>(best)].first]))
        best = static_cast<int>(i);
    }
    if (best < 0) break;
    put(lines_[heads[static_cast<std::size_t>(best)].first++]);
  }
}

void Sorter::Spill() {
  if (lines_.empty()) return;
  auto parts = SortLines();
  TempOut t = CreateTemp();
  WriteTemp(t, [&](mc::Output& out) { Emit(out, parts); });
  runs_.push_back(t.path);
  lines_.clear();
  // Keep only the current block, with its bytes from line_start_ on (the
  // partial line, or input not scanned yet) where they are.
  if (cur_ != nullptr) {
    std::unique_ptr<char[]> keep = std::move(blocks_.back());
    blocks_.clear();
    blocks_.push_back(std::move(keep));
    block_bytes_ = cap_;
    lines_in_cur_ = false;
  }
}

void Sorter::Abnormal() {
  // GNU's words, for the compressor and the decompressor alike.
  mc::Die(inv_, mc::Quote(programs_->prog()) + " [-d] terminated abnormally");
}

// Waits for (block) or checks on the compressor of a temporary file.
void Sorter::CheckWriter(TempInfo& info, bool block) {
  if (info.writer <= 0) return;
  std::optional<bool> ok = block ? std::optional<bool>(programs_->Wait(info.writer))
                                 : programs_->Poll(info.writer);
  if (!ok) return;
  info.writer = -1;
  if (!*ok) Abnormal();
}

// Compressors that finished are waited for (and checked) before another
// child starts; and as GNU, at most NMERGE + 2 children run at once: a
// merge's decompressors, its compressor and one finishing from before.
void Sorter::ReapSome() {
  const std::size_t limit = std::max<std::size_t>(o_.nmerge, 2) + 2;
  std::vector<TempInfo*> running;
  for (auto& [path, info] : temps_) {
    CheckWriter(info, false);
    if (info.writer > 0) running.push_back(&info);
  }
  // The oldest first (pids grow, but wrap: the order matters little).
  std::sort(running.begin(), running.end(),
            [](const TempInfo* a, const TempInfo* b) { return a->writer < b->writer; });
  for (TempInfo* info : running) {
    if (programs_->running() < limit) break;
    CheckWriter(*info, true);
  }
}

TempOut Sorter::CreateTemp() {
  TempOut t;
  t.path = NewTemp(&t.fd);
  if (!programs_) return t;
  ReapSome();
  int p[2];
  // As GNU: without a pipe or a process, the file is written as it is.
  if (::pipe2(p, O_CLOEXEC) != 0) return t;
  int err = 0;
  pid_t pid = programs_->Start(false, p[0], t.fd, &err);
  ::close(p[0]);
  if (pid < 0) {
    ::close(p[1]);
    if (err == EAGAIN || err == ENOMEM) return t;
    ::close(t.fd);
    t.fd = -1;
    DieErrno(inv_, "couldn't execute compress program", err);
  }
  ::close(t.fd);
  t.fd = p[1];
  t.pid = pid;
  return t;
}

// Writes a temporary file with fill(out), then closes it. Through a
// compressor, SIGPIPE is blocked: a compressor that quits early is
// reported (by its exit status when it failed), not a silent death.
template <class Fill>
void Sorter::WriteTemp(TempOut& t, Fill fill) {
  put_bytes_ = 0;
  int err = 0;
  const bool dbg = o_.debug;
  o_.debug = false;
  {
    std::optional<mc::sort::SigpipeBlock> block;
    if (t.pid > 0) block.emplace();
    mc::Output out(t.fd);
    try {
      fill(out);
      out.Flush();
    } catch (const mc::WriteError& e) {
      err = e.error;
    } catch (...) {
      ::close(t.fd);
      t.fd = -1;
      throw;
    }
  }
  o_.debug = dbg;
  ::close(t.fd);
  t.fd = -1;
  TempInfo& info = temps_[t.path];
  info.compressed = t.pid > 0;
  info.writer = t.pid;
  info.bytes = put_bytes_;
  if (err != 0) {
    if (err == EPIPE) CheckWriter(info, true);
    DieErrno(inv_, "write failed: " + mc::QuoteName(t.path), err);
  }
}

void Sorter::RemoveTemp(const std::string& path) {
  temps_.erase(path);
  tmp_.Remove(path);
}

// Opens one input of a merge; a compressed temporary file is read through
// "PROG -d", once its compressor has been waited for. Returns false with
// *err when a file cannot be opened, or (EMFILE) no pipe can be made.
bool Sorter::OpenForMerge(const std::string& name, MergeIn* in, int* err) {
  in->name = name;
  if (name == "-") {
    in->fd = inv_.in_fd();
    return true;
  }
  auto it = temps_.find(name);
  const bool compressed = it != temps_.end() && it->second.compressed;
  if (compressed) CheckWriter(it->second, true);
  int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = errno;
    return false;
  }
  if (!compressed) {
    in->fd = fd;
    return true;
  }
  ReapSome();
  int p[2];
  if (::pipe2(p, O_CLOEXEC) != 0) {
    *err = errno;
    ::close(fd);
    return false;
  }
  int e = 0;
  pid_t pid;
  // No process to be had: wait a little and try again, as GNU does, since
  // without the decompressor there is no sorting.
  for (int tries = 0, ms = 250;; ++tries, ms *= 2) {
    pid = programs_->Start(true, fd, p[1], &e);
    if (pid >= 0 || !(e == EAGAIN || e == ENOMEM) || tries == 8) break;
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (::nanosleep(&ts, &ts) < 0 && errno == EINTR) {
    }
    ReapSome();
  }
  ::close(fd);
  ::close(p[1]);
  if (pid < 0) {
    ::close(p[0]);
    if (e == EAGAIN || e == ENOMEM)
      DieErrno(inv_, "couldn't create process for " + mc::Quote(programs_->prog()) + " -d", e);
    DieErrno(inv_, "couldn't execute compress program (with -d)", e);
  }
  in->fd = p[0];
  in->pid = pid;
  in->expect = it->second.bytes;
  return true;
}

// Closes an input of a merge that was read to its end; its decompressor
// must then have succeeded.
void Sorter::CloseMergeIn(MergeIn& in) {
  if (in.fd >= 0 && in.fd != inv_.in_fd()) ::close(in.fd);
  in.fd = -1;
  if (in.pid > 0) {
    pid_t pid = in.pid;
    in.pid = -1;
    if (!programs_->Wait(pid)) Abnormal();
  }
}

void Sorter::MergeFds(std::vector<MergeIn>& ins, mc::Output& out) {
  const std::size_t k = ins.size();
  std::vector<std::unique_ptr<mc::LineReader>> readers;
  std::vector<std::string_view> cur(k);
  std::vector<bool> term(k);
  std::vector<std::uint64_t> got(k);
  std::vector<std::size_t> heap;
  auto advance = [&](std::size_t i) {
    bool t;
    if (readers[i]->Next(cur[i], t)) {
      term[i] = t;
      got[i] += cur[i].size() + (t ? 1 : 0);
      return true;
    }
    if (readers[i]->error() != 0)
      DieErrno(inv_, "read failed: " + mc::QuoteName(ins[i].name), readers[i]->error());
    if (ins[i].pid > 0) {
      // The whole of a compressed file must come back: a decompressor
      // that fails, or succeeds with less, is an error, not lost lines.
      CloseMergeIn(ins[i]);
      if (got[i] != ins[i].expect)
        Die(inv_, mc::QuoteName(ins[i].name) + ": " + mc::Quote(programs_->prog()) + " -d gave back " +
                      std::to_string(got[i]) + " bytes of " + std::to_string(ins[i].expect));
    }
    return false;
  };
  // Heap ordering: smallest line first, ties by input order.
  auto after = [&](std::size_t a, std::size_t b) {
    int d = cmp_.Compare(cur[a], cur[b]);
    return d > 0 || (d == 0 && a > b);
  };
  for (std::size_t i = 0; i < k; ++i) {
    readers.push_back(std::make_unique<mc::LineReader>(ins[i].fd, o_.delim));
    if (advance(i)) heap.push_back(i);
  }
  std::make_heap(heap.begin(), heap.end(), after);
  const bool unique = o_.cfg.unique;
  std::string saved;
  bool have_saved = false;
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), after);
    std::size_t i = heap.back();
    if (unique) {
      if (!have_saved || cmp_.Compare(saved, cur[i]) != 0) {
        if (have_saved) PutLine(out, saved.data(), saved.size(), false);
        saved.assign(cur[i]);
        have_saved = true;
      }
    } else {
      PutLine(out, cur[i].data(), cur[i].size(), false);
    }
    if (advance(i)) {
      std::push_heap(heap.begin(), heap.end(), after);
    } else {
      heap.pop_back();
    }
  }
  if (have_saved) PutLine(out, saved.data(), saved.size(), false);
}

// Opens inputs[from, from + n) for one merge: fewer when descriptors run
// out (at least two, and one descriptor is left for a temporary output).
std::vector<MergeIn> Sorter::OpenInputs(const std::vector<std::string>& inputs, std::size_t from,
                                        std::size_t n) {
  std::vector<MergeIn> ins;
  for (std::size_t i = from; i < from + n; ++i) {
    int err = 0;
    MergeIn in;
    if (!OpenForMerge(inputs[i], &in, &err)) {
      if ((err == EMFILE || err == ENFILE) && ins.size() >= 3) {
        MergeIn& last = ins.back();
        if (last.fd != inv_.in_fd()) ::close(last.fd);
        if (last.pid > 0) programs_->Discard(last.pid);
        ins.pop_back();
        break;
      }
      for (MergeIn& m : ins)
        if (m.fd != inv_.in_fd()) ::close(m.fd);
      DieErrno(inv_, "cannot read: " + mc::QuoteName(inputs[i]), err);
    }
    ins.push_back(std::move(in));
  }
  return ins;
}

// Merges inputs[from, from + n) into a new temporary file (fewer inputs
// when descriptors run out); the merged inputs are replaced by that file.
void Sorter::MergeToTemp(std::vector<std::string>& inputs, std::vector<bool>& is_temp,
                         std::size_t from, std::size_t n) {
  std::vector<MergeIn> ins = OpenInputs(inputs, from, n);
  const std::size_t got = ins.size();
  TempOut t = CreateTemp();
  WriteTemp(t, [&](mc::Output& out) { MergeFds(ins, out); });
  for (MergeIn& in : ins) CloseMergeIn(in);
  for (std::size_t i = from; i < from + got; ++i)
    if (is_temp[i]) RemoveTemp(inputs[i]);
  const auto first = static_cast<long>(from), last = static_cast<long>(from + got);
  inputs.erase(inputs.begin() + first + 1, inputs.begin() + last);
  is_temp.erase(is_temp.begin() + first + 1, is_temp.begin() + last);
  inputs[from] = t.path;
  is_temp[from] = true;
}

// The size of a merge input, to choose which to merge first.
std::uint64_t Sorter::InputSize(const std::string& name) const {
  if (auto it = temps_.find(name); it != temps_.end()) return it->second.bytes;
  struct stat st;
  if (name == "-" || ::stat(name.c_str(), &st) != 0) return 0;
  return static_cast<std::uint64_t>(st.st_size);
}

// With more inputs than NMERGE (k): while there are 2k or more, a pass of
// k-input merges from the front, as GNU; then one merge of as few inputs as
// leave k, the adjacent ones with the least data, and the final merge. So
// no line is copied through a temporary file more often than needed.
// Merging only adjacent inputs keeps their order (ties, -s, -u).
void Sorter::MergeAll(std::vector<std::string> inputs, std::vector<bool> is_temp,
                      mc::Output& final_out) {
  const std::size_t k = std::max<std::size_t>(o_.nmerge, 2);
  for (;;) {
    if (inputs.size() <= k) {
      std::vector<MergeIn> ins = OpenInputs(inputs, 0, inputs.size());
      if (ins.size() == inputs.size()) {
        MergeFds(ins, final_out);
        for (MergeIn& in : ins) CloseMergeIn(in);
        for (std::size_t i = 0; i < inputs.size(); ++i)
          if (is_temp[i]) RemoveTemp(inputs[i]);
        return;
      }
      // Out of descriptors: merge as many as could be opened, go round.
      const std::size_t got = ins.size();
      for (MergeIn& in : ins) {
        if (in.fd != inv_.in_fd()) ::close(in.fd);
        if (in.pid > 0) programs_->Discard(in.pid);
      }
      MergeToTemp(inputs, is_temp, 0, got);
      continue;
    }
    if (inputs.size() < 2 * k) {
      const std::size_t n = inputs.size() - k + 1;
      std::vector<std::uint64_t> size;
      for (const auto& name : inputs) size.push_back(InputSize(name));
      std::uint64_t sum = 0;
      for (std::size_t i = 0; i < n; ++i) sum += size[i];
      std::uint64_t best_sum = sum;
      std::size_t best = 0;
      for (std::size_t i = n; i < inputs.size(); ++i) {
        sum = sum + size[i] - size[i - n];
        if (sum < best_sum) {
          best_sum = sum;
          best = i - n + 1;
        }
      }
      MergeToTemp(inputs, is_temp, best, n);
      continue;
    }
    for (std::size_t out = 0; inputs.size() - out >= k; ++out) MergeToTemp(inputs, is_temp, out, k);
  }
}

mc::Output& Sorter::FinalOutput() {
  if (!o_.output) return inv_.out();
  if (!file_out_) {
    int fd = ::open(o_.output->c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) DieErrno(inv_, "open failed: " + mc::QuoteName(*o_.output), errno);
    out_fd_ = fd;
    file_out_ = std::make_unique<mc::Output>(fd);
  }
  return *file_out_;
}

void Sorter::FinishOutput() {
  if (!file_out_) return;
  try {
    file_out_->Flush();
  } catch (const mc::WriteError& e) {
    ::close(out_fd_);
    DieErrno(inv_, "write failed: " + mc::QuoteName(*o_.output), e.error);
  }
  if (::close(out_fd_) != 0) DieErrno(inv_, "close failed: " + mc::QuoteName(*o_.output), errno);
}

template <class Write>
void Sorter::ToFinalOutput(Write write) {
  mc::Output& out = FinalOutput();
  try {
    write(out);
  } catch (const mc::WriteError& e) {
    if (!file_out_) throw;
    ::close(out_fd_);
    if (e.error == 0) Die(inv_, "write failed: " + mc::QuoteName(*o_.output));
    DieErrno(inv_, "write failed: " + mc::QuoteName(*o_.output), e.error);
  }
  FinishOutput();
}

int Sorter::CheckSorted() {
  const std::string& name = o_.files.empty() ? std::string("-") : o_.files[0];
  int fd = name == "-" ? inv_.in_fd() : ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) DieErrno(inv_, "open failed: " + mc::QuoteName(name), errno);
  mc::LineReader r(fd, o_.delim);
  std::string prev;
  std::string_view line;
  bool first = true;
  std::uintmax_t n = 0;
  int status = 0;
  while (r.Next(line)) {
    ++n;
    if (!first) {
      int d = cmp_.Compare(prev, line);
      if (d > 0 || (o_.cfg.unique && d == 0)) {
        if (o_.check == Check::kDiagnose) {
          std::string msg(inv_.prog());
          msg += ": " + name + ":" + std::to_string(n) + ": disorder: ";
          msg.append(line);
          msg += '\n';
          mc::WriteAll(inv_.err_fd(), msg.data(), msg.size());
        }
        status = 1;
        break;
      }
    }
    prev.assign(line);
    first = false;
  }
  if (status == 0 && r.error() != 0) {
    if (fd != inv_.in_fd()) ::close(fd);
    DieErrno(inv_, "read failed: " + mc::QuoteName(name), r.error());
  }
  if (fd != inv_.in_fd()) ::close(fd);
  return status;
}

int Sorter::Run() {
  if (o_.check != Check::kNone) return CheckSorted();
  if (o_.merge) {
    std::vector<std::string> inputs = o_.files;
    std::vector<bool> is_temp(inputs.size(), false);
    // An input that is also the output is copied away first.
    if (o_.output) {
      struct stat os;
      if (::stat(o_.output->c_str(), &os) == 0) {
        for (std::size_t i = 0; i < inputs.size(); ++i) {
          struct stat is;
          if (inputs[i] == "-" || ::stat(inputs[i].c_str(), &is) != 0) continue;
          if (is.st_dev != os.st_dev || is.st_ino != os.st_ino) continue;
          int in = ::open(inputs[i].c_str(), O_RDONLY | O_CLOEXEC);
          if (in < 0) DieErrno(inv_, "cannot read: " + mc::QuoteName(inputs[i]), errno);
          TempOut t = CreateTemp();
          WriteTemp(t, [&](mc::Output& out) {
            std::unique_ptr<char[]> buf(new char[mc::kReadBlock]);
            for (;;) {
              long got = mc::ReadSome(in, buf.get(), mc::kReadBlock);
              if (got < 0) DieErrno(inv_, "read failed: " + mc::QuoteName(inputs[i]), errno);
              if (got == 0) break;
              out.Write(std::string_view(buf.get(), static_cast<std::size_t>(got)));
              put_bytes_ += static_cast<std::size_t>(got);
            }
          });
          ::close(in);
          std::string path = t.path;
          inputs[i] = path;
          is_temp[i] = true;
        }
      }
    }
    ToFinalOutput([&](mc::Output& out) { MergeAll(std::move(inputs), std::move(is_temp), out); });
    return 0;
  }
  ReadAll();
  if (!runs_.empty()) {
    Spill();
    blocks_.clear();
    std::vector<bool> is_temp(runs_.size(), true);
    ToFinalOutput([&](mc::Output& out) { MergeAll(runs_, is_temp, out); });
    return 0;
  }
  auto parts = SortLines();
  ToFinalOutput([&](mc::Output& out) { Emit(out, parts); });
  return 0;
}

// GNU sort reads the whole list first, then stops at its first bad name.
void ReadFiles0(mc::Invocation& inv, const std::string& from, std::vector<std::string>& files) {
  int fd = from == "-" ? inv.in_fd() : ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) DieErrno(inv, "open failed: " + mc::QuoteName(from), errno);
  mc::Files0List list(from, fd);
  for (std::string_view name; list.Next(name);) files.emplace_back(name);
  if (list.error() != 0) Die(inv, "cannot read file names from " + mc::Quote(from));
  if (fd != inv.in_fd()) ::close(fd);
  for (std::size_t i = 0; i < files.size(); ++i)
    if (std::string problem = list.Problem(files[i], i + 1); !problem.empty()) Die(inv, problem);
  if (files.empty()) Die(inv, "no input from " + mc::Quote(from));
}

[[noreturn]] void Incompatible(const mc::Invocation& inv, const std::string& opts) {
  Die(inv, "options '-" + opts + "' are incompatible");
}

// Settles keys (inheritance of global options), checks compatibility and
// fills the configuration.
void Settle(mc::Invocation& inv, Options& o) {
  Key& g = o.global;
  o.keys_given = o.keys.size();
  for (Key& k : o.keys) {
    o.inherited.push_back(!k.HasOrderingOptions() && !k.reverse);
    if (o.inherited.back()) {
      k.ignore = g.ignore;
      k.fold = g.fold;
      k.skip_start_blanks = g.skip_start_blanks;
      k.skip_end_blanks = g.skip_end_blanks;
      k.month = g.month;
      k.numeric = g.numeric;
      k.general = g.general;
      k.human = g.human;
      k.version = g.version;
      k.random = g.random;
      k.reverse = g.reverse;
    }
  }
  if (o.keys.empty() && g.HasOrderingOptions()) {
    Key whole = g;
    whole.sword = kNoPos;
    whole.eword = kNoPos;
    o.keys.push_back(whole);
  }
  for (const Key& k : o.keys) {
    int n = k.numeric + k.general + k.human + k.month +
            ((k.version || k.random || k.ignore != Ignore::kNone) ? 1 : 0);
    if (n > 1) {
      Key shown = k;
      shown.skip_start_blanks = shown.skip_end_blanks = shown.reverse = false;
      Incompatible(inv, shown.Letters());
    }
  }
  o.cfg.keys = o.keys;
  o.cfg.reverse = g.reverse;
}

// Long options whose value may be the next argument.
constexpr const char* kLongWithValue[] = {
    "batch-size", "buffer-size", "compress-program", "field-separator",
    "files0-from", "key", "output", "parallel", "random-source", "sort",
    "temporary-directory"};

// How many of the arguments after a (0 or 1) are its option's value.
std::size_t ValueArgs(const std::string& a) {
  if (a.size() < 2 || a[0] != '-') return 0;
  if (a[1] == '-') {
    if (a.size() == 2 || a.find('=') != std::string::npos) return 0;
    std::string_view name(a.data() + 2, a.size() - 2);
    for (const char* l : kLongWithValue)
      if (std::string_view(l).substr(0, name.size()) == name) return 1;
    return 0;
  }
  for (std::size_t j = 1; j < a.size(); ++j)
    if (std::strchr("okStTy", a[j]) != nullptr) return j + 1 == a.size() ? 1 : 0;
  return 0;
}

// The obsolete key syntax: +POS1 [-POS2] (0-based field.char positions)
// becomes -k POS1+1[,POS2']. The obsolete -y[N] (Solaris) is dropped as GNU
// ignores it: its value is the rest of the cluster, or the next argument
// when that is all digits (else the next argument is read as usual).
// Other arguments are kept as they are.
std::vector<std::string> RewriteObsoleteKeys(const mc::Invocation& inv) {
  auto is_pos = [](const std::string& a, char lead) {
    if (a.size() < 2 || a[0] != lead) return false;
    std::size_t i = 1;
    std::size_t d = i;
    while (i < a.size() && a[i] >= '0' && a[i] <= '9') ++i;
    if (i == d) return false;
    if (i < a.size() && a[i] == '.') {
      std::size_t e = ++i;
      while (i < a.size() && a[i] >= '0' && a[i] <= '9') ++i;
      if (i == e) return false;
    }
    return a.find_first_not_of("bdfgiMhnRrV", i) == std::string::npos;
  };
  auto split = [](const std::string& a, unsigned long long& f, unsigned long long& c, bool& has_c,
                  std::string& opts) {
    std::size_t i = 1;
    f = 0;
    while (i < a.size() && a[i] >= '0' && a[i] <= '9') f = f * 10 + static_cast<unsigned>(a[i++] - '0');
    c = 0;
    has_c = false;
    if (i < a.size() && a[i] == '.') {
      has_c = true;
      ++i;
      while (i < a.size() && a[i] >= '0' && a[i] <= '9') c = c * 10 + static_cast<unsigned>(a[i++] - '0');
    }
    opts = a.substr(i);
  };
  std::vector<std::string> in(inv.args().begin(), inv.args().end()), out;
  bool ended = false;
  const bool posix = inv.posixly_correct();
  bool operand_seen = false;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const std::string& a = in[i];
    if (ended || a == "--") {
      ended = true;
      out.push_back(a);
      continue;
    }
    const bool option = a.size() >= 2 && a[0] == '-' && !(posix && operand_seen);
    if (option && a[1] != '-') {
      const std::size_t y = a.find_first_of("okStTy", 1);
      if (y != std::string::npos && a[y] == 'y' && (y + 1 < a.size() || i + 1 < in.size())) {
        // -y: without a value the parser reports the missing argument.
        if (y > 1) out.push_back(a.substr(0, y));
        if (y + 1 == a.size() && in[i + 1].find_first_not_of("0123456789") == std::string::npos) ++i;
        continue;
      }
    }
    // The value of an option that takes one is not a key.
    if (option && ValueArgs(a) == 1 && i + 1 < in.size()) {
      out.push_back(a);
      out.push_back(in[++i]);
      continue;
    }
    if (!is_pos(a, '+')) {
      if (!option) operand_seen = true;
      out.push_back(a);
      continue;
    }
    unsigned long long f, c;
    bool has_c;
    std::string opts;
    split(a, f, c, has_c, opts);
    std::string key = std::to_string(f + 1);
    if (has_c) key += "." + std::to_string(c + 1);
    key += opts;
    if (i + 1 < in.size() && is_pos(in[i + 1], '-')) {
      split(in[++i], f, c, has_c, opts);
      if (c == 0) key += "," + std::to_string(f);
      else key += "," + std::to_string(f + 1) + "." + std::to_string(c);
      key += opts;
    }
    out.push_back("-k");
    out.push_back(key);
  }
  return out;
}

// --debug's warnings about questionable keys and options, as GNU gives them.
void DebugWarnings(mc::Invocation& inv, const Options& o) {
  mc::Warn(inv, "text ordering performed using simple byte comparison");
  const bool gkey_only = o.keys_given == 0;
  std::size_t n = 0;
  for (const Key& k : o.cfg.keys) {
    ++n;
    if (gkey_only) break;
    bool zero_width = k.sword != kNoPos && k.eword < k.sword;
    if (zero_width)
      mc::Warn(inv, "key " + std::to_string(n) + " has zero width and will be ignored");
    bool implicit_skip = k.NumericLike() || k.month;
    bool line_offset = k.eword == 0 && k.echar != 0;
    if (!zero_width && o.cfg.tab == mc::sort::kDefaultTab && !line_offset &&
        ((!k.skip_start_blanks && !implicit_skip) || (!k.skip_start_blanks && k.schar) ||
         (!k.skip_end_blanks && k.echar)))
      mc::Warn(inv, "leading blanks are significant in key " + std::to_string(n) +
                        "; consider also specifying 'b'");
    if (!zero_width && k.NumericLike()) {
      std::size_t sw = k.sword + 1, ew = k.eword + 1;
      if (sw == 0) ++sw;
      if (ew == 0 || sw < ew)
        mc::Warn(inv, "key " + std::to_string(n) + " is numeric and spans multiple fields");
    }
  }
  bool numeric = false;
  for (const Key& k : o.cfg.keys) numeric |= k.NumericLike();
  if (numeric) mc::Warn(inv, "note numbers use '.' as a decimal point in this locale");
  if (gkey_only) return;
  // Global options no key inherited.
  bool inherited = false;
  for (bool b : o.inherited) inherited |= b;
  if (inherited) return;
  Key ug = o.global;
  const bool last_resort = !(o.cfg.stable || o.cfg.unique);
  bool reverse_used = ug.reverse && last_resort;
  if (last_resort) ug.reverse = false;
  std::string letters = ug.Letters();
  if (!letters.empty())
    mc::Warn(inv, std::string(letters.size() == 1 ? "option '-" : "options '-") + letters +
                      (letters.size() == 1 ? "' is ignored" : "' are ignored"));
  if (reverse_used) mc::Warn(inv, "option '-r' only applies to last-resort comparison");
}

}  // namespace

MC_APPLET(sort) {
  Options o;
  mc::cli::Parser p(inv);
  Key& g = o.global;
  p.OnFlag("-b,--ignore-leading-blanks", [&] { g.skip_start_blanks = g.skip_end_blanks = true; });
  p.OnFlag("-d,--dictionary-order", [&] { g.ignore = Ignore::kNonDictionary; });
  p.OnFlag("-f,--ignore-case", [&] { g.fold = true; });
  p.OnFlag("-g,--general-numeric-sort", [&] { g.general = true; });
  p.OnFlag("-h,--human-numeric-sort", [&] { g.human = true; });
  p.OnFlag("-i,--ignore-nonprinting", [&] {
    if (g.ignore == Ignore::kNone) g.ignore = Ignore::kNonPrinting;
  });
  p.OnFlag("-M,--month-sort", [&] { g.month = true; });
  p.OnFlag("-n,--numeric-sort", [&] { g.numeric = true; });
  p.OnFlag("-R,--random-sort", [&] { g.random = true; });
  p.OnFlag("-r,--reverse", [&] { g.reverse = true; });
  p.OnFlag("-V,--version-sort", [&] { g.version = true; });
  auto set_check = [&](Check c) {
    if (o.check != Check::kNone && o.check != c) Incompatible(inv, "cC");
    o.check = c;
  };
  p.OnFlag("-c", [&] { set_check(Check::kDiagnose); });
  p.OnFlag("-C", [&] { set_check(Check::kQuiet); });
  p.OptionalValue("--check", [&](std::optional<std::string_view> v) {
    if (!v) {
      set_check(Check::kDiagnose);
      return;
    }
    int r = MatchOrDie(inv, *v, "--check", kCheckWords);
    set_check(r == 2 ? Check::kQuiet : Check::kDiagnose);
  });
  p.OnValue("--sort", [&](const std::string& v) {
    int r = MatchOrDie(inv, v, "--sort", kSortWords);
    char letters[2] = {static_cast<char>(r), 0};
    SetOrdering(letters, g, 0);
  });
  p.OnValue("--batch-size", [&](const std::string& v) {
    std::uintmax_t n;
    auto e = mc::ParseUnsigned(v, n);
    if (e == mc::NumError::kInvalid) Die(inv, "invalid --batch-size argument " + mc::Quote(v));
    if (e == mc::NumError::kOk && n < 2) {
      mc::Warn(inv, "invalid --batch-size argument " + mc::Quote(v));
      Die(inv, "minimum --batch-size argument is '2'");
    }
    o.nmerge = e == mc::NumError::kOverflow || n > 4096 ? 4096 : static_cast<std::size_t>(n);
  });
  p.OnValue("--compress-program", [&](const std::string& v) {
    if (o.compress && *o.compress != v) Die(inv, "multiple compress programs specified");
    o.compress = v;
  });
  p.OnFlag("--debug", [&] { o.debug = true; });
  p.OnValue("--files0-from", [&](const std::string& v) { o.files0_from = v; });
  p.OnValue("-k,--key", [&](const std::string& v) { o.keys.push_back(ParseKey(inv, v)); });
  p.OnFlag("-m,--merge", [&] { o.merge = true; });
  p.OnValue("-o,--output", [&](const std::string& v) {
    if (o.output && *o.output != v) Die(inv, "multiple output files specified");
    o.output = v;
  });
  p.OnValue("--random-source", [&](const std::string& v) {
    if (o.random_source && *o.random_source != v) Die(inv, "multiple random sources specified");
    o.random_source = v;
  });
  p.OnFlag("-s,--stable", [&] { o.cfg.stable = true; });
  p.OnValue("-S,--buffer-size", [&](const std::string& v) { o.buffer_size = ParseBufferSize(inv, v); });
  p.OnValue("-t,--field-separator", [&](const std::string& v) {
    int tab;
    if (v.empty()) Die(inv, "empty tab");
    if (v.size() > 1) {
      if (v == "\\0") tab = 0;
      else Die(inv, "multi-character tab " + mc::Quote(v));
    } else {
      tab = static_cast<unsigned char>(v[0]);
    }
    if (o.cfg.tab != mc::sort::kDefaultTab && o.cfg.tab != tab) Die(inv, "incompatible tabs");
    o.cfg.tab = tab;
  });
  p.OnValue("-T,--temporary-directory", [&](const std::string& v) { o.tmpdirs.push_back(v); });
  p.OnValue("--parallel", [&](const std::string& v) {
    std::uintmax_t n;
    auto e = mc::ParseUnsigned(v, n);
    if (e == mc::NumError::kInvalid) Die(inv, "invalid --parallel argument " + mc::Quote(v));
    if (e == mc::NumError::kOk && n == 0) Die(inv, "number in parallel must be nonzero");
    o.threads = e == mc::NumError::kOverflow || n > 64 ? 64 : static_cast<std::size_t>(n);
  });
  p.OnFlag("-u,--unique", [&] { o.cfg.unique = true; });
  p.OnFlag("-z,--zero-terminated", [&] { o.delim = '\0'; });
  // Obsolete, ignored (see RewriteObsoleteKeys); declared for the
  // "option requires an argument" message of a -y that ends the arguments.
  p.OnValue("-y", [](const std::string&) {});
  std::vector<std::string> operands;
  if (auto rc = p.Parse(RewriteObsoleteKeys(inv), &operands)) return *rc;

  if (o.files0_from && !operands.empty()) return mc::Files0WithOperands(inv, operands[0]);
  Settle(inv, o);
  if (o.check != Check::kNone) {
    const char c = o.check == Check::kQuiet ? 'C' : 'c';
    if (operands.size() > 1)
      Die(inv, "extra operand " + mc::Quote(operands[1]) + " not allowed with -" + c);
    if (o.output) Incompatible(inv, std::string(1, c) + "o");
    if (o.debug) Die(inv, std::string("options '-") + c + " --debug' are incompatible");
  }
  if (o.debug && o.output) Die(inv, "options '-o --debug' are incompatible");
  if (o.files0_from) ReadFiles0(inv, *o.files0_from, o.files);
  else o.files = operands;
  if (o.files.empty()) o.files.push_back("-");

  // -R: salt from the random source or the system.
  bool need_random = false;
  for (const Key& k : o.cfg.keys) need_random |= k.random;
  if (need_random) {
    unsigned char salt[16] = {};
    if (o.random_source) {
      int fd = ::open(o.random_source->c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) DieErrno(inv, "open failed: " + mc::QuoteName(*o.random_source), errno);
      long got = mc::ReadFull(fd, salt, sizeof salt);
      int err = errno;
      ::close(fd);
      if (got < 0) DieErrno(inv, mc::QuoteName(*o.random_source), err);
      if (got < static_cast<long>(sizeof salt)) Die(inv, mc::Quote(*o.random_source) + ": end of file");
    } else if (::getrandom(salt, sizeof salt, 0) != static_cast<long>(sizeof salt)) {
      for (std::size_t i = 0; i < sizeof salt; ++i)
        salt[i] = static_cast<unsigned char>(reinterpret_cast<std::uintptr_t>(&o) >> (i % 8));
    }
    o.cfg.random_seed.Reset();
    o.cfg.random_seed.Update(salt, sizeof salt);
  }

  if (o.debug) DebugWarnings(inv, o);

  inv.set_write_error_label("write failed: 'standard output'");
  Sorter s(inv, o);
  if (o.buffer_size) s.SetBudget(MemoryBudget(o));
  return s.Run();
}
