/* @applet diff3
   @failcode 2
   @help
Usage: diff3 [OPTION]... MYFILE OLDFILE YOURFILE
Compare three files line by line.

Mandatory arguments to long options are mandatory for short options too.
  -A, --show-all              output all changes, bracketing conflicts

  -e, --ed                    output ed script incorporating changes
                                from OLDFILE to YOURFILE into MYFILE
  -E, --show-overlap          like -e, but bracket conflicts
  -3, --easy-only             like -e, but incorporate only nonoverlapping changes
  -x, --overlap-only          like -e, but incorporate only overlapping changes
  -X                          like -x, but bracket conflicts
  -i                          append 'w' and 'q' commands to ed scripts

  -m, --merge                 output actual merged file, according to
                                -A if no other options are given

  -a, --text                  treat all files as text
      --strip-trailing-cr     strip trailing carriage return on input
  -T, --initial-tab           make tabs line up by prepending a tab
      --diff-program=PROGRAM  ignored: the built-in diff is used
  -L, --label=LABEL           use LABEL instead of file name
                                (can be repeated up to three times)

      --help                  display this help and exit
  -v, --version               output version information and exit

The default output format is a somewhat human-readable representation of
the changes.

The -e, -E, -x, -X (and corresponding long) options cause an ed script
to be output instead of the default.

Finally, the -m (--merge) option causes diff3 to do a 3-way merge
and output the resulting merged file.

If a FILE is '-', read standard input.
Exit status is 0 if successful, 1 if conflicts, 2 if trouble.
*/
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <string_view>
#include <vector>

#include "applets/diff/engine.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "registry/applet.h"

namespace {

using mc::diff::Change;
using mc::diff::Text;
using Lin = std::ptrdiff_t;

constexpr int kTrouble = 2;

// Internal file numbers, as GNU's diff3: the two "other" files and the
// common one both two-way diffs are made against.
enum { kFile0 = 0, kFile1 = 1, kFileC = 2 };
enum Type { kAll, k1st, k2nd, k3rd };

// A two-way difference: 1-based line ranges [lo, hi] (hi = lo-1 when
// empty) in the other file (0) and the common file (1).
struct Block2 {
  Lin lo[2], hi[2];
};

// A three-way difference: ranges in the files by internal number.
struct Block3 {
  Lin lo[3], hi[3];
  Type type;
};

// *incomplete counts the "\ No newline at end of file" lines GNU's diff
// would print (diff3 reads its output).
std::vector<Block2> TwoWay(const Text& other, const Text& common, int* incomplete) {
  mc::diff::CompareOptions co;
  co.horizon = 100;  // GNU's diff3 runs diff --horizon-lines=100
  std::vector<Block2> r;
  for (const Change& c : mc::diff::Compare(other, common, co)) {
    if (c.deleted && c.line0 + c.deleted == other.lines() && other.missing_newline) ++*incomplete;
    if (c.inserted && c.line1 + c.inserted == common.lines() && common.missing_newline)
      ++*incomplete;
    Block2 b;
    b.lo[0] = static_cast<Lin>(c.line0) + 1;
    b.hi[0] = static_cast<Lin>(c.line0 + c.deleted);
    b.lo[1] = static_cast<Lin>(c.line1) + 1;
    b.hi[1] = static_cast<Lin>(c.line1 + c.inserted);
    r.push_back(b);
  }
  return r;
}

// GNU's make_3way_diff: blocks of either diff that overlap or touch in
// the common file are gathered into one three-way block.
// complete: lines without a final newline compare as if they had one (ed
// scripts complete them).
std::vector<Block3> ThreeWay(const std::vector<Block2> thread[2], const Text* text[3],
                             bool complete) {
  std::vector<Block3> result;
  std::size_t cur[2] = {0, 0};
  Block3 last{{0, 0, 0}, {0, 0, 0}, kAll};
  const std::size_t n[2] = {thread[0].size(), thread[1].size()};
  while (cur[0] < n[0] || cur[1] < n[1]) {
    // The blocks used: [first, end) of each thread.
    std::size_t first[2] = {cur[0], cur[1]}, end[2] = {cur[0], cur[1]};
    int base;
    if (cur[0] == n[0])
      base = 1;
    else if (cur[1] == n[1])
      base = 0;
    else
      base = thread[0][cur[0]].lo[1] > thread[1][cur[1]].lo[1];
    int high_thread = base;
    Lin high_mark = thread[base][cur[base]].hi[1];
    end[base] = ++cur[base];
    int other = high_thread ^ 1;
    while (cur[other] < n[other] && thread[other][cur[other]].lo[1] <= high_mark + 1) {
      const Block2& od = thread[other][cur[other]];
      end[other] = ++cur[other];
      if (high_mark < od.hi[1]) {
        high_thread ^= 1;
        high_mark = od.hi[1];
      }
      other = high_thread ^ 1;
    }
    Block3 r;
    const Lin lowc = thread[base][first[base]].lo[1];
    const Lin highc = thread[high_thread][end[high_thread] - 1].hi[1];
    for (int d = 0; d < 2; ++d) {
      if (first[d] != end[d]) {
        const Block2& f = thread[d][first[d]];
        const Block2& l = thread[d][end[d] - 1];
        r.lo[d] = lowc - f.lo[1] + f.lo[0];
        r.hi[d] = highc - l.hi[1] + l.hi[0];
      } else {
        r.lo[d] = lowc - last.hi[kFileC] + last.hi[d];
        r.hi[d] = highc - last.hi[kFileC] + last.hi[d];
      }
    }
    r.lo[kFileC] = lowc;
    r.hi[kFileC] = highc;
    if (first[0] == end[0]) {
      r.type = k2nd;
    } else if (first[1] == end[1]) {
      r.type = k1st;
    } else {
      const Lin n0 = r.hi[0] - r.lo[0] + 1, n1 = r.hi[1] - r.lo[1] + 1;
      bool same = n0 == n1;
      for (Lin i = 0; same && i < n0; ++i) {
        const auto i0 = static_cast<std::size_t>(r.lo[0] - 1 + i);
        const auto i1 = static_cast<std::size_t>(r.lo[1] - 1 + i);
        same = complete ? text[0]->Content(i0) == text[1]->Content(i1)
                        : text[0]->Line(i0) == text[1]->Line(i1);
      }
      r.type = same ? k3rd : kAll;
    }
    result.push_back(r);
    last = r;
  }
  return result;
}

int TryHelp(mc::Invocation& inv, std::string_view msg) {
  if (!msg.empty()) mc::Warn(inv, msg);
  mc::Warn(inv, "Try 'diff3 --help' for more information.");
  return kTrouble;
}

bool ReadText(mc::Invocation& inv, const std::string& name, Text* t) {
  const int fd = mc::OpenInput(inv, name);
  if (fd < 0) return false;
  char buf[64 * 1024];
  for (;;) {
    const long n = mc::ReadSome(fd, buf, sizeof buf);
    if (n < 0) {
      const int err = errno;
      mc::CloseInput(inv, fd);
      mc::WarnErrno(inv, mc::QuoteName(name), err);
      return false;
    }
    if (n == 0) break;
    t->data.append(buf, static_cast<std::size_t>(n));
  }
  mc::CloseInput(inv, fd);
  return true;
}

}  // namespace

MC_APPLET(diff3) {
  inv.set_write_error_label("standard output");
  bool show_2nd = false, flagging = false, overlap_only = false, simple_only = false;
  bool finalwrite = false, merge = false, initial_tab = false, strip_cr = false, text_opt = false;
  int incompat = 0;
  std::vector<std::string> labels;
  std::string program;
  bool too_many_labels = false;
  mc::cli::Parser p(inv);
  p.OnFlag("-A,--show-all", [&] {
    show_2nd = flagging = true;
    ++incompat;
  });
  p.OnFlag("-e,--ed", [&] { ++incompat; });
  p.OnFlag("-E,--show-overlap", [&] {
    flagging = true;
    ++incompat;
  });
  p.OnFlag("-3,--easy-only", [&] {
    simple_only = true;
    ++incompat;
  });
  p.OnFlag("-x,--overlap-only", [&] {
    overlap_only = true;
    ++incompat;
  });
  // GNU diff3 3.8's -X brackets nothing: it acts as -x.
  p.OnFlag("-X", [&] {
    overlap_only = true;
    ++incompat;
  });
  p.Flag("-i", finalwrite);
  p.Flag("-m,--merge", merge);
  p.Flag("-a,--text", text_opt);
  p.Flag("--strip-trailing-cr", strip_cr);
  p.Flag("-T,--initial-tab", initial_tab);
  p.Value("--diff-program", program);
  p.OnValue("-L,--label", [&](const std::string& v) {
    if (labels.size() < 3) {
      labels.push_back(v);
    } else {
      too_many_labels = true;
      p.Stop(kTrouble);
    }
  });
  p.OnFlag("-v", [&] { p.Stop(mc::cli::PrintVersion(inv)); });
  p.OnUsageError([&](std::string_view msg) { return TryHelp(inv, msg); });
  std::vector<std::string> ops;
  if (auto rc = p.Parse(&ops)) {
    if (too_many_labels) return TryHelp(inv, "too many file label options");
    return *rc;
  }
  const bool edscript = incompat && !merge;
  show_2nd |= incompat == 0 && merge;
  flagging |= incompat == 0 && merge;
  if (incompat > 1 || (finalwrite && merge) || (!labels.empty() && !flagging))
    return TryHelp(inv, "incompatible options");
  if (ops.size() < 3) {
    const auto args = inv.args();
    return TryHelp(inv, "missing operand after " +
                            mc::Quote(args.empty() ? std::string_view("diff3") : args.back()));
  }
  if (ops.size() > 3) return TryHelp(inv, "extra operand " + mc::Quote(ops[3]));

  int common = edscript || merge ? 1 : 2;
  if (ops[common] == "-") {
    common = 3 - common;
    if (ops[0] == "-" || ops[common] == "-")
      mc::Die(inv, "'-' specified for more than one input file", kTrouble);
  }
  // mapping[i]: internal number of operand i; rev[internal]: operand.
  const int mapping[3] = {0, 3 - common, common};
  int rev[3];
  for (int i = 0; i < 3; ++i) rev[mapping[i]] = i;

  Text files[3];  // by operand
  for (int i = 0; i < 3; ++i) {
    if (!ReadText(inv, ops[i], &files[i])) return kTrouble;
    files[i].Index(strip_cr);
  }
  (void)text_opt;
  const Text* internal[3];
  for (int i = 0; i < 3; ++i) internal[mapping[i]] = &files[i];
  int incomplete = 0;
  std::vector<Block2> threads[2] = {TwoWay(*internal[kFile0], *internal[kFileC], &incomplete),
                                    TwoWay(*internal[kFile1], *internal[kFileC], &incomplete)};
  // An ed script completes such lines, and says so for each.
  if (edscript)
    for (int i = 0; i < incomplete; ++i) mc::Warn(inv, "No newline at end of file");
  const std::vector<Block3> blocks = ThreeWay(threads, internal, edscript);

  std::string tags[3];
  for (int i = 0; i < 3; ++i) tags[i] = i < static_cast<int>(labels.size()) ? labels[i] : ops[i];

  mc::Output& out = inv.out();
  auto lines = [&](const Block3& b, int f) {  // f: internal number
    return b.hi[f] - b.lo[f] + 1;
  };
  auto line = [&](const Block3& b, int f, Lin i) {
    return internal[f]->Line(static_cast<std::size_t>(b.lo[f] - 1 + i));
  };
  auto num = [&](Lin v) { out.Write(std::to_string(v)); };
  // The type with operands' numbering: which operand is the odd one out.
  auto type_of = [&](const Block3& b) {
    return b.type == kAll ? kAll : static_cast<Type>(k1st + rev[b.type - k1st]);
  };

  if (!edscript && !merge) {
    static constexpr int kSkew[3] = {2, 3, 1};
    const char* prefix = initial_tab ? "\t" : "  ";
    for (const Block3& b : blocks) {
      int oddone, dontprint;
      if (b.type == kAll) {
        out.Write("====\n");
        oddone = 3;
        dontprint = 3;
      } else {
        oddone = rev[b.type - k1st];
        out.Write("====");
        out.Put(static_cast<char>('1' + oddone));
        out.Put('\n');
        dontprint = oddone == 0;
      }
      for (int i = 0; i < 3; i = oddone == 1 ? kSkew[i] : i + 1) {
        const int f = mapping[i];
        const Lin lo = b.lo[f], hi = b.hi[f];
        num(i + 1);
        out.Put(':');
        if (lo - hi == 1) {
          num(lo - 1);
          out.Write("a\n");
        } else if (lo == hi) {
          num(lo);
          out.Write("c\n");
        } else {
          num(lo);
          out.Put(',');
          num(hi);
          out.Write("c\n");
        }
        if (i == dontprint) continue;
        if (lo <= hi) {
          std::string_view l;
          for (Lin k = 0; k <= hi - lo; ++k) {
            out.Write(prefix);
            l = line(b, f, k);
            out.Write(l);
          }
          if (l.back() != '\n') out.Write("\n\\ No newline at end of file\n");
        }
      }
    }
    return 0;
  }

  bool conflicts = false;
  auto dotlines = [&](const Block3& b, int f) {
    bool leading = false;
    for (Lin i = 0; i < lines(b, f); ++i) {
      std::string_view l = line(b, f, i);
      if (!l.empty() && l[0] == '.') {
        leading = true;
        out.Put('.');
      }
      out.Write(l);
      if (l.empty() || l.back() != '\n') out.Put('\n');
    }
    return leading;
  };
  auto undotlines = [&](bool leading, Lin start, Lin n) {
    out.Write(".\n");
    if (leading) {
      if (n == 1) {
        num(start);
        out.Write("s/^\\.//\n");
      } else if (n > 1) {
        num(start);
        out.Put(',');
        num(start + n - 1);
        out.Write("s/^\\.//\n");
      }
    }
  };

  if (edscript) {
    for (std::size_t k = blocks.size(); k-- > 0;) {
      const Block3& b = blocks[k];
      const Type type = type_of(b);
      bool conflict;
      switch (type) {
        case k2nd:
          if (!show_2nd) continue;
          conflict = true;
          break;
        case k3rd:
          if (overlap_only) continue;
          conflict = false;
          break;
        case kAll:
          if (simple_only) continue;
          conflict = flagging;
          break;
        default:
          continue;
      }
      const Lin low0 = b.lo[mapping[0]], high0 = b.hi[mapping[0]];
      if (conflict) {
        conflicts = true;
        num(high0);
        out.Write("a\n");
        bool leading = false;
        if (type == kAll) {
          if (show_2nd) {
            out.Write("||||||| " + tags[1] + "\n");
            leading = dotlines(b, mapping[1]);
          }
          out.Write("=======\n");
          leading |= dotlines(b, mapping[2]);
        }
        out.Write(">>>>>>> " + tags[2] + "\n");
        undotlines(leading, high0 + 2, lines(b, mapping[1]) + lines(b, mapping[2]) + 1);
        num(low0 - 1);
        out.Write("a\n<<<<<<< " + (type == kAll ? tags[0] : tags[1]) + "\n");
        leading = false;
        if (type == k2nd) {
          leading = dotlines(b, mapping[1]);
          out.Write("=======\n");
        }
        undotlines(leading, low0 + 1, lines(b, mapping[1]));
      } else if (lines(b, mapping[2]) == 0) {
        num(low0);
        if (low0 != high0) {
          out.Put(',');
          num(high0);
        }
        out.Write("d\n");
      } else {
        if (high0 - low0 == -1) {
          num(high0);
          out.Write("a\n");
        } else if (high0 == low0) {
          num(high0);
          out.Write("c\n");
        } else {
          num(low0);
          out.Put(',');
          num(high0);
          out.Write("c\n");
        }
        undotlines(dotlines(b, mapping[2]), low0, lines(b, mapping[2]));
      }
    }
    if (finalwrite) out.Write("w\nq\n");
    return conflicts ? 1 : 0;
  }

  // -m: file 0 with the chosen blocks merged in.
  const Text& mine = files[0];
  Lin read = 0;  // lines of file 0 copied or skipped
  for (const Block3& b : blocks) {
    const Type type = type_of(b);
    bool conflict;
    const char* format_2nd = "<<<<<<< ";
    switch (type) {
      case k2nd:
        if (!show_2nd) continue;
        conflict = true;
        break;
      case k3rd:
        if (overlap_only) continue;
        conflict = false;
        break;
      case kAll:
        if (simple_only) continue;
        conflict = flagging;
        format_2nd = "||||||| ";
        break;
      default:
        continue;
    }
    for (Lin i = read; i < b.lo[kFile0] - 1; ++i) out.Write(mine.Line(static_cast<std::size_t>(i)));
    read = std::max(read, b.lo[kFile0] - 1);
    if (conflict) {
      conflicts = true;
      if (type == kAll) {
        out.Write("<<<<<<< " + tags[0] + "\n");
        for (Lin i = 0; i < lines(b, mapping[0]); ++i) out.Write(line(b, mapping[0], i));
      }
      if (show_2nd) {
        out.Write(format_2nd + tags[1] + "\n");
        for (Lin i = 0; i < lines(b, mapping[1]); ++i) out.Write(line(b, mapping[1], i));
      }
      out.Write("=======\n");
    }
    for (Lin i = 0; i < lines(b, mapping[2]); ++i) out.Write(line(b, mapping[2], i));
    if (conflict) out.Write(">>>>>>> " + tags[2] + "\n");
    read += lines(b, kFile0);
  }
  for (Lin i = read; i < static_cast<Lin>(mine.lines()); ++i)
    out.Write(mine.Line(static_cast<std::size_t>(i)));
  return conflicts ? 1 : 0;
}
