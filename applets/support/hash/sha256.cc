#include "applets/support/hash/sha256.h"

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

// Round constants: the first 32 bits of the fractional parts of the cube
// roots of the first 64 primes (FIPS 180-4 section 4.2.2).
alignas(64) constexpr std::uint32_t kK[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

constexpr std::uint32_t kIv256[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

constexpr std::uint32_t kIv224[8] = {
    0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
    0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4,
};

// ---------------------------------------------------------------------------
// Portable compression. Eight rounds per macro group with the working
// variables renamed instead of moved; the schedule is a 16-word ring.

inline std::uint32_t BigSigma0(std::uint32_t x) {
  return std::rotr(x, 2) ^ std::rotr(x, 13) ^ std::rotr(x, 22);
}
inline std::uint32_t BigSigma1(std::uint32_t x) {
  return std::rotr(x, 6) ^ std::rotr(x, 11) ^ std::rotr(x, 25);
}
inline std::uint32_t SmallSigma0(std::uint32_t x) {
  return std::rotr(x, 7) ^ std::rotr(x, 18) ^ (x >> 3);
}
inline std::uint32_t SmallSigma1(std::uint32_t x) {
  return std::rotr(x, 17) ^ std::rotr(x, 19) ^ (x >> 10);
}
inline std::uint32_t Ch(std::uint32_t e, std::uint32_t f, std::uint32_t g) {
  return g ^ (e & (f ^ g));
}
inline std::uint32_t Maj(std::uint32_t a, std::uint32_t b, std::uint32_t c) {
  return ((a ^ b) & (b ^ c)) ^ b;
}

#define MC_SHA256_ROUND(a, b, c, d, e, f, g, h, wj, kj)                    \
  do {                                                                     \
    const std::uint32_t t1 = h + BigSigma1(e) + Ch(e, f, g) + (kj) + (wj); \
    d += t1;                                                               \
    h = t1 + BigSigma0(a) + Maj(a, b, c);                                  \
  } while (0)

// Schedule word j of the ring in place: W[t] from W[t-2], W[t-7], W[t-15],
// W[t-16].
#define MC_SHA256_SCHED(j)                                       \
  (w[j] += SmallSigma1(w[((j) + 14) & 15]) + w[((j) + 9) & 15] + \
           SmallSigma0(w[((j) + 1) & 15]))

#define MC_SHA256_EIGHT(W, base, j)                                    \
  MC_SHA256_ROUND(a, b, c, d, e, f, g, h, W(j + 0), kK[base + j + 0]); \
  MC_SHA256_ROUND(h, a, b, c, d, e, f, g, W(j + 1), kK[base + j + 1]); \
  MC_SHA256_ROUND(g, h, a, b, c, d, e, f, W(j + 2), kK[base + j + 2]); \
  MC_SHA256_ROUND(f, g, h, a, b, c, d, e, W(j + 3), kK[base + j + 3]); \
  MC_SHA256_ROUND(e, f, g, h, a, b, c, d, W(j + 4), kK[base + j + 4]); \
  MC_SHA256_ROUND(d, e, f, g, h, a, b, c, W(j + 5), kK[base + j + 5]); \
  MC_SHA256_ROUND(c, d, e, f, g, h, a, b, W(j + 6), kK[base + j + 6]); \
  MC_SHA256_ROUND(b, c, d, e, f, g, h, a, W(j + 7), kK[base + j + 7])

#define MC_SHA256_PLAIN(j) w[j]

void CompressPortable(std::uint32_t* state, const unsigned char* p,
                      std::size_t blocks) {
  std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3],
                e = state[4], f = state[5], g = state[6], h = state[7];
  for (; blocks != 0; --blocks, p += 64) {
    std::uint32_t w[16];
    for (int j = 0; j < 16; ++j) w[j] = LoadBe32(p + 4 * j);

    MC_SHA256_EIGHT(MC_SHA256_PLAIN, 0, 0);
    MC_SHA256_EIGHT(MC_SHA256_PLAIN, 0, 8);
    for (int i = 16; i < 64; i += 16) {
      MC_SHA256_EIGHT(MC_SHA256_SCHED, i, 0);
      MC_SHA256_EIGHT(MC_SHA256_SCHED, i, 8);
    }

    a = state[0] += a;
    b = state[1] += b;
    c = state[2] += c;
    d = state[3] += d;
    e = state[4] += e;
    f = state[5] += f;
    g = state[6] += g;
    h = state[7] += h;
  }
}

#undef MC_SHA256_PLAIN
#undef MC_SHA256_EIGHT
#undef MC_SHA256_SCHED
#undef MC_SHA256_ROUND

// ---------------------------------------------------------------------------
// SHA extensions. The state is kept as two registers, ABEF and CDGH (A and C
// in the top lanes); SHA256RNDS2 does two rounds and returns the new ABEF,
// the old ABEF becoming the new CDGH.

#ifdef MC_HASH_X86

// Four rounds with schedule words `m` (four lanes) and constants kK[4*g..].
#define MC_SHA256NI_ROUNDS(m, g)                                            \
  do {                                                                      \
    __m128i wk_ = _mm_add_epi32(                                            \
        m, _mm_load_si128(reinterpret_cast<const __m128i*>(kK + 4 * (g)))); \
    cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk_);                          \
    wk_ = _mm_shuffle_epi32(wk_, 0x0e);                                     \
    abef = _mm_sha256rnds2_epu32(abef, cdgh, wk_);                          \
  } while (0)

// Next four schedule words into m0 from the previous sixteen (m0 oldest):
// SHA256MSG1 adds sigma0(W[t-15]) to W[t-16], the alignr supplies W[t-7],
// SHA256MSG2 adds sigma1(W[t-2]).
#define MC_SHA256NI_SCHEDULE(m0, m1, m2, m3)                                   \
  m0 = _mm_sha256msg2_epu32(                                                   \
      _mm_add_epi32(_mm_sha256msg1_epu32(m0, m1), _mm_alignr_epi8(m3, m2, 4)), \
      m3)

__attribute__((target("sha,sse4.1,ssse3"))) void CompressShaNi(
    std::uint32_t* state, const unsigned char* p, std::size_t blocks) {
  // Byte-swaps each 32-bit lane.
  const __m128i kByteSwap =
      _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);

  // state[0..3] = a b c d, state[4..7] = e f g h (lane 0 first).
  const __m128i dcba = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state));
  const __m128i hgfe =
      _mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4));
  const __m128i cdab = _mm_shuffle_epi32(dcba, 0xb1);  // lanes b a d c
  const __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1b);  // lanes h g f e
  __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);       // lanes f e b a
  __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xf0);    // lanes h g d c

  for (; blocks != 0; --blocks, p += 64) {
    const __m128i abef_save = abef;
    const __m128i cdgh_save = cdgh;
    const __m128i* in = reinterpret_cast<const __m128i*>(p);
    __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128(in + 0), kByteSwap);
    __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128(in + 1), kByteSwap);
    __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128(in + 2), kByteSwap);
    __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128(in + 3), kByteSwap);

    MC_SHA256NI_ROUNDS(m0, 0);
    MC_SHA256NI_ROUNDS(m1, 1);
    MC_SHA256NI_ROUNDS(m2, 2);
    MC_SHA256NI_ROUNDS(m3, 3);
    MC_SHA256NI_SCHEDULE(m0, m1, m2, m3);
    MC_SHA256NI_ROUNDS(m0, 4);
    MC_SHA256NI_SCHEDULE(m1, m2, m3, m0);
    MC_SHA256NI_ROUNDS(m1, 5);
    MC_SHA256NI_SCHEDULE(m2, m3, m0, m1);
    MC_SHA256NI_ROUNDS(m2, 6);
    MC_SHA256NI_SCHEDULE(m3, m0, m1, m2);
    MC_SHA256NI_ROUNDS(m3, 7);
    MC_SHA256NI_SCHEDULE(m0, m1, m2, m3);
    MC_SHA256NI_ROUNDS(m0, 8);
    MC_SHA256NI_SCHEDULE(m1, m2, m3, m0);
    MC_SHA256NI_ROUNDS(m1, 9);
    MC_SHA256NI_SCHEDULE(m2, m3, m0, m1);
    MC_SHA256NI_ROUNDS(m2, 10);
    MC_SHA256NI_SCHEDULE(m3, m0, m1, m2);
    MC_SHA256NI_ROUNDS(m3, 11);
    MC_SHA256NI_SCHEDULE(m0, m1, m2, m3);
    MC_SHA256NI_ROUNDS(m0, 12);
    MC_SHA256NI_SCHEDULE(m1, m2, m3, m0);
    MC_SHA256NI_ROUNDS(m1, 13);
    MC_SHA256NI_SCHEDULE(m2, m3, m0, m1);
    MC_SHA256NI_ROUNDS(m2, 14);
    MC_SHA256NI_SCHEDULE(m3, m0, m1, m2);
    MC_SHA256NI_ROUNDS(m3, 15);

    abef = _mm_add_epi32(abef, abef_save);
    cdgh = _mm_add_epi32(cdgh, cdgh_save);
  }

  const __m128i feba = _mm_shuffle_epi32(abef, 0x1b);  // lanes a b e f
  const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xb1);  // lanes g h c d
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state),
                   _mm_blend_epi16(feba, dchg, 0xf0));  // a b c d
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4),
                   _mm_alignr_epi8(dchg, feba, 8));  // e f g h
}

#undef MC_SHA256NI_SCHEDULE
#undef MC_SHA256NI_ROUNDS

#endif  // MC_HASH_X86

}  // namespace

namespace internal {

void Sha256Engine::Reset(const std::uint32_t* iv) {
#ifdef MC_HASH_X86
  compress_ = UseShaNi() ? CompressShaNi : CompressPortable;
#else
  compress_ = CompressPortable;
#endif
  std::memcpy(state_, iv, sizeof state_);
  length_ = 0;
  buffered_ = 0;
}

bool Sha256Engine::accelerated() const { return compress_ != CompressPortable; }

void Sha256Engine::Update(const void* data, std::size_t n) {
  if (n == 0) return;
  length_ += n;
  const CompressFn compress = compress_;
  FeedBlocks<64>(buffer_, &buffered_, static_cast<const unsigned char*>(data),
                 n,
                 [this, compress](const unsigned char* p, std::size_t blocks) {
                   compress(state_, p, blocks);
                 });
}

void Sha256Engine::Finish(unsigned char* out, int words) {
  const std::uint64_t bits = length_ << 3;
  std::size_t used = buffered_;
  buffer_[used++] = 0x80;
  if (used > 56) {
    std::memset(buffer_ + used, 0, 64 - used);
    compress_(state_, buffer_, 1);
    used = 0;
  }
  std::memset(buffer_ + used, 0, 56 - used);
  StoreBe64(buffer_ + 56, bits);
  compress_(state_, buffer_, 1);
  for (int i = 0; i < words; ++i) StoreBe32(out + 4 * i, state_[i]);
}

}  // namespace internal

void Sha256::Reset() { engine_.Reset(kIv256); }
void Sha224::Reset() { engine_.Reset(kIv224); }

}  // namespace mc::hash
