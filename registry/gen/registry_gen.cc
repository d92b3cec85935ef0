// Build-time generator of a multicall binary's applet table.
//
//   registry_gen --name BINARY --cc OUT.cc --manifest OUT.tsv LABEL=SOURCE[#APPLET]...
//
// Reads the front-matter blocks at the top of each applet source, rejects
// duplicate names (naming both labels), sorts the names, packs all help text
// into one zstd frame in table order, and writes the table as constant data
// (OUT.cc) plus a manifest of name, install directory and label (OUT.tsv).
//
// Front-matter (block comments that open the file, one after another):
//   /* @applet NAME            primary name; its entry is MC_APPLET(IDENT),
//                              IDENT = NAME with non-alphanumerics as '_'
//      @alias NAME             zero or more further names
//      @install DIR            install directory (default usr/bin)
//      @failcode N             exit status for usage/write errors (default 1)
//      @help                   the rest, up to the closing delimiter, is
//   Usage: NAME ...            the --help text, verbatim
//   ...
//   */
//
// A family source declares several applets, one block each, and is named
// once per applet: SOURCE#APPLET. Applets of a family whose help differs
// only in a few words share a template:
//   /* @template ID
//      @help
//   Usage: ${applet} ...       ${applet} is the applet's name, ${KEY} its
//   ...                        @var KEY (an unknown key fails the build)
//   */
//   /* @applet NAME
//      @var KEY VALUE          VALUE: the rest of the line
//      @help-template ID
//   */
#include <zstd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Applet {
  std::string label, source, name, ident, install = "usr/bin", help;
  std::vector<std::string> aliases;
  int failcode = 1;
};

[[noreturn]] void Fail(const std::string& msg) {
  std::fprintf(stderr, "registry_gen: %s\n", msg.c_str());
  std::exit(1);
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

bool ValidName(const std::string& n) {
  if (n.empty() || n.size() > 64) return false;
  for (unsigned char c : n)
    if (c <= ' ' || c == '/' || c >= 0x7f) return false;
  return true;
}

// One front-matter block: an applet, or a help template (template = true).
struct Block {
  Applet applet;
  bool is_template = false;
  std::string template_id, use_template;
  std::map<std::string, std::string> vars;
};

Block ParseBlock(const std::string& body, const std::string& where) {
  std::istringstream in(body);
  Block b;
  Applet& a = b.applet;
  std::string line;
  bool in_help = false;
  while (std::getline(in, line)) {
    if (in_help) {
      a.help += line;
      a.help += '\n';
      continue;
    }
    std::string t = Trim(line);
    if (t.empty()) continue;
    std::string key = t.substr(0, t.find_first_of(" \t"));
    std::string val = key.size() < t.size() ? Trim(t.substr(key.size())) : std::string();
    if (key == "@applet") {
      a.name = val;
    } else if (key == "@template") {
      b.is_template = true;
      b.template_id = val;
    } else if (key == "@alias") {
      a.aliases.push_back(val);
    } else if (key == "@install") {
      a.install = val;
    } else if (key == "@failcode") {
      a.failcode = std::atoi(val.c_str());
      if (a.failcode < 1 || a.failcode > 125) Fail(where + ": @failcode must be 1..125");
    } else if (key == "@var") {
      std::string k = val.substr(0, val.find_first_of(" \t"));
      b.vars[k] = k.size() < val.size() ? Trim(val.substr(k.size())) : std::string();
    } else if (key == "@help-template") {
      b.use_template = val;
    } else if (key == "@help") {
      in_help = true;
    } else {
      Fail(where + ": unknown front-matter line: " + t);
    }
  }
  return b;
}

// The template's text with ${applet} and the block's @var values filled in.
std::string Expand(const std::string& text, const Block& b, const std::string& where) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t open = text.find("${", i);
    if (open == std::string::npos) {
      out += text.substr(i);
      break;
    }
    size_t close = text.find('}', open);
    if (close == std::string::npos) Fail(where + ": unterminated ${ in a help template");
    std::string key = text.substr(open + 2, close - open - 2);
    out += text.substr(i, open - i);
    if (key == "applet") {
      out += b.applet.name;
    } else {
      auto it = b.vars.find(key);
      if (it == b.vars.end()) Fail(where + ": applet '" + b.applet.name + "' sets no @var " + key);
      out += it->second;
    }
    i = close + 1;
  }
  return out;
}

// Reads the applet WANT (or the only one) from the source at PATH.
Applet Parse(const std::string& label, const std::string& path, const std::string& want) {
  std::ifstream in(path);
  if (!in) Fail("cannot read " + path + " (" + label + ")");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  const std::string where = path + " (" + label + ")";
  size_t open = text.find("/*");
  if (open == std::string::npos || text.find_first_not_of(" \t\r\n") != open)
    Fail(where + ": the file must open with the /* @applet ... */ front-matter block");
  std::vector<Block> applets;
  std::map<std::string, std::string> templates;
  size_t end = 0;
  while (open != std::string::npos && text.compare(open, 2, "/*") == 0) {
    size_t close = text.find("*/", open);
    if (close == std::string::npos) Fail(where + ": unterminated front-matter block");
    std::string body = text.substr(open + 2, close - open - 2);
    size_t start = body.find_first_not_of(" \t\r\n");
    std::string first = start == std::string::npos ? std::string() : body.substr(start);
    first = Trim(first.substr(0, first.find('\n')));
    if (first.rfind("@applet", 0) != 0 && first.rfind("@template", 0) != 0) break;
    Block b = ParseBlock(body, where);
    if (b.is_template) templates[b.template_id] = b.applet.help;
    else applets.push_back(b);
    end = close + 2;
    open = text.find_first_not_of(" \t\r\n", end);
  }
  if (applets.empty()) Fail(where + ": missing or invalid @applet name");
  const Block* pick = nullptr;
  if (want.empty()) {
    if (applets.size() > 1)
      Fail(where + ": the source declares several applets; name one as SOURCE#APPLET");
    pick = &applets[0];
  } else {
    for (const Block& b : applets)
      if (b.applet.name == want) pick = &b;
    if (pick == nullptr) Fail(where + ": declares no applet '" + want + "'");
  }
  Applet a = pick->applet;
  a.label = label;
  a.source = path;
  if (!pick->use_template.empty()) {
    auto it = templates.find(pick->use_template);
    if (it == templates.end()) Fail(where + ": no @template " + pick->use_template);
    if (!a.help.empty()) Fail(where + ": applet '" + a.name + "' has both @help and @help-template");
    a.help = Expand(it->second, *pick, where);
  }
  if (!ValidName(a.name)) Fail(where + ": missing or invalid @applet name");
  for (const auto& al : a.aliases)
    if (!ValidName(al)) Fail(where + ": invalid @alias '" + al + "'");
  if (a.help.rfind("Usage: ", 0) != 0) Fail(where + ": @help must start with 'Usage: '");
  if (a.install.empty() || a.install.front() == '/' || a.install.back() == '/')
    Fail(where + ": @install must be a relative directory such as usr/bin");
  for (char c : a.name) a.ident += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (text.find("MC_APPLET(" + a.ident + ")", end) == std::string::npos)
    Fail(where + ": no MC_APPLET(" + a.ident + ") definition for applet '" + a.name + "'");
  return a;
}

std::string CString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < ' ' || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_cc, out_manifest, binary_name = "multicall";
  std::vector<Applet> applets;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--cc" && i + 1 < argc) {
      out_cc = argv[++i];
    } else if (arg == "--name" && i + 1 < argc) {
      binary_name = argv[++i];
    } else if (arg == "--manifest" && i + 1 < argc) {
      out_manifest = argv[++i];
    } else if (size_t eq = arg.find('='); eq != std::string::npos) {
      std::string source = arg.substr(eq + 1), want;
      if (size_t hash = source.rfind('#'); hash != std::string::npos) {
        want = source.substr(hash + 1);
        source.resize(hash);
      }
      applets.push_back(Parse(arg.substr(0, eq), source, want));
    } else {
      Fail("usage: registry_gen --cc OUT.cc --manifest OUT.tsv LABEL=SOURCE[#APPLET]...");
    }
  }
  if (out_cc.empty() || out_manifest.empty() || applets.empty())
    Fail("usage: registry_gen --cc OUT.cc --manifest OUT.tsv LABEL=SOURCE[#APPLET]...");

  // Applets in order of primary name; names (with aliases) sorted bytewise.
  std::sort(applets.begin(), applets.end(),
            [](const Applet& x, const Applet& y) { return x.name < y.name; });
  std::map<std::string, size_t> name_to_applet;
  std::map<std::string, std::string> ident_to_label;
  for (size_t i = 0; i < applets.size(); ++i) {
    std::vector<std::string> names = applets[i].aliases;
    names.insert(names.begin(), applets[i].name);
    for (const auto& n : names) {
      auto [it, fresh] = name_to_applet.emplace(n, i);
      if (!fresh)
        Fail("applet name '" + n + "' is declared twice: by " + applets[it->second].label +
             " and by " + applets[i].label);
    }
    auto [it, fresh] = ident_to_label.emplace(applets[i].ident, applets[i].label);
    if (!fresh)
      Fail("applets " + it->second + " and " + applets[i].label +
           " map to the same entry function " + applets[i].ident + "_main");
  }
  if (name_to_applet.size() > 60000) Fail("too many applet names");

  std::vector<std::string> dirs;
  for (const auto& a : applets)
    if (std::find(dirs.begin(), dirs.end(), a.install) == dirs.end()) dirs.push_back(a.install);
  std::sort(dirs.begin(), dirs.end());

  std::string names_blob, help_raw;
  std::map<std::string, size_t> name_offset;
  for (const auto& [n, i] : name_to_applet) {
    name_offset[n] = names_blob.size();
    names_blob += n;
    names_blob += '\0';
  }
  if (names_blob.size() > 65535) Fail("applet names exceed 64 KiB");
  std::vector<std::pair<size_t, size_t>> help_span;
  for (const auto& a : applets) {
    help_span.emplace_back(help_raw.size(), a.help.size());
    help_raw += a.help;
  }
  std::string help_stored = help_raw;
  bool compressed = help_raw.size() >= 4096;
  if (compressed) {
    std::string z(ZSTD_compressBound(help_raw.size()), '\0');
    size_t n = ZSTD_compress(z.data(), z.size(), help_raw.data(), help_raw.size(), 19);
    if (ZSTD_isError(n)) Fail(std::string("zstd: ") + ZSTD_getErrorName(n));
    z.resize(n);
    help_stored = z;
  }

  std::ostringstream cc;
  cc << "// GENERATED by //registry/gen:registry_gen: do not edit.\n"
        "#include \"applets/support/diag.h\"\n"
        "#include \"applets/support/invocation.h\"\n"
        "#include \"registry/registry.h\"\n\n"
        "namespace mc::applets {\n";
  for (const auto& a : applets) cc << "int " << a.ident << "_main(::mc::Invocation&);\n";
  cc << "}  // namespace mc::applets\n\nnamespace mc::registry {\nnamespace {\n\n"
        "constexpr char kNames[] =\n";
  for (const auto& [n, i] : name_to_applet) cc << "    " << CString(n) << " \"\\0\"\n";
  cc << "    ;\n\nconstexpr NameEntry kEntries[] = {\n";
  for (const auto& [n, i] : name_to_applet)
    cc << "    {" << name_offset[n] << ", " << i << "},  // " << n << "\n";
  cc << "};\n\nconstexpr AppletMeta kApplets[] = {\n";
  for (size_t i = 0; i < applets.size(); ++i) {
    const auto& a = applets[i];
    size_t dir = std::find(dirs.begin(), dirs.end(), a.install) - dirs.begin();
    cc << "    {" << help_span[i].first << ", " << help_span[i].second << ", "
       << name_offset[a.name] << ", " << dir << ", " << a.failcode << "},  // " << a.label
       << "\n";
  }
  cc << "};\n\nconst char* const kInstallDirs[] = {";
  for (const auto& d : dirs) cc << CString(d) << ", ";
  cc << "};\n\nalignas(16) constexpr unsigned char kHelp[] = {";
  for (size_t i = 0; i < help_stored.size(); ++i) {
    if (i % 16 == 0) cc << "\n   ";
    cc << ' ' << static_cast<unsigned>(static_cast<unsigned char>(help_stored[i])) << ',';
  }
  cc << "\n};\n\nconst Table kTable = {" << CString(binary_name) << ", kNames, kEntries, kApplets, kInstallDirs, kHelp, "
     << help_raw.size() << "u, " << (compressed ? "true" : "false") << "};\n\n"
     << "}  // namespace\n\nconst Table& GetTable() { return kTable; }\n\n"
        "int InvokeApplet(std::uint16_t applet, Invocation& inv) {\n"
        "  if (applet >= std::size(kApplets)) return 127;\n"
        "  inv.set_table_entry(kApplets[applet].failure_code, &HelpText);\n"
        "  try {\n    switch (applet) {\n";
  for (size_t i = 0; i < applets.size(); ++i)
    cc << "      case " << i << ": return applets::" << applets[i].ident << "_main(inv);\n";
  cc << "    }\n  } catch (const Exit& e) {\n    return e.status;  // mc::Die and kin\n  }\n"
        "  return 127;\n}\n\n}  // namespace mc::registry\n";

  std::ofstream(out_cc) << cc.str();
  std::ofstream manifest(out_manifest);
  for (const auto& [n, i] : name_to_applet)
    manifest << n << '\t' << applets[i].install << '\t' << applets[i].label << '\n';
  return 0;
}
