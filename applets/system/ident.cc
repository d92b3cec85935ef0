#include "applets/system/ident.h"

#include <unistd.h>

#include "applets/support/diag.h"
#include "applets/support/users.h"

namespace mc::ident {

std::string Decimal(unsigned long long v) {
  char buf[24];
  char* p = buf + sizeof buf;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  return std::string(p, buf + sizeof buf);
}

bool PrintUser(Invocation& inv, uid_t uid, bool names) {
  if (names) {
    if (const users::User* u = users::UserById(uid)) {
      inv.out().Write(u->name);
      return true;
    }
    Warn(inv, "cannot find name for user ID " + Decimal(uid));
  }
  inv.out().Write(Decimal(uid));
  return !names;
}

bool PrintGroup(Invocation& inv, gid_t gid, bool names) {
  if (names) {
    if (const users::Group* g = users::GroupById(gid)) {
      inv.out().Write(g->name);
      return true;
    }
    Warn(inv, "cannot find name for group ID " + Decimal(gid));
  }
  inv.out().Write(Decimal(gid));
  return !names;
}

std::vector<gid_t> GroupsOf(const std::string* user, gid_t gid) {
  if (user != nullptr) return users::GroupList(*user, gid);
  std::vector<gid_t> all;
  int n = ::getgroups(0, nullptr);
  if (n > 0) {
    all.resize(static_cast<std::size_t>(n));
    n = ::getgroups(n, all.data());
    all.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  }
  // As gnulib's mgetgroups: gid first, then the rest without gid and
  // without a repeat of the one before.
  std::vector<gid_t> out{gid};
  for (gid_t g : all)
    if (g != gid && g != out.back()) out.push_back(g);
  return out;
}

bool PrintGroupList(Invocation& inv, const std::string* user, gid_t rgid, gid_t egid, bool names,
                    char delim) {
  bool ok = PrintGroup(inv, rgid, names);
  if (egid != rgid) {
    inv.out().Put(delim);
    ok = PrintGroup(inv, egid, names) && ok;
  }
  // A named user's list starts from their passwd group.
  gid_t base = egid;
  if (user != nullptr)
    if (const users::User* u = users::UserByName(*user)) base = u->gid;
  for (gid_t g : GroupsOf(user, base)) {
    if (g == rgid || g == egid) continue;
    inv.out().Put(delim);
    ok = PrintGroup(inv, g, names) && ok;
  }
  return ok;
}

}  // namespace mc::ident
