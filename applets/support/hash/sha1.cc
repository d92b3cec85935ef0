#include "applets/support/hash/sha1.h"

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
// Portable compression, fully unrolled. The round variables rotate by name
// instead of being shuffled; the message schedule lives in a 16-word ring.

inline std::uint32_t Ch(std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  return d ^ (b & (c ^ d));
}
inline std::uint32_t Parity(std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  return b ^ c ^ d;
}
inline std::uint32_t Maj(std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  return (b & c) + (d & (b ^ c));  // the two terms are disjoint
}

// Message word t (t is a constant after expansion, so the test folds).
#define MC_SHA1_W(t)                                                     \
  ((t) < 16 ? w[(t)&15]                                                  \
            : (w[(t)&15] = std::rotl(w[((t)-3) & 15] ^ w[((t)-8) & 15] ^ \
                                         w[((t)-14) & 15] ^ w[(t)&15],   \
                                     1)))

#define MC_SHA1_ROUND(fn, k, a, b, c, d, e, t)               \
  do {                                                       \
    e += std::rotl(a, 5) + fn(b, c, d) + (k) + MC_SHA1_W(t); \
    b = std::rotl(b, 30);                                    \
  } while (0)

#define MC_SHA1_ROUND5(fn, k, t)                \
  MC_SHA1_ROUND(fn, k, a, b, c, d, e, (t));     \
  MC_SHA1_ROUND(fn, k, e, a, b, c, d, (t) + 1); \
  MC_SHA1_ROUND(fn, k, d, e, a, b, c, (t) + 2); \
  MC_SHA1_ROUND(fn, k, c, d, e, a, b, (t) + 3); \
  MC_SHA1_ROUND(fn, k, b, c, d, e, a, (t) + 4)

constexpr std::uint32_t kK0 = 0x5a827999;
constexpr std::uint32_t kK1 = 0x6ed9eba1;
constexpr std::uint32_t kK2 = 0x8f1bbcdc;
constexpr std::uint32_t kK3 = 0xca62c1d6;

void CompressPortable(std::uint32_t* state, const unsigned char* p,
                      std::size_t blocks) {
  std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3],
                e = state[4];
  for (; blocks != 0; --blocks, p += 64) {
    std::uint32_t w[16];
    for (int i = 0; i < 16; ++i) w[i] = LoadBe32(p + 4 * i);
    const std::uint32_t sa = a, sb = b, sc = c, sd = d, se = e;

    MC_SHA1_ROUND5(Ch, kK0, 0);
    MC_SHA1_ROUND5(Ch, kK0, 5);
    MC_SHA1_ROUND5(Ch, kK0, 10);
    MC_SHA1_ROUND5(Ch, kK0, 15);
    MC_SHA1_ROUND5(Parity, kK1, 20);
    MC_SHA1_ROUND5(Parity, kK1, 25);
    MC_SHA1_ROUND5(Parity, kK1, 30);
    MC_SHA1_ROUND5(Parity, kK1, 35);
    MC_SHA1_ROUND5(Maj, kK2, 40);
    MC_SHA1_ROUND5(Maj, kK2, 45);
    MC_SHA1_ROUND5(Maj, kK2, 50);
    MC_SHA1_ROUND5(Maj, kK2, 55);
    MC_SHA1_ROUND5(Parity, kK3, 60);
    MC_SHA1_ROUND5(Parity, kK3, 65);
    MC_SHA1_ROUND5(Parity, kK3, 70);
    MC_SHA1_ROUND5(Parity, kK3, 75);

    a += sa;
    b += sb;
    c += sc;
    d += sd;
    e += se;
  }
  state[0] = a;
  state[1] = b;
  state[2] = c;
  state[3] = d;
  state[4] = e;
}

#undef MC_SHA1_ROUND5
#undef MC_SHA1_ROUND
#undef MC_SHA1_W

// ---------------------------------------------------------------------------
// SHA extensions. ABCD lives in one register (A in the top lane); E rides in
// the top lane of the message operand. Each SHA1RNDS4 does four rounds;
// SHA1NEXTE derives the next group's E from the ABCD of the group before.

#ifdef MC_HASH_X86

// Next four schedule words from the previous sixteen (m0 oldest).
#define MC_SHA1NI_SCHEDULE(m0, m1, m2, m3) \
  m0 = _mm_sha1msg2_epu32(_mm_xor_si128(_mm_sha1msg1_epu32(m0, m1), m2), m3)

// Four rounds with message words `m` and round function `f` (0..3).
#define MC_SHA1NI_ROUNDS(m, f)                       \
  do {                                               \
    const __m128i e_ = _mm_sha1nexte_epu32(prev, m); \
    prev = abcd;                                     \
    abcd = _mm_sha1rnds4_epu32(abcd, e_, f);         \
  } while (0)

__attribute__((target("sha,sse4.1,ssse3"))) void CompressShaNi(
    std::uint32_t* state, const unsigned char* p, std::size_t blocks) {
  // Reverses all 16 bytes: big-endian words, W0 in the top lane.
  const __m128i kByteSwap =
      _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
  __m128i abcd = _mm_shuffle_epi32(
      _mm_loadu_si128(reinterpret_cast<const __m128i*>(state)), 0x1b);
  __m128i e0 = _mm_set_epi32(static_cast<int>(state[4]), 0, 0, 0);

  for (; blocks != 0; --blocks, p += 64) {
    const __m128i abcd_save = abcd;
    const __m128i e_save = e0;
    const __m128i* in = reinterpret_cast<const __m128i*>(p);
    __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128(in + 0), kByteSwap);
    __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128(in + 1), kByteSwap);
    __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128(in + 2), kByteSwap);
    __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128(in + 3), kByteSwap);

    // Rounds 0-3: E comes from the chaining value.
    __m128i prev = abcd;
    abcd = _mm_sha1rnds4_epu32(abcd, _mm_add_epi32(e0, m0), 0);
    MC_SHA1NI_ROUNDS(m1, 0);  // 4-7
    MC_SHA1NI_ROUNDS(m2, 0);  // 8-11
    MC_SHA1NI_ROUNDS(m3, 0);  // 12-15
    MC_SHA1NI_SCHEDULE(m0, m1, m2, m3);
    MC_SHA1NI_ROUNDS(m0, 0);  // 16-19
    MC_SHA1NI_SCHEDULE(m1, m2, m3, m0);
    MC_SHA1NI_ROUNDS(m1, 1);  // 20-23
    MC_SHA1NI_SCHEDULE(m2, m3, m0, m1);
    MC_SHA1NI_ROUNDS(m2, 1);
    MC_SHA1NI_SCHEDULE(m3, m0, m1, m2);
    MC_SHA1NI_ROUNDS(m3, 1);
    MC_SHA1NI_SCHEDULE(m0, m1, m2, m3);
    MC_SHA1NI_ROUNDS(m0, 1);
    MC_SHA1NI_SCHEDULE(m1, m2, m3, m0);
    MC_SHA1NI_ROUNDS(m1, 1);  // 36-39
    MC_SHA1NI_SCHEDULE(m2, m3, m0, m1);
    MC_SHA1NI_ROUNDS(m2, 2);  // 40-43
    MC_SHA1NI_SCHEDULE(m3, m0, m1, m2);
    MC_SHA1NI_ROUNDS(m3, 2);
    MC_SHA1NI_SCHEDULE(m0, m1, m2, m3);
    MC_SHA1NI_ROUNDS(m0, 2);
    MC_SHA1NI_SCHEDULE(m1, m2, m3, m0);
    MC_SHA1NI_ROUNDS(m1, 2);
    MC_SHA1NI_SCHEDULE(m2, m3, m0, m1);
    MC_SHA1NI_ROUNDS(m2, 2);  // 56-59
    MC_SHA1NI_SCHEDULE(m3, m0, m1, m2);
    MC_SHA1NI_ROUNDS(m3, 3);  // 60-63
    MC_SHA1NI_SCHEDULE(m0, m1, m2, m3);
    MC_SHA1NI_ROUNDS(m0, 3);
    MC_SHA1NI_SCHEDULE(m1, m2, m3, m0);
    MC_SHA1NI_ROUNDS(m1, 3);
    MC_SHA1NI_SCHEDULE(m2, m3, m0, m1);
    MC_SHA1NI_ROUNDS(m2, 3);
    MC_SHA1NI_SCHEDULE(m3, m0, m1, m2);
    MC_SHA1NI_ROUNDS(m3, 3);  // 76-79

    // E after 80 rounds is A of round 76 rotated; add the chaining value.
    e0 = _mm_sha1nexte_epu32(prev, e_save);
    abcd = _mm_add_epi32(abcd, abcd_save);
  }

  _mm_storeu_si128(reinterpret_cast<__m128i*>(state),
                   _mm_shuffle_epi32(abcd, 0x1b));
  state[4] = static_cast<std::uint32_t>(_mm_extract_epi32(e0, 3));
}

#undef MC_SHA1NI_ROUNDS
#undef MC_SHA1NI_SCHEDULE

#endif  // MC_HASH_X86

}  // namespace

void Sha1::Reset() {
#ifdef MC_HASH_X86
  compress_ = UseShaNi() ? CompressShaNi : CompressPortable;
#else
  compress_ = CompressPortable;
#endif
  state_[0] = 0x67452301;
  state_[1] = 0xefcdab89;
  state_[2] = 0x98badcfe;
  state_[3] = 0x10325476;
  state_[4] = 0xc3d2e1f0;
  length_ = 0;
  buffered_ = 0;
}

bool Sha1::accelerated() const { return compress_ != CompressPortable; }

void Sha1::Update(const void* data, std::size_t n) {
  if (n == 0) return;
  length_ += n;
  const CompressFn compress = compress_;
  internal::FeedBlocks<kBlockSize>(
      buffer_, &buffered_, static_cast<const unsigned char*>(data), n,
      [this, compress](const unsigned char* p, std::size_t blocks) {
        compress(state_, p, blocks);
      });
}

void Sha1::Final(unsigned char* out) {
  const std::uint64_t bits = length_ << 3;
  std::size_t used = buffered_;
  buffer_[used++] = 0x80;
  if (used > kBlockSize - 8) {
    std::memset(buffer_ + used, 0, kBlockSize - used);
    compress_(state_, buffer_, 1);
    used = 0;
  }
  std::memset(buffer_ + used, 0, kBlockSize - 8 - used);
  internal::StoreBe64(buffer_ + kBlockSize - 8, bits);
  compress_(state_, buffer_, 1);
  for (int i = 0; i < 5; ++i) internal::StoreBe32(out + 4 * i, state_[i]);
}

}  // namespace mc::hash
