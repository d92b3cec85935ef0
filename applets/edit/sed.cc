/* @applet sed
   @install bin
   @help
Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 accepted; annotation is not supported
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the `l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single
                 continuous long stream.
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.
*/
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/regex.h"
#include "registry/applet.h"

namespace {

using mc::regex::Regex;

// Exit statuses of GNU sed.
constexpr int kBadProgram = 1;
constexpr int kBadInput = 2;
constexpr int kPanic = 4;

// ---------------------------------------------------------------- output

struct OutFile {
  std::string name;
  int fd = -1;
  bool own = false;
  bool missing_newline = false;
  std::string buf;
};

struct Fail {
  int status;
};

// ---------------------------------------------------------------- program

enum AddrKind { kNone, kLine, kLast, kRe, kStep, kPlus, kTilde, kZero };

struct Addr {
  AddrKind kind = kNone;
  long a = 0, b = 0;
  int re = -1;  // index in Program::regexes; -1 with kRe: the last regex
};

enum Piece { kLit, kGroup, kCaseUpper, kCaseLower, kOneUpper, kOneLower, kCaseEnd };

struct ReplPiece {
  Piece kind;
  std::string text;
  int group = 0;
};

struct Subst {
  int re = -1;
  std::vector<ReplPiece> repl;
  bool global = false;
  int print = 0;
  long nth = 1;
  bool eval = false;
  int out = -1;
};

struct Cmd {
  Addr a1, a2;
  bool neg = false;
  char op = 0;
  bool active = false;  // range in progress
  bool closed = false;  // a range whose first address was a line number that passed
  long range_end = 0;
  std::string text;  // a i c text, labels, file names
  long num = -1;     // q/Q exit code, l width
  int target = -1;   // { : matching }; b t T: command index (-1: end)
  int sub = -1;      // s: index in Program::substs; y: index in ymaps
  int out = -1;      // w W: output index
};

struct Program {
  std::vector<Cmd> cmds;
  std::vector<std::unique_ptr<Regex>> regexes;
  std::vector<Subst> substs;
  std::vector<std::string> ymaps;  // 256 bytes each
  std::vector<std::string> out_names;
};

struct Source {
  std::string text;
  bool is_file = false;
  std::string name;  // -f file name
  int expr_no = 0;
};

struct Settings {
  bool quiet = false, extended = false, separate = false, null_data = false, posix = false,
       unbuffered = false, in_place = false, follow_symlinks = false, debug = false;
  std::string suffix;
  long line_len = 70;
};

// ---------------------------------------------------------------- parser

class Parser {
 public:
  Parser(mc::Invocation& inv, const Settings& s, Program& p, std::vector<Source>& srcs)
      : inv_(inv), set_(s), prog_(p), srcs_(srcs) {}

  void Run() {
    for (src_ = 0; src_ < srcs_.size(); ++src_) {
      pos_ = 0;
      line_ = 1;
      ParseSource();
    }
    if (!blocks_.empty()) {
      src_ = srcs_.size() - 1;
      pos_ = 0;
      Error("unmatched `{'", true);
    }
    // Resolve jumps.
    for (Cmd& c : prog_.cmds) {
      if ((c.op == 'b' || c.op == 't' || c.op == 'T') && !c.text.empty()) {
        int found = -1;
        for (std::size_t i = 0; i < prog_.cmds.size(); ++i)
          if (prog_.cmds[i].op == ':' && prog_.cmds[i].text == c.text) found = static_cast<int>(i);
        if (found < 0) {
          mc::Warn(inv_, "can't find label for jump to `" + c.text + "'");
          throw Fail{kPanic};
        }
        c.target = found;
      }
    }
  }

 private:
  const std::string& S() const { return srcs_[src_].text; }
  int Get() {
    if (pos_ >= S().size()) {
      ++pos_;
      return EOF;
    }
    unsigned char c = static_cast<unsigned char>(S()[pos_++]);
    if (c == '\n') ++line_;
    return c;
  }
  void Unget(int c) {
    --pos_;
    if (c == '\n') --line_;
  }
  int Peek() { return pos_ < S().size() ? static_cast<unsigned char>(S()[pos_]) : EOF; }

  [[noreturn]] void Error(std::string_view msg, bool char0 = false) {
    const Source& s = srcs_[src_];
    std::string m;
    if (s.is_file) {
      m = "file " + s.name + " line " + std::to_string(char0 ? 0 : line_ - (pos_ > 0 && pos_ <= S().size() && S()[pos_ - 1] == '\n' ? 1 : 0)) + ": ";
    } else {
      std::size_t at = char0 ? 0 : pos_;
      if (at > S().size() + 1) at = S().size() + 1;
      if (!char0 && pos_ > S().size()) at = S().size();
      m = "-e expression #" + std::to_string(s.expr_no) + ", char " + std::to_string(at) + ": ";
    }
    m += msg;
    mc::Warn(inv_, m);
    throw Fail{kBadProgram};
  }

  int SkipSpace() {
    int c;
    do c = Get();
    while (c == ' ' || c == '\t');
    return c;
  }
  int SkipWs() {
    int c;
    do c = Get();
    while (c != EOF && isspace(c));
    return c;
  }

  bool ReadNumber(int first, long& out) {
    if (first < '0' || first > '9') return false;
    long v = first - '0';
    int c;
    while ((c = Get()) >= '0' && c <= '9') v = v * 10 + (c - '0');
    Unget(c);
    out = v;
    return true;
  }

  // Reads up to the unescaped delimiter. regex: "\n" becomes a newline and
  // "\DELIM" the delimiter. Returns false at an unterminated text.
  bool MatchSlash(int delim, bool regex, std::string& out) {
    out.clear();
    for (;;) {
      int c = Get();
      if (c == EOF) return false;
      if (c == '\n') {
        if (regex) return false;
        out += '\n';
        continue;
      }
      if (c == delim) return true;
      if (c == '[' && regex) {
        // A bracket expression: the delimiter and backslashes are plain here.
        out += '[';
        c = Get();
        if (c == '^') {
          out += '^';
          c = Get();
        }
        if (c == ']') {
          out += ']';
          c = Get();
        }
        for (;;) {
          if (c == EOF || c == '\n') return false;
          if (c == ']') break;
          out += static_cast<char>(c);
          if (c == '[') {
            int k = Get();
            if (k == ':' || k == '.' || k == '=') {
              out += static_cast<char>(k);
              for (;;) {
                int d = Get();
                if (d == EOF || d == '\n') return false;
                out += static_cast<char>(d);
                if (d == k && Peek() == ']') {
                  out += static_cast<char>(Get());
                  break;
                }
              }
            } else {
              Unget(k);
            }
          }
          c = Get();
        }
        out += ']';
        continue;
      }
      if (c == '\\') {
        c = Get();
        if (c == EOF) return false;
        if (c == delim) {
          out += static_cast<char>(c);
        } else if (c == 'n' && regex) {
          out += '\n';
        } else if (c == '\n' && regex) {
          return false;
        } else {
          out += '\\';
          out += static_cast<char>(c);
        }
        continue;
      }
      out += static_cast<char>(c);
    }
  }

  static int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // GNU escapes in a regex: \t \f \v \a \r \dNNN \oNNN \xHH \cX.
  static std::string ConvertEscapes(const std::string& in) {
    std::string out;
    for (std::size_t i = 0; i < in.size(); ++i) {
      if (in[i] != '\\' || i + 1 >= in.size()) {
        out += in[i];
        continue;
      }
      char c = in[i + 1];
      int v = -1;
      std::size_t used = 2;
      switch (c) {
        case 'n': v = '\n'; break;
        case 't': v = '\t'; break;
        case 'f': v = '\f'; break;
        case 'v': v = '\v'; break;
        case 'a': v = '\a'; break;
        case 'r': v = '\r'; break;
        case 'c':
          if (i + 2 < in.size()) {
            v = toupper(static_cast<unsigned char>(in[i + 2])) ^ 0x40;
            used = 3;
          }
          break;
        case 'd': case 'o': case 'x': {
          int base = c == 'd' ? 10 : c == 'o' ? 8 : 16, max = c == 'x' ? 2 : 3, n = 0, val = 0;
          while (n < max && i + 2 + n < in.size()) {
            int h = Hex(in[i + 2 + n]);
            if (h < 0 || h >= base) break;
            val = val * base + h;
            ++n;
          }
          if (n > 0) {
            v = val & 0xff;
            used = 2 + n;
          }
          break;
        }
        default: break;
      }
      if (v < 0) {
        out += in[i];
        out += c;
        ++i;
        continue;
      }
      out += static_cast<char>(v);
      i += used - 1;
    }
    return out;
  }

  int CompileRegex(const std::string& raw, bool icase, bool multi) {
    if (raw.empty()) {
      if (prog_.regexes.empty()) Error("no previous regular expression", true);
      return -1;
    }
    auto re = std::make_unique<Regex>();
    mc::regex::Options o;
    o.syntax = set_.extended ? mc::regex::Syntax::kSedExtended : mc::regex::Syntax::kSedBasic;
    o.icase = icase;
    o.newline_anchor = multi;  // the M flag: ^ and $ at embedded newlines,
    o.newline_is_separator = multi;  // and . and [^...] do not match one
    std::string err = re->Compile(ConvertEscapes(raw), o);
    if (!err.empty()) Error(err);
    prog_.regexes.push_back(std::move(re));
    return static_cast<int>(prog_.regexes.size() - 1);
  }

  bool ReadAddr(Addr& a, int c) {
    if (c == '/' || c == '\\') {
      if (c == '\\') c = Get();
      if (c == EOF || c == '\n') Error("unterminated address regex");
      std::string raw;
      if (!MatchSlash(c, true, raw)) Error("unterminated address regex");
      bool icase = false, multi = false;
      for (;;) {
        int f = Get();
        if (f == 'I') icase = true;
        else if (f == 'M') multi = true;
        else {
          Unget(f);
          break;
        }
      }
      a.kind = kRe;
      a.re = CompileRegex(raw, icase, multi);
      return true;
    }
    long n;
    if (ReadNumber(c, n)) {
      int d = SkipSpace();
      if (d == '~') {
        long step = 0;
        int e = SkipSpace();
        if (!ReadNumber(e, step)) Unget(e);
        a.kind = kStep;
        a.a = n;
        a.b = step;
        return true;
      }
      Unget(d);
      a.kind = n == 0 ? kZero : kLine;
      a.a = n;
      return true;
    }
    if (c == '+' || c == '~') {
      long v = 0;
      int e = SkipSpace();
      if (!ReadNumber(e, v)) Unget(e);
      a.kind = c == '+' ? kPlus : kTilde;
      a.a = v;
      return true;
    }
    if (c == '$') {
      a.kind = kLast;
      return true;
    }
    return false;
  }

  void EndOfCmd() {
    int c = SkipSpace();
    if (c == EOF || c == '\n' || c == ';') return;
    if (c == '}' || c == '#') {
      Unget(c);
      return;
    }
    Error("extra characters after command");
  }

  std::string ReadLabel() {
    int c = SkipSpace();
    std::string l;
    while (c != EOF && c != '\n' && c != ';') {
      l += static_cast<char>(c);
      c = Get();
    }
    while (!l.empty() && (l.back() == ' ' || l.back() == '\t')) l.pop_back();
    return l;
  }

  std::string ReadFilename() {
    int c = SkipSpace();
    std::string f;
    while (c != EOF && c != '\n') {
      f += static_cast<char>(c);
      c = Get();
    }
    if (f.empty()) Error("missing filename in r/R/w/W commands");
    return f;
  }

  int OutIndex(const std::string& name) {
    for (std::size_t i = 0; i < prog_.out_names.size(); ++i)
      if (prog_.out_names[i] == name) return static_cast<int>(i);
    prog_.out_names.push_back(name);
    return static_cast<int>(prog_.out_names.size() - 1);
  }

  // Text of a, i, c: GNU one-liner ("a text") or classic ("a\" newline text).
  std::string ReadText() {
    int c = SkipSpace();
    if (c == EOF) Error("expected \\ after `a', `c' or `i'");
    if (c == '\\') {
      c = Get();
      if (c == '\n') {
        c = Get();
      } else if (c == EOF) {
        // "a\" closing one -e: the text is the next -e.
        if (src_ + 1 >= srcs_.size()) return std::string();
        ++src_;
        pos_ = 0;
        line_ = 1;
        c = Get();
      } else if (c == ' ' || c == '\t') {
        // "a\  text" keeps its leading blanks.
      }
    }
    std::string t;
    while (c != EOF && c != '\n') {
      if (c == '\\') {
        c = Get();
        if (c == EOF) break;
      }
      t += static_cast<char>(c);
      c = Get();
    }
    t += '\n';
    return t;
  }

  void ParseSubst(Cmd& cmd) {
    int delim = Get();
    if (delim == EOF || delim == '\n' || delim == '\\') Error("unterminated `s' command");
    std::string raw, rep;
    if (!MatchSlash(delim, true, raw)) Error("unterminated `s' command");
    if (!MatchSlash(delim, false, rep)) Error("unterminated `s' command");
    Subst s;
    bool icase = false, multi = false, have_num = false;
    int max_ref = 0;
    std::vector<ReplPiece>& out = s.repl;
    auto lit = [&](char ch) {
      if (out.empty() || out.back().kind != kLit) out.push_back({kLit, "", 0});
      out.back().text += ch;
    };
    for (std::size_t i = 0; i < rep.size(); ++i) {
      char ch = rep[i];
      if (ch == '&') {
        out.push_back({kGroup, "", 0});
      } else if (ch == '\\' && i + 1 < rep.size()) {
        char e = rep[++i];
        if (e >= '0' && e <= '9') {
          out.push_back({kGroup, "", e - '0'});
          if (e - '0' > max_ref) max_ref = e - '0';
        } else if (e == 'L') out.push_back({kCaseLower, "", 0});
        else if (e == 'U') out.push_back({kCaseUpper, "", 0});
        else if (e == 'l') out.push_back({kOneLower, "", 0});
        else if (e == 'u') out.push_back({kOneUpper, "", 0});
        else if (e == 'E') out.push_back({kCaseEnd, "", 0});
        else if (e == 'n') lit('\n');
        else if (e == 't') lit('\t');
        else if (e == 'f') lit('\f');
        else if (e == 'v') lit('\v');
        else if (e == 'a') lit('\a');
        else if (e == 'r') lit('\r');
        else lit(e);
      } else {
        lit(ch);
      }
    }
    for (;;) {
      int c = Get();
      if (c == 'g') {
        if (s.global) Error("multiple `g' options to `s' command");
        s.global = true;
      } else if (c == 'p') {
        if (s.print) Error("multiple `p' options to `s' command");
        s.print = 1;
      } else if (c == 'i' || c == 'I') {
        icase = true;
      } else if (c == 'm' || c == 'M') {
        multi = true;
      } else if (c == 'e') {
        s.eval = true;
      } else if (c >= '0' && c <= '9') {
        if (have_num) Error("multiple number options to `s' command");
        long n;
        ReadNumber(c, n);
        if (n == 0) Error("number option to `s' command may not be zero");
        s.nth = n;
        have_num = true;
      } else if (c == 'w') {
        s.out = OutIndex(ReadFilename());
        break;
      } else if (c == EOF || c == '\n' || c == ';') {
        break;
      } else if (c == '}' || c == '#') {
        Unget(c);
        break;
      } else if (c == ' ' || c == '\t') {
        EndOfCmd();
        break;
      } else {
        Error("unknown option to `s'");
      }
    }
    s.re = CompileRegex(raw, icase, multi);
    if (s.re >= 0 && max_ref > static_cast<int>(prog_.regexes[s.re]->groups()))
      Error("invalid reference \\" + std::to_string(max_ref) + " on `s' command's RHS");
    prog_.substs.push_back(std::move(s));
    cmd.sub = static_cast<int>(prog_.substs.size() - 1);
  }

  void ParseY(Cmd& cmd) {
    int delim = Get();
    if (delim == EOF || delim == '\n' || delim == '\\') Error("unterminated `y' command");
    std::string a, b;
    auto read = [&](std::string& o) {
      o.clear();
      for (;;) {
        int c = Get();
        if (c == EOF) Error("unterminated `y' command");
        if (c == delim) return;
        if (c == '\\') {
          int d = Get();
          if (d == delim) o += static_cast<char>(d);
          else if (d == 'n') o += '\n';
          else if (d == '\\') o += '\\';
          else if (d == '\n') o += '\n';
          else if (d == EOF) Error("unterminated `y' command");
          else Error("unknown option to `y'"), (void)0;
          continue;
        }
        o += static_cast<char>(c);
      }
    };
    read(a);
    read(b);
    if (a.size() != b.size()) Error("strings for `y' command are different lengths");
    std::string map(256, 0);
    for (int i = 0; i < 256; ++i) map[i] = static_cast<char>(i);
    for (std::size_t i = 0; i < a.size(); ++i) map[static_cast<unsigned char>(a[i])] = b[i];
    prog_.ymaps.push_back(std::move(map));
    cmd.sub = static_cast<int>(prog_.ymaps.size() - 1);
    EndOfCmd();
  }

  void ParseSource() {
    for (;;) {
      int c = SkipWs();
      while (c == ';') c = SkipWs();
      if (c == EOF) return;
      if (c == '#') {
        if (pos_ == 1 && src_ == 0 && Peek() == 'n') {
          Get();
          int d = Get();
          if (d == '\n' || d == EOF) {
            quiet_from_script = true;
            continue;
          }
        }
        while (c != EOF && c != '\n') c = Get();
        continue;
      }
      Cmd cmd;
      if (ReadAddr(cmd.a1, c)) {
        if (cmd.a1.kind == kPlus || cmd.a1.kind == kTilde) Error("invalid usage of +N or ~N as first address");
        c = SkipSpace();
        if (c == ',') {
          c = SkipSpace();
          if (!ReadAddr(cmd.a2, c)) Error("unexpected `,'");
          if (cmd.a2.kind == kZero) Error("invalid usage of line address 0");
          if (cmd.a2.kind == kStep) {  // "addr1,N~M" is not a thing: N~M as addr2 means line N
            cmd.a2.kind = kLine;
          }
          c = SkipSpace();
        }
        if (cmd.a1.kind == kZero && (cmd.a2.kind != kRe)) Error("invalid usage of line address 0");
      }
      if (c == '!') {
        cmd.neg = true;
        c = SkipSpace();
        while (c == ' ' || c == '\t') c = SkipSpace();
        if (c == '!') Error("multiple `!'s");
      }
      if (c == EOF || c == '\n' || c == ';') Error("missing command");
      const bool addressed = cmd.a1.kind != kNone;
      cmd.op = static_cast<char>(c);
      switch (c) {
        case '{':
          blocks_.push_back(static_cast<int>(prog_.cmds.size()));
          prog_.cmds.push_back(std::move(cmd));
          continue;
        case '}':
          if (blocks_.empty()) Error("unexpected `}'");
          if (addressed) Error("`}' doesn't want any addresses");
          prog_.cmds[blocks_.back()].target = static_cast<int>(prog_.cmds.size());
          blocks_.pop_back();
          EndOfCmd();
          break;
        case ':': {
          if (addressed) Error(": doesn't want any addresses");
          std::string l = ReadLabel();
          if (l.empty()) Error("\":\" lacks a label");
          cmd.text = l;
          break;
        }
        case 'a': case 'i': case 'c':
          cmd.text = ReadText();
          break;
        case 'b': case 't': case 'T':
          cmd.text = ReadLabel();
          break;
        case 'r': case 'R':
          cmd.text = ReadFilename();
          break;
        case 'w': case 'W':
          cmd.out = OutIndex(ReadFilename());
          break;
        case 'q': case 'Q': case 'l': case 'L': {
          if ((c == 'q' || c == 'Q') && cmd.a2.kind != kNone) Error("command only uses one address");
          int d = SkipSpace();
          long n;
          if (ReadNumber(d, n)) cmd.num = n;
          else Unget(d);
          EndOfCmd();
          break;
        }
        case '=': case 'd': case 'D': case 'e': case 'F': case 'g': case 'G': case 'h': case 'H':
        case 'n': case 'N': case 'p': case 'P': case 'x': case 'z':
          EndOfCmd();
          break;
        case 'v':
          ReadLabel();
          break;
        case 's':
          ParseSubst(cmd);
          break;
        case 'y':
          ParseY(cmd);
          break;
        case '#':
          Error("comments don't accept any addresses");
        default: {
          std::string m = "unknown command: `";
          m += static_cast<char>(c);
          m += "'";
          Error(m);
        }
      }
      prog_.cmds.push_back(std::move(cmd));
    }
  }

  mc::Invocation& inv_;
  const Settings& set_;
  Program& prog_;
  std::vector<Source>& srcs_;
  std::size_t src_ = 0, pos_ = 0;
  long line_ = 1;
  std::vector<int> blocks_;

 public:
  bool quiet_from_script = false;
};

// ---------------------------------------------------------------- runner

class Runner {
 public:
  Runner(mc::Invocation& inv, const Settings& s, Program& p, std::vector<std::string> files)
      : inv_(inv), set_(s), prog_(p), files_(std::move(files)) {
    delim_ = s.null_data ? '\0' : '\n';
    stdout_.name = "stdout";
    stdout_.fd = 1;
    out_ = &stdout_;
  }

  int Run() {
    int status = 0;
    try {
      OpenOutputs();
      status = Loop();
    } catch (Fail& f) {
      status = f.status;
    }
    AbortInPlace();
    try {
      for (auto& o : outs_) Flush(*o);
      Flush(stdout_);
    } catch (Fail& f) {
      status = f.status;
    }
    for (auto& o : outs_)
      if (o->own) ::close(o->fd);
    return status ? status : exit_status_;
  }

 private:
  // ---- output
  void Flush(OutFile& o) {
    if (o.buf.empty()) return;
    int err = mc::WriteAll(o.fd, o.buf.data(), o.buf.size());
    o.buf.clear();
    if (err) {
      mc::Warn(inv_, "couldn't flush " + o.name + ": " + std::string(mc::ErrorText(err)));
      throw Fail{kPanic};
    }
  }
  void Write(OutFile& o, std::string_view s) {
    o.buf.append(s);
    if (o.buf.size() >= 65536) Flush(o);
  }
  void Line(OutFile& o, std::string_view s, bool newline) {
    if (o.missing_newline) {
      o.buf += delim_;
      o.missing_newline = false;
    }
    Write(o, s);
    if (newline) o.buf += delim_;
    else o.missing_newline = true;
    if (set_.unbuffered || &o != out_) Flush(o);
  }
  void Text(OutFile& o, std::string_view s) {
    if (o.missing_newline) {
      o.buf += delim_;
      o.missing_newline = false;
    }
    Write(o, s);
    if (set_.unbuffered) Flush(o);
  }

  void OpenOutputs() {
    for (const std::string& n : prog_.out_names) {
      auto o = std::make_unique<OutFile>();
      o->name = n;
      if (n == "/dev/stdout") {
        o->fd = 1;
      } else if (n == "/dev/stderr") {
        o->fd = 2;
      } else {
        o->fd = ::open(n.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (o->fd < 0) {
          mc::Warn(inv_, "couldn't open file " + n + ": " + std::string(mc::ErrorText(errno)));
          throw Fail{kPanic};
        }
        o->own = true;
      }
      outs_.push_back(std::move(o));
    }
  }
  OutFile& OutFor(int idx) {
    OutFile& o = *outs_[idx];
    if (o.fd == 1 && !set_.in_place) return stdout_;
    return o;
  }

  // ---- input
  bool OpenNext() {
    while (next_file_ < files_.size()) {
      const std::string& name = files_[next_file_++];
      int fd;
      if (name == "-" && !set_.in_place) {
        fd = inv_.in_fd();
      } else {
        std::string path = name;
        if (set_.in_place && set_.follow_symlinks) path = Resolve(name);
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
          mc::Warn(inv_, "can't read " + name + ": " + std::string(mc::ErrorText(errno)));
          exit_status_ = kBadInput;
          continue;
        }
        if (set_.in_place) {
          struct stat st;
          if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            mc::Warn(inv_, "couldn't edit " + name + ": not a regular file");
            exit_status_ = kPanic;
            ::close(fd);
            continue;
          }
          BeginInPlace(path, st);
        }
      }
      fd_ = fd;
      cur_name_ = name;
      reader_ = std::make_unique<mc::LineReader>(fd, delim_);
      if (set_.separate) {
        line_ = 0;
        for (Cmd& c : prog_.cmds) c.active = c.closed = false;
      }
      return true;
    }
    return false;
  }
  void CloseCurrent() {
    if (!reader_) return;
    if (reader_->error()) {
      mc::Warn(inv_, "read error on " + (cur_name_ == "-" ? std::string("stdin") : cur_name_) + ": " +
                         std::string(mc::ErrorText(reader_->error())));
      reader_.reset();
      throw Fail{kPanic};
    }
    reader_.reset();
    if (fd_ != inv_.in_fd() || set_.in_place) ::close(fd_);
    fd_ = -1;
    if (set_.in_place) FinishInPlace();
  }
  bool RawNext(std::string& into, bool& term) {
    std::string_view v;
    if (reader_ && reader_->Next(v, term)) {
      into.assign(v);
      return true;
    }
    return false;
  }
  // Next line of the input into ps. false at the end of all input.
  bool ReadLine(std::string& ps) {
    if (have_ahead_) {
      ps.swap(ahead_);
      term_ = ahead_term_;
      have_ahead_ = false;
      ++line_;
      return true;
    }
    for (;;) {
      if (RawNext(ps, term_)) {
        ++line_;
        return true;
      }
      CloseCurrent();
      if (!OpenNext()) return false;
    }
  }
  // Whether the current line is the last one ($).
  bool IsLast() {
    if (have_ahead_) return false;
    if (RawNext(ahead_, ahead_term_)) {
      have_ahead_ = true;
      return false;
    }
    if (set_.separate) return true;
    for (;;) {
      CloseCurrent();
      if (!OpenNext()) return true;
      if (RawNext(ahead_, ahead_term_)) {
        have_ahead_ = true;
        return false;
      }
    }
  }

  // ---- in place
  static std::string Resolve(std::string path) {
    for (int i = 0; i < 40; ++i) {
      struct stat st;
      if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
      std::string t(4096, '\0');
      ssize_t n = ::readlink(path.c_str(), t.data(), t.size());
      if (n < 0) return path;
      t.resize(n);
      if (t[0] != '/') {
        std::size_t sl = path.rfind('/');
        t = (sl == std::string::npos ? std::string() : path.substr(0, sl + 1)) + t;
      }
      path = t;
    }
    return path;
  }
  void BeginInPlace(const std::string& path, const struct stat& st) {
    std::size_t sl = path.rfind('/');
    std::string dir = sl == std::string::npos ? std::string(".") : path.substr(0, sl + 1);
    std::string tmpl = (sl == std::string::npos ? std::string() : path.substr(0, sl + 1)) + "sedXXXXXX";
    int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0) {
      mc::Warn(inv_, "couldn't open temporary file " + tmpl + ": " + std::string(mc::ErrorText(errno)));
      throw Fail{kPanic};
    }
    ::fchmod(fd, st.st_mode & 07777);
    if (::geteuid() == 0) (void)!::fchown(fd, st.st_uid, st.st_gid);
    ip_path_ = path;
    ip_tmp_ = tmpl;
    ip_out_.name = tmpl;
    ip_out_.fd = fd;
    ip_out_.missing_newline = false;
    ip_out_.buf.clear();
    out_ = &ip_out_;
  }
  void FinishInPlace() {
    if (ip_tmp_.empty()) return;
    try {
      Flush(ip_out_);
    } catch (Fail&) {
      AbortInPlace();
      throw;
    }
    if (::close(ip_out_.fd) != 0) {
      int err = errno;
      ip_out_.fd = -1;
      AbortInPlace();
      mc::Warn(inv_, "couldn't close " + ip_tmp_ + ": " + std::string(mc::ErrorText(err)));
      throw Fail{kPanic};
    }
    ip_out_.fd = -1;
    if (!set_.suffix.empty()) {
      std::string backup;
      std::size_t sl = ip_path_.rfind('/');
      std::string base = sl == std::string::npos ? ip_path_ : ip_path_.substr(sl + 1);
      std::string dir = sl == std::string::npos ? std::string() : ip_path_.substr(0, sl + 1);
      if (set_.suffix.find('*') == std::string::npos) {
        backup = ip_path_ + set_.suffix;
      } else {
        for (char ch : set_.suffix) {
          if (ch == '*') backup += base;
          else backup += ch;
        }
        backup = dir + backup;
      }
      if (::rename(ip_path_.c_str(), backup.c_str()) != 0) {
        int err = errno;
        AbortInPlace();
        mc::Warn(inv_, "cannot rename " + ip_path_ + ": " + std::string(mc::ErrorText(err)));
        throw Fail{kPanic};
      }
    }
    if (::rename(ip_tmp_.c_str(), ip_path_.c_str()) != 0) {
      int err = errno;
      AbortInPlace();
      mc::Warn(inv_, "cannot rename " + ip_tmp_ + ": " + std::string(mc::ErrorText(err)));
      throw Fail{kPanic};
    }
    ip_tmp_.clear();
    out_ = &stdout_;
  }
  void AbortInPlace() {
    if (ip_tmp_.empty()) return;
    if (ip_out_.fd >= 0) ::close(ip_out_.fd);
    ip_out_.fd = -1;
    ip_out_.buf.clear();
    ::unlink(ip_tmp_.c_str());
    ip_tmp_.clear();
    out_ = &stdout_;
  }

  // ---- matching
  Regex* Re(int idx) {
    if (idx < 0) {
      if (!last_re_) {
        mc::Warn(inv_, "no previous regular expression");
        throw Fail{kBadProgram};
      }
      return last_re_;
    }
    last_re_ = prog_.regexes[idx].get();
    return last_re_;
  }
  bool MatchRe(int idx, std::string_view s) {
    return Search(*Re(idx), s, 0);
  }
  // Searches s from start; on a match sub_[2*i], sub_[2*i+1] hold group i's
  // offsets (-1 for a group that took no part).
  bool Search(Regex& re, std::string_view s, std::size_t start) {
    if (!re.Search(s, start, nullptr)) return false;
    const std::size_t n = re.groups() + 1;
    sub_.resize(2 * n);
    for (std::size_t i = 0; i < n; ++i) {
      const mc::regex::Span g = re.group(i);
      sub_[2 * i] = g.matched() ? static_cast<long>(g.begin) : -1;
      sub_[2 * i + 1] = g.matched() ? static_cast<long>(g.end) : -1;
    }
    return true;
  }
  bool MatchOne(const Addr& a) {
    switch (a.kind) {
      case kNone: return true;
      case kLine: return line_ == a.a;
      case kZero: return false;
      case kLast: return IsLast();
      case kRe: return MatchRe(a.re, ps_);
      case kStep:
        if (a.b <= 0) return line_ == a.a;
        return line_ >= a.a && (line_ - a.a) % a.b == 0;
      default: return false;
    }
  }
  bool Matches(Cmd& c) {
    bool m = MatchAddr(c);
    return c.neg ? !m : m;
  }
  bool MatchAddr(Cmd& c) {
    if (c.a1.kind == kNone) return true;
    if (c.a2.kind == kNone) return MatchOne(c.a1);
    if (c.active) {
      switch (c.a2.kind) {
        case kLine:
        case kPlus:
        case kTilde:
          if (line_ >= c.range_end) c.active = false;
          if (line_ > c.range_end) return MatchStart(c);
          return true;
        case kLast:
          if (IsLast()) c.active = false;
          return true;
        case kRe:
          if (MatchRe(c.a2.re, ps_)) c.active = false;
          return true;
        default:
          c.active = false;
          return true;
      }
    }
    if (c.a1.kind == kZero) {
      if (c.closed) return false;
      c.closed = true;
      if (MatchRe(c.a2.re, ps_)) return true;
      c.active = true;
      return true;
    }
    return MatchStart(c);
  }
  bool MatchStart(Cmd& c) {
    if (!MatchOne(c.a1)) return false;
    switch (c.a2.kind) {
      case kLine:
        if (c.a2.a <= line_) return true;
        c.range_end = c.a2.a;
        break;
      case kPlus:
        if (c.a2.a == 0) return true;
        c.range_end = line_ + c.a2.a;
        break;
      case kTilde:
        if (c.a2.a <= 0 || line_ % c.a2.a == 0) return true;
        c.range_end = (line_ / c.a2.a + 1) * c.a2.a;
        break;
      case kLast:
        if (IsLast()) return true;
        break;
      default:
        break;
    }
    c.active = true;
    return true;
  }

  // ---- commands
  void AppendCase(std::string& dst, std::string_view s) {
    for (char ch : s) {
      unsigned char u = static_cast<unsigned char>(ch);
      if (one_ == 1) {
        ch = static_cast<char>(toupper(u));
        one_ = 0;
      } else if (one_ == 2) {
        ch = static_cast<char>(tolower(u));
        one_ = 0;
      } else if (case_ == 1) {
        ch = static_cast<char>(toupper(u));
      } else if (case_ == 2) {
        ch = static_cast<char>(tolower(u));
      }
      dst += ch;
    }
  }
  void Replace(const Subst& s, std::string& dst) {
    case_ = one_ = 0;
    for (const ReplPiece& p : s.repl) {
      switch (p.kind) {
        case kLit:
          if (case_ || one_) AppendCase(dst, p.text);
          else dst += p.text;
          break;
        case kGroup: {
          long so = sub_[2 * p.group], eo = sub_[2 * p.group + 1];
          if (so < 0) break;
          std::string_view g(ps_.data() + so, eo - so);
          if (case_ || one_) AppendCase(dst, g);
          else dst += g;
          break;
        }
        case kCaseUpper: case_ = 1; one_ = 0; break;
        case kCaseLower: case_ = 2; one_ = 0; break;
        case kOneUpper: one_ = 1; break;
        case kOneLower: one_ = 2; break;
        case kCaseEnd: case_ = one_ = 0; break;
      }
    }
  }
  bool DoSubst(const Subst& s) {
    Regex* re = Re(s.re);
    std::size_t start = 0;
    long count = 0;
    long prev_end = -1;
    bool done = false;
    result_.clear();
    std::size_t copied = 0;
    const std::size_t len = ps_.size();
    while (start <= len && Search(*re, ps_, start)) {
      const std::size_t so = sub_[0], eo = sub_[1];
      if (so == eo && static_cast<long>(so) == prev_end) {
        // An empty match right after a match does not count.
        if (so >= len) break;
        start = so + 1;
        continue;
      }
      ++count;
      if (count >= s.nth) {
        result_.append(ps_, copied, so - copied);
        Replace(s, result_);
        copied = eo;
        done = true;
        if (!s.global) break;
      }
      prev_end = static_cast<long>(eo);
      if (so == eo) {
        if (so >= len) break;
        start = so + 1;
      } else {
        start = eo;
      }
    }
    if (!done) return false;
    result_.append(ps_, copied, std::string::npos);
    ps_.swap(result_);
    return true;
  }

  void ListLine(OutFile& o, long width) {
    std::string out;
    long col = 0;
    const long lim = width > 0 ? width - 1 : -1;
    char tmp[8];
    for (unsigned char c : ps_) {
      std::string_view e;
      switch (c) {
        case '\\': e = "\\\\"; break;
        case '\a': e = "\\a"; break;
        case '\b': e = "\\b"; break;
        case '\f': e = "\\f"; break;
        case '\n': e = "\\n"; break;
        case '\r': e = "\\r"; break;
        case '\t': e = "\\t"; break;
        case '\v': e = "\\v"; break;
        default:
          if (c >= 32 && c < 127) {
            tmp[0] = static_cast<char>(c);
            e = std::string_view(tmp, 1);
          } else {
            std::snprintf(tmp, sizeof tmp, "\\%03o", c);
            e = std::string_view(tmp, 4);
          }
      }
      if (lim >= 0 && col + static_cast<long>(e.size()) > lim) {
        out += "\\\n";
        col = 0;
      }
      out += e;
      col += static_cast<long>(e.size());
    }
    out += '$';
    out += delim_;
    Text(o, out);
  }

  void QueueFile(const std::string& name) { append_.push_back({1, name}); }
  void DumpAppend() {
    for (auto& [kind, s] : append_) {
      if (kind == 0) {
        Text(*out_, s);
      } else if (kind == 1) {
        int fd = name_is_stdin(s) ? -1 : ::open(s.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        char buf[65536];
        long n;
        while ((n = mc::ReadSome(fd, buf, sizeof buf)) > 0) Text(*out_, std::string_view(buf, n));
        ::close(fd);
      } else {
        Line(*out_, s, rterm_);
      }
    }
    append_.clear();
    if (set_.unbuffered) Flush(*out_);
  }
  static bool name_is_stdin(const std::string& s) { return s == "/dev/stdin" && false; }

  void ReadRLine(const std::string& name) {
    RFile* rf = nullptr;
    for (auto& r : rfiles_)
      if (r->name == name) rf = r.get();
    if (!rf) {
      rfiles_.push_back(std::make_unique<RFile>());
      rf = rfiles_.back().get();
      rf->name = name;
      rf->fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
      if (rf->fd >= 0) rf->reader = std::make_unique<mc::LineReader>(rf->fd, delim_);
    }
    std::string_view v;
    bool t;
    if (rf->reader && rf->reader->Next(v, t)) {
      rterm_ = true;
      append_.push_back({2, std::string(v)});
    }
  }

  void EndCycleOutput() {
    if (!set_.quiet) Line(*out_, ps_, term_ || !IsLastForNewline());
    DumpAppend();
  }
  // A line without its newline keeps it only when it is the last of all input.
  bool IsLastForNewline() { return true; }

  int Loop() {
    if (files_.empty()) files_.push_back("-");
    OpenNext();
    bool reuse = false;
    for (;;) {
      if (!reuse) {
        if (!ReadLine(ps_)) break;
        replaced_ = false;
      }
      reuse = false;
      int quit = -1;
      bool autoprint = true;
      std::size_t pc = 0;
      const std::size_t n = prog_.cmds.size();
      while (pc < n) {
        Cmd& c = prog_.cmds[pc];
        if (!Matches(c)) {
          pc = c.op == '{' ? static_cast<std::size_t>(c.target) + 1 : pc + 1;
          continue;
        }
        ++pc;
        switch (c.op) {
          case '{': case '}': case ':': case '#': case 'v':
            break;
          case '=': {
            std::string s = std::to_string(line_) + "\n";
            Text(*out_, s);
            break;
          }
          case 'a':
            append_.push_back({0, c.text});
            break;
          case 'i':
            Text(*out_, c.text);
            break;
          case 'c':
            if (c.a2.kind == kNone || !c.active) Text(*out_, c.text);
            autoprint = false;
            pc = n;
            break;
          case 'b':
            pc = c.target < 0 ? n : static_cast<std::size_t>(c.target);
            break;
          case 't':
            if (replaced_) {
              replaced_ = false;
              pc = c.target < 0 ? n : static_cast<std::size_t>(c.target);
            }
            break;
          case 'T':
            if (!replaced_) pc = c.target < 0 ? n : static_cast<std::size_t>(c.target);
            else replaced_ = false;
            break;
          case 'd':
            autoprint = false;
            pc = n;
            break;
          case 'D': {
            std::size_t nl = ps_.find(delim_);
            if (nl == std::string::npos) {
              autoprint = false;
              pc = n;
            } else {
              ps_.erase(0, nl + 1);
              DumpAppend();
              reuse = true;
              autoprint = false;
              pc = n;
            }
            break;
          }
          case 'e':
            break;
          case 'F':
            Text(*out_, (cur_name_ == "-" ? std::string("-") : cur_name_) + "\n");
            break;
          case 'g':
            ps_ = hold_;
            term_ = hold_term_;
            break;
          case 'G':
            ps_ += delim_;
            ps_ += hold_;
            term_ = hold_term_;
            break;
          case 'h':
            hold_ = ps_;
            hold_term_ = term_;
            break;
          case 'H':
            hold_ += delim_;
            hold_ += ps_;
            hold_term_ = term_;
            break;
          case 'x':
            ps_.swap(hold_);
            std::swap(term_, hold_term_);
            break;
          case 'l':
            ListLine(*out_, c.num >= 0 ? c.num : set_.line_len);
            break;
          case 'n':
            if (IsLast() && !have_ahead_) {
              if (!set_.posix && false) {}
              quit = exit_status_;
              pc = n;
              break;
            }
            if (!set_.quiet) Line(*out_, ps_, term_);
            DumpAppend();
            if (!ReadLine(ps_)) {
              autoprint = false;
              quit = exit_status_;
              pc = n;
            }
            break;
          case 'N':
            if (IsLast() && !have_ahead_) {
              if (set_.posix || inv_.posixly_correct()) autoprint = false;
              quit = exit_status_;
              pc = n;
              break;
            }
            DumpAppend();
            ps_ += delim_;
            {
              std::string next;
              if (ReadLine(next)) ps_ += next;
            }
            break;
          case 'p':
            Line(*out_, ps_, term_);
            break;
          case 'P': {
            std::size_t nl = ps_.find(delim_);
            Line(*out_, std::string_view(ps_).substr(0, nl), nl != std::string::npos || term_);
            break;
          }
          case 'q':
            quit = c.num >= 0 ? static_cast<int>(c.num) : 0;
            pc = n;
            break;
          case 'Q':
            quit = c.num >= 0 ? static_cast<int>(c.num) : 0;
            autoprint = false;
            append_.clear();
            pc = n;
            break;
          case 'r':
            QueueFile(c.text);
            break;
          case 'R':
            ReadRLine(c.text);
            break;
          case 's': {
            const Subst& s = prog_.substs[c.sub];
            if (DoSubst(s)) {
              replaced_ = true;
              if (s.print) Line(*out_, ps_, term_);
              if (s.out >= 0) Line(OutFor(s.out), ps_, term_);
            }
            break;
          }
          case 'w':
            Line(OutFor(c.out), ps_, term_);
            break;
          case 'W': {
            std::size_t nl = ps_.find(delim_);
            Line(OutFor(c.out), std::string_view(ps_).substr(0, nl), true);
            break;
          }
          case 'y': {
            const std::string& m = prog_.ymaps[c.sub];
            for (char& ch : ps_) ch = m[static_cast<unsigned char>(ch)];
            break;
          }
          case 'z':
            ps_.clear();
            break;
          default:
            break;
        }
      }
      if (reuse) {
        if (!set_.quiet && autoprint) {}
        continue;
      }
      if (autoprint) {
        if (!set_.quiet) Line(*out_, ps_, term_);
      }
      DumpAppend();
      if (quit >= 0) {
        if (set_.in_place) {
          // GNU: the rest of the file is not copied; the edit is committed.
          FinishInPlace();
        }
        return quit ? quit : exit_status_;
      }
    }
    CloseCurrent();
    return exit_status_;
  }

  struct RFile {
    std::string name;
    int fd = -1;
    std::unique_ptr<mc::LineReader> reader;
    ~RFile() {
      if (fd >= 0) ::close(fd);
    }
  };

  mc::Invocation& inv_;
  const Settings& set_;
  Program& prog_;
  std::vector<std::string> files_;
  char delim_;
  OutFile stdout_, ip_out_;
  OutFile* out_;
  std::vector<std::unique_ptr<OutFile>> outs_;
  std::vector<std::unique_ptr<RFile>> rfiles_;
  std::size_t next_file_ = 0;
  int fd_ = -1;
  std::string cur_name_ = "-";
  std::unique_ptr<mc::LineReader> reader_;
  std::string ps_, hold_, ahead_, result_;
  bool term_ = true, hold_term_ = true, ahead_term_ = true, have_ahead_ = false, rterm_ = true;
  bool replaced_ = false;
  long line_ = 0;
  int exit_status_ = 0;
  int case_ = 0, one_ = 0;
  Regex* last_re_ = nullptr;
  std::vector<long> sub_;
  std::vector<std::pair<int, std::string>> append_;
  std::string ip_path_, ip_tmp_;
};

bool ReadScriptFile(mc::Invocation& inv, const std::string& name, std::string& out) {
  int fd = name == "-" ? inv.in_fd() : ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    mc::Warn(inv, "couldn't open file " + name + ": " + std::string(mc::ErrorText(errno)));
    return false;
  }
  char buf[65536];
  long n;
  while ((n = mc::ReadSome(fd, buf, sizeof buf)) > 0) out.append(buf, n);
  if (fd != inv.in_fd()) ::close(fd);
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return true;
}

}  // namespace

MC_APPLET(sed) {
  mc::cli::Parser p(inv);
  Settings set;
  std::vector<Source> srcs;
  int expr_no = 0;
  bool bad = false;
  p.Flag("-n,--quiet,--silent", set.quiet);
  p.Flag("-E,-r,--regexp-extended", set.extended);
  p.Flag("-s,--separate", set.separate);
  p.Flag("-z,--null-data", set.null_data);
  p.Flag("--posix", set.posix);
  p.Flag("-u,--unbuffered", set.unbuffered);
  p.Flag("--debug", set.debug);
  p.Flag("--follow-symlinks", set.follow_symlinks);
  p.OnValue("-e,--expression", [&](const std::string& v) {
    Source s;
    s.text = v;
    s.expr_no = ++expr_no;
    srcs.push_back(std::move(s));
  });
  p.OnValue("-f,--file", [&](const std::string& v) {
    Source s;
    s.is_file = true;
    s.name = v;
    if (!ReadScriptFile(inv, v, s.text)) {
      bad = true;
      p.Stop(kPanic);
    }
    srcs.push_back(std::move(s));
  });
  p.OnValue("-l,--line-length", [&](const std::string& v) {
    char* end = nullptr;
    errno = 0;
    long n = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || *end || errno || n < 0) {
      mc::Warn(inv, "invalid line length: " + v);  // never reached by valid input
      p.Stop(kBadProgram);
      return;
    }
    set.line_len = n;
  });
  p.OptionalValue("-i,--in-place", [&](std::optional<std::string_view> v) {
    set.in_place = true;
    set.separate = true;
    set.suffix = v ? std::string(*v) : std::string();
  });
  p.OnUsageError([&](std::string_view msg) {
    if (!msg.empty()) mc::Warn(inv, msg);
    std::string h = inv.help_text();
    mc::WriteAll(inv.err_fd(), h.data(), h.size());
    return kBadProgram;
  });
  std::vector<std::string> operands;
  if (auto rc = p.Parse(&operands)) return *rc;
  if (bad) return kPanic;
  if (srcs.empty()) {
    if (operands.empty()) {
      std::string h = inv.help_text();
      mc::WriteAll(inv.err_fd(), h.data(), h.size());
      return kBadProgram;
    }
    Source s;
    s.text = operands.front();
    s.expr_no = 1;
    srcs.push_back(std::move(s));
    operands.erase(operands.begin());
  }
  Program prog;
  try {
    Parser parser(inv, set, prog, srcs);
    parser.Run();
    if (parser.quiet_from_script) set.quiet = true;
  } catch (Fail& f) {
    return f.status;
  }
  inv.out().Flush();
  Runner r(inv, set, prog, std::move(operands));
  return r.Run();
}
