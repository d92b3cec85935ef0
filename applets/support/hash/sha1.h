// SHA-1 (FIPS 180-4), streaming and allocation-free. Uses the x86 SHA
// extensions when the CPU has them (see cpu.h), portable code otherwise.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mc::hash {

class Sha1 {
 public:
  static constexpr std::size_t kDigestSize = 20;
  static constexpr std::size_t kBlockSize = 64;

  // Compresses `blocks` consecutive 64-byte blocks into `state`.
  using CompressFn = void (*)(std::uint32_t* state, const unsigned char* p,
                              std::size_t blocks);

  Sha1() { Reset(); }

  // Starts a new message and (re)selects the compression routine.
  void Reset();
  void Update(const void* data, std::size_t n);
  // Writes kDigestSize bytes. Call Reset() before hashing another message.
  void Final(unsigned char* out);

  // True when this hasher uses the SHA extensions.
  bool accelerated() const;

 private:
  CompressFn compress_;
  std::uint32_t state_[5];
  std::uint64_t length_;
  std::size_t buffered_;
  unsigned char buffer_[kBlockSize];
};

}  // namespace mc::hash
