#include "multicall/multiplexer.h"

#include <unistd.h>

#include <cstring>
#include <optional>
#include <string>

#include "applets/support/diag.h"
#include "applets/support/output.h"
#include "multicall/completions.h"
#include "multicall/dispatch.h"
#include "multicall/manpage.h"
#include "registry/registry.h"

#ifndef MC_VERSION
#define MC_VERSION "0.1.0"
#endif

namespace mc {

namespace {

// "%" stands for the binary's name.
constexpr std::string_view kUsage =
    "Usage: % APPLET [ARG]...\n"
    "  or:  APPLET [ARG]...          (through a link named APPLET)\n"
    "  or:  % --list | --list-full | --help [APPLET] | --version\n"
    "  or:  % --install [--symlink|--hardlink] [--relative] [--force] DIR\n"
    "  or:  % --uninstall DIR\n"
    "  or:  % --completions bash|zsh|fish | --man APPLET\n"
    "\n"
    "One static binary holding many programs, chosen by the name it runs under.\n"
    "\n"
    "  --list        print the applet names, one per line\n"
    "  --list-full   print each name with its install directory (usr/bin/sort)\n"
    "  --install     create a link per applet name in DIR (hard links unless\n"
    "                --symlink; symlinks with --relative point relatively);\n"
    "                existing files that are not links to this binary are left\n"
    "                alone unless --force\n"
    "  --uninstall   remove from DIR the links that resolve to this binary\n"
    "  --completions print a shell completion script for every applet\n"
    "  --man         print APPLET's manual page (roff), made from its --help\n"
    "\n"
    "Applets:\n";

std::string_view Self() { return registry::GetTable().multiplexer; }

void Err(std::string_view msg) {
  std::string line(Self());
  line += ": ";
  line.append(msg).push_back('\n');
  WriteAll(2, line.data(), line.size());
}

// Runs fn with a stdout Output and reports a failed write as GNU tools do.
template <class Fn>
int WithStdout(Fn fn) {
  Output out(1);
  try {
    int rc = fn(out);
    out.Flush();
    return rc;
  } catch (const WriteError& e) {
    Err(std::string("write error: ") + std::string(ErrorText(e.error)));
    return 1;
  }
}

int List(bool full) {
  return WithStdout([full](Output& out) {
    const auto& t = registry::GetTable();
    for (std::size_t i = 0; i < t.entries.size(); ++i) {
      if (full) {
        out.Write(registry::InstallDir(t.entries[i].applet));
        out.Put('/');
      }
      out.Write(registry::NameAt(i));
      out.Put('\n');
    }
    return 0;
  });
}

int Usage() {
  return WithStdout([](Output& out) {
    for (char c : kUsage) {
      if (c == '%') out.Write(Self());
      else out.Put(c);
    }
    const auto& t = registry::GetTable();
    std::size_t col = 0;
    for (std::size_t i = 0; i < t.entries.size(); ++i) {
      std::string_view n = registry::NameAt(i);
      if (col == 0) {
        out.Write("  ");
        col = 2;
      } else if (col + 2 + n.size() > 78) {
        out.Write(",\n  ");
        col = 2;
      } else {
        out.Write(", ");
        col += 2;
      }
      out.Write(n);
      col += n.size();
    }
    out.Write("\n");
    return 0;
  });
}

}  // namespace

int Multiplexer(int argc, char** argv, const InheritedState& inherited) {
  if (argc < 2) return Usage();
  std::string_view cmd = argv[1];
  if (cmd == "--list") return List(false);
  if (cmd == "--list-full") return List(true);
  if (cmd == "--version") {
    return WithStdout([](Output& out) {
      out.Write(Self());
      out.Write(" (multicall) " MC_VERSION "\n");
      return 0;
    });
  }
  if (cmd == "--help" || cmd == "-h") {
    if (argc < 3) return Usage();
    int applet = registry::Find(argv[2]);
    if (applet < 0) {
      Err(std::string(argv[2]) + ": applet not found");
      return 127;
    }
    std::string help = registry::HelpText(static_cast<std::uint16_t>(applet));
    return WithStdout([&help](Output& out) {
      out.Write(help);
      return 0;
    });
  }
  if (cmd == "--completions") {
    std::optional<std::string> script;
    if (argc == 3) script = CompletionScript(argv[2]);
    if (!script) {
      Err("--completions needs one of: bash, zsh, fish");
      return 1;
    }
    return WithStdout([&script](Output& out) {
      out.Write(*script);
      return 0;
    });
  }
  if (cmd == "--man") {
    int applet = argc == 3 ? registry::Find(argv[2]) : -1;
    if (argc != 3) {
      Err("--man needs one applet name");
      return 1;
    }
    if (applet < 0) {
      Err(std::string(argv[2]) + ": applet not found");
      return 127;
    }
    std::string page = ManPage(static_cast<std::uint16_t>(applet), argv[2], MC_VERSION);
    return WithStdout([&page](Output& out) {
      out.Write(page);
      return 0;
    });
  }
  if (cmd == "--install") return Install(argc - 2, argv + 2);
  if (cmd == "--uninstall") return Uninstall(argc - 2, argv + 2);
  if (cmd.size() > 1 && cmd.front() == '-') {
    Err(std::string("unrecognized option '") + std::string(cmd) + "'");
    Err("Try '" + std::string(Self()) + " --help' for more information.");
    return 1;
  }
  // NAME APPLET ARGS (also #!/path/multicall scripts: the script path).
  std::string_view name = dispatch::InvokedName(cmd);
  int applet = registry::Find(name);
  if (applet < 0) {
    std::string msg(name);
    msg += ": applet not found\n";
    WriteAll(2, msg.data(), msg.size());
    return 127;
  }
  return RunByIndex(applet, name, argc - 1, argv + 1, inherited);
}

}  // namespace mc
