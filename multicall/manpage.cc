#include "multicall/manpage.h"

#include "multicall/help_options.h"
#include "registry/registry.h"

namespace mc {

namespace {

// Text for roff: backslashes and hyphens escaped, and a leading '.' or '\''
// kept from being read as a request.
std::string Roff(std::string_view s) {
  std::string r;
  if (!s.empty() && (s[0] == '.' || s[0] == '\'')) r += "\\&";
  for (char c : s) {
    if (c == '\\') r += "\\e";
    else if (c == '-') r += "\\-";
    else r += c;
  }
  return r;
}

// "-k, --key=KEYDEF": option names bold, their arguments italic.
std::string RoffSpec(std::string_view spec) {
  std::string r;
  std::size_t i = 0;
  while (i < spec.size()) {
    if (spec[i] == '-') {
      std::size_t e = i;
      while (e < spec.size() && spec[e] != '=' && spec[e] != '[' && spec[e] != ',' && spec[e] != ' ') ++e;
      r += "\\fB" + Roff(spec.substr(i, e - i)) + "\\fR";
      i = e;
      continue;
    }
    if (spec[i] == ',' || spec[i] == ' ' || spec[i] == '=' || spec[i] == '[' || spec[i] == ']') {
      r += spec[i++];
      continue;
    }
    std::size_t e = i;
    while (e < spec.size() && spec[e] != ',' && spec[e] != ' ' && spec[e] != ']') ++e;
    r += "\\fI" + Roff(spec.substr(i, e - i)) + "\\fR";
    i = e;
  }
  return r;
}

std::string Upper(std::string_view s) {
  std::string u(s);
  for (char& c : u) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return u;
}

std::size_t Indent(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

}  // namespace

std::string ManPage(std::uint16_t applet, std::string_view name, std::string_view version) {
  std::string help = registry::HelpText(applet);
  help::Page page = help::ParsePage(help);
  std::string n(name);
  std::string m = ".TH " + Roff(Upper(name)) + " 1 \"\" \"multicall " + std::string(version) +
                  "\" \"User Commands\"\n.SH NAME\n" + Roff(n) + " \\- " + Roff(page.summary) + "\n.SH SYNOPSIS\n";
  for (std::size_t i = 0; i < page.usage.size(); ++i) {
    if (i) m += ".br\n";
    std::string_view u = page.usage[i];
    std::size_t sp = u.find(' ');
    m += ".B " + Roff(u.substr(0, sp)) + "\n";
    if (sp != std::string_view::npos) m += Roff(u.substr(sp + 1)) + "\n";
  }
  m += ".SH DESCRIPTION\n";
  // The body after the usage lines: column-0 lines are filled paragraphs,
  // option lines become tagged paragraphs (.TP) with their continuation
  // lines, other indented lines (tables) keep their layout (.nf).
  enum { kText, kOption, kTable } state = kText;
  bool para_pending = false, past_usage = false;
  std::size_t option_indent = 0;
  std::string_view rest = help;
  while (!rest.empty()) {
    std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (!past_usage) {
      if (line.substr(0, 7) == "Usage: " || line.substr(0, 7) == "  or:  ") continue;
      past_usage = true;
    }
    std::size_t ind = Indent(line);
    if (ind == line.size()) {  // blank
      if (state == kTable) m += ".fi\n";
      state = kText;
      para_pending = true;
      continue;
    }
    std::size_t column = 0;
    std::string_view spec = help::OptionSpec(line, &column);
    if (!spec.empty()) {
      if (state == kTable) m += ".fi\n";
      m += ".TP\n" + RoffSpec(spec) + "\n";
      if (column) m += Roff(line.substr(column)) + "\n";
      state = kOption;
      option_indent = ind;
      para_pending = false;
      continue;
    }
    if (state == kOption && ind > option_indent) {
      m += Roff(line.substr(ind)) + "\n";
      continue;
    }
    if (ind > 0) {
      if (state != kTable) {
        m += para_pending || state == kOption ? ".PP\n.nf\n" : ".nf\n";
        state = kTable;
        para_pending = false;
      }
      m += Roff(line) + "\n";
      continue;
    }
    if (state == kTable) m += ".fi\n";
    if (para_pending || state == kOption) m += ".PP\n";
    para_pending = false;
    state = kText;
    m += Roff(line) + "\n";
  }
  if (state == kTable) m += ".fi\n";
  return m;
}

}  // namespace mc
