// GNU's field and position lists (cut -f/-b/-c, numfmt --field): "1,3-5",
// "-2", "7-", separated by commas or blanks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mc::fieldlist {

inline constexpr std::uint64_t kEnd = UINT64_MAX;  // "to the end of the line"

struct Range {
  std::uint64_t lo, hi;  // 1-based, inclusive
};

// Parses LIST as GNU's set_fields does into sorted ranges, overlapping ones
// merged (adjacent ones stay distinct). On error returns GNU's message
// ("fields are numbered from 1", ...; FIELDS picks the field wording over
// the byte/character one).
std::optional<std::string> ParseList(std::string_view list, bool fields, std::vector<Range>& out);

}  // namespace mc::fieldlist
