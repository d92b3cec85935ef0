// The comparison engine of diff, sdiff and diff3: files as lines, lines as
// equivalence classes (under the -i -w -b -Z -E --strip-trailing-cr
// options), and GNU diff's edit script between two files: Myers' O(ND)
// middle-snake search with GNU's heuristics (confusing lines discarded
// first, a cost cap of about the square root of the input, change runs
// slid to their canonical place afterwards), so the hunks are the ones
// GNU diffutils 3.8 prints.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace mc::diff {

// GNU's order: a stronger white-space option overrides a weaker one.
enum class White { kNone, kTabExpansion, kTrailing, kSpaceChange, kAll };

struct LineOptions {
  bool ignore_case = false;
  White white = White::kNone;
  std::size_t tabsize = 8;
};

// A file held whole: its bytes and where each line starts.
struct Text {
  std::string data;
  // starts[i]: offset of line i; starts.back() == data.size().
  std::vector<std::size_t> starts;
  bool missing_newline = false;  // the last line has no '\n'

  std::size_t lines() const { return starts.size() - 1; }
  // Line i with its '\n' (if any).
  std::string_view Line(std::size_t i) const {
    return std::string_view(data).substr(starts[i], starts[i + 1] - starts[i]);
  }
  // Line i without its '\n'.
  std::string_view Content(std::size_t i) const {
    std::string_view l = Line(i);
    if (!l.empty() && l.back() == '\n') l.remove_suffix(1);
    return l;
  }
  // Splits data into lines (after data is filled). strip_cr: removes a
  // '\r' before each '\n' first (--strip-trailing-cr).
  void Index(bool strip_cr);
};

// One change: `deleted` lines of file 0 from line0 replaced by `inserted`
// lines of file 1 from line1 (0-based). ignore: only ignorable lines
// (-B, -I), set by the caller.
struct Change {
  std::size_t line0, line1, deleted, inserted;
  bool ignore = false;
};

struct CompareOptions {
  LineOptions line;
  bool minimal = false;       // -d
  bool speed_large = false;   // -H
  // An incomplete last line equals only the other file's incomplete last
  // line (all output styles but ed's).
  bool robust = true;
  std::size_t horizon = 0;    // identical lines kept around the changes
};

// The changes turning a into b, in file order.
std::vector<Change> Compare(const Text& a, const Text& b, const CompareOptions& o);

// Equivalence classes of lines under options: Classify numbers every line
// of the texts so that equal lines (under the options) get equal ids.
class Classifier {
 public:
  explicit Classifier(const LineOptions& o) : opt_(o) {}
  // Class id (>= 1) of a line's content; incomplete: a last line without
  // '\n' that must not equal complete lines.
  std::uint32_t Id(std::string_view content, bool incomplete);
  std::size_t classes() const { return keys_.size(); }

 private:
  std::string_view Key(std::string_view content, bool incomplete);
  void Grow();

  LineOptions opt_;
  std::string scratch_;
  std::deque<std::string> owned_;           // canonical keys when normalized
  std::vector<std::string_view> keys_;      // per class (index id-1)
  std::vector<std::uint32_t> slots_;        // open addressing: id or 0
  std::vector<std::uint64_t> hashes_;       // per class
  std::size_t mask_ = 0;
};

// Whether c is white space in the C locale.
inline bool IsSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

}  // namespace mc::diff
