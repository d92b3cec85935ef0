#include "applets/sort/sort_keys.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace mc::sort {

namespace {

// Byte classes of the C locale, built at compile time.
struct Tables {
  bool blank[256];
  bool nondict[256];
  bool nonprint[256];
  unsigned char upper[256];
};

constexpr Tables MakeTables() {
  Tables t{};
  for (int c = 0; c < 256; ++c) {
    bool blank = c == ' ' || c == '\t' || c == '\n';
    bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    t.blank[c] = blank;
    t.nondict[c] = !alnum && !blank;
    t.nonprint[c] = !(c >= 0x20 && c < 0x7f);
    t.upper[c] = static_cast<unsigned char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  }
  return t;
}

constexpr Tables kT = MakeTables();

inline bool Blank(char c) { return kT.blank[static_cast<unsigned char>(c)]; }
inline bool Digit(char c) { return c >= '0' && c <= '9'; }

const bool* IgnoreTable(Ignore i) {
  switch (i) {
    case Ignore::kNonDictionary: return kT.nondict;
    case Ignore::kNonPrinting: return kT.nonprint;
    default: return nullptr;
  }
}

int BytesCompare(const char* a, std::size_t alen, const char* b, std::size_t blen) {
  int d = std::memcmp(a, b, std::min(alen, blen));
  if (d != 0) return d;
  return alen < blen ? -1 : alen != blen;
}

// A -n number split into parts: sign, integer digits without leading zeros,
// fraction digits without trailing zeros.
struct Number {
  bool neg = false;
  const char* ip = nullptr;
  std::size_t ilen = 0;
  const char* fp = nullptr;
  std::size_t flen = 0;
};

Number ParseNumber(const char* p, const char* lim) {
  Number n;
  while (p < lim && Blank(*p)) ++p;
  if (p < lim && *p == '-') {
    n.neg = true;
    ++p;
  }
  while (p < lim && *p == '0') ++p;
  n.ip = p;
  while (p < lim && Digit(*p)) ++p;
  n.ilen = static_cast<std::size_t>(p - n.ip);
  if (p < lim && *p == '.') {
    ++p;
    n.fp = p;
    while (p < lim && Digit(*p)) ++p;
    n.flen = static_cast<std::size_t>(p - n.fp);
    while (n.flen > 0 && n.fp[n.flen - 1] == '0') --n.flen;
  }
  if (n.ilen == 0 && n.flen == 0) n.neg = false;  // -0 is 0
  return n;
}

int UnitOrder(unsigned char c) {
  switch (c) {
    case 'K': case 'k': return 1;
    case 'M': return 2;
    case 'G': return 3;
    case 'T': return 4;
    case 'P': return 5;
    case 'E': return 6;
    case 'Z': return 7;
    case 'Y': return 8;
    default: return 0;
  }
}

int FindUnitOrder(const char* p, const char* lim) {
  bool neg = p < lim && *p == '-';
  if (neg) ++p;
  bool nonzero = false;
  while (p < lim && Digit(*p)) nonzero |= *p++ != '0';
  if (p < lim && *p == '.') {
    ++p;
    while (p < lim && Digit(*p)) nonzero |= *p++ != '0';
  }
  if (!nonzero) return 0;
  int order = p < lim ? UnitOrder(static_cast<unsigned char>(*p)) : 0;
  return neg ? -order : order;
}

// gnulib filevercmp pieces.
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

int VerOrder(unsigned char c) {
  if (Digit(static_cast<char>(c))) return 0;
  if (IsAlpha(static_cast<char>(c))) return c;
  if (c == '~') return -1;
  return c + 256;
}

// Length of s without its file suffix (\.[A-Za-z~][A-Za-z0-9~]*)* at the end.
std::size_t PrefixLen(const char* s, std::size_t n) {
  std::size_t i = 0;
  for (;;) {
    std::size_t prefix = i;
    while (i + 1 < n && s[i] == '.' && (IsAlpha(s[i + 1]) || s[i + 1] == '~')) {
      for (i += 2; i < n && (IsAlpha(s[i]) || Digit(s[i]) || s[i] == '~'); ++i) {
      }
    }
    if (i >= n) return prefix;
    ++i;
  }
}

int VerRevCmp(const char* a, std::size_t alen, const char* b, std::size_t blen) {
  std::size_t i = 0, j = 0;
  while (i < alen || j < blen) {
    int first_diff = 0;
    while ((i < alen && !Digit(a[i])) || (j < blen && !Digit(b[j]))) {
      int ca = i == alen ? 0 : VerOrder(static_cast<unsigned char>(a[i]));
      int cb = j == blen ? 0 : VerOrder(static_cast<unsigned char>(b[j]));
      if (ca != cb) return ca - cb;
      ++i;
      ++j;
    }
    while (i < alen && a[i] == '0') ++i;
    while (j < blen && b[j] == '0') ++j;
    while (i < alen && j < blen && Digit(a[i]) && Digit(b[j])) {
      if (first_diff == 0) first_diff = a[i] - b[j];
      ++i;
      ++j;
    }
    if (i < alen && Digit(a[i])) return 1;
    if (j < blen && Digit(b[j])) return -1;
    if (first_diff != 0) return first_diff;
  }
  return 0;
}

inline std::uint64_t Mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

constexpr std::uint64_t kSaturate = 1000000000000000000ULL;  // 10^18

}  // namespace

bool IsBlank(unsigned char c) { return kT.blank[c]; }

std::string Key::Letters() const {
  std::string s;
  if (skip_start_blanks || skip_end_blanks) s += 'b';
  if (ignore == Ignore::kNonDictionary) s += 'd';
  if (fold) s += 'f';
  if (general) s += 'g';
  if (human) s += 'h';
  if (ignore == Ignore::kNonPrinting) s += 'i';
  if (month) s += 'M';
  if (numeric) s += 'n';
  if (random) s += 'R';
  if (reverse) s += 'r';
  if (version) s += 'V';
  return s;
}

int NumCompare(const char* a, const char* alim, const char* b, const char* blim) {
  Number x = ParseNumber(a, alim), y = ParseNumber(b, blim);
  if (x.neg != y.neg) return x.neg ? -1 : 1;
  int d;
  if (x.ilen != y.ilen) {
    d = x.ilen < y.ilen ? -1 : 1;
  } else {
    d = std::memcmp(x.ip, y.ip, x.ilen);
    if (d == 0) {
      d = std::memcmp(x.fp, y.fp, std::min(x.flen, y.flen));
      if (d == 0) d = x.flen < y.flen ? -1 : x.flen != y.flen;
    }
  }
  return x.neg ? -d : d;
}

int HumanCompare(const char* a, const char* alim, const char* b, const char* blim) {
  while (a < alim && Blank(*a)) ++a;
  while (b < blim && Blank(*b)) ++b;
  int d = FindUnitOrder(a, alim) - FindUnitOrder(b, blim);
  return d != 0 ? d : NumCompare(a, alim, b, blim);
}

int GeneralCompare(const char* a, const char* alim, const char* b, const char* blim,
                   std::string& sa, std::string& sb) {
  sa.assign(a, static_cast<std::size_t>(alim - a));
  sb.assign(b, static_cast<std::size_t>(blim - b));
  char* ea;
  char* eb;
  long double x = std::strtold(sa.c_str(), &ea);
  long double y = std::strtold(sb.c_str(), &eb);
  bool bad_a = ea == sa.c_str(), bad_b = eb == sb.c_str();
  // Conversion errors first, then NaNs, then numbers (-0 == +0).
  if (bad_a) return bad_b ? 0 : -1;
  if (bad_b) return 1;
  if (x < y) return -1;
  if (x > y) return 1;
  if (x == y) return 0;
  bool nan_a = std::isnan(x), nan_b = std::isnan(y);
  if (!nan_a) return 1;
  if (!nan_b) return -1;
  bool neg_a = std::signbit(x), neg_b = std::signbit(y);
  return neg_a == neg_b ? 0 : (neg_a ? -1 : 1);
}

int MonthOf(const char* s, const char* lim, const char** end) {
  static constexpr char kMonths[12][4] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                          "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  while (s < lim && Blank(*s)) ++s;
  if (lim - s >= 3) {
    for (int m = 0; m < 12; ++m) {
      if (kT.upper[static_cast<unsigned char>(s[0])] == kMonths[m][0] &&
          kT.upper[static_cast<unsigned char>(s[1])] == kMonths[m][1] &&
          kT.upper[static_cast<unsigned char>(s[2])] == kMonths[m][2]) {
        if (end) *end = s + 3;
        return m + 1;
      }
    }
  }
  if (end) *end = s;
  return 0;
}

int VersionCompare(const char* a, std::size_t alen, const char* b, std::size_t blen) {
  if (alen == 0) return blen == 0 ? 0 : -1;
  if (blen == 0) return 1;
  if (a[0] == '.') {
    if (b[0] != '.') return -1;
    bool adot = alen == 1, bdot = blen == 1;
    if (adot) return bdot ? 0 : -1;
    if (bdot) return 1;
    bool adotdot = a[1] == '.' && alen == 2, bdotdot = b[1] == '.' && blen == 2;
    if (adotdot) return bdotdot ? 0 : -1;
    if (bdotdot) return 1;
  } else if (b[0] == '.') {
    return 1;
  }
  std::size_t ap = PrefixLen(a, alen), bp = PrefixLen(b, blen);
  bool one_pass = ap == alen && bp == blen;
  int r = VerRevCmp(a, ap, b, bp);
  if (r != 0 || one_pass) return r;
  return VerRevCmp(a, alen, b, blen);
}

RandomDigest RandomKeyDigest(const mc::hash::Md5& seed, const char* p, std::size_t n) {
  mc::hash::Md5 h = seed;
  h.Update(p, n);
  RandomDigest d;
  h.Final(d.data());
  return d;
}

Comparator::Comparator(const Config& c) : cfg_(c) {
  if (c.keys.empty()) {
    cache_kind_ = CacheKind::kPrefix;
    first_reverse_ = c.reverse;
    return;
  }
  const Key& k = c.keys.front();
  first_reverse_ = k.reverse;
  if (k.IsText()) cache_kind_ = CacheKind::kPrefix;
  else if (k.numeric) cache_kind_ = CacheKind::kNumeric;
  else if (k.month) cache_kind_ = CacheKind::kMonth;
  else if (k.random) cache_kind_ = CacheKind::kRandom;
}

void Comparator::KeyBounds(std::string_view line, const Key& k, const char*& beg,
                           const char*& lim) const {
  const char* text = line.data();
  const char* end = text + line.size();
  const int tab = cfg_.tab;
  // Start.
  const char* p = text;
  if (k.sword == kNoPos) {
    if (k.skip_start_blanks)
      while (p < end && Blank(*p)) ++p;
  } else {
    std::size_t sword = k.sword;
    if (tab != kDefaultTab) {
      const char t = static_cast<char>(tab);
      while (p < end && sword--) {
        const void* hit = std::memchr(p, t, static_cast<std::size_t>(end - p));
        p = hit ? static_cast<const char*>(hit) + 1 : end;
      }
    } else {
      while (p < end && sword--) {
        while (p < end && Blank(*p)) ++p;
        while (p < end && !Blank(*p)) ++p;
      }
    }
    if (k.skip_start_blanks)
      while (p < end && Blank(*p)) ++p;
    p = static_cast<std::size_t>(end - p) > k.schar ? p + k.schar : end;
  }
  beg = p;
  // End.
  if (k.eword == kNoPos) {
    lim = end;
  } else {
    const char* q = text;
    std::size_t eword = k.eword;
    if (k.echar == 0) ++eword;
    if (tab != kDefaultTab) {
      const char t = static_cast<char>(tab);
      while (q < end && eword--) {
        while (q < end && *q != t) ++q;
        if (q < end && (eword || k.echar)) ++q;
      }
    } else {
      while (q < end && eword--) {
        while (q < end && Blank(*q)) ++q;
        while (q < end && !Blank(*q)) ++q;
      }
    }
    if (k.echar != 0) {
      if (k.skip_end_blanks)
        while (q < end && Blank(*q)) ++q;
      q = static_cast<std::size_t>(end - q) > k.echar ? q + k.echar : end;
    }
    lim = q;
  }
  if (lim < beg) lim = beg;
}

int Comparator::Filtered(const Key& k, const char* t, const char* l, std::string& out) const {
  out.clear();
  const bool* ign = IgnoreTable(k.ignore);
  for (; t < l; ++t) {
    unsigned char c = static_cast<unsigned char>(*t);
    if (ign && ign[c]) continue;
    out.push_back(static_cast<char>(k.fold ? kT.upper[c] : c));
  }
  return 0;
}

int Comparator::CompareKey(const Key& k, const char* ta, const char* la, const char* tb,
                           const char* lb) {
  if (k.IsText()) {
    const bool* ign = IgnoreTable(k.ignore);
    if (!ign && !k.fold)
      return BytesCompare(ta, static_cast<std::size_t>(la - ta), tb,
                          static_cast<std::size_t>(lb - tb));
    const unsigned char* up = kT.upper;
    for (;;) {
      if (ign) {
        while (ta < la && ign[static_cast<unsigned char>(*ta)]) ++ta;
        while (tb < lb && ign[static_cast<unsigned char>(*tb)]) ++tb;
      }
      if (!(ta < la && tb < lb)) break;
      unsigned char ca = static_cast<unsigned char>(*ta), cb = static_cast<unsigned char>(*tb);
      if (k.fold) {
        ca = up[ca];
        cb = up[cb];
      }
      if (ca != cb) return ca - cb;
      ++ta;
      ++tb;
    }
    return (ta < la) - (tb < lb);
  }
  if (k.ignore != Ignore::kNone || k.fold) {
    Filtered(k, ta, la, fa_);
    Filtered(k, tb, lb, fb_);
    ta = fa_.data();
    la = ta + fa_.size();
    tb = fb_.data();
    lb = tb + fb_.size();
    if (k.general) {
      std::string sa(fa_), sb(fb_);
      return GeneralCompare(sa.data(), sa.data() + sa.size(), sb.data(), sb.data() + sb.size(),
                            fa_, fb_);
    }
  }
  if (k.numeric) return NumCompare(ta, la, tb, lb);
  if (k.general) return GeneralCompare(ta, la, tb, lb, fa_, fb_);
  if (k.human) return HumanCompare(ta, la, tb, lb);
  if (k.month) return MonthOf(ta, la) - MonthOf(tb, lb);
  std::size_t na = static_cast<std::size_t>(la - ta), nb = static_cast<std::size_t>(lb - tb);
  if (k.random) {
    const RandomDigest da = RandomKeyDigest(cfg_.random_seed, ta, na);
    const RandomDigest db = RandomKeyDigest(cfg_.random_seed, tb, nb);
    if (int r = std::memcmp(da.data(), db.data(), da.size())) return r;
    return BytesCompare(ta, na, tb, nb);
  }
  return VersionCompare(ta, na, tb, nb);
}

int Comparator::CompareKeys(std::string_view a, std::string_view b) {
  for (const Key& k : cfg_.keys) {
    const char *ta, *la, *tb, *lb;
    KeyBounds(a, k, ta, la);
    KeyBounds(b, k, tb, lb);
    int d = CompareKey(k, ta, la, tb, lb);
    if (d != 0) return k.reverse ? -d : d;
  }
  return 0;
}

int Comparator::Compare(std::string_view a, std::string_view b) {
  if (!cfg_.keys.empty()) {
    int d = CompareKeys(a, b);
    if (d != 0 || cfg_.unique || cfg_.stable) return d;
  }
  int d = BytesCompare(a.data(), a.size(), b.data(), b.size());
  return cfg_.reverse ? -d : d;
}

std::uint64_t Comparator::Cache(std::string_view line) {
  if (cache_kind_ == CacheKind::kNone) return 0;
  const char* t = line.data();
  const char* l = t + line.size();
  const Key* k = cfg_.keys.empty() ? nullptr : &cfg_.keys.front();
  if (k) KeyBounds(line, *k, t, l);
  switch (cache_kind_) {
    case CacheKind::kPrefix: {
      std::uint64_t v = 0;
      int got = 0;
      if (k == nullptr || (k->ignore == Ignore::kNone && !k->fold)) {
        std::size_t n = std::min<std::size_t>(8, static_cast<std::size_t>(l - t));
        for (std::size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(t[i]);
        got = static_cast<int>(n);
      } else {
        const bool* ign = IgnoreTable(k->ignore);
        for (; t < l && got < 8; ++t) {
          unsigned char c = static_cast<unsigned char>(*t);
          if (ign && ign[c]) continue;
          v = (v << 8) | (k->fold ? kT.upper[c] : c);
          ++got;
        }
      }
      return got == 8 ? v : got == 0 ? 0 : v << (8 * (8 - got));
    }
    case CacheKind::kNumeric: {
      Number n = ParseNumber(t, l);
      std::uint64_t mag = 0;
      if (n.ilen > 18) {
        mag = kSaturate;
      } else {
        for (std::size_t i = 0; i < n.ilen; ++i) mag = mag * 10 + static_cast<unsigned>(n.ip[i] - '0');
      }
      const std::uint64_t bias = 1ULL << 62;
      return n.neg ? bias - mag : bias + mag;
    }
    case CacheKind::kMonth:
      return static_cast<std::uint64_t>(MonthOf(t, l));
    case CacheKind::kRandom: {
      // The digest's first 8 bytes, big-endian: ordered as memcmp orders
      // the digests.
      RandomDigest d;
      if (k->ignore != Ignore::kNone || k->fold) {
        Filtered(*k, t, l, fa_);
        d = RandomKeyDigest(cfg_.random_seed, fa_.data(), fa_.size());
      } else {
        d = RandomKeyDigest(cfg_.random_seed, t, static_cast<std::size_t>(l - t));
      }
      std::uint64_t v = 0;
      for (int i = 0; i < 8; ++i) v = v << 8 | d[static_cast<std::size_t>(i)];
      return v;
    }
    default:
      return 0;
  }
}

}  // namespace mc::sort
