// The one regular-expression module: glibc's POSIX engine (the re_* API,
// which knows GNU's syntax bits) decides every result; in front of it sit
// literal prefilters that let callers skip text no match can touch.
//
//   Regex            one compiled pattern: BRE, ERE (GNU flavours as grep
//                    and sed use them) or Emacs syntax (find -regex);
//                    leftmost-longest search with submatch positions, and
//                    anchored matches.
//   RequiredLiteral  the longest run of bytes every match of a pattern
//                    must contain (conservative: empty when unsure).
//   LiteralFinder    memmem-style search for one literal, optionally
//                    ASCII case-insensitive.
//   MultiFinder      many literals at once (grep -F -f WORDS): a hashed
//                    filter on the first bytes, then exact checks.
//
// Users: grep/egrep/fgrep, sed, find -regex and expr; nl, csplit and tac
// are meant to move here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mc::regex {

enum class Syntax {
  kBasic,     // GNU BRE as grep -G uses it (\+ \? \| \{\} \w \< ...)
  kExtended,  // GNU ERE as grep -E uses it
  kSedBasic,  // POSIX BRE with GNU extensions, as sed uses it
  kSedExtended,
  kEmacs,  // find -regex default
  // The other GNU syntaxes find -regextype names (glibc's RE_SYNTAX_*).
  kPosixBasic,         // posix-basic, ed, sed
  kPosixMinimalBasic,  // posix-minimal-basic
  kPosixExtended,      // posix-extended
  kAwk,                // awk
  kPosixAwk,           // posix-awk
  kGnuAwk,             // gnu-awk
  kFindutilsDefault,   // Emacs syntax where . also matches a newline
  kExpr,               // expr's ':': POSIX BRE, {1 and [z-a] allowed
};

struct Options {
  Syntax syntax = Syntax::kBasic;
  bool icase = false;
  // ^ and $ also match after/before an embedded newline.
  bool newline_anchor = false;
  // Only where matches start is needed (faster): Search() then leaves
  // whole->end at npos, and group() knows nothing.
  bool no_sub = false;
  // Newlines separate records: . and [^...] never match one (with
  // newline_anchor, a search over many lines finds matches within lines).
  bool newline_is_separator = false;
};

// A match or submatch: [begin, end) offsets into the searched text, or
// begin == npos for a group that took no part.
struct Span {
  std::size_t begin = std::string_view::npos, end = std::string_view::npos;
  bool matched() const { return begin != std::string_view::npos; }
};

class Regex {
 public:
  Regex();
  ~Regex();
  Regex(Regex&& o) noexcept;
  Regex& operator=(Regex&& o) noexcept;
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  // Compiles pattern. Returns the empty string, or the engine's message
  // ("Unmatched ( or \\(").
  std::string Compile(std::string_view pattern, const Options& o);

  // The leftmost-longest match in text that starts at or after `start`.
  // text[0] is the subject's start (for ^, \b and \<), unless not_bol;
  // its end is the subject's end (for $) unless not_eol.
  bool Search(std::string_view text, std::size_t start, Span* whole, bool not_bol = false,
              bool not_eol = false);
  // The longest match that starts exactly at `start`: its length, or -1.
  long MatchAt(std::string_view text, std::size_t start, bool not_bol = false,
               bool not_eol = false);
  // Number of groups (\( \) or ( )), and group i (1-based; 0 is the whole
  // match) of the last successful Search or MatchAt.
  std::size_t groups() const;
  Span group(std::size_t i) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The longest byte string that every match of pattern contains (empty if
// none can be found safely). Gives up on alternation; for icase the result
// is meant for a case-insensitive LiteralFinder.
std::string RequiredLiteral(std::string_view pattern, Syntax syntax, bool icase);

// Finds one literal in a buffer.
class LiteralFinder {
 public:
  LiteralFinder() = default;
  LiteralFinder(std::string_view literal, bool icase) { Reset(literal, icase); }
  void Reset(std::string_view literal, bool icase);
  bool empty() const { return lit_.empty(); }
  std::size_t size() const { return lit_.size(); }
  // Offset of the first occurrence in [text+from, end), or npos.
  std::size_t Find(std::string_view text, std::size_t from) const;

 private:
  std::string lit_;  // lower-cased when icase_
  bool icase_ = false;
  unsigned char rare_ = 0;  // offset of the byte memchr looks for
};

// Finds the first position where any of many literals occurs.
class MultiFinder {
 public:
  MultiFinder() = default;
  // Empty literals are allowed (they match everywhere).
  void Reset(const std::vector<std::string>& literals, bool icase);
  // First position >= from in text where some literal starts; npos if none.
  // *len gets the longest literal matching there (0 for an empty one).
  std::size_t Find(std::string_view text, std::size_t from, std::size_t* len) const;
  // Literals matching exactly at pos, longest first, appended to *lens.
  void MatchesAt(std::string_view text, std::size_t pos, std::vector<std::size_t>* lens) const;

 private:
  bool Equal(std::string_view text, std::size_t pos, const std::string& lit) const;
  std::vector<std::string> lits_;  // sorted longest first; lower-cased when icase_
  std::vector<std::uint32_t> bucket_start_;  // per hash bucket: index into order_
  std::vector<std::uint32_t> order_;
  std::vector<std::uint64_t> filter_;  // 64K-bit set of prefix hashes
  std::size_t key_ = 0;  // prefix bytes hashed (min length, at most 4)
  bool icase_ = false;
  bool has_empty_ = false;
  std::unique_ptr<LiteralFinder> single_;
};

}  // namespace mc::regex
