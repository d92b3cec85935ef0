#include "applets/support/hash/blake2b.h"

#include <bit>
#include <cstring>

#include "applets/support/hash/blake2b_compress.h"
#include "applets/support/hash/bytes.h"
#include "applets/support/hash/cpu.h"

namespace mc::hash {
namespace internal {
namespace {

constexpr const auto& kIv = kBlake2bIv;
constexpr const auto& kSigma = kBlake2bSigma;

}  // namespace

// The mixing function G (RFC 7693 section 3.1).
#define MC_B2_G(a, b, c, d, x, y) \
  do {                            \
    a += b + (x);                 \
    d = std::rotr(d ^ a, 32);     \
    c += d;                       \
    b = std::rotr(b ^ c, 24);     \
    a += b + (y);                 \
    d = std::rotr(d ^ a, 16);     \
    c += d;                       \
    b = std::rotr(b ^ c, 63);     \
  } while (0)

// One round: columns, then diagonals. `r` is a literal, so every message
// index is a constant.
#define MC_B2_ROUND(r)                                             \
  do {                                                             \
    MC_B2_G(v0, v4, v8, v12, m[kSigma[r][0]], m[kSigma[r][1]]);    \
    MC_B2_G(v1, v5, v9, v13, m[kSigma[r][2]], m[kSigma[r][3]]);    \
    MC_B2_G(v2, v6, v10, v14, m[kSigma[r][4]], m[kSigma[r][5]]);   \
    MC_B2_G(v3, v7, v11, v15, m[kSigma[r][6]], m[kSigma[r][7]]);   \
    MC_B2_G(v0, v5, v10, v15, m[kSigma[r][8]], m[kSigma[r][9]]);   \
    MC_B2_G(v1, v6, v11, v12, m[kSigma[r][10]], m[kSigma[r][11]]); \
    MC_B2_G(v2, v7, v8, v13, m[kSigma[r][12]], m[kSigma[r][13]]);  \
    MC_B2_G(v3, v4, v9, v14, m[kSigma[r][14]], m[kSigma[r][15]]);  \
  } while (0)

void Blake2bCompressPortable(std::uint64_t* h, std::uint64_t* counter,
                             const unsigned char* p, std::size_t blocks,
                             std::uint64_t increment, bool last) {
  const std::uint64_t final_mask = last ? ~std::uint64_t{0} : 0;
  std::uint64_t t0 = counter[0], t1 = counter[1];
  for (; blocks != 0; --blocks, p += 128) {
    t0 += increment;
    t1 += t0 < increment;
    std::uint64_t m[16];
    for (int i = 0; i < 16; ++i) m[i] = LoadLe64(p + 8 * i);

    std::uint64_t v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4],
                  v5 = h[5], v6 = h[6], v7 = h[7];
    std::uint64_t v8 = kIv[0], v9 = kIv[1], v10 = kIv[2], v11 = kIv[3];
    std::uint64_t v12 = kIv[4] ^ t0, v13 = kIv[5] ^ t1,
                  v14 = kIv[6] ^ final_mask, v15 = kIv[7];

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

    h[0] ^= v0 ^ v8;
    h[1] ^= v1 ^ v9;
    h[2] ^= v2 ^ v10;
    h[3] ^= v3 ^ v11;
    h[4] ^= v4 ^ v12;
    h[5] ^= v5 ^ v13;
    h[6] ^= v6 ^ v14;
    h[7] ^= v7 ^ v15;
  }
  counter[0] = t0;
  counter[1] = t1;
}

#undef MC_B2_ROUND
#undef MC_B2_G

}  // namespace internal

void Blake2b::Reset(std::size_t digest_bytes) {
  if (digest_bytes < 1) digest_bytes = 1;
  if (digest_bytes > kDigestSize) digest_bytes = kDigestSize;
  digest_size_ = digest_bytes;
#if defined(__x86_64__) || defined(__i386__)
  compress_ = UseAvx2() ? internal::Blake2bCompressAvx2
                        : internal::Blake2bCompressPortable;
#else
  compress_ = internal::Blake2bCompressPortable;
#endif
  std::memcpy(h_, internal::kBlake2bIv, sizeof h_);
  // Parameter block word 0: digest length, key length 0, fanout 1, depth 1.
  h_[0] ^= 0x01010000u ^ digest_bytes;
  counter_[0] = counter_[1] = 0;
  buffered_ = 0;
}

void Blake2b::Update(const void* data, std::size_t n) {
  if (n == 0) return;
  const unsigned char* p = static_cast<const unsigned char*>(data);
  // The final block is compressed with the final flag, so a block is only
  // compressed once more input is known to follow it.
  if (n > kBlockSize - buffered_) {
    if (buffered_ != 0) {
      const std::size_t take = kBlockSize - buffered_;
      std::memcpy(buffer_ + buffered_, p, take);
      compress_(h_, counter_, buffer_, 1, kBlockSize, false);
      buffered_ = 0;
      p += take;
      n -= take;
    }
    const std::size_t blocks = (n - 1) / kBlockSize;  // keep 1..128 bytes
    if (blocks != 0) {
      compress_(h_, counter_, p, blocks, kBlockSize, false);
      p += blocks * kBlockSize;
      n -= blocks * kBlockSize;
    }
  }
  std::memcpy(buffer_ + buffered_, p, n);
  buffered_ += n;
}

bool Blake2b::accelerated() const {
  return compress_ != internal::Blake2bCompressPortable;
}

void Blake2b::Final(unsigned char* out) {
  std::memset(buffer_ + buffered_, 0, kBlockSize - buffered_);
  compress_(h_, counter_, buffer_, 1, buffered_, true);
  unsigned char full[kDigestSize];
  for (int i = 0; i < 8; ++i) internal::StoreLe64(full + 8 * i, h_[i]);
  std::memcpy(out, full, digest_size_);
}

}  // namespace mc::hash
