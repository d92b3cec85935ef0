// Internal helpers shared by the hash implementations: endian-aware loads
// and stores, and the block buffering every Merkle-Damgard hash uses.
// Not part of the public API.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace mc::hash::internal {

inline std::uint32_t LoadLe32(const unsigned char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  if constexpr (std::endian::native == std::endian::big)
    v = __builtin_bswap32(v);
  return v;
}

inline std::uint64_t LoadLe64(const unsigned char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  if constexpr (std::endian::native == std::endian::big)
    v = __builtin_bswap64(v);
  return v;
}

inline std::uint32_t LoadBe32(const unsigned char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  if constexpr (std::endian::native == std::endian::little)
    v = __builtin_bswap32(v);
  return v;
}

inline std::uint64_t LoadBe64(const unsigned char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  if constexpr (std::endian::native == std::endian::little)
    v = __builtin_bswap64(v);
  return v;
}

inline void StoreLe32(unsigned char* p, std::uint32_t v) {
  if constexpr (std::endian::native == std::endian::big)
    v = __builtin_bswap32(v);
  std::memcpy(p, &v, sizeof v);
}

inline void StoreLe64(unsigned char* p, std::uint64_t v) {
  if constexpr (std::endian::native == std::endian::big)
    v = __builtin_bswap64(v);
  std::memcpy(p, &v, sizeof v);
}

inline void StoreBe32(unsigned char* p, std::uint32_t v) {
  if constexpr (std::endian::native == std::endian::little)
    v = __builtin_bswap32(v);
  std::memcpy(p, &v, sizeof v);
}

inline void StoreBe64(unsigned char* p, std::uint64_t v) {
  if constexpr (std::endian::native == std::endian::little)
    v = __builtin_bswap64(v);
  std::memcpy(p, &v, sizeof v);
}

// Feeds `n` bytes at `p` through a block buffer of kBlock bytes holding
// `*buffered` bytes. Whole blocks go to compress(pointer, block_count) in as
// few calls as possible (input blocks straight from `p`, without copying);
// the remainder (< kBlock bytes) stays in the buffer.
template <std::size_t kBlock, typename Compress>
inline void FeedBlocks(unsigned char* buffer, std::size_t* buffered,
                       const unsigned char* p, std::size_t n,
                       Compress&& compress) {
  std::size_t have = *buffered;
  if (have != 0) {
    std::size_t take = kBlock - have;
    if (n < take) {
      std::memcpy(buffer + have, p, n);
      *buffered = have + n;
      return;
    }
    std::memcpy(buffer + have, p, take);
    compress(buffer, std::size_t{1});
    p += take;
    n -= take;
  }
  std::size_t blocks = n / kBlock;
  if (blocks != 0) {
    compress(p, blocks);
    p += blocks * kBlock;
    n -= blocks * kBlock;
  }
  if (n != 0) std::memcpy(buffer, p, n);
  *buffered = n;
}

}  // namespace mc::hash::internal
