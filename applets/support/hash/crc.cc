#include "applets/support/hash/crc.h"

#include <array>
#include <bit>
#include <cstring>

#include "applets/support/hash/bytes.h"
#include "applets/support/hash/cpu.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define MC_HASH_X86 1
#endif

namespace mc::hash {
namespace {

using internal::LoadBe32;

// ---------------------------------------------------------------------------
// CRC-32/POSIX, most significant bit first.

constexpr std::uint32_t kPoly = 0x04c11db7;

// Tables[k][b]: the CRC register after byte b followed by k zero bytes,
// starting from 0. Tables[0] is the classic byte-at-a-time table.
using CrcTables = std::array<std::array<std::uint32_t, 256>, 8>;

constexpr CrcTables MakeTables() {
  CrcTables t{};
  for (std::uint32_t b = 0; b < 256; ++b) {
    std::uint32_t r = b << 24;
    for (int i = 0; i < 8; ++i)
      r = (r & 0x80000000u) ? (r << 1) ^ kPoly : r << 1;
    t[0][b] = r;
  }
  for (int k = 1; k < 8; ++k) {
    for (int b = 0; b < 256; ++b) {
      const std::uint32_t prev = t[k - 1][b];
      t[k][b] = (prev << 8) ^ t[0][prev >> 24];
    }
  }
  return t;
}

constexpr CrcTables kTables = MakeTables();

inline std::uint32_t CrcByte(std::uint32_t crc, unsigned char b) {
  return (crc << 8) ^ kTables[0][(crc >> 24) ^ b];
}

// Slicing-by-8: eight bytes per step, one table per byte position.
std::uint32_t CrcTable(std::uint32_t crc, const unsigned char* p,
                       std::size_t n) {
  for (; n >= 8; n -= 8, p += 8) {
    const std::uint32_t x = LoadBe32(p) ^ crc;
    const std::uint32_t y = LoadBe32(p + 4);
    crc = kTables[7][x >> 24] ^ kTables[6][(x >> 16) & 0xff] ^
          kTables[5][(x >> 8) & 0xff] ^ kTables[4][x & 0xff] ^
          kTables[3][y >> 24] ^ kTables[2][(y >> 16) & 0xff] ^
          kTables[1][(y >> 8) & 0xff] ^ kTables[0][y & 0xff];
  }
  for (; n != 0; --n) crc = CrcByte(crc, *p++);
  return crc;
}

#ifdef MC_HASH_X86

// x^n mod P, the folding constants.
constexpr std::uint64_t XPowMod(int n) {
  std::uint64_t r = 1;
  for (int i = 0; i < n; ++i) {
    r <<= 1;
    if (r & 0x100000000u) r ^= 0x100000000u | kPoly;
  }
  return r;
}

// Folding a 128-bit chunk A = Ahi*x^64 + Alo forward by D bits:
// A*x^D == Ahi*(x^(D+64) mod P) + Alo*(x^D mod P), a 96-bit value. The
// high lane of the constant multiplies Ahi, the low lane Alo.
template <int kDistance>
struct FoldConstant {
  static constexpr long long kHigh =
      static_cast<long long>(XPowMod(kDistance + 64));
  static constexpr long long kLow = static_cast<long long>(XPowMod(kDistance));
};
#define MC_FOLD_CONSTANT(d) \
  _mm_set_epi64x(FoldConstant<d>::kHigh, FoldConstant<d>::kLow)

// Registers hold chunks byte-reversed, so bit 127 is the first message bit
// and polynomial coefficients match integer bit positions.
__attribute__((target("pclmul,sse4.1,ssse3"))) inline __m128i Fold(__m128i a,
                                                                   __m128i k) {
  return _mm_xor_si128(_mm_clmulepi64_si128(a, k, 0x11),
                       _mm_clmulepi64_si128(a, k, 0x00));
}

__attribute__((target("pclmul,sse4.1,ssse3"))) std::uint32_t CrcPclmul(
    std::uint32_t crc, const unsigned char* p, std::size_t n) {
  if (n < 128) return CrcTable(crc, p, n);

  const __m128i kReverse =
      _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
  const __m128i* in = reinterpret_cast<const __m128i*>(p);
#define MC_CRC_LOAD(i) _mm_shuffle_epi8(_mm_loadu_si128(in + (i)), kReverse)

  // The running CRC is the remainder of everything before p times x^32, so
  // it combines with the next 32 message bits: XOR it into the top lane.
  __m128i x0 = _mm_xor_si128(MC_CRC_LOAD(0),
                             _mm_set_epi32(static_cast<int>(crc), 0, 0, 0));
  __m128i x1 = MC_CRC_LOAD(1);
  __m128i x2 = MC_CRC_LOAD(2);
  __m128i x3 = MC_CRC_LOAD(3);
  __m128i x4 = MC_CRC_LOAD(4);
  __m128i x5 = MC_CRC_LOAD(5);
  __m128i x6 = MC_CRC_LOAD(6);
  __m128i x7 = MC_CRC_LOAD(7);
  in += 8;
  n -= 128;

  // Eight independent lanes, 128 bytes per iteration.
  const __m128i k1024 = MC_FOLD_CONSTANT(1024);
  for (; n >= 128; n -= 128, in += 8) {
    x0 = _mm_xor_si128(Fold(x0, k1024), MC_CRC_LOAD(0));
    x1 = _mm_xor_si128(Fold(x1, k1024), MC_CRC_LOAD(1));
    x2 = _mm_xor_si128(Fold(x2, k1024), MC_CRC_LOAD(2));
    x3 = _mm_xor_si128(Fold(x3, k1024), MC_CRC_LOAD(3));
    x4 = _mm_xor_si128(Fold(x4, k1024), MC_CRC_LOAD(4));
    x5 = _mm_xor_si128(Fold(x5, k1024), MC_CRC_LOAD(5));
    x6 = _mm_xor_si128(Fold(x6, k1024), MC_CRC_LOAD(6));
    x7 = _mm_xor_si128(Fold(x7, k1024), MC_CRC_LOAD(7));
  }

  // Merge the lanes into one 128-bit remainder, then take whole chunks.
  const __m128i k128 = MC_FOLD_CONSTANT(128);
  __m128i x = _mm_xor_si128(Fold(x0, k128), x1);
  x = _mm_xor_si128(Fold(x, k128), x2);
  x = _mm_xor_si128(Fold(x, k128), x3);
  x = _mm_xor_si128(Fold(x, k128), x4);
  x = _mm_xor_si128(Fold(x, k128), x5);
  x = _mm_xor_si128(Fold(x, k128), x6);
  x = _mm_xor_si128(Fold(x, k128), x7);
  for (; n >= 16; n -= 16, ++in)
    x = _mm_xor_si128(Fold(x, k128), MC_CRC_LOAD(0));

  // x is congruent to the message so far; its CRC from zero, continued over
  // the tail, is the answer.
  unsigned char rest[16];
  _mm_storeu_si128(reinterpret_cast<__m128i*>(rest),
                   _mm_shuffle_epi8(x, kReverse));
  crc = CrcTable(0, rest, 16);
  return CrcTable(crc, reinterpret_cast<const unsigned char*>(in), n);
#undef MC_CRC_LOAD
}

#undef MC_FOLD_CONSTANT

#endif  // MC_HASH_X86

}  // namespace

void Cksum::Reset() {
#ifdef MC_HASH_X86
  update_ = UsePclmul() ? CrcPclmul : CrcTable;
#else
  update_ = CrcTable;
#endif
  crc_ = 0;
  length_ = 0;
}

bool Cksum::accelerated() const { return update_ != CrcTable; }

std::uint32_t Cksum::checksum() const {
  std::uint32_t crc = crc_;
  for (std::uint64_t len = length_; len != 0; len >>= 8) {
    crc = CrcByte(crc, static_cast<unsigned char>(len & 0xff));
  }
  return ~crc;
}

// ---------------------------------------------------------------------------
// sum

void BsdSum::Update(const void* data, std::size_t n) {
  const unsigned char* p = static_cast<const unsigned char*>(data);
  length_ += n;
  // Rotate right by one, add the byte, modulo 2^16. Inherently serial; a
  // 16-bit rotate and add per byte.
  std::uint16_t s = sum_;
  for (; n >= 4; n -= 4, p += 4) {
    s = static_cast<std::uint16_t>(std::rotr(s, 1) + p[0]);
    s = static_cast<std::uint16_t>(std::rotr(s, 1) + p[1]);
    s = static_cast<std::uint16_t>(std::rotr(s, 1) + p[2]);
    s = static_cast<std::uint16_t>(std::rotr(s, 1) + p[3]);
  }
  for (; n != 0; --n, ++p) {
    s = static_cast<std::uint16_t>(std::rotr(s, 1) + *p);
  }
  sum_ = s;
}

void SysvSum::Update(const void* data, std::size_t n) {
  const unsigned char* p = static_cast<const unsigned char*>(data);
  length_ += n;
  std::uint64_t total = 0;
#if defined(__SSE2__) && defined(__x86_64__)
  // PSADBW against zero sums eight bytes into each 64-bit lane.
  const __m128i zero = _mm_setzero_si128();
  __m128i acc0 = zero, acc1 = zero;
  for (; n >= 64; n -= 64, p += 64) {
    const __m128i* in = reinterpret_cast<const __m128i*>(p);
    acc0 = _mm_add_epi64(acc0, _mm_sad_epu8(_mm_loadu_si128(in + 0), zero));
    acc1 = _mm_add_epi64(acc1, _mm_sad_epu8(_mm_loadu_si128(in + 1), zero));
    acc0 = _mm_add_epi64(acc0, _mm_sad_epu8(_mm_loadu_si128(in + 2), zero));
    acc1 = _mm_add_epi64(acc1, _mm_sad_epu8(_mm_loadu_si128(in + 3), zero));
  }
  const __m128i acc = _mm_add_epi64(acc0, acc1);
  total = static_cast<std::uint64_t>(_mm_cvtsi128_si64(acc)) +
          static_cast<std::uint64_t>(
              _mm_cvtsi128_si64(_mm_unpackhi_epi64(acc, acc)));
#endif
  for (; n >= 8; n -= 8, p += 8) {
    total += p[0] + p[1] + p[2] + p[3] + p[4] + p[5] + p[6] + p[7];
  }
  for (; n != 0; --n) total += *p++;
  sum_ += static_cast<std::uint32_t>(total);  // GNU sums modulo 2^32
}

std::uint16_t SysvSum::checksum() const {
  const std::uint32_t r = (sum_ & 0xffff) + (sum_ >> 16);
  return static_cast<std::uint16_t>((r & 0xffff) + (r >> 16));
}

}  // namespace mc::hash
