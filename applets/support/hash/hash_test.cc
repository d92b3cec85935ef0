// Tests for the hash library: known answers from the standards, streaming
// splits, SIMD against portable code, and differential checks against the
// host's GNU tools.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/hash/blake2b.h"
#include "applets/support/hash/cpu.h"
#include "applets/support/hash/crc.h"
#include "applets/support/hash/hasher.h"
#include "applets/support/hash/md5.h"
#include "applets/support/hash/sha1.h"
#include "applets/support/hash/sha256.h"
#include "applets/support/hash/sha512.h"

namespace {

using mc::hash::Algorithm;
using mc::hash::Hasher;

// Restores SIMD selection when a test section ends.
class PortableScope {
 public:
  explicit PortableScope(bool portable) { mc::hash::ForcePortable(portable); }
  ~PortableScope() { mc::hash::ForcePortable(false); }
  PortableScope(const PortableScope&) = delete;
  PortableScope& operator=(const PortableScope&) = delete;
};

std::string Hex(const unsigned char* p, std::size_t n) {
  std::string s(2 * n, '?');
  mc::hash::HexEncode(p, n, s.data());
  return s;
}

std::string Digest(const Hasher& proto, const void* data, std::size_t n) {
  Hasher h = proto;
  h.Reset();
  h.Update(data, n);
  unsigned char out[Hasher::kMaxDigestSize];
  h.Final(out);
  return Hex(out, h.DigestSize());
}

std::string Digest(Algorithm a, std::string_view s, std::size_t b2 = 64) {
  return Digest(Hasher(a, b2), s.data(), s.size());
}

std::vector<unsigned char> RandomBytes(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<unsigned char> v(n);
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const std::uint64_t r = rng();
    std::memcpy(v.data() + i, &r, 8);
  }
  for (; i < n; ++i) v[i] = static_cast<unsigned char>(rng());
  return v;
}

// Whether /proc/cpuinfo lists `flag` (false when it cannot be read).
bool CpuinfoHasFlag(std::string_view flag) {
  std::FILE* f = std::fopen("/proc/cpuinfo", "r");
  if (f == nullptr) return false;
  char line[8192];
  bool found = false;
  while (!found && std::fgets(line, sizeof line, f) != nullptr) {
    const std::string_view l(line);
    if (l.substr(0, 5) != "flags") continue;
    std::string padded(l);
    for (char& c : padded) {
      if (c == '\t' || c == '\n' || c == ':') c = ' ';
    }
    padded += ' ';
    found = padded.find(" " + std::string(flag) + " ") != std::string::npos;
  }
  std::fclose(f);
  return found;
}

// BLAKE2b of p[0..n) with `digest_bytes` output through the concrete class,
// fed in `chunk`-byte Updates (0: all at once).
std::string Blake2bHex(const unsigned char* p, std::size_t n,
                       std::size_t digest_bytes, std::size_t chunk = 0) {
  mc::hash::Blake2b h(digest_bytes);
  if (chunk == 0) chunk = n + 1;
  for (std::size_t pos = 0; pos < n; pos += chunk) {
    h.Update(p + pos, std::min(chunk, n - pos));
  }
  unsigned char out[64];
  h.Final(out);
  return Hex(out, h.digest_size());
}

constexpr std::string_view kM448 =
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr std::string_view kM896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnop"
    "jklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

struct Vectors {
  Algorithm algorithm;
  std::size_t blake2b_bytes;
  const char* empty;
  const char* abc;
  const char* m448;
  const char* m896;
  const char* million_a;
};

// FIPS 180-4 example values (SHA), RFC 1321 (MD5 "" and "abc"), RFC 7693
// appendix A (BLAKE2b-512 "abc"); the remaining MD5/BLAKE2b entries are the
// same messages through the reference implementations.
const Vectors kVectors[] = {
    {Algorithm::kMd5, 64, "d41d8cd98f00b204e9800998ecf8427e",
     "900150983cd24fb0d6963f7d28e17f72", "8215ef0796a20bcaaae116d3876c664a",
     "03dd8807a93175fb062dfb55dc7d359c", "7707d6ae4e027c70eea2a935c2296f21"},
    {Algorithm::kSha1, 64, "da39a3ee5e6b4b0d3255bfef95601890afd80709",
     "a9993e364706816aba3e25717850c26c9cd0d89d",
     "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
     "a49b2446a02c645bf419f995b67091253a04a259",
     "34aa973cd4c4daa4f61eeb2bdbad27316534016f"},
    {Algorithm::kSha224, 64,
     "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f",
     "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
     "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525",
     "c97ca9a559850ce97a04a96def6d99a9e0e0e2ab14e6b8df265fc0b3",
     "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67"},
    {Algorithm::kSha256, 64,
     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
     "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
     "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
    {Algorithm::kSha384, 64,
     "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
     "274edebfe76f65fbd51ad2f14898b95b",
     "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
     "8086072ba1e7cc2358baeca134c825a7",
     "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6"
     "b0455a8520bc4e6f5fe95b1fe3c8452b",
     "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
     "fcc7c71a557e2db966c3e9fa91746039",
     "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b"
     "07b8b3dc38ecc4ebae97ddd87f3d8985"},
    {Algorithm::kSha512, 64,
     "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
     "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
     "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
     "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
     "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445",
     "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
     "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909",
     "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
     "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"},
    {Algorithm::kBlake2b, 64,
     "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
     "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce",
     "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
     "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
     "7285ff3e8bd768d69be62b3bf18765a325917fa9744ac2f582a20850bc2b1141"
     "ed1b3e4528595acc90772bdf2d37dc8a47130b44f33a02e8730e5ad8e166e888",
     "ce741ac5930fe346811175c5227bb7bfcd47f42612fae46c0809514f9e0e3a11"
     "ee1773287147cdeaeedff50709aa716341fe65240f4ad6777d6bfaf9726e5e52",
     "98fb3efb7206fd19ebf69b6f312cf7b64e3b94dbe1a17107913975a793f177e1"
     "d077609d7fba363cbba00d05f7aa4e4fa8715d6428104c0a75643b0ff3fd3eaf"},
    {Algorithm::kBlake2b, 32,
     "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8",
     "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319",
     "5f7a93da9c5621583f22e49e8e91a40cbba37536622235a380f434b9f68e49c4",
     "90a0bcf5e5a67ac1578c2754617994cfc248109275a809a0721feebd1e918738",
     "0741850f36cba4259628355d1073e24ddb9ca0e1bfac36fd39ae5dc2101e23a4"},
};

}  // namespace

TEST_CASE("hash: known answers, SIMD and portable", "[hash]") {
  const bool portable = GENERATE(false, true);
  PortableScope scope(portable);
  const std::string million(1000000, 'a');
  for (const Vectors& v : kVectors) {
    INFO(mc::hash::AlgorithmName(v.algorithm)
         << " bytes=" << v.blake2b_bytes << " portable=" << portable);
    CHECK(Digest(v.algorithm, "", v.blake2b_bytes) == v.empty);
    CHECK(Digest(v.algorithm, "abc", v.blake2b_bytes) == v.abc);
    CHECK(Digest(v.algorithm, kM448, v.blake2b_bytes) == v.m448);
    CHECK(Digest(v.algorithm, kM896, v.blake2b_bytes) == v.m896);
    CHECK(Digest(v.algorithm, million, v.blake2b_bytes) == v.million_a);

    // The million 'a's again, 1000 bytes per Update as FIPS describes.
    Hasher h(v.algorithm, v.blake2b_bytes);
    for (int i = 0; i < 1000; ++i) h.Update(million.data(), 1000);
    unsigned char out[Hasher::kMaxDigestSize];
    h.Final(out);
    CHECK(Hex(out, h.DigestSize()) == v.million_a);
  }
}

TEST_CASE("hash: RFC 1321 test suite", "[hash]") {
  CHECK(Digest(Algorithm::kMd5, "a") == "0cc175b9c0f1b6a831c399e269772661");
  CHECK(Digest(Algorithm::kMd5, "message digest") ==
        "f96b697d7cb7938d525a2f31aaf161d0");
  CHECK(Digest(Algorithm::kMd5, "abcdefghijklmnopqrstuvwxyz") ==
        "c3fcd3d76192e4007dfb496cca67e13b");
  CHECK(Digest(
            Algorithm::kMd5,
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") ==
        "d174ab98d277d9f5a5611c2c9f419d9f");
  CHECK(
      Digest(Algorithm::kMd5,
             "1234567890123456789012345678901234567890123456789012345678901234"
             "5678901234567890") == "57edf4a22be3c955ac49da2e2107b67a");
}

TEST_CASE("hash: concrete classes match the type-erased Hasher", "[hash]") {
  const auto data = RandomBytes(3000, 7);
  auto one = [&](auto h, Algorithm a) {
    h.Update(data.data(), data.size());
    unsigned char out[64];
    h.Final(out);
    CHECK(Hex(out, decltype(h)::kDigestSize) ==
          Digest(Hasher(a), data.data(), data.size()));
  };
  one(mc::hash::Md5(), Algorithm::kMd5);
  one(mc::hash::Sha1(), Algorithm::kSha1);
  one(mc::hash::Sha224(), Algorithm::kSha224);
  one(mc::hash::Sha256(), Algorithm::kSha256);
  one(mc::hash::Sha384(), Algorithm::kSha384);
  one(mc::hash::Sha512(), Algorithm::kSha512);
  one(mc::hash::Blake2b(), Algorithm::kBlake2b);

  mc::hash::Blake2b b(20);
  CHECK(b.digest_size() == 20);
  b.Update("abc", 3);
  unsigned char out[64];
  b.Final(out);
  CHECK(Hex(out, 20) == Digest(Algorithm::kBlake2b, "abc", 20));
  b.Reset();
  b.Update("abc", 3);
  unsigned char again[64];
  b.Final(again);
  CHECK(Hex(again, 20) == Hex(out, 20));
}

TEST_CASE("hash: names and sizes", "[hash]") {
  for (Algorithm a : mc::hash::kAllAlgorithms) {
    const auto back = mc::hash::AlgorithmFromName(mc::hash::AlgorithmName(a));
    REQUIRE(back.has_value());
    CHECK(*back == a);
  }
  CHECK(mc::hash::AlgorithmFromName("md5") == Algorithm::kMd5);
  CHECK(mc::hash::AlgorithmFromName("blake2b") == Algorithm::kBlake2b);
  CHECK_FALSE(mc::hash::AlgorithmFromName("MD5").has_value());
  CHECK_FALSE(mc::hash::AlgorithmFromName("sha").has_value());
  CHECK_FALSE(mc::hash::AlgorithmFromName("").has_value());
  CHECK(mc::hash::AlgorithmName(Algorithm::kSha384) == "sha384");

  CHECK(Hasher(Algorithm::kMd5).DigestSize() == 16);
  CHECK(Hasher(Algorithm::kSha1).DigestSize() == 20);
  CHECK(Hasher(Algorithm::kSha224).DigestSize() == 28);
  CHECK(Hasher(Algorithm::kSha256).DigestSize() == 32);
  CHECK(Hasher(Algorithm::kSha384).DigestSize() == 48);
  CHECK(Hasher(Algorithm::kSha512).DigestSize() == 64);
  CHECK(Hasher(Algorithm::kBlake2b).DigestSize() == 64);
  CHECK(Hasher(Algorithm::kBlake2b, 32).DigestSize() == 32);
  CHECK(Hasher(Algorithm::kBlake2b, 1).DigestSize() == 1);
  CHECK(Hasher(Algorithm::kSha512).BlockSize() == 128);
  CHECK(Hasher(Algorithm::kSha256).BlockSize() == 64);
  CHECK(Hasher(Algorithm::kSha256).algorithm() == Algorithm::kSha256);
}

TEST_CASE("hash: run-time selection honours ForcePortable", "[hash]") {
  {
    PortableScope scope(true);
    CHECK_FALSE(mc::hash::UseShaNi());
    CHECK_FALSE(mc::hash::UsePclmul());
    CHECK_FALSE(mc::hash::UseAvx2());
    CHECK_FALSE(mc::hash::UseBmi2());
    CHECK_FALSE(mc::hash::UseAvx512Vl());
    CHECK_FALSE(mc::hash::Blake2b().accelerated());
    CHECK_FALSE(mc::hash::Sha512().accelerated());
    CHECK_FALSE(mc::hash::Sha384().accelerated());
    CHECK_FALSE(mc::hash::Sha1().accelerated());
    CHECK_FALSE(mc::hash::Sha256().accelerated());
    CHECK_FALSE(mc::hash::Cksum().accelerated());
  }
  CHECK(mc::hash::Sha1().accelerated() == mc::hash::UseShaNi());
  CHECK(mc::hash::Sha256().accelerated() == mc::hash::UseShaNi());
  CHECK(mc::hash::Sha224().accelerated() == mc::hash::UseShaNi());
  CHECK(mc::hash::Cksum().accelerated() == mc::hash::UsePclmul());
  CHECK(mc::hash::Blake2b().accelerated() == mc::hash::UseAvx2());
  // SHA-384/512 take the best kernel the CPU allows.
  using mc::hash::internal::Sha512Kernel;
  const Sha512Kernel best = mc::hash::UseAvx512Vl() ? Sha512Kernel::kAvx512Vl
                            : mc::hash::UseBmi2()   ? Sha512Kernel::kBmi2
                                                    : Sha512Kernel::kPortable;
  CHECK(mc::hash::Sha512().kernel() == best);
  CHECK(mc::hash::Sha384().kernel() == best);
  CHECK(mc::hash::Sha512().accelerated() == (best != Sha512Kernel::kPortable));
  // A Reset reselects: a hasher made while portable code was forced
  // switches to AVX2 once that is allowed again.
  mc::hash::Blake2b b2(32);
  {
    PortableScope scope(true);
    b2.Reset();
    CHECK_FALSE(b2.accelerated());
  }
  b2.Reset();
  CHECK(b2.accelerated() == mc::hash::UseAvx2());
  // The kernel lists avx2 only when it is usable, so detection must agree.
  if (CpuinfoHasFlag("avx2")) CHECK(mc::hash::UseAvx2());
  if (CpuinfoHasFlag("bmi2")) CHECK(mc::hash::UseBmi2());
  if (CpuinfoHasFlag("avx512f") && CpuinfoHasFlag("avx512vl") &&
      CpuinfoHasFlag("avx2") && CpuinfoHasFlag("bmi2")) {
    CHECK(mc::hash::UseAvx512Vl());
  }
  if (!mc::hash::UseShaNi()) WARN("no SHA extensions: SIMD paths untested");
  if (!mc::hash::UseAvx2()) WARN("no AVX2: BLAKE2b SIMD path untested");
  if (!mc::hash::UsePclmul()) WARN("no PCLMULQDQ: CRC folding untested");
  if (!mc::hash::UseBmi2()) WARN("no BMI2: SHA-512 BMI2 kernel untested");
  if (!mc::hash::UseAvx512Vl())
    WARN("no AVX-512VL: SHA-512 AVX-512VL kernel untested");
}

TEST_CASE("hash: streaming in random chunks equals one-shot", "[hash]") {
  const bool portable = GENERATE(false, true);
  PortableScope scope(portable);
  const auto data = RandomBytes(3 * 1024 * 1024 + 77, 42);
  std::mt19937_64 rng(1234);

  for (Algorithm a : mc::hash::kAllAlgorithms) {
    const Hasher proto(a);
    const std::string whole = Digest(proto, data.data(), data.size());
    for (int trial = 0; trial < 3; ++trial) {
      INFO(mc::hash::AlgorithmName(a)
           << " trial " << trial << " portable=" << portable);
      Hasher h(a);
      std::size_t pos = 0;
      while (pos < data.size()) {
        // Mostly large chunks, with runs of tiny and block-sized ones.
        std::size_t n;
        switch (rng() % 4) {
          case 0:
            n = 1 + rng() % 16;
            break;
          case 1:
            n = 1 + rng() % 300;
            break;
          default:
            n = 1 + rng() % (200 * 1000);
            break;
        }
        n = std::min(n, data.size() - pos);
        h.Update(data.data() + pos, n);
        pos += n;
      }
      h.Update(data.data(), 0);  // empty updates are harmless
      unsigned char out[Hasher::kMaxDigestSize];
      h.Final(out);
      CHECK(Hex(out, h.DigestSize()) == whole);
    }
  }

  // The checksums too.
  mc::hash::Cksum c1, c2;
  mc::hash::BsdSum b1, b2;
  mc::hash::SysvSum s1, s2;
  c1.Update(data.data(), data.size());
  b1.Update(data.data(), data.size());
  s1.Update(data.data(), data.size());
  std::size_t pos = 0;
  while (pos < data.size()) {
    const std::size_t n = std::min<std::size_t>(
        1 + rng() % (rng() % 2 ? 40 : 200000), data.size() - pos);
    c2.Update(data.data() + pos, n);
    b2.Update(data.data() + pos, n);
    s2.Update(data.data() + pos, n);
    pos += n;
  }
  CHECK(c1.checksum() == c2.checksum());
  CHECK(c1.length() == c2.length());
  CHECK(b1.checksum() == b2.checksum());
  CHECK(s1.checksum() == s2.checksum());
}

TEST_CASE("hash: SIMD and portable agree at every length", "[hash]") {
  // Lengths around block boundaries and misaligned starts exercise the
  // multi-block loops, the CRC folding tail and the padding.
  const auto data = RandomBytes(5000, 99);
  for (std::size_t offset : {0, 1, 3, 8}) {
    for (std::size_t n = 0; n + offset <= 1200; ++n) {
      const unsigned char* p = data.data() + offset;
      std::string simd[7], portable[7];
      std::uint32_t crc[2];
      for (int mode = 0; mode < 2; ++mode) {
        PortableScope scope(mode == 1);
        std::string* out = mode == 0 ? simd : portable;
        out[0] = Digest(Hasher(Algorithm::kSha1), p, n);
        out[1] = Digest(Hasher(Algorithm::kSha256), p, n);
        out[2] = Digest(Hasher(Algorithm::kSha224), p, n);
        out[3] = Digest(Hasher(Algorithm::kBlake2b), p, n);
        out[4] = Digest(Hasher(Algorithm::kBlake2b, 1 + n % 64), p, n);
        out[5] = Digest(Hasher(Algorithm::kSha384), p, n);
        out[6] = Digest(Hasher(Algorithm::kSha512), p, n);
        mc::hash::Cksum c;
        c.Update(p, n);
        crc[mode] = c.checksum();
      }
      INFO("offset " << offset << " length " << n);
      REQUIRE(simd[0] == portable[0]);
      REQUIRE(simd[1] == portable[1]);
      REQUIRE(simd[2] == portable[2]);
      REQUIRE(simd[3] == portable[3]);
      REQUIRE(simd[4] == portable[4]);
      REQUIRE(simd[5] == portable[5]);
      REQUIRE(simd[6] == portable[6]);
      REQUIRE(crc[0] == crc[1]);
    }
  }
  // Large inputs through the CRC's eight-lane loop, continuing a stream.
  const auto big = RandomBytes(1 << 20, 5);
  std::uint32_t crc[2];
  for (int mode = 0; mode < 2; ++mode) {
    PortableScope scope(mode == 1);
    mc::hash::Cksum c;
    c.Update(big.data(), 333);
    c.Update(big.data() + 333, big.size() - 333);
    crc[mode] = c.checksum();
  }
  CHECK(crc[0] == crc[1]);
}

// BLAKE2b answers from an independent implementation (Python's hashlib,
// itself the BLAKE2 reference code) over the bytes (7i + i/256) mod 256:
// one- to three-block messages either side of the block boundaries, where
// the last block is the one compressed with the final flag, and 1 MiB.
// Each is checked through the AVX2 routine and the portable one.
TEST_CASE("hash: BLAKE2b known answers, AVX2 and portable", "[hash]") {
  const bool portable = GENERATE(false, true);
  if (!portable && !mc::hash::UseAvx2()) {
    WARN("no AVX2: BLAKE2b SIMD known answers skipped");
    return;
  }
  PortableScope scope(portable);
  REQUIRE(mc::hash::Blake2b().accelerated() == !portable);

  struct Kat {
    std::size_t length;
    std::size_t digest_bytes;
    const char* hex;
  };
  const Kat kKats[] = {
      {0, 64,
       "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
       "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce"},
      {1, 64,
       "2fa3f686df876995167e7c2e5d74c4c7b6e48f8068fe0e44208344d480f7904c"
       "36963e44115fe3eb2a3ac8694c28bcb4f5a0f3276f2e79487d8219057a506e4b"},
      {127, 64,
       "08b38d2c2a521e8a819cdca2d43b52df46768623ff2a89e8cbf5a0095e9873d8"
       "714e9f0f94bda6c0f43731a465769f5b4a978bc0efa8e0ccf8a37d901d3265b5"},
      {128, 64,
       "0be555525cf1e0b9b74d2a743dd1ee3164b1de36feaa6084a1d054af06a50913"
       "46d6a2be5068fd5c612e0f8cbcefaacac2f5b309226bfc28817916fbc3ef0b23"},
      {129, 64,
       "31f95aa8eb1487ce670bc3c0c60ef98b83b7d7d88ff6b7d719fdc8838f301785"
       "591eed59d633b5f47b73aa828cf2dcdc775fc92c0de005ae9b7922b0f3251885"},
      {255, 64,
       "89375d001b6041e7e98dcfeb29ebb93c4e79ea803af4edf6882eb360fc21e719"
       "7ccefabc8a758ec5c45d27c9fb27fcfcc3ff06353c8ff2e69be5e5634a911c81"},
      {256, 64,
       "f8517f3d1accbf944ef17fc76662f7d91e6bbff44a7c5a0ed63bc52d177810f5"
       "dee0881ae4541269f230ae91b0c4f8d8c9fa1fd094280e5ed38bc7da95427820"},
      {257, 64,
       "f88c67bba97a6d199f8b435997df31bec9ff892fc77872224bd00dabb7dfb288"
       "84361837d0a283810a72e39ce8e73a88d104372d1e402689a5b903e564392f35"},
      {1 << 20, 64,
       "14a90836fdaeba2b71e55bef6dc9641f0d6858afb818a2ce2cd6348dc4a6e0e7"
       "5100428d6f933060c61ffa7d0a6424a9ed6d634e42b932212e7103760474108c"},
      // Shorter digests, as b2sum -l 256, -l 8, -l 160 and -l 384: the
      // length is in the parameter block, so these are not truncations.
      {128, 32,
       "14696d2a98d9f8a280da8b132b1045b345e1033759c6b02fcc4ee885c8ae7c37"},
      {129, 32,
       "3934215260b1039be9d9d2b073b059bcd50120c327a22af93eb4d98cf821c14c"},
      {257, 1, "ee"},
      {255, 20, "9cf26ca75b204e7f2d684a95089ed20e2cb47581"},
      {1 << 20, 48,
       "bf50059a337852951333848b99901a63eaa42735c3cd37938c6e38650839ed0f"
       "686c435d1846a1b25f96895cff852ae4"},
  };
  std::vector<unsigned char> data(1 << 20);
  for (std::size_t i = 0; i < data.size(); ++i) {
    data[i] = static_cast<unsigned char>(7 * i + i / 256);
  }
  for (const Kat& k : kKats) {
    INFO("length " << k.length << " digest " << k.digest_bytes
                   << " portable=" << portable);
    CHECK(Blake2bHex(data.data(), k.length, k.digest_bytes) == k.hex);
    // Split so that blocks come both buffered and straight from the input.
    for (std::size_t chunk : {1, 100, 128, 129, 4096}) {
      INFO("chunk " << chunk);
      CHECK(Blake2bHex(data.data(), k.length, k.digest_bytes, chunk) == k.hex);
    }
  }
  // RFC 7693 appendix A.
  const unsigned char abc[] = {'a', 'b', 'c'};
  CHECK(Blake2bHex(abc, 3, 64) ==
        "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
        "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
}

// AVX2 against portable BLAKE2b on random lengths, digest lengths, start
// offsets and Update splits.
TEST_CASE("hash: BLAKE2b AVX2 and portable agree on random input", "[hash]") {
  if (!mc::hash::UseAvx2()) {
    WARN("no AVX2: BLAKE2b SIMD cross-check skipped");
    return;
  }
  const auto data = RandomBytes(600 * 1000, 77);
  std::mt19937_64 rng(2024);
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t offset = rng() % 64;
    const std::size_t n =
        trial % 3 == 0 ? rng() % 600 : rng() % (data.size() - offset);
    const std::size_t digest = 1 + rng() % 64;
    const std::size_t chunk = trial % 2 == 0 ? 0 : 1 + rng() % 5000;
    std::string out[2];
    for (int mode = 0; mode < 2; ++mode) {
      PortableScope scope(mode == 1);
      out[mode] = Blake2bHex(data.data() + offset, n, digest, chunk);
    }
    INFO("trial " << trial << " offset " << offset << " length " << n
                  << " digest " << digest << " chunk " << chunk);
    REQUIRE(out[0] == out[1]);
  }
}

namespace {

using mc::hash::internal::Sha512Kernel;

constexpr Sha512Kernel kSha512Kernels[] = {
    Sha512Kernel::kPortable, Sha512Kernel::kBmi2, Sha512Kernel::kAvx512Vl};

const char* KernelName(Sha512Kernel k) {
  switch (k) {
    case Sha512Kernel::kPortable:
      return "portable";
    case Sha512Kernel::kBmi2:
      return "BMI2";
    case Sha512Kernel::kAvx512Vl:
      return "AVX-512VL";
  }
  return "?";
}

// SHA-512 or SHA-384 (H) of p[0..n) through `kernel`, which must be
// available, fed in `chunk`-byte Updates (0: all at once).
template <typename H>
std::string Sha512FamilyHex(Sha512Kernel kernel, const unsigned char* p,
                            std::size_t n, std::size_t chunk = 0) {
  H h;
  REQUIRE(h.SetKernel(kernel));
  REQUIRE(h.kernel() == kernel);
  if (chunk == 0) chunk = n + 1;
  for (std::size_t pos = 0; pos < n; pos += chunk) {
    h.Update(p + pos, std::min(chunk, n - pos));
  }
  unsigned char out[H::kDigestSize];
  h.Final(out);
  return Hex(out, sizeof out);
}

std::string Sha512Hex(Sha512Kernel k, std::string_view s,
                      std::size_t chunk = 0) {
  return Sha512FamilyHex<mc::hash::Sha512>(
      k, reinterpret_cast<const unsigned char*>(s.data()), s.size(), chunk);
}

std::string Sha384Hex(Sha512Kernel k, std::string_view s,
                      std::size_t chunk = 0) {
  return Sha512FamilyHex<mc::hash::Sha384>(
      k, reinterpret_cast<const unsigned char*>(s.data()), s.size(), chunk);
}

}  // namespace

// FIPS 180-4 examples (the kVectors entries) and messages either side of
// the block boundaries, through each SHA-512 kernel the CPU can run. The
// boundary answers are from an independent implementation (Python's
// hashlib) over the bytes (7i + i/256) mod 256; at 111 bytes the padding
// still fits the block, at 112 it takes another.
TEST_CASE("hash: SHA-384/512 known answers through each kernel", "[hash]") {
  const Sha512Kernel kernel = GENERATE(
      Sha512Kernel::kPortable, Sha512Kernel::kBmi2, Sha512Kernel::kAvx512Vl);
  const bool portable = kernel == Sha512Kernel::kPortable;
  PortableScope scope(portable);
  if (!mc::hash::internal::Sha512KernelAvailable(kernel)) {
    WARN("CPU lacks the " << KernelName(kernel)
                          << " SHA-512 kernel: its known answers skipped");
    return;
  }
  INFO("kernel " << KernelName(kernel));
  // With portable code forced, Reset chooses it by itself.
  if (portable) CHECK(mc::hash::Sha512().kernel() == Sha512Kernel::kPortable);

  const std::string million(1000000, 'a');
  for (const Vectors& v : kVectors) {
    if (v.algorithm != Algorithm::kSha384 && v.algorithm != Algorithm::kSha512)
      continue;
    const bool is512 = v.algorithm == Algorithm::kSha512;
    auto hex = [&](std::string_view s, std::size_t chunk = 0) {
      return is512 ? Sha512Hex(kernel, s, chunk) : Sha384Hex(kernel, s, chunk);
    };
    INFO(mc::hash::AlgorithmName(v.algorithm));
    CHECK(hex("") == v.empty);
    CHECK(hex("abc") == v.abc);
    CHECK(hex(kM448) == v.m448);
    CHECK(hex(kM896) == v.m896);
    CHECK(hex(kM896, 1) == v.m896);
    CHECK(hex(million) == v.million_a);
    CHECK(hex(million, 1000) == v.million_a);  // as FIPS describes
    CHECK(hex(million, 129) == v.million_a);
  }

  struct Kat {
    std::size_t length;
    const char* sha512;
    const char* sha384;  // nullptr: not listed
  };
  const Kat kKats[] = {
      {111,
       "d2026b9857418e96d800f55017d1c1566c027453ff240da88f0a25558fabf5d6"
       "ffbe00bb14bc04f120af1cac53f21cb4a81765140b9249f52aaab4935079dd94",
       "0e07dbe3a06921ecf592290797728554366c98285033aa79"
       "394dd6f7a39e20d5acb14eb307cb4e3dc28bb99a122c43e7"},
      {112,
       "4dc754b8985c03b8015b1efd61af5c05828b6d07eecda8d90dd5863f7704bd37"
       "5905932f2fbdeb4ee1b754a7778e4a0327e7d75b71ae95d1f619136e27564467",
       "44716227fafa9d5b225200d1ac73a37c574dd7a890433be1"
       "21e7aa2143a921a7282a49053bb5a921c2d11d89efe44e63"},
      {127,
       "78de13cc28717e3ee7a3cb21b2ecac6d201f32f4a81bc1becdf9de5126e1a013"
       "9e25784aeb8baf327cc32f98d54d20e80e61d4d6bff5b37872fdaa645a4f3886",
       nullptr},
      {128,
       "6e7f10bc87eacc3e98014eaade39e273285ba13c79231361c24c304a8d409018"
       "f543a28847fcc829b87fdde605caa5ab5fdb00e296737fa4687d5ee8d130ceea",
       "1f2e7f5020a66aaf910acce311ebeef5293d0b52cd6bc9ca"
       "281192c14ae35f1229cf8071ca311e282c3276b2a9a205d5"},
      {129,
       "cdc5b3e2f22ed03935760389c88672f8b3c867503aff012d5f9653e426c9b530"
       "e091356459108edadc8e09a444a50415b30d38f9d75cb8c456fec0ae3ca6901f",
       "f5f939753928417c37260b111eddf10fdd6e2891b0f97d7c"
       "15906d05e5ab82038ec4810a23ab9d0acb21cca85eef26bc"},
      {239,
       "d29cefaac62d3e8acd367abe0804c702a4848773ada2ad537619bc5c29a3a1f0"
       "c7d58c639638ede6869cf43536bb0530c2e8cee6b29ac3999e1216b6e88bab4f",
       nullptr},
      {240,
       "44f1b40dcf17562fc7119b65ea16035838ccb0438092ef3c7ba8011fda5448d6"
       "ccff715c5d17e4e399154938c8e89be6cf724018868cac11f383709af4e0d0e5",
       nullptr},
      {255,
       "cca5916a9770c125f68452214ffea2765ee9ce72ff6893df172d649c9c85e3bb"
       "b008ebe2cd3f2971b9685ece1b2de4a405ff50410655623b84bb430c5a852931",
       nullptr},
      {256,
       "ca6e7d0c2e4ae8774b65b1353a44154f9858ff2c6eb8c50c645eb37b39e37ad9"
       "8184883dddacf1557a791307ad592e31e9d824c2c3e2da33b0f5e5a90d779316",
       nullptr},
      {257,
       "89144311160d47dbb1f0b924e22275b12854e3d35a635f4baface9141a4f341a"
       "c91fbf900faf3c4a0e8a7e777fc7792d53c0b04fc917c6677b6693acbd24f182",
       "e5cf0b9be29c62c6abab9028788427e3fb5eda022e4a8627"
       "94569c951c429be3ab786403928cb61950f3f595e0ded604"},
      {1 << 20,
       "adc51ef3d6be7d5453818624cd034e59da1b108925ae2ea4fa153d9224f1dc57"
       "a05807c362789d16dd24edf81367836dccdcc78db68ef5eaf205cef9894ad7dd",
       "0a25f3f1128ee1929777a4a459ce0ee9f70259a821bcc967"
       "98c1aff8b1bd3eb5ce542084eced5f5636dd8b1469d2f948"},
  };
  std::vector<unsigned char> data(1 << 20);
  for (std::size_t i = 0; i < data.size(); ++i) {
    data[i] = static_cast<unsigned char>(7 * i + i / 256);
  }
  for (const Kat& k : kKats) {
    // Whole, byte by byte, and split so that blocks come both buffered and
    // straight from the input, in odd and even runs.
    for (std::size_t chunk : {0, 1, 100, 128, 129, 256, 384, 4096}) {
      INFO("length " << k.length << " chunk " << chunk);
      CHECK(Sha512FamilyHex<mc::hash::Sha512>(kernel, data.data(), k.length,
                                              chunk) == k.sha512);
      if (k.sha384 != nullptr) {
        CHECK(Sha512FamilyHex<mc::hash::Sha384>(kernel, data.data(), k.length,
                                                chunk) == k.sha384);
      }
    }
  }
}

// The kernels against the portable code: every length up to five blocks,
// then random lengths, start offsets and Update splits.
TEST_CASE("hash: SHA-384/512 kernels agree with portable code", "[hash]") {
  std::vector<Sha512Kernel> kernels;
  for (Sha512Kernel k : kSha512Kernels) {
    if (k == Sha512Kernel::kPortable) continue;
    if (mc::hash::internal::Sha512KernelAvailable(k)) {
      kernels.push_back(k);
    } else {
      WARN("CPU lacks the " << KernelName(k)
                            << " SHA-512 kernel: its cross-check skipped");
    }
  }
  if (kernels.empty()) return;

  const auto data = RandomBytes(600 * 1000, 512);
  for (std::size_t offset : {0, 5}) {
    for (std::size_t n = 0; n <= 5 * 128 + 1; ++n) {
      const unsigned char* p = data.data() + offset;
      const std::string want512 =
          Sha512FamilyHex<mc::hash::Sha512>(Sha512Kernel::kPortable, p, n);
      const std::string want384 =
          Sha512FamilyHex<mc::hash::Sha384>(Sha512Kernel::kPortable, p, n);
      for (Sha512Kernel k : kernels) {
        INFO(KernelName(k) << " offset " << offset << " length " << n);
        REQUIRE(Sha512FamilyHex<mc::hash::Sha512>(k, p, n) == want512);
        REQUIRE(Sha512FamilyHex<mc::hash::Sha384>(k, p, n) == want384);
      }
    }
  }

  std::mt19937_64 rng(2025);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t offset = rng() % 64;
    const std::size_t n =
        trial % 3 == 0 ? rng() % 600 : rng() % (data.size() - offset);
    const std::size_t chunk = trial % 2 == 0 ? 0 : 1 + rng() % 5000;
    const bool sha384 = trial % 4 == 1;
    const unsigned char* p = data.data() + offset;
    auto hex = [&](Sha512Kernel k) {
      return sha384 ? Sha512FamilyHex<mc::hash::Sha384>(k, p, n, chunk)
                    : Sha512FamilyHex<mc::hash::Sha512>(k, p, n, chunk);
    };
    const std::string want = hex(Sha512Kernel::kPortable);
    for (Sha512Kernel k : kernels) {
      INFO(KernelName(k) << " trial " << trial << " offset " << offset
                         << " length " << n << " chunk " << chunk
                         << (sha384 ? " SHA-384" : " SHA-512"));
      REQUIRE(hex(k) == want);
    }
  }
}

TEST_CASE("hash: cksum and sum known answers", "[hash]") {
  const bool portable = GENERATE(false, true);
  PortableScope scope(portable);
  auto cksum = [](std::string_view s) {
    mc::hash::Cksum c;
    c.Update(s.data(), s.size());
    return c.checksum();
  };
  // POSIX cksum: the CRC-32/CKSUM check string and the empty input.
  CHECK(cksum("") == 4294967295u);
  CHECK(cksum("123456789") == 930766865u);
  CHECK(cksum("abc") == 1219131554u);

  mc::hash::BsdSum b;
  b.Update("abc", 3);
  CHECK(b.checksum() == 16556);
  CHECK(b.blocks() == 1);
  mc::hash::SysvSum s;
  s.Update("abc", 3);
  CHECK(s.checksum() == 294);
  CHECK(s.blocks() == 1);

  mc::hash::BsdSum empty_b;
  CHECK(empty_b.checksum() == 0);
  CHECK(empty_b.blocks() == 0);
  mc::hash::SysvSum empty_s;
  CHECK(empty_s.checksum() == 0);
  CHECK(empty_s.blocks() == 0);

  std::string k(1024, 'x');
  b.Reset();
  b.Update(k.data(), k.size());
  CHECK(b.blocks() == 1);
  b.Update("y", 1);
  CHECK(b.blocks() == 2);
  s.Reset();
  s.Update(k.data(), 512);
  CHECK(s.blocks() == 1);
  s.Update("y", 1);
  CHECK(s.blocks() == 2);
}

// ---------------------------------------------------------------------------
// Differential checks against GNU coreutils.

namespace {

struct ToolResult {
  bool ran = false;
  std::string output;
};

// Runs `command` through the shell; stdout only.
ToolResult RunTool(const std::string& command) {
  ToolResult r;
  FILE* f = ::popen(command.c_str(), "r");
  if (f == nullptr) return r;
  char buf[4096];
  std::size_t got;
  while ((got = std::fread(buf, 1, sizeof buf, f)) != 0)
    r.output.append(buf, got);
  const int status = ::pclose(f);
  r.ran = status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return r;
}

bool HaveTool(const std::string& name) {
  return RunTool("command -v " + name + " >/dev/null 2>&1 && echo yes")
             .output == "yes\n";
}

std::string FirstWord(const std::string& line) {
  std::istringstream in(line);
  std::string word;
  in >> word;
  return word;
}

// The first `count` whitespace-separated words as numbers (BSD sum pads its
// checksum with zeros).
std::vector<std::uint64_t> FirstNumbers(const std::string& line, int count) {
  std::istringstream in(line);
  std::vector<std::uint64_t> out;
  std::uint64_t v;
  for (int i = 0; i < count && (in >> v); ++i) out.push_back(v);
  return out;
}

class TempFile {
 public:
  TempFile() {
    const char* dir = std::getenv("TEST_TMPDIR");
    path_ = std::string(dir && *dir ? dir : "/tmp") + "/mc_hash_XXXXXX";
    fd_ = ::mkstemp(path_.data());
  }
  ~TempFile() {
    if (fd_ >= 0) {
      ::close(fd_);
      ::unlink(path_.c_str());
    }
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  bool Write(const std::vector<unsigned char>& data) {
    if (fd_ < 0 || ::ftruncate(fd_, 0) != 0) return false;
    std::size_t done = 0;
    while (done < data.size()) {
      const ssize_t w = ::pwrite(fd_, data.data() + done, data.size() - done,
                                 static_cast<off_t>(done));
      if (w <= 0) return false;
      done += static_cast<std::size_t>(w);
    }
    return true;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace

TEST_CASE("hash: differential against GNU tools", "[hash][gnu]") {
  struct Tool {
    const char* command;  // run as `command FILE`
    Algorithm algorithm;
    std::size_t blake2b_bytes;
  };
  const Tool kTools[] = {
      {"md5sum", Algorithm::kMd5, 64},
      {"sha1sum", Algorithm::kSha1, 64},
      {"sha224sum", Algorithm::kSha224, 64},
      {"sha256sum", Algorithm::kSha256, 64},
      {"sha384sum", Algorithm::kSha384, 64},
      {"sha512sum", Algorithm::kSha512, 64},
      {"b2sum", Algorithm::kBlake2b, 64},
      {"b2sum -l 256", Algorithm::kBlake2b, 32},
      {"b2sum -l 8", Algorithm::kBlake2b, 1},
      {"b2sum -l 496", Algorithm::kBlake2b, 62},
  };
  const bool have_cksum = HaveTool("cksum");
  const bool have_sum = HaveTool("sum");
  if (!have_cksum) WARN("cksum not found: skipping its differential checks");
  if (!have_sum) WARN("sum not found: skipping its differential checks");
  bool have_tool[std::size(kTools)];
  for (std::size_t i = 0; i < std::size(kTools); ++i) {
    const std::string cmd = kTools[i].command;
    have_tool[i] = HaveTool(cmd.substr(0, cmd.find(' ')));
    if (!have_tool[i])
      WARN(cmd << " not found: skipping its differential checks");
  }

  const bool portable = GENERATE(false, true);
  PortableScope scope(portable);

  TempFile file;
  const std::size_t kSizes[] = {0,  1,   55,  56,  63,   64,
                                65, 127, 128, 129, 1000, 1 << 20};
  std::vector<std::vector<unsigned char>> inputs;
  std::uint64_t seed = 1000;
  for (std::size_t size : kSizes) inputs.push_back(RandomBytes(size, ++seed));
  // Large enough for the System V byte sum to pass 2^32.
  inputs.emplace_back(20u << 20, 0xff);

  for (const auto& data : inputs) {
    REQUIRE(file.Write(data));
    const std::string quoted = "'" + file.path() + "'";
    INFO("size " << data.size() << " portable=" << portable);

    for (std::size_t i = 0; i < std::size(kTools); ++i) {
      if (!have_tool[i]) continue;
      const ToolResult r =
          RunTool(std::string(kTools[i].command) + " " + quoted);
      INFO(kTools[i].command);
      REQUIRE(r.ran);
      CHECK(FirstWord(r.output) ==
            Digest(Hasher(kTools[i].algorithm, kTools[i].blake2b_bytes),
                   data.data(), data.size()));
    }

    if (have_cksum) {
      mc::hash::Cksum c;
      c.Update(data.data(), data.size());
      const ToolResult r = RunTool("cksum " + quoted);
      REQUIRE(r.ran);
      CHECK(FirstNumbers(r.output, 2) ==
            std::vector<std::uint64_t>{c.checksum(), c.length()});
    }
    if (have_sum) {
      mc::hash::BsdSum b;
      b.Update(data.data(), data.size());
      const ToolResult rb = RunTool("sum " + quoted);
      REQUIRE(rb.ran);
      CHECK(FirstNumbers(rb.output, 2) ==
            std::vector<std::uint64_t>{b.checksum(), b.blocks()});

      mc::hash::SysvSum s;
      s.Update(data.data(), data.size());
      const ToolResult rs = RunTool("sum -s " + quoted);
      REQUIRE(rs.ran);
      CHECK(FirstNumbers(rs.output, 2) ==
            std::vector<std::uint64_t>{s.checksum(), s.blocks()});
    }
  }
}
