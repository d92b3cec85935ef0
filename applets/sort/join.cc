/* @applet join
   @help
Usage: join [OPTION]... FILE1 FILE2
For each pair of input lines with identical join fields, write a line to
standard output.  The default join field is the first, delimited by blanks.

When FILE1 or FILE2 (not both) is -, read standard input.

  -a FILENUM             also print unpairable lines from file FILENUM, where
                           FILENUM is 1 or 2, corresponding to FILE1 or FILE2
  -e STRING              replace missing (empty) input fields with STRING;
                           I.e., missing fields specified with '-12jo' options
  -i, --ignore-case      ignore differences in case when comparing fields
  -j FIELD               equivalent to '-1 FIELD -2 FIELD'
  -o FORMAT              obey FORMAT while constructing output line
  -t CHAR                use CHAR as input and output field separator
  -v FILENUM             like -a FILENUM, but suppress joined output lines
  -1 FIELD               join on this FIELD of file 1
  -2 FIELD               join on this FIELD of file 2
      --check-order      check that the input is correctly sorted, even
                           if all input lines are pairable
      --nocheck-order    do not check that the input is correctly sorted
      --header           treat the first line in each file as field headers,
                           print them without trying to pair them
  -z, --zero-terminated  line delimiter is NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

Unless -t CHAR is given, leading blanks separate fields and are ignored,
else fields are separated by CHAR.  Any FIELD is a field number counted
from 1.  FORMAT is one or more comma or blank separated specifications,
each being 'FILENUM.FIELD' or '0'.  Default FORMAT outputs the join field,
the remaining fields from FILE1, the remaining fields from FILE2, all
separated by CHAR.  If FORMAT is the keyword 'auto', then the first
line of each file determines the number of fields output for each line.

Important: FILE1 and FILE2 must be sorted on the join fields.
Fields are compared bytewise, as in the C locale, whatever the locale.
*/
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"
#include "registry/applet.h"

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

struct Field {
  std::size_t beg, len;
};

// A line, held (without a copy when it is long) with its fields. Lines are
// shared: the last line read from a file is also the one the next line's
// order is checked against.
struct JLine {
  mc::HeldRecord held;
  std::string_view text;
  std::vector<Field> fields;
  std::string_view field(std::size_t i) const {
    return {text.data() + fields[i].beg, fields[i].len};
  }
};
using LinePtr = std::shared_ptr<JLine>;

struct OutSpec {
  int file;  // 0: the join field, 1 or 2
  std::size_t field;
};

enum class CheckOrder { kDefault, kEnabled, kDisabled };

inline bool Blank(char c) { return c == ' ' || c == '\t' || c == '\n'; }

class Joiner {
 public:
  Joiner(mc::Invocation& inv) : inv_(inv) {}

  int tab = -1;  // -1: blank runs; '\n' for -t '' (whole line)
  std::size_t jf[2] = {0, 0};
  bool print_unpaired[2] = {false, false};
  bool print_pairs = true;
  bool ignore_case = false;
  bool header = false;
  std::optional<std::string> empty;
  std::vector<OutSpec> format;
  bool has_format = false, autoformat = false;
  CheckOrder check = CheckOrder::kDefault;
  char delim = '\n';

  int Run(const std::string& n1, const std::string& n2);

 private:
  struct Input {
    std::unique_ptr<mc::LineReader> reader;
    std::string name;
    std::uintmax_t line_no = 0;
    LinePtr prev;   // for order checks: the line read last
    LinePtr spare;  // a line no longer in use, for reuse
    bool warned = false;
  };

  void Split(JLine& l) const;
  bool Get(int i, LinePtr& line);
  int KeyCmp(const JLine& a, std::size_t fa, const JLine& b, std::size_t fb) const;
  void CheckOrderOf(int i, const JLine& cur);
  void PutField(const JLine* l, std::size_t f);
  void Print(const JLine* l1, const JLine* l2);

  mc::Invocation& inv_;
  Input in_[2];
  bool seen_unpairable_ = false;
  bool fatal_ = false;
  int read_error_ = 0;
  std::string read_error_name_;
  std::size_t autocount_[2] = {0, 0};
};

void Joiner::Split(JLine& l) const {
  l.fields.clear();
  const char* base = l.text.data();
  std::size_t n = l.text.size();
  if (tab == '\n' && delim == '\n') {
    // -t '': the whole line is one field.
    if (n) l.fields.push_back({0, n});
    return;
  }
  if (tab >= 0) {
    if (n == 0) return;
    const char t = static_cast<char>(tab);
    std::size_t p = 0;
    for (;;) {
      const void* hit = std::memchr(base + p, t, n - p);
      if (hit == nullptr) break;
      std::size_t s = static_cast<std::size_t>(static_cast<const char*>(hit) - base);
      l.fields.push_back({p, s - p});
      p = s + 1;
    }
    l.fields.push_back({p, n - p});
    return;
  }
  // Leading blanks are skipped; trailing blanks end in an empty field.
  std::size_t p = 0;
  while (p < n && Blank(base[p])) ++p;
  if (p == n) return;
  for (;;) {
    std::size_t s = p;
    while (s < n && !Blank(base[s])) ++s;
    l.fields.push_back({p, s - p});
    if (s == n) break;
    p = s + 1;
    while (p < n && Blank(base[p])) ++p;
  }
}

int Joiner::KeyCmp(const JLine& a, std::size_t fa, const JLine& b, std::size_t fb) const {
  std::string_view x = fa < a.fields.size() ? a.field(fa) : std::string_view();
  std::string_view y = fb < b.fields.size() ? b.field(fb) : std::string_view();
  if (x.empty()) return y.empty() ? 0 : -1;
  if (y.empty()) return 1;
  std::size_t m = std::min(x.size(), y.size());
  int d = 0;
  if (ignore_case) {
    for (std::size_t i = 0; i < m && d == 0; ++i) {
      unsigned char c1 = static_cast<unsigned char>(x[i]), c2 = static_cast<unsigned char>(y[i]);
      if (c1 >= 'a' && c1 <= 'z') c1 = static_cast<unsigned char>(c1 - 'a' + 'A');
      if (c2 >= 'a' && c2 <= 'z') c2 = static_cast<unsigned char>(c2 - 'a' + 'A');
      d = c1 - c2;
    }
  } else {
    d = std::memcmp(x.data(), y.data(), m);
  }
  if (d != 0) return d;
  return x.size() < y.size() ? -1 : x.size() != y.size();
}

void Joiner::CheckOrderOf(int i, const JLine& cur) {
  Input& in = in_[i];
  if (check == CheckOrder::kDisabled) return;
  if (!(check == CheckOrder::kEnabled || seen_unpairable_) || in.warned || !in.prev) return;
  if (KeyCmp(*in.prev, jf[i], cur, jf[i]) > 0) {
    std::string msg = mc::QuoteName(in.name) + ":" + std::to_string(in.line_no) +
                      ": is not sorted: " + std::string(cur.text);
    mc::Warn(inv_, msg);
    in.warned = true;
    if (check == CheckOrder::kEnabled) fatal_ = true;
  }
}

bool Joiner::Get(int i, LinePtr& line) {
  Input& in = in_[i];
  if (fatal_ || read_error_) return false;
  std::string_view v;
  if (!in.reader->Next(v)) {
    if (in.reader->error() != 0) {
      read_error_ = in.reader->error();
      read_error_name_ = in.name;
    }
    in.prev.reset();
    return false;
  }
  if (!line || line.use_count() > 1) {  // still in use as prev: another one
    if (in.spare && in.spare.use_count() == 1) line = std::move(in.spare);
    else line = std::make_shared<JLine>();
  }
  line->text = in.reader->Keep(v, line->held);
  Split(*line);
  ++in.line_no;
  CheckOrderOf(i, *line);
  if (fatal_) return false;
  if (check != CheckOrder::kDisabled) {
    if (in.prev && in.prev != line && in.prev.use_count() == 1) in.spare = std::move(in.prev);
    in.prev = line;
  }
  return true;
}

void Joiner::PutField(const JLine* l, std::size_t f) {
  mc::Output& out = inv_.out();
  if (l != nullptr && f < l->fields.size() && l->fields[f].len > 0) {
    out.Write(l->field(f));
  } else if (empty) {
    out.Write(*empty);
  }
}

void Joiner::Print(const JLine* l1, const JLine* l2) {
  mc::Output& out = inv_.out();
  const char sep = tab >= 0 ? static_cast<char>(tab) : ' ';
  if (has_format) {
    bool first = true;
    for (const OutSpec& o : format) {
      if (!first) out.Put(sep);
      first = false;
      if (o.file == 0) {
        if (l1 == nullptr) PutField(l2, jf[1]);
        else PutField(l1, jf[0]);
      } else {
        PutField(o.file == 1 ? l1 : l2, o.field);
      }
    }
    out.Put(delim);
    return;
  }
  if (l1 == nullptr) PutField(l2, jf[1]);
  else PutField(l1, jf[0]);
  const JLine* ls[2] = {l1, l2};
  for (int i = 0; i < 2; ++i) {
    const JLine* l = ls[i];
    std::size_t nf = autoformat ? autocount_[i] : (l ? l->fields.size() : 0);
    for (std::size_t f = 0; f < nf; ++f) {
      if (f == jf[i]) continue;
      out.Put(sep);
      PutField(l, f);
    }
  }
  out.Put(delim);
}

int Joiner::Run(const std::string& n1, const std::string& n2) {
  int fds[2] = {-1, -1};
  const std::string names[2] = {n1, n2};
  for (int i = 0; i < 2; ++i) {
    fds[i] = mc::OpenInput(inv_, names[i]);
    if (fds[i] < 0) {
      if (i == 1) mc::CloseInput(inv_, fds[0]);
      return 1;
    }
    in_[i].reader = std::make_unique<mc::LineReader>(fds[i], delim);
    in_[i].name = names[i];
  }
  // Groups of lines with equal keys; [0] is the current line.
  std::vector<LinePtr> seq[2];
  std::size_t count[2] = {0, 0};
  auto ensure = [&](int i, std::size_t n) {
    while (seq[i].size() < n) seq[i].push_back(nullptr);
  };
  auto advance = [&](int i, bool replace) {
    if (replace) count[i] = 0;
    ensure(i, count[i] + 1);
    if (Get(i, seq[i][count[i]])) {
      ++count[i];
      return true;
    }
    return false;
  };
  advance(0, true);
  advance(1, true);
  if (autoformat) {
    autocount_[0] = count[0] ? seq[0][0]->fields.size() : 0;
    autocount_[1] = count[1] ? seq[1][0]->fields.size() : 0;
  }
  if (header && (count[0] || count[1])) {
    Print(count[0] ? seq[0][0].get() : nullptr, count[1] ? seq[1][0].get() : nullptr);
    in_[0].prev.reset();
    in_[1].prev.reset();
    if (count[0]) advance(0, true);
    if (count[1]) advance(1, true);
  }
  while (count[0] && count[1] && !fatal_) {
    int diff = KeyCmp(*seq[0][0], jf[0], *seq[1][0], jf[1]);
    if (diff < 0) {
      if (print_unpaired[0]) Print(seq[0][0].get(), nullptr);
      advance(0, true);
      seen_unpairable_ = true;
      continue;
    }
    if (diff > 0) {
      if (print_unpaired[1]) Print(nullptr, seq[1][0].get());
      advance(1, true);
      seen_unpairable_ = true;
      continue;
    }
    bool eof[2] = {false, false};
    do {
      if (!advance(0, false)) {
        eof[0] = true;
        ++count[0];
        break;
      }
    } while (!KeyCmp(*seq[0][count[0] - 1], jf[0], *seq[1][0], jf[1]));
    do {
      if (!advance(1, false)) {
        eof[1] = true;
        ++count[1];
        break;
      }
    } while (!KeyCmp(*seq[0][0], jf[0], *seq[1][count[1] - 1], jf[1]));
    if (fatal_) break;
    if (print_pairs)
      for (std::size_t a = 0; a + 1 < count[0]; ++a)
        for (std::size_t b = 0; b + 1 < count[1]; ++b) Print(seq[0][a].get(), seq[1][b].get());
    for (int i = 0; i < 2; ++i) {
      if (!eof[i]) {
        std::swap(seq[i][0], seq[i][count[i] - 1]);
        count[i] = 1;
      } else {
        count[i] = 0;
      }
    }
  }
  // The tails: unpairable lines, still checked for order.
  for (int i = 0; i < 2 && !fatal_; ++i) {
    if (count[i] == 0) continue;
    if (print_unpaired[i]) Print(i == 0 ? seq[0][0].get() : nullptr, i == 1 ? seq[1][0].get() : nullptr);
    LinePtr line;
    while (Get(i, line)) {
      if (print_unpaired[i]) Print(i == 0 ? line.get() : nullptr, i == 1 ? line.get() : nullptr);
      if (in_[i].warned && !print_unpaired[i]) break;
    }
  }
  mc::CloseInput(inv_, fds[0]);
  mc::CloseInput(inv_, fds[1]);
  if (read_error_) {
    mc::WarnErrno(inv_, "read error", read_error_);
    return 1;
  }
  if (fatal_) return 1;
  if (in_[0].warned || in_[1].warned) {
    mc::Warn(inv_, "input is not in sorted order");
    return 1;
  }
  return 0;
}

// A field number for -1, -2, -j: 1-based, returned 0-based.
bool FieldNumber(const std::string& s, std::size_t& out) {
  std::uintmax_t n;
  auto e = mc::ParseUnsigned(s, n);
  if (e == mc::NumError::kInvalid || (e == mc::NumError::kOk && n == 0)) return false;
  out = e == mc::NumError::kOverflow || n > kNone / 2 ? kNone / 2 : static_cast<std::size_t>(n - 1);
  return true;
}

}  // namespace

MC_APPLET(join) {
  Joiner j(inv);
  std::string error;  // first bad option value, reported in order
  auto fail = [&](const std::string& m) {
    if (error.empty()) error = m;
  };
  std::optional<std::size_t> j1, j2;
  auto set_field = [&](int which, const std::string& v) {
    std::size_t f;
    if (!FieldNumber(v, f)) {
      fail("invalid field number: " + mc::Quote(v));
      return;
    }
    std::optional<std::size_t>& slot = which == 1 ? j1 : j2;
    if (slot && *slot != f) {
      fail("incompatible join fields " + std::to_string(*slot + 1) + ", " + std::to_string(f + 1));
      return;
    }
    slot = f;
  };
  auto set_file = [&](const std::string& v, bool only) {
    std::uintmax_t n;
    if (mc::ParseUnsigned(v, n) != mc::NumError::kOk || (n != 1 && n != 2)) {
      fail("invalid field number: " + mc::Quote(v));
      return;
    }
    j.print_unpaired[n - 1] = true;
    if (only) j.print_pairs = false;
  };
  mc::cli::Parser p(inv);
  p.OnValue("-a", [&](const std::string& v) { set_file(v, false); });
  p.OnValue("-v", [&](const std::string& v) { set_file(v, true); });
  p.OnValue("-e", [&](const std::string& v) { j.empty = v; });
  p.Flag("-i,--ignore-case", j.ignore_case);
  p.OnValue("-j", [&](const std::string& v) {
    set_field(1, v);
    set_field(2, v);
  });
  p.OnValue("-1", [&](const std::string& v) { set_field(1, v); });
  p.OnValue("-2", [&](const std::string& v) { set_field(2, v); });
  p.OnValue("-o", [&](const std::string& v) {
    if (v == "auto") {
      j.autoformat = true;
      return;
    }
    j.has_format = true;
    std::size_t i = 0;
    while (i < v.size()) {
      std::size_t e = v.find_first_of(", \t", i);
      if (e == std::string::npos) e = v.size();
      std::string spec = v.substr(i, e - i);
      i = e + 1;
      if (spec.empty()) continue;
      if (spec == "0") {
        j.format.push_back({0, 0});
        continue;
      }
      if (spec.size() < 2 || (spec[0] != '1' && spec[0] != '2') || spec[1] != '.') {
        fail("invalid file number in field spec: " + mc::Quote(spec));
        return;
      }
      std::size_t f;
      if (!FieldNumber(spec.substr(2), f)) {
        fail("invalid field number: " + mc::Quote(spec.substr(2)));
        return;
      }
      j.format.push_back({spec[0] - '0', f});
    }
  });
  p.OnValue("-t", [&](const std::string& v) {
    int t;
    if (v.empty()) t = '\n';
    else if (v == "\\0") t = '\0';
    else if (v.size() > 1) {
      fail("multi-character tab " + mc::Quote(v));
      return;
    } else t = static_cast<unsigned char>(v[0]);
    if (j.tab >= 0 && j.tab != t) {
      fail("incompatible tabs");
      return;
    }
    j.tab = t;
  });
  p.OnFlag("--check-order", [&] { j.check = CheckOrder::kEnabled; });
  p.OnFlag("--nocheck-order", [&] { j.check = CheckOrder::kDisabled; });
  p.Flag("--header", j.header);
  p.OnFlag("-z,--zero-terminated", [&] { j.delim = '\0'; });
  std::vector<std::string> ops;
  if (auto rc = p.Parse(&ops)) return *rc;
  if (!error.empty()) {
    mc::Warn(inv, error);
    return 1;
  }
  if (ops.empty()) return mc::UsageError(inv, "missing operand");
  if (ops.size() == 1) return mc::UsageError(inv, "missing operand after " + mc::Quote(ops[0]));
  if (ops.size() > 2) return mc::UsageError(inv, "extra operand " + mc::Quote(ops[2]));
  if (ops[0] == "-" && ops[1] == "-") {
    mc::Warn(inv, "both files cannot be standard input");
    return 1;
  }
  if (j.has_format) j.autoformat = false;
  j.jf[0] = j1.value_or(0);
  j.jf[1] = j2.value_or(0);
  return j.Run(ops[0], ops[1]);
}
