#include "applets/checksum/digest.h"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cinttypes>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/choice.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/hash/crc.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"

namespace mc::checksum {
namespace {

// cksum's algorithms in GNU's order (the order of its -a list).
enum class Algo { kSysv, kBsd, kCrc, kMd5, kSha1, kSha224, kSha256, kSha384, kSha512, kBlake2b };
constexpr int kAlgoCount = 10;
// The names used in --tag lines.
constexpr std::string_view kTags[kAlgoCount] = {"SYSV", "BSD", "CRC", "MD5", "SHA1", "SHA224",
                                                "SHA256", "SHA384", "SHA512", "BLAKE2b"};
constexpr unsigned kBits[kAlgoCount] = {16, 16, 32, 128, 160, 224, 256, 384, 512, 512};
// The words -a takes (exactly, as GNU), in the order of GNU's list of them.
constexpr int kSm3 = kAlgoCount;  // GNU 9.1 offers SM3; the hash library has none yet
constexpr mc::Choice kAlgoChoices[] = {
    {"bsd", int(Algo::kBsd)},         {"sysv", int(Algo::kSysv)},     {"crc", int(Algo::kCrc)},
    {"md5", int(Algo::kMd5)},         {"sha1", int(Algo::kSha1)},     {"sha224", int(Algo::kSha224)},
    {"sha256", int(Algo::kSha256)},   {"sha384", int(Algo::kSha384)}, {"sha512", int(Algo::kSha512)},
    {"blake2b", int(Algo::kBlake2b)}, {"sm3", kSm3}};

bool IsDigest(Algo a) { return a >= Algo::kMd5; }
int Index(Algo a) { return static_cast<int>(a); }

hash::Algorithm ToHash(Algo a) {
  switch (a) {
    case Algo::kMd5: return hash::Algorithm::kMd5;
    case Algo::kSha1: return hash::Algorithm::kSha1;
    case Algo::kSha224: return hash::Algorithm::kSha224;
    case Algo::kSha256: return hash::Algorithm::kSha256;
    case Algo::kSha384: return hash::Algorithm::kSha384;
    case Algo::kSha512: return hash::Algorithm::kSha512;
    default: return hash::Algorithm::kBlake2b;
  }
}

Algo FromHash(hash::Algorithm a) {
  switch (a) {
    case hash::Algorithm::kMd5: return Algo::kMd5;
    case hash::Algorithm::kSha1: return Algo::kSha1;
    case hash::Algorithm::kSha224: return Algo::kSha224;
    case hash::Algorithm::kSha256: return Algo::kSha256;
    case hash::Algorithm::kSha384: return Algo::kSha384;
    case hash::Algorithm::kSha512: return Algo::kSha512;
    case hash::Algorithm::kBlake2b: break;
  }
  return Algo::kBlake2b;
}

struct Result {
  unsigned char digest[hash::Hasher::kMaxDigestSize];
  std::size_t digest_size = 0;
  std::uint32_t sum = 0;  // CRC, or the 16-bit BSD/SysV sums
  std::uint64_t length = 0;
};

enum class Tool { kDigest, kCksum, kSum };

struct Options {
  Tool tool = Tool::kDigest;
  Algo algo = Algo::kCrc;
  bool algo_given = false;
  std::uintmax_t bits = 0;  // -l; 0: the algorithm's full length
  bool tag = false;         // --tag given (digest tools)
  bool untagged = false;    // cksum: plain lines instead of its --tag default
  int binary = -1;          // -b: 1, -t: 0, neither: -1
  bool zero = false, check = false, ignore_missing = false, quiet = false, status = false,
       strict = false, warn = false, debug = false;
};

bool IsWhite(char c) { return c == ' ' || c == '\t'; }
bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

constexpr std::size_t kBufferSize = 256 * 1024;

class Checksummer {
 public:
  Checksummer(Invocation& inv, const Options& o) : inv_(inv), o_(o), buf_(new unsigned char[kBufferSize]) {}

  int Compute(const std::vector<std::string>& names);
  int Check(const std::vector<std::string>& names);

 private:
  // Hashes fd; false with *err set when a read fails.
  bool HashFd(int fd, Algo a, std::size_t digest_bytes, Result& r, int* err);
  template <class Fn>
  bool ReadAll(int fd, int* err, Fn&& fn);
  void PrintName(std::string_view name, bool escape);
  void PrintHex(const Result& r, std::size_t bytes);
  bool CheckFile(const std::string& checkfile);
  struct Line {
    Algo algo;
    std::size_t hex_size;
    std::string_view hex;
    std::string name;
  };
  bool Split(std::string_view s, Line& l);
  bool SplitTagged(std::string_view s, bool escaped, Line& l);

  // Diagnostics come after the output written so far, as GNU's error()
  // flushes stdout first.
  void Say(const std::string& msg) {
    Warn(inv_, msg);
  }
  void SayErrno(const std::string& what, int err) {
    WarnErrno(inv_, what, err);
  }
  // Opens an operand ("-" is stdin) without a message; -1 with errno.
  int OpenQuiet(const std::string& name) {
    if (name == "-") return inv_.in_fd();
    int fd;
    do fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    return fd;
  }

  Invocation& inv_;
  const Options& o_;
  std::unique_ptr<unsigned char[]> buf_;
  int bsd_reversed_ = -1;  // GNU keeps this across all check files
  bool debug_shown_ = false;
  // cksum without -a names the last recognized tag in its warnings.
  Algo last_tag_algo_ = Algo::kCrc;
};

template <class Fn>
bool Checksummer::ReadAll(int fd, int* err, Fn&& fn) {
  for (;;) {
    long n = ReadSome(fd, buf_.get(), kBufferSize);
    if (n == 0) return true;
    if (n < 0) {
      *err = errno;
      return false;
    }
    fn(buf_.get(), static_cast<std::size_t>(n));
  }
}

bool Checksummer::HashFd(int fd, Algo a, std::size_t digest_bytes, Result& r, int* err) {
#ifdef POSIX_FADV_SEQUENTIAL
  if (fd != inv_.in_fd()) ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  switch (a) {
    case Algo::kCrc: {
      hash::Cksum c;
      if (!ReadAll(fd, err, [&](const unsigned char* p, std::size_t n) { c.Update(p, n); })) return false;
      r.sum = c.checksum();
      r.length = c.length();
      return true;
    }
    case Algo::kBsd: {
      hash::BsdSum c;
      if (!ReadAll(fd, err, [&](const unsigned char* p, std::size_t n) { c.Update(p, n); })) return false;
      r.sum = c.checksum();
      r.length = c.length();
      return true;
    }
    case Algo::kSysv: {
      hash::SysvSum c;
      if (!ReadAll(fd, err, [&](const unsigned char* p, std::size_t n) { c.Update(p, n); })) return false;
      r.sum = c.checksum();
      r.length = c.length();
      return true;
    }
    default: break;
  }
  hash::Hasher h(ToHash(a), digest_bytes);
  if (!ReadAll(fd, err, [&](const unsigned char* p, std::size_t n) { h.Update(p, n); })) return false;
  h.Final(r.digest);
  r.digest_size = h.DigestSize();
  return true;
}

// GNU's print_filename: with escaping, backslash, newline and CR become \\, \n, \r.
void Checksummer::PrintName(std::string_view name, bool escape) {
  Output& out = inv_.out();
  if (!escape) {
    out.Write(name);
    return;
  }
  for (char c : name) {
    if (c == '\\') out.Write("\\\\");
    else if (c == '\n') out.Write("\\n");
    else if (c == '\r') out.Write("\\r");
    else out.Put(c);
  }
}

void Checksummer::PrintHex(const Result& r, std::size_t bytes) {
  char* p = inv_.out().Reserve(2 * bytes);
  hash::HexEncode(r.digest, bytes, p);
  inv_.out().Commit(2 * bytes);
}

std::string Decimal(std::uint64_t v) { return std::to_string(v); }

std::string Padded(std::uint64_t v, std::size_t width, char pad) {
  std::string s = std::to_string(v);
  if (s.size() < width) s.insert(0, width - s.size(), pad);
  return s;
}

int Checksummer::Compute(const std::vector<std::string>& operands) {
  std::vector<std::string> names = operands;
  bool args = !operands.empty();
  if (names.empty()) names.push_back("-");
  const char delim = o_.zero ? '\0' : '\n';
  const std::size_t digest_bytes = o_.bits ? o_.bits / 8 : kBits[Index(o_.algo)] / 8;
  const bool tagged = o_.tool == Tool::kCksum ? !o_.untagged : o_.tag;
  Output& out = inv_.out();
  int status = 0;
  for (const std::string& name : names) {
    int fd = OpenQuiet(name);
    if (fd < 0) {
      int err = errno;
      SayErrno(QuoteName(name), err);
      status = 1;
      continue;
    }
    if (o_.debug && o_.algo == Algo::kCrc && !debug_shown_) {
      // cksum --debug names the CRC implementation once, at the first input.
      debug_shown_ = true;
      hash::Cksum c;
      Say(c.accelerated() ? "using pclmul hardware support" : "using generic hardware support");
    }
    Result r;
    int err = 0;
    bool ok = HashFd(fd, o_.algo, digest_bytes, r, &err);
    CloseInput(inv_, fd);
    if (!ok) {
      SayErrno(QuoteName(name), err);
      status = 1;
      continue;
    }
    switch (o_.algo) {
      case Algo::kCrc:
        out.Write(Decimal(r.sum));
        out.Put(' ');
        out.Write(Decimal(r.length));
        if (args) {
          out.Put(' ');
          out.Write(name);
        }
        out.Put(delim);
        continue;
      case Algo::kBsd:
        out.Write(Padded(r.sum, 5, '0'));
        out.Put(' ');
        out.Write(Padded(r.length / 1024 + (r.length % 1024 != 0), 5, ' '));
        if (args) {
          out.Put(' ');
          out.Write(name);
        }
        out.Put(delim);
        continue;
      case Algo::kSysv:
        out.Write(Decimal(r.sum));
        out.Put(' ');
        out.Write(Decimal(r.length / 512 + (r.length % 512 != 0)));
        if (args) {
          out.Put(' ');
          out.Write(name);
        }
        out.Put(delim);
        continue;
      default: break;
    }
    bool escape = delim == '\n' && name.find_first_of("\\\n\r") != std::string::npos;
    if (escape) out.Put('\\');
    if (tagged) {
      out.Write(kTags[Index(o_.algo)]);
      if (o_.algo == Algo::kBlake2b && digest_bytes < 64) {
        out.Put('-');
        out.Write(Decimal(digest_bytes * 8));
      }
      out.Write(" (");
      PrintName(name, escape);
      out.Write(") = ");
      PrintHex(r, digest_bytes);
    } else {
      PrintHex(r, digest_bytes);
      out.Put(' ');
      out.Put(o_.binary == 1 ? '*' : ' ');
      PrintName(name, escape);
    }
    out.Put(delim);
  }
  return status;
}

// GNU's filename_unescape: only \\, \n and \r are valid escapes.
bool Unescape(std::string& s) {
  std::string o;
  o.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\0') return false;
    if (c != '\\') {
      o.push_back(c);
      continue;
    }
    if (i + 1 == s.size()) return false;
    char n = s[++i];
    if (n == 'n') o.push_back('\n');
    else if (n == 'r') o.push_back('\r');
    else if (n == '\\') o.push_back('\\');
    else return false;
  }
  s = std::move(o);
  return true;
}

bool AllHex(std::string_view s) {
  for (char c : s)
    if (!IsHex(c)) return false;
  return true;
}

// After "TAG (" of a BSD-style line: "NAME) = HEX".
bool Checksummer::SplitTagged(std::string_view s, bool escaped, Line& l) {
  if (s.empty()) return false;
  std::size_t i = s.size() - 1;
  while (i && s[i] != ')') --i;
  if (s[i] != ')') return false;
  l.name.assign(s.substr(0, i));
  if (escaped && !Unescape(l.name)) return false;
  ++i;
  while (i < s.size() && IsWhite(s[i])) ++i;
  if (i >= s.size() || s[i] != '=') return false;
  ++i;
  while (i < s.size() && IsWhite(s[i])) ++i;
  l.hex = s.substr(i);
  return l.hex.size() == l.hex_size && AllHex(l.hex);
}

// One checksum line as GNU's split_3: "HEX  NAME", "HEX *NAME", "HEX NAME"
// (reversed BSD), "TAG (NAME) = HEX", each optionally escaped ("\\...").
bool Checksummer::Split(std::string_view s, Line& l) {
  auto at = [&](std::size_t i) -> char { return i < s.size() ? s[i] : '\0'; };
  std::size_t i = 0;
  while (IsWhite(at(i))) ++i;
  bool escaped = false;
  if (at(i) == '\\') {
    ++i;
    escaped = true;
  }
  Algo algo = o_.algo;
  if (o_.tool == Tool::kCksum && !o_.algo_given) {
    // Without -a, cksum takes the algorithm from each line's tag.
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '(' && s[j] != '-') ++j;
    std::string_view tag = s.substr(i, j - i);
    int found = -1;
    for (int k = 0; k < kAlgoCount; ++k)
      if (kTags[k] == tag) found = k;
    if (found < 0 || !IsDigest(static_cast<Algo>(found))) return false;
    algo = static_cast<Algo>(found);
    last_tag_algo_ = algo;
  }
  l.algo = algo;
  l.hex_size = kBits[Index(algo)] / 4;
  std::string_view tag = kTags[Index(algo)];
  if (s.substr(i).substr(0, tag.size()) == tag) {
    i += tag.size();
    if (o_.tool == Tool::kCksum || algo == Algo::kBlake2b) {
      // GNU ends the name at the next character, which may be '-BITS'.
      bool length_given = at(i) == '-';
      bool openssl = at(i) == '(';
      ++i;
      if (openssl) --i;
      if (length_given) {
        // As xstrtoumax(base 0): leading white space, 0x and 0 prefixes.
        std::string rest(s.substr(std::min(i, s.size())));
        std::size_t sp = 0;
        while (sp < rest.size() && std::isspace(static_cast<unsigned char>(rest[sp]))) ++sp;
        if (sp < rest.size() && rest[sp] == '-') return false;
        char* end = nullptr;
        errno = 0;
        std::uintmax_t bits = std::strtoumax(rest.c_str(), &end, 0);
        if (end == rest.c_str() || errno != 0 || bits == 0 || bits > kBits[Index(algo)] || bits % 8 != 0)
          return false;
        i += static_cast<std::size_t>(end - rest.c_str());
        l.hex_size = static_cast<std::size_t>(bits / 4);
      }
    }
    if (at(i) == ' ') ++i;
    if (at(i) == '(') return SplitTagged(s.substr(i + 1), escaped, l);
    return false;
  }
  if (o_.tool == Tool::kCksum && !o_.algo_given) return false;

  std::size_t min_size = algo == Algo::kBlake2b ? 4 : l.hex_size + 2;
  if (s.size() < i || s.size() - i < min_size + (at(i) == '\\')) return false;
  std::size_t hex_start = i;
  if (algo == Algo::kBlake2b) {
    std::size_t n = 0;
    while (IsHex(at(i + n))) ++n;
    if (n < 2 || n % 2 != 0 || n > 128) return false;
    l.hex_size = n;
  }
  i += l.hex_size;
  if (!IsWhite(at(i))) return false;
  l.hex = s.substr(hex_start, l.hex_size);
  ++i;
  if (!AllHex(l.hex)) return false;
  if (s.size() - i == 1 || (at(i) != ' ' && at(i) != '*')) {
    if (bsd_reversed_ == 0) return false;
    bsd_reversed_ = 1;
  } else if (bsd_reversed_ != 1) {
    bsd_reversed_ = 0;
    ++i;
  }
  l.name.assign(s.substr(std::min(i, s.size())));
  if (escaped && !Unescape(l.name)) return false;
  return true;
}

bool Checksummer::CheckFile(const std::string& checkfile) {
  bool is_stdin = checkfile == "-";
  std::string shown = QuoteName(is_stdin ? "standard input" : checkfile);
  int fd = OpenQuiet(checkfile);
  if (fd < 0) {
    int err = errno;
    SayErrno(QuoteName(checkfile), err);
    return false;
  }
  LineReader reader(fd, '\n');
  std::uintmax_t line_number = 0, misformatted = 0, read_failures = 0, mismatched = 0;
  bool properly_formatted = false, matched = false;
  Output& out = inv_.out();
  std::string_view record;
  while (reader.Next(record)) {
    ++line_number;
    if (!record.empty() && record[0] == '#') continue;
    if (!record.empty() && record.back() == '\r') record.remove_suffix(1);
    if (record.empty()) continue;
    Line l;
    if (!Split(record, l) || (is_stdin && l.name == "-")) {
      ++misformatted;
      Algo shown_algo = o_.tool == Tool::kCksum && !o_.algo_given ? last_tag_algo_ : o_.algo;
      if (o_.warn)
        Say(shown + ": " + std::to_string(line_number) + ": improperly formatted " +
                       std::string(kTags[Index(shown_algo)]) + " checksum line");
      continue;
    }
    // GNU keeps the name as a C string: a NUL inside ends it, both for
    // opening the file and in what is printed.
    if (std::size_t nul = l.name.find('\0'); nul != std::string::npos) l.name.resize(nul);
    properly_formatted = true;
    bool escape = !o_.status && l.name.find('\n') != std::string::npos;
    Result r;
    int err = 0;
    bool ok = false, missing = false;
    int file_fd;
    file_fd = OpenQuiet(l.name);
    if (file_fd < 0) err = errno;
    if (file_fd < 0) {
      if (o_.ignore_missing && err == ENOENT) missing = true;
      else SayErrno(QuoteName(l.name), err);
    } else {
      ok = HashFd(file_fd, l.algo, l.hex_size / 2, r, &err);
      if (!ok) SayErrno(QuoteName(l.name), err);
      if (l.name != "-") ::close(file_fd);
    }
    if (missing) continue;
    if (!ok) {
      ++read_failures;
      if (!o_.status) {
        if (escape) out.Put('\\');
        PrintName(l.name, escape);
        out.Write(": FAILED open or read\n");
      }
      continue;
    }
    bool same = true;
    static constexpr char kDigits[] = "0123456789abcdef";
    for (std::size_t k = 0; k < l.hex_size / 2 && same; ++k) {
      char hi = static_cast<char>(std::tolower(static_cast<unsigned char>(l.hex[2 * k])));
      char lo = static_cast<char>(std::tolower(static_cast<unsigned char>(l.hex[2 * k + 1])));
      same = hi == kDigits[r.digest[k] >> 4] && lo == kDigits[r.digest[k] & 15];
    }
    if (same) matched = true;
    else ++mismatched;
    if (!o_.status && (!same || !o_.quiet)) {
      if (escape) out.Put('\\');
      PrintName(l.name, escape);
      out.Write(same ? ": OK\n" : ": FAILED\n");
    }
  }
  int read_error = reader.error();
  CloseInput(inv_, fd);
  if (read_error != 0) {
    Say(shown + ": read error");
    return false;
  }
  if (!properly_formatted) {
    Say(shown + ": no properly formatted checksum lines found");
  } else if (!o_.status) {
    auto plural = [](std::uintmax_t n, const char* one, const char* many) {
      return "WARNING: " + std::to_string(n) + (n == 1 ? one : many);
    };
    if (misformatted)
      Say(plural(misformatted, " line is improperly formatted", " lines are improperly formatted"));
    if (read_failures)
      Say(plural(read_failures, " listed file could not be read", " listed files could not be read"));
    if (mismatched)
      Say(plural(mismatched, " computed checksum did NOT match", " computed checksums did NOT match"));
    if (o_.ignore_missing && !matched) Say(shown + ": no file was verified");
  }
  return properly_formatted && mismatched == 0 && read_failures == 0 && (!o_.strict || misformatted == 0) &&
         (!o_.ignore_missing || matched);
}

int Checksummer::Check(const std::vector<std::string>& operands) {
  std::vector<std::string> names = operands;
  if (names.empty()) names.push_back("-");
  bool ok = true;
  for (const std::string& n : names) ok &= CheckFile(n);
  return ok ? 0 : 1;
}

// Option handling shared by the digest tools and cksum.
int Run(Invocation& inv, Options& o) {
  cli::Parser p(inv);
  std::optional<std::string> length_text;
  std::optional<std::string> algo_text;
  bool tag_given = false;
  bool binary_given_to_cksum = false;
  bool bad_algo = false;
  if (o.tool == Tool::kCksum) {
    // Each -a is checked as it comes (GNU's argmatch): the first bad name is
    // reported even when a later -a names a good one.
    p.OnValue("-a,--algorithm", [&](const std::string& v) {
      if (algo_text && bad_algo) return;
      algo_text = v;
      bad_algo = mc::MatchChoice(v, kAlgoChoices, true) < 0;
    });
    p.OnFlag("--tag", [&] { o.untagged = false; });
    p.OnFlag("--untagged", [&] { o.untagged = true; });
    p.Flag("--debug", o.debug);
    // GNU 9.1 cksum accepts -b/-t only to reject them with a bare usage line.
    p.OnFlag("-b", [&] { binary_given_to_cksum = true; });
    p.OnFlag("-t", [&] { binary_given_to_cksum = true; });
  } else {
    p.OnFlag("-b,--binary", [&] { o.binary = 1; });
    p.OnFlag("-t,--text", [&] { o.binary = 0; });
    // As GNU, --tag implies binary mode: "--text --tag" is accepted, while
    // "--tag --text" is refused below.
    p.OnFlag("--tag", [&] {
      tag_given = true;
      o.binary = 1;
    });
  }
  // GNU checks each -l as it comes: the first bad value is reported.
  std::optional<std::string> bad_length;
  if (o.tool == Tool::kCksum || o.algo == Algo::kBlake2b)
    p.OnValue("-l,--length", [&](const std::string& v) {
      std::uintmax_t bits;
      if (!bad_length && (ParseUnsigned(v, bits) != NumError::kOk || bits % 8 != 0)) bad_length = v;
      length_text = v;
    });
  p.Flag("-c,--check", o.check);
  p.Flag("-z,--zero", o.zero);
  p.Flag("--ignore-missing", o.ignore_missing);
  // As GNU, the last of --quiet, --status and --warn wins.
  p.OnFlag("--quiet", [&] { o.quiet = true, o.status = false, o.warn = false; });
  p.OnFlag("--status", [&] { o.quiet = false, o.status = true, o.warn = false; });
  p.OnFlag("-w,--warn", [&] { o.quiet = false, o.status = false, o.warn = true; });
  p.Flag("--strict", o.strict);
  std::vector<std::string> operands;
  if (auto rc = p.Parse(&operands)) return *rc;
  if (binary_given_to_cksum) return UsageError(inv, "");
  o.tag = tag_given;

  if (algo_text) {
    int found = mc::MatchChoice(*algo_text, kAlgoChoices, true);
    if (found == kSm3) {
      // GNU 9.1 also offers SM3; the hash library has no SM3 yet.
      Warn(inv, "the 'sm3' algorithm is not supported");
      return 1;
    }
    if (found < 0) return UsageError(inv, mc::ChoiceError(*algo_text, "--algorithm", kAlgoChoices, found));
    o.algo = static_cast<Algo>(found);
    o.algo_given = true;
  }
  if (bad_length) length_text = bad_length;
  if (length_text) {
    std::uintmax_t bits;
    NumError e = ParseUnsigned(*length_text, bits);
    if (e != NumError::kOk) {
      // GNU's xdectoumax: an overflow says so.
      Warn(inv, "invalid length: " + Quote(*length_text) +
                    (e == NumError::kOverflow ? ": Value too large for defined data type" : ""));
      return 1;
    }
    if (bits % 8 != 0) {
      Warn(inv, "invalid length: " + Quote(*length_text));
      Warn(inv, "length is not a multiple of 8");
      return 1;
    }
    if (o.algo != Algo::kBlake2b) {
      Warn(inv, "--length is only supported with --algorithm=blake2b");
      return 1;
    }
    if (bits > 512) {
      Warn(inv, "invalid length: " + Quote(*length_text));
      Warn(inv, "maximum digest length for 'BLAKE2b' is 512 bits");
      return 1;
    }
    o.bits = bits == 512 ? 0 : bits;
  }
  // GNU's order of checks.
  if (o.tool == Tool::kDigest && o.tag && o.binary == 0)
    return UsageError(inv, "--tag does not support --text mode");
  if (o.zero && o.check) return UsageError(inv, "the --zero option is not supported when verifying checksums");
  if (o.check && o.tag) return UsageError(inv, "the --tag option is meaningless when verifying checksums");
  if (o.check && o.binary >= 0)
    return UsageError(inv, "the --binary and --text options are meaningless when verifying checksums");
  if (o.ignore_missing && !o.check)
    return UsageError(inv, "the --ignore-missing option is meaningful only when verifying checksums");
  if (o.status && !o.check)
    return UsageError(inv, "the --status option is meaningful only when verifying checksums");
  if (o.warn && !o.check) return UsageError(inv, "the --warn option is meaningful only when verifying checksums");
  if (o.quiet && !o.check) return UsageError(inv, "the --quiet option is meaningful only when verifying checksums");
  if (o.strict && !o.check)
    return UsageError(inv, "the --strict option is meaningful only when verifying checksums");
  if (o.check && o.tool == Tool::kCksum && o.algo_given && !IsDigest(o.algo)) {
    Warn(inv, "--check is not supported with --algorithm={bsd,sysv,crc}");
    return 1;
  }
  Checksummer cs(inv, o);
  return o.check ? cs.Check(operands) : cs.Compute(operands);
}

}  // namespace

int DigestMain(Invocation& inv, hash::Algorithm algorithm) {
  Options o;
  o.tool = Tool::kDigest;
  o.algo = FromHash(algorithm);
  return Run(inv, o);
}

int CksumMain(Invocation& inv) {
  Options o;
  o.tool = Tool::kCksum;
  o.algo = Algo::kCrc;
  return Run(inv, o);
}

int SumMain(Invocation& inv) {
  Options o;
  o.tool = Tool::kSum;
  o.algo = Algo::kBsd;
  cli::Parser p(inv);
  p.OnFlag("-r", [&] { o.algo = Algo::kBsd; });
  p.OnFlag("-s,--sysv", [&] { o.algo = Algo::kSysv; });
  std::vector<std::string> operands;
  if (auto rc = p.Parse(&operands)) return *rc;
  Checksummer cs(inv, o);
  return cs.Compute(operands);
}

}  // namespace mc::checksum
