/* @applet tac
   @help
Usage: tac [OPTION]... [FILE]...
Write each FILE to standard output, last line first.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -b, --before             attach the separator before instead of after
  -r, --regex              interpret the separator as a regular expression
  -s, --separator=STRING   use STRING as the separator instead of newline
      --help        display this help and exit
      --version     output version information and exit
*/
#include <fcntl.h>
#include <regex.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/text/scan.h"
#include "registry/applet.h"

namespace {

constexpr std::size_t kBlock = mc::text::kIoBlock;
// Non-seekable input is kept in memory up to this size, then spooled to a
// temporary file.
constexpr std::size_t kMemoryLimit = 64u << 20;

struct Options {
  bool before = false;
  bool regex = false;
  std::string sep = "\n";
};

// Converts tac's regular expression syntax (GNU's Emacs syntax: \( \) \|
// group and alternate, + and ? are operators, no intervals) to a POSIX basic
// expression as glibc reads it.
std::string ToBasicRegex(std::string_view s) {
  std::string out;
  bool in_bracket = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_bracket) {
      out += c;
      if (c == ']' && !(out.size() >= 2 && (out[out.size() - 2] == '[' ||
                                             (out[out.size() - 2] == '^' && out.size() >= 3 &&
                                              out[out.size() - 3] == '['))))
        in_bracket = false;
      continue;
    }
    if (c == '[') {
      in_bracket = true;
      out += c;
    } else if (c == '\\' && i + 1 < s.size()) {
      char d = s[++i];
      if (d == '{' || d == '}' || d == '+' || d == '?') out += d;  // literal in this syntax
      else {
        out += '\\';
        out += d;
      }
    } else if (c == '+' || c == '?') {
      // An operator unless it starts the expression.
      if (out.empty()) out += c;
      else {
        out += '\\';
        out += c;
      }
    } else {
      out += c;
    }
  }
  return out;
}

class Tac {
 public:
  Tac(mc::Invocation& inv, const Options& o) : inv_(inv), o_(o) {}

  bool CompileRegex() {
    std::string pattern = ToBasicRegex(o_.sep);
    // A leading '^' matches at the start of a line; it is checked by hand,
    // and the expression is anchored at each candidate start position.
    if (!pattern.empty() && pattern[0] == '^') {
      bol_ = true;
      pattern.erase(0, 1);
    }
    // Likewise a trailing '$' matches at the end of a line.
    if (pattern.size() >= 1 && pattern.back() == '$' &&
        (pattern.size() < 2 || pattern[pattern.size() - 2] != '\\')) {
      eol_ = true;
      pattern.pop_back();
    }
    pattern = "^\\(" + pattern + "\\)";
    int rc = ::regcomp(&re_, pattern.c_str(), 0);
    if (rc != 0) {
      char msg[256];
      ::regerror(rc, &re_, msg, sizeof msg);
      mc::Warn(inv_, msg);
      return false;
    }
    have_re_ = true;
    return true;
  }
  ~Tac() {
    if (have_re_) ::regfree(&re_);
  }

  // Returns false after a reported error.
  bool File(int fd, const std::string& name) {
    name_ = &name;
    struct stat st;
    off_t start = -1, end = -1;
    if (::fstat(fd, &st) == 0 && !S_ISFIFO(st.st_mode) && !S_ISSOCK(st.st_mode) &&
        !S_ISCHR(st.st_mode)) {
      // The whole file, whatever its offset (as GNU tac).
      start = 0;
      end = ::lseek(fd, 0, SEEK_END);
    }
    if (end < 0) return Unseekable(fd);
    if (end < start) end = start;
    if (o_.regex) {
      std::string all;
      if (!ReadRange(fd, start, end, all)) return false;
      Memory(all.data(), all.size());
      return true;
    }
    return Seekable(fd, start, end);
  }

 private:
  bool ReadError(int err) {
    FlushOut();
    mc::Warn(inv_, mc::QuoteName(*name_) + ": read error: " + std::string(mc::ErrorText(err)));
    return false;
  }

  bool ReadRange(int fd, off_t start, off_t end, std::string& out) {
    out.resize(static_cast<std::size_t>(end - start));
    std::size_t got = 0;
    while (got < out.size()) {
      ssize_t r = ::pread(fd, out.data() + got, out.size() - got, start + static_cast<off_t>(got));
      if (r < 0) {
        if (errno == EINTR) continue;
        return ReadError(errno);
      }
      if (r == 0) break;
      got += static_cast<std::size_t>(r);
    }
    out.resize(got);
    return true;
  }

  // Reads all of a pipe; spools to an unlinked temporary file when large.
  bool Unseekable(int fd) {
    std::string data;
    std::size_t used = 0;
    for (;;) {
      if (data.size() - used < kBlock) data.resize(std::max(data.size() * 2, used + kBlock));
      long r = mc::ReadSome(fd, data.data() + used, data.size() - used);
      if (r < 0) return ReadError(errno);
      if (r == 0) break;
      used += static_cast<std::size_t>(r);
      if (used > kMemoryLimit) return Spool(fd, data, used);
    }
    data.resize(used);
    Memory(data.data(), data.size());
    return true;
  }

  bool Spool(int fd, std::string& data, std::size_t used) {
    std::string dir = "/tmp";
    if (auto t = inv_.GetEnv("TMPDIR"); t && !t->empty()) dir = std::string(*t);
    std::string path = dir + "/tacXXXXXX";
    int tmp = ::mkstemp(path.data());
    if (tmp < 0) {
      int err = errno;
      mc::Warn(inv_, "failed to create temporary file in " + mc::Quote(dir) + ": " +
                         std::string(mc::ErrorText(err)));
      return false;
    }
    ::unlink(path.c_str());
    auto fail_write = [&](int err) {
      mc::Warn(inv_, "failed to write to temporary file: " + std::string(mc::ErrorText(err)));
      ::close(tmp);
      return false;
    };
    if (int err = mc::WriteAll(tmp, data.data(), used)) return fail_write(err);
    off_t total = static_cast<off_t>(used);
    std::string().swap(data);
    mc::text::IoBuffer buf(mc::text::NewIoBuffer(kBlock));
    for (;;) {
      long r = mc::ReadSome(fd, buf.get(), kBlock);
      if (r < 0) {
        ::close(tmp);
        return ReadError(errno);
      }
      if (r == 0) break;
      if (int err = mc::WriteAll(tmp, buf.get(), static_cast<std::size_t>(r))) return fail_write(err);
      total += r;
    }
    bool ok;
    if (o_.regex) {
      std::string all;
      ok = ReadRange(tmp, 0, total, all);
      if (ok) Memory(all.data(), all.size());
    } else {
      ok = Seekable(tmp, 0, total);
    }
    ::close(tmp);
    return ok;
  }

  // Output goes through an aligned buffer of tac's own (see scan.h).
  void Emit(const char* p, std::size_t n) {
    if (n > kBlock - oused_) {
      FlushOut();
      if (n >= kBlock) {
        inv_.out().WriteDirect(std::string_view(p, n));
        return;
      }
    }
    std::memcpy(obuf_.get() + oused_, p, n);
    oused_ += n;
  }

 public:
  void FlushOut() {
    if (oused_ == 0) return;
    std::size_t n = oused_;
    oused_ = 0;
    inv_.out().WriteDirect(std::string_view(obuf_.get(), n));
  }

 private:

  // The whole input in memory.
  void Memory(const char* p, std::size_t n) {
    if (o_.regex) {
      RegexMemory(p, n);
      return;
    }
    std::size_t cur_end = n;
    std::size_t limit = n;
    if (o_.sep.size() == 1) {
      // In blocks from the end, to keep the position list small.
      for (std::size_t e = n; e > 0;) {
        std::size_t s = e > kBlock ? e - kBlock : 0;
        Scan(p, s, e, cur_end, limit);
        e = s;
      }
    } else {
      Scan(p, 0, n, cur_end, limit);
    }
    Emit(p, cur_end);
  }

  // Emits, last first, the records that end in [0, cur_end) of buf and
  // whose separator starts at or after `from` (buffer offsets). Updates
  // cur_end (the end of the unprinted part) and limit (where the last
  // separator found starts: no later match may reach past it).
  void Scan(const char* buf, std::size_t from, std::size_t search_end, std::size_t& cur_end,
            std::size_t& limit) {
    const std::size_t len = o_.sep.size();
    if (len == 0) return;  // an empty separator never matches
    if (len == 1) {
      positions_.clear();
      mc::text::CollectPositions(buf + from, search_end - from, o_.sep[0], &positions_);
      const std::size_t after = o_.before ? 0 : 1;
      for (std::size_t i = positions_.size(); i-- > 0;) {
        std::size_t pos = from + positions_[i];
        Emit(buf + pos + after, cur_end - pos - after);
        cur_end = pos + after;
        limit = pos;
      }
      return;
    }
    // A longer literal separator: rightmost matches first, not overlapping.
    std::size_t end = std::min(search_end, limit);
    const char first = o_.sep[0];
    while (end >= from + len) {
      std::size_t top = end - len;  // the last possible start
      const void* hit = ::memrchr(buf + from, first, top - from + 1);
      if (hit == nullptr) break;
      std::size_t pos = static_cast<std::size_t>(static_cast<const char*>(hit) - buf);
      if (std::memcmp(buf + pos, o_.sep.data(), len) != 0) {
        end = pos + len - 1;
        if (pos == from) break;
        continue;
      }
      std::size_t boundary = o_.before ? pos : pos + len;
      Emit(buf + boundary, cur_end - boundary);
      cur_end = boundary;
      limit = pos;
      end = pos;
    }
  }

  // Reads backwards from `end` in blocks, printing records as they complete.
  // The buffer is filled downward: the unprinted record sits at
  // [lo, lo + pending) and each block read goes just below it. When there
  // is no room below, the record moves to the buffer's top, into a buffer
  // twice as large when it fills more than half: linear in the record's
  // length, however long.
  bool Seekable(int fd, off_t start, off_t end) {
    const std::size_t len = o_.sep.empty() ? 1 : o_.sep.size();
    std::size_t cap = kBlock * 2;
    mc::text::IoBuffer buf(mc::text::NewIoBuffer(cap));
    std::size_t lo = cap;        // where the pending bytes start
    std::size_t pending = 0;     // the unprinted record's bytes
    std::size_t pending_limit = 0;  // limit within the pending bytes
    bool have_limit = false;
    off_t pos = end;
    while (pos > start) {
      std::size_t want = static_cast<std::size_t>(std::min<off_t>(pos - start, static_cast<off_t>(kBlock)));
      if (lo < want) {
        std::size_t ncap = cap;
        if (2 * (want + pending) > cap) ncap = std::max(cap * 2, 2 * (want + pending));
        std::size_t nlo = ncap - pending;
        if (ncap != cap) {
          mc::text::IoBuffer bigger(mc::text::NewIoBuffer(ncap));
          std::memcpy(bigger.get() + nlo, buf.get() + lo, pending);
          buf = std::move(bigger);
          cap = ncap;
        } else {
          std::memmove(buf.get() + nlo, buf.get() + lo, pending);
        }
        lo = nlo;
      }
      char* base = buf.get() + lo - want;
      pos -= static_cast<off_t>(want);
      std::size_t got = 0;
      while (got < want) {
        ssize_t r = ::pread(fd, base + got, want - got, pos + static_cast<off_t>(got));
        if (r < 0) {
          if (errno == EINTR) continue;
          return ReadError(errno);
        }
        if (r == 0) return ReadError(EIO);  // the file shrank
        got += static_cast<std::size_t>(r);
      }
      lo -= want;
      std::size_t total = want + pending;
      std::size_t cur_end = total;
      std::size_t limit = have_limit ? want + pending_limit : total;
      // A separator may straddle the old boundary by len-1 bytes.
      std::size_t search_end = std::min(total, want + len - 1);
      if (o_.sep.size() == 1) search_end = want;
      Scan(base, 0, search_end, cur_end, limit);
      if (limit != (have_limit ? want + pending_limit : total)) have_limit = true;
      pending = cur_end;
      pending_limit = have_limit ? limit : 0;
      if (have_limit && limit > pending) pending_limit = pending;
    }
    Emit(buf.get() + lo, pending);
    return true;
  }

  // GNU's backward search: the match that starts rightmost and ends within
  // the unprinted part is the next separator.
  void RegexMemory(const char* p, std::size_t n) {
    // glibc computes the bytes that can start a match; others are skipped.
    const char* fastmap = re_.can_be_null ? nullptr : re_.fastmap;
    std::size_t cur_end = n;  // end of the unprinted part
    std::size_t limit = n;    // matches must end here or before
    for (std::size_t s = n; s-- > 0;) {
      if (fastmap != nullptr && !fastmap[static_cast<unsigned char>(p[s])]) continue;
      if (bol_ && s > 0 && p[s - 1] != '\n') continue;
      // The subject starts at s, so that the anchor holds there.
      regmatch_t m[1];
      m[0].rm_so = 0;
      m[0].rm_eo = static_cast<regoff_t>(limit - s);
      if (::regexec(&re_, p + s, 1, m, REG_STARTEND) != 0) continue;
      std::size_t so = s + static_cast<std::size_t>(m[0].rm_so);
      std::size_t eo = s + static_cast<std::size_t>(m[0].rm_eo);
      // An empty match separates too (GNU: the search for the next separator
      // starts one byte before the previous one, so each is at most one byte
      // apart there).
      if (so != s) continue;
      if (eol_ && eo < n && p[eo] != '\n') {
        // Try shorter matches that end at a line end.
        std::size_t nl = eo;
        bool found = false;
        while (nl > so + 1) {
          const void* q = ::memrchr(p + so, '\n', nl - so - 1);
          if (q == nullptr) break;
          nl = static_cast<std::size_t>(static_cast<const char*>(q) - p);
          m[0].rm_so = 0;
          m[0].rm_eo = static_cast<regoff_t>(nl - s);
          if (::regexec(&re_, p + s, 1, m, REG_STARTEND) == 0 &&
              s + static_cast<std::size_t>(m[0].rm_eo) == nl) {
            eo = nl;
            found = true;
            break;
          }
        }
        if (!found) continue;
      }
      std::size_t boundary = o_.before ? so : eo;
      Emit(p + boundary, cur_end - boundary);
      cur_end = boundary;
      limit = so;
    }
    Emit(p, cur_end);
  }

  mc::Invocation& inv_;
  Options o_;
  const std::string* name_ = nullptr;
  std::vector<std::uint32_t> positions_;
  regex_t re_{};
  bool have_re_ = false;
  mc::text::IoBuffer obuf_ = mc::text::NewIoBuffer(kBlock);
  std::size_t oused_ = 0;
  bool bol_ = false, eol_ = false;
};

}  // namespace

MC_APPLET(tac) {
  Options o;
  mc::cli::Parser p(inv);
  p.Flag("-b,--before", o.before);
  p.Flag("-r,--regex", o.regex);
  p.OnValue("-s,--separator", [&](const std::string& v) { o.sep = v; });
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;
  if (files.empty()) files.push_back("-");

  if (o.sep.empty()) {
    // An empty separator is the NUL byte, as with GNU tac.
    o.sep.assign(1, '\0');
    o.regex = false;
  }
  Tac tac(inv, o);
  if (o.regex && !tac.CompileRegex()) return 1;
  int status = 0;
  for (const auto& name : files) {
    int fd;
    if (name == "-") {
      fd = inv.in_fd();
    } else {
      do fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
      while (fd < 0 && errno == EINTR);
      if (fd < 0) {
        int err = errno;
        tac.FlushOut();
        mc::Warn(inv, "failed to open " + mc::Quote(name) + " for reading: " +
                          std::string(mc::ErrorText(err)));
        status = 1;
        continue;
      }
    }
    if (!tac.File(fd, name)) status = 1;
    tac.FlushOut();
    if (fd != inv.in_fd()) ::close(fd);
  }
  return status;
}
