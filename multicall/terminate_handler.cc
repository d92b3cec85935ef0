// std::terminate's message without libstdc++'s demangler.
//
// libstdc++'s default handler (__gnu_cxx::__verbose_terminate_handler)
// demangles the exception's type name, which links the whole C++ demangler
// (about 45 KB) into every binary for a message that should never be seen.
// This definition takes its place: the same message shape, with the type's
// mangled name, then abort().
#include <cxxabi.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <typeinfo>

namespace {

void Say(const char* s) { (void)!::write(2, s, std::strlen(s)); }

}  // namespace

namespace __gnu_cxx {

void __verbose_terminate_handler() {
  static bool terminating = false;  // a throw from what() ends here again
  if (terminating) std::abort();
  terminating = true;
  const std::type_info* type = abi::__cxa_current_exception_type();
  if (type == nullptr) {
    Say("terminate called without an active exception\n");
    std::abort();
  }
  Say("terminate called after throwing an instance of '");
  Say(type->name());
  Say("'\n");
  try {
    throw;
  } catch (const std::exception& e) {
    Say("  what():  ");
    Say(e.what());
    Say("\n");
  } catch (...) {
  }
  std::abort();
}

}  // namespace __gnu_cxx
