// What an applet is given: its name, arguments, environment and standard
// streams. Applets take everything from here (no globals, no exit()), so they
// run the same from the dispatcher and in-process from tests.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "applets/support/output.h"

namespace mc {

class Invocation {
 public:
  // args: the arguments after the applet name. env: NULL-terminated
  // NAME=VALUE strings.
  Invocation(std::string_view prog, std::uint16_t applet, std::span<char* const> args,
             char** env, int in_fd = 0, int out_fd = 1, int err_fd = 2);

  // The applet name used in messages and help ("cat", "[").
  std::string_view prog() const { return prog_; }
  std::uint16_t applet() const { return applet_; }
  std::span<char* const> args() const { return args_; }
  char** env() const { return env_; }
  std::optional<std::string_view> GetEnv(std::string_view name) const;
  // POSIXLY_CORRECT is set: options end at the first operand.
  bool posixly_correct() const { return GetEnv("POSIXLY_CORRECT").has_value(); }

  int in_fd() const { return in_fd_; }
  int err_fd() const { return err_fd_; }
  Output& out() { return out_; }
  // Writes pending standard output before a diagnostic (see Output).
  void FlushOutputForMessage() const {
    if (flush_before_messages_) out_.FlushBeforeMessage();
  }
  // For the rare GNU tool whose messages overtake its buffered output.
  void set_flush_before_messages(bool on) { flush_before_messages_ = on; }

  // Exit status for usage errors and write errors (2 for sort, 1 mostly),
  // and the applet's --help text. Both come from the binary's applet table,
  // which hands them over before the applet runs (registry::InvokeApplet):
  // the runtime never reaches for the table, so it links without one.
  int failure_code() const { return failure_code_; }
  std::string help_text() const { return help_ ? help_(applet_) : std::string(); }
  void set_table_entry(int failure_code, std::string (*help)(std::uint16_t applet)) {
    failure_code_ = failure_code;
    help_ = help;
  }

  // Standard output was closed when the process started (the dispatcher
  // reopened it on /dev/null read-only so writes still fail with EBADF).
  // GNU cat reports that case as "standard output: Bad file descriptor".
  bool stdout_was_closed() const { return stdout_was_closed_; }
  void set_stdout_was_closed(bool closed) { stdout_was_closed_ = closed; }

  // Label used for a failed write to stdout ("write error" unless changed).
  std::string_view write_error_label() const { return write_error_label_; }
  void set_write_error_label(std::string_view l) { write_error_label_ = l; }

 private:
  std::string_view prog_;
  std::uint16_t applet_;
  std::span<char* const> args_;
  char** env_;
  int in_fd_, err_fd_;
  mutable Output out_;  // mutable: diagnostics flush it through a const Invocation
  std::string_view write_error_label_ = "write error";
  bool stdout_was_closed_ = false;
  bool flush_before_messages_ = true;
  int failure_code_ = 1;
  std::string (*help_)(std::uint16_t) = nullptr;
};

}  // namespace mc
