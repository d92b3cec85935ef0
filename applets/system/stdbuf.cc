/* @applet stdbuf
   @failcode 125
   @help
Usage: stdbuf OPTION... COMMAND
Run COMMAND, with modified buffering operations for its standard streams.

Mandatory arguments to long options are mandatory for short options too.
  -i, --input=MODE   adjust standard input stream buffering
  -o, --output=MODE  adjust standard output stream buffering
  -e, --error=MODE   adjust standard error stream buffering
      --help        display this help and exit
      --version     output version information and exit

If MODE is 'L' the corresponding stream will be line buffered.
This option is invalid with standard input.

If MODE is '0' the corresponding stream will be unbuffered.

Otherwise MODE is a number which may be followed by one of the following:
KB 1000, K 1024, MB 1000*1000, M 1024*1024, and so on for G, T, P, E, Z, Y.
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.
In this case the corresponding stream will be fully buffered with the buffer
size set to MODE bytes.

This stdbuf works for this binary's own applets only: GNU's preloads a
library into COMMAND, which a static binary cannot do. The modes travel in
GNU's variables (_STDBUF_I, _STDBUF_O, _STDBUF_E); the applets honour -o
(their standard error is never buffered, and input is read in blocks).
*/
// GNU coreutils 9.1's stdbuf options, messages and exit status (125 for
// its own errors, 126 a command that cannot run, 127 one not found). The
// command is found as execvp would; one that is not this binary is refused
// with a message naming the limitation (exit 125).
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/numbers.h"
#include "applets/system/ident.h"
#include "registry/applet.h"

namespace {

constexpr int kCanceled = 125, kCannotInvoke = 126, kNotFound = 127;

struct Stream {
  char letter;  // I, O, E
  bool set = false;
  std::string value;  // "L" or a byte count
};

// Finds COMMAND as execvp would: a name with '/' as is, else the first
// executable regular file in PATH. Returns "" with *err set when none.
std::string Locate(const mc::Invocation& inv, const std::string& cmd, int* err) {
  if (cmd.find('/') != std::string::npos) return cmd;
  std::string_view path = "/bin:/usr/bin";
  if (auto p = inv.GetEnv("PATH")) path = *p;
  *err = ENOENT;
  for (;;) {
    std::size_t colon = path.find(':');
    std::string dir(path.substr(0, colon));
    std::string file = (dir.empty() ? std::string(".") : dir) + "/" + cmd;
    struct stat st;
    if (::stat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      if (::access(file.c_str(), X_OK) == 0) return file;
      *err = EACCES;
    }
    if (colon == std::string_view::npos) break;
    path.remove_prefix(colon + 1);
  }
  return "";
}

}  // namespace

MC_APPLET(stdbuf) {
  Stream streams[3] = {{'I', false, {}}, {'O', false, {}}, {'E', false, {}}};
  mc::cli::Parser p(inv);
  p.StopAtFirstOperand();
  auto mode = [&](int k, const std::string& raw) {
    std::string v = raw;
    std::size_t skip = 0;
    while (skip < v.size() && (v[skip] == ' ' || (v[skip] >= '\t' && v[skip] <= '\r'))) ++skip;
    v.erase(0, skip);
    if (k == 0 && !v.empty() && v[0] == 'L') {
      mc::Warn(inv, "line buffering stdin is meaningless");
      p.Stop(mc::UsageError(inv, ""));
      return;
    }
    streams[k].set = true;
    if (v == "L") {
      streams[k].value = "L";
      return;
    }
    std::uintmax_t size = 0;
    mc::NumError e = mc::ParseScaled(v, 10, "EGkKMPTYZ0", size);
    if (e == mc::NumError::kOverflow) {
      mc::Warn(inv, "invalid mode " + mc::QuoteC(v) + ": " + std::string(mc::ErrorText(EOVERFLOW)));
      p.Stop(kCanceled);
    } else if (e != mc::NumError::kOk) {
      mc::Warn(inv, "invalid mode " + mc::QuoteC(v));
      p.Stop(kCanceled);
    } else {
      streams[k].value = mc::ident::Decimal(size);
    }
  };
  p.OnValue("-i,--input", [&](const std::string& v) { mode(0, v); });
  p.OnValue("-o,--output", [&](const std::string& v) { mode(1, v); });
  p.OnValue("-e,--error", [&](const std::string& v) { mode(2, v); });
  std::vector<std::string> command;
  if (auto rc = p.Parse(&command)) return *rc;
  if (command.empty()) return mc::UsageError(inv, "missing operand");
  bool any = false;
  for (const auto& s : streams) any = any || s.set;
  if (!any) return mc::UsageError(inv, "you must specify a buffering mode option");

  int err = 0;
  std::string target = Locate(inv, command[0], &err);
  if (target.empty()) {
    mc::WarnErrno(inv, "failed to run command " + mc::QuoteC(command[0]), err);
    return err == ENOENT ? kNotFound : kCannotInvoke;
  }
  struct stat self, st;
  bool ours = ::stat("/proc/self/exe", &self) == 0 && ::stat(target.c_str(), &st) == 0 &&
              self.st_dev == st.st_dev && self.st_ino == st.st_ino;
  // What cannot run at all (a directory, no x bit) fails in execve below,
  // with GNU's message and status.
  bool runnable = ::stat(target.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
                  ::access(target.c_str(), X_OK) == 0;
  if (!ours && runnable) {
    mc::Warn(inv, mc::QuoteC(command[0]) +
                      " is not a multicall applet: this static stdbuf can set the buffering of "
                      "multicall's own applets only (GNU's preloads libstdbuf.so into COMMAND, "
                      "which needs a dynamic stdbuf)");
    return kCanceled;
  }
  // The environment without old _STDBUF_ settings for the streams we set.
  std::vector<std::string> vars;
  for (const auto& s : streams)
    if (s.set) vars.push_back(std::string("_STDBUF_") + s.letter + "=" + s.value);
  std::vector<char*> envp;
  for (char** e = inv.env(); e && *e; ++e) {
    std::string_view kv = *e;
    bool replaced = false;
    for (const auto& s : streams)
      if (s.set && kv.substr(0, 10) == std::string("_STDBUF_") + s.letter + "=") replaced = true;
    if (!replaced) envp.push_back(*e);
  }
  for (auto& v : vars) envp.push_back(v.data());
  envp.push_back(nullptr);
  std::vector<char*> argv;
  for (auto& a : command) argv.push_back(a.data());
  argv.push_back(nullptr);
  inv.out().Flush();
  ::execve(target.c_str(), argv.data(), envp.data());
  int e = errno;
  mc::WarnErrno(inv, "failed to run command " + mc::QuoteC(command[0]), e);
  return e == ENOENT ? kNotFound : kCannotInvoke;
}
