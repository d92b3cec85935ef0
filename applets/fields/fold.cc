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

struct Folder {
  std::uint64_t width;
  bool bytes, spaces;

  std::uint64_t Advance(std::uint64_t col, unsigned char c) const {
    if (bytes) return col + 1;
    switch (c) {
      case '\b': return col > 0 ? col - 1 : 0;
      case '\r': return 0;
      case '\t': return col + kTab - col % kTab;
      default: return col + 1;
    }
  }

  static bool Blank(char c) { return c == ' ' || c == '\t'; }

  // A line whose bytes each take one column: cut every `width` bytes (at
  // the last blank with -s).
  void Simple(mc::Output& out, std::string_view line) const {
    while (line.size() > width) {
      std::size_t take = static_cast<std::size_t>(width);
      if (spaces) {
        std::size_t k = take;
        while (k > 0 && !Blank(line[k - 1])) --k;
        if (k > 0) take = k;
      }
      out.Write(line.substr(0, take));
      out.Put('\n');
      line.remove_prefix(take);
    }
    out.Write(line);
  }

  // Any line, column by column as GNU fold counts them.
  void General(mc::Output& out, std::string_view line, std::string& buf) const {
    buf.clear();
    std::uint64_t col = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(line[i]);
      for (;;) {
        col = Advance(col, c);
        if (col <= width) break;
        if (spaces) {
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
        }
        if (buf.empty()) break;  // c alone is too wide: keep it
        out.Write(buf);
        out.Put('\n');
        buf.clear();
        col = 0;
      }
      buf.push_back(static_cast<char>(c));
    }
    out.Write(buf);
  }

  void Line(mc::Output& out, std::string_view line, std::string& buf) const {
    bool simple = true;
    if (!bytes) {
      for (char c : line) {
        if (c == '\t' || c == '\b' || c == '\r') {
          simple = false;
          break;
        }
      }
    }
    if (simple) Simple(out, line);
    else General(out, line, buf);
  }
};

}  // namespace

MC_APPLET(fold) {
  Folder f{80, false, false};
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
  std::string buf;
  return mc::ForEachInputRecords(inv, files, '\n', [&](mc::LineReader& reader) {
    std::string_view line;
    bool terminated;
    while (reader.Next(line, terminated)) {
      f.Line(out, line, buf);
      if (terminated) out.Put('\n');
    }
    return true;
  });
}
