// Run-time choice among the digest algorithms (md5sum, sha*sum, b2sum,
// cksum -a). Hasher holds the concrete hasher in a std::variant, so each
// Update is one dispatch per call, not per byte or per block; the concrete
// classes (md5.h, sha1.h, sha256.h, sha512.h, blake2b.h) are also usable
// directly.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <variant>

#include "applets/support/hash/blake2b.h"
#include "applets/support/hash/md5.h"
#include "applets/support/hash/sha1.h"
#include "applets/support/hash/sha256.h"
#include "applets/support/hash/sha512.h"

namespace mc::hash {

enum class Algorithm {
  kMd5,
  kSha1,
  kSha224,
  kSha256,
  kSha384,
  kSha512,
  kBlake2b
};

inline constexpr Algorithm kAllAlgorithms[] = {
    Algorithm::kMd5,     Algorithm::kSha1,   Algorithm::kSha224,
    Algorithm::kSha256,  Algorithm::kSha384, Algorithm::kSha512,
    Algorithm::kBlake2b,
};

// "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b"
// (exact, lower case); nullopt for anything else.
std::optional<Algorithm> AlgorithmFromName(std::string_view name);
std::string_view AlgorithmName(Algorithm a);

class Hasher {
 public:
  // The largest DigestSize() of any algorithm.
  static constexpr std::size_t kMaxDigestSize = 64;

  // `blake2b_bytes` (1..64, clamped) is the BLAKE2b digest length; the other
  // algorithms ignore it.
  explicit Hasher(Algorithm a, std::size_t blake2b_bytes = 64);

  // Starts a new message with the same algorithm and digest length.
  void Reset();
  void Update(const void* data, std::size_t n) {
    std::visit([data, n](auto& h) { h.Update(data, n); }, impl_);
  }
  std::size_t DigestSize() const;
  std::size_t BlockSize() const;
  // Writes DigestSize() bytes. Call Reset() before hashing another message.
  void Final(unsigned char* out) {
    std::visit([out](auto& h) { h.Final(out); }, impl_);
  }
  Algorithm algorithm() const { return algorithm_; }

 private:
  using Impl = std::variant<Md5, Sha1, Sha224, Sha256, Sha384, Sha512, Blake2b>;
  static Impl Make(Algorithm a, std::size_t blake2b_bytes);

  Algorithm algorithm_;
  Impl impl_;
};

// Lower-case hex of `n` bytes into out[0 .. 2n) (no terminator).
void HexEncode(const unsigned char* in, std::size_t n, char* out);

}  // namespace mc::hash
