/* @applet fmt
   @help
Usage: fmt [-WIDTH] [OPTION]... [FILE]...
Reformat each paragraph in the FILE(s), writing to standard output.
The option -WIDTH is an abbreviated form of --width=DIGITS.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -c, --crown-margin        preserve indentation of first two lines
  -p, --prefix=STRING       reformat only lines beginning with STRING,
                              reattaching the prefix to reformatted lines
  -s, --split-only          split long lines, but do not refill
  -t, --tagged-paragraph    indentation of first line different from second
  -u, --uniform-spacing     one space between words, two after sentences
  -w, --width=WIDTH         maximum line width (default of 75 columns)
  -g, --goal=WIDTH          goal width (default of 93% of width)
      --help        display this help and exit
      --version     output version information and exit
*/
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"
#include "registry/applet.h"

namespace {

// Costs of the line-breaking search (squared "badness" units), as GNU fmt
// documents its method: short lines, ragged right edges, widows and orphans
// cost; breaking after a sentence or punctuation, or before a parenthesis,
// earns a bonus.
using Cost = std::int64_t;
constexpr Cost kMaxCost = INT64_MAX;
constexpr Cost Equiv(Cost n) { return n * n; }
constexpr Cost ShortCost(Cost n) { return Equiv(n * 10); }
constexpr Cost RaggedCost(Cost n) { return ShortCost(n) / 2; }
constexpr Cost kLineCost = Equiv(70);
constexpr Cost WidowCost(Cost n) { return Equiv(200) / (n + 2); }
constexpr Cost OrphanCost(Cost n) { return Equiv(150) / (n + 2); }
constexpr Cost kSentenceBonus = Equiv(50);
constexpr Cost kNoBreakCost = Equiv(600);
constexpr Cost kParenBonus = Equiv(40);
constexpr Cost kPunctBonus = Equiv(40);
// Credit per line for cutting a full buffer one line later (GNU's
// LINE_CREDIT).
constexpr Cost kLineCredit = Equiv(3);
constexpr int kTabWidth = 8;
constexpr std::uintmax_t kMaxWidth = 2500;
// GNU fmt's paragraph buffer: when a paragraph outgrows it, the lines up to
// a cheap break near the end are output and the rest carried on.
constexpr std::size_t kMaxWords = 1000;
constexpr std::size_t kMaxChars = 5000;

struct Word {
  std::size_t text = 0;  // offset in the paragraph's text buffer
  int length = 0;
  int space = 0;  // columns after the word
  bool paren = false, period = false, punct = false, final = false;
  int line_length = 0;
  Cost best_cost = 0;
  std::size_t next_break = 0;
};

struct Fmt {
  mc::Output& out;
  int max_width = 75, goal_width = 0;
  bool crown = false, tagged = false, split = false, uniform = false;
  std::string prefix;  // without leading and trailing blanks
  int prefix_lead_indent = 0, prefix_full_length = 0;
  bool tabs = false;

  // The current input line, which arrives in pieces
  // (mc::LineReader::NextPiece): `line` is the current piece.
  mc::LineReader* reader = nullptr;
  std::string_view line;
  bool have_line = false, line_terminated = false, piece_last = true;
  std::size_t pos = 0;       // next unread byte of the piece
  int in_column = 0;
  int next_prefix_indent = 0;

  // The paragraph.
  std::string text;
  std::vector<Word> words;
  int prefix_indent = 0, first_indent = 0, other_indent = 0;
  int last_line_length = 0;
  int out_column = 0;

  explicit Fmt(mc::Output& o) : out(o) {}

  // ---- input: c is the byte at pos, or '\n' at the end of a terminated
  // line, or EOF (-1) at the end of the input.
  int Char() {
    while (pos == line.size() && !piece_last) NextPiece();
    if (pos < line.size()) return static_cast<unsigned char>(line[pos]);
    return line_terminated ? '\n' : -1;
  }
  void NextPiece() {
    bool last = true, terminated = false;
    if (!reader->NextPiece(line, last, terminated)) line = {};
    piece_last = last;
    line_terminated = terminated;
    pos = 0;
  }
  // Moves to the next line; have_line is false at the end of the input.
  void NextLine() {
    while (!piece_last) NextPiece();  // the rest of the line, if unread
    bool last = true, terminated = false;
    have_line = reader->NextPiece(line, last, terminated);
    if (!have_line) line = {};
    piece_last = last;
    line_terminated = terminated;
    pos = 0;
  }

  void SkipSpace() {
    for (;;) {
      int c = Char();
      if (c == ' ') {
        ++in_column;
      } else if (c == '\t') {
        tabs = true;
        in_column = (in_column / kTabWidth + 1) * kTabWidth;
      } else {
        return;
      }
      ++pos;
    }
  }

  // Reads the indentation and prefix of the current line.
  void GetPrefix() {
    pos = 0;
    in_column = 0;
    SkipSpace();
    if (prefix.empty()) {
      next_prefix_indent = prefix_lead_indent < in_column ? prefix_lead_indent : in_column;
      return;
    }
    next_prefix_indent = in_column;
    for (char pc : prefix) {
      if (Char() != static_cast<unsigned char>(pc)) return;
      ++in_column;
      ++pos;
    }
    SkipSpace();
  }

  bool SamePara() {
    int c = Char();
    return have_line && next_prefix_indent == prefix_indent &&
           in_column >= next_prefix_indent + prefix_full_length && c != '\n' && c != -1;
  }

  // ---- output
  void PutSpace(int space) {
    const int target = out_column + space;
    if (tabs) {
      const int tab_target = target / kTabWidth * kTabWidth;
      if (out_column + 1 < tab_target) {
        while (out_column < tab_target) {
          out.Put('\t');
          out_column = (out_column / kTabWidth + 1) * kTabWidth;
        }
      }
    }
    while (out_column < target) {
      out.Put(' ');
      ++out_column;
    }
  }

  // A line that is not part of a paragraph, copied.
  void CopyRest() {
    out_column = 0;
    int c = Char();
    if (in_column > next_prefix_indent || (c != '\n' && c != -1)) {
      PutSpace(next_prefix_indent);
      for (std::size_t k = 0; out_column != in_column && k < prefix.size(); ++k, ++out_column)
        out.Put(prefix[k]);
      if (c != -1 && c != '\n') PutSpace(in_column - out_column);
      if (c == -1 && in_column >= next_prefix_indent + static_cast<int>(prefix.size()))
        out.Put('\n');
    }
    out.Write(line.substr(pos < line.size() ? pos : line.size()));
    while (!piece_last) {
      NextPiece();
      out.Write(line);
    }
    pos = line.size();
  }

  static bool IsSpace(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

  void CheckPunctuation(Word& w) const {
    const char* start = text.data() + w.text;
    const char* finish = start + (w.length - 1);
    const unsigned char fin = static_cast<unsigned char>(*finish);
    // The three character sets are tested with strchr() as in GNU fmt, so
    // a NUL byte counts as an opening, a closing and a sentence-ending mark.
    w.paren = std::strchr("(['`\"", *start) != nullptr;
    w.punct = (fin >= 33 && fin <= 47) || (fin >= 58 && fin <= 64) || (fin >= 91 && fin <= 96) ||
              (fin >= 123 && fin <= 126);
    while (start < finish && std::strchr(")]'\"", *finish) != nullptr) --finish;
    w.period = std::strchr(".?!", *finish) != nullptr;
  }

  // Splits the rest of the current line into words.
  void GetLine() {
    int c = Char();
    do {
      Word w;
      w.text = text.size();
      do {
        if (text.size() == kMaxChars) {
          SetOtherIndent(true);
          Flush(&w);
        }
        text.push_back(static_cast<char>(c));
        ++pos;
        c = Char();
      } while (c != -1 && !IsSpace(c));
      w.length = static_cast<int>(text.size() - w.text);
      in_column += w.length;
      CheckPunctuation(w);
      const int start = in_column;
      SkipSpace();
      c = Char();
      w.space = in_column - start;
      w.final = c == -1 || (w.period && (c == '\n' || w.space > 1));
      if (c == '\n' || c == -1 || uniform) w.space = w.final ? 2 : 1;
      // As GNU fmt, the table is flushed when the word being read would be
      // number kMaxWords - 1 (one slot stays free for the end sentinel).
      if (words.size() == kMaxWords - 2) {
        SetOtherIndent(true);
        Flush(&w);
      }
      words.push_back(w);
    } while (c != '\n' && c != -1);
  }

  void SetOtherIndent(bool same) {
    if (split) {
      other_indent = first_indent;
    } else if (crown) {
      other_indent = same ? in_column : first_indent;
    } else if (tagged) {
      // A lone line keeps the previous secondary indent unless that would
      // equal the first line's.
      if (same && in_column != first_indent) other_indent = in_column;
      else if (other_indent == first_indent) other_indent = first_indent == 0 ? 3 : 0;
    } else {
      other_indent = first_indent;
    }
  }

  // ---- line breaking
  Cost BaseCost(std::size_t i) const {
    Cost cost = kLineCost;
    if (i > 0) {
      const Word& prev = words[i - 1];
      if (prev.period) {
        if (prev.final) cost -= kSentenceBonus;
        else cost += kNoBreakCost;
      } else if (prev.punct) {
        cost -= kPunctBonus;
      } else if (i > 1 && words[i - 2].final) {
        cost += WidowCost(prev.length);
      }
    }
    if (words[i].paren) cost -= kParenBonus;
    else if (words[i].final) cost += OrphanCost(words[i].length);
    return cost;
  }

  Cost LineCost(std::size_t next, int len, std::size_t limit) const {
    if (next == limit) return 0;
    Cost cost = ShortCost(goal_width - len);
    if (words[next].next_break != limit) cost += RaggedCost(len - words[next].line_length);
    return cost;
  }

  void FormatParagraph() {
    const std::size_t limit = words.size();
    words.push_back(Word());  // sentinel
    words[limit].best_cost = 0;
    words[limit].length = max_width;
    for (std::size_t start = limit; start-- > 0;) {
      Cost best = kMaxCost;
      int len = start == 0 ? first_indent : other_indent;
      std::size_t w = start;
      len += words[w].length;
      do {
        ++w;
        Cost wcost = LineCost(w, len, limit) + words[w].best_cost;
        if (start == 0 && last_line_length > 0) wcost += RaggedCost(len - last_line_length);
        if (wcost < best) {
          best = wcost;
          words[start].next_break = w;
          words[start].line_length = len;
        }
        if (w == limit) break;
        len += words[w - 1].space + words[w].length;
      } while (len < max_width);
      words[start].best_cost = best + BaseCost(start);
    }
    words.pop_back();
  }

  void PutLine(std::size_t w, int indent) {
    out_column = 0;
    PutSpace(prefix_indent);
    out.Write(prefix);
    out_column += static_cast<int>(prefix.size());
    PutSpace(indent - out_column);
    const std::size_t end = words[w].next_break - 1;
    for (; w != end; ++w) {
      out.Write(std::string_view(text).substr(words[w].text, words[w].length));
      out_column += words[w].length;
      PutSpace(words[w].space);
    }
    out.Write(std::string_view(text).substr(words[w].text, words[w].length));
    out_column += words[w].length;
    last_line_length = out_column;
    out.Put('\n');
  }

  void PutParagraph(std::size_t finish) {
    PutLine(0, first_indent);
    for (std::size_t w = words[0].next_break; w != finish; w = words[w].next_break)
      PutLine(w, other_indent);
  }
  void PutParagraph() { PutParagraph(words.size()); }

  // The buffer is full: output up to a good break and keep the rest.
  // *pending is the word being read (not in `words` yet).
  void Flush(Word* pending) {
    if (words.empty()) {
      out.Write(text);
      text.clear();
      pending->text = 0;
      return;
    }
    FormatParagraph();
    const std::size_t limit = words.size();
    auto best_of = [&](std::size_t i) { return i == limit ? 0 : words[i].best_cost; };
    std::size_t split = limit;
    Cost best_break = kMaxCost;
    for (std::size_t w = words[0].next_break; w != limit; w = words[w].next_break) {
      const Cost c = words[w].best_cost - best_of(words[w].next_break);
      if (c < best_break) {
        split = w;
        best_break = c;
      }
      if (best_break <= kMaxCost - kLineCredit) best_break += kLineCredit;
    }
    PutParagraph(split);
    const std::size_t shift = split == limit ? pending->text : words[split].text;
    text.erase(0, shift);
    words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(split));
    for (Word& w : words) w.text -= shift;
    pending->text -= shift;
  }
};

}  // namespace

MC_APPLET(fmt) {
  std::optional<std::string> width_arg, goal_arg;
  std::string prefix_arg;
  bool have_prefix = false;
  mc::cli::Parser p(inv);
  Fmt f(inv.out());
  p.Flag("-c,--crown-margin", f.crown);
  p.OnValue("-p,--prefix", [&](const std::string& v) {
    prefix_arg = v;
    have_prefix = true;
  });
  p.Flag("-s,--split-only", f.split);
  p.Flag("-t,--tagged-paragraph", f.tagged);
  p.Flag("-u,--uniform-spacing", f.uniform);
  p.OnValue("-w,--width", [&](const std::string& v) { width_arg = v; });
  p.OnValue("-g,--goal", [&](const std::string& v) { goal_arg = v; });
  // -WIDTH as the first argument.
  std::vector<std::string> args(inv.args().begin(), inv.args().end());
  if (!args.empty() && args[0].size() > 1 && args[0][0] == '-' &&
      args[0].find_first_not_of("0123456789", 1) == std::string::npos) {
    args[0] = "--width=" + args[0].substr(1);
  }
  std::vector<std::string> files;
  if (auto rc = p.Parse(args, &files)) return *rc;

  auto width_value = [&](const std::string& v, std::uintmax_t max, int& out) -> bool {
    std::uintmax_t n;
    mc::NumError e = mc::ParseUnsigned(v, n);
    std::string msg = "invalid width: " + mc::Quote(v);
    if (e == mc::NumError::kInvalid) {
      mc::Warn(inv, msg);
      return false;
    }
    if (e == mc::NumError::kOverflow || n > UINT32_MAX) {
      mc::Warn(inv, msg + ": Value too large for defined data type");
      return false;
    }
    if (n > max) {
      mc::Warn(inv, msg + ": Numerical result out of range");
      return false;
    }
    out = static_cast<int>(n);
    return true;
  };
  if (width_arg && !width_value(*width_arg, kMaxWidth, f.max_width)) return 1;
  if (goal_arg) {
    if (!width_value(*goal_arg, static_cast<std::uintmax_t>(f.max_width), f.goal_width)) return 1;
    if (!width_arg) f.max_width = f.goal_width + 10;
  } else {
    f.goal_width = f.max_width * (2 * (100 - 7) + 1) / 200;
  }
  if (have_prefix) {
    std::string_view s = prefix_arg;
    while (!s.empty() && s.front() == ' ') {
      ++f.prefix_lead_indent;
      s.remove_prefix(1);
    }
    f.prefix_full_length = static_cast<int>(s.size());
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    f.prefix = std::string(s);
  }
  if (files.empty()) files.push_back("-");

  int status = 0;
  for (const auto& name : files) {
    int fd = inv.in_fd();
    if (name != "-") {
      do fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
      while (fd < 0 && errno == EINTR);
      if (fd < 0) {
        mc::Warn(inv, "cannot open " + mc::Quote(name) + " for reading: " +
                          std::string(mc::ErrorText(errno)));
        status = 1;
        continue;
      }
    }
    mc::LineReader reader(fd, '\n');
    f.reader = &reader;
    f.piece_last = true;
    auto next_line = [&]() {
      f.NextLine();
      f.GetPrefix();
    };
    // Lines are views into the reader's buffer: a paragraph copies its
    // words into f.text before the next piece is read.
    next_line();
    for (;;) {
      // Lines that are blank or lack the prefix are copied.
      bool done = false;
      while (!f.have_line || f.Char() == '\n' || f.Char() == -1 ||
             f.next_prefix_indent < f.prefix_lead_indent ||
             f.in_column < f.next_prefix_indent + f.prefix_full_length) {
        if (!f.have_line) {
          done = true;
          break;
        }
        f.CopyRest();
        if (f.line_terminated) f.out.Put('\n');
        next_line();
      }
      if (done) break;
      f.prefix_indent = f.next_prefix_indent;
      f.first_indent = f.in_column;
      f.text.clear();
      f.words.clear();
      f.last_line_length = 0;
      f.GetLine();
      next_line();
      f.SetOtherIndent(f.SamePara());
      if (f.split) {
      } else if (f.crown) {
        if (f.SamePara()) {
          do {
            f.GetLine();
            next_line();
          } while (f.SamePara() && f.in_column == f.other_indent);
        }
      } else if (f.tagged) {
        if (f.SamePara() && f.in_column != f.first_indent) {
          do {
            f.GetLine();
            next_line();
          } while (f.SamePara() && f.in_column == f.other_indent);
        }
      } else {
        while (f.SamePara() && f.in_column == f.other_indent) {
          f.GetLine();
          next_line();
        }
      }
      f.words.back().period = f.words.back().final = true;
      f.FormatParagraph();
      f.PutParagraph();
    }
    if (reader.error() != 0) {
      mc::Warn(inv, "read error");  // GNU fmt names no file here
      status = 1;
    }
    mc::CloseInput(inv, fd);
  }
  return status;
}
