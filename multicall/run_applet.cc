#include "multicall/run_applet.h"

#include <new>

#include "applets/support/diag.h"
#include "registry/registry.h"

namespace mc {

int RunApplet(Invocation& inv) {
  try {
    int rc = registry::InvokeApplet(inv.applet(), inv);
    inv.out().Flush();
    return rc;
  } catch (const WriteError& e) {
    if (e.error != 0) WarnErrno(inv, inv.write_error_label(), e.error);
    else Warn(inv, inv.write_error_label());
  } catch (const std::bad_alloc&) {
    Warn(inv, "memory exhausted");
  }
  return inv.failure_code();
}

}  // namespace mc
