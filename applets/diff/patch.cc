/* @applet patch
   @failcode 2
   @help
Usage: patch [OPTION]... [ORIGFILE [PATCHFILE]]

Input options:

  -p NUM  --strip=NUM  Strip NUM leading components from file names.
  -F LINES  --fuzz LINES  Set the fuzz factor to LINES for inexact matching.

  -c  --context  Interpret the patch as a context difference.
  -n  --normal  Interpret the patch as a normal difference.
  -u  --unified  Interpret the patch as a unified difference.

  -N  --forward  Ignore patches that appear to be reversed or already applied.
  -R  --reverse  Assume patches were created with old and new files swapped.

  -i PATCHFILE  --input=PATCHFILE  Read patch from PATCHFILE instead of stdin.

Output options:

  -o FILE  --output=FILE  Output patched files to FILE.
  -r FILE  --reject-file=FILE  Output rejects to FILE.

  -s  --quiet  --silent  Work silently unless an error occurs.
  --dry-run  Do not actually change any files; just print what would happen.

Backup and version control options:

  -b  --backup  Back up the original contents of each file.
  --backup-if-mismatch  Back up if the patch does not match exactly.
  --no-backup-if-mismatch  Back up mismatches only if otherwise requested.
  -z SUFFIX  --suffix=SUFFIX  Use SUFFIX as the backup extension instead of ".orig".

Miscellaneous options:

  -t  --batch  Ask no questions; skip bad-Prereq patches; assume reversed.
  -f  --force  Like -t, but ignore bad-Prereq patches, and assume unreversed.

  -d DIR  --directory=DIR  Change the working directory to DIR first.

  -v  --version  Output version info.
  --help  Output this help.

Ed scripts (diff -e) are not supported.
*/
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/output.h"
#include "registry/applet.h"

namespace {

using Lin = std::ptrdiff_t;
constexpr int kTrouble = 2;

enum class Format { kNone, kUnified, kContext, kNormal };

// A hunk as a sequence of lines: ' ' context, '-' old only, '+' new only.
// Each line keeps its '\n' unless the patch marked it incomplete.
struct Hunk {
  Lin old_first = 0, new_first = 0;  // 1-based start lines from the header
  std::vector<char> kind;
  std::vector<std::string> text;
  Lin old_count() const { return std::count_if(kind.begin(), kind.end(), [](char k) { return k != '+'; }); }
  Lin new_count() const { return std::count_if(kind.begin(), kind.end(), [](char k) { return k != '-'; }); }
};

struct FilePatch {
  std::vector<std::string> header;  // lines before the first hunk
  std::string old_name, new_name;   // as written (no time stamp)
  std::string old_label, new_label; // the whole header lines' names (with stamps)
  Format format = Format::kNone;
  std::vector<Hunk> hunks;
  std::size_t first_line = 0;  // patch line number of the header, 1-based
};

struct Options {
  int strip = -1;
  Lin fuzz = 2;
  bool forward = false, reverse = false, silent = false, dry_run = false, backup = false;
  bool backup_mismatch = true, batch = false, force = false;
  std::string input, output, reject_file, dir, suffix = ".orig";
};

std::vector<std::string_view> SplitLines(std::string_view data) {
  std::vector<std::string_view> lines;
  std::size_t p = 0;
  while (p < data.size()) {
    std::size_t nl = data.find('\n', p);
    std::size_t e = nl == std::string_view::npos ? data.size() : nl + 1;
    lines.push_back(data.substr(p, e - p));
    p = e;
  }
  return lines;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// "NAME\tSTAMP\n" -> NAME (GNU also ends a name at a tab or newline).
std::string HeaderName(std::string_view l, std::size_t skip) {
  l.remove_prefix(std::min(skip, l.size()));
  while (!l.empty() && (l.back() == '\n' || l.back() == '\r')) l.remove_suffix(1);
  std::size_t tab = l.find('\t');
  if (tab != std::string_view::npos) l = l.substr(0, tab);
  return std::string(l);
}

bool ParseNum(std::string_view& s, Lin* v) {
  std::size_t i = 0;
  Lin n = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') n = n * 10 + (s[i++] - '0');
  if (i == 0) return false;
  *v = n;
  s.remove_prefix(i);
  return true;
}

// "A" or "A,B" -> first, last.
bool ParseRange(std::string_view& s, Lin* a, Lin* b) {
  if (!ParseNum(s, a)) return false;
  *b = *a;
  if (!s.empty() && s[0] == ',') {
    s.remove_prefix(1);
    if (!ParseNum(s, b)) return false;
  }
  return true;
}

// Normal diff command: "A[,B]{a,c,d}C[,D]". ed: true for an ed command.
bool IsNormalCommand(std::string_view l, bool* ed) {
  std::string_view s = l;
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  Lin a, b, c, d;
  if (!ParseRange(s, &a, &b)) return false;
  if (s.empty() || (s[0] != 'a' && s[0] != 'c' && s[0] != 'd')) return false;
  s.remove_prefix(1);
  if (s.empty()) {
    *ed = true;
    return true;
  }
  if (!ParseRange(s, &c, &d) || !s.empty()) return false;
  *ed = false;
  return true;
}

class Patcher {
 public:
  Patcher(mc::Invocation& inv, Options& o) : inv_(inv), o_(o), out_(inv.out()) {}
  int Run(const std::string& patch, const std::optional<std::string>& origfile);

 private:
  bool ParseNext(std::size_t* pos, FilePatch* fp);
  bool ParseUnifiedHunk(std::size_t* pos, Hunk* h);
  bool ParseContextHunk(std::size_t* pos, Hunk* h);
  bool ParseNormalHunk(std::size_t* pos, Hunk* h);
  // Messages go to stdout, or to stderr when stdout carries the result
  // (-o -).
  void Say(std::string_view s, bool always = false) {
    if (o_.silent && !always) return;
    if (o_.output == "-") {
      inv_.FlushOutputForMessage();
      mc::WriteAll(inv_.err_fd(), s.data(), s.size());
    } else {
      out_.Write(s);
    }
  }
  std::string Strip(const std::string& name) const;
  int ApplyFile(FilePatch& fp, const std::optional<std::string>& origfile);
  Lin Locate(const Hunk& h, const std::vector<std::string>& in, Lin fuzz, Lin last_frozen,
             Lin* in_offset) const;
  void WriteRejects(const FilePatch& fp, const std::vector<std::size_t>& rejected,
                    const std::string& path);

  mc::Invocation& inv_;
  Options& o_;
  mc::Output& out_;
  std::vector<std::string_view> lines_;
};

bool Patcher::ParseUnifiedHunk(std::size_t* pos, Hunk* h) {
  std::string_view s = lines_[*pos];
  s.remove_prefix(4);  // "@@ -"
  Lin a, an = 1, b, bn = 1;
  if (!ParseNum(s, &a)) return false;
  if (!s.empty() && s[0] == ',') {
    s.remove_prefix(1);
    if (!ParseNum(s, &an)) return false;
  }
  if (!StartsWith(s, " +")) return false;
  s.remove_prefix(2);
  if (!ParseNum(s, &b)) return false;
  if (!s.empty() && s[0] == ',') {
    s.remove_prefix(1);
    if (!ParseNum(s, &bn)) return false;
  }
  h->old_first = an == 0 ? a + 1 : a;
  h->new_first = bn == 0 ? b + 1 : b;
  ++*pos;
  Lin o = 0, n = 0;
  while ((o < an || n < bn) && *pos < lines_.size()) {
    std::string_view l = lines_[*pos];
    char k = l.empty() ? ' ' : l[0];
    if (l == "\n") k = ' ', l = " \n";
    if (k != ' ' && k != '-' && k != '+') break;
    h->kind.push_back(k);
    h->text.emplace_back(l.substr(1));
    if (k != '+') ++o;
    if (k != '-') ++n;
    ++*pos;
    if (*pos < lines_.size() && StartsWith(lines_[*pos], "\\")) {
      if (!h->text.back().empty() && h->text.back().back() == '\n') h->text.back().pop_back();
      ++*pos;
    }
  }
  if (o != an || n != bn) return false;
  // A marker may follow the last line too.
  return true;
}

bool Patcher::ParseContextHunk(std::size_t* pos, Hunk* h) {
  ++*pos;  // "***************"
  if (*pos >= lines_.size() || !StartsWith(lines_[*pos], "*** ")) return false;
  std::string_view s = lines_[*pos];
  s.remove_prefix(4);
  Lin a, b;
  if (!ParseRange(s, &a, &b)) return false;
  ++*pos;
  struct L {
    char k;
    std::string t;
  };
  std::vector<L> olds, news;
  auto read_part = [&](std::vector<L>* v) {
    while (*pos < lines_.size()) {
      std::string_view l = lines_[*pos];
      if (l.size() < 2 || (l[1] != ' ' && l[1] != '\t') ||
          (l[0] != ' ' && l[0] != '-' && l[0] != '+' && l[0] != '!'))
        break;
      v->push_back({l[0], std::string(l.substr(2))});
      ++*pos;
      if (*pos < lines_.size() && StartsWith(lines_[*pos], "\\")) {
        if (!v->back().t.empty() && v->back().t.back() == '\n') v->back().t.pop_back();
        ++*pos;
      }
    }
  };
  read_part(&olds);
  if (*pos >= lines_.size() || !StartsWith(lines_[*pos], "--- ")) return false;
  s = lines_[*pos];
  s.remove_prefix(4);
  Lin c, d;
  if (!ParseRange(s, &c, &d)) return false;
  ++*pos;
  read_part(&news);
  const Lin old_n = b >= a && !(a == 0 && b == 0) ? b - a + 1 : 0;
  const Lin new_n = d >= c && !(c == 0 && d == 0) ? d - c + 1 : 0;
  h->old_first = old_n ? a : a + 1;
  h->new_first = new_n ? c : c + 1;
  // Only one side may be listed; the other is then its context lines.
  if (olds.empty() && old_n) {
    for (const L& l : news)
      if (l.k == ' ') olds.push_back(l);
  }
  if (news.empty() && new_n) {
    for (const L& l : olds)
      if (l.k == ' ') news.push_back(l);
  }
  // Merge the two sides into one sequence.
  std::size_t i = 0, j = 0;
  while (i < olds.size() || j < news.size()) {
    if (i < olds.size() && j < news.size() && olds[i].k == ' ' && news[j].k == ' ') {
      h->kind.push_back(' ');
      h->text.push_back(olds[i].t);
      ++i, ++j;
      continue;
    }
    bool progressed = false;
    while (i < olds.size() && olds[i].k != ' ') {
      h->kind.push_back('-');
      h->text.push_back(olds[i++].t);
      progressed = true;
    }
    while (j < news.size() && news[j].k != ' ') {
      h->kind.push_back('+');
      h->text.push_back(news[j++].t);
      progressed = true;
    }
    if (!progressed) {
      // Context on one side only: malformed, take it as is.
      if (i < olds.size()) {
        h->kind.push_back(' ');
        h->text.push_back(olds[i++].t);
      } else if (j < news.size()) {
        h->kind.push_back(' ');
        h->text.push_back(news[j++].t);
      }
    }
  }
  return h->old_count() == old_n && h->new_count() == new_n;
}

bool Patcher::ParseNormalHunk(std::size_t* pos, Hunk* h) {
  std::string_view s = lines_[*pos];
  Lin a, b, c, d;
  ParseRange(s, &a, &b);
  const char cmd = s[0];
  s.remove_prefix(1);
  ParseRange(s, &c, &d);
  ++*pos;
  h->old_first = cmd == 'a' ? a + 1 : a;
  h->new_first = cmd == 'd' ? c + 1 : c;
  auto take = [&](char prefix, char kind, Lin n) {
    for (Lin i = 0; i < n; ++i) {
      if (*pos >= lines_.size()) return false;
      std::string_view l = lines_[*pos];
      if (l.size() < 2 || l[0] != prefix || l[1] != ' ') return false;
      h->kind.push_back(kind);
      h->text.emplace_back(l.substr(2));
      ++*pos;
      if (*pos < lines_.size() && StartsWith(lines_[*pos], "\\")) {
        if (!h->text.back().empty() && h->text.back().back() == '\n') h->text.back().pop_back();
        ++*pos;
      }
    }
    return true;
  };
  if (cmd != 'a' && !take('<', '-', b - a + 1)) return false;
  if (cmd == 'c') {
    if (*pos >= lines_.size() || lines_[*pos] != "---\n") return false;
    ++*pos;
  }
  if (cmd != 'd' && !take('>', '+', d - c + 1)) return false;
  return true;
}

// Finds the next file's patch from *pos: its header and hunks.
bool Patcher::ParseNext(std::size_t* pos, FilePatch* fp) {
  std::size_t i = *pos;
  const std::size_t n = lines_.size();
  std::string index_name;
  std::size_t header_start = i;
  for (; i < n; ++i) {
    std::string_view l = lines_[i];
    bool ed = false;
    if (StartsWith(l, "--- ") && i + 1 < n && StartsWith(lines_[i + 1], "+++ ") && i + 2 < n &&
        StartsWith(lines_[i + 2], "@@ -")) {
      fp->format = Format::kUnified;
      fp->old_label = std::string(l.substr(4));
      fp->new_label = std::string(lines_[i + 1].substr(4));
      fp->old_name = HeaderName(l, 4);
      fp->new_name = HeaderName(lines_[i + 1], 4);
      fp->first_line = i + 3;
      fp->header.assign(lines_.begin() + static_cast<Lin>(header_start), lines_.begin() + static_cast<Lin>(i + 2));
      i += 2;
      break;
    }
    if (StartsWith(l, "*** ") && i + 1 < n && StartsWith(lines_[i + 1], "--- ") && i + 2 < n &&
        StartsWith(lines_[i + 2], "***************")) {
      fp->format = Format::kContext;
      fp->old_label = std::string(l.substr(4));
      fp->new_label = std::string(lines_[i + 1].substr(4));
      fp->old_name = HeaderName(l, 4);
      fp->new_name = HeaderName(lines_[i + 1], 4);
      fp->first_line = i + 3;
      fp->header.assign(lines_.begin() + static_cast<Lin>(header_start), lines_.begin() + static_cast<Lin>(i + 2));
      i += 2;
      break;
    }
    if (IsNormalCommand(l, &ed)) {
      if (ed) mc::Die(inv_, "**** ed-style diffs are not supported", kTrouble);
      fp->format = Format::kNormal;
      fp->first_line = i + 1;
      fp->header.assign(lines_.begin() + static_cast<Lin>(header_start), lines_.begin() + static_cast<Lin>(i));
      break;
    }
    if (StartsWith(l, "Index: ")) index_name = HeaderName(l, 7);
  }
  if (fp->format == Format::kNone) {
    *pos = n;
    return false;
  }
  if (fp->format == Format::kNormal) {
    fp->old_name = fp->new_name = index_name;
  }
  for (;;) {
    Hunk h;
    bool ok;
    bool ed = false;
    if (i >= n) break;
    if (fp->format == Format::kUnified && StartsWith(lines_[i], "@@ -"))
      ok = ParseUnifiedHunk(&i, &h);
    else if (fp->format == Format::kContext && StartsWith(lines_[i], "***************"))
      ok = ParseContextHunk(&i, &h);
    else if (fp->format == Format::kNormal && IsNormalCommand(lines_[i], &ed) && !ed)
      ok = ParseNormalHunk(&i, &h);
    else
      break;
    if (!ok) {
      mc::Die(inv_, "**** malformed patch at line " + std::to_string(i + 1) + ": " +
                        std::string(i < n ? lines_[i] : std::string_view()),
              kTrouble);
    }
    fp->hunks.push_back(std::move(h));
  }
  *pos = i;
  return true;
}

std::string Patcher::Strip(const std::string& name) const {
  if (name.empty()) return name;
  if (o_.strip < 0) {
    std::size_t s = name.rfind('/');
    return s == std::string::npos ? name : name.substr(s + 1);
  }
  std::string_view v = name;
  for (int k = 0; k < o_.strip; ++k) {
    std::size_t s = v.find('/');
    if (s == std::string_view::npos) return std::string();
    v.remove_prefix(s + 1);
    while (!v.empty() && v[0] == '/') v.remove_prefix(1);
  }
  return std::string(v);
}

// GNU patch's locate_hunk: the hunk's old lines (less `fuzz` context lines
// at either end) at the expected place, then ever further before and after.
Lin Patcher::Locate(const Hunk& h, const std::vector<std::string>& in, Lin fuzz, Lin last_frozen,
                    Lin* in_offset) const {
  std::vector<const std::string*> pat;
  for (std::size_t k = 0; k < h.kind.size(); ++k)
    if (h.kind[k] != '+') pat.push_back(&h.text[k]);
  const Lin pat_lines = static_cast<Lin>(pat.size());
  Lin prefix_context = 0, suffix_context = 0;
  while (prefix_context < static_cast<Lin>(h.kind.size()) && h.kind[prefix_context] == ' ')
    ++prefix_context;
  while (suffix_context < static_cast<Lin>(h.kind.size()) &&
         h.kind[h.kind.size() - 1 - suffix_context] == ' ')
    ++suffix_context;
  const Lin input_lines = static_cast<Lin>(in.size());
  const Lin first_guess = h.old_first + *in_offset;
  const Lin context = std::max(prefix_context, suffix_context);
  Lin prefix_fuzz = fuzz + prefix_context - context;
  Lin suffix_fuzz = fuzz + suffix_context - context;
  const Lin max_where = input_lines - (pat_lines - suffix_fuzz) + 1;
  const Lin min_where = last_frozen + 1 - (prefix_context - prefix_fuzz);
  const Lin max_pos = max_where - first_guess;
  Lin max_neg = first_guess - min_where;
  const Lin max_offset = std::max(max_pos, max_neg);
  if (!pat_lines) return first_guess;
  if (first_guess <= max_neg) max_neg = first_guess - 1;
  auto match = [&](Lin offset, Lin pf, Lin sf) {
    const Lin base = first_guess + offset;
    for (Lin p = pf, i = base + pf; p < pat_lines - sf; ++p, ++i) {
      if (i < 1 || i > input_lines) return false;
      if (in[static_cast<std::size_t>(i - 1)] != *pat[static_cast<std::size_t>(p)]) return false;
    }
    return true;
  };
  if (prefix_fuzz < 0 && h.old_first <= 1) {
    if (suffix_fuzz < 0 && (pat_lines != input_lines || prefix_context < last_frozen)) return 0;
    const Lin offset = 1 - first_guess;
    if (last_frozen <= prefix_context && offset <= max_pos && match(offset, 0, std::max<Lin>(suffix_fuzz, 0))) {
      *in_offset += offset;
      return first_guess + offset;
    }
    return 0;
  }
  if (prefix_fuzz < 0) prefix_fuzz = 0;
  if (suffix_fuzz < 0) {
    const Lin offset = first_guess - (input_lines - pat_lines + 1);
    if (offset <= max_neg && match(-offset, prefix_fuzz, 0)) {
      *in_offset -= offset;
      return first_guess - offset;
    }
    return 0;
  }
  for (Lin offset = 0; offset <= max_offset; ++offset) {
    if (offset <= max_pos && match(offset, prefix_fuzz, suffix_fuzz)) {
      *in_offset += offset;
      return first_guess + offset;
    }
    if (0 < offset && offset <= max_neg && match(-offset, prefix_fuzz, suffix_fuzz)) {
      *in_offset -= offset;
      return first_guess - offset;
    }
  }
  return 0;
}

void Swap(Hunk* h) {
  for (char& k : h->kind) k = k == '-' ? '+' : k == '+' ? '-' : k;
  // Within a change, old lines come first.
  for (std::size_t i = 0; i < h->kind.size();) {
    std::size_t j = i;
    while (j < h->kind.size() && h->kind[j] != ' ') ++j;
    if (j > i) {
      std::vector<std::string> minus, plus;
      for (std::size_t k = i; k < j; ++k) (h->kind[k] == '-' ? minus : plus).push_back(h->text[k]);
      std::size_t k = i;
      for (auto& t : minus) h->kind[k] = '-', h->text[k++] = t;
      for (auto& t : plus) h->kind[k] = '+', h->text[k++] = t;
      i = j;
    } else {
      ++i;
    }
  }
  std::swap(h->old_first, h->new_first);
}

bool ReadFile(const std::string& path, std::string* data) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char buf[65536];
  long n;
  while ((n = mc::ReadSome(fd, buf, sizeof buf)) > 0) data->append(buf, static_cast<std::size_t>(n));
  const int err = errno;
  close(fd);
  errno = err;
  return n == 0;
}

// Writes data to path through a temporary file in the same directory
// renamed over it: the old contents stay whole until the new are.
int WriteFileAtomic(const std::string& path, std::string_view data, mode_t mode) {
  std::size_t slash = path.rfind('/');
  std::string tmpl = (slash == std::string::npos ? std::string() : path.substr(0, slash + 1)) +
                     ".patchXXXXXX";
  const int fd = mkstemp(tmpl.data());
  if (fd < 0) return errno;
  int err = mc::WriteAll(fd, data.data(), data.size());
  if (!err && fchmod(fd, mode & 07777) != 0) err = errno;
  if (close(fd) != 0 && !err) err = errno;
  if (!err && rename(tmpl.c_str(), path.c_str()) != 0) err = errno;
  if (err) unlink(tmpl.c_str());
  return err;
}

void Patcher::WriteRejects(const FilePatch& fp, const std::vector<std::size_t>& rejected,
                           const std::string& path) {
  std::string r;
  auto range_u = [](Lin first, Lin n) {
    Lin start = n == 0 ? first - 1 : first;
    return n == 1 ? std::to_string(start) : std::to_string(start) + "," + std::to_string(n);
  };
  if (fp.format == Format::kUnified) {
    r += "--- " + fp.old_label;
    if (r.back() != '\n') r += '\n';
    r += "+++ " + fp.new_label;
    if (r.back() != '\n') r += '\n';
    for (std::size_t k : rejected) {
      const Hunk& h = fp.hunks[k];
      r += "@@ -" + range_u(h.old_first, h.old_count()) + " +" + range_u(h.new_first, h.new_count()) +
           " @@\n";
      for (std::size_t i = 0; i < h.kind.size(); ++i) {
        r += h.kind[i];
        r += h.text[i];
        if (h.text[i].empty() || h.text[i].back() != '\n') r += "\n\\ No newline at end of file\n";
      }
    }
  } else {
    // Context format, as GNU writes rejects of context and normal diffs.
    const bool normal = fp.format == Format::kNormal;
    if (!normal) {
      r += "*** " + fp.old_label;
      if (r.back() != '\n') r += '\n';
      r += "--- " + fp.new_label;
      if (r.back() != '\n') r += '\n';
    } else {
      r += "*** /dev/null\n--- /dev/null\n";
    }
    auto range_c = [normal](Lin first, Lin n) {
      if (n == 0) return normal ? std::string("0") : std::to_string(first - 1);
      if (n == 1) return std::to_string(first);
      return std::to_string(first) + "," + std::to_string(first + n - 1);
    };
    for (std::size_t k : rejected) {
      const Hunk& h = fp.hunks[k];
      r += "***************\n*** " + range_c(h.old_first, h.old_count()) + (normal ? "\n" : " ****\n");
      bool has_minus = std::find(h.kind.begin(), h.kind.end(), '-') != h.kind.end();
      bool has_plus = std::find(h.kind.begin(), h.kind.end(), '+') != h.kind.end();
      auto side = [&](char drop, char mark, bool other) {
        for (std::size_t i = 0; i < h.kind.size(); ++i) {
          if (h.kind[i] == drop) continue;
          char m = ' ';
          if (h.kind[i] == mark) {
            // A change (both sides in one run) is '!'.
            std::size_t a = i, b = i;
            while (a > 0 && h.kind[a - 1] != ' ') --a;
            while (b < h.kind.size() && h.kind[b] != ' ') ++b;
            bool both = false;
            for (std::size_t q = a; q < b; ++q)
              if (h.kind[q] == drop) both = true;
            m = both && !normal ? '!' : mark;
          }
          r += m;
          r += ' ';
          r += h.text[i];
          if (h.text[i].empty() || h.text[i].back() != '\n') r += "\n\\ No newline at end of file\n";
        }
        (void)other;
      };
      if (has_minus || !normal) side('+', '-', has_plus);
      r += "--- " + range_c(h.new_first, h.new_count()) + (normal ? " -----\n" : " ----\n");
      if (has_plus || !normal) side('-', '+', has_minus);
    }
  }
  const int err = WriteFileAtomic(path, r, 0644);
  if (err) mc::WarnErrno(inv_, "**** Can't create file " + path, err);
}

int Patcher::ApplyFile(FilePatch& fp, const std::optional<std::string>& origfile) {
  // Which file: ORIGFILE, else the old name if it exists, else the new one.
  auto prefixed = [&](const std::string& n) { return o_.dir.empty() || n.empty() ? n : o_.dir + "/" + n; };
  std::string old_name = fp.old_name == "/dev/null" ? std::string() : Strip(fp.old_name);
  std::string new_name = fp.new_name == "/dev/null" ? std::string() : Strip(fp.new_name);
  std::string name;
  struct stat st {};
  bool exists = false;
  if (origfile) {
    name = *origfile;
  } else {
    for (const std::string* c : {&old_name, &new_name}) {
      if (!c->empty() && stat(prefixed(*c).c_str(), &st) == 0) {
        name = *c;
        break;
      }
    }
    if (name.empty()) {
      const bool creation = fp.old_name == "/dev/null" ||
                            (fp.hunks.size() == 1 && fp.hunks[0].old_count() == 0);
      if (creation && !new_name.empty()) name = new_name;
      else if (creation && !old_name.empty()) name = old_name;
    }
  }
  if (name.empty() && fp.format == Format::kNormal)
    mc::Die(inv_, "**** Only garbage was found in the patch input.", kTrouble);
  if (name.empty()) {
    std::string m = "can't find file to patch at input line " + std::to_string(fp.first_line) +
                    "\nPerhaps you " +
                    (o_.strip < 0 ? std::string("should have used the -p or --strip option?\n")
                                  : "used the wrong -p or --strip option?\n") +
                    "The text leading up to this was:\n--------------------------\n";
    for (auto l : fp.header) {
      m += "|";
      m += l;
      if (m.back() != '\n') m += '\n';
    }
    // No terminal to ask: GNU's prompts with their default answers.
    m += "--------------------------\nFile to patch: \nSkip this patch? [y] \nSkipping patch.\n";
    m += std::to_string(fp.hunks.size()) + " out of " + std::to_string(fp.hunks.size()) +
         (fp.hunks.size() == 1 ? " hunk" : " hunks") + " ignored\n";
    Say(m);
    return 1;
  }
  const std::string path = prefixed(name);
  exists = stat(path.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) {
    const std::size_t n = fp.hunks.size();
    Say("File " + name + " is not a regular file -- refusing to patch\n" + std::to_string(n) +
        " out of " + std::to_string(n) + (n == 1 ? " hunk" : " hunks") +
        " ignored -- saving rejects to file " + name + ".rej\n");
    std::vector<std::size_t> all;
    for (std::size_t k = 0; k < n; ++k) all.push_back(k);
    if (!o_.dry_run) WriteRejects(fp, all, path + ".rej");
    return 1;
  }
  std::string data;
  if (exists && !ReadFile(path, &data)) {
    mc::WarnErrno(inv_, "**** Can't open file " + mc::Quote(path), errno);
    return kTrouble;
  }
  Say(std::string(o_.dry_run ? "checking file " : "patching file ") +
      (o_.output.empty() ? name : o_.output + " (read from " + name + ")") + "\n");
  std::vector<std::string> in;
  for (std::string_view l : SplitLines(data)) in.emplace_back(l);
  if (o_.reverse)
    for (Hunk& h : fp.hunks) Swap(&h);

  std::vector<std::string> outl;
  Lin last_frozen = 0, in_offset = 0, out_offset = 0;
  std::vector<std::size_t> rejected;
  bool mismatch = false, skip = false, ignored = false;
  for (std::size_t k = 0; k < fp.hunks.size(); ++k) {
    Hunk& h = fp.hunks[k];
    const std::string num = std::to_string(k + 1);
    if (skip) {
      rejected.push_back(k);
      continue;
    }
    Lin prefix_context = 0, suffix_context = 0;
    while (prefix_context < static_cast<Lin>(h.kind.size()) && h.kind[prefix_context] == ' ')
      ++prefix_context;
    while (suffix_context < static_cast<Lin>(h.kind.size()) &&
           h.kind[h.kind.size() - 1 - suffix_context] == ' ')
      ++suffix_context;
    const Lin maxfuzz = std::min(o_.fuzz, std::max(prefix_context, suffix_context));
    Lin where = 0, fuzz = 0;
    do {
      where = Locate(h, in, fuzz, last_frozen, &in_offset);
      if (k == 0 && !where && !o_.force && !o_.reverse) {
        Swap(&h);
        Lin off = in_offset;
        Lin rw = Locate(h, in, fuzz, last_frozen, &off);
        if (rw) {
          if (o_.forward) {
            Say("Reversed (or previously applied) patch detected!  Skipping patch.\n");
            skip = true;
          } else if (o_.batch) {
            Say("Reversed (or previously applied) patch detected!  Assuming -R.\n");
            mismatch = true;
            for (std::size_t q = 1; q < fp.hunks.size(); ++q) Swap(&fp.hunks[q]);
            o_.reverse = true;
            where = rw;
            in_offset = off;
          } else {
            // No terminal to ask: the answers are the defaults (no).
            Say("Reversed (or previously applied) patch detected!  Assume -R? [n] \n");
            Say("Apply anyway? [n] \nSkipping patch.\n");
            skip = true;
          }
        }
        if (!where) Swap(&h);
        if (skip) break;
      }
    } while (!skip && !where && ++fuzz <= maxfuzz);
    if (skip) {
      ignored = true;
      rejected.push_back(k);
      continue;
    }
    if (!where) {
      mismatch = true;
      rejected.push_back(k);
      Say("Hunk #" + num + " FAILED at " + std::to_string(h.old_first + out_offset) + ".\n");
      continue;
    }
    if (fuzz || in_offset) mismatch = true;
    // Copy up to the hunk, then walk it: context from the file, '-' skipped,
    // '+' inserted.
    Lin i = last_frozen;
    for (; i < where - 1; ++i) outl.push_back(in[static_cast<std::size_t>(i)]);
    const Lin newwhere = static_cast<Lin>(outl.size()) + 1;
    Lin ii = where - 1;
    for (std::size_t q = 0; q < h.kind.size(); ++q) {
      if (h.kind[q] == ' ') {
        if (ii < static_cast<Lin>(in.size())) outl.push_back(in[static_cast<std::size_t>(ii)]);
        ++ii;
      } else if (h.kind[q] == '-') {
        ++ii;
      } else {
        outl.push_back(h.text[q]);
      }
    }
    last_frozen = ii;
    out_offset += h.new_count() - h.old_count();
    if (fuzz || in_offset) {
      std::string m = "Hunk #" + num + " succeeded at " + std::to_string(newwhere);
      if (fuzz) m += " with fuzz " + std::to_string(fuzz);
      if (in_offset)
        m += " (offset " + std::to_string(in_offset) + (in_offset == 1 || in_offset == -1 ? " line)" : " lines)");
      Say(m + ".\n");
    }
  }
  for (Lin i = last_frozen; i < static_cast<Lin>(in.size()); ++i) outl.push_back(in[static_cast<std::size_t>(i)]);

  int status = rejected.empty() ? 0 : 1;
  if (!o_.dry_run) {
    std::string result;
    for (const std::string& l : outl) result += l;
    const std::string target = o_.output.empty() ? path : o_.output;
    if (o_.output == "-") {
      out_.Write(result);
    } else {
      if (exists && o_.output.empty() && (o_.backup || (mismatch && o_.backup_mismatch))) {
        const std::string b = path + o_.suffix;
        if (link(path.c_str(), b.c_str()) != 0) {
          unlink(b.c_str());
          if (link(path.c_str(), b.c_str()) != 0 && WriteFileAtomic(b, data, st.st_mode) != 0)
            mc::WarnErrno(inv_, "**** Can't backup " + mc::Quote(path), errno);
        }
      } else if (!exists && o_.backup && o_.output.empty()) {
        // GNU makes an empty backup for a created file.
        WriteFileAtomic(path + o_.suffix, "", 0644);
      }
      const bool deletion = fp.new_name == "/dev/null" && result.empty() && o_.output.empty();
      if (deletion) {
        if (exists && unlink(path.c_str()) != 0) {
          mc::WarnErrno(inv_, "**** Can't remove file " + mc::Quote(path), errno);
          return kTrouble;
        }
      } else {
        if (!exists) {
          // Create missing parent directories.
          for (std::size_t s = target.find('/', 1); s != std::string::npos; s = target.find('/', s + 1))
            mkdir(target.substr(0, s).c_str(), 0777);
        }
        const int err = WriteFileAtomic(target, result, exists ? st.st_mode : 0644);
        if (err) {
          mc::WarnErrno(inv_, "**** Can't create file " + mc::Quote(target), err);
          return kTrouble;
        }
      }
    }
  }
  if (!rejected.empty()) {
    const std::string rej = !o_.reject_file.empty() ? o_.reject_file : (o_.output.empty() || o_.output == "-" ? path : o_.output) + ".rej";
    std::string m = std::to_string(rejected.size()) + " out of " + std::to_string(fp.hunks.size()) +
                    (fp.hunks.size() == 1 ? " hunk " : " hunks ") + (ignored ? "ignored" : "FAILED");
    if (o_.dry_run) {
      Say(m + "\n");
    } else {
      m += " -- saving rejects to file " + rej + "\n";
      Say(m, true);
      if (o_.reject_file != "-") WriteRejects(fp, rejected, rej);
    }
  }
  return status;
}

int Patcher::Run(const std::string& patch, const std::optional<std::string>& origfile) {
  lines_ = SplitLines(patch);
  std::size_t pos = 0;
  int status = 0;
  bool any = false;
  while (pos < lines_.size()) {
    FilePatch fp;
    if (!ParseNext(&pos, &fp)) break;
    any = true;
    if (fp.hunks.empty()) continue;
    status = std::max(status, ApplyFile(fp, origfile));
  }
  if (!any && !patch.empty()) mc::Die(inv_, "**** Only garbage was found in the patch input.", kTrouble);
  return status;
}

int TryHelp(mc::Invocation& inv, std::string_view msg) {
  if (!msg.empty()) mc::Warn(inv, msg);
  mc::Warn(inv, "Try 'patch --help' for more information.");
  return kTrouble;
}

}  // namespace

MC_APPLET(patch) {
  Options o;
  mc::cli::Parser p(inv);
  std::optional<int> bad;
  auto number = [&](const std::string& v, const char* what, Lin* out) {
    Lin n = 0;
    std::string_view s = v;
    if (!ParseNum(s, &n) || !s.empty()) {
      mc::Warn(inv, std::string("strip count ") + v + " is not a number");
      (void)what;
      bad = kTrouble;
      p.Stop(kTrouble);
      return;
    }
    *out = n;
  };
  p.OnValue("-p,--strip", [&](const std::string& v) {
    Lin n = 0;
    number(v, "strip", &n);
    o.strip = static_cast<int>(n);
  });
  p.OnValue("-F,--fuzz", [&](const std::string& v) { number(v, "fuzz", &o.fuzz); });
  p.OnFlag("-c,--context", [] {});
  p.OnFlag("-n,--normal", [] {});
  p.OnFlag("-u,--unified", [] {});
  p.OnFlag("-e,--ed", [&] {
    mc::Warn(inv, "**** ed-style diffs are not supported");
    bad = kTrouble;
    p.Stop(kTrouble);
  });
  p.Flag("-N,--forward", o.forward);
  p.Flag("-R,--reverse", o.reverse);
  p.Value("-i,--input", o.input);
  p.Value("-o,--output", o.output);
  p.Value("-r,--reject-file", o.reject_file);
  p.Flag("-s,--quiet,--silent", o.silent);
  p.Flag("--dry-run", o.dry_run);
  p.Flag("-b,--backup", o.backup);
  p.OnFlag("--backup-if-mismatch", [&] { o.backup_mismatch = true; });
  p.OnFlag("--no-backup-if-mismatch", [&] { o.backup_mismatch = false; });
  p.Value("-z,--suffix", o.suffix);
  p.Flag("-t,--batch", o.batch);
  p.Flag("-f,--force", o.force);
  p.Value("-d,--directory", o.dir);
  p.OnFlag("-v", [&] { p.Stop(mc::cli::PrintVersion(inv)); });
  p.OnUsageError([&](std::string_view msg) { return TryHelp(inv, msg); });
  std::vector<std::string> ops;
  if (auto rc = p.Parse(&ops)) return bad ? *bad : *rc;
  if (bad) return *bad;
  if (ops.size() > 2) return TryHelp(inv, ops[2] + ": extra operand");
  if (inv.posixly_correct()) o.backup_mismatch = false;
  if (!o.dir.empty()) {
    struct stat st;
    if (stat(o.dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      const int err = errno ? errno : ENOTDIR;
      mc::Die(inv, "**** Can't change to directory " + o.dir + " : " + std::string(mc::ErrorText(err)), kTrouble);
    }
  }
  std::optional<std::string> origfile;
  if (!ops.empty()) origfile = ops[0];
  if (ops.size() == 2) o.input = ops[1];
  std::string patch;
  if (o.input.empty() || o.input == "-") {
    char buf[65536];
    long n;
    while ((n = mc::ReadSome(inv.in_fd(), buf, sizeof buf)) > 0) patch.append(buf, static_cast<std::size_t>(n));
    if (n < 0) mc::DieErrno(inv, "**** Can't read patch", errno);
  } else if (!ReadFile(o.input, &patch)) {
    const int err = errno;
    mc::Die(inv, "**** Can't open patch file " + o.input + " : " + std::string(mc::ErrorText(err)), kTrouble);
  }
  Patcher pt(inv, o);
  return pt.Run(patch, origfile);
}
