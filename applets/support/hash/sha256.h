// SHA-224 and SHA-256 (FIPS 180-4), streaming and allocation-free. Uses the
// x86 SHA extensions when the CPU has them (see cpu.h), portable code
// otherwise.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mc::hash {
namespace internal {

// The SHA-256 engine shared by Sha224 and Sha256, which differ only in the
// initial value and the digest length.
class Sha256Engine {
 public:
  // Compresses `blocks` consecutive 64-byte blocks into `state`.
  using CompressFn = void (*)(std::uint32_t* state, const unsigned char* p,
                              std::size_t blocks);

  void Reset(const std::uint32_t* iv);
  void Update(const void* data, std::size_t n);
  // Pads, and writes the first `words` words of the state (big-endian).
  void Finish(unsigned char* out, int words);
  bool accelerated() const;

 private:
  CompressFn compress_;
  std::uint32_t state_[8];
  std::uint64_t length_;
  std::size_t buffered_;
  unsigned char buffer_[64];
};

}  // namespace internal

class Sha256 {
 public:
  static constexpr std::size_t kDigestSize = 32;
  static constexpr std::size_t kBlockSize = 64;

  Sha256() { Reset(); }
  // Starts a new message and (re)selects the compression routine.
  void Reset();
  void Update(const void* data, std::size_t n) { engine_.Update(data, n); }
  // Writes kDigestSize bytes. Call Reset() before hashing another message.
  void Final(unsigned char* out) { engine_.Finish(out, 8); }
  // True when this hasher uses the SHA extensions.
  bool accelerated() const { return engine_.accelerated(); }

 private:
  internal::Sha256Engine engine_;
};

class Sha224 {
 public:
  static constexpr std::size_t kDigestSize = 28;
  static constexpr std::size_t kBlockSize = 64;

  Sha224() { Reset(); }
  void Reset();
  void Update(const void* data, std::size_t n) { engine_.Update(data, n); }
  void Final(unsigned char* out) { engine_.Finish(out, 7); }
  bool accelerated() const { return engine_.accelerated(); }

 private:
  internal::Sha256Engine engine_;
};

}  // namespace mc::hash
