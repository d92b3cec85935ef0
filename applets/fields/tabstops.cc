#include "applets/fields/tabstops.h"

#include "applets/support/diag.h"

namespace mc::fields {

std::optional<std::string> TabStops::Parse(std::string_view spec) {
  bool have = false, extend = false, increment = false;
  std::uint64_t value = 0;
  std::size_t num_start = 0;
  auto finish_value = [&]() -> std::optional<std::string> {
    if (!have) return std::nullopt;
    if (extend_ != 0 || increment_ != 0) {
      return std::string(extend_ != 0 ? "'/'" : "'+'") +
             " specifier only allowed with the last value";
    }
    if (extend) extend_ = value;
    else if (increment) increment_ = value;
    else list_.push_back(value);
    if ((extend || increment) && value == 0) {
      // A zero repeat means none.
      extend_ = increment_ = 0;
    }
    have = extend = increment = false;
    return std::nullopt;
  };
  for (std::size_t i = 0; i < spec.size(); ++i) {
    const char c = spec[i];
    if (c == ',' || c == ' ' || c == '\t') {
      if (auto e = finish_value()) return e;
      extend = increment = false;
    } else if (c == '/' || c == '+') {
      if (have) {
        return std::string("'") + c + "' specifier not at start of number: " +
               Quote(spec.substr(i));
      }
      extend = c == '/';
      increment = c == '+';
    } else if (c >= '0' && c <= '9') {
      if (!have) {
        have = true;
        value = 0;
        num_start = i;
      }
      unsigned d = static_cast<unsigned>(c - '0');
      if (value > (UINT64_MAX - d) / 10) {
        std::size_t n = num_start;
        while (n < spec.size() && spec[n] >= '0' && spec[n] <= '9') ++n;
        return "tab stop is too large " + Quote(spec.substr(num_start, n - num_start));
      }
      value = value * 10 + d;
    } else {
      return "tab size contains invalid character(s): " + Quote(spec.substr(i));
    }
  }
  return finish_value();
}

std::optional<std::string> TabStops::Finish() {
  std::uint64_t prev = 0;
  for (std::size_t i = 0; i < list_.size(); ++i) {
    if (list_[i] == 0) return std::string("tab size cannot be 0");
    if (i > 0 && list_[i] <= prev) return std::string("tab sizes must be ascending");
    prev = list_[i];
  }
  if (list_.empty()) {
    tab_size_ = extend_ ? extend_ : increment_ ? increment_ : 8;
  } else if (list_.size() == 1 && extend_ == 0 && increment_ == 0) {
    tab_size_ = list_[0];
  }
  return std::nullopt;
}

std::uint64_t TabStops::Next(std::uint64_t column, std::size_t* tab_index,
                             bool* past_last) const {
  *past_last = false;
  if (tab_size_ != 0) return column + tab_size_ - column % tab_size_;
  for (; *tab_index < list_.size(); ++*tab_index) {
    if (column < list_[*tab_index]) return list_[*tab_index];
  }
  if (extend_ != 0) return column + extend_ - column % extend_;
  if (increment_ != 0) {
    const std::uint64_t end = list_.back();
    return column + increment_ - (column - end) % increment_;
  }
  *past_last = true;
  return 0;
}

std::vector<std::string> ArgsWithObsoleteTabs(const Invocation& inv, std::string_view as) {
  std::vector<std::string> args;
  bool done = false, value_next = false;
  for (char* a : inv.args()) {
    std::string s(a);
    const bool is_value = value_next;
    value_next = false;
    if (is_value || done) {
      args.push_back(std::move(s));
      continue;
    }
    if (s == "--") {
      done = true;
    } else if (s.size() > 1 && s[0] == '-' && s[1] >= '0' && s[1] <= '9') {
      s = std::string(as) + s.substr(1);
    } else if (s.size() > 2 && s[0] == '-' && s[1] == '-') {
      value_next = s.find('=') == std::string::npos && std::string("--tabs").rfind(s, 0) == 0;
    } else if (s.size() > 1 && s[0] == '-') {
      std::size_t t = s.find('t', 1);
      value_next = t == s.size() - 1;
    }
    args.push_back(std::move(s));
  }
  return args;
}

}  // namespace mc::fields
