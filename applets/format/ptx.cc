/* @applet ptx
   @install usr/bin
   @help
Usage: ptx [OPTION]... [INPUT]...   (without -G)
  or:  ptx -G [OPTION]... [INPUT [OUTPUT]]
Output a permuted index, including context, of the words in the input files.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -A, --auto-reference           output automatically generated references
  -G, --traditional              behave more like System V 'ptx'
  -F, --flag-truncation=STRING   use STRING for flagging line truncations.
                                 The default is '/'
  -M, --macro-name=STRING        macro name to use instead of 'xx'
  -O, --format=roff              generate output as roff directives
  -R, --right-side-refs          put references at right, not counted in -w
  -S, --sentence-regexp=REGEXP   for end of lines or end of sentences
  -W, --word-regexp=REGEXP       use REGEXP to match each keyword
  -b, --break-file=FILE          word break characters in this FILE
  -f, --ignore-case              fold lower case to upper case for sorting
  -g, --gap-size=NUMBER          gap size in columns between output fields
  -i, --ignore-file=FILE         read ignore word list from FILE
  -o, --only-file=FILE           read only word list from this FILE
  -r, --references               first field of each line is a reference
  -t, --typeset-mode               - not implemented -
  -w, --width=NUMBER             output width in columns, reference excluded
      --help        display this help and exit
      --version     output version information and exit
*/
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/choice.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"
#include "applets/support/regex.h"
#include "registry/applet.h"

namespace {

bool White(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
unsigned char Upper(unsigned char c) { return (c >= 'a' && c <= 'z') ? c - 32 : c; }

struct Occurrence {
  std::size_t file;
  std::size_t key, size;     // the keyword in the file's text
  std::size_t left, right;   // its context: [left, right)
  std::size_t reference;     // line number (-A) or offset of the reference (-r)
};

struct Field {
  std::size_t start = 0, end = 0;
  std::size_t size() const { return end - start; }
};

struct Ptx {
  explicit Ptx(mc::Invocation& i) : inv(i) {}
  mc::Invocation& inv;
  bool gnu = true, auto_ref = false, input_ref = false, right_ref = false, fold = false;
  bool roff = false;
  std::string truncation = "/", macro = "xx";
  long width = 72, gap = 3;
  bool word[256] = {};
  // -S and -W (Emacs syntax, as GNU's re_compile_pattern).
  bool has_sentence = false, has_word_re = false;
  std::string sentence_str;
  mc::regex::Regex sentence_re, word_re;
  std::vector<std::string> names;  // as given ("-" is standard input)
  std::vector<std::string> texts;
  std::vector<std::size_t> line_counts;
  std::vector<std::string> ignore, only;
  bool has_ignore = false, has_only = false;
  std::vector<Occurrence> occ;
  std::size_t max_word = 0, ref_max = 0;

  int Compare(std::string_view a, std::string_view b) const {
    std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
      unsigned char x = a[i], y = b[i];
      if (fold) x = Upper(x), y = Upper(y);
      if (x != y) return x < y ? -1 : 1;
    }
    return a.size() < b.size() ? -1 : a.size() > b.size();
  }

  void SortTable(std::vector<std::string>& t) {
    std::sort(t.begin(), t.end(), [&](const std::string& a, const std::string& b) { return Compare(a, b) < 0; });
  }
  bool InTable(const std::vector<std::string>& t, std::string_view w) const {
    auto it = std::lower_bound(t.begin(), t.end(), w,
                               [&](const std::string& a, std::string_view b) { return Compare(a, b) < 0; });
    return it != t.end() && Compare(*it, w) == 0;
  }

  // Sentence ends (GNU mode): [.?!], closing brackets or quotes, then an
  // end of line, a tab or two spaces, and any white space after. Returns
  // the end of the first one in [from, end), or npos. -G or -r: a newline.
  std::size_t ContextEnd(const std::string& b, std::size_t from, std::size_t end) const {
    // GNU takes a match at the very start for an empty one, and stops.
    auto empty = [&](std::string_view re) {
      mc::Die(inv, "error: regular expression has a match of length zero: " + mc::QuoteC(re));
    };
    if (has_sentence) {
      if (sentence_str.empty()) return std::string::npos;
      mc::regex::Span m;
      if (!const_cast<mc::regex::Regex&>(sentence_re).Search(std::string_view(b.data() + from, end - from), 0, &m))
        return std::string::npos;
      if (m.begin == 0) empty(sentence_str);
      return from + m.end;
    }
    if (!gnu || input_ref) {
      std::size_t nl = b.find('\n', from);
      if (nl == from) empty("\n");
      return nl == std::string::npos || nl >= end ? std::string::npos : nl + 1;
    }
    for (std::size_t p = from; p < end; ++p) {
      char c = b[p];
      if (c != '.' && c != '?' && c != '!') continue;
      std::size_t q = p + 1;
      while (q < end && std::string_view("]\"')}").find(b[q]) != std::string_view::npos) ++q;
      if (q == end || b[q] == '\n') {
      } else if (b[q] == '\t') {
        ++q;
      } else if (b[q] == ' ' && q + 1 < end && b[q + 1] == ' ') {
        q += 2;
      } else {
        continue;
      }
      while (q < end && (b[q] == ' ' || b[q] == '\t' || b[q] == '\n')) ++q;
      if (p == from) empty("[.?!][]\"')}]*\\($\\|\t\\|  \\)[ \t\n]*");
      return q;
    }
    return std::string::npos;
  }

  void Find(std::size_t fi) {
    const std::string& b = texts[fi];
    std::size_t end = b.size(), cursor = 0;
    std::size_t line_scan = 0, line_start = 0, line_count = 0, ref_len = 0;
    if (input_ref) {
      while (line_scan < end && !White(b[line_scan])) ++line_scan;
      ref_len = line_scan;
    }
    while (cursor < end) {
      std::size_t context_start = cursor;
      std::size_t next = ContextEnd(b, cursor, end);
      if (next == std::string::npos) next = end;
      std::size_t context_end = next;
      while (context_end > cursor && White(b[context_end - 1])) --context_end;
      for (;;) {
        std::size_t scan = cursor, ws;
        if (has_word_re) {
          mc::regex::Span m;
          if (!word_re.Search(std::string_view(b.data() + cursor, context_end - cursor), 0, &m)) break;
          ws = cursor + m.begin;
          scan = cursor + m.end;
          if (scan == ws) {
            cursor = ws + 1;
            continue;
          }
        } else {
          while (scan < context_end && !word[static_cast<unsigned char>(b[scan])]) ++scan;
          if (scan == context_end) break;
          ws = scan;
          while (scan < context_end && word[static_cast<unsigned char>(b[scan])]) ++scan;
        }
        cursor = scan;
        std::size_t size = scan - ws;
        max_word = std::max(max_word, size);
        if (input_ref) {
          while (line_scan < ws) {
            if (b[line_scan] == '\n') {
              ++line_count;
              line_start = ++line_scan;
              while (line_scan < end && !White(b[line_scan])) ++line_scan;
              ref_len = line_scan - line_start;
            } else {
              ++line_scan;
            }
          }
          if (line_scan > ws) continue;
        }
        std::string_view w(b.data() + ws, size);
        if (has_ignore && InTable(ignore, w)) continue;
        if (has_only && !InTable(only, w)) continue;
        Occurrence o{fi, ws, size, 0, 0, 0};
        if (auto_ref) {
          while (line_scan < ws) {
            if (b[line_scan] == '\n') {
              ++line_count;
              line_start = ++line_scan;
              while (line_scan < end && !White(b[line_scan])) ++line_scan;
            } else {
              ++line_scan;
            }
          }
          o.reference = line_count;
        } else if (input_ref) {
          o.reference = line_start;
          ref_max = std::max(ref_max, ref_len);
        }
        if (input_ref && line_start == context_start) {
          while (context_start < context_end && !White(b[context_start])) ++context_start;
          while (context_start < context_end && White(b[context_start])) ++context_start;
        }
        o.left = context_start;
        o.right = context_end;
        occ.push_back(o);
      }
      cursor = next;
    }
  }

  void SkipSomething(const std::string& b, std::size_t& c, std::size_t limit) {
    if (has_word_re) {
      long n = word_re.MatchAt(std::string_view(b.data() + c, limit - c), 0);
      c += n > 0 ? static_cast<std::size_t>(n) : 1;
    } else if (word[static_cast<unsigned char>(b[c])])
      while (c < limit && word[static_cast<unsigned char>(b[c])]) ++c;
    else
      ++c;
  }

  void PrintField(std::string& out, const std::string& b, Field f) const {
    for (std::size_t i = f.start; i < f.end; ++i) {
      unsigned char c = b[i];
      if (White(c)) out += ' ';
      else if (roff && c == '"') out += "\"\"";
      else out += static_cast<char>(c);
    }
  }

  void Output(long line_width) {
    long half = line_width / 2;
    long before_max = half - gap, keyafter_max = half;
    long tl = static_cast<long>(truncation.size());
    if (gnu) {
      before_max = std::max(0L, before_max - 2 * tl);
      keyafter_max -= 2 * tl;
    } else {
      keyafter_max -= 2 * tl + 1;
    }
    bool trunc = !truncation.empty();
    std::string out;
    for (const Occurrence& o : occ) {
      const std::string& b = texts[o.file];
      auto white_back = [&](std::size_t& c, std::size_t start) {
        while (c > start && White(b[c - 1])) --c;
      };
      auto white = [&](std::size_t& c, std::size_t limit) {
        while (c < limit && White(b[c])) ++c;
      };
      Field keyafter{o.key, o.key + o.size}, before, tail, head, ref;
      std::size_t cursor = keyafter.end;
      auto within = [](std::size_t a, std::size_t base, long w) {
        return w >= 0 && a <= base + static_cast<std::size_t>(w);
      };
      while (cursor < o.right && within(cursor, keyafter.start, keyafter_max)) {
        keyafter.end = cursor;
        SkipSomething(b, cursor, o.right);
      }
      if (within(cursor, keyafter.start, keyafter_max)) keyafter.end = cursor;
      bool keyafter_trunc = trunc && keyafter.end < o.right;
      white_back(keyafter.end, keyafter.start);

      std::size_t left_field;
      std::size_t jump = static_cast<std::size_t>(half) + max_word;
      if (o.key - o.left > jump) {
        left_field = o.key - jump;
        SkipSomething(b, left_field, o.key);
      } else {
        left_field = o.left;
      }
      before.start = left_field;
      before.end = o.key;
      white_back(before.end, before.start);
      while (before.start + static_cast<std::size_t>(before_max) < before.end)
        SkipSomething(b, before.start, before.end);
      bool before_trunc = false;
      if (trunc) {
        std::size_t c = before.start;
        white_back(c, 0);
        before_trunc = c > o.left;
      }
      white(before.start, b.size());

      long tail_max = before_max - static_cast<long>(before.size()) - gap;
      bool tail_trunc = false;
      if (tail_max > 0) {
        tail.start = keyafter.end;
        white(tail.start, b.size());
        tail.end = tail.start;
        cursor = tail.end;
        while (cursor < o.right && cursor < tail.start + static_cast<std::size_t>(tail_max)) {
          tail.end = cursor;
          SkipSomething(b, cursor, o.right);
        }
        if (cursor < tail.start + static_cast<std::size_t>(tail_max)) tail.end = cursor;
        if (tail.end > tail.start) {
          keyafter_trunc = false;
          tail_trunc = trunc && tail.end < o.right;
        }
        white_back(tail.end, tail.start);
      }

      long head_max = keyafter_max - static_cast<long>(keyafter.size()) - gap;
      bool head_trunc = false;
      if (head_max > 0) {
        head.end = before.start;
        white_back(head.end, 0);
        head.start = left_field;
        while (head.start + static_cast<std::size_t>(head_max) < head.end)
          SkipSomething(b, head.start, head.end);
        if (head.end > head.start) {
          before_trunc = false;
          head_trunc = trunc && head.start > o.left;
        }
        white(head.start, head.end);
      }

      std::string ref_text;
      if (auto_ref) {
        ref_text = (names[o.file] == "-" ? std::string() : names[o.file]) + ":" +
                   std::to_string(o.reference + 1);
      } else if (input_ref) {
        std::size_t e = o.reference;
        while (e < o.right && !White(b[e])) ++e;
        ref_text.assign(b, o.reference, e - o.reference);
      }
      bool refs = auto_ref || input_ref;
      auto spaces = [&](long n) {
        if (n > 0) out.append(static_cast<std::size_t>(n), ' ');
      };
      auto raw = [&](std::string_view s) {
        for (unsigned char c : s) {
          if (White(c)) out += ' ';
          else if (roff && c == '"') out += "\"\"";
          else out += static_cast<char>(c);
        }
      };
      if (roff) {
        out += "." + macro + " \"";
        PrintField(out, b, tail);
        if (tail_trunc) out += truncation;
        out += "\" \"";
        if (before_trunc) out += truncation;
        PrintField(out, b, before);
        out += "\" \"";
        PrintField(out, b, keyafter);
        if (keyafter_trunc) out += truncation;
        out += "\" \"";
        if (head_trunc) out += truncation;
        PrintField(out, b, head);
        out += '"';
        if (refs) {
          out += " \"";
          raw(ref_text);
          out += '"';
        }
        out += '\n';
      } else {
        long rs = static_cast<long>(ref_text.size());
        if (!right_ref) {
          raw(ref_text);
          if (auto_ref) {
            out += ':';
            spaces(static_cast<long>(ref_max) + gap - rs - 1);
          } else {
            spaces(static_cast<long>(ref_max) + gap - rs);
          }
        }
        long bw = static_cast<long>(before.size()) + (before_trunc ? tl : 0);
        if (tail.start < tail.end) {
          PrintField(out, b, tail);
          if (tail_trunc) out += truncation;
          spaces(half - gap - bw - static_cast<long>(tail.size()) - (tail_trunc ? tl : 0));
        } else {
          spaces(half - gap - bw);
        }
        if (before_trunc) out += truncation;
        PrintField(out, b, before);
        spaces(gap);
        PrintField(out, b, keyafter);
        if (keyafter_trunc) out += truncation;
        long kw = static_cast<long>(keyafter.size()) + (keyafter_trunc ? tl : 0);
        if (head.start < head.end) {
          spaces(half - kw - static_cast<long>(head.size()) - (head_trunc ? tl : 0));
          if (head_trunc) out += truncation;
          PrintField(out, b, head);
        } else if (refs && right_ref) {
          spaces(half - kw);
        }
        if (refs && right_ref) {
          spaces(gap);
          raw(ref_text);
        }
        out += '\n';
      }
      inv.out().Write(out);
      out.clear();
    }
  }
};

// GNU's unescape_string for -F, -S and -W: C escapes (\xHH, \0OOO,
// \a \b \f \n \r \t \v); any other backslash stays with its character.
std::string Unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char e = s[++i];
    auto hex = [](char h) {
      return (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                                     : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
    };
    if (e == 'x' && i + 1 < s.size() && hex(s[i + 1]) >= 0) {
      int n = 0;
      for (int k = 0; k < 2 && i + 1 < s.size() && hex(s[i + 1]) >= 0; ++k) n = n * 16 + hex(s[++i]);
      out += static_cast<char>(n);
    } else if (e == '0') {
      int n = 0;
      for (int k = 0; k < 3 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7'; ++k)
        n = n * 8 + (s[++i] - '0');
      out += static_cast<char>(n);
    } else if (const char* pos = e ? std::strchr("abfnrtv", e) : nullptr) {
      out += "\a\b\f\n\r\t\v"[pos - "abfnrtv"];
    } else {
      out += '\\';
      out += e;
    }
  }
  return out;
}

// Reads all of a file ("-": standard input); dies as GNU does on failure.
std::string Slurp(mc::Invocation& inv, const std::string& name) {
  int fd = name == "-" ? 0 : ::open(name.c_str(), O_RDONLY);
  if (fd < 0) mc::DieErrno(inv, mc::QuoteName(name), errno);
  std::string text;
  char buf[65536];
  for (;;) {
    long n = mc::ReadSome(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) mc::DieErrno(inv, mc::QuoteName(name), errno);
    text.append(buf, static_cast<std::size_t>(n));
  }
  if (fd != 0) ::close(fd);
  return text;
}

// A word list: one word a line, empty lines skipped.
std::vector<std::string> WordFile(mc::Invocation& inv, const std::string& name) {
  std::string text = Slurp(inv, name);
  std::vector<std::string> words;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    if (nl > pos) words.emplace_back(text, pos, nl - pos);
    pos = nl + 1;
  }
  return words;
}

}  // namespace

MC_APPLET(ptx) {
  Ptx x(inv);
  std::string break_file, ignore_file, only_file, format;
  bool have_break = false;
  mc::cli::Parser p(inv);
  p.Flag("-A,--auto-reference", x.auto_ref);
  p.OnFlag("-G,--traditional", [&] { x.gnu = false; });
  p.OnValue("-F,--flag-truncation", [&](const std::string& v) { x.truncation = Unescape(v); });
  p.Value("-M,--macro-name", x.macro);
  p.OnFlag("-O", [&] { format = "roff"; });
  p.OnValue("--format", [&](const std::string& v) {
    static constexpr mc::Choice kFormats[] = {{"roff", 0}, {"tex", 1}};
    auto f = mc::ArgMatch(inv, v, "--format", kFormats);
    if (!f) {
      p.Stop(mc::UsageError(inv, ""));
      return;
    }
    format = *f ? "tex" : "roff";
  });
  p.OnFlag("-T", [&] { format = "tex"; });
  p.Flag("-R,--right-side-refs", x.right_ref);
  std::string word_str;
  p.OnValue("-S,--sentence-regexp", [&](const std::string& v) {
    x.has_sentence = true;
    x.sentence_str = Unescape(v);
  });
  p.OnValue("-W,--word-regexp", [&](const std::string& v) {
    x.has_word_re = !v.empty();
    word_str = Unescape(v);
  });
  p.OnValue("-b,--break-file", [&](const std::string& v) {
    break_file = v;
    have_break = true;
  });
  p.Flag("-f,--ignore-case", x.fold);
  p.OnValue("-g,--gap-size", [&](const std::string& v) {
    std::uintmax_t n = 0;
    if (mc::ParseUnsigned(v, n) != mc::NumError::kOk || n == 0 || n > 0x7fffffff)
      mc::Die(inv, "invalid gap width: " + mc::QuoteC(v));
    x.gap = static_cast<long>(n);
  });
  p.OnValue("-i,--ignore-file", [&](const std::string& v) {
    ignore_file = v;
    x.has_ignore = true;
  });
  p.OnValue("-o,--only-file", [&](const std::string& v) {
    only_file = v;
    x.has_only = true;
  });
  p.Flag("-r,--references", x.input_ref);
  p.OnFlag("-t,--typeset-mode", [] {});
  p.OnValue("-w,--width", [&](const std::string& v) {
    std::uintmax_t n = 0;
    if (mc::ParseUnsigned(v, n) != mc::NumError::kOk || n == 0 || n > 0x7fffffff)
      mc::Die(inv, "invalid line width: " + mc::QuoteC(v));
    x.width = static_cast<long>(n);
  });
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;
  if (format == "tex") mc::Die(inv, "TeX output (-T, --format=tex) is not supported");
  x.roff = format == "roff" || (format.empty() && !x.gnu);
  if (!x.gnu && files.size() > 2) return mc::UsageError(inv, "extra operand " + mc::Quote(files[2]));
  std::string output;
  if (!x.gnu && files.size() == 2) {
    output = files[1];
    files.pop_back();
  }
  if (files.empty()) files.emplace_back("-");

  mc::regex::Options ro;
  ro.syntax = mc::regex::Syntax::kEmacs;
  ro.newline_anchor = true;
  ro.icase = x.fold;
  if (x.has_sentence && !x.sentence_str.empty()) {
    std::string err = x.sentence_re.Compile(x.sentence_str, ro);
    if (!err.empty()) mc::Die(inv, err + " (for regexp " + mc::QuoteC(x.sentence_str) + ")");
  }
  if (x.has_word_re) {
    std::string err = x.word_re.Compile(word_str, ro);
    if (!err.empty()) mc::Die(inv, err + " (for regexp " + mc::QuoteC(word_str) + ")");
  }
  if (have_break) {
    std::string b = Slurp(inv, break_file);
    for (bool& w : x.word) w = true;
    for (unsigned char c : b) x.word[c] = false;
    if (!x.gnu) x.word[' '] = x.word['\t'] = x.word['\n'] = false;
  } else if (x.gnu) {
    for (int c = 0; c < 256; ++c) x.word[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  } else {
    for (bool& w : x.word) w = true;
    x.word[' '] = x.word['\t'] = x.word['\n'] = false;
  }
  if (x.has_ignore) {
    x.ignore = WordFile(inv, ignore_file);
    x.SortTable(x.ignore);
  }
  if (x.has_only) {
    x.only = WordFile(inv, only_file);
    x.SortTable(x.only);
  }
  for (const std::string& f : files) {
    x.names.push_back(f);
    x.texts.push_back(Slurp(inv, f));
    const std::string& t = x.texts.back();
    x.line_counts.push_back(static_cast<std::size_t>(std::count(t.begin(), t.end(), '\n')));
    x.Find(x.texts.size() - 1);
  }
  std::stable_sort(x.occ.begin(), x.occ.end(), [&](const Occurrence& a, const Occurrence& b) {
    int c = x.Compare(std::string_view(x.texts[a.file]).substr(a.key, a.size),
                      std::string_view(x.texts[b.file]).substr(b.key, b.size));
    return c < 0;
  });
  long line_width = x.width;
  if (x.auto_ref) {
    x.ref_max = 0;
    for (std::size_t i = 0; i < x.names.size(); ++i) {
      std::size_t ordinal = x.line_counts[i] + 1 - (x.input_ref ? 1 : 0);
      std::size_t w = (x.names[i] == "-" ? 0 : x.names[i].size()) + std::to_string(ordinal).size() + 1;
      x.ref_max = std::max(x.ref_max, w);
    }
  }
  if ((x.auto_ref || x.input_ref) && !x.right_ref)
    line_width -= static_cast<long>(x.ref_max) + x.gap;
  if (line_width < 0) line_width = 0;
  if (!output.empty()) {
    int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0) mc::DieErrno(inv, mc::QuoteName(output), errno);
    if (fd != 1) {
      ::dup2(fd, 1);
      ::close(fd);
    }
  }
  x.Output(line_width);
  return 0;
}
