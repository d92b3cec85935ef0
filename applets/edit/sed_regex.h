// The regular expressions of sed, behind one small interface so that the
// engine can be swapped (today glibc's GNU regex, with GNU sed's syntax bits).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mc::sed {

struct RegexImpl;

class Regex {
 public:
  Regex();
  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  // Compiles pattern (already converted: \n is a newline byte). extended:
  // ERE; icase: the I flag; multiline: the M flag (^ and $ also match at
  // embedded newlines). Returns "" or the engine's error text.
  std::string Compile(std::string_view pattern, bool extended, bool icase, bool multiline);
  // Number of parenthesised groups.
  std::size_t groups() const;
  // Searches buf from start (the bytes before start are context for ^, \b,
  // \<). On a match fills sub[2*i], sub[2*i+1] with the offsets of group i
  // (-1 when unset) and returns true.
  bool Search(std::string_view buf, std::size_t start, bool not_bol, std::vector<long>& sub) const;

 private:
  RegexImpl* impl_ = nullptr;
};

}  // namespace mc::sed
