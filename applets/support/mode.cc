#include "applets/support/mode.h"

#include <sys/stat.h>

namespace mc::mode {
namespace {

constexpr mode_t kAllBits = 07777;
constexpr mode_t kSetId = S_ISUID | S_ISGID;
constexpr mode_t kRead = S_IRUSR | S_IRGRP | S_IROTH;
constexpr mode_t kWrite = S_IWUSR | S_IWGRP | S_IWOTH;
constexpr mode_t kExec = S_IXUSR | S_IXGRP | S_IXOTH;

bool IsOctal(char c) { return c >= '0' && c <= '7'; }

// Reads octal digits at s[*i]; nullopt when the value exceeds 07777.
std::optional<mode_t> ReadOctal(std::string_view s, std::size_t* i) {
  mode_t v = 0;
  while (*i < s.size() && IsOctal(s[*i])) {
    v = v * 8 + static_cast<mode_t>(s[*i] - '0');
    if (v > kAllBits) return std::nullopt;
    ++*i;
  }
  return v;
}

}  // namespace

std::optional<Changes> Compile(std::string_view s) {
  Changes out;
  if (!s.empty() && IsOctal(s[0])) {
    std::size_t i = 0;
    auto v = ReadOctal(s, &i);
    if (!v || i != s.size()) return std::nullopt;
    // Fewer than 5 digits: set-id bits of directories are mentioned only if
    // the digits set them.
    mode_t mentioned = i < 5 ? (*v & kSetId) | S_ISVTX | 0777 : kAllBits;
    out.push_back({'=', 'o', kAllBits, *v, mentioned});
    return out;
  }
  std::size_t i = 0;
  for (;;) {
    mode_t who = 0;
    for (; i < s.size(); ++i) {
      char c = s[i];
      if (c == 'u') who |= S_ISUID | S_IRWXU;
      else if (c == 'g') who |= S_ISGID | S_IRWXG;
      else if (c == 'o') who |= S_ISVTX | S_IRWXO;
      else if (c == 'a') who |= kAllBits;
      else break;
    }
    if (i == s.size() || (s[i] != '=' && s[i] != '+' && s[i] != '-')) return std::nullopt;
    while (i < s.size() && (s[i] == '=' || s[i] == '+' || s[i] == '-')) {
      Change ch{s[i++], 'o', who, 0, 0};
      char c = i < s.size() ? s[i] : '\0';
      if (IsOctal(c)) {
        if (who) return std::nullopt;
        auto v = ReadOctal(s, &i);
        if (!v || (i < s.size() && s[i] != ',')) return std::nullopt;
        ch.who = ch.mentioned = kAllBits;
        ch.value = *v;
        out.push_back(ch);
        break;
      }
      if (c == 'u' || c == 'g' || c == 'o') {
        ch.kind = 'c';
        ch.value = c == 'u' ? S_IRWXU : c == 'g' ? S_IRWXG : S_IRWXO;
        ++i;
      } else {
        for (; i < s.size(); ++i) {
          c = s[i];
          if (c == 'r') ch.value |= kRead;
          else if (c == 'w') ch.value |= kWrite;
          else if (c == 'x') ch.value |= kExec;
          else if (c == 'X') ch.kind = 'X';
          else if (c == 's') ch.value |= kSetId;
          else if (c == 't') ch.value |= S_ISVTX;
          else break;
        }
      }
      ch.mentioned = who ? who & ch.value : ch.value;
      out.push_back(ch);
    }
    if (i == s.size()) return out;
    if (s[i] != ',') return std::nullopt;
    ++i;
  }
}

mode_t Apply(const Changes& changes, mode_t old_mode, bool is_dir, mode_t umask_value,
             mode_t* changed_bits) {
  mode_t mode = old_mode & kAllBits;
  mode_t changed = 0;
  for (const Change& ch : changes) {
    mode_t keep_setid = (is_dir ? kSetId : 0) & ~ch.mentioned;
    mode_t value = ch.value;
    if (ch.kind == 'c') {
      value &= mode;
      // Spread the copied class's r, w and x to every class.
      value = ((value & kRead) ? kRead : 0) | ((value & kWrite) ? kWrite : 0) |
              ((value & kExec) ? kExec : 0);
    } else if (ch.kind == 'X') {
      if ((mode & kExec) || is_dir) value |= kExec;
    }
    value &= (ch.who ? ch.who : ~umask_value) & ~keep_setid;
    if (ch.op == '=') {
      mode_t preserved = (ch.who ? ~ch.who : 0) | keep_setid;
      changed |= kAllBits & ~preserved;
      mode = (mode & preserved) | value;
    } else if (ch.op == '+') {
      changed |= value;
      mode |= value;
    } else {
      changed |= value;
      mode &= ~value;
    }
  }
  if (changed_bits) *changed_bits = changed;
  return mode;
}

mode_t CurrentUmask() {
  mode_t m = ::umask(0);
  ::umask(m);
  return m;
}

std::string ModeString(mode_t m) {
  std::string s(10, '-');
  switch (m & S_IFMT) {
    case S_IFDIR: s[0] = 'd'; break;
    case S_IFLNK: s[0] = 'l'; break;
    case S_IFCHR: s[0] = 'c'; break;
    case S_IFBLK: s[0] = 'b'; break;
    case S_IFIFO: s[0] = 'p'; break;
    case S_IFSOCK: s[0] = 's'; break;
    case S_IFREG: s[0] = '-'; break;
    default: s[0] = '?';
  }
  const char* rwx = "rwxrwxrwx";
  for (int i = 0; i < 9; ++i)
    if (m & (0400 >> i)) s[1 + i] = rwx[i];
  if (m & S_ISUID) s[3] = (m & S_IXUSR) ? 's' : 'S';
  if (m & S_ISGID) s[6] = (m & S_IXGRP) ? 's' : 'S';
  if (m & S_ISVTX) s[9] = (m & S_IXOTH) ? 't' : 'T';
  return s;
}

}  // namespace mc::mode
