// Included by every applet source. An applet is one function:
//
//   /* @applet hello
//      @help
//   Usage: hello [NAME]
//   Greets NAME.
//   */
//   #include "registry/applet.h"
//   MC_APPLET(hello) { inv.out().Write("hello\n"); return 0; }
//
// The front-matter block is read at build time (registry/gen); the function
// is reached through the generated table. IDENT is the applet name with
// characters that cannot appear in identifiers replaced by '_'.
#pragma once

#include "applets/support/invocation.h"

#define MC_APPLET(IDENT)                                  \
  namespace mc::applets {                                 \
  int IDENT##_main(::mc::Invocation& inv);                \
  }                                                       \
  int mc::applets::IDENT##_main(::mc::Invocation& inv)
