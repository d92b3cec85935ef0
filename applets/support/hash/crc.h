// The checksums of POSIX `cksum` and of `sum` (BSD and System V), streaming
// and allocation-free.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mc::hash {

// POSIX cksum: CRC-32 (polynomial 0x04C11DB7, most significant bit first,
// initial value 0) over the data followed by the data length in as few
// bytes as hold it (least significant first), complemented. This is the
// first number GNU `cksum` prints; the second is length(). Uses PCLMULQDQ
// folding when the CPU has it (see cpu.h), slicing-by-8 tables otherwise.
class Cksum {
 public:
  using UpdateFn = std::uint32_t (*)(std::uint32_t crc, const unsigned char* p,
                                     std::size_t n);

  Cksum() { Reset(); }
  // Starts a new stream and (re)selects the implementation.
  void Reset();
  void Update(const void* data, std::size_t n) {
    if (n == 0) return;
    crc_ = update_(crc_, static_cast<const unsigned char*>(data), n);
    length_ += n;
  }
  // The checksum of everything passed to Update so far (the object stays
  // usable; more Update calls extend the stream).
  std::uint32_t checksum() const;
  std::uint64_t length() const { return length_; }
  // True when this object uses PCLMULQDQ.
  bool accelerated() const;

 private:
  UpdateFn update_;
  std::uint32_t crc_;
  std::uint64_t length_;
};

// BSD `sum` (GNU `sum`, `sum -r`): 16-bit rotating checksum; sizes are
// reported in 1024-byte blocks.
class BsdSum {
 public:
  BsdSum() { Reset(); }
  void Reset() {
    sum_ = 0;
    length_ = 0;
  }
  void Update(const void* data, std::size_t n);
  std::uint16_t checksum() const { return sum_; }
  std::uint64_t length() const { return length_; }
  // length() in 1024-byte blocks, rounded up.
  std::uint64_t blocks() const {
    return length_ / 1024 + (length_ % 1024 != 0);
  }

 private:
  std::uint16_t sum_;
  std::uint64_t length_;
};

// System V `sum` (`sum -s`): byte sum folded to 16 bits; sizes are reported
// in 512-byte blocks.
class SysvSum {
 public:
  SysvSum() { Reset(); }
  void Reset() {
    sum_ = 0;
    length_ = 0;
  }
  void Update(const void* data, std::size_t n);
  std::uint16_t checksum() const;
  std::uint64_t length() const { return length_; }
  // length() in 512-byte blocks, rounded up.
  std::uint64_t blocks() const { return length_ / 512 + (length_ % 512 != 0); }

 private:
  std::uint32_t sum_;  // modulo 2^32, as GNU sum keeps it
  std::uint64_t length_;
};

}  // namespace mc::hash
