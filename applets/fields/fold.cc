/* @applet fold
   @help
Usage: fold [OPTION]... [FILE]...
Wrap input lines in each FILE, writing to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -b, --bytes         count bytes rather than columns
  -s, --spaces        break at spaces
  -w, --width=WIDTH   use WIDTH columns instead of 80
      --help        display this help and exit
      --version     output version information and exit
*/
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

constexpr std::uint64_t kTab = 8;

// Folds records that arrive in pieces (mc::LineReader::NextPiece): the
// state of the current output line carries from piece to piece, so a line
// of any length folds in memory bounded by the width.
struct Folder {
  std::uint64_t width;
  bool bytes, spaces;

  // The current output line: its column; whether anything is on it; with
  // -s, its bytes not yet written (a later blank may still break it).
  std::uint64_t col = 0;
  bool nonempty = false;
  std::string buf;

  std::uint64_t Advance(std::uint64_t c0, unsigned char c) const {
    if (bytes) return c0 + 1;
    switch (c) {
      case '\b': return c0 > 0 ? c0 - 1 : 0;
      case '\r': return 0;
      case '\t': return c0 + kTab - c0 % kTab;
      default: return c0 + 1;
    }
  }

  static bool Blank(char c) { return c == ' ' || c == '\t'; }

  // Whether every byte of s takes exactly one column.
  bool Plain(std::string_view s) const {
    if (bytes) return true;
    for (char c : s)
      if (c == '\t' || c == '\b' || c == '\r') return false;
    return true;
  }

  void Piece(mc::Output& out, std::string_view s) {
    if (spaces) {
      if (Plain(s)) HeldPlain(out, s);
      else HeldGeneral(out, s);
    } else {
      if (Plain(s)) DirectPlain(out, s);
      else DirectGeneral(out, s);
    }
  }

  void End(mc::Output& out, bool terminated) {
    out.Write(buf);
    buf.clear();
    if (terminated) out.Put('\n');
    col = 0;
    nonempty = false;
  }

  // Without -s nothing is held: a newline goes before a byte that would
  // pass the width, unless it is the first on its line.
  void DirectPlain(mc::Output& out, std::string_view s) {
    while (!s.empty()) {
      if (col >= width) {  // col > 0, so the line is not empty
        out.Put('\n');
        col = 0;
      }
      const std::uint64_t room = width - col;
      const std::size_t take = room < s.size() ? static_cast<std::size_t>(room) : s.size();
      out.Write(s.substr(0, take));
      col += take;
      nonempty = true;
      s.remove_prefix(take);
    }
  }

  void DirectGeneral(mc::Output& out, std::string_view s) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      std::uint64_t next = Advance(col, c);
      if (next > width && nonempty) {
        out.Write(s.substr(run, i - run));
        run = i;
        out.Put('\n');
        next = Advance(0, c);  // alone on its line it stays, however wide
      }
      col = next;
      nonempty = true;
    }
    out.Write(s.substr(run));
  }

  // With -s: the line so far is held in buf; when a byte would pass the
  // width, the line is cut after its last blank (or, without one, before
  // the byte).
  void Break(mc::Output& out) {
    std::size_t k = buf.size();
    while (k > 0 && !Blank(buf[k - 1])) --k;
    if (k == 0) k = buf.size();
    out.Write(std::string_view(buf).substr(0, k));
    out.Put('\n');
    buf.erase(0, k);
    col = 0;
    for (char b : buf) col = Advance(col, static_cast<unsigned char>(b));
  }

  void HeldPlain(mc::Output& out, std::string_view s) {
    while (!s.empty()) {
      if (col >= width) {  // the next byte passes the width; buf is not empty
        Break(out);
        continue;
      }
      const std::uint64_t room = width - col;
      const std::size_t take = room < s.size() ? static_cast<std::size_t>(room) : s.size();
      buf.append(s.substr(0, take));
      col += take;
      s.remove_prefix(take);
    }
  }

  // Column by column as GNU fold counts them.
  void HeldGeneral(mc::Output& out, std::string_view s) {
    for (char ch : s) {
      const unsigned char c = static_cast<unsigned char>(ch);
      for (;;) {
        col = Advance(col, c);
        if (col <= width) break;
        std::size_t k = buf.size();
        while (k > 0 && !Blank(buf[k - 1])) --k;
        if (k > 0) {
          out.Write(std::string_view(buf).substr(0, k));
          out.Put('\n');
          buf.erase(0, k);
          col = 0;
          for (char b : buf) col = Advance(col, static_cast<unsigned char>(b));
          continue;  // count c again
        }
        if (buf.empty()) break;  // c alone is too wide: keep it
        out.Write(buf);
        out.Put('\n');
        buf.clear();
        col = 0;
      }
      buf.push_back(ch);
    }
  }
};

}  // namespace

MC_APPLET(fold) {
  Folder f{80, false, false, 0, false, {}};
  // Each -w is checked as it is seen (GNU does), so "-w x -w 3" fails; the
  // first bad value is reported after parsing.
  std::optional<std::string> error;
  mc::cli::Parser p(inv);
  p.Flag("-b,--bytes", f.bytes);
  p.Flag("-s,--spaces", f.spaces);
  p.OnValue("-w,--width", [&](const std::string& v) {
    if (error) return;
    std::uintmax_t w;
    mc::NumError e = mc::ParseUnsigned(v, w);
    const std::uintmax_t max = SIZE_MAX - kTab - 1;
    std::string msg = "invalid number of columns: " + mc::Quote(v);
    if (e == mc::NumError::kInvalid) error = msg;
    else if (e == mc::NumError::kOverflow || w > max) error = msg + ": Value too large for defined data type";
    else if (w == 0) error = msg + ": Numerical result out of range";
    else f.width = w;
  });
  // The obsolete -DIGITS form means --width=DIGITS.
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
    if (s == "--") done = true;
    if (s.size() > 1 && s[0] == '-' && s.find_first_not_of("0123456789", 1) == std::string::npos) {
      s = "--width=" + s.substr(1);
    } else if (s.size() > 2 && s[0] == '-' && s[1] == '-') {
      value_next = s.find('=') == std::string::npos && std::string("--width").rfind(s, 0) == 0;
    } else if (s.size() > 1 && s[0] == '-') {
      // A short cluster whose -w takes the next argument.
      value_next = s.find_first_not_of("bs", 1) == s.size() - 1 && s.back() == 'w';
    }
    args.push_back(std::move(s));
  }
  std::vector<std::string> files;
  if (auto rc = p.Parse(args, &files)) return *rc;
  if (error) {
    mc::Warn(inv, *error);
    return 1;
  }
  if (files.empty()) files.push_back("-");

  mc::Output& out = inv.out();
  return mc::ForEachInputRecords(inv, files, '\n', [&](mc::LineReader& reader) {
    std::string_view piece;
    bool last, terminated;
    while (reader.NextPiece(piece, last, terminated)) {
      f.Piece(out, piece);
      if (last) f.End(out, terminated);
    }
    return true;
  });
}
