// SHA-384 and SHA-512 (FIPS 180-4), streaming and allocation-free.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mc::hash {
namespace internal {

// The SHA-512 engine shared by Sha384 and Sha512, which differ only in the
// initial value and the digest length.
class Sha512Engine {
 public:
  void Reset(const std::uint64_t* iv);
  void Update(const void* data, std::size_t n);
  // Pads, and writes the first `words` words of the state (big-endian).
  void Finish(unsigned char* out, int words);

 private:
  std::uint64_t state_[8];
  std::uint64_t length_;  // bytes; the 128-bit bit count never exceeds 2^67
  std::size_t buffered_;
  unsigned char buffer_[128];
};

}  // namespace internal

class Sha512 {
 public:
  static constexpr std::size_t kDigestSize = 64;
  static constexpr std::size_t kBlockSize = 128;

  Sha512() { Reset(); }
  // Starts a new message.
  void Reset();
  void Update(const void* data, std::size_t n) { engine_.Update(data, n); }
  // Writes kDigestSize bytes. Call Reset() before hashing another message.
  void Final(unsigned char* out) { engine_.Finish(out, 8); }

 private:
  internal::Sha512Engine engine_;
};

class Sha384 {
 public:
  static constexpr std::size_t kDigestSize = 48;
  static constexpr std::size_t kBlockSize = 128;

  Sha384() { Reset(); }
  void Reset();
  void Update(const void* data, std::size_t n) { engine_.Update(data, n); }
  void Final(unsigned char* out) { engine_.Finish(out, 6); }

 private:
  internal::Sha512Engine engine_;
};

}  // namespace mc::hash
