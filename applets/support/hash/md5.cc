#include "applets/support/hash/md5.h"

#include <bit>
#include <cstring>

#include "applets/support/hash/bytes.h"

namespace mc::hash {
namespace {

using internal::LoadLe32;

// The four auxiliary functions of RFC 1321 section 3.4, in forms that
// compile to few instructions. G's two terms are disjoint, so '+' may stand
// for '|' and fold into the round's addition chain.
inline std::uint32_t F(std::uint32_t x, std::uint32_t y, std::uint32_t z) {
  return z ^ (x & (y ^ z));
}
inline std::uint32_t G(std::uint32_t x, std::uint32_t y, std::uint32_t z) {
  return (x & z) + (y & ~z);
}
inline std::uint32_t H(std::uint32_t x, std::uint32_t y, std::uint32_t z) {
  return x ^ y ^ z;
}
inline std::uint32_t I(std::uint32_t x, std::uint32_t y, std::uint32_t z) {
  return y ^ (x | ~z);
}

// One step: a = b + ((a + fn(b,c,d) + X[k] + T) <<< s).
#define MC_MD5_STEP(fn, a, b, c, d, k, s, t) \
  do {                                       \
    a += fn(b, c, d) + x[k] + (t);           \
    a = std::rotl(a, s) + b;                 \
  } while (0)

void Compress(std::uint32_t* state, const unsigned char* p,
              std::size_t blocks) {
  std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  for (; blocks != 0; --blocks, p += 64) {
    std::uint32_t x[16];
    for (int i = 0; i < 16; ++i) x[i] = LoadLe32(p + 4 * i);
    const std::uint32_t aa = a, bb = b, cc = c, dd = d;

    // Round 1.
    MC_MD5_STEP(F, a, b, c, d, 0, 7, 0xd76aa478);
    MC_MD5_STEP(F, d, a, b, c, 1, 12, 0xe8c7b756);
    MC_MD5_STEP(F, c, d, a, b, 2, 17, 0x242070db);
    MC_MD5_STEP(F, b, c, d, a, 3, 22, 0xc1bdceee);
    MC_MD5_STEP(F, a, b, c, d, 4, 7, 0xf57c0faf);
    MC_MD5_STEP(F, d, a, b, c, 5, 12, 0x4787c62a);
    MC_MD5_STEP(F, c, d, a, b, 6, 17, 0xa8304613);
    MC_MD5_STEP(F, b, c, d, a, 7, 22, 0xfd469501);
    MC_MD5_STEP(F, a, b, c, d, 8, 7, 0x698098d8);
    MC_MD5_STEP(F, d, a, b, c, 9, 12, 0x8b44f7af);
    MC_MD5_STEP(F, c, d, a, b, 10, 17, 0xffff5bb1);
    MC_MD5_STEP(F, b, c, d, a, 11, 22, 0x895cd7be);
    MC_MD5_STEP(F, a, b, c, d, 12, 7, 0x6b901122);
    MC_MD5_STEP(F, d, a, b, c, 13, 12, 0xfd987193);
    MC_MD5_STEP(F, c, d, a, b, 14, 17, 0xa679438e);
    MC_MD5_STEP(F, b, c, d, a, 15, 22, 0x49b40821);

    // Round 2: message word (1 + 5i) mod 16.
    MC_MD5_STEP(G, a, b, c, d, 1, 5, 0xf61e2562);
    MC_MD5_STEP(G, d, a, b, c, 6, 9, 0xc040b340);
    MC_MD5_STEP(G, c, d, a, b, 11, 14, 0x265e5a51);
    MC_MD5_STEP(G, b, c, d, a, 0, 20, 0xe9b6c7aa);
    MC_MD5_STEP(G, a, b, c, d, 5, 5, 0xd62f105d);
    MC_MD5_STEP(G, d, a, b, c, 10, 9, 0x02441453);
    MC_MD5_STEP(G, c, d, a, b, 15, 14, 0xd8a1e681);
    MC_MD5_STEP(G, b, c, d, a, 4, 20, 0xe7d3fbc8);
    MC_MD5_STEP(G, a, b, c, d, 9, 5, 0x21e1cde6);
    MC_MD5_STEP(G, d, a, b, c, 14, 9, 0xc33707d6);
    MC_MD5_STEP(G, c, d, a, b, 3, 14, 0xf4d50d87);
    MC_MD5_STEP(G, b, c, d, a, 8, 20, 0x455a14ed);
    MC_MD5_STEP(G, a, b, c, d, 13, 5, 0xa9e3e905);
    MC_MD5_STEP(G, d, a, b, c, 2, 9, 0xfcefa3f8);
    MC_MD5_STEP(G, c, d, a, b, 7, 14, 0x676f02d9);
    MC_MD5_STEP(G, b, c, d, a, 12, 20, 0x8d2a4c8a);

    // Round 3: message word (5 + 3i) mod 16.
    MC_MD5_STEP(H, a, b, c, d, 5, 4, 0xfffa3942);
    MC_MD5_STEP(H, d, a, b, c, 8, 11, 0x8771f681);
    MC_MD5_STEP(H, c, d, a, b, 11, 16, 0x6d9d6122);
    MC_MD5_STEP(H, b, c, d, a, 14, 23, 0xfde5380c);
    MC_MD5_STEP(H, a, b, c, d, 1, 4, 0xa4beea44);
    MC_MD5_STEP(H, d, a, b, c, 4, 11, 0x4bdecfa9);
    MC_MD5_STEP(H, c, d, a, b, 7, 16, 0xf6bb4b60);
    MC_MD5_STEP(H, b, c, d, a, 10, 23, 0xbebfbc70);
    MC_MD5_STEP(H, a, b, c, d, 13, 4, 0x289b7ec6);
    MC_MD5_STEP(H, d, a, b, c, 0, 11, 0xeaa127fa);
    MC_MD5_STEP(H, c, d, a, b, 3, 16, 0xd4ef3085);
    MC_MD5_STEP(H, b, c, d, a, 6, 23, 0x04881d05);
    MC_MD5_STEP(H, a, b, c, d, 9, 4, 0xd9d4d039);
    MC_MD5_STEP(H, d, a, b, c, 12, 11, 0xe6db99e5);
    MC_MD5_STEP(H, c, d, a, b, 15, 16, 0x1fa27cf8);
    MC_MD5_STEP(H, b, c, d, a, 2, 23, 0xc4ac5665);

    // Round 4: message word 7i mod 16.
    MC_MD5_STEP(I, a, b, c, d, 0, 6, 0xf4292244);
    MC_MD5_STEP(I, d, a, b, c, 7, 10, 0x432aff97);
    MC_MD5_STEP(I, c, d, a, b, 14, 15, 0xab9423a7);
    MC_MD5_STEP(I, b, c, d, a, 5, 21, 0xfc93a039);
    MC_MD5_STEP(I, a, b, c, d, 12, 6, 0x655b59c3);
    MC_MD5_STEP(I, d, a, b, c, 3, 10, 0x8f0ccc92);
    MC_MD5_STEP(I, c, d, a, b, 10, 15, 0xffeff47d);
    MC_MD5_STEP(I, b, c, d, a, 1, 21, 0x85845dd1);
    MC_MD5_STEP(I, a, b, c, d, 8, 6, 0x6fa87e4f);
    MC_MD5_STEP(I, d, a, b, c, 15, 10, 0xfe2ce6e0);
    MC_MD5_STEP(I, c, d, a, b, 6, 15, 0xa3014314);
    MC_MD5_STEP(I, b, c, d, a, 13, 21, 0x4e0811a1);
    MC_MD5_STEP(I, a, b, c, d, 4, 6, 0xf7537e82);
    MC_MD5_STEP(I, d, a, b, c, 11, 10, 0xbd3af235);
    MC_MD5_STEP(I, c, d, a, b, 2, 15, 0x2ad7d2bb);
    MC_MD5_STEP(I, b, c, d, a, 9, 21, 0xeb86d391);

    a += aa;
    b += bb;
    c += cc;
    d += dd;
  }
  state[0] = a;
  state[1] = b;
  state[2] = c;
  state[3] = d;
}

#undef MC_MD5_STEP

}  // namespace

void Md5::Reset() {
  state_[0] = 0x67452301;
  state_[1] = 0xefcdab89;
  state_[2] = 0x98badcfe;
  state_[3] = 0x10325476;
  length_ = 0;
  buffered_ = 0;
}

void Md5::Update(const void* data, std::size_t n) {
  if (n == 0) return;
  length_ += n;
  internal::FeedBlocks<kBlockSize>(
      buffer_, &buffered_, static_cast<const unsigned char*>(data), n,
      [this](const unsigned char* p, std::size_t blocks) {
        Compress(state_, p, blocks);
      });
}

void Md5::Final(unsigned char* out) {
  // Padding: 0x80, zeros to 56 mod 64, then the bit length little-endian.
  const std::uint64_t bits = length_ << 3;
  std::size_t used = buffered_;
  buffer_[used++] = 0x80;
  if (used > kBlockSize - 8) {
    std::memset(buffer_ + used, 0, kBlockSize - used);
    Compress(state_, buffer_, 1);
    used = 0;
  }
  std::memset(buffer_ + used, 0, kBlockSize - 8 - used);
  internal::StoreLe64(buffer_ + kBlockSize - 8, bits);
  Compress(state_, buffer_, 1);
  for (int i = 0; i < 4; ++i) internal::StoreLe32(out + 4 * i, state_[i]);
}

}  // namespace mc::hash
