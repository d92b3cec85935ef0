/* @applet getopt
   @failcode 2
   @help
Usage: getopt OPTSTRING PARAMETER...
  or:  getopt [OPTION]... [--] OPTSTRING PARAMETER...
  or:  getopt [OPTION]... -o|--options OPTSTRING [OPTION]... [--] PARAMETER...
Parse command options for a shell script and print them in a normal form.

  -a, --alternative             allow long options starting with a single -
  -l, --longoptions=LONGOPTS    the long options to recognize, separated by
                                  commas; NAME: takes an argument, NAME:: may
  -n, --name=PROGNAME           the name under which errors are reported
  -o, --options=OPTSTRING       the short options to recognize
  -q, --quiet                   do not report parse errors
  -Q, --quiet-output            print nothing but errors
  -s, --shell=SHELL             quote for SHELL: sh, bash, csh or tcsh
  -T, --test                    exit with status 4 (an enhanced getopt)
  -u, --unquoted                do not quote the output
  -h, --help                    display this help and exit
  -V, --version                 output version information and exit

Exit status: 0 on success, 1 if PARAMETERs had errors, 2 for errors in
getopt's own options, 4 for --test.
*/
// util-linux's getopt(1). Both passes, over getopt's own options and over
// the script's PARAMETERs, use the C library's getopt_long: getopt(1)
// exists to expose exactly that parser (permutation, abbreviations,
// POSIXLY_CORRECT, "+" and "-" optstrings, and its messages), so this is
// the one place that calls it rather than mc::cli::Parser.
#include <getopt.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/output.h"
#include "registry/applet.h"

namespace {

constexpr int kParamError = 1, kOwnError = 2, kTest = 4;

enum class Shell { kSh, kCsh };

// One PARAMETER as the output shows it: single-quoted unless -u; for the
// csh family also '!' and newlines escaped.
void PutQuoted(mc::Output& out, std::string_view s, bool quote, Shell shell) {
  out.Put(' ');
  if (!quote) {
    out.Write(s);
    return;
  }
  out.Put('\'');
  for (char c : s) {
    if (c == '\'') {
      out.Write("'\\''");
    } else if (shell == Shell::kCsh && c == '!') {
      out.Write("'\\!'");
    } else if (shell == Shell::kCsh && c == '\n') {
      out.Write("\\n");
    } else {
      out.Put(c);
    }
  }
  out.Put('\'');
}

// -l "alpha,beta:,gamma::": names separated by commas or blanks.
void AddLongOptions(std::string_view spec, std::vector<std::string>& names, std::vector<int>& has_arg) {
  std::size_t i = 0;
  while (i < spec.size()) {
    std::size_t e = spec.find_first_of(", \t\n", i);
    if (e == std::string_view::npos) e = spec.size();
    std::string_view tok = spec.substr(i, e - i);
    i = e + 1;
    int arg = no_argument;
    if (tok.size() >= 2 && tok.substr(tok.size() - 2) == "::") {
      arg = optional_argument;
      tok.remove_suffix(2);
    } else if (!tok.empty() && tok.back() == ':') {
      arg = required_argument;
      tok.remove_suffix(1);
    }
    if (tok.empty()) continue;
    names.emplace_back(tok);
    has_arg.push_back(arg);
  }
}

}  // namespace

MC_APPLET(getopt) {
  auto in_args = inv.args();
  // getopt_long wants a mutable argv with the program name first.
  std::vector<std::string> storage;
  storage.emplace_back(inv.prog());
  for (char* a : in_args) storage.emplace_back(a);
  std::vector<char*> argv;
  for (auto& s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(storage.size());

  if (argc == 1) return mc::UsageError(inv, "missing optstring argument");

  bool quote = true, alternative = false, quiet_errors = false, quiet_output = false;
  Shell shell = Shell::kSh;
  std::string name(inv.prog());
  std::string optstring;
  bool have_optstring = false;
  std::vector<std::string> long_names;
  std::vector<int> long_has_arg;
  int first_param;

  if (argv[1][0] != '-' || inv.GetEnv("GETOPT_COMPATIBLE")) {
    // The old form: OPTSTRING PARAMETER..., unquoted output.
    quote = false;
    optstring = argv[1];
    have_optstring = true;
    first_param = 2;
  } else {
    static const struct option kOwn[] = {
        {"alternative", no_argument, nullptr, 'a'}, {"help", no_argument, nullptr, 'h'},
        {"longoptions", required_argument, nullptr, 'l'}, {"name", required_argument, nullptr, 'n'},
        {"options", required_argument, nullptr, 'o'}, {"quiet", no_argument, nullptr, 'q'},
        {"quiet-output", no_argument, nullptr, 'Q'}, {"shell", required_argument, nullptr, 's'},
        {"test", no_argument, nullptr, 'T'}, {"unquoted", no_argument, nullptr, 'u'},
        {"version", no_argument, nullptr, 'V'}, {nullptr, 0, nullptr, 0}};
    optind = 0;
    opterr = 1;
    int c;
    while ((c = getopt_long(argc, argv.data(), "+ao:l:n:qQs:TuhV", kOwn, nullptr)) != -1) {
      switch (c) {
        case 'a': alternative = true; break;
        case 'h': return mc::cli::PrintHelp(inv);
        case 'V': return mc::cli::PrintVersion(inv);
        case 'o': optstring = optarg; have_optstring = true; break;
        case 'l': AddLongOptions(optarg, long_names, long_has_arg); break;
        case 'n': name = optarg; break;
        case 'q': quiet_errors = true; break;
        case 'Q': quiet_output = true; break;
        case 'T': return kTest;
        case 'u': quote = false; break;
        case 's': {
          std::string_view s = optarg;
          if (s == "sh" || s == "bash") shell = Shell::kSh;
          else if (s == "csh" || s == "tcsh") shell = Shell::kCsh;
          else return mc::UsageError(inv, "unknown shell after -s or --shell argument");
          break;
        }
        default: return mc::UsageError(inv, "");  // getopt_long said why
      }
    }
    first_param = optind;
    if (!have_optstring) {
      if (first_param >= argc) return mc::UsageError(inv, "missing optstring argument");
      optstring = argv[first_param++];
      have_optstring = true;
    }
  }

  // Distinct (flag, val) pairs: getopt_long calls an abbreviation of two
  // options ambiguous only when they differ there.
  std::vector<struct option> longs;
  int long_flag = 0;
  for (std::size_t i = 0; i < long_names.size(); ++i) {
    longs.push_back({long_names[i].c_str(), long_has_arg[i], &long_flag, static_cast<int>(i)});
  }
  longs.push_back({nullptr, 0, nullptr, 0});

  // The PARAMETERs, with the reported name first as getopt_long's argv[0].
  std::vector<char*> params;
  params.push_back(name.data());
  for (int i = first_param; i < argc; ++i) params.push_back(argv[i]);
  params.push_back(nullptr);
  int pcount = static_cast<int>(params.size()) - 1;

  mc::Output& out = inv.out();
  int rc = 0;
  optind = 0;
  opterr = quiet_errors ? 0 : 1;
  while (true) {
    int index = -1;
    int c = alternative ? getopt_long_only(pcount, params.data(), optstring.c_str(), longs.data(), &index)
                        : getopt_long(pcount, params.data(), optstring.c_str(), longs.data(), &index);
    if (c == -1) break;
    if (c == '?' || c == ':') {
      rc = kParamError;
      continue;
    }
    if (quiet_output) continue;
    if (c == 1) {  // a non-option, in order ("-" optstring)
      PutQuoted(out, optarg, quote, shell);
      continue;
    }
    int arg_kind;
    if (c == 0) {
      out.Write(" --");
      out.Write(longs[static_cast<std::size_t>(index)].name);
      arg_kind = longs[static_cast<std::size_t>(index)].has_arg;
    } else {
      out.Write(" -");
      out.Put(static_cast<char>(c));
      const char* at = std::strchr(optstring.c_str(), c);
      arg_kind = at && at[1] == ':' ? (at[2] == ':' ? optional_argument : required_argument) : no_argument;
    }
    if (optarg) PutQuoted(out, optarg, quote, shell);
    else if (arg_kind == optional_argument) PutQuoted(out, "", quote, shell);
  }
  if (!quiet_output) {
    out.Write(" --");
    for (int i = optind; i < pcount; ++i) PutQuoted(out, params[static_cast<std::size_t>(i)], quote, shell);
    out.Put('\n');
  }
  return rc;
}
