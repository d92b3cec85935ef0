/* @applet paste
   @help
Usage: paste [OPTION]... [FILE]...
Write lines consisting of the sequentially corresponding lines from
each FILE, separated by TABs, to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -d, --delimiters=LIST   reuse characters from LIST instead of TABs
  -s, --serial            paste one file at a time instead of in parallel
  -z, --zero-terminated    line delimiter is NUL, not newline
      --help        display this help and exit
      --version     output version information and exit
*/
#include <cerrno>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "registry/applet.h"

namespace {

// The delimiter list: each entry is one byte or empty (from \0).
bool ParseDelims(std::string_view spec, std::vector<std::string>& out) {
  for (std::size_t i = 0; i < spec.size(); ++i) {
    char c = spec[i];
    if (c != '\\') {
      out.emplace_back(1, c);
      continue;
    }
    if (++i == spec.size()) return false;
    switch (spec[i]) {
      case '0': out.emplace_back(); break;
      case 'b': out.emplace_back(1, '\b'); break;
      case 'f': out.emplace_back(1, '\f'); break;
      case 'n': out.emplace_back(1, '\n'); break;
      case 'r': out.emplace_back(1, '\r'); break;
      case 't': out.emplace_back(1, '\t'); break;
      case 'v': out.emplace_back(1, '\v'); break;
      default: out.emplace_back(1, spec[i]); break;
    }
  }
  return true;
}

// GNU's c-maybe quoting: as is unless a byte needs a C escape.
std::string MaybeCQuote(std::string_view s) {
  bool plain = true;
  for (unsigned char c : s)
    if (c < 0x20 || c >= 0x7f) plain = false;
  if (plain) return std::string(s);
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\v': out += "\\v"; break;
      case '\a': out += "\\a"; break;
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      default:
        if (c < 0x20 || c >= 0x7f) {
          char buf[5] = {'\\', static_cast<char>('0' + (c >> 6)),
                         static_cast<char>('0' + ((c >> 3) & 7)), static_cast<char>('0' + (c & 7)),
                         0};
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

struct Source {
  std::string name;
  int fd = -1;
  std::unique_ptr<mc::LineReader> reader;  // shared by all "-" operands
  bool eof = false;
};

}  // namespace

MC_APPLET(paste) {
  std::string delim_spec = "\t";
  bool serial = false, zero = false;
  mc::cli::Parser p(inv);
  p.Value("-d,--delimiters", delim_spec);
  p.Flag("-s,--serial", serial);
  p.Flag("-z,--zero-terminated", zero);
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;
  if (files.empty()) files.push_back("-");

  std::vector<std::string> delims;
  if (!ParseDelims(delim_spec, delims)) {
    mc::Warn(inv, "delimiter list ends with an unescaped backslash: " + MaybeCQuote(delim_spec));
    return 1;
  }
  if (delims.empty()) delims.emplace_back();
  const char eol = zero ? '\0' : '\n';
  mc::Output& out = inv.out();
  int status = 0;

  auto report = [&](const std::string& name, int err) {
    mc::WarnErrno(inv, mc::QuoteName(name), err);
    status = 1;
  };

  if (serial) {
    std::unique_ptr<mc::LineReader> stdin_reader;
    for (const auto& name : files) {
      const bool is_stdin = name == "-";
      int fd = mc::OpenInput(inv, name);
      if (fd < 0) {
        status = 1;
        continue;
      }
      mc::LineReader* reader;
      std::unique_ptr<mc::LineReader> own;
      if (is_stdin) {
        if (!stdin_reader) stdin_reader = std::make_unique<mc::LineReader>(fd, eol);
        reader = stdin_reader.get();
      } else {
        own = std::make_unique<mc::LineReader>(fd, eol);
        reader = own.get();
      }
      std::string_view piece;
      bool last, terminated, at_start = true;
      std::size_t d = 0;
      bool first = true;
      while (reader->NextPiece(piece, last, terminated)) {
        if (at_start && !first) {
          out.Write(delims[d]);
          if (++d == delims.size()) d = 0;
        }
        first = false;
        out.Write(piece);
        at_start = last;
      }
      out.Put(eol);
      if (reader->error() != 0) report(name, reader->error());
      if (!is_stdin) mc::CloseInput(inv, fd);
    }
    return status;
  }

  // Parallel: every file is opened first; one that cannot be is fatal.
  std::vector<Source> sources(files.size());
  std::unique_ptr<mc::LineReader> stdin_reader;
  for (std::size_t i = 0; i < files.size(); ++i) {
    sources[i].name = files[i];
    int fd = mc::OpenInput(inv, files[i]);
    if (fd < 0) {
      for (std::size_t j = 0; j < i; ++j) mc::CloseInput(inv, sources[j].fd);
      return 1;
    }
    sources[i].fd = fd;
    if (files[i] == "-") {
      if (!stdin_reader) stdin_reader = std::make_unique<mc::LineReader>(fd, eol);
    } else {
      sources[i].reader = std::make_unique<mc::LineReader>(fd, eol);
    }
  }
  // As GNU paste: with stdin closed, a file opened in its place would be
  // read as "-" too, so nothing is pasted.
  if (stdin_reader && mc::StdinWasClosed(inv)) {
    bool other = false;
    for (const auto& name : files) other = other || name != "-";
    if (other) {
      for (const Source& s : sources) mc::CloseInput(inv, s.fd);
      mc::Warn(inv, "standard input is closed");
      return 1;
    }
  }
  bool stdin_eof = false;
  // A row's pending delimiters go out only once a later field has data, so
  // the row ends without trailing work when nothing was read.
  std::string pending;
  for (;;) {
    bool any = false;
    pending.clear();
    std::size_t d = 0;
    for (std::size_t i = 0; i < sources.size(); ++i) {
      Source& s = sources[i];
      const bool is_stdin = !s.reader;
      mc::LineReader* reader = is_stdin ? stdin_reader.get() : s.reader.get();
      bool& eof = is_stdin ? stdin_eof : s.eof;
      std::string_view piece;
      bool got = false, last = true, terminated;
      if (!eof) {
        got = reader->NextPiece(piece, last, terminated);
        if (!got) {
          eof = true;
          if (reader->error() != 0) report(s.name, reader->error());
        }
      }
      if (got) {
        any = true;
        if (!pending.empty()) {
          out.Write(pending);
          pending.clear();
        }
        // The line is copied through piece by piece.
        out.Write(piece);
        while (!last && reader->NextPiece(piece, last, terminated)) out.Write(piece);
      }
      if (i + 1 < sources.size()) {
        if (any) out.Write(delims[d]);
        else pending += delims[d];
        if (++d == delims.size()) d = 0;
      }
    }
    if (!any) break;
    out.Put(eol);
  }
  for (const Source& s : sources) mc::CloseInput(inv, s.fd);
  return status;
}
