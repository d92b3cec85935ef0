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

The same --random-source gives the same output, but not the same output
as other implementations of shuf.
*/
#include <fcntl.h>
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

struct Fatal {};

// Random numbers: bytes of --random-source, or a generator seeded from the
// system (xoshiro256**).
class Random {
 public:
  Random(mc::Invocation& inv, const std::optional<std::string>& source) : inv_(inv) {
    if (source) {
      name_ = *source;
      fd_ = ::open(source->c_str(), O_RDONLY | O_CLOEXEC);
      if (fd_ < 0) {
        mc::WarnErrno(inv, mc::QuoteName(*source), errno);
        throw Fatal{};
      }
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
  ~Random() {
    if (fd_ >= 0) ::close(fd_);
  }

  // Uniform in [0, n], n > 0 (rejection sampling, no bias).
  std::uint64_t Below(std::uint64_t n_inclusive) {
    if (n_inclusive == 0) return 0;
    if (n_inclusive == UINT64_MAX) return Next();
    std::uint64_t range = n_inclusive + 1;
    std::uint64_t threshold = (0 - range) % range;  // 2^64 mod range
    for (;;) {
      std::uint64_t v = Next();
      if (v >= threshold) return v % range;
    }
  }

 private:
  std::uint64_t Next() {
    if (!name_.empty()) {
      unsigned char b[8];
      long got = mc::ReadFull(fd_, b, sizeof b);
      if (got != static_cast<long>(sizeof b)) {
        if (got < 0) mc::WarnErrno(inv_, mc::QuoteName(name_), errno);
        else mc::Warn(inv_, mc::Quote(name_) + ": end of file");
        throw Fatal{};
      }
      std::uint64_t v;
      std::memcpy(&v, b, 8);
      return v;
    }
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
};

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
  p.OnValue("-i,--input-range", [&](const std::string& v) {
    if (range_arg) fail("multiple -i options specified");
    range_arg = v;
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
  std::uint64_t lo = 0, hi = 0;
  if (range_arg) {
    std::string overflow;
    if (!ParseRange(*range_arg, lo, hi, overflow)) {
      std::string m = "invalid input range: " + mc::Quote(overflow.empty() ? *range_arg : overflow);
      if (!overflow.empty()) m += ": Value too large for defined data type";
      mc::Warn(inv, m);
      return 1;
    }
    if (!ops.empty()) return mc::UsageError(inv, "extra operand " + mc::Quote(ops[0]));
  } else if (!echo && ops.size() > 1) {
    return mc::UsageError(inv, "extra operand " + mc::Quote(ops[1]));
  }

  try {
    // The input lines (unless -i): views into `data` or the operands.
    std::string data;
    std::vector<std::string_view> lines;
    if (!range_arg) {
      if (echo) {
        for (const auto& o : ops) lines.emplace_back(o);
      } else if (!(count && *count == 0)) {
        std::string name = ops.empty() ? "-" : ops[0];
        int fd = mc::OpenInput(inv, name);
        if (fd < 0) return 1;
        std::size_t used = 0;
        data.resize(mc::kReadBlock);
        for (;;) {
          if (data.size() - used < mc::kReadBlock / 2) data.resize(data.size() * 2);
          long n = mc::ReadSome(fd, data.data() + used, data.size() - used);
          if (n < 0) {
            mc::WarnErrno(inv, "read error", errno);
            mc::CloseInput(inv, fd);
            return 1;
          }
          if (n == 0) break;
          used += static_cast<std::size_t>(n);
        }
        mc::CloseInput(inv, fd);
        data.resize(used);
        std::size_t start = 0;
        while (start < used) {
          const void* hit = std::memchr(data.data() + start, delim, used - start);
          std::size_t end = hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - data.data())
                                : used;
          lines.emplace_back(data.data() + start, end - start);
          start = end + 1;
        }
      }
    }
    const std::uint64_t n = range_arg ? hi + 1 - lo : lines.size();
    const std::uint64_t want = count ? *count : (repeat ? UINT64_MAX : n);

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
        out.Write(lines[i]);
        out.Put(delim);
      }
    };
    int status = 0;
    try {
      if (repeat) {
        if (n == 0) {
          if (want > 0) {
            mc::Warn(inv, "no lines to repeat");
            status = 1;
          }
        } else {
          Random rnd(inv, source);
          for (std::uint64_t k = 0; k < want; ++k) put(rnd.Below(n - 1));
        }
      } else {
        const std::uint64_t k = std::min(want, n);
        if (k > 0) {
          Random rnd(inv, source);
          if (!range_arg || n <= (1u << 22) || k > n / 4) {
            std::vector<std::uint64_t> perm(n);
            for (std::uint64_t i = 0; i < n; ++i) perm[i] = i;
            for (std::uint64_t i = 0; i < k; ++i) {
              std::uint64_t j = i + rnd.Below(n - 1 - i);
              std::swap(perm[i], perm[j]);
              put(perm[i]);
            }
          } else {
            // A huge range: partial Fisher-Yates with only the moved entries.
            std::unordered_map<std::uint64_t, std::uint64_t> moved;
            auto at = [&](std::uint64_t i) {
              auto it = moved.find(i);
              return it == moved.end() ? i : it->second;
            };
            for (std::uint64_t i = 0; i < k; ++i) {
              std::uint64_t j = i + rnd.Below(n - 1 - i);
              std::uint64_t vi = at(i), vj = at(j);
              moved[j] = vi;
              moved[i] = vj;
              put(vj);
            }
          }
        }
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
  } catch (const Fatal&) {
    return 1;
  }
}
