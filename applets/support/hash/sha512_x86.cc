// SHA-512 compression for x86-64: the 80 rounds with BMI2's RORX and a
// round shaped for latency, and (with AVX-512VL) the message schedule
// computed two blocks at a time in vector registers.
//
// The round. Both recurrences, through e and through a, are 4 operations
// deep (the depth of Sigma1 or Sigma0 plus one addition):
//   e' = ((d + (h + W+K)) + Ch(e,f,g)) + Sigma1(e)
//   a' = ((T1 + (b & c)) + (a & (b ^ c))) + Sigma0(a),
//        T1 = ((h + W+K) + Ch(e,f,g)) + Sigma1(e)
// where Maj(a,b,c) = (b & c) + (a & (b ^ c)) (the two terms share no bit)
// and b ^ c is the previous round's a ^ b. Left alone, GCC reassociates the
// sums to add Sigma1 first, making each step 6-7 operations deep; empty asm
// statements (MC_S512_PIN) keep the order.
//
// The schedule (kernel kAvx512Vl). Each 256-bit register holds W[t], W[t+1]
// of block A in its low half and of block B in its high half, so sigma0 and
// sigma1 of two words of two blocks take one VPRORQ/VPRORQ/VPSRLQ/
// VPTERNLOGQ sequence each; W+K for both blocks goes to a stack array
// (interleaved A, A, B, B) that the rounds read with one memory operand
// each. A compiler barrier makes GCC store the array instead of extracting
// the lanes into general registers in the rounds.
//
// Measured on one Xeon (Sapphire Rapids class, about 3.6-4 GHz, GCC 12
// -O2): compressing 200 MB from a 256 KiB buffer in cache, best of 7 runs,
// with +-5% noise between runs on this shared machine:
//   portable code (sha512.cc)                                   371-386 ms
//   portable code compiled for BMI2 (RORX) only                 290-314 ms
//   kBmi2: scalar schedule, the round above                     285-302 ms
//   kAvx512Vl: this file                                        250-253 ms
//   the rounds alone, W+K precomputed once (the floor here)     211-230 ms
// Tried and not kept:
//   the round as GCC orders it, W+K from memory (rounds alone)  239-243 ms
//     with Maj reusing the previous a ^ b                       238-244 ms
//     e latency 4 (pinned), Maj as ((a^b)&(b^c))^b              223-236 ms
//     hand-written asm, h as accumulator (24 ops, latency 5)    236-271 ms
//   one block per schedule, 128-bit registers: AVX2 shifts      357-381 ms
//                                              AVX-512VL        314-336 ms
//   two blocks, 256-bit, AVX2 shifts instead of VPRORQ          283-317 ms
//   four blocks with one word index per register (lanes are
//     blocks, no VPALIGNR; loads transposed): AVX-512VL         252-256 ms
//                                             AVX2              275-300 ms
//   the next pair's schedule interleaved into this pair's rounds
//     (software pipelining; the vector work competes for the same
//     ports, so nothing is gained)                              260-290 ms
// So on CPUs without AVX-512VL the scalar kBmi2 kernel is used: the AVX2
// schedules were no faster than it here.
//
// Only the functions marked MC_BMI2 or MC_AVX512VL contain those
// instructions (GCC and Clang's target attribute), so this file needs no
// -m flags and nothing shared with other files (inline functions,
// templates) is compiled for them.
#include "applets/support/hash/sha512_compress.h"

#if defined(__x86_64__)

#include <immintrin.h>

#include "applets/support/hash/bytes.h"

#define MC_BMI2 __attribute__((target("bmi2")))
#define MC_AVX512VL __attribute__((target("avx2,bmi2,avx512f,avx512vl")))

namespace mc::hash::internal {
namespace {

using Word = std::uint64_t;

#define MC_S512_ROR(x, n) (((x) >> (n)) | ((x) << (64 - (n))))
#define MC_S512_BSIG0(x) \
  (MC_S512_ROR(x, 28) ^ MC_S512_ROR(x, 34) ^ MC_S512_ROR(x, 39))
#define MC_S512_BSIG1(x) \
  (MC_S512_ROR(x, 14) ^ MC_S512_ROR(x, 18) ^ MC_S512_ROR(x, 41))
#define MC_S512_SSIG0(x) (MC_S512_ROR(x, 1) ^ MC_S512_ROR(x, 8) ^ ((x) >> 7))
#define MC_S512_SSIG1(x) (MC_S512_ROR(x, 19) ^ MC_S512_ROR(x, 61) ^ ((x) >> 6))

// Makes the compiler take `x` as computed so far (it emits nothing).
#define MC_S512_PIN(x) __asm__("" : "+r"(x))

// One round with W[t] + K[t] = `wk`. `bc` holds b ^ c on entry; `ab` gets
// a ^ b, the next round's b ^ c. See the comment at the top.
#define MC_S512_ROUND(a, b, c, d, e, f, g, h, wk, bc, ab) \
  do {                                                    \
    Word hk_ = h + (wk);                                  \
    MC_S512_PIN(hk_);                                     \
    const Word ch_ = g ^ (e & (f ^ g));                   \
    const Word s1_ = MC_S512_BSIG1(e);                    \
    Word t_ = hk_ + ch_;                                  \
    MC_S512_PIN(t_);                                      \
    t_ += s1_;                                            \
    d += hk_;                                             \
    MC_S512_PIN(d);                                       \
    d += ch_;                                             \
    MC_S512_PIN(d);                                       \
    d += s1_;                                             \
    ab = a ^ b;                                           \
    t_ += b & c;                                          \
    MC_S512_PIN(t_);                                      \
    t_ += a & bc;                                         \
    MC_S512_PIN(t_);                                      \
    h = t_ + MC_S512_BSIG0(a);                            \
  } while (0)

// Eight rounds with the working variables renamed instead of moved; WK(j)
// gives W+K of the group's round j.
#define MC_S512_EIGHT(WK)                               \
  MC_S512_ROUND(a, b, c, d, e, f, g, h, WK(0), bc, ab); \
  MC_S512_ROUND(h, a, b, c, d, e, f, g, WK(1), ab, bc); \
  MC_S512_ROUND(g, h, a, b, c, d, e, f, WK(2), bc, ab); \
  MC_S512_ROUND(f, g, h, a, b, c, d, e, WK(3), ab, bc); \
  MC_S512_ROUND(e, f, g, h, a, b, c, d, WK(4), bc, ab); \
  MC_S512_ROUND(d, e, f, g, h, a, b, c, WK(5), ab, bc); \
  MC_S512_ROUND(c, d, e, f, g, h, a, b, WK(6), bc, ab); \
  MC_S512_ROUND(b, c, d, e, f, g, h, a, WK(7), ab, bc)

#define MC_S512_LOAD_STATE                                                   \
  Word a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], \
       f = state[5], g = state[6], h = state[7]

#define MC_S512_FEED_STATE \
  a = state[0] += a;       \
  b = state[1] += b;       \
  c = state[2] += c;       \
  d = state[3] += d;       \
  e = state[4] += e;       \
  f = state[5] += f;       \
  g = state[6] += g;       \
  h = state[7] += h

}  // namespace

// ---------------------------------------------------------------------------
// kBmi2: the schedule in a 16-word ring, as the portable code.

// W+K for round `base + j`, scheduling ring word j first when `base` > 0.
#define MC_S512_RING_PLAIN(j) (w[j] + kSha512K[base + (j)])
#define MC_S512_RING_SCHED(j)                                       \
  ((w[j] += MC_S512_SSIG1(w[((j) + 14) & 15]) + w[((j) + 9) & 15] + \
            MC_S512_SSIG0(w[((j) + 1) & 15])) +                     \
   kSha512K[base + (j)])

#define MC_S512_RING_WK0(j) MC_S512_RING_PLAIN(j)
#define MC_S512_RING_WK8(j) MC_S512_RING_PLAIN((j) + 8)
#define MC_S512_SCHED_WK0(j) MC_S512_RING_SCHED(j)
#define MC_S512_SCHED_WK8(j) MC_S512_RING_SCHED((j) + 8)

MC_BMI2 void Sha512CompressBmi2(std::uint64_t* state, const unsigned char* p,
                                std::size_t blocks) {
  MC_S512_LOAD_STATE;
  for (; blocks != 0; --blocks, p += 128) {
    Word w[16];
    for (int j = 0; j < 16; ++j) w[j] = LoadBe64(p + 8 * j);
    Word bc = b ^ c, ab;
    int base = 0;
    MC_S512_EIGHT(MC_S512_RING_WK0);
    MC_S512_EIGHT(MC_S512_RING_WK8);
    for (base = 16; base < 80; base += 16) {
      MC_S512_EIGHT(MC_S512_SCHED_WK0);
      MC_S512_EIGHT(MC_S512_SCHED_WK8);
    }
    static_cast<void>(ab);
    MC_S512_FEED_STATE;
  }
}

#undef MC_S512_SCHED_WK8
#undef MC_S512_SCHED_WK0
#undef MC_S512_RING_WK8
#undef MC_S512_RING_WK0
#undef MC_S512_RING_SCHED
#undef MC_S512_RING_PLAIN

// ---------------------------------------------------------------------------
// kAvx512Vl: two blocks' schedule in 256-bit registers.

namespace {

// sigma0 and sigma1 of each 64-bit lane.
#define MC_S512_VSIG0(x)                                                    \
  _mm256_ternarylogic_epi64(_mm256_ror_epi64(x, 1), _mm256_ror_epi64(x, 8), \
                            _mm256_srli_epi64(x, 7), 0x96)
#define MC_S512_VSIG1(x)                                                      \
  _mm256_ternarylogic_epi64(_mm256_ror_epi64(x, 19), _mm256_ror_epi64(x, 61), \
                            _mm256_srli_epi64(x, 6), 0x96)

// K[2i], K[2i+1] in both halves.
MC_AVX512VL inline __m256i KPair(int i) {
  return _mm256_broadcastsi128_si256(
      _mm_load_si128(reinterpret_cast<const __m128i*>(kSha512K + 2 * i)));
}

// W+K of blocks `pa` and `pb` into wk[160]: wk[4i..4i+3] holds W+K of
// rounds 2i and 2i+1 of block A, then of block B.
MC_AVX512VL inline void SchedulePair(const unsigned char* pa,
                                     const unsigned char* pb, Word* wk) {
  // Byte-swaps each 64-bit lane.
  const __m256i kByteSwap =
      _mm256_set_epi64x(0x08090a0b0c0d0e0fLL, 0x0001020304050607LL,
                        0x08090a0b0c0d0e0fLL, 0x0001020304050607LL);
  // x[i & 7] holds W[2i], W[2i+1] of both blocks for the last eight i.
  __m256i x[8];
#pragma GCC unroll 8
  for (int i = 0; i < 8; ++i) {
    const __m256i both = _mm256_inserti128_si256(
        _mm256_castsi128_si256(
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(pa + 16 * i))),
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(pb + 16 * i)), 1);
    x[i] = _mm256_shuffle_epi8(both, kByteSwap);
    _mm256_store_si256(reinterpret_cast<__m256i*>(wk + 4 * i),
                       _mm256_add_epi64(x[i], KPair(i)));
  }
  // W[t] = sigma1(W[t-2]) + W[t-7] + sigma0(W[t-15]) + W[t-16] for t = 2i
  // and 2i+1; the pairs (W[t-15], W[t-14]) and (W[t-7], W[t-6]) straddle
  // two registers and are taken with VPALIGNR.
#pragma GCC unroll 32
  for (int i = 8; i < 40; ++i) {
    const __m256i w15 = _mm256_alignr_epi8(x[(i - 7) & 7], x[i & 7], 8);
    const __m256i w7 = _mm256_alignr_epi8(x[(i - 3) & 7], x[(i - 4) & 7], 8);
    __m256i n =
        _mm256_add_epi64(_mm256_add_epi64(x[i & 7], MC_S512_VSIG0(w15)), w7);
    n = _mm256_add_epi64(n, MC_S512_VSIG1(x[(i - 1) & 7]));
    x[i & 7] = n;
    _mm256_store_si256(reinterpret_cast<__m256i*>(wk + 4 * i),
                       _mm256_add_epi64(n, KPair(i)));
  }
}

#undef MC_S512_VSIG1
#undef MC_S512_VSIG0

}  // namespace

// W+K of round j of the group at q (interleaved layout).
#define MC_S512_PAIR_WK(j) q[4 * ((j) >> 1) + ((j)&1)]

MC_AVX512VL void Sha512CompressAvx512Vl(std::uint64_t* state,
                                        const unsigned char* p,
                                        std::size_t blocks) {
  alignas(64) Word wk[160];
  MC_S512_LOAD_STATE;
  while (blocks != 0) {
    // A last odd block is scheduled twice, and compressed once.
    const std::size_t n = blocks >= 2 ? 2 : 1;
    SchedulePair(p, p + 128 * (n - 1), wk);
    // The rounds read W+K back from memory (see the top).
    __asm__("" : : "r"(wk) : "memory");
    for (std::size_t block = 0; block < n; ++block) {
      Word bc = b ^ c, ab;
      for (int i = 0; i < 160; i += 16) {
        const Word* q = wk + i + 2 * block;
        MC_S512_EIGHT(MC_S512_PAIR_WK);
      }
      static_cast<void>(ab);
      MC_S512_FEED_STATE;
    }
    blocks -= n;
    p += 128 * n;
  }
}

#undef MC_S512_PAIR_WK
#undef MC_S512_FEED_STATE
#undef MC_S512_LOAD_STATE
#undef MC_S512_EIGHT
#undef MC_S512_ROUND
#undef MC_S512_PIN
#undef MC_S512_SSIG1
#undef MC_S512_SSIG0
#undef MC_S512_BSIG1
#undef MC_S512_BSIG0
#undef MC_S512_ROR

}  // namespace mc::hash::internal

#endif  // __x86_64__
