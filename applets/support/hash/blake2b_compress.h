// Internal to the hash library: the BLAKE2b constants and compression
// routines shared by blake2b.cc (portable code, selection) and
// blake2b_avx2.cc (AVX2 code).
#pragma once

#include <cstddef>
#include <cstdint>

namespace mc::hash::internal {

inline constexpr std::uint64_t kBlake2bIv[8] = {
    0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1, 0x510e527fade682d1, 0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
};

// Message word permutations, RFC 7693 section 2.7. Rounds 10 and 11 reuse
// rows 0 and 1.
inline constexpr unsigned char kBlake2bSigma[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
};

// Compresses `blocks` consecutive 128-byte blocks at `p` into the chain
// value `h`, adding `increment` to the 128-bit byte counter before each
// block; `last` sets the final-block flag (only with blocks == 1).
using Blake2bCompressFn = void (*)(std::uint64_t* h, std::uint64_t* counter,
                                   const unsigned char* p, std::size_t blocks,
                                   std::uint64_t increment, bool last);

void Blake2bCompressPortable(std::uint64_t* h, std::uint64_t* counter,
                             const unsigned char* p, std::size_t blocks,
                             std::uint64_t increment, bool last);

#if defined(__x86_64__) || defined(__i386__)
// Needs AVX2: call only when UseAvx2() says so.
void Blake2bCompressAvx2(std::uint64_t* h, std::uint64_t* counter,
                         const unsigned char* p, std::size_t blocks,
                         std::uint64_t increment, bool last);
#endif

}  // namespace mc::hash::internal
