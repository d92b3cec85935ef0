/* @applet chown
   @install bin
   @help
Usage: chown [OPTION]... [OWNER][:[GROUP]] FILE...
  or:  chown [OPTION]... --reference=RFILE FILE...
Change the owner and/or group of each FILE to OWNER and/or GROUP.
With --reference, change the owner and group of each FILE to those of RFILE.

  -c, --changes          like verbose but report only when a change is made
  -f, --silent, --quiet  suppress most error messages
  -v, --verbose          output a diagnostic for every file processed
      --dereference      affect the referent of each symbolic link (this is
                         the default), rather than the symbolic link itself
  -h, --no-dereference   affect symbolic links instead of any referenced file
                         (useful only on systems that can change the
                         ownership of a symlink)
      --from=CURRENT_OWNER:CURRENT_GROUP
                         change the owner and/or group of each file only if
                         its current owner and/or group match those specified
                         here.  Either may be omitted, in which case a match
                         is not required for the omitted attribute
      --no-preserve-root  do not treat '/' specially (the default)
      --preserve-root    fail to operate recursively on '/'
      --reference=RFILE  use RFILE's owner and group rather than
                         specifying OWNER:GROUP values
  -R, --recursive        operate on files and directories recursively

The following options modify how a hierarchy is traversed when the -R
option is also specified.  If more than one is specified, only the final
one takes effect.

  -H                     if a command line argument is a symbolic link
                         to a directory, traverse it
  -L                     traverse every symbolic link to a directory
                         encountered
  -P                     do not traverse any symbolic links (default)

      --help        display this help and exit
      --version     output version information and exit

Owner is unchanged if missing.  Group is unchanged if missing, but changed
to login group if implied by a ':' following a symbolic OWNER.
OWNER and GROUP may be numeric as well as symbolic.

Examples:
  chown root /u        Change the owner of /u to "root".
  chown root:staff /u  Likewise, but also change its group to "staff".
  chown -hR root /u    Change the owner of /u and subfiles to "root".
*/
/* @applet chgrp
   @install bin
   @help
Usage: chgrp [OPTION]... GROUP FILE...
  or:  chgrp [OPTION]... --reference=RFILE FILE...
Change the group of each FILE to GROUP.
With --reference, change the group of each FILE to that of RFILE.

  -c, --changes          like verbose but report only when a change is made
  -f, --silent, --quiet  suppress most error messages
  -v, --verbose          output a diagnostic for every file processed
      --dereference      affect the referent of each symbolic link (this is
                         the default), rather than the symbolic link itself
  -h, --no-dereference   affect symbolic links instead of any referenced file
                         (useful only on systems that can change the
                         ownership of a symlink)
      --no-preserve-root  do not treat '/' specially (the default)
      --preserve-root    fail to operate recursively on '/'
      --reference=RFILE  use RFILE's group rather than specifying a
                         GROUP value
  -R, --recursive        operate on files and directories recursively

The following options modify how a hierarchy is traversed when the -R
option is also specified.  If more than one is specified, only the final
one takes effect.

  -H                     if a command line argument is a symbolic link
                         to a directory, traverse it
  -L                     traverse every symbolic link to a directory
                         encountered
  -P                     do not traverse any symbolic links (default)

      --help        display this help and exit
      --version     output version information and exit

Examples:
  chgrp staff /u      Change the group of /u to "staff".
  chgrp -hR staff /u  Change the group of /u and subfiles to "staff".
*/
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/numbers.h"
#include "applets/support/users.h"
#include "applets/support/walk.h"
#include "registry/applet.h"

namespace {

constexpr uid_t kNoUid = static_cast<uid_t>(-1);
constexpr gid_t kNoGid = static_cast<gid_t>(-1);

std::string Decimal(std::uintmax_t v) {
  char buf[24];
  int n = 0;
  do buf[n++] = static_cast<char>('0' + v % 10);
  while (v /= 10);
  std::string s;
  while (n) s += buf[--n];
  return s;
}

std::string UserName(uid_t uid) {
  const mc::users::User* u = mc::users::UserById(uid);
  return u ? u->name : Decimal(uid);
}

std::string GroupName(gid_t gid) {
  const mc::users::Group* g = mc::users::GroupById(gid);
  return g ? g->name : Decimal(gid);
}

// An id as GNU's parse_user_spec takes a number: decimal, below 2^32-1.
bool ParseId(std::string_view s, std::uint32_t& out) {
  std::uintmax_t v;
  if (mc::ParseUnsigned(s, v) != mc::NumError::kOk || v >= 0xffffffffu) return false;
  out = static_cast<std::uint32_t>(v);
  return true;
}

// The result of an OWNER[:GROUP] spec. A name is nullopt when that part
// is absent; the names are kept as written, for -v's messages.
struct Spec {
  uid_t uid = kNoUid;
  gid_t gid = kNoGid;
  std::optional<std::string> user, group;
};

// GNU's parse_with_separator: nullptr on success, else the message.
const char* ParseWithSeparator(std::string_view spec, std::size_t sep, Spec& out) {
  std::string_view u = sep == std::string_view::npos ? spec : spec.substr(0, sep);
  std::string_view g = sep == std::string_view::npos ? std::string_view() : spec.substr(sep + 1);
  bool has_sep = sep != std::string_view::npos;
  Spec r;
  if (!u.empty()) {
    const mc::users::User* pw = u[0] == '+' ? nullptr : mc::users::UserByName(u);
    if (!pw) {
      if (has_sep && g.empty()) return "invalid spec";
      std::uint32_t id;
      if (!ParseId(u, id)) return "invalid user";
      r.uid = id;  // a number: messages show it in decimal
    } else {
      r.uid = pw->uid;
      if (has_sep && g.empty()) {
        r.gid = pw->gid;
        r.group = GroupName(pw->gid);
      }
      r.user = std::string(u);
    }
  }
  if (!g.empty()) {
    const mc::users::Group* gr = g[0] == '+' ? nullptr : mc::users::GroupByName(g);
    if (!gr) {
      std::uint32_t id;
      if (!ParseId(g, id)) return "invalid group";
      r.gid = id;
    } else {
      r.gid = gr->gid;
      r.group = std::string(g);
    }
  }
  out = std::move(r);
  return nullptr;
}

// GNU's parse_user_spec_warn: ':' separates; without one, a spec that is
// not a user name may use '.' (with a warning, *warn set).
const char* ParseUserSpec(std::string_view spec, Spec& out, bool& warn) {
  warn = false;
  std::size_t colon = spec.find(':');
  const char* err = ParseWithSeparator(spec, colon, out);
  if (err && colon == std::string_view::npos) {
    std::size_t dot = spec.find('.');
    if (dot != std::string_view::npos && !ParseWithSeparator(spec, dot, out)) {
      warn = true;
      return "warning: '.' should be ':'";
    }
  }
  return err;
}

enum class Verbosity { kOff, kChanges, kAll };

struct Options {
  bool is_chown = true;
  Verbosity verbosity = Verbosity::kOff;
  bool silent = false;
  bool recursive = false;
  bool affect_referent = true;
  bool preserve_root = false;
  uid_t uid = kNoUid;
  gid_t gid = kNoGid;
  uid_t from_uid = kNoUid;
  gid_t from_gid = kNoGid;
  std::optional<std::string> user_name, group_name;
  mc::walk::Symlinks symlinks = mc::walk::Symlinks::kPhysical;
};

class Changer final : public mc::walk::Visitor {
 public:
  Changer(mc::Invocation& inv, const Options& o) : inv_(inv), o_(o) {}
  bool failed() const { return failed_; }

  mc::walk::Action Visit(const mc::walk::Entry& e) override {
    using mc::walk::Action;
    using mc::walk::Visit;
    switch (e.visit) {
      case Visit::kPre:
        if (!o_.recursive) {
          Change(e);
          return Action::kSkip;
        }
        // Any directory of the walk (GNU checks each one: -L can reach /).
        if (o_.preserve_root && mc::walk::RefuseRoot(inv_, e)) {
          failed_ = true;
          return Action::kSkip;
        }
        return Action::kContinue;
      case Visit::kPost:
      case Visit::kFile:
      case Visit::kOtherDevice:
        Change(e);
        return Action::kContinue;
      case Visit::kCycle:
        if (o_.symlinks == mc::walk::Symlinks::kLogical) {
          Change(e);
        } else {
          inv_.FlushOutputForMessage();
          std::string m =
              "WARNING: Circular directory structure.\n"
              "This almost certainly means that you have a corrupted file system.\n"
              "NOTIFY YOUR SYSTEM MANAGER.\n"
              "The following directory is part of the cycle:\n  ";
          m += mc::Quote(e.path);
          mc::Warn(inv_, m);
          failed_ = true;
        }
        return Action::kContinue;
      case Visit::kError:
        if (!o_.silent) mc::WarnErrno(inv_, "cannot access " + mc::Quote(e.path), e.err);
        failed_ = true;
        if (o_.verbosity == Verbosity::kAll) Describe(e.path, 1, nullptr);
        return Action::kContinue;
      case Visit::kDirError:
        if (!o_.silent) mc::WarnErrno(inv_, "cannot read directory " + mc::Quote(e.path), e.err);
        failed_ = true;
        return Action::kContinue;
    }
    return Action::kContinue;
  }

 private:
  static std::optional<std::string> Join(const std::optional<std::string>& u,
                                         const std::optional<std::string>& g) {
    if (u && g) return *u + ":" + *g;
    if (u) return u;
    return g;
  }

  // GNU's describe_change.
  void Describe(std::string_view path, int status, const struct stat* st) {
    // status: 0 succeeded, 1 failed, 2 no change requested, 3 not applied.
    mc::Output& out = inv_.out();
    std::string q = mc::Quote(path);
    if (status == 3) {
      out.Write("neither symbolic link " + q + " nor referent has been changed\n");
      return;
    }
    std::optional<std::string> user = o_.user_name, group = o_.group_name;
    if (!user && o_.uid != kNoUid) user = Decimal(o_.uid);
    if (!group && o_.gid != kNoGid) group = Decimal(o_.gid);
    std::optional<std::string> old_user, old_group;
    if (st) {
      if (user) old_user = UserName(st->st_uid);
      if (group) old_group = GroupName(st->st_gid);
    }
    std::optional<std::string> spec = Join(user, group), old_spec = Join(old_user, old_group);
    const char* what = user ? "ownership" : "group";
    std::string line;
    if (status == 0) {
      if (user || group)
        line = std::string("changed ") + what + " of " + q + " from " + old_spec.value_or("") +
               " to " + spec.value_or("");
      else
        line = "no change to ownership of " + q;
    } else if (status == 1) {
      if (!user && !group)
        line = "failed to change ownership of " + q;
      else if (old_spec)
        line = std::string("failed to change ") + what + " of " + q + " from " + *old_spec +
               " to " + spec.value_or("");
      else
        line = std::string("failed to change ") + what + " of " + q + " to " + spec.value_or("");
    } else {
      if (user || group)
        line = std::string(what) + " of " + q + " retained as " + old_spec.value_or("");
      else
        line = "ownership of " + q + " retained";
    }
    line += '\n';
    out.Write(line);
  }

  void Change(const mc::walk::Entry& e) {
    bool ok = true;
    struct stat lst, rst;
    const struct stat* st = nullptr;
    if (::fstatat(e.dirfd, e.name, &lst, AT_SYMLINK_NOFOLLOW) != 0) {
      if (!o_.silent) mc::WarnErrno(inv_, "cannot access " + mc::Quote(e.path), errno);
      failed_ = true;
      if (o_.verbosity == Verbosity::kAll) Describe(e.path, 1, nullptr);
      return;
    }
    st = &lst;
    if (o_.affect_referent && S_ISLNK(lst.st_mode)) {
      if (::fstatat(e.dirfd, e.name, &rst, 0) != 0) {
        if (!o_.silent) mc::WarnErrno(inv_, "cannot dereference " + mc::Quote(e.path), errno);
        ok = false;
        st = nullptr;
      } else {
        st = &rst;
      }
    }
    bool do_chown = ok && (o_.from_uid == kNoUid || o_.from_uid == st->st_uid) &&
                    (o_.from_gid == kNoGid || o_.from_gid == st->st_gid);
    bool symlink_changed = true;
    if (do_chown) {
      int flags = o_.affect_referent ? 0 : AT_SYMLINK_NOFOLLOW;
      ok = ::fchownat(e.dirfd, e.name, o_.uid, o_.gid, flags) == 0;
      int err = errno;
      if (!ok && !o_.affect_referent && err == EOPNOTSUPP) {
        ok = true;
        symlink_changed = false;
      }
      if (!ok && !o_.silent)
        mc::WarnErrno(inv_,
                      std::string(o_.uid != kNoUid ? "changing ownership of "
                                                   : "changing group of ") +
                          mc::Quote(e.path),
                      err);
    }
    if (!ok) failed_ = true;
    if (o_.verbosity == Verbosity::kOff) return;
    bool changed = do_chown && ok && symlink_changed &&
                   !((o_.uid == kNoUid || o_.uid == st->st_uid) &&
                     (o_.gid == kNoGid || o_.gid == st->st_gid));
    if (!changed && o_.verbosity != Verbosity::kAll) return;
    int status = !ok ? 1 : !symlink_changed ? 3 : !changed ? 2 : 0;
    Describe(e.path, status, st);
  }

  mc::Invocation& inv_;
  const Options& o_;
  bool failed_ = false;
};

int Run(mc::Invocation& inv, bool is_chown) {
  Options o;
  o.is_chown = is_chown;
  int dereference = -1;  // GNU: -1 default, 0 -h, 1 --dereference
  bool logical = false, comfollow = false;
  std::optional<std::string> reference, from;
  mc::cli::Parser p(inv);
  p.OnFlag("-c,--changes", [&] { o.verbosity = Verbosity::kChanges; });
  p.OnFlag("-v,--verbose", [&] { o.verbosity = Verbosity::kAll; });
  p.Flag("-f,--silent,--quiet", o.silent);
  p.OnFlag("--dereference", [&] { dereference = 1; });
  p.OnFlag("-h,--no-dereference", [&] { dereference = 0; });
  if (is_chown) p.OnValue("--from", [&](const std::string& v) { from = v; });
  p.OnFlag("--preserve-root", [&] { o.preserve_root = true; });
  p.OnFlag("--no-preserve-root", [&] { o.preserve_root = false; });
  p.OnValue("--reference", [&](const std::string& v) { reference = v; });
  p.Flag("-R,--recursive", o.recursive);
  p.OnFlag("-H", [&] { logical = false, comfollow = true; });
  p.OnFlag("-L", [&] { logical = true, comfollow = false; });
  p.OnFlag("-P", [&] { logical = false, comfollow = false; });
  std::vector<std::string> args;
  if (auto rc = p.Parse(&args)) return *rc;

  if (o.recursive) {
    if (!logical && !comfollow) {
      if (dereference == 1) mc::Die(inv, "-R --dereference requires either -H or -L");
      dereference = 0;
    }
    o.symlinks = logical     ? mc::walk::Symlinks::kLogical
                 : comfollow ? mc::walk::Symlinks::kCommandLine
                             : mc::walk::Symlinks::kPhysical;
  }
  o.affect_referent = dereference != 0;

  if (args.size() < (reference ? 1u : 2u)) {
    if (args.empty()) return mc::UsageError(inv, "missing operand");
    return mc::UsageError(inv, "missing operand after " + mc::QuoteC(args.back()));
  }

  std::size_t first = 0;
  if (reference) {
    struct stat st;
    if (::stat(reference->c_str(), &st) != 0)
      mc::DieErrno(inv, "failed to get attributes of " + mc::Quote(*reference), errno);
    if (is_chown) {
      o.uid = st.st_uid;
      o.user_name = UserName(st.st_uid);
    }
    o.gid = st.st_gid;
    o.group_name = GroupName(st.st_gid);
  } else if (is_chown) {
    Spec s;
    bool warn;
    const std::string& spec = args[first++];
    if (const char* err = ParseUserSpec(spec, s, warn)) {
      if (!warn) mc::Die(inv, std::string(err) + ": " + mc::QuoteC(spec));
      mc::Warn(inv, std::string(err) + ": " + mc::QuoteC(spec));
    }
    // ":GROUP" is reported as an ownership change (GNU sets the user name
    // to "" for it).
    if (!s.user && s.group) s.user = std::string();
    o.uid = s.uid;
    o.gid = s.gid;
    o.user_name = s.user;
    o.group_name = s.group;
  } else {
    const std::string& g = args[first++];
    if (!g.empty()) {
      const mc::users::Group* gr = mc::users::GroupByName(g);
      std::uintmax_t v;
      if (gr) {
        o.gid = gr->gid;
      } else if (mc::ParseUnsigned(g, v) == mc::NumError::kOk && v <= 0xffffffffu) {
        o.gid = static_cast<gid_t>(v);
      } else {
        mc::Die(inv, "invalid group: " + mc::QuoteC(g));
      }
      o.group_name = g;
    }
  }
  if (from) {
    Spec s;
    bool warn;
    if (const char* err = ParseUserSpec(*from, s, warn)) {
      if (!warn) mc::Die(inv, std::string(err) + ": " + mc::QuoteC(*from));
      mc::Warn(inv, std::string(err) + ": " + mc::QuoteC(*from));
    }
    o.from_uid = s.uid;
    o.from_gid = s.gid;
  }

  Changer changer(inv, o);
  mc::walk::Options wo;
  wo.symlinks = o.symlinks;
  mc::walk::Walker walker(wo);
  for (std::size_t i = first; i < args.size(); ++i) walker.Walk(args[i], changer);
  return changer.failed() ? 1 : 0;
}

}  // namespace

MC_APPLET(chown) { return Run(inv, true); }
MC_APPLET(chgrp) { return Run(inv, false); }
