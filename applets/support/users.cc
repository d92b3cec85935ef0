#include "applets/support/users.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace mc::users {
namespace {

// Splits at every `sep`; keeps empty fields.
std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (;;) {
    std::size_t p = s.find(sep);
    out.push_back(s.substr(0, p));
    if (p == std::string_view::npos) return out;
    s.remove_prefix(p + 1);
  }
}

// A uid or gid: decimal, not empty, below (id_t)-1, which means "none".
bool ParseId(std::string_view s, unsigned* out) {
  if (s.empty() || s.size() > 10) return false;
  unsigned long long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  if (v >= 0xffffffffULL) return false;
  *out = static_cast<unsigned>(v);
  return true;
}

// Calls fn(fields) for each line that is not blank, a comment, a NIS
// entry or one holding a NUL byte.
template <typename Fn>
void ForEachLine(std::string_view text, Fn fn) {
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#' || line[0] == '+' || line[0] == '-') continue;
    if (line.find('\0') != std::string_view::npos) continue;
    fn(Split(line, ':'));
  }
}

// The whole file, or empty when it cannot be read.
std::string ReadWhole(const char* path) {
  std::string text;
  int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return text;
  char buf[16384];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
}

struct Db {
  std::string passwd_path = "/etc/passwd";
  std::string group_path = "/etc/group";
  bool passwd_read = false, group_read = false;
  std::vector<User> users;
  std::vector<Group> groups;
};

// The per-process cache, made on first use and never destroyed (so no
// exit-time destructor and nothing at start-up).
Db& TheDb() {
  static Db* db = new Db;
  return *db;
}

const std::vector<User>& Users() {
  Db& db = TheDb();
  if (!db.passwd_read) {
    db.users = ParsePasswd(ReadWhole(db.passwd_path.c_str()));
    db.passwd_read = true;
  }
  return db.users;
}

const std::vector<Group>& Groups() {
  Db& db = TheDb();
  if (!db.group_read) {
    db.groups = ParseGroup(ReadWhole(db.group_path.c_str()));
    db.group_read = true;
  }
  return db.groups;
}

}  // namespace

std::vector<User> ParsePasswd(std::string_view text) {
  std::vector<User> out;
  ForEachLine(text, [&](const std::vector<std::string_view>& f) {
    // name:password:uid:gid[:gecos:home:shell]; the last three may be missing.
    unsigned uid, gid;
    if (f.size() < 4 || f.size() > 7 || f[0].empty() || !ParseId(f[2], &uid) ||
        !ParseId(f[3], &gid))
      return;
    User u{std::string(f[0]), uid, gid, {}, {}, {}};
    if (f.size() > 4) u.gecos = f[4];
    if (f.size() > 5) u.home = f[5];
    if (f.size() > 6) u.shell = f[6];
    out.push_back(std::move(u));
  });
  return out;
}

std::vector<Group> ParseGroup(std::string_view text) {
  std::vector<Group> out;
  ForEachLine(text, [&](const std::vector<std::string_view>& f) {
    // name:password:gid[:member,member...]
    unsigned gid;
    if (f.size() < 3 || f.size() > 4 || f[0].empty() || !ParseId(f[2], &gid)) return;
    Group g{std::string(f[0]), gid, {}};
    if (f.size() == 4 && !f[3].empty())
      for (std::string_view m : Split(f[3], ','))
        if (!m.empty()) g.members.emplace_back(m);
    out.push_back(std::move(g));
  });
  return out;
}

const User* UserByName(std::string_view name) {
  for (const User& u : Users())
    if (u.name == name) return &u;
  return nullptr;
}

const User* UserById(uid_t uid) {
  for (const User& u : Users())
    if (u.uid == uid) return &u;
  return nullptr;
}

const Group* GroupByName(std::string_view name) {
  for (const Group& g : Groups())
    if (g.name == name) return &g;
  return nullptr;
}

const Group* GroupById(gid_t gid) {
  for (const Group& g : Groups())
    if (g.gid == gid) return &g;
  return nullptr;
}

std::vector<gid_t> GroupList(std::string_view user, gid_t primary) {
  std::vector<gid_t> out{primary};
  for (const Group& g : Groups()) {
    bool member = false;
    for (const std::string& m : g.members) member = member || m == user;
    if (!member) continue;
    bool seen = false;
    for (gid_t x : out) seen = seen || x == g.gid;
    if (!seen) out.push_back(g.gid);
  }
  return out;
}

void SetFilesForTesting(const char* passwd, const char* group) {
  Db& db = TheDb();
  db.passwd_path = passwd ? passwd : "/etc/passwd";
  db.group_path = group ? group : "/etc/group";
  db.passwd_read = db.group_read = false;
  db.users.clear();
  db.groups.clear();
}

}  // namespace mc::users
