#include "applets/support/hash/hasher.h"

#include <type_traits>

namespace mc::hash {

std::optional<Algorithm> AlgorithmFromName(std::string_view name) {
  for (Algorithm a : kAllAlgorithms) {
    if (AlgorithmName(a) == name) return a;
  }
  return std::nullopt;
}

std::string_view AlgorithmName(Algorithm a) {
  switch (a) {
    case Algorithm::kMd5:
      return "md5";
    case Algorithm::kSha1:
      return "sha1";
    case Algorithm::kSha224:
      return "sha224";
    case Algorithm::kSha256:
      return "sha256";
    case Algorithm::kSha384:
      return "sha384";
    case Algorithm::kSha512:
      return "sha512";
    case Algorithm::kBlake2b:
      return "blake2b";
  }
  return "";
}

Hasher::Impl Hasher::Make(Algorithm a, std::size_t blake2b_bytes) {
  switch (a) {
    case Algorithm::kMd5:
      return Impl(std::in_place_type<Md5>);
    case Algorithm::kSha1:
      return Impl(std::in_place_type<Sha1>);
    case Algorithm::kSha224:
      return Impl(std::in_place_type<Sha224>);
    case Algorithm::kSha256:
      return Impl(std::in_place_type<Sha256>);
    case Algorithm::kSha384:
      return Impl(std::in_place_type<Sha384>);
    case Algorithm::kSha512:
      return Impl(std::in_place_type<Sha512>);
    case Algorithm::kBlake2b:
      break;
  }
  return Impl(std::in_place_type<Blake2b>, blake2b_bytes);
}

Hasher::Hasher(Algorithm a, std::size_t blake2b_bytes)
    : algorithm_(a), impl_(Make(a, blake2b_bytes)) {}

void Hasher::Reset() {
  std::visit([](auto& h) { h.Reset(); }, impl_);
}

std::size_t Hasher::DigestSize() const {
  return std::visit(
      [](const auto& h) -> std::size_t {
        if constexpr (std::is_same_v<std::decay_t<decltype(h)>, Blake2b>) {
          return h.digest_size();
        } else {
          return std::decay_t<decltype(h)>::kDigestSize;
        }
      },
      impl_);
}

std::size_t Hasher::BlockSize() const {
  return std::visit(
      [](const auto& h) -> std::size_t {
        return std::decay_t<decltype(h)>::kBlockSize;
      },
      impl_);
}

void HexEncode(const unsigned char* in, std::size_t n, char* out) {
  constexpr char kDigits[] = "0123456789abcdef";
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[in[i] >> 4];
    out[2 * i + 1] = kDigits[in[i] & 15];
  }
}

}  // namespace mc::hash
