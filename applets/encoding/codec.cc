#include "applets/encoding/codec.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"

namespace mc::encoding {
namespace {

// ---------------------------------------------------------------------------
// Alphabets and tables, all computed at compile time (no static
// constructors).

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kB64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kB32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr char kB32Hex[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
constexpr char kHex[] = "0123456789ABCDEF";
constexpr char kZ85[] =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

constexpr std::uint8_t kBad = 0xFF;

// Two output characters for each 12-bit (base64) or 10-bit (base32) value.
template <int kBits>
struct PairTable {
  char c[1 << kBits][2];
};
template <int kBits>
constexpr PairTable<kBits> MakePairs(const char* alphabet) {
  PairTable<kBits> t{};
  constexpr int half = kBits / 2;
  for (int v = 0; v < (1 << kBits); ++v) {
    t.c[v][0] = alphabet[v >> half];
    t.c[v][1] = alphabet[v & ((1 << half) - 1)];
  }
  return t;
}
constexpr PairTable<12> kPairs64 = MakePairs<12>(kB64);
constexpr PairTable<12> kPairs64Url = MakePairs<12>(kB64Url);
constexpr PairTable<10> kPairs32 = MakePairs<10>(kB32);
constexpr PairTable<10> kPairs32Hex = MakePairs<10>(kB32Hex);

struct ByteChars {
  char c[256][8];
};
constexpr ByteChars MakeBits(bool msb_first) {
  ByteChars t{};
  for (int v = 0; v < 256; ++v)
    for (int i = 0; i < 8; ++i) {
      int bit = msb_first ? (v >> (7 - i)) & 1 : (v >> i) & 1;
      t.c[v][i] = static_cast<char>('0' + bit);
    }
  return t;
}
constexpr ByteChars kBitsMsb = MakeBits(true);
constexpr ByteChars kBitsLsb = MakeBits(false);

// Reverse tables: character -> value, kBad when not in the alphabet.
struct Reverse {
  std::uint8_t v[256];
};
constexpr Reverse MakeReverse(const char* alphabet, int n) {
  Reverse r{};
  for (int i = 0; i < 256; ++i) r.v[i] = kBad;
  for (int i = 0; i < n; ++i) r.v[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
  return r;
}
constexpr Reverse kRev64 = MakeReverse(kB64, 64);
constexpr Reverse kRev64Url = MakeReverse(kB64Url, 64);
constexpr Reverse kRev32 = MakeReverse(kB32, 32);
constexpr Reverse kRev32Hex = MakeReverse(kB32Hex, 32);
constexpr Reverse kRevZ85 = MakeReverse(kZ85, 85);
constexpr Reverse kRev16 = MakeReverse(kHex, 16);
// GNU basenc decodes base32hex by translating the base32hex characters to
// base32 and passing every other byte through to the base32 decoder, so
// W, X, Y and Z (base32 but not base32hex) still decode with their base32
// values. Same here, for identical results.
constexpr Reverse MakeRev32HexDecode() {
  Reverse r = MakeReverse(kB32Hex, 32);
  for (char c = 'W'; c <= 'Z'; ++c) r.v[static_cast<unsigned char>(c)] = static_cast<std::uint8_t>(c - 'A');
  return r;
}
constexpr Reverse kRev32HexDecode = MakeRev32HexDecode();

// Base64 fast-path tables: each character's 6 bits pre-shifted to its place
// in a 24-bit group; invalid characters set bits 24..31.
struct Quad {
  std::uint32_t t[4][256];
};
constexpr Quad MakeQuad(const Reverse& r) {
  Quad q{};
  for (int k = 0; k < 4; ++k)
    for (int c = 0; c < 256; ++c)
      q.t[k][c] = r.v[c] == kBad ? 0xFF000000u : static_cast<std::uint32_t>(r.v[c]) << (18 - 6 * k);
  return q;
}
constexpr Quad kQuad64 = MakeQuad(kRev64);
constexpr Quad kQuad64Url = MakeQuad(kRev64Url);

// ---------------------------------------------------------------------------
// Encoders. Each encodes n input bytes; n is a multiple of the input unit
// except for the final block, which gets padding.

// Upper bound of encoded characters for n input bytes.
std::size_t EncodedMax(Encoding e, std::size_t n) {
  switch (e) {
    case Encoding::kBase64:
    case Encoding::kBase64Url: return (n + 2) / 3 * 4;
    case Encoding::kBase32:
    case Encoding::kBase32Hex: return (n + 4) / 5 * 8;
    case Encoding::kBase16: return n * 2;
    case Encoding::kZ85: return (n + 3) / 4 * 5;
    default: return n * 8;
  }
}

std::size_t Encode64(const unsigned char* in, std::size_t n, char* out, const PairTable<12>& pairs,
                     const char* alphabet) {
  char* o = out;
  std::size_t i = 0;
  // Six input bytes (two groups) per step from one 8-byte load.
  for (; i + 8 <= n; i += 6) {
    std::uint64_t x;
    std::memcpy(&x, in + i, 8);
    if constexpr (std::endian::native == std::endian::little) x = __builtin_bswap64(x);
    std::uint32_t a = static_cast<std::uint32_t>(x >> 40);
    std::uint32_t b = static_cast<std::uint32_t>(x >> 16) & 0xFFFFFF;
    std::memcpy(o, pairs.c[a >> 12], 2);
    std::memcpy(o + 2, pairs.c[a & 0xFFF], 2);
    std::memcpy(o + 4, pairs.c[b >> 12], 2);
    std::memcpy(o + 6, pairs.c[b & 0xFFF], 2);
    o += 8;
  }
  for (; i + 3 <= n; i += 3) {
    std::uint32_t a = static_cast<std::uint32_t>(in[i]) << 16 | static_cast<std::uint32_t>(in[i + 1]) << 8 | in[i + 2];
    std::memcpy(o, pairs.c[a >> 12], 2);
    std::memcpy(o + 2, pairs.c[a & 0xFFF], 2);
    o += 4;
  }
  std::size_t rest = n - i;
  if (rest == 1) {
    o[0] = alphabet[in[i] >> 2];
    o[1] = alphabet[(in[i] & 3) << 4];
    o[2] = o[3] = '=';
    o += 4;
  } else if (rest == 2) {
    o[0] = alphabet[in[i] >> 2];
    o[1] = alphabet[((in[i] & 3) << 4) | (in[i + 1] >> 4)];
    o[2] = alphabet[(in[i + 1] & 15) << 2];
    o[3] = '=';
    o += 4;
  }
  return static_cast<std::size_t>(o - out);
}

std::size_t Encode32(const unsigned char* in, std::size_t n, char* out, const PairTable<10>& pairs,
                     const char* alphabet) {
  char* o = out;
  std::size_t i = 0;
  for (; i + 5 <= n; i += 5) {
    std::uint64_t x = static_cast<std::uint64_t>(in[i]) << 32 | static_cast<std::uint64_t>(in[i + 1]) << 24 |
                      static_cast<std::uint64_t>(in[i + 2]) << 16 | static_cast<std::uint64_t>(in[i + 3]) << 8 |
                      in[i + 4];
    std::memcpy(o, pairs.c[(x >> 30) & 0x3FF], 2);
    std::memcpy(o + 2, pairs.c[(x >> 20) & 0x3FF], 2);
    std::memcpy(o + 4, pairs.c[(x >> 10) & 0x3FF], 2);
    std::memcpy(o + 6, pairs.c[x & 0x3FF], 2);
    o += 8;
  }
  std::size_t rest = n - i;
  if (rest != 0) {
    unsigned char tail[5] = {0, 0, 0, 0, 0};
    std::memcpy(tail, in + i, rest);
    std::uint64_t x = static_cast<std::uint64_t>(tail[0]) << 32 | static_cast<std::uint64_t>(tail[1]) << 24 |
                      static_cast<std::uint64_t>(tail[2]) << 16 | static_cast<std::uint64_t>(tail[3]) << 8 |
                      tail[4];
    static constexpr int kChars[5] = {0, 2, 4, 5, 7};  // significant chars per remainder
    int keep = kChars[rest];
    for (int k = 0; k < 8; ++k) o[k] = k < keep ? alphabet[(x >> (35 - 5 * k)) & 31] : '=';
    o += 8;
  }
  return static_cast<std::size_t>(o - out);
}

std::size_t EncodeZ85(const unsigned char* in, std::size_t n, char* out) {
  char* o = out;
  for (std::size_t i = 0; i + 4 <= n; i += 4) {
    std::uint32_t v = static_cast<std::uint32_t>(in[i]) << 24 | static_cast<std::uint32_t>(in[i + 1]) << 16 |
                      static_cast<std::uint32_t>(in[i + 2]) << 8 | in[i + 3];
    for (int k = 4; k >= 0; --k) {
      o[k] = kZ85[v % 85];
      v /= 85;
    }
    o += 5;
  }
  return static_cast<std::size_t>(o - out);
}

std::size_t EncodeBlock(Encoding e, const unsigned char* in, std::size_t n, char* out) {
  switch (e) {
    case Encoding::kBase64: return Encode64(in, n, out, kPairs64, kB64);
    case Encoding::kBase64Url: return Encode64(in, n, out, kPairs64Url, kB64Url);
    case Encoding::kBase32: return Encode32(in, n, out, kPairs32, kB32);
    case Encoding::kBase32Hex: return Encode32(in, n, out, kPairs32Hex, kB32Hex);
    case Encoding::kBase16:
      for (std::size_t i = 0; i < n; ++i) {
        out[2 * i] = kHex[in[i] >> 4];
        out[2 * i + 1] = kHex[in[i] & 15];
      }
      return 2 * n;
    case Encoding::kBase2Msbf:
    case Encoding::kBase2Lsbf: {
      const ByteChars& t = e == Encoding::kBase2Msbf ? kBitsMsb : kBitsLsb;
      for (std::size_t i = 0; i < n; ++i) std::memcpy(out + 8 * i, t.c[in[i]], 8);
      return 8 * n;
    }
    case Encoding::kZ85: return EncodeZ85(in, n, out);
    case Encoding::kNone: break;
  }
  return 0;
}

// ---------------------------------------------------------------------------
// Decoders, with GNU's semantics: newlines are skipped anywhere; the other
// characters form groups (4 for base64, 8 for base32) decoded one at a time;
// a bad group still yields the bytes decoded before its bad character, then
// decoding stops with "invalid input".

// Decodes one base64 group of len (1..4) characters as gnulib's decode_4.
bool Group64(const unsigned char* g, std::size_t len, const Reverse& r, unsigned char*& o) {
  if (len < 2) return false;
  std::uint8_t v0 = r.v[g[0]], v1 = r.v[g[1]];
  if (v0 == kBad || v1 == kBad) return false;
  *o++ = static_cast<unsigned char>(v0 << 2 | v1 >> 4);
  if (len == 2) return false;
  if (g[2] == '=') return len == 4 && g[3] == '=';
  std::uint8_t v2 = r.v[g[2]];
  if (v2 == kBad) return false;
  *o++ = static_cast<unsigned char>(v1 << 4 | v2 >> 2);
  if (len == 3) return false;
  if (g[3] == '=') return true;
  std::uint8_t v3 = r.v[g[3]];
  if (v3 == kBad) return false;
  *o++ = static_cast<unsigned char>(v2 << 6 | v3);
  return true;
}

// Decodes one base32 group as gnulib's decode_8.
bool Group32(const unsigned char* g, std::size_t len, const Reverse& r, unsigned char*& o) {
  if (len < 8) return false;
  auto ok = [&](int i) { return r.v[g[i]] != kBad; };
  auto v = [&](int i) { return static_cast<unsigned>(r.v[g[i]]); };
  if (!ok(0) || !ok(1)) return false;
  *o++ = static_cast<unsigned char>(v(0) << 3 | v(1) >> 2);
  if (g[2] == '=') {
    for (int i = 3; i < 8; ++i)
      if (g[i] != '=') return false;
    return true;
  }
  if (!ok(2) || !ok(3)) return false;
  *o++ = static_cast<unsigned char>(v(1) << 6 | v(2) << 1 | v(3) >> 4);
  if (g[4] == '=') {
    for (int i = 5; i < 8; ++i)
      if (g[i] != '=') return false;
    return true;
  }
  if (!ok(4)) return false;
  *o++ = static_cast<unsigned char>(v(3) << 4 | v(4) >> 1);
  if (g[5] == '=') return g[6] == '=' && g[7] == '=';
  if (!ok(5) || !ok(6)) return false;
  *o++ = static_cast<unsigned char>(v(4) << 7 | v(5) << 2 | v(6) >> 3);
  if (g[7] == '=') return true;
  if (!ok(7)) return false;
  *o++ = static_cast<unsigned char>(v(6) << 5 | v(7));
  return true;
}

inline void StoreBe32(unsigned char* p, std::uint32_t v) {
  if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap32(v);
  std::memcpy(p, &v, 4);
}

class Decoder {
 public:
  explicit Decoder(Encoding e) : e_(e) {}

  // Decodes n bytes into out (room for n + 16 bytes); *produced gets the
  // count. false: invalid input (the bytes before the error are produced).
  bool Feed(const unsigned char* p, std::size_t n, unsigned char* out, std::size_t* produced) {
    unsigned char* o = out;
    bool ok = true;
    switch (e_) {
      case Encoding::kBase64: ok = Feed64(p, n, o, kQuad64, kRev64); break;
      case Encoding::kBase64Url:
        // GNU rejects a whole block containing '+' or '/' before decoding.
        if (std::memchr(p, '+', n) || std::memchr(p, '/', n)) {
          *produced = 0;
          return false;
        }
        ok = Feed64(p, n, o, kQuad64Url, kRev64Url);
        break;
      case Encoding::kBase32: ok = Feed32(p, n, o, kRev32); break;
      case Encoding::kBase32Hex: ok = Feed32(p, n, o, kRev32HexDecode); break;
      case Encoding::kBase16: ok = Feed16(p, n, o); break;
      case Encoding::kBase2Msbf:
      case Encoding::kBase2Lsbf: ok = Feed2(p, n, o); break;
      case Encoding::kZ85: ok = FeedZ85(p, n, o); break;
      case Encoding::kNone: break;
    }
    *produced = static_cast<std::size_t>(o - out);
    return ok;
  }

  // End of input: an incomplete group is an error.
  bool Finish(unsigned char* out, std::size_t* produced) {
    unsigned char* o = out;
    bool ok = true;
    switch (e_) {
      case Encoding::kBase64:
      case Encoding::kBase64Url:
        if (pending_ != 0) ok = Group64(group_, pending_, e_ == Encoding::kBase64 ? kRev64 : kRev64Url, o);
        break;
      case Encoding::kBase32:
      case Encoding::kBase32Hex:
        // gnulib's decode_8 yields nothing for a short group.
        ok = pending_ == 0;
        break;
      default: ok = pending_ == 0; break;
    }
    pending_ = 0;
    *produced = static_cast<std::size_t>(o - out);
    return ok;
  }

 private:
  bool Feed64(const unsigned char* p, std::size_t n, unsigned char*& o, const Quad& q, const Reverse& r) {
    const unsigned char* end = p + n;
    for (;;) {
      if (pending_ == 0) {
        while (end - p >= 8) {
          std::uint32_t x = q.t[0][p[0]] | q.t[1][p[1]] | q.t[2][p[2]] | q.t[3][p[3]];
          std::uint32_t y = q.t[0][p[4]] | q.t[1][p[5]] | q.t[2][p[6]] | q.t[3][p[7]];
          if ((x | y) >> 24) break;
          // Store 4 bytes each (one spare byte, overwritten next).
          StoreBe32(o, x << 8);
          StoreBe32(o + 3, y << 8);
          o += 6;
          p += 8;
        }
        while (end - p >= 4) {
          std::uint32_t x = q.t[0][p[0]] | q.t[1][p[1]] | q.t[2][p[2]] | q.t[3][p[3]];
          if (x >> 24) break;
          o[0] = static_cast<unsigned char>(x >> 16);
          o[1] = static_cast<unsigned char>(x >> 8);
          o[2] = static_cast<unsigned char>(x);
          o += 3;
          p += 4;
        }
      }
      if (p == end) return true;
      unsigned char c = *p++;
      if (c == '\n') continue;
      group_[pending_++] = c;
      if (pending_ == 4) {
        pending_ = 0;
        if (!Group64(group_, 4, r, o)) return false;
      }
    }
  }

  bool Feed32(const unsigned char* p, std::size_t n, unsigned char*& o, const Reverse& r) {
    const unsigned char* end = p + n;
    for (;;) {
      if (pending_ == 0) {
        while (end - p >= 8) {
          std::uint8_t v[8];
          std::uint8_t bad = 0;
          for (int k = 0; k < 8; ++k) {
            v[k] = r.v[p[k]];
            bad |= v[k];
          }
          if (bad & 0xE0) break;
          std::uint64_t x = 0;
          for (int k = 0; k < 8; ++k) x = x << 5 | v[k];
          o[0] = static_cast<unsigned char>(x >> 32);
          o[1] = static_cast<unsigned char>(x >> 24);
          o[2] = static_cast<unsigned char>(x >> 16);
          o[3] = static_cast<unsigned char>(x >> 8);
          o[4] = static_cast<unsigned char>(x);
          o += 5;
          p += 8;
        }
      }
      if (p == end) return true;
      unsigned char c = *p++;
      if (c == '\n') continue;
      group_[pending_++] = c;
      if (pending_ == 8) {
        pending_ = 0;
        if (!Group32(group_, 8, r, o)) return false;
      }
    }
  }

  bool Feed16(const unsigned char* p, std::size_t n, unsigned char*& o) {
    for (std::size_t i = 0; i < n; ++i) {
      unsigned char c = p[i];
      if (c == '\n') continue;
      std::uint8_t v = kRev16.v[c];
      if (v == kBad) return false;
      if (pending_ == 0) {
        acc_ = v;
        pending_ = 1;
      } else {
        *o++ = static_cast<unsigned char>(acc_ << 4 | v);
        pending_ = 0;
      }
    }
    return true;
  }

  bool Feed2(const unsigned char* p, std::size_t n, unsigned char*& o) {
    bool msb = e_ == Encoding::kBase2Msbf;
    for (std::size_t i = 0; i < n; ++i) {
      unsigned char c = p[i];
      if (c == '\n') continue;
      if (c != '0' && c != '1') return false;
      unsigned bit = c == '1';
      acc_ |= msb ? bit << (7 - pending_) : bit << pending_;
      if (++pending_ == 8) {
        *o++ = static_cast<unsigned char>(acc_);
        acc_ = 0;
        pending_ = 0;
      }
    }
    return true;
  }

  bool FeedZ85(const unsigned char* p, std::size_t n, unsigned char*& o) {
    for (std::size_t i = 0; i < n; ++i) {
      unsigned char c = p[i];
      if (c == '\n') continue;
      std::uint8_t v = kRevZ85.v[c];
      if (v == kBad) return false;
      group_[pending_++] = v;
      if (pending_ == 5) {
        pending_ = 0;
        std::uint64_t x = 0;
        for (int k = 0; k < 5; ++k) x = x * 85 + group_[k];
        if (x >> 32) return false;
        o[0] = static_cast<unsigned char>(x >> 24);
        o[1] = static_cast<unsigned char>(x >> 16);
        o[2] = static_cast<unsigned char>(x >> 8);
        o[3] = static_cast<unsigned char>(x);
        o += 4;
      }
    }
    return true;
  }

  Encoding e_;
  unsigned char group_[8];
  std::size_t pending_ = 0;
  unsigned acc_ = 0;
};

// Characters -i keeps: the alphabet and '='.
bool InAlphabet(Encoding e, unsigned char c) {
  if (c == '=') return true;
  switch (e) {
    case Encoding::kBase64: return kRev64.v[c] != kBad;
    case Encoding::kBase64Url: return kRev64Url.v[c] != kBad;
    case Encoding::kBase32: return kRev32.v[c] != kBad;
    case Encoding::kBase32Hex: return kRev32Hex.v[c] != kBad;
    case Encoding::kBase16: return kRev16.v[c] != kBad;
    case Encoding::kBase2Msbf:
    case Encoding::kBase2Lsbf: return c == '0' || c == '1';
    case Encoding::kZ85: return kRevZ85.v[c] != kBad;
    case Encoding::kNone: break;
  }
  return false;
}

std::size_t FilterGarbage(Encoding e, unsigned char* p, std::size_t n) {
  std::size_t k = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (InAlphabet(e, p[i])) p[k++] = p[i];
  return k;
}

// Output with line wrapping, in one large buffer written straight to the
// invocation's stdout.
class WrapWriter {
 public:
  WrapWriter(Output& out, std::uintmax_t wrap) : out_(out), wrap_(wrap), buf_(new char[kCap]) {}

  void Put(const char* s, std::size_t n) {
    if (wrap_ == 0) {
      Append(s, n);
      return;
    }
    while (n > 0) {
      std::uintmax_t room = wrap_ - col_;
      std::size_t take = room < n ? static_cast<std::size_t>(room) : n;
      Append(s, take);
      s += take;
      n -= take;
      col_ += take;
      if (col_ == wrap_) {
        Append("\n", 1);
        col_ = 0;
      }
    }
  }
  // Ends a partial last line and writes everything.
  void Finish() {
    if (wrap_ != 0 && col_ != 0) Append("\n", 1);
    col_ = 0;
    FlushBuffer();
  }
  void FlushBuffer() {
    if (used_ != 0) out_.WriteDirect(std::string_view(buf_.get(), used_));
    used_ = 0;
  }

 private:
  static constexpr std::size_t kCap = 256 * 1024;
  void Append(const char* s, std::size_t n) {
    while (n > 0) {
      if (used_ == kCap) FlushBuffer();
      std::size_t take = std::min(n, kCap - used_);
      std::memcpy(buf_.get() + used_, s, take);
      used_ += take;
      s += take;
      n -= take;
    }
  }

  Output& out_;
  std::uintmax_t wrap_, col_ = 0;
  std::unique_ptr<char[]> buf_;
  std::size_t used_ = 0;
};

constexpr std::size_t kEncodeBlock = 60 * 4096;  // a multiple of 3, 4 and 5
constexpr std::size_t kEncodePiece = 60 * 256;

int Encode(Invocation& inv, Encoding e, int fd, std::uintmax_t wrap) {
  std::unique_ptr<unsigned char[]> in(new unsigned char[kEncodeBlock]);
  std::unique_ptr<char[]> enc(new char[EncodedMax(Encoding::kBase2Msbf, kEncodePiece)]);
  WrapWriter w(inv.out(), wrap);
  for (;;) {
    long got = ReadFull(fd, in.get(), kEncodeBlock);
    if (got < 0) {
      int err = errno;
      w.Finish();
      WarnErrno(inv, "read error", err);
      return 1;
    }
    std::size_t n = static_cast<std::size_t>(got);
    if (e == Encoding::kZ85 && n % 4 != 0) {
      w.Finish();
      Warn(inv, "invalid input (length must be multiple of 4 characters)");
      return 1;
    }
    for (std::size_t off = 0; off < n; off += kEncodePiece) {
      std::size_t piece = std::min(kEncodePiece, n - off);
      std::size_t m = EncodeBlock(e, in.get() + off, piece, enc.get());
      w.Put(enc.get(), m);
    }
    if (n < kEncodeBlock) break;
  }
  w.Finish();
  return 0;
}

int Decode(Invocation& inv, Encoding e, int fd, bool ignore_garbage) {
  std::unique_ptr<unsigned char[]> in(new unsigned char[kReadBlock]);
  std::unique_ptr<unsigned char[]> out(new unsigned char[kReadBlock + 64]);
  Decoder d(e);
  for (;;) {
    long got = ReadSome(fd, in.get(), kReadBlock);
    if (got < 0) {
      int err = errno;
      WarnErrno(inv, "read error", err);
      return 1;
    }
    std::size_t produced = 0;
    bool ok;
    if (got == 0) {
      ok = d.Finish(out.get(), &produced);
    } else {
      std::size_t n = static_cast<std::size_t>(got);
      if (ignore_garbage) n = FilterGarbage(e, in.get(), n);
      ok = d.Feed(in.get(), n, out.get(), &produced);
    }
    if (produced) inv.out().WriteDirect(std::string_view(reinterpret_cast<char*>(out.get()), produced));
    if (!ok) {
      Warn(inv, "invalid input");
      return 1;
    }
    if (got == 0) return 0;
  }
}

}  // namespace

bool EncodeAll(Encoding e, std::string_view in, std::string& out) {
  if (e == Encoding::kZ85 && in.size() % 4 != 0) return false;
  out.assign(EncodedMax(e, in.size()) + 8, '\0');
  std::size_t m = EncodeBlock(e, reinterpret_cast<const unsigned char*>(in.data()), in.size(), out.data());
  out.resize(m);
  return true;
}

bool DecodeAll(Encoding e, std::string_view in, std::string& out, bool ignore_garbage) {
  std::vector<unsigned char> buf(in.begin(), in.end());
  std::size_t n = buf.size();
  if (ignore_garbage) n = FilterGarbage(e, buf.data(), n);
  std::vector<unsigned char> o(n + 64);
  Decoder d(e);
  std::size_t produced = 0;
  bool ok = d.Feed(buf.data(), n, o.data(), &produced);
  out.assign(reinterpret_cast<char*>(o.data()), produced);
  if (!ok) return false;
  ok = d.Finish(o.data(), &produced);
  out.append(reinterpret_cast<char*>(o.data()), produced);
  return ok;
}

int Main(Invocation& inv, Encoding fixed) {
  bool decode = false, ignore_garbage = false;
  std::string wrap_text;
  bool wrap_given = false;
  Encoding e = fixed;
  cli::Parser p(inv);
  p.Flag("-d,--decode", decode);
  p.Flag("-i,--ignore-garbage", ignore_garbage);
  // GNU checks each -w as it comes: the first bad value is reported.
  // As GNU, a width too large for intmax_t is accepted and means 0 (no
  // wrapping, no final newline); a negative one is not.
  bool wrap_bad = false;
  auto parse_wrap = [](const std::string& v, std::intmax_t& w) {
    NumError e = ParseSigned(v, w);
    if (e == NumError::kOverflow && w > 0) w = 0;
    return (e == NumError::kOk || e == NumError::kOverflow) && w >= 0;
  };
  p.OnValue("-w,--wrap", [&](const std::string& v) {
    std::intmax_t w;
    if (wrap_bad) return;
    wrap_text = v;
    wrap_given = true;
    wrap_bad = !parse_wrap(v, w);
  });
  if (fixed == Encoding::kNone) {
    p.OnFlag("--base64", [&] { e = Encoding::kBase64; });
    p.OnFlag("--base64url", [&] { e = Encoding::kBase64Url; });
    p.OnFlag("--base32", [&] { e = Encoding::kBase32; });
    p.OnFlag("--base32hex", [&] { e = Encoding::kBase32Hex; });
    p.OnFlag("--base16", [&] { e = Encoding::kBase16; });
    p.OnFlag("--base2msbf", [&] { e = Encoding::kBase2Msbf; });
    p.OnFlag("--base2lsbf", [&] { e = Encoding::kBase2Lsbf; });
    p.OnFlag("--z85", [&] { e = Encoding::kZ85; });
  }
  std::vector<std::string> operands;
  if (auto rc = p.Parse(&operands)) return *rc;

  std::uintmax_t wrap = 76;
  if (wrap_given) {
    std::intmax_t w;
    if (!parse_wrap(wrap_text, w)) {
      Warn(inv, "invalid wrap size: " + Quote(wrap_text));
      return 1;
    }
    wrap = static_cast<std::uintmax_t>(w);
  }
  if (e == Encoding::kNone) return UsageError(inv, "missing encoding type");
  if (operands.size() > 1) return UsageError(inv, "extra operand " + Quote(operands[1]));
  std::string name = operands.empty() ? "-" : operands[0];

  int fd = OpenInput(inv, name);
  if (fd < 0) return 1;
  int rc = decode ? Decode(inv, e, fd, ignore_garbage) : Encode(inv, e, fd, wrap);
  CloseInput(inv, fd);
  return rc;
}

}  // namespace mc::encoding
