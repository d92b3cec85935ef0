#include "applets/support/hash/sha512.h"

#include <bit>
#include <cstring>

#include "applets/support/hash/bytes.h"

namespace mc::hash {
namespace {

using internal::LoadBe64;

// Round constants: the first 64 bits of the fractional parts of the cube
// roots of the first 80 primes (FIPS 180-4 section 4.2.3).
alignas(64) constexpr std::uint64_t kK[80] = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc, 0x3956c25bf348b538, 0x59f111f1b605d019,
    0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242,
    0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
    0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65, 0x2de92c6f592b0275,
    0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f,
    0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
    0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc,
    0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6,
    0x92722c851482353b, 0xa2bfe8a14cf10364, 0xa81a664bbc423001,
    0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
    0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc,
    0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915,
    0xc67178f2e372532b, 0xca273eceea26619c, 0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba,
    0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
};

constexpr std::uint64_t kIv512[8] = {
    0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1, 0x510e527fade682d1, 0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
};

constexpr std::uint64_t kIv384[8] = {
    0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17,
    0x152fecd8f70e5939, 0x67332667ffc00b31, 0x8eb44a8768581511,
    0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4,
};

inline std::uint64_t BigSigma0(std::uint64_t x) {
  return std::rotr(x, 28) ^ std::rotr(x, 34) ^ std::rotr(x, 39);
}
inline std::uint64_t BigSigma1(std::uint64_t x) {
  return std::rotr(x, 14) ^ std::rotr(x, 18) ^ std::rotr(x, 41);
}
inline std::uint64_t SmallSigma0(std::uint64_t x) {
  return std::rotr(x, 1) ^ std::rotr(x, 8) ^ (x >> 7);
}
inline std::uint64_t SmallSigma1(std::uint64_t x) {
  return std::rotr(x, 19) ^ std::rotr(x, 61) ^ (x >> 6);
}
inline std::uint64_t Ch(std::uint64_t e, std::uint64_t f, std::uint64_t g) {
  return g ^ (e & (f ^ g));
}
inline std::uint64_t Maj(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return ((a ^ b) & (b ^ c)) ^ b;
}

// Same structure as the portable SHA-256: eight renamed rounds per group,
// 16-word schedule ring.
#define MC_SHA512_ROUND(a, b, c, d, e, f, g, h, wj, kj)                    \
  do {                                                                     \
    const std::uint64_t t1 = h + BigSigma1(e) + Ch(e, f, g) + (kj) + (wj); \
    d += t1;                                                               \
    h = t1 + BigSigma0(a) + Maj(a, b, c);                                  \
  } while (0)

#define MC_SHA512_SCHED(j)                                       \
  (w[j] += SmallSigma1(w[((j) + 14) & 15]) + w[((j) + 9) & 15] + \
           SmallSigma0(w[((j) + 1) & 15]))

#define MC_SHA512_EIGHT(W, base, j)                                    \
  MC_SHA512_ROUND(a, b, c, d, e, f, g, h, W(j + 0), kK[base + j + 0]); \
  MC_SHA512_ROUND(h, a, b, c, d, e, f, g, W(j + 1), kK[base + j + 1]); \
  MC_SHA512_ROUND(g, h, a, b, c, d, e, f, W(j + 2), kK[base + j + 2]); \
  MC_SHA512_ROUND(f, g, h, a, b, c, d, e, W(j + 3), kK[base + j + 3]); \
  MC_SHA512_ROUND(e, f, g, h, a, b, c, d, W(j + 4), kK[base + j + 4]); \
  MC_SHA512_ROUND(d, e, f, g, h, a, b, c, W(j + 5), kK[base + j + 5]); \
  MC_SHA512_ROUND(c, d, e, f, g, h, a, b, W(j + 6), kK[base + j + 6]); \
  MC_SHA512_ROUND(b, c, d, e, f, g, h, a, W(j + 7), kK[base + j + 7])

#define MC_SHA512_PLAIN(j) w[j]

void Compress(std::uint64_t* state, const unsigned char* p,
              std::size_t blocks) {
  std::uint64_t a = state[0], b = state[1], c = state[2], d = state[3],
                e = state[4], f = state[5], g = state[6], h = state[7];
  for (; blocks != 0; --blocks, p += 128) {
    std::uint64_t w[16];
    for (int j = 0; j < 16; ++j) w[j] = LoadBe64(p + 8 * j);

    MC_SHA512_EIGHT(MC_SHA512_PLAIN, 0, 0);
    MC_SHA512_EIGHT(MC_SHA512_PLAIN, 0, 8);
    for (int i = 16; i < 80; i += 16) {
      MC_SHA512_EIGHT(MC_SHA512_SCHED, i, 0);
      MC_SHA512_EIGHT(MC_SHA512_SCHED, i, 8);
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

#undef MC_SHA512_PLAIN
#undef MC_SHA512_EIGHT
#undef MC_SHA512_SCHED
#undef MC_SHA512_ROUND

}  // namespace

namespace internal {

void Sha512Engine::Reset(const std::uint64_t* iv) {
  std::memcpy(state_, iv, sizeof state_);
  length_ = 0;
  buffered_ = 0;
}

void Sha512Engine::Update(const void* data, std::size_t n) {
  if (n == 0) return;
  length_ += n;
  FeedBlocks<128>(buffer_, &buffered_, static_cast<const unsigned char*>(data),
                  n, [this](const unsigned char* p, std::size_t blocks) {
                    Compress(state_, p, blocks);
                  });
}

void Sha512Engine::Finish(unsigned char* out, int words) {
  std::size_t used = buffered_;
  buffer_[used++] = 0x80;
  if (used > 112) {
    std::memset(buffer_ + used, 0, 128 - used);
    Compress(state_, buffer_, 1);
    used = 0;
  }
  std::memset(buffer_ + used, 0, 112 - used);
  StoreBe64(buffer_ + 112, length_ >> 61);  // high half of the bit count
  StoreBe64(buffer_ + 120, length_ << 3);
  Compress(state_, buffer_, 1);
  for (int i = 0; i < words; ++i) StoreBe64(out + 8 * i, state_[i]);
}

}  // namespace internal

void Sha512::Reset() { engine_.Reset(kIv512); }
void Sha384::Reset() { engine_.Reset(kIv384); }

}  // namespace mc::hash
