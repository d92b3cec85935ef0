// File mode strings as chmod, mkdir -m, mkfifo -m, mknod -m and install -m
// take them: octal ("755", "02755") or symbolic clauses separated by commas
// ("u+rwx,g-w,o=", "a+X", "+t", "u=g", "=644").
//
// A mode string compiles to a list of changes; Apply() runs them over an
// existing mode. The rules are GNU chmod's:
//   - octal: up to 07777. With fewer than 5 digits a directory keeps its
//     set-user-ID and set-group-ID bits unless the digits set them
//     ("chmod 755 dir" keeps g+s, "chmod 00755 dir" clears it);
//   - WHO is any of "ugoa"; without WHO the change applies to all, minus the
//     umask's bits ("+x" under umask 022 gives a+x, "+w" only u+w); "="
//     without WHO clears every bit but the directory set-id bits;
//   - PERMS are "rwxXst", or one of "ugo" (copy that class's current bits),
//     or octal digits right after an operator without WHO ("=644", "-1"),
//     which then mean all bits, set-id bits of directories included;
//   - X is x for directories and for files with some x bit already set;
//   - on directories, set-id bits the string does not mention are kept.
// Also here: ModeString(), a mode as ls -l prints it.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mc::mode {

struct Change {
  char op;       // '=', '+' or '-'
  char kind;     // 'o' ordinary bits, 'c' copy existing, 'X' x if any x
  mode_t who;    // affected bits; 0: none named (all, minus the umask)
  mode_t value;  // bits to set or clear (for 'c', the class to copy)
  mode_t mentioned;  // bits the string names (directory set-id rule)
};

using Changes = std::vector<Change>;

// Compiles a mode string; nullopt when it is not valid.
std::optional<Changes> Compile(std::string_view s);

// The mode that results from applying changes to old_mode (its permission
// and set-id/sticky bits; the file type is dropped). is_dir selects the
// directory rules. *changed_bits, if given, gets the bits the changes
// explicitly set or cleared (for mkdir -m's check after mkdir).
mode_t Apply(const Changes& changes, mode_t old_mode, bool is_dir, mode_t umask_value,
             mode_t* changed_bits = nullptr);

// The process umask without changing it for longer than two syscalls.
mode_t CurrentUmask();

// A mode as ls -l, stat %A and find -ls show it: "drwxr-sr-t", ten
// characters (the type letter, '?' for an unknown type; s/S/t/T for the
// set-id and sticky bits).
std::string ModeString(mode_t mode);

}  // namespace mc::mode
