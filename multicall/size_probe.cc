/* @applet size-probe
   @help
Usage: size-probe
Exits 0: the one applet of //multicall:base, the binary that measures the
shared base (scripts/bloat.sh).
*/
#include "registry/applet.h"

MC_APPLET(size_probe) {
  (void)inv;
  return 0;
}
