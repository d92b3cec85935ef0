#include "applets/text/scan.h"

#include <cstring>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#define MC_TEXT_X86 1
#endif

namespace mc::text {

namespace {

#if MC_TEXT_X86
bool DetectAvx2() {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
  const bool osxsave = c & (1u << 27), avx = c & (1u << 28), popcnt = c & (1u << 23);
  if (!osxsave || !avx || !popcnt) return false;
  unsigned lo, hi;
  __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  if ((lo & 6u) != 6u) return false;  // XMM and YMM state enabled by the OS
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
  return (b & (1u << 5)) != 0 && (b & (1u << 3)) != 0;  // AVX2, BMI1
}

#define MC_AVX2 __attribute__((target("avx2,popcnt,bmi")))

MC_AVX2 std::uint64_t CountAvx2(const char* p, std::size_t n, char c) {
  const __m256i needle = _mm256_set1_epi8(c);
  const __m256i zero = _mm256_setzero_si256();
  std::uint64_t total = 0;
  std::size_t i = 0;
  while (n - i >= 64) {
    // Per-byte counters: subtracting the all-ones compare result adds 1.
    // At most 255 rounds before they are summed.
    __m256i acc0 = zero, acc1 = zero;
    std::size_t rounds = (n - i) / 64;
    if (rounds > 255) rounds = 255;
    for (std::size_t r = 0; r < rounds; ++r, i += 64) {
      __m256i v0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
      __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 32));
      acc0 = _mm256_sub_epi8(acc0, _mm256_cmpeq_epi8(v0, needle));
      acc1 = _mm256_sub_epi8(acc1, _mm256_cmpeq_epi8(v1, needle));
    }
    __m256i s = _mm256_add_epi64(_mm256_sad_epu8(acc0, zero), _mm256_sad_epu8(acc1, zero));
    total += static_cast<std::uint64_t>(_mm256_extract_epi64(s, 0)) +
             static_cast<std::uint64_t>(_mm256_extract_epi64(s, 1)) +
             static_cast<std::uint64_t>(_mm256_extract_epi64(s, 2)) +
             static_cast<std::uint64_t>(_mm256_extract_epi64(s, 3));
  }
  for (; i < n; ++i) total += p[i] == c;
  return total;
}

MC_AVX2 const char* FindNthAvx2(const char* p, std::size_t n, char c, std::uint64_t& k) {
  const __m256i needle = _mm256_set1_epi8(c);
  std::size_t i = 0;
  for (; n - i >= 32; i += 32) {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    unsigned mask = static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, needle)));
    if (mask == 0) continue;
    unsigned pc = static_cast<unsigned>(__builtin_popcount(mask));
    if (pc < k) {
      k -= pc;
      continue;
    }
    while (--k) mask &= mask - 1;
    return p + i + __builtin_ctz(mask);
  }
  for (; i < n; ++i)
    if (p[i] == c && --k == 0) return p + i;
  return nullptr;
}

MC_AVX2 const char* FindNthReverseAvx2(const char* p, std::size_t n, char c, std::uint64_t& k) {
  const __m256i needle = _mm256_set1_epi8(c);
  std::size_t end = n;
  for (; end >= 32; end -= 32) {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + end - 32));
    unsigned mask = static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, needle)));
    if (mask == 0) continue;
    unsigned pc = static_cast<unsigned>(__builtin_popcount(mask));
    if (pc < k) {
      k -= pc;
      continue;
    }
    while (--k) mask &= ~(1u << (31 - __builtin_clz(mask)));
    return p + end - 32 + (31 - __builtin_clz(mask));
  }
  while (end > 0) {
    --end;
    if (p[end] == c && --k == 0) return p + end;
  }
  return nullptr;
}

MC_AVX2 void CollectAvx2(const char* p, std::size_t n, char c, std::vector<std::uint32_t>* out) {
  const __m256i needle = _mm256_set1_epi8(c);
  std::size_t used = out->size();
  std::size_t i = 0;
  for (; n - i >= 32; i += 32) {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    unsigned mask = static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, needle)));
    if (mask == 0) continue;
    if (out->size() < used + 32) out->resize(used + 32 + out->size());
    std::uint32_t* dst = out->data() + used;
    do {
      *dst++ = static_cast<std::uint32_t>(i + __builtin_ctz(mask));
      mask &= mask - 1;
    } while (mask);
    used = static_cast<std::size_t>(dst - out->data());
  }
  out->resize(used);
  for (; i < n; ++i)
    if (p[i] == c) out->push_back(static_cast<std::uint32_t>(i));
}

MC_AVX2 bool IsAsciiAvx2(const char* p, std::size_t n) {
  std::size_t i = 0;
  __m256i acc = _mm256_setzero_si256();
  for (; n - i >= 128; i += 128) {
    __m256i a = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i)),
                                _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 32)));
    __m256i b = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 64)),
                                _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 96)));
    acc = _mm256_or_si256(acc, _mm256_or_si256(a, b));
  }
  for (; n - i >= 32; i += 32)
    acc = _mm256_or_si256(acc, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i)));
  if (_mm256_movemask_epi8(acc) != 0) return false;
  for (; i < n; ++i)
    if (static_cast<unsigned char>(p[i]) >= 0x80) return false;
  return true;
}

MC_AVX2 void AsciiWordsAvx2(const char* p, std::size_t n, bool& in_word, std::uint64_t* words,
                            std::uint64_t* lines) {
  const __m256i c21 = _mm256_set1_epi8(0x21), c5d = _mm256_set1_epi8(0x5d);
  const __m256i c09 = _mm256_set1_epi8(0x09), c04 = _mm256_set1_epi8(0x04);
  const __m256i space = _mm256_set1_epi8(' '), nl = _mm256_set1_epi8('\n');
  std::uint64_t w = 0, l = 0;
  unsigned prev = in_word ? 1u : 0u;
  std::size_t i = 0;
  for (; n - i >= 32; i += 32) {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    __m256i t = _mm256_sub_epi8(v, c21);
    unsigned pm = static_cast<unsigned>(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_min_epu8(t, c5d), t)));
    __m256i u = _mm256_sub_epi8(v, c09);
    __m256i ws = _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(u, c04), u),
                                 _mm256_cmpeq_epi8(v, space));
    unsigned wm = static_cast<unsigned>(_mm256_movemask_epi8(ws));
    l += static_cast<unsigned>(
        __builtin_popcount(static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, nl)))));
    if ((pm | wm) == 0xffffffffu) {
      unsigned starts = pm & ~((pm << 1) | prev);
      w += static_cast<unsigned>(__builtin_popcount(starts));
      prev = pm >> 31;
      continue;
    }
    // Neutral bytes present: keep the state across them.
    for (int b = 0; b < 32; ++b) {
      unsigned bit = 1u << b;
      if (pm & bit) {
        w += prev ^ 1u;
        prev = 1;
      } else if (wm & bit) {
        prev = 0;
      }
    }
  }
  bool iw = prev != 0;
  for (; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    if (c >= 0x21 && c <= 0x7e) {
      w += !iw;
      iw = true;
    } else if (c == ' ' || (c >= 9 && c <= 13)) {
      iw = false;
      l += c == '\n';
    }
  }
  in_word = iw;
  *words += w;
  *lines += l;
}
#endif

}  // namespace

bool IsAscii(const char* p, std::size_t n) {
#if MC_TEXT_X86
  if (HaveAvx2()) return IsAsciiAvx2(p, n);
#endif
  unsigned char acc = 0;
  for (std::size_t i = 0; i < n; ++i) acc |= static_cast<unsigned char>(p[i]);
  return acc < 0x80;
}

void CountAsciiWords(const char* p, std::size_t n, bool& in_word, std::uint64_t* words,
                     std::uint64_t* lines) {
#if MC_TEXT_X86
  if (HaveAvx2()) {
    AsciiWordsAvx2(p, n, in_word, words, lines);
    return;
  }
#endif
  // Class per byte: 1 word byte, 2 separator, 0 neutral.
  static constexpr auto kClass = [] {
    struct T {
      unsigned char c[256];
    } t{};
    for (int i = 0x21; i <= 0x7e; ++i) t.c[i] = 1;
    for (int i = 9; i <= 13; ++i) t.c[i] = 2;
    t.c[' '] = 2;
    return t;
  }();
  std::uint64_t w = 0, l = 0;
  bool iw = in_word;
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    unsigned k = kClass.c[c];
    if (k == 1) {
      w += !iw;
      iw = true;
    } else if (k == 2) {
      iw = false;
      l += c == '\n';
    }
  }
  in_word = iw;
  *words += w;
  *lines += l;
}

bool HaveAvx2() {
#if MC_TEXT_X86
  static const bool have = DetectAvx2();
  return have;
#else
  return false;
#endif
}

std::uint64_t CountByte(const char* p, std::size_t n, char c) {
#if MC_TEXT_X86
  if (HaveAvx2()) return CountAvx2(p, n, c);
#endif
  std::uint64_t total = 0;
  const char* end = p + n;
  while (p < end) {
    const void* hit = std::memchr(p, c, static_cast<std::size_t>(end - p));
    if (hit == nullptr) break;
    ++total;
    p = static_cast<const char*>(hit) + 1;
  }
  return total;
}

const char* FindNth(const char* p, std::size_t n, char c, std::uint64_t& k) {
#if MC_TEXT_X86
  if (HaveAvx2()) return FindNthAvx2(p, n, c, k);
#endif
  const char* end = p + n;
  while (p < end) {
    const void* hit = std::memchr(p, c, static_cast<std::size_t>(end - p));
    if (hit == nullptr) break;
    if (--k == 0) return static_cast<const char*>(hit);
    p = static_cast<const char*>(hit) + 1;
  }
  return nullptr;
}

const char* FindNthReverse(const char* p, std::size_t n, char c, std::uint64_t& k) {
#if MC_TEXT_X86
  if (HaveAvx2()) return FindNthReverseAvx2(p, n, c, k);
#endif
  std::size_t len = n;
  while (len > 0) {
    const void* hit = ::memrchr(p, c, len);
    if (hit == nullptr) break;
    if (--k == 0) return static_cast<const char*>(hit);
    len = static_cast<std::size_t>(static_cast<const char*>(hit) - p);
  }
  return nullptr;
}

void CollectPositions(const char* p, std::size_t n, char c, std::vector<std::uint32_t>* out) {
#if MC_TEXT_X86
  if (HaveAvx2()) {
    CollectAvx2(p, n, c, out);
    return;
  }
#endif
  const char* start = p;
  const char* end = p + n;
  while (p < end) {
    const void* hit = std::memchr(p, c, static_cast<std::size_t>(end - p));
    if (hit == nullptr) break;
    out->push_back(static_cast<std::uint32_t>(static_cast<const char*>(hit) - start));
    p = static_cast<const char*>(hit) + 1;
  }
}

}  // namespace mc::text
