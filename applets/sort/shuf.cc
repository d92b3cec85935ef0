/* @applet shuf
   @help
Usage: shuf [OPTION]... [FILE]
  or:  shuf -e [OPTION]... [ARG]...
  or:  shuf -i LO-HI [OPTION]...
Write a random permutation of the input lines to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -e, --echo                treat each ARG as an input line
  -i, --input-range=LO-HI   treat each number LO through HI as an input line
  -n, --head-count=COUNT    output at most COUNT lines
  -o, --output=FILE         write result to FILE instead of standard output
      --random-source=FILE  get random bytes from FILE
  -r, --repeat              output lines can be repeated
  -z, --zero-terminated     line delimiter is NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

With --random-source, the choices are those GNU shuf makes from the same
bytes.
*/
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/random.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"
#include "registry/applet.h"

namespace {

// Random bytes: --random-source's bytes in order, or a generator seeded
// from the system (xoshiro256**).
class RandomBytes {
 public:
  RandomBytes(mc::Invocation& inv, const std::optional<std::string>& source) : inv_(inv) {
    if (source) {
      name_ = *source;
      fd_ = ::open(source->c_str(), O_RDONLY | O_CLOEXEC);
      if (fd_ < 0) mc::DieErrno(inv, mc::QuoteName(*source), errno);
      return;
    }
    unsigned char seed[32];
    if (::getrandom(seed, sizeof seed, 0) != static_cast<long>(sizeof seed)) {
      std::uint64_t t = static_cast<std::uint64_t>(::getpid()) * 0x9e3779b97f4a7c15ULL ^
                        reinterpret_cast<std::uintptr_t>(this);
      std::memcpy(seed, &t, 8);
      std::memset(seed + 8, 0x5a, 24);
    }
    std::memcpy(s_, seed, sizeof s_);
    if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_[0] = 1;
  }
  ~RandomBytes() {
    if (fd_ >= 0) ::close(fd_);
  }
  RandomBytes(const RandomBytes&) = delete;
  RandomBytes& operator=(const RandomBytes&) = delete;

  unsigned char Next() {
    if (pos_ == len_) Refill();
    return buf_[pos_++];
  }

 private:
  void Refill() {
    pos_ = 0;
    if (name_.empty()) {
      for (std::size_t i = 0; i < sizeof buf_; i += 8) {
        const std::uint64_t v = Generate();
        std::memcpy(buf_ + i, &v, 8);
      }
      len_ = sizeof buf_;
      return;
    }
    const long got = mc::ReadSome(fd_, buf_, sizeof buf_);
    if (got <= 0) {
      // GNU's wording (randread): "'FILE': end of file", "'FILE': read error: ...".
      if (got < 0) mc::DieErrno(inv_, mc::Quote(name_) + ": read error", errno);
      mc::Die(inv_, mc::Quote(name_) + ": end of file");
    }
    len_ = static_cast<std::size_t>(got);
  }

  std::uint64_t Generate() {
    auto rotl = [](std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); };
    std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  mc::Invocation& inv_;
  std::string name_;
  int fd_ = -1;
  std::uint64_t s_[4] = {0, 0, 0, 0};
  unsigned char buf_[4096];
  std::size_t pos_ = 0, len_ = 0;
};

// Uniform integers from random bytes with gnulib's randint algorithm: only
// as many bytes as the range needs, big-endian, unused randomness kept for
// the next call. Following it byte for byte makes --random-source give
// GNU shuf's exact output.
class RandomInts {
 public:
  explicit RandomInts(RandomBytes& bytes) : bytes_(bytes) {}

  // Uniform in [0, choices), choices >= 1.
  std::uint64_t Choose(std::uint64_t choices) { return UpTo(choices - 1); }

 private:
  static std::uint64_t ShiftLeft(std::uint64_t x) { return (UINT64_MAX >> 8) < x ? 0 : x << 8; }

  std::uint64_t UpTo(std::uint64_t genmax) {
    const std::uint64_t choices = genmax + 1;
    for (;;) {
      while (randmax_ < genmax) {
        randnum_ = ShiftLeft(randnum_) + bytes_.Next();
        randmax_ = ShiftLeft(randmax_) + 0xff;
      }
      if (randmax_ == genmax) {
        const std::uint64_t r = randnum_;
        randnum_ = randmax_ = 0;
        return r;
      }
      const std::uint64_t excess = randmax_ - genmax;
      const std::uint64_t unusable = excess % choices;
      const std::uint64_t last_usable = randmax_ - unusable;
      const std::uint64_t reduced = randnum_ % choices;
      if (randnum_ <= last_usable) {
        randnum_ /= choices;
        randmax_ = excess / choices;
        return reduced;
      }
      randnum_ = reduced;
      randmax_ = unusable - 1;
    }
  }

  RandomBytes& bytes_;
  std::uint64_t randnum_ = 0, randmax_ = 0;
};

// The first h entries of a random permutation of 0..n-1, drawn as GNU's
// randperm does (a partial Fisher-Yates shuffle); only the moved entries
// are stored when n is much larger than h.
std::vector<std::uint64_t> RandomPermutation(RandomInts& rnd, std::uint64_t h, std::uint64_t n) {
  std::vector<std::uint64_t> v;
  if (h == 0) return v;
  v.reserve(static_cast<std::size_t>(h));
  if (n <= (1u << 22) || h > n / 4) {
    std::vector<std::uint64_t> perm(static_cast<std::size_t>(n));
    for (std::uint64_t i = 0; i < n; ++i) perm[i] = i;
    for (std::uint64_t i = 0; i < h; ++i) {
      std::uint64_t j = i + rnd.Choose(n - i);
      std::swap(perm[i], perm[j]);
    }
    perm.resize(static_cast<std::size_t>(h));
    return perm;
  }
  std::unordered_map<std::uint64_t, std::uint64_t> moved;
  auto at = [&](std::uint64_t i) {
    auto it = moved.find(i);
    return it == moved.end() ? i : it->second;
  };
  for (std::uint64_t i = 0; i < h; ++i) {
    std::uint64_t j = i + rnd.Choose(n - i);
    std::uint64_t vi = at(i), vj = at(j);
    moved[j] = vi;
    moved[i] = vj;
    v.push_back(vj);
  }
  return v;
}

void PutNumber(mc::Output& out, std::uint64_t v, char delim) {
  char buf[24];
  int n = 0;
  do buf[n++] = static_cast<char>('0' + v % 10);
  while ((v /= 10) != 0);
  char* p = out.Reserve(static_cast<std::size_t>(n) + 1);
  for (int i = 0; i < n; ++i) p[i] = buf[n - 1 - i];
  p[n] = delim;
  out.Commit(static_cast<std::size_t>(n) + 1);
}

bool ParseRange(const std::string& s, std::uint64_t& lo, std::uint64_t& hi, std::string& overflow) {
  std::size_t dash = s.find('-');
  if (dash == std::string::npos || dash == 0 || dash + 1 == s.size()) return false;
  std::string a = s.substr(0, dash), b = s.substr(dash + 1);
  for (const std::string* x : {&a, &b})
    if (x->find_first_not_of("0123456789") != std::string::npos) return false;
  std::uintmax_t l, h;
  auto ea = mc::ParseUnsigned(a, l), eb = mc::ParseUnsigned(b, h);
  if (ea == mc::NumError::kOverflow || eb == mc::NumError::kOverflow) {
    overflow = ea == mc::NumError::kOverflow ? a : b;
    return false;
  }
  if (ea != mc::NumError::kOk || eb != mc::NumError::kOk) return false;
  if (h == UINTMAX_MAX) {  // HI - LO + 1 must not wrap
    overflow = b;
    return false;
  }
  if (h + 1 < l) return false;
  lo = l;
  hi = h;
  return true;
}

// GNU shuf samples inputs larger than this (with -n) instead of holding them.
constexpr std::uint64_t kReservoirMinInput = 8192 * 1024;

// Bytes left in fd if it is a regular file, else the largest size.
std::uint64_t InputSize(int fd) {
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return UINT64_MAX;
  const off_t pos = ::lseek(fd, 0, SEEK_CUR);
  if (pos < 0) return UINT64_MAX;
  return st.st_size > pos ? static_cast<std::uint64_t>(st.st_size - pos) : 0;
}

// Reads all of fd into `data` and splits it into records.
bool ReadAll(mc::Invocation& inv, int fd, char delim, std::string& data, std::vector<std::string_view>& lines) {
  std::size_t used = 0;
  data.resize(mc::kReadBlock);
  for (;;) {
    if (data.size() - used < mc::kReadBlock / 2) data.resize(data.size() * 2);
    long got = mc::ReadSome(fd, data.data() + used, data.size() - used);
    if (got < 0) {
      mc::WarnErrno(inv, "read error", errno);
      return false;
    }
    if (got == 0) break;
    used += static_cast<std::size_t>(got);
  }
  data.resize(used);
  std::size_t start = 0;
  while (start < used) {
    const void* hit = std::memchr(data.data() + start, delim, used - start);
    std::size_t end = hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - data.data()) : used;
    lines.emplace_back(data.data() + start, end - start);
    start = end + 1;
  }
  return true;
}

// GNU's reservoir sampling: the first k records fill the reservoir; before
// each later record (and once more at the end of input) a number j below
// the count so far plus one is drawn, and the record replaces entry j if
// j < k.
bool ReadReservoir(mc::Invocation& inv, int fd, char delim, std::uint64_t k, RandomInts& rnd,
                   std::vector<std::string>& reservoir) {
  mc::LineReader reader(fd, delim);
  std::string_view rec;
  while (reservoir.size() < k && reader.Next(rec)) reservoir.emplace_back(rec);
  if (reservoir.size() == k && reader.error() == 0) {
    std::uint64_t seen = k;
    for (;;) {
      const std::uint64_t j = rnd.Choose(seen + 1);
      if (!reader.Next(rec)) break;
      ++seen;
      if (j < k) reservoir[static_cast<std::size_t>(j)].assign(rec);
    }
  }
  if (reader.error() != 0) {
    mc::WarnErrno(inv, "read error", reader.error());
    return false;
  }
  return true;
}

}  // namespace

MC_APPLET(shuf) {
  bool echo = false, repeat = false;
  std::optional<std::string> range_arg, output, source;
  std::optional<std::uint64_t> count;
  char delim = '\n';
  std::string error;
  auto fail = [&](const std::string& m) {
    if (error.empty()) error = m;
  };
  mc::cli::Parser p(inv);
  p.Flag("-e,--echo", echo);
  // The range is checked as it is seen (GNU): "-i x -i 1-2" reports the
  // invalid range, not the repetition.
  std::uint64_t lo = 0, hi = 0;
  p.OnValue("-i,--input-range", [&](const std::string& v) {
    if (range_arg) fail("multiple -i options specified");
    range_arg = v;
    std::string overflow;
    if (!ParseRange(v, lo, hi, overflow)) {
      std::string m = "invalid input range: " + mc::Quote(overflow.empty() ? v : overflow);
      if (!overflow.empty()) m += ": Value too large for defined data type";
      fail(m);
    }
  });
  p.OnValue("-n,--head-count", [&](const std::string& v) {
    std::uintmax_t n;
    auto e = mc::ParseUnsigned(v, n);
    if (e == mc::NumError::kInvalid || v.find('-') != std::string::npos) {
      fail("invalid line count: " + mc::Quote(v));
      return;
    }
    std::uint64_t c = e == mc::NumError::kOverflow ? UINT64_MAX : n;
    count = count ? std::min(*count, c) : c;
  });
  p.OnValue("-o,--output", [&](const std::string& v) {
    if (output && *output != v) fail("multiple output files specified");
    output = v;
  });
  p.OnValue("--random-source", [&](const std::string& v) {
    if (source && *source != v) fail("multiple random sources specified");
    source = v;
  });
  p.Flag("-r,--repeat", repeat);
  p.OnFlag("-z,--zero-terminated", [&] { delim = '\0'; });
  std::vector<std::string> ops;
  if (auto rc = p.Parse(&ops)) return *rc;
  if (!error.empty()) {
    mc::Warn(inv, error);
    return 1;
  }
  if (echo && range_arg) return mc::UsageError(inv, "cannot combine -e and -i options");
  if (range_arg) {
    if (!ops.empty()) return mc::UsageError(inv, "extra operand " + mc::Quote(ops[0]));
  } else if (!echo && ops.size() > 1) {
    return mc::UsageError(inv, "extra operand " + mc::Quote(ops[1]));
  }

  const std::uint64_t head = count ? *count : UINT64_MAX;
  // The input lines (unless -i): views into `data`, the reservoir or the
  // operands.
  std::string data;
  std::vector<std::string> reservoir;
  std::vector<std::string_view> lines;
  std::uint64_t n = 0;
  std::optional<RandomBytes> bytes;
  std::optional<RandomInts> rnd;
  auto open_source = [&] {
    bytes.emplace(inv, source);
    rnd.emplace(*bytes);
  };
  if (head == 0) {
    // Nothing is read and no random source is needed (unless -r).
  } else if (echo) {
    for (const auto& o : ops) lines.emplace_back(o);
    n = lines.size();
  } else if (range_arg) {
    n = hi + 1 - lo;
  } else {
    std::string name = ops.empty() ? "-" : ops[0];
    int fd = mc::OpenInput(inv, name);
    if (fd < 0) return 1;
    // As GNU: with -n, an input that may be large (over 8 MiB, or of
    // unknown size) is sampled into a reservoir of COUNT lines instead
    // of being held whole; that draws random numbers while reading.
    if (!repeat && count && InputSize(fd) > kReservoirMinInput) {
      open_source();
      if (!ReadReservoir(inv, fd, delim, head, *rnd, reservoir)) {
        mc::CloseInput(inv, fd);
        return 1;
      }
      for (const auto& r : reservoir) lines.emplace_back(r);
    } else if (!ReadAll(inv, fd, delim, data, lines)) {
      mc::CloseInput(inv, fd);
      return 1;
    }
    mc::CloseInput(inv, fd);
    n = lines.size();
  }
  const std::uint64_t ahead = repeat || head < n ? head : n;
  if (!rnd && (repeat || ahead > 0)) open_source();
  if (repeat && ahead > 0 && n == 0) {
    mc::Warn(inv, "no lines to repeat");
    return 1;
  }
  // Without -r the whole selection is drawn before any output, as GNU:
  // running out of random bytes then leaves no partial output.
  std::vector<std::uint64_t> permutation;
  if (!repeat) permutation = RandomPermutation(*rnd, ahead, n);

  int out_fd = -1;
  std::unique_ptr<mc::Output> file_out;
  if (output) {
    out_fd = ::open(output->c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (out_fd < 0) {
      mc::WarnErrno(inv, mc::QuoteName(*output), errno);
      return 1;
    }
    file_out = std::make_unique<mc::Output>(out_fd);
  }
  mc::Output& out = file_out ? *file_out : inv.out();
  auto put = [&](std::uint64_t i) {
    if (range_arg) {
      PutNumber(out, lo + i, delim);
    } else {
      out.Write(lines[static_cast<std::size_t>(i)]);
      out.Put(delim);
    }
  };
  int status = 0;
  try {
    if (repeat) {
      for (std::uint64_t k = 0; k < ahead; ++k) put(rnd->Choose(n));
    } else {
      for (std::uint64_t i : permutation) put(i);
    }
    if (file_out) file_out->Flush();
  } catch (const mc::WriteError& e) {
    if (!file_out) throw;
    mc::WarnErrno(inv, "write error", e.error);
    status = 1;
  }
  if (out_fd >= 0 && ::close(out_fd) != 0 && status == 0) {
    mc::WarnErrno(inv, mc::QuoteName(*output), errno);
    status = 1;
  }
  return status;
}
