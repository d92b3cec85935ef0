// The commands of the multicall binary itself (argv[0] = multicall*):
//   multicall                      usage and the applet list
//   multicall APPLET [ARG]...      run APPLET
//   multicall --list | --list-full | --help [APPLET] | --version
//   multicall --install [--symlink|--hardlink] [--relative] [--force] DIR
//   multicall --uninstall DIR
#pragma once

#include <string_view>

namespace mc {

// What the process inherited, recorded by main() before anything else.
struct InheritedState {
  bool stdout_closed;  // fd 1 was closed (now reopened on /dev/null)
};

int Multiplexer(int argc, char** argv, const InheritedState& inherited);

// Runs applet (a registry index) under name with argv[1..] as arguments.
int RunByIndex(int applet, std::string_view name, int argc, char** argv,
               const InheritedState& inherited);

// --install / --uninstall (multicall/install.cc); args exclude the command.
int Install(int argc, char** argv);
int Uninstall(int argc, char** argv);

}  // namespace mc
