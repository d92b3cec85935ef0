#include "multicall/help_options.h"

namespace mc::help {

namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool IsUpperWord(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

// A value written out in full ("quiet" of "--check=quiet"), not a
// placeholder ("KEYDEF", "{big|little}").
bool IsLiteralValue(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// One comma-separated token of an option spec. Adds its name to `o` (none
// for placeholders such as "-NUM"); false if the token is not an option.
bool ReadToken(std::string_view t, Option& o) {
  if (t.size() < 2 || t[0] != '-') return false;
  if (t[1] == '-') {
    std::size_t n = 2;
    while (n < t.size() && IsNameChar(t[n])) ++n;
    if (n == 2) return false;
    std::string_view rest = t.substr(n);
    if (!rest.empty() && rest[0] != '=' && rest.substr(0, 2) != "[=") return false;
    if (!rest.empty() && rest[0] == '=') {
      // "--check=quiet" names one literal value: offered as written.
      if (IsLiteralValue(rest.substr(1))) {
        o.names.emplace_back(t);
        return true;
      }
      o.takes_argument = true;
    }
    o.names.emplace_back(t.substr(0, n));
    return true;
  }
  // "-x", "-x ARG", or a placeholder such as "-NUM".
  std::string_view rest = t.substr(2);
  if (rest.empty()) {
    o.names.emplace_back(t);
    return true;
  }
  if (rest[0] == ' ' && IsUpperWord(rest.substr(1))) {
    o.takes_argument = true;
    o.names.emplace_back(t.substr(0, 2));
    return true;
  }
  return IsUpperWord(t.substr(1));
}

std::size_t Indent(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

std::string_view Trim(std::string_view s) {
  std::size_t b = Indent(s);
  std::size_t e = s.size();
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

template <class Fn>
void ForEachLine(std::string_view text, Fn fn) {
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    fn(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

}  // namespace

std::string_view OptionSpec(std::string_view line, std::size_t* description_column) {
  std::size_t start = Indent(line);
  if (start == 0 || start >= line.size() || line[start] != '-') return {};
  std::size_t end = line.find("  ", start);
  if (end == std::string_view::npos) end = line.size();
  std::string_view spec = line.substr(start, end - start);
  while (!spec.empty() && spec.back() == ' ') spec.remove_suffix(1);
  Option probe;
  std::string_view rest = spec;
  while (true) {
    std::size_t comma = rest.find(", ");
    if (!ReadToken(rest.substr(0, comma), probe)) return {};
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 2);
  }
  std::size_t d = end;
  while (d < line.size() && line[d] == ' ') ++d;
  // A table row such as cut's "  -M    from first to M'th byte" looks like
  // a lone short option; real ones align their description further right.
  if (spec.size() == 2 && d < 10 && d < line.size()) return {};
  if (description_column) *description_column = d < line.size() ? d : 0;
  return spec;
}

std::vector<Option> ParseOptions(std::string_view help) {
  std::vector<Option> out;
  std::size_t option_indent = 0;
  bool in_option = false;
  ForEachLine(help, [&](std::string_view line) {
    std::size_t column = 0;
    std::string_view spec = OptionSpec(line, &column);
    if (!spec.empty()) {
      Option o;
      o.spec = std::string(spec);
      std::string_view rest = spec;
      while (true) {
        std::size_t comma = rest.find(", ");
        ReadToken(rest.substr(0, comma), o);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 2);
      }
      // "-c, --check, --check=diagnose-first" names --check twice.
      std::vector<std::string> unique;
      for (auto& n : o.names) {
        bool seen = false;
        for (auto& u : unique) seen = seen || u == n;
        if (!seen) unique.push_back(n);
      }
      o.names = std::move(unique);
      if (column) o.description = std::string(Trim(line.substr(column)));
      option_indent = Indent(line);
      out.push_back(std::move(o));
      in_option = true;
      return;
    }
    // A deeper-indented line continues the option's description.
    if (in_option && Indent(line) > option_indent && !Trim(line).empty()) {
      std::string& d = out.back().description;
      if (!d.empty()) d += ' ';
      d += Trim(line);
      return;
    }
    in_option = false;
  });
  return out;
}

Page ParsePage(std::string_view help) {
  Page page;
  bool in_usage = true;
  ForEachLine(help, [&](std::string_view line) {
    if (in_usage) {
      if (line.substr(0, 7) == "Usage: ") {
        page.usage.emplace_back(Trim(line.substr(7)));
        return;
      }
      if (line.substr(0, 7) == "  or:  ") {
        page.usage.emplace_back(Trim(line.substr(7)));
        return;
      }
      in_usage = false;
    }
    if (page.summary.empty() && !Trim(line).empty() && Indent(line) == 0) page.summary = std::string(Trim(line));
  });
  page.options = ParseOptions(help);
  return page;
}

}  // namespace mc::help
