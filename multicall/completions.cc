#include "multicall/completions.h"

#include <vector>

#include "multicall/help_options.h"
#include "registry/registry.h"

namespace mc {

namespace {

// Per applet: the names it runs under and its documented options.
struct AppletOptions {
  std::vector<std::string_view> names;
  std::vector<help::Option> options;
};

std::vector<AppletOptions> Collect() {
  const auto& t = registry::GetTable();
  std::vector<AppletOptions> all(t.applets.size());
  std::string blob = registry::HelpBlob();
  for (std::size_t i = 0; i < t.applets.size(); ++i) {
    all[i].options = help::ParseOptions(registry::HelpText(static_cast<std::uint16_t>(i), blob));
  }
  for (std::size_t e = 0; e < t.entries.size(); ++e) all[t.entries[e].applet].names.push_back(registry::NameAt(e));
  return all;
}

// Applet names may hold shell pattern characters ("["): quote them.
std::string Quoted(std::string_view s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += "'\\''";
    else q += c;
  }
  return q + "'";
}

// The words a shell offers for an option: "--key=" when it takes an
// argument (the cursor stays after '='), the bare name otherwise.
std::vector<std::string> Words(const help::Option& o) {
  std::vector<std::string> w;
  for (const auto& n : o.names) {
    bool literal = n.find('=') != std::string::npos;  // "--check=quiet"
    w.push_back(n.size() > 2 && o.takes_argument && !literal ? n + "=" : n);
  }
  return w;
}

constexpr std::string_view kCommands =
    "--list --list-full --help --version --install --uninstall --completions --man";

std::string Bash(const std::vector<AppletOptions>& all) {
  std::string s =
      "# bash completion for the multicall applets (multicall --completions bash)\n"
      "_multicall_options() {\n"
      "  case $1 in\n";
  for (const auto& a : all) {
    if (a.names.empty()) continue;
    s += "    ";
    for (std::size_t i = 0; i < a.names.size(); ++i) s += (i ? "|" : "") + Quoted(a.names[i]);
    s += ") REPLY='";
    bool first = true;
    for (const auto& o : a.options) {
      for (const auto& w : Words(o)) {
        if (!first) s += ' ';
        s += w;
        first = false;
      }
    }
    s += "' ;;\n";
  }
  s +=
      "    *) REPLY= ;;\n"
      "  esac\n"
      "}\n"
      "# Options when the word starts with '-'; otherwise readline's file names.\n"
      "_multicall_complete_applet() {\n"
      "  local cur=${COMP_WORDS[COMP_CWORD]} REPLY\n"
      "  [[ $cur == -* ]] || return 0\n"
      "  _multicall_options \"$1\"\n"
      "  COMPREPLY=($(compgen -W \"$REPLY\" -- \"$cur\"))\n"
      "  [[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace\n"
      "  return 0\n"
      "}\n"
      "_multicall_complete() { _multicall_complete_applet \"${1##*/}\"; }\n"
      "_multicall_complete_multiplexer() {\n"
      "  local cur=${COMP_WORDS[COMP_CWORD]}\n"
      "  if ((COMP_CWORD == 1)); then\n"
      "    COMPREPLY=($(compgen -W \"";
  s += kCommands;
  s += " $(\"$1\" --list 2>/dev/null)\" -- \"$cur\"))\n"
       "  else\n"
       "    _multicall_complete_applet \"${COMP_WORDS[1]}\"\n"
       "  fi\n"
       "}\n"
       "complete -F _multicall_complete_multiplexer -o bashdefault -o default ";
  s += registry::GetTable().multiplexer;
  s += "\ncomplete -F _multicall_complete -o bashdefault -o default";
  for (const auto& a : all) {
    for (auto n : a.names) s += ' ' + Quoted(n);
  }
  s += '\n';
  return s;
}

std::string Zsh(const std::vector<AppletOptions>& all) {
  std::string s = "#compdef ";
  s += registry::GetTable().multiplexer;
  for (const auto& a : all) {
    for (auto n : a.names) s += ' ' + Quoted(n);
  }
  s +=
      "\n# zsh completion for the multicall applets (multicall --completions zsh)\n"
      "local -a opts eqopts\n"
      "local applet=$service\n"
      "if [[ $service == ";
  s += registry::GetTable().multiplexer;
  s +=
      " ]]; then\n"
      "  if ((CURRENT == 2)); then\n"
      "    compadd -- ";
  s += kCommands;
  s +=
      " ${(f)\"$($words[1] --list 2>/dev/null)\"}\n"
      "    return\n"
      "  fi\n"
      "  applet=$words[2]\n"
      "fi\n"
      "case $applet in\n";
  for (const auto& a : all) {
    if (a.names.empty()) continue;
    s += "  ";
    for (std::size_t i = 0; i < a.names.size(); ++i) s += (i ? "|" : "") + Quoted(a.names[i]);
    s += ") opts=(";
    std::string eq;
    bool first = true;
    for (const auto& o : a.options) {
      for (const auto& w : Words(o)) {
        if (w.back() == '=') {
          eq += (eq.empty() ? "" : " ") + Quoted(w);
          continue;
        }
        if (!first) s += ' ';
        s += Quoted(w);
        first = false;
      }
    }
    s += ") eqopts=(" + eq + ") ;;\n";
  }
  s +=
      "esac\n"
      "if [[ $PREFIX == -* ]] && (($#opts + $#eqopts)); then\n"
      "  compadd -- $opts\n"
      "  compadd -S '' -- $eqopts\n"
      "else\n"
      "  _files\n"
      "fi\n";
  return s;
}

// fish takes descriptions in single quotes, where only \' and \\ escape.
std::string FishQuoted(std::string_view s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') q += '\\';
    q += c;
  }
  return q + "'";
}

std::string Fish(const std::vector<AppletOptions>& all) {
  std::string self = registry::GetTable().multiplexer;
  std::string s = "# fish completion for the multicall applets (multicall --completions fish)\n";
  s += "complete -c " + self + " -n __fish_use_subcommand -f -a '" + std::string(kCommands) + "'\n";
  s += "complete -c " + self + " -n __fish_use_subcommand -f -a '(" + self + " --list)'\n";
  for (const auto& a : all) {
    for (auto name : a.names) {
      for (const auto& o : a.options) {
        std::string line = "complete -c " + Quoted(name);
        bool any = false;
        for (const auto& n : o.names) {
          if (n.size() == 2) line += " -s " + Quoted(n.substr(1));
          else if (n.size() > 2 && n[1] == '-' && n.find('=') == std::string::npos) line += " -l " + Quoted(n.substr(2));
          else continue;
          any = true;
        }
        if (!any) continue;
        if (o.takes_argument) line += " -r";
        if (!o.description.empty()) line += " -d " + FishQuoted(o.description);
        s += line + '\n';
      }
    }
  }
  return s;
}

}  // namespace

std::optional<std::string> CompletionScript(std::string_view shell) {
  if (shell == "bash") return Bash(Collect());
  if (shell == "zsh") return Zsh(Collect());
  if (shell == "fish") return Fish(Collect());
  return std::nullopt;
}

}  // namespace mc
