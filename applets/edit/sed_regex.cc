#include "applets/edit/sed_regex.h"

#include <regex.h>

#include <cstdlib>
#include <cstring>

namespace mc::sed {

struct RegexImpl {
  re_pattern_buffer buf{};
  re_registers regs{};
  char fastmap[256];
};

Regex::Regex() = default;

Regex::~Regex() {
  if (!impl_) return;
  impl_->buf.fastmap = nullptr;
  regfree(&impl_->buf);
  if (impl_->regs.start) {
    std::free(impl_->regs.start);
    std::free(impl_->regs.end);
  }
  delete impl_;
}

std::string Regex::Compile(std::string_view pattern, bool extended, bool icase, bool multiline) {
  impl_ = new RegexImpl();
  reg_syntax_t syntax = extended ? RE_SYNTAX_POSIX_EXTENDED : RE_SYNTAX_POSIX_BASIC;
  syntax &= ~RE_DOT_NOT_NULL;
  syntax |= RE_NO_POSIX_BACKTRACKING;
  if (icase) syntax |= RE_ICASE;
  if (multiline) {
    syntax &= ~RE_DOT_NEWLINE;
    syntax |= RE_HAT_LISTS_NOT_NEWLINE;
  }
  impl_->buf.fastmap = impl_->fastmap;
  impl_->buf.translate = nullptr;
  const reg_syntax_t saved = re_syntax_options;
  re_syntax_options = syntax;
  const char* err = re_compile_pattern(pattern.data(), pattern.size(), &impl_->buf);
  re_syntax_options = saved;
  if (err) return err;
  impl_->buf.newline_anchor = multiline ? 1 : 0;
  impl_->buf.regs_allocated = REGS_UNALLOCATED;
  return {};
}

std::size_t Regex::groups() const { return impl_->buf.re_nsub; }

bool Regex::Search(std::string_view buf, std::size_t start, bool not_bol, std::vector<long>& sub) const {
  impl_->buf.not_bol = not_bol ? 1 : 0;
  impl_->buf.not_eol = 0;
  const regoff_t size = static_cast<regoff_t>(buf.size());
  const regoff_t at = static_cast<regoff_t>(start);
  regoff_t r = re_search(&impl_->buf, buf.data(), size, at, size - at, &impl_->regs);
  if (r < 0) return false;
  const std::size_t n = impl_->buf.re_nsub + 1;
  sub.resize(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    if (i < impl_->regs.num_regs) {
      sub[2 * i] = impl_->regs.start[i];
      sub[2 * i + 1] = impl_->regs.end[i];
    } else {
      sub[2 * i] = sub[2 * i + 1] = -1;
    }
  }
  return true;
}

}  // namespace mc::sed
