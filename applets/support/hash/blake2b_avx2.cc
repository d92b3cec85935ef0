// BLAKE2b compression with AVX2, one block at a time.
//
// The 4x4 working matrix v0..v15 is held as four rows of four 64-bit lanes:
// a = v0..v3, b = v4..v7, c = v8..v11, d = v12..v15, so one vector G step
// mixes all four columns at once. For the diagonal step a, c and d are
// rotated across lanes (b stays put), which puts v0,v5,v10,v15 (and the
// other three diagonals) into common lanes; rotating a, c and d rather than
// b, c and d keeps the 3-cycle lane permutes off the dependency chain,
// since b is the last row a step produces and the first the next one uses.
//
// Measured on one Xeon (Sapphire Rapids class, 64 MiB in memory, GCC 12
// -O2): this code 50-51 ms, portable 64-65 ms, rotating b, c and d 57 ms.
// Tried and not kept: an SSE4.1/SSSE3 version (two xmm per row, alignr
// diagonals) 61-62 ms; lanes in column order 0,2,1,3 so that d's rotation
// is an in-lane vpshufd (two vpermq fewer per round) 51-53 ms; scalar
// reordering, -O3 and BMI2 for the portable code, all within noise.
// AVX-512VL's vprorq for the four rotations would gain about 5% (49 ms) on
// CPUs that have it.
//
// Only the functions marked MC_AVX2 contain AVX2 instructions (GCC and
// Clang's target attribute), so this file needs no -mavx2 and nothing
// shared with other files (inline functions, templates) is compiled for
// AVX2.
#include "applets/support/hash/blake2b_compress.h"

#if defined(__x86_64__) || defined(__i386__)

#include <immintrin.h>

#define MC_AVX2 __attribute__((target("avx2")))

namespace mc::hash::internal {
namespace {

// Word `i` of the block at `p` in every lane: a broadcast load, which
// needs no shuffle unit.
MC_AVX2 inline __m256i Broadcast(const unsigned char* p, int i) {
  return _mm256_broadcastq_epi64(
      _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p + 8 * i)));
}

// The vector (word i0, i1, i2, i3), lane 0 first: four broadcast loads
// merged by blends, keeping the message off the shuffle port that the
// lane permutes use. (GCC keeps broadcasts that later rounds reuse,
// spilling some to the stack; that measured faster than vmovq/vpinsrq/
// vinserti128 gathers and than forcing a fresh load at every use.)
MC_AVX2 inline __m256i Words(const unsigned char* p, int i0, int i1, int i2,
                             int i3) {
  const __m256i low = _mm256_blend_epi32(Broadcast(p, i0), Broadcast(p, i1),
                                         0x0c);  // lane 1 from i1
  const __m256i high = _mm256_blend_epi32(Broadcast(p, i2), Broadcast(p, i3),
                                          0xc0);  // lane 3 from i3
  return _mm256_blend_epi32(low, high, 0xf0);
}

// a + m, kept as a value of its own: the compiler would otherwise
// reassociate a + m + b into a + (m + b), putting two additions instead of
// one on the dependency chain through b.
MC_AVX2 inline __m256i AddEarly(__m256i a, __m256i m) {
  __m256i sum = _mm256_add_epi64(a, m);
  __asm__("" : "+x"(sum));
  return sum;
}

}  // namespace

// Half of G on all four lanes: a += b + m; d = (d ^ a) >>> 32;
// c += d; b = (b ^ c) >>> 24.
#define MC_B2_HALF1(m)                                    \
  do {                                                    \
    a = _mm256_add_epi64(AddEarly(a, m), b);              \
    d = _mm256_xor_si256(d, a);                           \
    d = _mm256_shuffle_epi32(d, _MM_SHUFFLE(2, 3, 0, 1)); \
    c = _mm256_add_epi64(c, d);                           \
    b = _mm256_xor_si256(b, c);                           \
    b = _mm256_shuffle_epi8(b, rot24);                    \
  } while (0)

// The other half: a += b + m; d = (d ^ a) >>> 16; c += d;
// b = (b ^ c) >>> 63, which is (b << 1) | (b >> 63).
#define MC_B2_HALF2(m)                                                      \
  do {                                                                      \
    a = _mm256_add_epi64(AddEarly(a, m), b);                                \
    d = _mm256_xor_si256(d, a);                                             \
    d = _mm256_shuffle_epi8(d, rot16);                                      \
    c = _mm256_add_epi64(c, d);                                             \
    b = _mm256_xor_si256(b, c);                                             \
    b = _mm256_xor_si256(_mm256_srli_epi64(b, 63), _mm256_add_epi64(b, b)); \
  } while (0)

// One round. The column step takes sigma words 0,2,4,6 and 1,3,5,7. In the
// diagonal step lane j of b is v[4+j], so lane 0 runs G(v3,v4,v9,v14) with
// sigma words 14,15, and lanes 1..3 the diagonals with words 8..13:
// a = (v3,v0,v1,v2), c = (v9,v10,v11,v8), d = (v14,v15,v12,v13).
#define MC_B2_ROUND(r)                                        \
  do {                                                        \
    constexpr const unsigned char* s = kBlake2bSigma[r];      \
    MC_B2_HALF1(Words(p, s[0], s[2], s[4], s[6]));            \
    MC_B2_HALF2(Words(p, s[1], s[3], s[5], s[7]));            \
    a = _mm256_permute4x64_epi64(a, _MM_SHUFFLE(2, 1, 0, 3)); \
    d = _mm256_permute4x64_epi64(d, _MM_SHUFFLE(1, 0, 3, 2)); \
    c = _mm256_permute4x64_epi64(c, _MM_SHUFFLE(0, 3, 2, 1)); \
    MC_B2_HALF1(Words(p, s[14], s[8], s[10], s[12]));         \
    MC_B2_HALF2(Words(p, s[15], s[9], s[11], s[13]));         \
    a = _mm256_permute4x64_epi64(a, _MM_SHUFFLE(0, 3, 2, 1)); \
    d = _mm256_permute4x64_epi64(d, _MM_SHUFFLE(1, 0, 3, 2)); \
    c = _mm256_permute4x64_epi64(c, _MM_SHUFFLE(2, 1, 0, 3)); \
  } while (0)

MC_AVX2 void Blake2bCompressAvx2(std::uint64_t* h, std::uint64_t* counter,
                                 const unsigned char* p, std::size_t blocks,
                                 std::uint64_t increment, bool last) {
  // Byte shuffles rotating each 64-bit lane right by 24 and by 16 bits.
  const __m256i rot24 =
      _mm256_setr_epi8(3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10,  //
                       3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10);
  const __m256i rot16 =
      _mm256_setr_epi8(2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9,  //
                       2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9);
  const __m256i iv_low =
      _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kBlake2bIv));
  const __m256i iv_high =
      _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kBlake2bIv + 4));
  const long long final_flag = last ? -1 : 0;

  __m256i h_low = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(h));
  __m256i h_high = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(h + 4));
  std::uint64_t t0 = counter[0], t1 = counter[1];
  for (; blocks != 0; --blocks, p += 128) {
    t0 += increment;
    t1 += t0 < increment;
    __m256i a = h_low, b = h_high, c = iv_low;
    __m256i d = _mm256_xor_si256(
        iv_high, _mm256_set_epi64x(0, final_flag, static_cast<long long>(t1),
                                   static_cast<long long>(t0)));

    MC_B2_ROUND(0);
    MC_B2_ROUND(1);
    MC_B2_ROUND(2);
    MC_B2_ROUND(3);
    MC_B2_ROUND(4);
    MC_B2_ROUND(5);
    MC_B2_ROUND(6);
    MC_B2_ROUND(7);
    MC_B2_ROUND(8);
    MC_B2_ROUND(9);
    MC_B2_ROUND(10);
    MC_B2_ROUND(11);

    h_low = _mm256_xor_si256(h_low, _mm256_xor_si256(a, c));
    h_high = _mm256_xor_si256(h_high, _mm256_xor_si256(b, d));
  }
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(h), h_low);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(h + 4), h_high);
  counter[0] = t0;
  counter[1] = t1;
}

#undef MC_B2_ROUND
#undef MC_B2_HALF2
#undef MC_B2_HALF1

}  // namespace mc::hash::internal

#endif  // x86
