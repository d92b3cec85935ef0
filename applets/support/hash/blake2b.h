// BLAKE2b (RFC 7693), unkeyed, with a digest length of 1..64 bytes
// (b2sum -l BITS uses BITS/8). Streaming and allocation-free. Uses AVX2
// when the CPU has it (see cpu.h), portable code otherwise.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mc::hash {

class Blake2b {
 public:
  // The largest digest; digest_size() is the configured one.
  static constexpr std::size_t kDigestSize = 64;
  static constexpr std::size_t kBlockSize = 128;

  // `digest_bytes` must be in 1..64; other values are clamped into range.
  explicit Blake2b(std::size_t digest_bytes = kDigestSize) {
    Reset(digest_bytes);
  }

  // Starts a new message with the same digest length, and (re)selects the
  // compression routine.
  void Reset() { Reset(digest_size_); }
  // Starts a new message with a new digest length (clamped to 1..64), and
  // (re)selects the compression routine.
  void Reset(std::size_t digest_bytes);
  void Update(const void* data, std::size_t n);
  // Writes digest_size() bytes. Call Reset() before hashing another message.
  void Final(unsigned char* out);

  std::size_t digest_size() const { return digest_size_; }
  // True when this hasher uses the AVX2 code.
  bool accelerated() const;

 private:
  // Compresses `blocks` 128-byte blocks, adding `increment` to the counter
  // before each; `last` marks the final block (see blake2b_compress.h).
  void (*compress_)(std::uint64_t* h, std::uint64_t* counter,
                    const unsigned char* p, std::size_t blocks,
                    std::uint64_t increment, bool last);
  std::uint64_t h_[8];
  std::uint64_t counter_[2];  // bytes compressed, 128-bit
  std::size_t digest_size_;
  std::size_t buffered_;
  unsigned char buffer_[kBlockSize];
};

}  // namespace mc::hash
