// Runs one applet to completion the way the process would: the applet's
// return value, then stdout flushed and checked (GNU close_stdout), with
// write errors and memory exhaustion turned into a message and the
// applet's failure status. Used by the dispatcher and by in-process tests.
#pragma once

#include "applets/support/invocation.h"

namespace mc {

int RunApplet(Invocation& inv);

}  // namespace mc
