// SHA-384 and SHA-512 (FIPS 180-4), streaming and allocation-free. On
// x86-64 uses BMI2, and AVX-512VL for the message schedule, when the CPU has
// them (see cpu.h and sha512_x86.cc), portable code otherwise.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mc::hash {
namespace internal {

// The compression routines, from the slowest.
enum class Sha512Kernel {
  kPortable,
  kBmi2,      // scalar, with RORX
  kAvx512Vl,  // message schedule with AVX-512VL, rounds with BMI2
};

// Whether `kernel` can run here: kPortable always; the others when the CPU
// has the extensions and portable code is not forced (cpu.h).
bool Sha512KernelAvailable(Sha512Kernel kernel);

// The SHA-512 engine shared by Sha384 and Sha512, which differ only in the
// initial value and the digest length.
class Sha512Engine {
 public:
  // Starts a new message and selects the fastest available kernel.
  void Reset(const std::uint64_t* iv);
  void Update(const void* data, std::size_t n);
  // Pads, and writes the first `words` words of the state (big-endian).
  void Finish(unsigned char* out, int words);
  Sha512Kernel kernel() const { return kernel_; }
  // For tests: compresses with `kernel` from now on (until the next Reset).
  // Returns false, changing nothing, when the kernel is not available.
  bool SetKernel(Sha512Kernel kernel);

 private:
  void (*compress_)(std::uint64_t* state, const unsigned char* p,
                    std::size_t blocks);
  Sha512Kernel kernel_;
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
  // Starts a new message and (re)selects the compression routine.
  void Reset();
  void Update(const void* data, std::size_t n) { engine_.Update(data, n); }
  // Writes kDigestSize bytes. Call Reset() before hashing another message.
  void Final(unsigned char* out) { engine_.Finish(out, 8); }
  // True when this hasher uses an x86 extension (BMI2 or AVX-512VL).
  bool accelerated() const {
    return engine_.kernel() != internal::Sha512Kernel::kPortable;
  }
  internal::Sha512Kernel kernel() const { return engine_.kernel(); }
  // For tests: see internal::Sha512Engine::SetKernel.
  bool SetKernel(internal::Sha512Kernel k) { return engine_.SetKernel(k); }

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
  bool accelerated() const {
    return engine_.kernel() != internal::Sha512Kernel::kPortable;
  }
  internal::Sha512Kernel kernel() const { return engine_.kernel(); }
  bool SetKernel(internal::Sha512Kernel k) { return engine_.SetKernel(k); }

 private:
  internal::Sha512Engine engine_;
};

}  // namespace mc::hash
