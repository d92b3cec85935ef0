#include "applets/support/hash/sha512.h"

#include <bit>
#include <cstring>

#include "applets/support/hash/bytes.h"
#include "applets/support/hash/cpu.h"
#include "applets/support/hash/sha512_compress.h"

namespace mc::hash {
namespace {

using internal::LoadBe64;
using internal::Sha512Kernel;
constexpr const std::uint64_t* kK = internal::kSha512K;

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

}  // namespace

void internal::Sha512CompressPortable(std::uint64_t* state,
                                      const unsigned char* p,
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

namespace internal {

bool Sha512KernelAvailable(Sha512Kernel kernel) {
  switch (kernel) {
    case Sha512Kernel::kPortable:
      return true;
#if defined(__x86_64__)
    case Sha512Kernel::kBmi2:
      return UseBmi2();
    case Sha512Kernel::kAvx512Vl:
      return UseAvx512Vl();
#endif
    default:
      return false;
  }
}

bool Sha512Engine::SetKernel(Sha512Kernel kernel) {
  if (!Sha512KernelAvailable(kernel)) return false;
  kernel_ = kernel;
  switch (kernel) {
#if defined(__x86_64__)
    case Sha512Kernel::kAvx512Vl:
      compress_ = Sha512CompressAvx512Vl;
      break;
    case Sha512Kernel::kBmi2:
      compress_ = Sha512CompressBmi2;
      break;
#endif
    default:
      compress_ = Sha512CompressPortable;
      break;
  }
  return true;
}

void Sha512Engine::Reset(const std::uint64_t* iv) {
  if (!SetKernel(Sha512Kernel::kAvx512Vl) && !SetKernel(Sha512Kernel::kBmi2)) {
    SetKernel(Sha512Kernel::kPortable);
  }
  std::memcpy(state_, iv, sizeof state_);
  length_ = 0;
  buffered_ = 0;
}

void Sha512Engine::Update(const void* data, std::size_t n) {
  if (n == 0) return;
  length_ += n;
  const auto compress = compress_;
  FeedBlocks<128>(buffer_, &buffered_, static_cast<const unsigned char*>(data),
                  n,
                  [this, compress](const unsigned char* p, std::size_t blocks) {
                    compress(state_, p, blocks);
                  });
}

void Sha512Engine::Finish(unsigned char* out, int words) {
  std::size_t used = buffered_;
  buffer_[used++] = 0x80;
  if (used > 112) {
    std::memset(buffer_ + used, 0, 128 - used);
    compress_(state_, buffer_, 1);
    used = 0;
  }
  std::memset(buffer_ + used, 0, 112 - used);
  StoreBe64(buffer_ + 112, length_ >> 61);  // high half of the bit count
  StoreBe64(buffer_ + 120, length_ << 3);
  compress_(state_, buffer_, 1);
  for (int i = 0; i < words; ++i) StoreBe64(out + 8 * i, state_[i]);
}

}  // namespace internal

void Sha512::Reset() { engine_.Reset(kIv512); }
void Sha384::Reset() { engine_.Reset(kIv384); }

}  // namespace mc::hash
