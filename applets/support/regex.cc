#include "applets/support/regex.h"

#include <regex.h>
#include <string.h>

#include <cstring>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <new>

namespace mc::regex {

namespace {

reg_syntax_t SyntaxBits(const Options& o) {
  reg_syntax_t bits = 0;
  switch (o.syntax) {
    case Syntax::kBasic: bits = RE_SYNTAX_GREP; break;
    case Syntax::kExtended: bits = RE_SYNTAX_EGREP; break;
    case Syntax::kSedBasic: bits = RE_SYNTAX_POSIX_BASIC & ~RE_DOT_NOT_NULL; break;
    case Syntax::kSedExtended: bits = RE_SYNTAX_POSIX_EXTENDED & ~RE_DOT_NOT_NULL; break;
    case Syntax::kEmacs: bits = RE_SYNTAX_EMACS; break;
    case Syntax::kPosixBasic: bits = RE_SYNTAX_POSIX_BASIC; break;
    case Syntax::kPosixMinimalBasic: bits = RE_SYNTAX_POSIX_MINIMAL_BASIC; break;
    case Syntax::kPosixExtended: bits = RE_SYNTAX_POSIX_EXTENDED; break;
    case Syntax::kAwk: bits = RE_SYNTAX_AWK; break;
    case Syntax::kPosixAwk: bits = RE_SYNTAX_POSIX_AWK; break;
    case Syntax::kGnuAwk: bits = RE_SYNTAX_GNU_AWK; break;
    case Syntax::kFindutilsDefault: bits = RE_SYNTAX_EMACS | RE_DOT_NEWLINE; break;
    case Syntax::kExpr:
      bits = RE_SYNTAX_POSIX_BASIC & ~(RE_CONTEXT_INVALID_DUP | RE_NO_EMPTY_RANGES);
      break;
  }
  if (o.icase) bits |= RE_ICASE;
  if (o.newline_is_separator) bits = (bits & ~RE_DOT_NEWLINE) | RE_HAT_LISTS_NOT_NEWLINE;
  return bits;
}

inline unsigned char Lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

// Bytes that are rare in text first: memchr on them stops less often.
int Rarity(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return 3;
  if (c >= '0' && c <= '9') return 3;
  switch (c) {
    case ' ': case 'e': case 't': case 'a': case 'o': case 'i': case 'n': case 's': case 'r':
    case 'h': case 'l': case '\n':
      return 0;
    case 'd': case 'c': case 'u': case 'm': case 'w': case 'f': case 'g': case 'y': case 'p':
      return 1;
  }
  if (c >= 'a' && c <= 'z') return 2;
  return 4;
}

}  // namespace

struct Regex::Impl {
  re_pattern_buffer pb{};
  re_registers regs{};
  bool compiled = false;
  bool no_sub = false;  // the engine then fills no registers
  char fastmap[256];
  ~Impl() {
    if (compiled) {
      pb.fastmap = nullptr;  // ours, not malloc'ed
      regfree(&pb);
    }
    std::free(regs.start);
    std::free(regs.end);
  }
};

Regex::Regex() : impl_(new Impl) {}
Regex::~Regex() = default;
Regex::Regex(Regex&& o) noexcept = default;
Regex& Regex::operator=(Regex&& o) noexcept = default;

std::string Regex::Compile(std::string_view pattern, const Options& o) {
  impl_.reset(new Impl);
  Impl& m = *impl_;
  m.pb.fastmap = m.fastmap;
  m.pb.translate = nullptr;
  re_set_syntax(SyntaxBits(o) | (o.no_sub ? RE_NO_SUB : 0));
  const char* err = re_compile_pattern(pattern.data(), pattern.size(), &m.pb);
  if (err) {
    m.pb.fastmap = nullptr;
    regfree(&m.pb);
    return err;
  }
  m.compiled = true;
  m.no_sub = o.no_sub;
  m.pb.newline_anchor = o.newline_anchor ? 1 : 0;
  return {};
}

bool Regex::Search(std::string_view text, std::size_t start, Span* whole, bool not_bol,
                   bool not_eol) {
  Impl& m = *impl_;
  if (!m.compiled || text.size() > INT_MAX || start > text.size()) return false;
  m.pb.not_bol = not_bol ? 1 : 0;
  m.pb.not_eol = not_eol ? 1 : 0;
  const regoff_t n = static_cast<regoff_t>(text.size());
  const regoff_t s = static_cast<regoff_t>(start);
  regoff_t r = re_search(&m.pb, text.data(), n, s, n - s, &m.regs);
  if (r == -2) throw std::bad_alloc();
  if (r < 0) return false;
  if (whole && m.no_sub) {
    whole->begin = static_cast<std::size_t>(r);
    whole->end = std::string_view::npos;
  } else if (whole) {
    whole->begin = static_cast<std::size_t>(m.regs.start[0]);
    whole->end = static_cast<std::size_t>(m.regs.end[0]);
  }
  return true;
}

long Regex::MatchAt(std::string_view text, std::size_t start, bool not_bol, bool not_eol) {
  Impl& m = *impl_;
  if (!m.compiled || text.size() > INT_MAX || start > text.size()) return -1;
  m.pb.not_bol = not_bol ? 1 : 0;
  m.pb.not_eol = not_eol ? 1 : 0;
  regoff_t r = re_match(&m.pb, text.data(), static_cast<regoff_t>(text.size()),
                        static_cast<regoff_t>(start), m.no_sub ? nullptr : &m.regs);
  if (r == -2) throw std::bad_alloc();
  return r;
}

std::size_t Regex::groups() const { return impl_->compiled ? impl_->pb.re_nsub : 0; }

Span Regex::group(std::size_t i) const {
  const Impl& m = *impl_;
  Span s;
  if (!m.no_sub && i < m.regs.num_regs && m.regs.start[i] >= 0) {
    s.begin = static_cast<std::size_t>(m.regs.start[i]);
    s.end = static_cast<std::size_t>(m.regs.end[i]);
  }
  return s;
}

// ---------------------------------------------------------------------------
// Required literals.

namespace {

// Drops the last character (a whole UTF-8 sequence) of run.
void DropLastChar(std::string& run) {
  if (run.empty()) return;
  while (!run.empty() && (static_cast<unsigned char>(run.back()) & 0xC0) == 0x80) run.pop_back();
  if (!run.empty()) run.pop_back();
}

}  // namespace

std::string RequiredLiteral(std::string_view p, Syntax syntax, bool icase) {
  const bool ere = syntax == Syntax::kExtended || syntax == Syntax::kSedExtended;
  // Only the grep and sed flavours are analysed.
  if (!ere && syntax != Syntax::kBasic && syntax != Syntax::kSedBasic) return {};
  std::string best, run;
  auto end_run = [&] {
    if (run.size() > best.size()) best = run;
    run.clear();
  };
  // Any alternation (or newline, which grep treats as one) defeats us.
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\n') return {};
    if (ere && p[i] == '|') return {};
    if (p[i] == '\\' && i + 1 < p.size()) {
      if (p[i + 1] == '|') return {};
      ++i;
    }
  }
  std::size_t i = 0;
  while (i < p.size()) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    // Quantifiers that follow make the previous character optional.
    if ((c == '*') || (ere && (c == '?' || c == '{'))) {
      DropLastChar(run);
      end_run();
      ++i;
      if (c == '{') {
        // Skip the interval's bounds; an invalid one (a literal '{' in
        // GNU's ERE) is too subtle to follow: give up.
        std::size_t close = p.find('}', i);
        if (close == std::string_view::npos) return {};
        for (std::size_t k = i; k < close; ++k)
          if (p[k] != ',' && (p[k] < '0' || p[k] > '9')) return {};
        i = close + 1;
      }
      continue;
    }
    if (ere && c == '+') {
      end_run();
      ++i;
      continue;
    }
    if (c == '\\') {
      if (i + 1 >= p.size()) return {};  // trailing backslash: an error anyway
      unsigned char d = static_cast<unsigned char>(p[i + 1]);
      if (!ere && (d == '?' || d == '{')) {
        DropLastChar(run);
        end_run();
        i += 2;
        if (d == '{') {
          std::size_t close = p.find("\\}", i);
          if (close == std::string_view::npos) return {};
          i = close + 2;
        }
        continue;
      }
      if (!ere && d == '+') {
        end_run();
        i += 2;
        continue;
      }
      if (d == '.' || d == '*' || d == '[' || d == ']' || d == '^' || d == '$' || d == '\\' ||
          d == '/' || (ere && (d == '(' || d == ')' || d == '{' || d == '}' || d == '+' ||
                               d == '?'))) {
        // An escaped special stands for itself, unless a quantifier follows.
        run += static_cast<char>(d);
        i += 2;
        continue;
      }
      if (!ere && (d == '(' || d == ')')) {
        // A group: its contents may be repeated or optional; skip it all.
        end_run();
        if (d == ')') {
          i += 2;
          continue;
        }
        int depth = 0;
        std::size_t j = i;
        for (; j < p.size(); ++j) {
          if (p[j] == '\\' && j + 1 < p.size()) {
            if (p[j + 1] == '(') ++depth;
            if (p[j + 1] == ')' && --depth == 0) break;
            ++j;
          }
        }
        i = j + 2;
        // A quantifier after the group applies to the group, not to run.
        continue;
      }
      end_run();  // \w \b \< \1 ... : not literal
      i += 2;
      continue;
    }
    if (ere && (c == '(' || c == ')')) {
      end_run();
      if (c == ')') {
        ++i;
        continue;
      }
      int depth = 0;
      std::size_t j = i;
      for (; j < p.size(); ++j) {
        if (p[j] == '\\' && j + 1 < p.size()) {
          ++j;
          continue;
        }
        if (p[j] == '[') {
          // skip a bracket expression
          std::size_t k = j + 1;
          if (k < p.size() && p[k] == '^') ++k;
          if (k < p.size() && p[k] == ']') ++k;
          while (k < p.size() && p[k] != ']') {
            if (p[k] == '[' && k + 1 < p.size() && (p[k + 1] == ':' || p[k + 1] == '.' || p[k + 1] == '=')) {
              char close = p[k + 1];
              std::size_t e = p.find(std::string_view(&close, 1), k + 2);
              while (e != std::string_view::npos && (e + 1 >= p.size() || p[e + 1] != ']'))
                e = p.find(close, e + 1);
              if (e == std::string_view::npos) return {};
              k = e + 2;
              continue;
            }
            ++k;
          }
          j = k;
          continue;
        }
        if (p[j] == '(') ++depth;
        if (p[j] == ')' && --depth == 0) break;
      }
      i = j + 1;
      continue;
    }
    if (c == '[') {
      end_run();
      std::size_t k = i + 1;
      if (k < p.size() && p[k] == '^') ++k;
      if (k < p.size() && p[k] == ']') ++k;
      while (k < p.size() && p[k] != ']') {
        if (p[k] == '[' && k + 1 < p.size() && (p[k + 1] == ':' || p[k + 1] == '.' || p[k + 1] == '=')) {
          char close = p[k + 1];
          std::size_t e = p.find(close, k + 2);
          while (e != std::string_view::npos && (e + 1 >= p.size() || p[e + 1] != ']'))
            e = p.find(close, e + 1);
          if (e == std::string_view::npos) return {};
          k = e + 2;
          continue;
        }
        ++k;
      }
      if (k >= p.size()) return {};
      i = k + 1;
      continue;
    }
    if (c == '.' || c == '^' || c == '$') {
      end_run();
      ++i;
      continue;
    }
    if (icase && (c >= 0x80 || Lower(c) == 'k' || Lower(c) == 's')) {
      // Multibyte case folding (KELVIN SIGN, LONG S) could match otherwise.
      end_run();
      ++i;
      continue;
    }
    run += static_cast<char>(c);
    ++i;
  }
  end_run();
  return best;
}

// ---------------------------------------------------------------------------
// Literal finders.

void LiteralFinder::Reset(std::string_view literal, bool icase) {
  lit_.assign(literal);
  icase_ = icase;
  if (icase_)
    for (char& ch : lit_) ch = static_cast<char>(Lower(static_cast<unsigned char>(ch)));
  rare_ = 0;
  int best = -1;
  for (std::size_t i = 0; i < lit_.size() && i < 256; ++i) {
    int r = Rarity(static_cast<unsigned char>(lit_[i]));
    if (r > best) {
      best = r;
      rare_ = static_cast<unsigned char>(i);
    }
  }
}

std::size_t LiteralFinder::Find(std::string_view text, std::size_t from) const {
  const std::size_t n = lit_.size();
  if (from > text.size()) return std::string_view::npos;
  if (n == 0) return from;
  if (text.size() - from < n) return std::string_view::npos;
  const char* base = text.data();
  if (!icase_) {
    const void* hit = memmem(base + from, text.size() - from, lit_.data(), n);
    return hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - base)
               : std::string_view::npos;
  }
  // Case-insensitive: memchr for one case of the rarest byte, then the
  // other, and compare around each hit.
  const unsigned char lc = static_cast<unsigned char>(lit_[rare_]);
  const unsigned char uc = (lc >= 'a' && lc <= 'z') ? lc - 32 : lc;
  const char* p = base + from + rare_;
  const char* last = base + text.size() - n + rare_;  // last place the byte can be
  while (p <= last) {
    const char* a = static_cast<const char*>(memchr(p, lc, last - p + 1));
    const char* b = uc != lc ? static_cast<const char*>(memchr(p, uc, (a ? a : last + 1) - p)) : nullptr;
    const char* h = b ? b : a;
    if (!h) return std::string_view::npos;
    const char* s = h - rare_;
    if (strncasecmp(s, lit_.data(), n) == 0) {
      // strncasecmp stops at NUL bytes; check those exactly.
      bool ok = true;
      for (std::size_t k = 0; k < n && ok; ++k)
        ok = Lower(static_cast<unsigned char>(s[k])) == static_cast<unsigned char>(lit_[k]);
      if (ok) return static_cast<std::size_t>(s - base);
    }
    p = h + 1;
  }
  return std::string_view::npos;
}

namespace {
constexpr unsigned kHashBits = 16;
inline std::uint32_t KeyOf(const unsigned char* s, std::size_t key, bool icase) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < key; ++i) v = (v << 8) | (icase ? Lower(s[i]) : s[i]);
  return (v * 0x9E3779B1u) >> (32 - kHashBits);
}
}  // namespace

void MultiFinder::Reset(const std::vector<std::string>& literals, bool icase) {
  icase_ = icase;
  lits_.clear();
  has_empty_ = false;
  single_.reset();
  for (const auto& l : literals) {
    if (l.empty()) {
      has_empty_ = true;
      continue;
    }
    std::string s = l;
    if (icase)
      for (char& ch : s) ch = static_cast<char>(Lower(static_cast<unsigned char>(ch)));
    lits_.push_back(std::move(s));
  }
  std::sort(lits_.begin(), lits_.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  lits_.erase(std::unique(lits_.begin(), lits_.end()), lits_.end());
  if (lits_.size() == 1) {
    single_.reset(new LiteralFinder(lits_[0], icase));
    return;
  }
  if (lits_.empty()) return;
  key_ = 4;
  for (const auto& l : lits_) key_ = std::min(key_, l.size());
  const std::size_t buckets = std::size_t{1} << kHashBits;
  filter_.assign(buckets / 64, 0);
  std::vector<std::uint32_t> count(buckets + 1, 0);
  std::vector<std::uint32_t> key_of(lits_.size());
  for (std::size_t i = 0; i < lits_.size(); ++i) {
    key_of[i] = KeyOf(reinterpret_cast<const unsigned char*>(lits_[i].data()), key_, false);
    filter_[key_of[i] / 64] |= std::uint64_t{1} << (key_of[i] % 64);
    ++count[key_of[i] + 1];
  }
  for (std::size_t b = 0; b < buckets; ++b) count[b + 1] += count[b];
  bucket_start_ = count;
  order_.assign(lits_.size(), 0);
  std::vector<std::uint32_t> fill(count.begin(), count.end() - 1);
  for (std::size_t i = 0; i < lits_.size(); ++i) order_[fill[key_of[i]]++] = static_cast<std::uint32_t>(i);
}

bool MultiFinder::Equal(std::string_view text, std::size_t pos, const std::string& lit) const {
  if (text.size() - pos < lit.size()) return false;
  const char* s = text.data() + pos;
  if (!icase_) return std::memcmp(s, lit.data(), lit.size()) == 0;
  for (std::size_t k = 0; k < lit.size(); ++k)
    if (Lower(static_cast<unsigned char>(s[k])) != static_cast<unsigned char>(lit[k])) return false;
  return true;
}

void MultiFinder::MatchesAt(std::string_view text, std::size_t pos,
                            std::vector<std::size_t>* lens) const {
  for (const auto& l : lits_)
    if (Equal(text, pos, l)) lens->push_back(l.size());
  if (has_empty_) lens->push_back(0);
}

std::size_t MultiFinder::Find(std::string_view text, std::size_t from, std::size_t* len) const {
  if (from > text.size()) return std::string_view::npos;
  if (has_empty_) {
    // An empty literal matches at once; report the longest there.
    std::vector<std::size_t> lens;
    MatchesAt(text, from, &lens);
    *len = lens.empty() ? 0 : lens.front();
    return from;
  }
  if (lits_.empty()) return std::string_view::npos;
  if (single_) {
    std::size_t p = single_->Find(text, from);
    if (p != std::string_view::npos) *len = lits_[0].size();
    return p;
  }
  const unsigned char* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  if (n < key_) return std::string_view::npos;
  const std::size_t stop = n - key_;
  const std::uint64_t* filter = filter_.data();
  for (std::size_t pos = from; pos <= stop; ++pos) {
    std::uint32_t h = KeyOf(s + pos, key_, icase_);
    if (!(filter[h / 64] & (std::uint64_t{1} << (h % 64)))) continue;
    std::size_t best = 0;
    bool any = false;
    for (std::uint32_t k = bucket_start_[h]; k < bucket_start_[h + 1]; ++k) {
      const std::string& l = lits_[order_[k]];
      if ((!any || l.size() > best) && Equal(text, pos, l)) {
        best = l.size();
        any = true;
      }
    }
    if (any) {
      *len = best;
      return pos;
    }
  }
  return std::string_view::npos;
}

}  // namespace mc::regex
