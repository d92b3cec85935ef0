// sort's ordering: key fields (-k, -t, -b), ordering options (-d -f -g -h
// -i -M -n -R -V -r), the last-resort whole-line comparison, and a 64-bit
// per-line "cache" that decides most comparisons of the first key without
// looking at the text.
//
// Collation is bytewise, as GNU sort under LC_ALL=C, whatever the locale.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/hash/md5.h"

namespace mc::sort {

inline constexpr std::size_t kNoPos = static_cast<std::size_t>(-1);
inline constexpr int kDefaultTab = -1;  // fields separated by blank runs

enum class Ignore : std::uint8_t { kNone, kNonDictionary, kNonPrinting };

struct Key {
  // Start: field sword (0-based; kNoPos = start of line), char schar.
  // End: field eword (kNoPos = end of line), char echar (0: end of field).
  std::size_t sword = kNoPos, schar = 0, eword = kNoPos, echar = 0;
  bool skip_start_blanks = false, skip_end_blanks = false;
  Ignore ignore = Ignore::kNone;
  bool fold = false;  // -f
  bool numeric = false, general = false, human = false, month = false, version = false,
       random = false, reverse = false;

  bool HasOrderingOptions() const {
    return ignore != Ignore::kNone || fold || skip_start_blanks || skip_end_blanks || numeric ||
           general || human || month || version || random;
  }
  bool NumericLike() const { return numeric || general || human; }
  // Compared as plain (filtered, folded) bytes.
  bool IsText() const { return !numeric && !general && !human && !month && !version && !random; }
  // The option letters of this key in GNU's order ("bdfgh...").
  std::string Letters() const;
};

struct Config {
  std::vector<Key> keys;  // after inheritance from the global options
  int tab = kDefaultTab;   // or a byte value
  bool reverse = false;    // global -r (applies to the last-resort comparison)
  bool stable = false, unique = false;
  // -R, as GNU: MD5 state after the 16 salt bytes; a key's place is the
  // MD5 of salt and key, ties broken bytewise.
  mc::hash::Md5 random_seed;
};

class Comparator {
 public:
  explicit Comparator(const Config& c);

  // Full comparison (keys, then the last resort unless -s or -u).
  int Compare(std::string_view a, std::string_view b);
  // Keys only (0 when there are no keys).
  int CompareKeys(std::string_view a, std::string_view b);

  // Cache value for a line: comparing caches (as unsigned numbers, then the
  // first key's reverse) decides when they differ; equal caches say nothing.
  std::uint64_t Cache(std::string_view line);
  bool first_reverse() const { return first_reverse_; }
  bool has_cache() const { return cache_kind_ != CacheKind::kNone; }
  // No keys and no options: the whole line bytewise (possibly reversed).
  bool plain() const { return cfg_.keys.empty(); }

  // Bounds of key k in line (as GNU's begfield/limfield).
  void KeyBounds(std::string_view line, const Key& k, const char*& beg, const char*& lim) const;
  const Config& config() const { return cfg_; }

 private:
  enum class CacheKind { kNone, kPrefix, kNumeric, kMonth, kRandom };
  int CompareKey(const Key& k, const char* ta, const char* la, const char* tb, const char* lb);
  int Filtered(const Key& k, const char* t, const char* l, std::string& out) const;

  const Config& cfg_;
  CacheKind cache_kind_ = CacheKind::kNone;
  bool first_reverse_ = false;
  std::string fa_, fb_;  // scratch for filtered keys and strtold
};

// The numeric comparisons, usable on their own (join, uniq do not need
// them, but tests do). Texts are bounded by their lim pointers.
int NumCompare(const char* a, const char* alim, const char* b, const char* blim);
int HumanCompare(const char* a, const char* alim, const char* b, const char* blim);
int GeneralCompare(const char* a, const char* alim, const char* b, const char* blim,
                   std::string& scratch_a, std::string& scratch_b);
// 1..12 for JAN..DEC (case-insensitive, after blanks), else 0; *end gets
// the end of the match.
int MonthOf(const char* s, const char* lim, const char** end = nullptr);
// gnulib's filevercmp ordering (Debian version comparison with file
// suffixes), on byte ranges.
int VersionCompare(const char* a, std::size_t alen, const char* b, std::size_t blen);
// -R's order for a key: MD5 of the seeded state followed by the key.
using RandomDigest = std::array<unsigned char, mc::hash::Md5::kDigestSize>;
RandomDigest RandomKeyDigest(const mc::hash::Md5& seed, const char* p, std::size_t n);

bool IsBlank(unsigned char c);  // space, tab, newline (GNU's blanks[])

}  // namespace mc::sort
