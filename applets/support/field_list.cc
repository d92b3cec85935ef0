#include "applets/support/field_list.h"

#include <algorithm>

#include "applets/support/diag.h"

namespace mc::fieldlist {

std::optional<std::string> ParseList(std::string_view list, bool fields,
                                     std::vector<Range>& out) {
  std::uint64_t value = 0, initial = 0;
  bool lhs = false, rhs = false, dash = false, in_digits = false;
  std::size_t num_start = 0;
  const char* zero_msg =
      fields ? "fields are numbered from 1" : "byte/character positions are numbered from 1";
  for (std::size_t i = 0;; ++i) {
    const bool at_end = i == list.size();
    const char c = at_end ? '\0' : list[i];
    if (!at_end && c == '-') {
      in_digits = false;
      if (dash) return std::string(fields ? "invalid field range" : "invalid byte or character range");
      dash = true;
      if (lhs && value == 0) return std::string(zero_msg);
      initial = lhs ? value : 1;
      value = 0;
    } else if (at_end || c == ',' || c == ' ' || c == '\t') {
      in_digits = false;
      if (dash) {
        dash = false;
        if (!lhs && !rhs) return std::string("invalid range with no endpoint: -");
        if (!rhs) {
          out.push_back({initial, kEnd});
        } else {
          if (value < initial) return std::string("invalid decreasing range");
          out.push_back({initial, value});
        }
      } else {
        if (value == 0) return std::string(zero_msg);
        out.push_back({value, value});
      }
      value = 0;
      if (at_end) break;
      lhs = rhs = false;
    } else if (c >= '0' && c <= '9') {
      if (!in_digits) num_start = i;
      in_digits = true;
      if (dash) rhs = true;
      else lhs = true;
      unsigned d = static_cast<unsigned>(c - '0');
      if (value > (kEnd - d) / 10 || value * 10 + d == kEnd) {
        std::size_t n = num_start;
        while (n < list.size() && list[n] >= '0' && list[n] <= '9') ++n;
        return std::string(fields ? "field number " : "byte/character offset ") +
               mc::Quote(list.substr(num_start, n - num_start)) + " is too large";
      }
      value = value * 10 + d;
    } else {
      return std::string(fields ? "invalid field value " : "invalid byte/character position ") +
             mc::Quote(list.substr(i));
    }
  }
  // Sort and merge overlapping ranges (adjacent ones stay distinct, so an
  // output delimiter goes between them as GNU does).
  std::sort(out.begin(), out.end(), [](const Range& a, const Range& b) { return a.lo < b.lo; });
  std::vector<Range> merged;
  for (const Range& r : out) {
    if (!merged.empty() && r.lo <= merged.back().hi) {
      merged.back().hi = std::max(merged.back().hi, r.hi);
    } else {
      merged.push_back(r);
    }
  }
  out = std::move(merged);
  return std::nullopt;
}

}  // namespace mc::fieldlist
