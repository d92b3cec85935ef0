// MD5 (RFC 1321), streaming and allocation-free.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mc::hash {

class Md5 {
 public:
  static constexpr std::size_t kDigestSize = 16;
  static constexpr std::size_t kBlockSize = 64;

  Md5() { Reset(); }

  // Starts a new message.
  void Reset();
  void Update(const void* data, std::size_t n);
  // Writes kDigestSize bytes. Call Reset() before hashing another message.
  void Final(unsigned char* out);

 private:
  std::uint32_t state_[4];
  std::uint64_t length_;  // message bytes so far
  std::size_t buffered_;  // bytes in buffer_
  unsigned char buffer_[kBlockSize];
};

}  // namespace mc::hash
