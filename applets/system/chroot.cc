/* @applet chroot
   @install usr/sbin
   @failcode 125
   @help
Usage: chroot [OPTION]... NEWROOT [COMMAND [ARG]...]
Run COMMAND with root directory set to NEWROOT.

      --groups=G_LIST        specify supplementary groups as g1,g2,..,gN
      --userspec=USER:GROUP  specify user and group (ID or name) to use
      --skip-chdir           do not change working directory to '/'
      --help        display this help and exit
      --version     output version information and exit

If no command is given, run '"$SHELL" -i' (default: '/bin/sh -i').

Exit status:
  125  if the chroot command itself fails
  126  if COMMAND is found but cannot be invoked
  127  if COMMAND cannot be found
  -    the exit status of COMMAND otherwise
*/
// User and group names are looked up in the old root's /etc/passwd and
// /etc/group (our own parser, never NSS), before the root changes.
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/users.h"
#include "registry/applet.h"

namespace {

constexpr int kCanceled = 125, kCannotInvoke = 126, kNotFound = 127;

std::optional<unsigned long> Number(std::string_view s) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  unsigned long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<unsigned long>(c - '0');
  }
  if (v >= 0xffffffffUL) return std::nullopt;
  return v;
}

std::optional<gid_t> GroupId(std::string_view s) {
  if (const auto* g = mc::users::GroupByName(s)) return g->gid;
  if (auto n = Number(s)) return static_cast<gid_t>(*n);
  return std::nullopt;
}

}  // namespace

MC_APPLET(chroot) {
  std::string userspec, groups;
  bool have_userspec = false, have_groups = false, skip_chdir = false;
  std::vector<std::string> operands;
  mc::cli::Parser p(inv);
  p.OnValue("--userspec", [&](const std::string& v) {
    userspec = v;
    have_userspec = true;
  });
  p.OnValue("--groups", [&](const std::string& v) {
    groups = v;
    have_groups = true;
  });
  p.Flag("--skip-chdir", skip_chdir);
  p.StopAtFirstOperand();
  if (auto rc = p.Parse(&operands)) return *rc;
  if (operands.empty()) return mc::UsageError(inv, "missing operand");
  const std::string& newroot = operands[0];

  struct stat root_st, new_st;
  bool is_oldroot = ::stat("/", &root_st) == 0 && ::stat(newroot.c_str(), &new_st) == 0 &&
                    root_st.st_dev == new_st.st_dev && root_st.st_ino == new_st.st_ino;
  if (skip_chdir && !is_oldroot) {
    return mc::UsageError(inv, "option --skip-chdir only permitted if NEWROOT is old '/'");
  }

  // USER:GROUP, USER, USER: (the user's login group), :GROUP.
  std::optional<uid_t> uid;
  std::optional<gid_t> gid;
  std::string user_name;
  if (have_userspec && !userspec.empty()) {
    std::size_t colon = userspec.find(':');
    std::string_view u = std::string_view(userspec).substr(0, colon);
    std::string_view g = colon == std::string::npos ? std::string_view() : std::string_view(userspec).substr(colon + 1);
    if (!u.empty()) {
      const mc::users::User* entry = mc::users::UserByName(u);
      if (!entry) {
        if (auto n = Number(u)) entry = mc::users::UserById(static_cast<uid_t>(*n));
      }
      if (entry) {
        uid = entry->uid;
        user_name = entry->name;
        if (g.empty()) gid = entry->gid;
      } else if (auto n = Number(u)) {
        uid = static_cast<uid_t>(*n);
      } else {
        mc::Warn(inv, "invalid user");
        return kCanceled;
      }
    }
    if (!g.empty()) {
      gid = GroupId(g);
      if (!gid) {
        mc::Warn(inv, "invalid group");
        return kCanceled;
      }
    }
    if (uid && !gid) {
      mc::Warn(inv, "no group specified for unknown uid: " + std::to_string(*uid));
      return kCanceled;
    }
  }
  std::vector<gid_t> group_list;
  if (have_groups && !groups.empty()) {
    std::string_view rest = groups;
    while (true) {
      std::size_t comma = rest.find(',');
      std::string_view tok = rest.substr(0, comma);
      if (!tok.empty()) {
        auto g = GroupId(tok);
        if (!g) {
          mc::Warn(inv, "invalid group " + mc::Quote(tok));
          return kCanceled;
        }
        group_list.push_back(*g);
      }
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    if (group_list.empty()) {
      mc::Warn(inv, "invalid group list " + mc::Quote(groups));
      return kCanceled;
    }
  } else if (uid && !user_name.empty()) {
    group_list = mc::users::GroupList(user_name, *gid);
  } else if (uid) {
    group_list.push_back(*gid);
  }

  if (!is_oldroot) {
    if (::chroot(newroot.c_str()) != 0) {
      mc::WarnErrno(inv, "cannot change root directory to " + mc::Quote(newroot), errno);
      return kCanceled;
    }
  }
  if (!skip_chdir && ::chdir("/") != 0) {
    mc::WarnErrno(inv, "cannot chdir to root directory", errno);
    return kCanceled;
  }

  if (!group_list.empty() && ::setgroups(group_list.size(), group_list.data()) != 0) {
    mc::WarnErrno(inv, "failed to set supplemental groups", errno);
    return kCanceled;
  }
  if (gid && ::setgid(*gid) != 0) {
    mc::WarnErrno(inv, "failed to set group-ID", errno);
    return kCanceled;
  }
  if (uid && ::setuid(*uid) != 0) {
    mc::WarnErrno(inv, "failed to set user-ID", errno);
    return kCanceled;
  }

  std::vector<std::string> command(operands.begin() + 1, operands.end());
  if (command.empty()) {
    command.emplace_back(inv.GetEnv("SHELL").value_or("/bin/sh"));
    if (command[0].empty()) command[0] = "/bin/sh";
    command.emplace_back("-i");
  }
  std::vector<char*> argv;
  for (auto& a : command) argv.push_back(a.data());
  argv.push_back(nullptr);
  inv.out().Flush();
  ::execvp(argv[0], argv.data());
  int err = errno;
  mc::WarnErrno(inv, "failed to run command " + mc::Quote(command[0]), err);
  return err == ENOENT ? kNotFound : kCannotInvoke;
}
