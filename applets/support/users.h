// Users and groups from /etc/passwd and /etc/group, read by us. libc's
// getpwnam/getgrgid/getgrouplist are never called: in a static glibc they
// dlopen NSS modules, which may be missing, mismatched, or crash.
//
// Each file is read once per process, on first use, whole (no line or
// file size limit). Lines that do not parse (too few fields, a uid or gid
// that is not a decimal number below 2^32-1, an empty name, NIS "+"/"-"
// entries, NUL bytes) are skipped; the rest of the file still counts. The
// first entry wins when a name or id is listed twice, as with glibc's files
// module.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

namespace mc::users {

struct User {
  std::string name;
  uid_t uid;
  gid_t gid;
  std::string gecos, home, shell;
};

struct Group {
  std::string name;
  gid_t gid;
  std::vector<std::string> members;
};

// nullptr when absent (or the file is unreadable).
const User* UserByName(std::string_view name);
const User* UserById(uid_t uid);
const Group* GroupByName(std::string_view name);
const Group* GroupById(gid_t gid);

// getgrouplist(): `primary` first, then the gid of every group in
// /etc/group that lists `user` as a member, in file order, each gid once.
std::vector<gid_t> GroupList(std::string_view user, gid_t primary);

// Parsers, exposed for tests.
std::vector<User> ParsePasswd(std::string_view text);
std::vector<Group> ParseGroup(std::string_view text);

// Tests only: read these files instead of /etc/passwd and /etc/group
// (nullptr: the default; the names are copied) and forget what was read
// before. Not reachable
// from the command line or the environment.
void SetFilesForTesting(const char* passwd, const char* group);

}  // namespace mc::users
