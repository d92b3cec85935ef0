/* @applet xargs
   @install usr/bin
   @help
Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...
Run COMMAND with arguments INITIAL-ARGS and more arguments read from input.

Mandatory and optional arguments to long options are also
mandatory or optional for the corresponding short option.
  -0, --null                   items are separated by a null, not whitespace;
                                 disables quote and backslash processing and
                                 logical EOF processing
  -a, --arg-file=FILE          read arguments from FILE, not standard input
  -d, --delimiter=CHARACTER    items in input stream are separated by CHARACTER,
                                 not by whitespace; disables quote and backslash
                                 processing and logical EOF processing
  -E END                       set logical EOF string; if END occurs as a line
                                 of input, the rest of the input is ignored
                                 (ignored if -0 or -d was specified)
  -e, --eof[=END]              equivalent to -E END if END is specified;
                                 otherwise, there is no end-of-file string
  -I R                         same as --replace=R
  -i, --replace[=R]            replace R in INITIAL-ARGS with names read
                                 from standard input, split at newlines;
                                 if R is unspecified, assume {}
  -L, --max-lines=MAX-LINES    use at most MAX-LINES non-blank input lines per
                                 command line
  -l[MAX-LINES]                similar to -L but defaults to at most one non-
                                 blank input line if MAX-LINES is not specified
  -n, --max-args=MAX-ARGS      use at most MAX-ARGS arguments per command line
  -o, --open-tty               Reopen stdin as /dev/tty in the child process
                                 before executing the command; useful to run an
                                 interactive application.
  -P, --max-procs=MAX-PROCS    run at most MAX-PROCS processes at a time
  -p, --interactive            prompt before running commands
      --process-slot-var=VAR   set environment variable VAR in child processes
  -r, --no-run-if-empty        if there are no arguments, then do not run COMMAND;
                                 if this option is not given, COMMAND will be
                                 run at least once
  -s, --max-chars=MAX-CHARS    limit length of command line to MAX-CHARS
      --show-limits            show limits on command-line length
  -t, --verbose                print commands before executing them
  -x, --exit                   exit if the size (see -s) is exceeded
      --help                   display this help and exit
      --version                output version information and exit
*/
// Not done: running our own applets in-process.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "registry/applet.h"

namespace {

struct Options {
  bool delimited = false;  // -0 or -d: no quotes, no EOF string
  char delim = '\n';
  std::optional<std::string> eof;
  std::optional<std::string> replace;
  std::size_t max_lines = 0;
  std::size_t max_args = 0;
  std::size_t max_procs = 1;
  std::size_t max_chars = 131072;
  bool no_run_empty = false;
  bool exit_on_size = false;
  bool verbose = false;
  bool interactive = false;
  bool open_tty = false;
  std::string slot_var;
  std::optional<std::string> arg_file;
};

// Buffered byte reader over a descriptor.
class Reader {
 public:
  explicit Reader(int fd) : fd_(fd), buf_(new char[kSize]) {}
  // -1 at end of input (or on a read error, reported in err).
  int Get() {
    if (pos_ == len_) {
      pos_ = len_ = 0;
      if (eof_) return -1;
      ssize_t n;
      do n = ::read(fd_, buf_.get(), kSize);
      while (n < 0 && errno == EINTR);
      if (n <= 0) {
        if (n < 0) err = errno;
        eof_ = true;
        return -1;
      }
      pos_ = 0;
      len_ = static_cast<std::size_t>(n);
    }
    return static_cast<unsigned char>(buf_[pos_++]);
  }
  // Puts back the byte just read (c >= 0).
  void Unget(int c) {
    if (c >= 0) --pos_;
  }
  int err = 0;

 private:
  static constexpr std::size_t kSize = 64 * 1024;
  int fd_;
  std::unique_ptr<char[]> buf_;
  std::size_t pos_ = 0, len_ = 0;
  bool eof_ = false;
};

struct Item {
  std::string text;
  bool end_of_line = false;  // -L: the item ends a (non-continued) line
};

// Stops the applet with a status after its message.
struct Stop {
  int status;
};

class Xargs {
 public:
  Xargs(mc::Invocation& inv, const Options& o, std::vector<std::string> cmd, Reader& in, int child_in)
      : inv_(inv), o_(o), cmd_(std::move(cmd)), in_(in), child_in_(child_in) {
    for (const std::string& a : cmd_) base_size_ += a.size() + 1;
  }

  int Run();

 private:
  enum class Got { kItem, kEnd };
  void WarnNul();
  Got Next(Item& it);
  Got NextDelimited(Item& it);
  Got NextQuoted(Item& it, bool line_mode);
  void Exec(const std::vector<std::string>& argv);
  void Reap(bool block);
  void Handle(pid_t pid, int status);
  void Launch();
  bool Confirm(const std::vector<std::string>& argv);

  mc::Invocation& inv_;
  const Options& o_;
  std::vector<std::string> cmd_;
  Reader& in_;
  int child_in_;
  std::size_t base_size_ = 0;
  std::vector<std::string> args_;
  std::size_t args_size_ = 0;
  std::size_t lines_ = 0;
  bool warned_nul_ = false;
  bool eof_seen_ = false;
  int status_ = 0;
  struct Child {
    pid_t pid;
    std::size_t slot;
    std::string name;
    int errpipe;
  };
  std::vector<Child> running_;
};

Xargs::Got Xargs::NextDelimited(Item& it) {
  int c = in_.Get();
  if (c < 0) return Got::kEnd;
  it.text.clear();
  while (c >= 0 && c != static_cast<unsigned char>(o_.delim)) {
    it.text += static_cast<char>(c);
    c = in_.Get();
  }
  it.end_of_line = true;
  return Got::kItem;
}

// Default input: blanks and newlines separate items; quotes and
// backslashes as GNU xargs. line_mode (-I): only newlines separate, and
// leading blanks are dropped.
Xargs::Got Xargs::NextQuoted(Item& it, bool line_mode) {
  it.text.clear();
  int c = in_.Get();
  while (c == ' ' || c == '\t' || c == '\n') c = in_.Get();
  if (c < 0) return Got::kEnd;
  it.end_of_line = true;
  for (;;) {
    if (c < 0) break;
    if (c == '\n') break;
    if ((c == ' ' || c == '\t') && !line_mode) {
      // A blank ends the item; a line ending in blanks goes on (-L).
      int d = in_.Get();
      while (d == ' ' || d == '\t') d = in_.Get();
      it.end_of_line = false;
      if (d != '\n') in_.Unget(d);
      break;
    }
    if (c == '\\') {
      int d = in_.Get();
      if (d < 0) break;
      if (d == 0) WarnNul();
      it.text += static_cast<char>(d);
    } else if (c == '\'' || c == '"') {
      int q = c;
      for (;;) {
        int d = in_.Get();
        if (d < 0 || d == '\n') {
          mc::Warn(inv_, std::string("unmatched ") + (q == '\'' ? "single" : "double") +
                             " quote; by default quotes are special to xargs unless you use the -0 option");
          if (!args_.empty()) Launch();
          Reap(true);
          throw Stop{1};
        }
        if (d == q) break;
        if (d == 0) WarnNul();
        it.text += static_cast<char>(d);
      }
    } else {
      if (c == 0) WarnNul();
      it.text += static_cast<char>(c);
    }
    c = in_.Get();
  }
  if (o_.eof && !o_.eof->empty() && it.text == *o_.eof) {
    eof_seen_ = true;
    return Got::kEnd;
  }
  return Got::kItem;
}

void Xargs::WarnNul() {
  if (warned_nul_) return;
  warned_nul_ = true;
  mc::Warn(inv_, "WARNING: a NUL character occurred in the input.  It cannot be passed through in the "
                 "argument list.  Did you mean to use the --null option?");
}

Xargs::Got Xargs::Next(Item& it) {
  if (eof_seen_) return Got::kEnd;
  if (o_.delimited) return NextDelimited(it);
  return NextQuoted(it, o_.replace.has_value());
}

std::string Replace(const std::string& arg, const std::string& r, const std::string& with) {
  if (r.empty()) return arg;
  std::string out;
  std::size_t i = 0;
  for (;;) {
    std::size_t at = arg.find(r, i);
    if (at == std::string::npos) break;
    out.append(arg, i, at - i);
    out += with;
    i = at + r.size();
  }
  out.append(arg, i, std::string::npos);
  return out;
}

bool Xargs::Confirm(const std::vector<std::string>& argv) {
  int tty = ::open("/dev/tty", O_RDONLY | O_CLOEXEC);
  if (tty < 0) {
    mc::Warn(inv_, "failed to open /dev/tty for reading: " + std::string(mc::ErrorText(errno)));
    throw Stop{1};
  }
  std::string q;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (i) q += ' ';
    q += argv[i];
  }
  q += " ?...";
  mc::WriteAll(inv_.err_fd(), q.data(), q.size());
  char ch, first = 0;
  bool any = false;
  for (;;) {
    ssize_t n = ::read(tty, &ch, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || ch == '\n') break;
    if (!any) first = ch;
    any = true;
  }
  ::close(tty);
  return first == 'y' || first == 'Y';
}

void Xargs::Handle(pid_t pid, int status) {
  for (std::size_t i = 0; i < running_.size(); ++i) {
    if (running_[i].pid != pid) continue;
    Child ch = std::move(running_[i]);
    running_.erase(running_.begin() + static_cast<std::ptrdiff_t>(i));
    int err = 0;
    ssize_t n;
    do n = ::read(ch.errpipe, &err, sizeof err);
    while (n < 0 && errno == EINTR);
    ::close(ch.errpipe);
    if (n == static_cast<ssize_t>(sizeof err)) {
      mc::WarnErrno(inv_, ch.name, err);
      Reap(true);
      throw Stop{err == ENOENT ? 127 : 126};
    }
    if (WIFSIGNALED(status)) {
      mc::Warn(inv_, ch.name + ": terminated by signal " + std::to_string(WTERMSIG(status)));
      Reap(true);
      throw Stop{125};
    }
    int code = WEXITSTATUS(status);
    if (code == 255) {
      mc::Warn(inv_, ch.name + ": exited with status 255; aborting");
      Reap(true);
      throw Stop{124};
    }
    if (code != 0) status_ = 123;
    return;
  }
}

void Xargs::Reap(bool all) {
  while (!running_.empty()) {
    int status;
    pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      running_.clear();
      return;
    }
    try {
      Handle(pid, status);
    } catch (const Stop&) {
      if (!all) throw;
      // Already stopping: keep waiting for the others.
    }
    if (!all) return;
  }
}

void Xargs::Exec(const std::vector<std::string>& argv) {
  if (o_.interactive) {
    if (!Confirm(argv)) return;
  } else if (o_.verbose) {
    std::string line;
    for (std::size_t i = 0; i < argv.size(); ++i) {
      if (i) line += ' ';
      line += argv[i];
    }
    line += '\n';
    mc::WriteAll(inv_.err_fd(), line.data(), line.size());
  }
  while (o_.max_procs != 0 && running_.size() >= o_.max_procs) Reap(false);
  std::size_t slot = 0;
  for (bool used = true; used; ++slot) {
    used = false;
    for (const Child& c : running_) used |= c.slot == slot;
    if (!used) break;
  }
  std::vector<char*> av;
  for (const std::string& a : argv) av.push_back(const_cast<char*>(a.c_str()));
  av.push_back(nullptr);
  std::string slot_env = o_.slot_var + "=" + std::to_string(slot);
  int pipefd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0) {
    mc::WarnErrno(inv_, "cannot create pipe", errno);
    throw Stop{1};
  }
  inv_.out().Flush();
  pid_t pid = ::fork();
  if (pid < 0) {
    mc::WarnErrno(inv_, "cannot fork", errno);
    throw Stop{1};
  }
  if (pid == 0) {
    ::close(pipefd[0]);
    // The invocation's streams become the command's (in-process callers).
    if (inv_.out().fd() != 1) ::dup2(inv_.out().fd(), 1);
    if (inv_.err_fd() != 2) ::dup2(inv_.err_fd(), 2);
    if (o_.open_tty) {
      int t = ::open("/dev/tty", O_RDONLY);
      if (t >= 0 && t != 0) {
        ::dup2(t, 0);
        ::close(t);
      }
    } else if (child_in_ != 0) {
      ::dup2(child_in_, 0);
    }
    if (!o_.slot_var.empty()) ::putenv(slot_env.data());
    ::execvp(av[0], av.data());
    int err = errno;
    (void)!::write(pipefd[1], &err, sizeof err);
    ::_exit(err == ENOENT ? 127 : 126);
  }
  ::close(pipefd[1]);
  running_.push_back({pid, slot, argv[0], pipefd[0]});
  if (o_.max_procs == 1) Reap(false);
}

// Runs the command with the collected arguments.
void Xargs::Launch() {
  if (o_.replace) return;
  std::vector<std::string> argv = cmd_;
  for (std::string& a : args_) argv.push_back(std::move(a));
  args_.clear();
  args_size_ = 0;
  lines_ = 0;
  Exec(argv);
}

int Xargs::Run() {
  try {
    if (base_size_ > o_.max_chars) {
      mc::Warn(inv_, "cannot fit single argument within argument list size limit");
      return 1;
    }
    Item it;
    bool ran = false;
    if (o_.replace) {
      while (Next(it) == Got::kItem) {
        std::vector<std::string> argv;
        std::size_t size = 0;
        for (const std::string& a : cmd_) {
          argv.push_back(Replace(a, *o_.replace, it.text));
          size += argv.back().size() + 1;
        }
        if (size > o_.max_chars) {
          mc::Warn(inv_, "argument list too long");
          Reap(true);
          return 1;
        }
        Exec(argv);
      }
    } else {
      while (Next(it) == Got::kItem) {
        std::size_t add = it.text.size() + 1;
        if (base_size_ + args_size_ + add > o_.max_chars) {
          if (args_.empty() || (o_.exit_on_size && (o_.max_args || o_.max_lines))) {
            mc::Warn(inv_, args_.empty() ? "argument line too long" : "argument list too long");
            Reap(true);
            return 1;
          }
          Launch();
          ran = true;
          if (base_size_ + add > o_.max_chars) {
            mc::Warn(inv_, "argument line too long");
            Reap(true);
            return 1;
          }
        }
        args_.push_back(std::move(it.text));
        args_size_ += add;
        if (it.end_of_line) ++lines_;
        if ((o_.max_args && args_.size() >= o_.max_args) || (o_.max_lines && lines_ >= o_.max_lines)) {
          Launch();
          ran = true;
        }
      }
      if (!args_.empty() || (!ran && !o_.no_run_empty)) Launch();
    }
    if (in_.err) {
      mc::WarnErrno(inv_, "read error", in_.err);
      status_ = 1;
    }
    Reap(true);
  } catch (const Stop& s) {
    return s.status;
  }
  return status_;
}

// -d's argument: one character or a C escape.
std::optional<char> ParseDelim(std::string_view s) {
  if (s.size() == 1) return s[0];
  if (s.size() < 2 || s[0] != '\\') return std::nullopt;
  char e = s[1];
  if (s.size() == 2) {
    switch (e) {
      case 'a': return '\a';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'v': return '\v';
      case '\\': return '\\';
    }
  }
  unsigned v = 0;
  std::string_view digits = s.substr(1);
  int base = 8;
  if (e == 'x') {
    base = 16;
    digits = s.substr(2);
  }
  if (digits.empty()) return std::nullopt;
  for (char ch : digits) {
    int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
            : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : 99;
    if (d >= base) return std::nullopt;
    v = v * static_cast<unsigned>(base) + static_cast<unsigned>(d);
    if (v > 255) return std::nullopt;
  }
  return static_cast<char>(v);
}

}  // namespace

MC_APPLET(xargs) {
  mc::cli::Parser p(inv);
  Options o;
  std::optional<int> bad;
  auto number = [&](const std::string& v, const char* opt, std::size_t min, std::size_t& out) {
    if (bad) return;
    std::uintmax_t n = 0;
    bool ok = !v.empty();
    for (char ch : v) {
      if (ch < '0' || ch > '9') {
        ok = false;
        break;
      }
      n = n * 10 + static_cast<std::uintmax_t>(ch - '0');
      if (n > SIZE_MAX / 16) n = SIZE_MAX / 16;
    }
    if (!ok) {
      bad = mc::UsageError(inv, std::string("invalid number \"") + v + "\" for -" + opt + " option");
      p.Stop(*bad);
      return;
    }
    if (n < min) {
      bad = mc::UsageError(inv, "value " + v + " for -" + opt + " option should be >= " + std::to_string(min));
      p.Stop(*bad);
      return;
    }
    out = static_cast<std::size_t>(n);
  };
  bool chars_given = false;
  std::string chars_text;
  p.OnFlag("-0,--null", [&] {
    o.delimited = true;
    o.delim = '\0';
  });
  p.OnValue("-a,--arg-file", [&](const std::string& v) { o.arg_file = v; });
  p.OnValue("-d,--delimiter", [&](const std::string& v) {
    auto d = ParseDelim(v);
    if (!d) {
      mc::Warn(inv, "Invalid input delimiter specification " + v +
                        ": the delimiter must be either a single character or an escape sequence "
                        "starting with \\.");
      bad = 1;
      p.Stop(1);
      return;
    }
    o.delimited = true;
    o.delim = *d;
  });
  p.OnValue("-E", [&](const std::string& v) { o.eof = v; });
  p.OptionalValue("-e,--eof", [&](std::optional<std::string_view> v) {
    if (v) o.eof = std::string(*v);
    else o.eof.reset();
  });
  p.OnValue("-I", [&](const std::string& v) {
    o.replace = v;
    o.max_lines = 0;
    o.max_args = 0;
  });
  p.OptionalValue("-i,--replace", [&](std::optional<std::string_view> v) {
    o.replace = v ? std::string(*v) : std::string("{}");
    o.max_lines = 0;
    o.max_args = 0;
  });
  p.OnValue("-L,--max-lines", [&](const std::string& v) {
    number(v, "L", 1, o.max_lines);
    o.max_args = 0;
    o.replace.reset();
  });
  p.OptionalValue("-l", [&](std::optional<std::string_view> v) {
    if (v) number(std::string(*v), "l", 1, o.max_lines);
    else o.max_lines = 1;
    o.max_args = 0;
    o.replace.reset();
  });
  p.OnValue("-n,--max-args", [&](const std::string& v) {
    number(v, "n", 1, o.max_args);
    o.max_lines = 0;
  });
  p.OnValue("-P,--max-procs", [&](const std::string& v) {
    number(v, "P", 0, o.max_procs);
    if (!bad && (v.size() > 10 || o.max_procs > 2147483647)) {
      bad = mc::UsageError(inv, "value " + v + " for -P option should be <= 2147483647");
      p.Stop(*bad);
    }
  });
  p.OnValue("-s,--max-chars", [&](const std::string& v) {
    if (bad) return;
    bool digits = !v.empty();
    for (char ch : v) digits &= ch >= '0' && ch <= '9';
    if (digits && v.find_first_not_of('0') == std::string::npos) {
      mc::Warn(inv, "value " + v + " for -s option should be >= 1");
      o.max_chars = 1;
      chars_given = true;
      return;
    }
    number(v, "s", 1, o.max_chars);
    chars_given = true;
    chars_text = v;
  });
  p.Flag("-r,--no-run-if-empty", o.no_run_empty);
  p.Flag("-x,--exit", o.exit_on_size);
  p.Flag("-t,--verbose", o.verbose);
  p.Flag("-p,--interactive", o.interactive);
  p.Flag("-o,--open-tty", o.open_tty);
  p.Value("--process-slot-var", o.slot_var);
  bool show_limits = false;
  p.Flag("--show-limits", show_limits);
  p.StopAtFirstOperand();
  std::vector<std::string> cmd;
  if (auto rc = p.Parse(&cmd)) return *rc;
  if (bad) return *bad;
  if (cmd.empty()) cmd.emplace_back("echo");
  if (o.replace) o.exit_on_size = true;
  // The POSIX upper limit: ARG_MAX less the environment and 2048 bytes.
  long arg_max = ::sysconf(_SC_ARG_MAX);
  std::size_t env_size = 0;
  for (char** e = inv.env(); e && *e; ++e) env_size += std::strlen(*e) + 1;
  std::size_t upper = arg_max > 0 ? static_cast<std::size_t>(arg_max) : 131072;
  upper = upper > env_size + 2048 ? upper - env_size - 2048 : 4096;
  if (chars_given && o.max_chars > upper) {
    mc::Warn(inv, "value " + chars_text + " for -s option should be <= " +
                      std::to_string(upper));
    o.max_chars = upper;
  }
  if (!chars_given && o.max_chars > upper) o.max_chars = upper;
  if (show_limits) {
    std::string t = "Your environment variables take up " + std::to_string(env_size) + " bytes\n" +
                    "POSIX upper limit on argument length (this system): " + std::to_string(upper) + "\n" +
                    "POSIX smallest allowable upper limit on argument length (all systems): 4096\n" +
                    "Maximum length of command we could actually use: " +
                    std::to_string(upper > env_size ? upper - env_size : 0) + "\n" +
                    "Size of command buffer we are actually using: " + std::to_string(o.max_chars) + "\n" +
                    "Maximum parallelism (--max-procs must be no greater): 2147483647\n";
    mc::WriteAll(inv.err_fd(), t.data(), t.size());
  }
  int in_fd = inv.in_fd();
  int child_in = -1;
  if (o.arg_file) {
    if (*o.arg_file == "-") {
      in_fd = inv.in_fd();
      child_in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    } else {
      in_fd = ::open(o.arg_file->c_str(), O_RDONLY | O_CLOEXEC);
      if (in_fd < 0) {
        mc::Warn(inv, "Cannot open input file " + mc::QuoteC(*o.arg_file) + ": " +
                          std::string(mc::ErrorText(errno)));
        return 1;
      }
      child_in = inv.in_fd();
    }
  } else {
    child_in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  }
  Reader in(in_fd);
  Xargs x(inv, o, std::move(cmd), in, child_in < 0 ? 0 : child_in);
  int rc = x.Run();
  if (o.arg_file && in_fd != inv.in_fd()) ::close(in_fd);
  if (child_in >= 0 && child_in != inv.in_fd()) ::close(child_in);
  return rc;
}
