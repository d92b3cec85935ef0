// The one implementation behind md5sum, sha1sum, sha224sum, sha256sum,
// sha384sum, sha512sum, b2sum, cksum and sum: computing, printing (GNU
// formats: plain, --tag, escaped names, -z) and checking (-c) checksums.
#pragma once

#include "applets/support/hash/hasher.h"
#include "applets/support/invocation.h"

namespace mc::checksum {

// md5sum ... b2sum: the algorithm is fixed by the applet.
int DigestMain(Invocation& inv, hash::Algorithm algorithm);
// cksum: POSIX CRC by default, -a selects any algorithm (GNU 9.1).
int CksumMain(Invocation& inv);
// sum: BSD (default, -r) or System V (-s) checksums.
int SumMain(Invocation& inv);

}  // namespace mc::checksum
