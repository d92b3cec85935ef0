/* @applet run-parts
   @install bin
   @help
Usage: run-parts [OPTION]... DIRECTORY
      --test          print script names which would run, but don't run them.
      --list          print names of all valid files (can not be used with
                      --test)
  -v, --verbose       print script names before running them.
  -d, --debug         print script names while checking them.
      --report        print script names if they produce output.
      --reverse       reverse execution order of scripts.
      --exit-on-error exit as soon as a script returns with a non-zero exit
                      code.
      --stdin         multiplex stdin to scripts being run, using temporary file
      --lsbsysinit    validate filenames based on LSB sysinit specs.
      --new-session   run each script in a separate process session
      --regex=PATTERN validate filenames based on POSIX ERE pattern PATTERN.
  -u, --umask=UMASK   sets umask to UMASK (octal), default is 022.
  -a, --arg=ARGUMENT  pass ARGUMENT to scripts, use once for each argument.
  -V, --version       output version information and exit.
  -h, --help          display this help and exit.
*/
// Debian's run-parts (debianutils 5.7): the same name rules (regular
// expressions given to glibc's engine), order (bytewise), messages and
// exit status (1 when any script fails or a part is not a plain file).
// As in Debian's, -d is accepted only in its long form. Unlike Debian's, a
// failed write of --test/--list output is reported.
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/regex.h"
#include "applets/system/ident.h"
#include "registry/applet.h"

namespace {

enum class Names { kClassical, kLsb, kCustom };

struct Options {
  bool test = false, list = false, verbose = false, debug = false, report = false;
  bool reverse = false, exit_on_error = false, new_session = false, stdin_copy = false;
  Names names = Names::kClassical;
  std::string regex;
  mode_t umask = 022;
  std::vector<std::string> args;
};

// A name pattern as Debian's run-parts compiles it with regcomp (REG_NOSUB,
// REG_EXTENDED or not), on the shared regex module.
class Regex {
 public:
  // "" or the engine's message.
  std::string Compile(const std::string& pattern, bool extended) {
    mc::regex::Options o;
    o.syntax = extended ? mc::regex::Syntax::kSedExtended : mc::regex::Syntax::kSedBasic;
    o.no_sub = true;
    return re_.Compile(pattern, o);
  }
  bool Match(const char* s) const { return re_.Search(s, 0, nullptr); }

 private:
  mutable mc::regex::Regex re_;
};

class RunParts {
 public:
  RunParts(mc::Invocation& inv, const Options& o) : inv_(inv), o_(o) {}

  void Message(const std::string& msg) {
    inv_.FlushOutputForMessage();
    std::string line = "run-parts: " + msg + "\n";
    mc::WriteAll(inv_.err_fd(), line.data(), line.size());
  }

  int Run(const std::string& dir) {
    if (!CompilePatterns()) return 1;
    std::vector<std::string> names;
    DIR* d = ::opendir(dir.c_str());
    if (!d) {
      Message("failed to open directory " + dir + ": " + std::string(mc::ErrorText(errno)));
      return 1;
    }
    while (dirent* e = ::readdir(d))
      if (Valid(e->d_name)) names.emplace_back(e->d_name);
    ::closedir(d);
    std::sort(names.begin(), names.end());
    if (o_.reverse) std::reverse(names.begin(), names.end());
    if (o_.stdin_copy && !CopyStdin()) {
      Message("run-parts: failed to copy content of stdin\n");
      return 1;
    }
    for (const auto& name : names) {
      std::string path = dir + "/" + name;
      struct stat st;
      if (::stat(path.c_str(), &st) < 0) {
        Message("failed to stat component " + path + ": " + std::string(mc::ErrorText(errno)));
        if (o_.exit_on_error) return 1;
        continue;
      }
      if (S_ISREG(st.st_mode)) {
        if (::access(path.c_str(), X_OK) == 0) {
          if (o_.test) {
            Line(path);
          } else if (o_.list) {
            if (::access(path.c_str(), R_OK) == 0) Line(path);
          } else {
            if (o_.verbose) {
              std::string msg = "executing " + path;
              for (const auto& a : o_.args) msg += " " + a;
              Message(msg);
            }
            RunPart(path);
            if (status_ != 0 && o_.exit_on_error) break;
          }
        } else if (::access(path.c_str(), R_OK) == 0 && o_.list) {
          Line(path);
        }
      } else if (!S_ISDIR(st.st_mode) && !o_.list) {
        // Debian's message, with its doubled prefix and blank line.
        Message("run-parts: component " + path + " is not an executable plain file\n");
        status_ = 1;
      }
    }
    if (stdin_fd_ >= 0) ::close(stdin_fd_);
    return status_;
  }

 private:
  bool CompilePatterns() {
    std::string err;
    if (o_.names == Names::kCustom) {
      err = custom_.Compile(o_.regex, true);
    } else if (o_.names == Names::kLsb) {
      err = hier_.Compile("^_?([a-z0-9_.]+-)+[a-z0-9]+$", true);
      if (err.empty()) err = excs_.Compile("^[a-z0-9-].*\\.dpkg-(old|dist|new|tmp)$", true);
      if (err.empty()) err = trad_.Compile("^[a-z0-9][a-z0-9_-]*$", false);
    } else {
      err = classical_.Compile("^[a-zA-Z0-9_-]+$", true);
    }
    if (err.empty()) return true;
    inv_.FlushOutputForMessage();
    std::string msg = "Unable to build regexp: " + err + "\n";
    mc::WriteAll(inv_.err_fd(), msg.data(), msg.size());
    return false;
  }

  void Debug(const char* name, const char* what, bool pass) {
    if (!o_.debug) return;
    std::string msg = "\"" + std::string(name) + "\": " + what + (pass ? " pass\n" : " fail\n");
    mc::WriteAll(inv_.err_fd(), msg.data(), msg.size());
  }

  bool Valid(const char* name) {
    bool ok;
    if (o_.names == Names::kCustom) {
      ok = custom_.Match(name);
      Debug(name, "customre", ok);
    } else if (o_.names == Names::kLsb) {
      if (hier_.Match(name)) {
        ok = !excs_.Match(name);
        Debug(name, "hierre pass, excsre", ok);
      } else {
        ok = trad_.Match(name);
        Debug(name, "tradre", ok);
      }
    } else {
      ok = classical_.Match(name);
      Debug(name, "classicalre", ok);
    }
    return ok;
  }

  void Line(const std::string& path) {
    inv_.out().Write(path);
    inv_.out().Put('\n');
  }

  bool CopyStdin() {
    const char* tmp = "/tmp";
    std::string tmpdir;
    if (auto t = inv_.GetEnv("TMPDIR")) tmp = (tmpdir = std::string(*t)).c_str();
    int fd = ::open(tmp, O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0) return false;
    char buf[16384];
    for (;;) {
      ssize_t n = ::read(inv_.in_fd(), buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        Message("run-parts: failed to read from stdin\n");
        ::close(fd);
        return false;
      }
      if (n == 0) break;
      if (mc::WriteAll(fd, buf, static_cast<std::size_t>(n)) != 0) {
        Message("run-parts: failed to write to temporary file\n");
        ::close(fd);
        return false;
      }
    }
    stdin_fd_ = fd;
    return true;
  }

  // Child side of RunPart: never returns.
  [[noreturn]] void Child(const std::string& path, int out_w, int err_w) {
    if (o_.new_session) ::setsid();
    ::umask(o_.umask);
    if (stdin_fd_ >= 0) {
      if (::dup2(stdin_fd_, 0) < 0 || ::lseek(0, 0, SEEK_SET) < 0) ::_exit(1);
    }
    if (out_w >= 0 && (::dup2(out_w, 1) < 0 || ::dup2(err_w, 2) < 0)) ::_exit(1);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(path.c_str()));
    for (const auto& a : o_.args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execve(path.c_str(), argv.data(), inv_.env());
    std::string msg =
        "run-parts: failed to exec " + path + ": " + std::string(mc::ErrorText(errno)) + "\n";
    mc::WriteAll(2, msg.data(), msg.size());
    ::_exit(1);
  }

  void RunPart(const std::string& path) {
    inv_.out().Flush();
    int out_p[2] = {-1, -1}, err_p[2] = {-1, -1};
    if (o_.report && (::pipe2(out_p, O_CLOEXEC) != 0 || ::pipe2(err_p, O_CLOEXEC) != 0)) {
      Message("pipe: " + std::string(mc::ErrorText(errno)));
      throw mc::Exit{1};
    }
    pid_t pid = ::fork();
    if (pid < 0) {
      Message("failed to fork: " + std::string(mc::ErrorText(errno)));
      throw mc::Exit{1};
    }
    if (pid == 0) Child(path, out_p[1], err_p[1]);
    int wstatus = 0;
    bool reaped = false;
    if (o_.report) {
      ::close(out_p[1]);
      ::close(err_p[1]);
      Relay(path, pid, out_p[0], err_p[0], &wstatus, &reaped);
    }
    if (!reaped) {
      while (::waitpid(pid, &wstatus, 0) < 0) {
        if (errno != EINTR) {
          Message("waitpid: " + std::string(mc::ErrorText(errno)));
          throw mc::Exit{1};
        }
      }
    }
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus)) {
      Message(path + " exited with return code " + mc::ident::Decimal(WEXITSTATUS(wstatus)));
      status_ = 1;
    } else if (WIFSIGNALED(wstatus)) {
      Message(path + " exited because of uncaught signal " +
              mc::ident::Decimal(WTERMSIG(wstatus)));
      status_ = 1;
    }
  }

  // --report: copies the script's output, headed by its name before the
  // first byte (on stdout or stderr, whichever comes first). Once the
  // script has exited, what is left is drained without waiting, so a
  // daemon holding the pipes open does not hang us.
  void Relay(const std::string& path, pid_t pid, int out_r, int err_r, int* wstatus,
             bool* reaped) {
    bool headed = false;
    int fds[2] = {out_r, err_r};
    char buf[4096];
    while (fds[0] >= 0 || fds[1] >= 0) {
      if (!*reaped) {
        pid_t r = ::waitpid(pid, wstatus, WNOHANG);
        if (r == pid) *reaped = true;
      }
      pollfd p[2];
      int n = 0;
      for (int fd : fds)
        if (fd >= 0) p[n++] = {fd, POLLIN, 0};
      int rc = ::poll(p, static_cast<nfds_t>(n), *reaped ? 0 : 50);
      if (rc < 0 && errno == EINTR) continue;
      if (rc <= 0) {
        if (*reaped) break;
        continue;
      }
      for (int k = 0; k < n; ++k) {
        if (!(p[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        int which = p[k].fd == fds[0] ? 0 : 1;
        ssize_t got = ::read(p[k].fd, buf, sizeof buf);
        if (got < 0 && errno == EINTR) continue;
        if (got > 0) {
          int dest = which == 0 ? inv_.out().fd() : inv_.err_fd();
          if (!headed) {
            std::string head = path + ":\n";
            mc::WriteAll(dest, head.data(), head.size());
            headed = true;
          }
          mc::WriteAll(dest, buf, static_cast<std::size_t>(got));  // errors ignored, as Debian's
          continue;
        }
        if (got < 0)
          Message(std::string("failed to read from ") + (which == 0 ? "stdout" : "error") +
                  " pipe: " + std::string(mc::ErrorText(errno)));
        ::close(fds[which]);
        fds[which] = -1;
      }
    }
    for (int fd : fds)
      if (fd >= 0) ::close(fd);
  }

  mc::Invocation& inv_;
  const Options& o_;
  Regex classical_, hier_, excs_, trad_, custom_;
  int status_ = 0;
  int stdin_fd_ = -1;
};

// sscanf("%o")'s reading: blanks, a sign, octal digits (at least one).
bool ParseUmask(const std::string& s, mode_t* out) {
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) ++i;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  if (i == s.size() || s[i] < '0' || s[i] > '7') return false;
  unsigned long v = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '7'; ++i) {
    v = v * 8 + static_cast<unsigned>(s[i] - '0');
    if (v > 07777) return false;
  }
  if (neg && v != 0) return false;
  *out = static_cast<mode_t>(v);
  return true;
}

}  // namespace

MC_APPLET(run_parts) {
  Options o;
  mc::cli::Parser p(inv);
  auto try_help = [&] {
    inv.FlushOutputForMessage();
    const char* msg = "Try `run-parts --help' for more information.\n";
    mc::WriteAll(inv.err_fd(), msg, std::strlen(msg));
  };
  p.OnUsageError([&](std::string_view msg) {
    mc::Warn(inv, msg);
    try_help();
    return 1;
  });
  p.Flag("--test", o.test);
  p.Flag("--list", o.list);
  p.Flag("-v,--verbose", o.verbose);
  p.Flag("--debug", o.debug);
  p.Flag("--report", o.report);
  p.Flag("--reverse", o.reverse);
  p.Flag("--exit-on-error", o.exit_on_error);
  p.Flag("--new-session", o.new_session);
  p.Flag("--stdin", o.stdin_copy);
  p.OnFlag("--lsbsysinit", [&] { o.names = Names::kLsb; });
  p.OnValue("--regex", [&](const std::string& v) {
    o.names = Names::kCustom;
    o.regex = v;
  });
  p.OnValue("-u,--umask", [&](const std::string& v) {
    if (!ParseUmask(v, &o.umask)) {
      mc::Warn(inv, "bad umask value");
      p.Stop(1);
    }
  });
  p.Value("-a,--arg", o.args);
  p.OnFlag("-h", [&] { p.Stop(mc::cli::PrintHelp(inv)); });
  p.OnFlag("-V", [&] { p.Stop(mc::cli::PrintVersion(inv)); });
  std::vector<std::string> operands;
  if (auto rc = p.Parse(&operands)) return *rc;
  if (operands.size() != 1) {
    mc::Warn(inv, "missing operand");
    try_help();
    return 1;
  }
  if (o.list && o.test) {
    mc::Warn(inv, "--list and --test can not be used together");
    try_help();
    return 1;
  }
  return RunParts(inv, o).Run(operands[0]);
}
