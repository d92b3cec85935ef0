/* @applet comm
   @help
Usage: comm [OPTION]... FILE1 FILE2
Compare sorted files FILE1 and FILE2 line by line.

When FILE1 or FILE2 (not both) is -, read standard input.

With no options, produce three-column output.  Column one contains
lines unique to FILE1, column two contains lines unique to FILE2,
and column three contains lines common to both files.

  -1                      suppress column 1 (lines unique to FILE1)
  -2                      suppress column 2 (lines unique to FILE2)
  -3                      suppress column 3 (lines that appear in both files)

      --check-order       check that the input is correctly sorted, even
                            if all input lines are pairable
      --nocheck-order     do not check that the input is correctly sorted
      --output-delimiter=STR  separate columns with STR
      --total             output a summary
  -z, --zero-terminated   line delimiter is NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

Note, comparisons honor the rules specified by 'LC_COLLATE'; this program
compares bytes, as in the C locale, whatever the locale.

Examples:
  comm -12 file1 file2  Print only lines present in both file1 and file2.
  comm -3 file1 file2  Print lines in file1 not in file2, and vice versa.
*/
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "registry/applet.h"

namespace {

enum class CheckOrder { kDefault, kEnabled, kDisabled };

int Compare(std::string_view a, std::string_view b) {
  int d = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  if (d != 0) return d;
  return a.size() < b.size() ? -1 : a.size() != b.size();
}

void PutNumber(std::string& s, std::uintmax_t n) { s += std::to_string(n); }

}  // namespace

MC_APPLET(comm) {
  bool show[3] = {true, true, true};
  CheckOrder check = CheckOrder::kDefault;
  std::optional<std::string> sep;
  bool total = false, multiple_sep = false;
  char delim = '\n';
  mc::cli::Parser p(inv);
  p.OnFlag("-1", [&] { show[0] = false; });
  p.OnFlag("-2", [&] { show[1] = false; });
  p.OnFlag("-3", [&] { show[2] = false; });
  p.OnFlag("--check-order", [&] { check = CheckOrder::kEnabled; });
  p.OnFlag("--nocheck-order", [&] { check = CheckOrder::kDisabled; });
  p.OnValue("--output-delimiter", [&](const std::string& v) {
    if (sep && *sep != v) multiple_sep = true;
    sep = v;
  });
  p.Flag("--total", total);
  p.OnFlag("-z,--zero-terminated", [&] { delim = '\0'; });
  std::vector<std::string> ops;
  if (auto rc = p.Parse(&ops)) return *rc;
  if (multiple_sep) {
    mc::Warn(inv, "multiple output delimiters specified");
    return 1;
  }
  if (ops.empty()) return mc::UsageError(inv, "missing operand");
  if (ops.size() == 1) return mc::UsageError(inv, "missing operand after " + mc::Quote(ops[0]));
  if (ops.size() > 2) return mc::UsageError(inv, "extra operand " + mc::Quote(ops[2]));
  std::string col = sep ? (sep->empty() ? std::string(1, '\0') : *sep) : std::string("\t");

  int fd[2];
  for (int i = 0; i < 2; ++i) {
    fd[i] = mc::OpenInput(inv, ops[static_cast<std::size_t>(i)]);
    if (fd[i] < 0) {
      if (i == 1) mc::CloseInput(inv, fd[0]);
      return 1;
    }
  }
  mc::LineReader r0(fd[0], delim), r1(fd[1], delim);
  mc::LineReader* rd[2] = {&r0, &r1};
  std::string_view cur[2];
  bool have[2];
  // The last two lines of each file, for the order checks: held without a
  // copy when they are long.
  mc::HeldRecord held[2], held_before[2];
  std::string_view prev[2];
  bool warned[2] = {false, false};
  bool seen_unpairable = false;
  std::uintmax_t count[3] = {0, 0, 0};
  int read_error = 0;
  std::string read_error_name;

  auto advance = [&](int i) {
    have[i] = rd[i]->Next(cur[i]);
    if (!have[i] && rd[i]->error() != 0 && read_error == 0) {
      read_error = rd[i]->error();
      read_error_name = ops[static_cast<std::size_t>(i)];
    }
  };
  // Returns false when --check-order makes the disorder fatal.
  mc::Output& out = inv.out();
  auto check_order = [&](int i, std::string_view before, std::string_view after) {
    if (check == CheckOrder::kDisabled) return true;
    if (!(check == CheckOrder::kEnabled || seen_unpairable) || warned[i]) return true;
    if (Compare(before, after) > 0) {
      mc::Warn(inv, "file " + std::to_string(i + 1) + " is not in sorted order");
      if (check == CheckOrder::kEnabled) return false;
      warned[i] = true;
    }
    return true;
  };
  auto write = [&](std::string_view line, int cls) {
    if (!show[cls]) return;
    if (cls >= 1 && show[0]) out.Write(col);
    if (cls == 2 && show[1]) out.Write(col);
    out.Write(line);
    out.Put(delim);
  };
  const bool need_prev = check != CheckOrder::kDisabled;

  // A line is checked against its predecessor as it is read, once an
  // unpairable line has been seen (or always with --check-order); at the
  // end of a file its last two lines are checked again, as GNU does.
  std::string_view before_prev[2];
  std::uintmax_t nread[2] = {0, 0};
  advance(0);
  advance(1);
  nread[0] = have[0];
  nread[1] = have[1];
  int status = 0;
  while ((have[0] || have[1]) && read_error == 0) {
    int order = !have[0] ? 1 : !have[1] ? -1 : Compare(cur[0], cur[1]);
    if (order == 0) {
      ++count[2];
      write(cur[1], 2);
    } else {
      seen_unpairable = true;
      if (order < 0) {
        ++count[0];
        write(cur[0], 0);
      } else {
        ++count[1];
        write(cur[1], 1);
      }
    }
    bool fatal = false;
    for (int i = 0; i < 2 && !fatal; ++i) {
      if ((i == 0 && order <= 0) || (i == 1 && order >= 0)) {
        if (need_prev) {
          before_prev[i].swap(prev[i]);
          prev[i] = rd[i]->Keep(cur[i], held[i]);
          held[i].swap(held_before[i]);
        }
        advance(i);
        if (have[i]) {
          ++nread[i];
          if (need_prev && !check_order(i, prev[i], cur[i])) fatal = true;
        } else if (need_prev && nread[i] >= 2 && !check_order(i, before_prev[i], prev[i])) {
          fatal = true;
        }
      }
    }
    if (fatal) {
      status = 1;
      break;
    }
  }
  mc::CloseInput(inv, fd[0]);
  mc::CloseInput(inv, fd[1]);
  if (read_error != 0) {
    mc::WarnErrno(inv, mc::QuoteName(read_error_name), read_error);
    return 1;
  }
  if (status != 0) return status;
  if (total) {
    std::string s;
    PutNumber(s, count[0]);
    s += col;
    PutNumber(s, count[1]);
    s += col;
    PutNumber(s, count[2]);
    s += col;
    s += "total";
    s += delim;
    out.Write(s);
  }
  if (warned[0] || warned[1]) {
    mc::Warn(inv, "input is not in sorted order");
    return 1;
  }
  return 0;
}
