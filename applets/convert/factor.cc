/* @applet factor
   @install usr/bin
   @help
Usage: factor [OPTION] [NUMBER]...
Print the prime factors of each specified integer NUMBER.  If none
are specified on the command line, read them from standard input.

  -h, --exponents   print repeated factors in form p^e unless e is 1
      --help        display this help and exit
      --version     output version information and exit
*/
// Numbers up to 2^128-1: trial division by the primes below 2048 (an exact
// divisibility test through modular inverses, no division), then
// Miller-Rabin and Pollard-Brent rho in Montgomery arithmetic, with one
// 64-bit word when the cofactor fits in it and two words otherwise.
// Miller-Rabin with the first 12 prime bases is a proof below 3.3e24
// (about 2^81); above that it is 20 bases, not a proof. GNU factors larger
// numbers with GMP; here they are "too large".
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "registry/applet.h"

namespace {

using u64 = std::uint64_t;
using u128 = unsigned __int128;

constexpr unsigned kTrialLimit = 2048;

inline u64 Lo(u128 x) { return static_cast<u64>(x); }
inline u64 Hi(u128 x) { return static_cast<u64>(x >> 64); }

// n^-1 mod 2^64 for odd n (Newton's iteration; n*n = 1 mod 8 to start).
u64 Inverse64(u64 n) {
  u64 x = n;
  for (int i = 0; i < 5; i++) x *= 2 - n * x;
  return x;
}
u128 Inverse128(u128 n) {
  u128 x = n;
  for (int i = 0; i < 6; i++) x *= 2 - n * x;
  return x;
}

// Arithmetic modulo an odd n < 2^64 in Montgomery form (R = 2^64).
class Mont64 {
 public:
  using T = u64;
  explicit Mont64(u64 n) : n_(n), inv_(Inverse64(n)) {
    r1_ = static_cast<u64>((static_cast<u128>(1) << 64) % n);
    r2_ = static_cast<u64>(static_cast<u128>(r1_) * r1_ % n);
  }
  u64 n() const { return n_; }
  u64 One() const { return r1_; }
  u64 To(u64 x) const { return Mul(x % n_, r2_); }
  u64 Mul(u64 a, u64 b) const {
    u128 t = static_cast<u128>(a) * b;
    u64 m = Lo(t) * inv_;
    u64 mh = Hi(static_cast<u128>(m) * n_);
    u64 th = Hi(t);
    return th >= mh ? th - mh : th - mh + n_;
  }
  u64 Add(u64 a, u64 b) const {
    u64 s = a + b;
    return (s < a || s >= n_) ? s - n_ : s;
  }
  u64 Sub(u64 a, u64 b) const { return a >= b ? a - b : a - b + n_; }

 private:
  u64 n_, inv_, r1_, r2_;
};

// Arithmetic modulo an odd n < 2^128 in Montgomery form (R = 2^128), on
// two 64-bit words (coarsely integrated operand scanning).
class Mont128 {
 public:
  using T = u128;
  explicit Mont128(u128 n) : n_(n), n0_(Lo(n)), n1_(Hi(n)), ninv_(0 - Inverse64(Lo(n))) {
    r1_ = (0 - n) % n;
    u128 r = r1_;
    for (int i = 0; i < 128; i++) r = Add(r, r);
    r2_ = r;
  }
  u128 n() const { return n_; }
  u128 One() const { return r1_; }
  u128 To(u128 x) const { return Mul(x % n_, r2_); }
  u128 Mul(u128 a, u128 b) const {
    const u64 a0 = Lo(a), a1 = Hi(a), b0 = Lo(b), b1 = Hi(b);
    u128 p = static_cast<u128>(a0) * b0;
    u64 t0 = Lo(p), c = Hi(p);
    p = static_cast<u128>(a0) * b1 + c;
    u64 t1 = Lo(p), t2 = Hi(p);
    u64 m = t0 * ninv_;
    p = static_cast<u128>(m) * n0_ + t0;
    c = Hi(p);
    p = static_cast<u128>(m) * n1_ + t1 + c;
    t0 = Lo(p);
    c = Hi(p);
    p = static_cast<u128>(t2) + c;
    t1 = Lo(p);
    t2 = Hi(p);
    p = static_cast<u128>(a1) * b0 + t0;
    t0 = Lo(p);
    c = Hi(p);
    p = static_cast<u128>(a1) * b1 + t1 + c;
    t1 = Lo(p);
    c = Hi(p);
    p = static_cast<u128>(t2) + c;
    t2 = Lo(p);
    u64 t3 = Hi(p);
    m = t0 * ninv_;
    p = static_cast<u128>(m) * n0_ + t0;
    c = Hi(p);
    p = static_cast<u128>(m) * n1_ + t1 + c;
    t0 = Lo(p);
    c = Hi(p);
    p = static_cast<u128>(t2) + c;
    t1 = Lo(p);
    t2 = t3 + Hi(p);
    u128 r = (static_cast<u128>(t1) << 64) | t0;
    if (t2 != 0 || r >= n_) r -= n_;
    return r;
  }
  u128 Add(u128 a, u128 b) const {
    u128 s = a + b;
    return (s < a || s >= n_) ? s - n_ : s;
  }
  u128 Sub(u128 a, u128 b) const { return a >= b ? a - b : a - b + n_; }

 private:
  u128 n_;
  u64 n0_, n1_, ninv_;
  u128 r1_, r2_;
};

template <class T>
int Ctz(T x) {
  if constexpr (sizeof(T) > 8) {
    return Lo(x) != 0 ? __builtin_ctzll(Lo(x)) : 64 + __builtin_ctzll(Hi(x));
  } else {
    return __builtin_ctzll(x);
  }
}

template <class T>
T Gcd(T a, T b) {
  if (a == 0) return b;
  if (b == 0) return a;
  int shift = Ctz(a | b);
  a >>= Ctz(a);
  do {
    b >>= Ctz(b);
    if (a > b) std::swap(a, b);
    b -= a;
  } while (b != 0);
  return a << shift;
}

// Miller-Rabin for an odd n > 2 with the given prime bases.
template <class M>
bool ProbablePrime(const M& m, int bases) {
  using T = typename M::T;
  static constexpr unsigned kBases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37,
                                        41, 43, 47, 53, 59, 61, 67, 71};
  const T n = m.n();
  const T nm1 = n - 1;
  const int s = Ctz(nm1);
  const T d = nm1 >> s;
  const T one = m.One();
  const T minus_one = m.Sub(0, one);
  for (int i = 0; i < bases; i++) {
    if (n == kBases[i]) return true;
    T x = one, b = m.To(kBases[i]);
    for (T e = d; e != 0; e >>= 1) {
      if (e & 1) x = m.Mul(x, b);
      b = m.Mul(b, b);
    }
    if (x == one || x == minus_one) continue;
    bool composite = true;
    for (int r = 1; r < s; r++) {
      x = m.Mul(x, x);
      if (x == minus_one) {
        composite = false;
        break;
      }
      if (x == one) break;
    }
    if (composite) return false;
  }
  return true;
}

// A non-trivial factor of the odd composite m.n(), or m.n() if this c
// did not find one.
template <class M>
typename M::T Rho(const M& m, typename M::T c) {
  using T = typename M::T;
  const T n = m.n();
  T y = m.To(2), x = y, ys = y, q = m.One(), g = 1;
  constexpr unsigned kBatch = 128;
  for (unsigned long r = 1; g == 1; r <<= 1) {
    x = y;
    for (unsigned long i = 0; i < r; i++) y = m.Add(m.Mul(y, y), c);
    for (unsigned long k = 0; k < r && g == 1; k += kBatch) {
      ys = y;
      unsigned long lim = std::min<unsigned long>(kBatch, r - k);
      for (unsigned long i = 0; i < lim; i++) {
        y = m.Add(m.Mul(y, y), c);
        q = m.Mul(q, m.Sub(x, y));
      }
      g = Gcd<T>(q, n);
    }
  }
  if (g == n) {
    do {
      ys = m.Add(m.Mul(ys, ys), c);
      g = Gcd<T>(m.Sub(x, ys), n);
    } while (g == 1);
  }
  return g;
}

// floor(sqrt(n)) by Newton's iteration from above.
u128 Isqrt(u128 n) {
  if (n < 2) return n;
  int bits = 128 - (Hi(n) ? __builtin_clzll(Hi(n)) : 64 + __builtin_clzll(Lo(n)));
  u128 x = static_cast<u128>(1) << ((bits + 1) / 2);
  for (;;) {
    u128 y = (x + n / x) / 2;
    if (y >= x) return x;
    x = y;
  }
}

struct Factors {
  std::vector<u128> list;
};

void FactorOdd(u128 n, Factors& out);

template <class M>
void FactorWith(const M& m, Factors& out) {
  using T = typename M::T;
  const T n = m.n();
  const int bases = sizeof(T) > 8 && n >= (static_cast<u128>(1) << 81) ? 20 : 12;
  if (ProbablePrime(m, bases)) {
    out.list.push_back(n);
    return;
  }
  // Rho needs about sqrt(p) steps to find p, whatever the cofactor, so a
  // square of a large prime is taken apart by a square root first.
  if (u128 r = Isqrt(n); r * r == n) {
    FactorOdd(r, out);
    FactorOdd(r, out);
    return;
  }
  for (T c = m.One();; c = m.Add(c, m.One())) {
    T g = Rho(m, c);
    if (g != n) {
      FactorOdd(g, out);
      FactorOdd(n / g, out);
      return;
    }
  }
}

// n odd, without factors below kTrialLimit.
void FactorOdd(u128 n, Factors& out) {
  if (n == 1) return;
  if (n < static_cast<u128>(kTrialLimit) * kTrialLimit) {
    out.list.push_back(n);
    return;
  }
  if (Hi(n) == 0) FactorWith(Mont64(Lo(n)), out);
  else FactorWith(Mont128(n), out);
}

// The odd primes below kTrialLimit with what the divisibility test needs:
// p divides n iff n * p^-1 (mod 2^w) <= (2^w - 1) / p.
struct Prime {
  u64 p, inv64, lim64;
  u128 inv128, lim128;
};

std::vector<Prime> SmallPrimes() {
  std::vector<bool> composite(kTrialLimit);
  std::vector<Prime> primes;
  for (unsigned i = 3; i < kTrialLimit; i += 2) {
    if (composite[i]) continue;
    for (unsigned j = i * i; j < kTrialLimit; j += 2 * i) composite[j] = true;
    primes.push_back({i, Inverse64(i), ~u64{0} / i, Inverse128(i), ~u128{0} / i});
  }
  return primes;
}

void Factor(u128 n, const std::vector<Prime>& primes, Factors& out) {
  if (n == 0) return;
  if (n != 0) {
    int z = Ctz(n);
    out.list.insert(out.list.end(), z, 2);
    n >>= z;
  }
  for (const Prime& p : primes) {
    if (static_cast<u128>(p.p) * p.p > n) {
      if (n > 1) out.list.push_back(n);
      return;
    }
    if (Hi(n) == 0) {
      u64 v = Lo(n);
      while (v * p.inv64 <= p.lim64) {
        out.list.push_back(p.p);
        v *= p.inv64;
      }
      n = v;
    } else {
      while (n * p.inv128 <= p.lim128) {
        out.list.push_back(p.p);
        n *= p.inv128;
      }
    }
  }
  FactorOdd(n, out);
}

char* Decimal(u128 v, char* end) {
  do {
    *--end = static_cast<char>('0' + static_cast<unsigned>(v % 10));
    v /= 10;
  } while (v != 0);
  return end;
}

class Factorer {
 public:
  Factorer(mc::Invocation& inv, bool exponents) : inv_(inv), exponents_(exponents), primes_(SmallPrimes()) {}

  // One NUMBER as GNU reads it: spaces, one '+', then decimal digits.
  bool Print(std::string_view input) {
    std::string_view s = input;
    while (!s.empty() && s[0] == ' ') s.remove_prefix(1);
    if (!s.empty() && s[0] == '+') s.remove_prefix(1);
    u128 n = 0;
    bool overflow = false;
    for (char ch : s) {
      if (ch < '0' || ch > '9') {
        return Invalid(input);
      }
      unsigned d = static_cast<unsigned>(ch - '0');
      if (n > (~u128{0} - d) / 10) overflow = true;
      n = n * 10 + d;
    }
    if (s.empty()) return Invalid(input);
    if (overflow) {
      mc::Warn(inv_, mc::QuoteC(input) + " is too large");
      return false;
    }
    factors_.list.clear();
    Factor(n, primes_, factors_);
    std::sort(factors_.list.begin(), factors_.list.end());
    char buf[48];
    char* end = buf + sizeof buf;
    mc::Output& out = inv_.out();
    end[-1] = ':';
    char* b = Decimal(n, end - 1);
    out.Write(std::string_view(b, end - b));
    const auto& f = factors_.list;
    for (std::size_t i = 0; i < f.size();) {
      std::size_t j = i + 1;
      if (exponents_) while (j < f.size() && f[j] == f[i]) j++;
      b = Decimal(f[i], end);
      *--b = ' ';
      out.Write(std::string_view(b, end - b));
      if (j - i > 1) {
        b = Decimal(j - i, end);
        *--b = '^';
        out.Write(std::string_view(b, end - b));
      }
      i = j;
    }
    out.Put('\n');
    return true;
  }

 private:
  bool Invalid(std::string_view input) {
    mc::Warn(inv_, mc::QuoteC(input) + " is not a valid positive integer");
    return false;
  }

  mc::Invocation& inv_;
  bool exponents_;
  std::vector<Prime> primes_;
  Factors factors_;
};

}  // namespace

MC_APPLET(factor) {
  mc::cli::Parser p(inv);
  bool exponents = false;
  p.Flag("-h,--exponents", exponents);
  std::vector<std::string> numbers;
  if (auto rc = p.Parse(&numbers)) return *rc;
  // GNU buffers its output in blocks and writes messages at once.
  inv.set_flush_before_messages(false);
  Factorer f(inv, exponents);
  bool ok = true;
  if (!numbers.empty()) {
    for (const std::string& n : numbers) ok &= f.Print(n);
    return ok ? 0 : 1;
  }
  mc::LineReader reader(inv.in_fd());
  std::string_view line;
  while (reader.Next(line)) {
    std::size_t i = 0;
    while (i < line.size()) {
      if (line[i] == ' ' || line[i] == '\t') {
        i++;
        continue;
      }
      std::size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t') j++;
      // GNU reads tokens as C strings: a NUL ends the number.
      std::string_view token = line.substr(i, j - i);
      token = token.substr(0, token.find('\0'));
      ok &= f.Print(token);
      i = j;
    }
  }
  // A read error ends the input silently, as GNU's readtoken does.
  return ok ? 0 : 1;
}
