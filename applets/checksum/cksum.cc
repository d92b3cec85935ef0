/* @template digest
   @help
Usage: ${applet} [OPTION]... [FILE]...
Print or check ${title} checksums.

With no FILE, or when FILE is -, read standard input.
  -b, --binary          read in binary mode
  -c, --check           read checksums from the FILEs and check them
      --tag             create a BSD-style checksum
  -t, --text            read in text mode (default)
  -z, --zero            end each output line with NUL, not newline,
                          and disable file name escaping

The following five options are useful only when verifying checksums:
      --ignore-missing  don't fail or report status for missing files
      --quiet           don't print OK for each successfully verified file
      --status          don't output anything, status code shows success
      --strict          exit non-zero for improperly formatted checksum lines
  -w, --warn            warn about improperly formatted checksum lines

      --help        display this help and exit
      --version     output version information and exit

The sums are computed as described in ${standard}.
When checking, the input should be a former output of this program.
The default mode is to print a line with: checksum, a space,
a character indicating input mode ('*' for binary, ' ' for text
or where binary is insignificant), and name for each FILE.

Note: There is no difference between binary mode and text mode on GNU systems.
*/
/* @applet md5sum
   @var title MD5 (128-bit)
   @var standard RFC 1321
   @help-template digest
*/
/* @applet sha1sum
   @var title SHA1 (160-bit)
   @var standard FIPS-180-1
   @help-template digest
*/
/* @applet sha224sum
   @var title SHA224 (224-bit)
   @var standard RFC 3874
   @help-template digest
*/
/* @applet sha256sum
   @var title SHA256 (256-bit)
   @var standard FIPS-180-2
   @help-template digest
*/
/* @applet sha384sum
   @var title SHA384 (384-bit)
   @var standard FIPS-180-2
   @help-template digest
*/
/* @applet sha512sum
   @var title SHA512 (512-bit)
   @var standard FIPS-180-2
   @help-template digest
*/
/* @applet b2sum
   @help
Usage: b2sum [OPTION]... [FILE]...
Print or check BLAKE2b (512-bit) checksums.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -b, --binary          read in binary mode
  -c, --check           read checksums from the FILEs and check them
  -l, --length=BITS     digest length in bits; must not exceed the max for
                          the blake2 algorithm and must be a multiple of 8
      --tag             create a BSD-style checksum
  -t, --text            read in text mode (default)
  -z, --zero            end each output line with NUL, not newline,
                          and disable file name escaping

The following five options are useful only when verifying checksums:
      --ignore-missing  don't fail or report status for missing files
      --quiet           don't print OK for each successfully verified file
      --status          don't output anything, status code shows success
      --strict          exit non-zero for improperly formatted checksum lines
  -w, --warn            warn about improperly formatted checksum lines

      --help        display this help and exit
      --version     output version information and exit

The sums are computed as described in RFC 7693.
When checking, the input should be a former output of this program.
The default mode is to print a line with: checksum, a space,
a character indicating input mode ('*' for binary, ' ' for text
or where binary is insignificant), and name for each FILE.

Note: There is no difference between binary mode and text mode on GNU systems.
*/
/* @applet cksum
   @help
Usage: cksum [OPTION]... [FILE]...
Print or verify checksums.
By default use the 32 bit CRC algorithm.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -a, --algorithm=TYPE  select the digest type to use.  See DIGEST below.
  -c, --check           read checksums from the FILEs and check them
  -l, --length=BITS     digest length in bits; must not exceed the max for
                          the blake2 algorithm and must be a multiple of 8
      --tag             create a BSD-style checksum (the default)
      --untagged        create a reversed style checksum, without digest type
  -z, --zero            end each output line with NUL, not newline,
                          and disable file name escaping

The following five options are useful only when verifying checksums:
      --ignore-missing  don't fail or report status for missing files
      --quiet           don't print OK for each successfully verified file
      --status          don't output anything, status code shows success
      --strict          exit non-zero for improperly formatted checksum lines
  -w, --warn            warn about improperly formatted checksum lines

      --debug           indicate which implementation used
      --help        display this help and exit
      --version     output version information and exit

DIGEST determines the digest algorithm and default output format:
  sysv      (equivalent to sum -s)
  bsd       (equivalent to sum -r)
  crc       (equivalent to cksum)
  md5       (equivalent to md5sum)
  sha1      (equivalent to sha1sum)
  sha224    (equivalent to sha224sum)
  sha256    (equivalent to sha256sum)
  sha384    (equivalent to sha384sum)
  sha512    (equivalent to sha512sum)
  blake2b   (equivalent to b2sum)

When checking, the input should be a former output of this program,
or equivalent standalone program.
*/
/* @applet sum
   @help
Usage: sum [OPTION]... [FILE]...
Print or check BSD (16-bit) checksums.

With no FILE, or when FILE is -, read standard input.

  -r              use BSD sum algorithm (the default), use 1K blocks
  -s, --sysv      use System V sum algorithm, use 512 bytes blocks
      --help        display this help and exit
      --version     output version information and exit
*/
// One engine (digest.cc) behind every applet of the family.
#include "applets/checksum/digest.h"
#include "registry/applet.h"

MC_APPLET(md5sum) { return mc::checksum::DigestMain(inv, mc::hash::Algorithm::kMd5); }
MC_APPLET(sha1sum) { return mc::checksum::DigestMain(inv, mc::hash::Algorithm::kSha1); }
MC_APPLET(sha224sum) { return mc::checksum::DigestMain(inv, mc::hash::Algorithm::kSha224); }
MC_APPLET(sha256sum) { return mc::checksum::DigestMain(inv, mc::hash::Algorithm::kSha256); }
MC_APPLET(sha384sum) { return mc::checksum::DigestMain(inv, mc::hash::Algorithm::kSha384); }
MC_APPLET(sha512sum) { return mc::checksum::DigestMain(inv, mc::hash::Algorithm::kSha512); }
MC_APPLET(b2sum) { return mc::checksum::DigestMain(inv, mc::hash::Algorithm::kBlake2b); }
MC_APPLET(cksum) { return mc::checksum::CksumMain(inv); }
MC_APPLET(sum) { return mc::checksum::SumMain(inv); }
