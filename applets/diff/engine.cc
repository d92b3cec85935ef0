#include "applets/diff/engine.h"

#include <algorithm>
#include <cstring>

namespace mc::diff {

void Text::Index(bool strip_cr) {
  if (strip_cr) {
    // Drop each '\r' that ends a line, as GNU does while reading.
    std::size_t w = 0;
    const std::size_t n = data.size();
    for (std::size_t r = 0; r < n; ++r) {
      if (data[r] == '\r' && r + 1 < n && data[r + 1] == '\n') continue;
      data[w++] = data[r];
    }
    data.resize(w);
  }
  starts.clear();
  starts.reserve(data.size() / 32 + 2);
  const char* base = data.data();
  const char* end = base + data.size();
  const char* p = base;
  while (p < end) {
    starts.push_back(static_cast<std::size_t>(p - base));
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    p = nl ? static_cast<const char*>(nl) + 1 : end;
  }
  starts.push_back(data.size());
  missing_newline = !data.empty() && data.back() != '\n';
}

namespace {

std::uint64_t Hash(std::string_view s) {
  // FNV-1a over 8-byte words, then a final mix.
  std::uint64_t h = 0xcbf29ce484222325ull ^ s.size();
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  std::uint64_t w = 0;
  std::memcpy(&w, p, n);
  h = (h ^ w) * 0x100000001b3ull;
  h ^= h >> 32;
  h *= 0x9e3779b97f4a7c15ull;
  return h ^ (h >> 31);
}

unsigned char Lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

}  // namespace

std::string_view Classifier::Key(std::string_view line, bool incomplete) {
  if (!opt_.ignore_case && opt_.white == White::kNone) {
    if (!incomplete) return line;
    scratch_.assign(line);
    scratch_.push_back('\n');
    return scratch_;
  }
  std::string& k = scratch_;
  k.clear();
  const std::size_t n = line.size();
  auto put = [&](unsigned char c) { k.push_back(static_cast<char>(opt_.ignore_case ? Lower(c) : c)); };
  switch (opt_.white) {
    case White::kAll:
      for (unsigned char c : line)
        if (!IsSpace(c)) put(c);
      break;
    case White::kSpaceChange:
      for (std::size_t i = 0; i < n;) {
        unsigned char c = line[i];
        if (IsSpace(c)) {
          while (i < n && IsSpace(line[i])) ++i;
          if (i < n) k.push_back(' ');
          continue;
        }
        put(c);
        ++i;
      }
      break;
    case White::kTrailing: {
      std::size_t e = n;
      while (e > 0 && IsSpace(line[e - 1])) --e;
      for (std::size_t i = 0; i < e; ++i) put(line[i]);
      break;
    }
    case White::kTabExpansion: {
      std::size_t col = 0;
      for (unsigned char c : line) {
        if (c == '\t') {
          std::size_t sp = opt_.tabsize - col % opt_.tabsize;
          k.append(sp, ' ');
          col += sp;
        } else if (c == '\b') {
          put(c);
          if (col) --col;
        } else if (c == '\r') {
          put(c);
          col = 0;
        } else {
          put(c);
          ++col;
        }
      }
      break;
    }
    case White::kNone:
      for (unsigned char c : line) put(c);
      break;
  }
  // White space changes make a missing newline irrelevant.
  if (incomplete && opt_.white < White::kTrailing) k.push_back('\n');
  return k;
}

void Classifier::Grow() {
  const std::size_t cap = slots_.empty() ? 1024 : slots_.size() * 2;
  slots_.assign(cap, 0);
  mask_ = cap - 1;
  for (std::size_t id = 1; id <= keys_.size(); ++id) {
    std::size_t i = hashes_[id - 1] & mask_;
    while (slots_[i]) i = (i + 1) & mask_;
    slots_[i] = static_cast<std::uint32_t>(id);
  }
}

std::uint32_t Classifier::Id(std::string_view content, bool incomplete) {
  std::string_view key = Key(content, incomplete);
  if ((keys_.size() + 1) * 2 > slots_.size()) Grow();
  const std::uint64_t h = Hash(key);
  std::size_t i = h & mask_;
  while (std::uint32_t id = slots_[i]) {
    if (hashes_[id - 1] == h && keys_[id - 1] == key) return id;
    i = (i + 1) & mask_;
  }
  if (key.data() == scratch_.data()) {
    owned_.emplace_back(key);
    key = owned_.back();
  }
  keys_.push_back(key);
  hashes_.push_back(h);
  const auto id = static_cast<std::uint32_t>(keys_.size());
  slots_[i] = id;
  return id;
}

namespace {

using Lin = std::ptrdiff_t;

// The state of one comparison, as in GNU's analyze.c: per file the class
// of each line of the region being compared, the lines left after
// discarding, and the changed flags (with a zero flag on each side).
struct FileState {
  std::vector<std::uint32_t> equivs;       // per line of the region
  std::vector<std::uint32_t> undiscarded;  // classes of the lines kept
  std::vector<Lin> realindex;     // their line numbers
  std::vector<char> changed_buf;  // changed[-1 .. n]
  char* changed = nullptr;
  Lin n = 0;
};

struct Context {
  const std::uint32_t* xv;
  const std::uint32_t* yv;
  Lin* fd;
  Lin* bd;
  Lin too_expensive;
  bool heuristic;
  FileState* files;
};

struct Partition {
  Lin xmid, ymid;
  bool lo_minimal, hi_minimal;
};

constexpr Lin kSnakeLimit = 20;
constexpr Lin kLinMax = PTRDIFF_MAX;

// Finds the midpoint of the shortest edit script of x[xoff, xlim) and
// y[yoff, ylim) by searching from both ends, or a good enough point when
// the search grows too expensive.
void Diag(Lin xoff, Lin xlim, Lin yoff, Lin ylim, bool find_minimal, Partition* part,
          const Context& c) {
  Lin* const fd = c.fd;
  Lin* const bd = c.bd;
  const std::uint32_t* const xv = c.xv;
  const std::uint32_t* const yv = c.yv;
  const Lin dmin = xoff - ylim, dmax = xlim - yoff;
  const Lin fmid = xoff - yoff, bmid = xlim - ylim;
  Lin fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
  const bool odd = (fmid - bmid) & 1;
  fd[fmid] = xoff;
  bd[bmid] = xlim;
  for (Lin cost = 1;; ++cost) {
    bool big_snake = false;
    if (fmin > dmin) fd[--fmin - 1] = -1; else ++fmin;
    if (fmax < dmax) fd[++fmax + 1] = -1; else --fmax;
    for (Lin d = fmax; d >= fmin; d -= 2) {
      const Lin tlo = fd[d - 1], thi = fd[d + 1];
      const Lin x0 = tlo < thi ? thi : tlo + 1;
      Lin x = x0, y = x0 - d;
      while (x < xlim && y < ylim && xv[x] == yv[y]) ++x, ++y;
      if (x - x0 > kSnakeLimit) big_snake = true;
      fd[d] = x;
      if (odd && bmin <= d && d <= bmax && bd[d] <= x) {
        *part = {x, y, true, true};
        return;
      }
    }
    if (bmin > dmin) bd[--bmin - 1] = kLinMax; else ++bmin;
    if (bmax < dmax) bd[++bmax + 1] = kLinMax; else --bmax;
    for (Lin d = bmax; d >= bmin; d -= 2) {
      const Lin tlo = bd[d - 1], thi = bd[d + 1];
      const Lin x0 = tlo < thi ? tlo : thi - 1;
      Lin x = x0, y = x0 - d;
      while (xoff < x && yoff < y && xv[x - 1] == yv[y - 1]) --x, --y;
      if (x0 - x > kSnakeLimit) big_snake = true;
      bd[d] = x;
      if (!odd && fmin <= d && d <= fmax && x <= fd[d]) {
        *part = {x, y, true, true};
        return;
      }
    }
    if (find_minimal) continue;

    // -H: a diagonal that made much progress relative to its cost wins.
    if (200 < cost && big_snake && c.heuristic) {
      {
        Lin best = 0;
        for (Lin d = fmax; d >= fmin; d -= 2) {
          const Lin dd = d - fmid;
          const Lin x = fd[d], y = x - d;
          const Lin v = (x - xoff) + (y - yoff) - dd;
          if (v > 12 * (cost + (dd < 0 ? -dd : dd))) {
            if (v > best && xoff + kSnakeLimit <= x && x < xlim && yoff + kSnakeLimit <= y &&
                y < ylim) {
              Lin k;
              for (k = 1; xv[x - k] == yv[y - k]; k++)
                if (k == kSnakeLimit) {
                  best = v;
                  part->xmid = x;
                  part->ymid = y;
                  break;
                }
            }
          }
        }
        if (best > 0) {
          part->lo_minimal = true;
          part->hi_minimal = false;
          return;
        }
      }
      {
        Lin best = 0;
        for (Lin d = bmax; d >= bmin; d -= 2) {
          const Lin dd = d - bmid;
          const Lin x = bd[d], y = x - d;
          const Lin v = (xlim - x) + (ylim - y) + dd;
          if (v > 12 * (cost + (dd < 0 ? -dd : dd))) {
            if (v > best && xoff < x && x <= xlim - kSnakeLimit && yoff < y &&
                y <= ylim - kSnakeLimit) {
              Lin k;
              for (k = 0; xv[x + k] == yv[y + k]; k++)
                if (k == kSnakeLimit - 1) {
                  best = v;
                  part->xmid = x;
                  part->ymid = y;
                  break;
                }
            }
          }
        }
        if (best > 0) {
          part->lo_minimal = false;
          part->hi_minimal = true;
          return;
        }
      }
    }

    // Too expensive: settle for the furthest-reaching diagonal so far.
    if (cost >= c.too_expensive) {
      Lin fxybest = -1, fxbest = 0;
      for (Lin d = fmax; d >= fmin; d -= 2) {
        Lin x = std::min(fd[d], xlim), y = x - d;
        if (ylim < y) x = ylim + d, y = ylim;
        if (fxybest < x + y) fxybest = x + y, fxbest = x;
      }
      Lin bxybest = kLinMax, bxbest = 0;
      for (Lin d = bmax; d >= bmin; d -= 2) {
        Lin x = std::max(xoff, bd[d]), y = x - d;
        if (y < yoff) x = yoff + d, y = yoff;
        if (x + y < bxybest) bxybest = x + y, bxbest = x;
      }
      if ((xlim + ylim) - bxybest < fxybest - (xoff + yoff)) {
        *part = {fxbest, fxybest - fxbest, true, false};
      } else {
        *part = {bxbest, bxybest - bxbest, false, true};
      }
      return;
    }
  }
}

void CompareSeq(Lin xoff, Lin xlim, Lin yoff, Lin ylim, bool find_minimal, const Context& c) {
  for (;;) {
    while (xoff < xlim && yoff < ylim && c.xv[xoff] == c.yv[yoff]) ++xoff, ++yoff;
    while (xoff < xlim && yoff < ylim && c.xv[xlim - 1] == c.yv[ylim - 1]) --xlim, --ylim;
    if (xoff == xlim) {
      for (; yoff < ylim; ++yoff) c.files[1].changed[c.files[1].realindex[yoff]] = 1;
      return;
    }
    if (yoff == ylim) {
      for (; xoff < xlim; ++xoff) c.files[0].changed[c.files[0].realindex[xoff]] = 1;
      return;
    }
    Partition part;
    Diag(xoff, xlim, yoff, ylim, find_minimal, &part, c);
    CompareSeq(xoff, part.xmid, yoff, part.ymid, part.lo_minimal, c);
    // The upper half as a loop (the recursion depth stays logarithmic-ish).
    xoff = part.xmid;
    yoff = part.ymid;
    find_minimal = part.hi_minimal;
  }
}

// GNU's discard_confusing_lines: lines with no match in the other file
// are marked changed before the search, and lines with very many matches
// too when they sit inside a run of such lines.
void DiscardConfusingLines(FileState f[2], std::size_t nclasses, bool minimal) {
  std::vector<Lin> count[2];
  for (int k = 0; k < 2; ++k) {
    count[k].assign(nclasses + 1, 0);
    for (Lin i = 0; i < f[k].n; ++i) ++count[k][f[k].equivs[i]];
  }
  std::vector<char> discarded[2];
  for (int k = 0; k < 2; ++k) {
    const Lin end = f[k].n;
    std::vector<char>& dis = discarded[k];
    dis.assign(end, 0);
    const std::vector<Lin>& counts = count[1 - k];
    Lin many = 5;
    for (Lin tem = end / 64; (tem >>= 2) > 0;) many *= 2;
    for (Lin i = 0; i < end; ++i) {
      const std::uint32_t e = f[k].equivs[i];
      if (e == 0) continue;
      const Lin nmatch = counts[e];
      if (nmatch == 0)
        dis[i] = 1;
      else if (nmatch > many)
        dis[i] = 2;
    }
  }
  for (int k = 0; k < 2; ++k) {
    const Lin end = f[k].n;
    char* dis = discarded[k].data();
    for (Lin i = 0; i < end; ++i) {
      if (dis[i] == 2) {
        dis[i] = 0;
        continue;
      }
      if (dis[i] == 0) continue;
      Lin j, provisional = 0;
      for (j = i; j < end; ++j) {
        if (dis[j] == 0) break;
        if (dis[j] == 2) ++provisional;
      }
      while (j > i && dis[j - 1] == 2) dis[--j] = 0, --provisional;
      const Lin length = j - i;
      if (provisional * 4 > length) {
        while (j > i)
          if (dis[--j] == 2) dis[j] = 0;
      } else {
        Lin minimum = 1;
        for (Lin tem = length >> 2; 0 < (tem >>= 2);) minimum <<= 1;
        minimum++;
        Lin consec = 0;
        for (j = 0; j < length; ++j) {
          if (dis[i + j] != 2)
            consec = 0;
          else if (minimum == ++consec)
            j -= consec;
          else if (minimum < consec)
            dis[i + j] = 0;
        }
        consec = 0;
        for (j = 0; j < length; ++j) {
          if (j >= 8 && dis[i + j] == 1) break;
          if (dis[i + j] == 2)
            consec = 0, dis[i + j] = 0;
          else if (dis[i + j] == 0)
            consec = 0;
          else
            consec++;
          if (consec == 3) break;
        }
        i += length - 1;
        consec = 0;
        for (j = 0; j < length; ++j) {
          if (j >= 8 && dis[i - j] == 1) break;
          if (dis[i - j] == 2)
            consec = 0, dis[i - j] = 0;
          else if (dis[i - j] == 0)
            consec = 0;
          else
            consec++;
          if (consec == 3) break;
        }
      }
    }
  }
  for (int k = 0; k < 2; ++k) {
    const char* dis = discarded[k].data();
    f[k].undiscarded.clear();
    f[k].realindex.clear();
    f[k].undiscarded.reserve(f[k].n);
    f[k].realindex.reserve(f[k].n);
    for (Lin i = 0; i < f[k].n; ++i) {
      if (minimal || dis[i] == 0) {
        f[k].undiscarded.push_back(f[k].equivs[i]);
        f[k].realindex.push_back(i);
      } else {
        f[k].changed[i] = 1;
      }
    }
  }
}

// GNU's shift_boundaries: each run of changes slides as far down as its
// lines allow, merging with neighbours, unless it can line up with a run
// of changes in the other file.
void ShiftBoundaries(FileState f[2]) {
  for (int k = 0; k < 2; ++k) {
    char* changed = f[k].changed;
    const char* other = f[1 - k].changed;
    const std::uint32_t* equivs = f[k].equivs.data();
    const Lin i_end = f[k].n;
    Lin i = 0, j = 0;
    for (;;) {
      while (i < i_end && !changed[i]) {
        while (other[j++]) continue;
        i++;
      }
      if (i == i_end) break;
      Lin start = i, runlength, corresponding;
      while (changed[++i]) continue;
      while (other[j]) j++;
      do {
        runlength = i - start;
        while (start && equivs[start - 1] == equivs[i - 1]) {
          changed[--start] = 1;
          changed[--i] = 0;
          while (changed[start - 1]) start--;
          while (other[--j]) continue;
        }
        corresponding = other[j - 1] ? i : i_end;
        while (i != i_end && equivs[start] == equivs[i]) {
          changed[start++] = 0;
          changed[i++] = 1;
          while (changed[i]) i++;
          while (other[++j]) corresponding = i;
        }
      } while (runlength != i - start);
      while (corresponding < i) {
        changed[--start] = 1;
        changed[--i] = 0;
        while (other[--j]) continue;
      }
    }
  }
}

}  // namespace

std::vector<Change> Compare(const Text& a, const Text& b, const CompareOptions& o) {
  const std::size_t na = a.lines(), nb = b.lines();
  // The identical ends stay out of the analysis (GNU's find_identical_ends),
  // but for `horizon` lines next to the changes.
  const bool incomplete_differs = o.robust && a.missing_newline != b.missing_newline;
  auto same = [&](std::size_t i, std::size_t j) { return a.Line(i) == b.Line(j); };
  std::size_t prefix = 0;
  {
    const std::size_t m = std::min(na, nb);
    while (prefix < m && same(prefix, prefix)) ++prefix;
    // A complete line never equals an incomplete one (both are last).
    prefix = prefix > o.horizon ? prefix - o.horizon : 0;
  }
  std::size_t suffix = 0;
  if (!incomplete_differs) {
    // Bytes of the suffix stay within both files past the prefix.
    const std::size_t limit = std::min(a.data.size(), b.data.size()) - a.starts[prefix];
    std::size_t bytes = 0;
    while (suffix < na - prefix && suffix < nb - prefix) {
      const std::string_view la = a.Line(na - 1 - suffix), lb = b.Line(nb - 1 - suffix);
      if (la != lb || bytes + la.size() > limit) break;
      bytes += la.size();
      ++suffix;
    }
    suffix = suffix > o.horizon ? suffix - o.horizon : 0;
  }

  FileState f[2];
  Classifier cls(o.line);
  const Text* t[2] = {&a, &b};
  for (int k = 0; k < 2; ++k) {
    const std::size_t n = t[k]->lines();
    f[k].n = static_cast<Lin>(n - prefix - suffix);
    f[k].equivs.resize(f[k].n);
    for (Lin i = 0; i < f[k].n; ++i) {
      const std::size_t line = prefix + i;
      const bool incomplete = o.robust && t[k]->missing_newline && line == n - 1;
      f[k].equivs[i] = cls.Id(t[k]->Content(line), incomplete);
    }
    f[k].changed_buf.assign(f[k].n + 4, 0);
    f[k].changed = f[k].changed_buf.data() + 1;
  }

  DiscardConfusingLines(f, cls.classes(), o.minimal);

  const Lin nx = static_cast<Lin>(f[0].undiscarded.size());
  const Lin ny = static_cast<Lin>(f[1].undiscarded.size());
  Lin diags = nx + ny + 3;
  std::vector<Lin> diag(2 * diags);
  Context c;
  c.xv = f[0].undiscarded.data();
  c.yv = f[1].undiscarded.data();
  c.fd = diag.data() + ny + 1;
  c.bd = diag.data() + diags + ny + 1;
  c.heuristic = o.speed_large;
  Lin too = 1;
  for (; diags != 0; diags >>= 2) too <<= 1;
  c.too_expensive = std::max<Lin>(4096, too);
  c.files = f;
  CompareSeq(0, nx, 0, ny, o.minimal, c);
  diag = {};

  ShiftBoundaries(f);

  // The script: maximal runs where either side changed.
  std::vector<Change> script;
  const char* c0 = f[0].changed;
  const char* c1 = f[1].changed;
  Lin i0 = 0, i1 = 0;
  while (i0 < f[0].n || i1 < f[1].n) {
    if (c0[i0] | c1[i1]) {
      const Lin l0 = i0, l1 = i1;
      while (c0[i0]) ++i0;
      while (c1[i1]) ++i1;
      script.push_back({prefix + static_cast<std::size_t>(l0), prefix + static_cast<std::size_t>(l1),
                        static_cast<std::size_t>(i0 - l0), static_cast<std::size_t>(i1 - l1)});
    }
    ++i0, ++i1;
  }
  return script;
}

}  // namespace mc::diff
