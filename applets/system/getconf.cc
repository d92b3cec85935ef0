/* @applet getconf
   @help
Usage: getconf [-v SPEC] VAR
  or:  getconf [-v SPEC] PATH_VAR PATH
  or:  getconf -a [PATH]

Get the configuration value for variable VAR, or for variable PATH_VAR
for path PATH.  If SPEC is given, give values for compilation
environment SPEC.  -a lists every variable (path variables for PATH,
by default /).
*/
// glibc 2.36's getconf (Debian's): its variables in its order, each from
// sysconf, confstr or pathconf (ours, below). Every compilation environment is this
// one, so -v SPEC is accepted and ignored, as glibc does on x86_64. Exit
// status as glibc: 2 usage or unknown variable, 3 pathconf failure; unlike
// glibc, a write error is reported (exit 1).
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/system/ident.h"
#include "registry/applet.h"

namespace {

enum Call : char { kSys, kStr, kPath };
struct Var {
  const char* name;
  int id;
  Call call;
};

// The order of glibc's table, which is getconf -a's.
constexpr Var kVars[] = {
    {"LINK_MAX", _PC_LINK_MAX, kPath},
    {"_POSIX_LINK_MAX", _PC_LINK_MAX, kPath},
    {"MAX_CANON", _PC_MAX_CANON, kPath},
    {"_POSIX_MAX_CANON", _PC_MAX_CANON, kPath},
    {"MAX_INPUT", _PC_MAX_INPUT, kPath},
    {"_POSIX_MAX_INPUT", _PC_MAX_INPUT, kPath},
    {"NAME_MAX", _PC_NAME_MAX, kPath},
    {"_POSIX_NAME_MAX", _PC_NAME_MAX, kPath},
    {"PATH_MAX", _PC_PATH_MAX, kPath},
    {"_POSIX_PATH_MAX", _PC_PATH_MAX, kPath},
    {"PIPE_BUF", _PC_PIPE_BUF, kPath},
    {"_POSIX_PIPE_BUF", _PC_PIPE_BUF, kPath},
    {"SOCK_MAXBUF", _PC_SOCK_MAXBUF, kPath},
    {"_POSIX_ASYNC_IO", _PC_ASYNC_IO, kPath},
    {"_POSIX_CHOWN_RESTRICTED", _PC_CHOWN_RESTRICTED, kPath},
    {"_POSIX_NO_TRUNC", _PC_NO_TRUNC, kPath},
    {"_POSIX_PRIO_IO", _PC_PRIO_IO, kPath},
    {"_POSIX_SYNC_IO", _PC_SYNC_IO, kPath},
    {"_POSIX_VDISABLE", _PC_VDISABLE, kPath},
    {"ARG_MAX", _SC_ARG_MAX, kSys},
    {"ATEXIT_MAX", _SC_ATEXIT_MAX, kSys},
    {"CHAR_BIT", _SC_CHAR_BIT, kSys},
    {"CHAR_MAX", _SC_CHAR_MAX, kSys},
    {"CHAR_MIN", _SC_CHAR_MIN, kSys},
    {"CHILD_MAX", _SC_CHILD_MAX, kSys},
    {"CLK_TCK", _SC_CLK_TCK, kSys},
    {"INT_MAX", _SC_INT_MAX, kSys},
    {"INT_MIN", _SC_INT_MIN, kSys},
    {"IOV_MAX", _SC_UIO_MAXIOV, kSys},
    {"LOGNAME_MAX", _SC_LOGIN_NAME_MAX, kSys},
    {"LONG_BIT", _SC_LONG_BIT, kSys},
    {"MB_LEN_MAX", _SC_MB_LEN_MAX, kSys},
    {"NGROUPS_MAX", _SC_NGROUPS_MAX, kSys},
    {"NL_ARGMAX", _SC_NL_ARGMAX, kSys},
    {"NL_LANGMAX", _SC_NL_LANGMAX, kSys},
    {"NL_MSGMAX", _SC_NL_MSGMAX, kSys},
    {"NL_NMAX", _SC_NL_NMAX, kSys},
    {"NL_SETMAX", _SC_NL_SETMAX, kSys},
    {"NL_TEXTMAX", _SC_NL_TEXTMAX, kSys},
    {"NSS_BUFLEN_GROUP", _SC_GETGR_R_SIZE_MAX, kSys},
    {"NSS_BUFLEN_PASSWD", _SC_GETPW_R_SIZE_MAX, kSys},
    {"NZERO", _SC_NZERO, kSys},
    {"OPEN_MAX", _SC_OPEN_MAX, kSys},
    {"PAGESIZE", _SC_PAGESIZE, kSys},
    {"PAGE_SIZE", _SC_PAGESIZE, kSys},
    {"PASS_MAX", _SC_PASS_MAX, kSys},
    {"PTHREAD_DESTRUCTOR_ITERATIONS", _SC_THREAD_DESTRUCTOR_ITERATIONS, kSys},
    {"PTHREAD_KEYS_MAX", _SC_THREAD_KEYS_MAX, kSys},
    {"PTHREAD_STACK_MIN", _SC_THREAD_STACK_MIN, kSys},
    {"PTHREAD_THREADS_MAX", _SC_THREAD_THREADS_MAX, kSys},
    {"SCHAR_MAX", _SC_SCHAR_MAX, kSys},
    {"SCHAR_MIN", _SC_SCHAR_MIN, kSys},
    {"SHRT_MAX", _SC_SHRT_MAX, kSys},
    {"SHRT_MIN", _SC_SHRT_MIN, kSys},
    {"SSIZE_MAX", _SC_SSIZE_MAX, kSys},
    {"TTY_NAME_MAX", _SC_TTY_NAME_MAX, kSys},
    {"TZNAME_MAX", _SC_TZNAME_MAX, kSys},
    {"UCHAR_MAX", _SC_UCHAR_MAX, kSys},
    {"UINT_MAX", _SC_UINT_MAX, kSys},
    {"UIO_MAXIOV", _SC_UIO_MAXIOV, kSys},
    {"ULONG_MAX", _SC_ULONG_MAX, kSys},
    {"USHRT_MAX", _SC_USHRT_MAX, kSys},
    {"WORD_BIT", _SC_WORD_BIT, kSys},
    {"_AVPHYS_PAGES", _SC_AVPHYS_PAGES, kSys},
    {"_NPROCESSORS_CONF", _SC_NPROCESSORS_CONF, kSys},
    {"_NPROCESSORS_ONLN", _SC_NPROCESSORS_ONLN, kSys},
    {"_PHYS_PAGES", _SC_PHYS_PAGES, kSys},
    {"_POSIX_ARG_MAX", _SC_ARG_MAX, kSys},
    {"_POSIX_ASYNCHRONOUS_IO", _SC_ASYNCHRONOUS_IO, kSys},
    {"_POSIX_CHILD_MAX", _SC_CHILD_MAX, kSys},
    {"_POSIX_FSYNC", _SC_FSYNC, kSys},
    {"_POSIX_JOB_CONTROL", _SC_JOB_CONTROL, kSys},
    {"_POSIX_MAPPED_FILES", _SC_MAPPED_FILES, kSys},
    {"_POSIX_MEMLOCK", _SC_MEMLOCK, kSys},
    {"_POSIX_MEMLOCK_RANGE", _SC_MEMLOCK_RANGE, kSys},
    {"_POSIX_MEMORY_PROTECTION", _SC_MEMORY_PROTECTION, kSys},
    {"_POSIX_MESSAGE_PASSING", _SC_MESSAGE_PASSING, kSys},
    {"_POSIX_NGROUPS_MAX", _SC_NGROUPS_MAX, kSys},
    {"_POSIX_OPEN_MAX", _SC_OPEN_MAX, kSys},
    {"_POSIX_PII", _SC_PII, kSys},
    {"_POSIX_PII_INTERNET", _SC_PII_INTERNET, kSys},
    {"_POSIX_PII_INTERNET_DGRAM", _SC_PII_INTERNET_DGRAM, kSys},
    {"_POSIX_PII_INTERNET_STREAM", _SC_PII_INTERNET_STREAM, kSys},
    {"_POSIX_PII_OSI", _SC_PII_OSI, kSys},
    {"_POSIX_PII_OSI_CLTS", _SC_PII_OSI_CLTS, kSys},
    {"_POSIX_PII_OSI_COTS", _SC_PII_OSI_COTS, kSys},
    {"_POSIX_PII_OSI_M", _SC_PII_OSI_M, kSys},
    {"_POSIX_PII_SOCKET", _SC_PII_SOCKET, kSys},
    {"_POSIX_PII_XTI", _SC_PII_XTI, kSys},
    {"_POSIX_POLL", _SC_POLL, kSys},
    {"_POSIX_PRIORITIZED_IO", _SC_PRIORITIZED_IO, kSys},
    {"_POSIX_PRIORITY_SCHEDULING", _SC_PRIORITY_SCHEDULING, kSys},
    {"_POSIX_REALTIME_SIGNALS", _SC_REALTIME_SIGNALS, kSys},
    {"_POSIX_SAVED_IDS", _SC_SAVED_IDS, kSys},
    {"_POSIX_SELECT", _SC_SELECT, kSys},
    {"_POSIX_SEMAPHORES", _SC_SEMAPHORES, kSys},
    {"_POSIX_SHARED_MEMORY_OBJECTS", _SC_SHARED_MEMORY_OBJECTS, kSys},
    {"_POSIX_SSIZE_MAX", _SC_SSIZE_MAX, kSys},
    {"_POSIX_STREAM_MAX", _SC_STREAM_MAX, kSys},
    {"_POSIX_SYNCHRONIZED_IO", _SC_SYNCHRONIZED_IO, kSys},
    {"_POSIX_THREADS", _SC_THREADS, kSys},
    {"_POSIX_THREAD_ATTR_STACKADDR", _SC_THREAD_ATTR_STACKADDR, kSys},
    {"_POSIX_THREAD_ATTR_STACKSIZE", _SC_THREAD_ATTR_STACKSIZE, kSys},
    {"_POSIX_THREAD_PRIORITY_SCHEDULING", _SC_THREAD_PRIORITY_SCHEDULING, kSys},
    {"_POSIX_THREAD_PRIO_INHERIT", _SC_THREAD_PRIO_INHERIT, kSys},
    {"_POSIX_THREAD_PRIO_PROTECT", _SC_THREAD_PRIO_PROTECT, kSys},
    {"_POSIX_THREAD_ROBUST_PRIO_INHERIT", _SC_THREAD_ROBUST_PRIO_INHERIT, kSys},
    {"_POSIX_THREAD_ROBUST_PRIO_PROTECT", _SC_THREAD_ROBUST_PRIO_PROTECT, kSys},
    {"_POSIX_THREAD_PROCESS_SHARED", _SC_THREAD_PROCESS_SHARED, kSys},
    {"_POSIX_THREAD_SAFE_FUNCTIONS", _SC_THREAD_SAFE_FUNCTIONS, kSys},
    {"_POSIX_TIMERS", _SC_TIMERS, kSys},
    {"TIMER_MAX", _SC_TIMER_MAX, kSys},
    {"_POSIX_TZNAME_MAX", _SC_TZNAME_MAX, kSys},
    {"_POSIX_VERSION", _SC_VERSION, kSys},
    {"_T_IOV_MAX", _SC_T_IOV_MAX, kSys},
    {"_XOPEN_CRYPT", _SC_XOPEN_CRYPT, kSys},
    {"_XOPEN_ENH_I18N", _SC_XOPEN_ENH_I18N, kSys},
    {"_XOPEN_LEGACY", _SC_XOPEN_LEGACY, kSys},
    {"_XOPEN_REALTIME", _SC_XOPEN_REALTIME, kSys},
    {"_XOPEN_REALTIME_THREADS", _SC_XOPEN_REALTIME_THREADS, kSys},
    {"_XOPEN_SHM", _SC_XOPEN_SHM, kSys},
    {"_XOPEN_UNIX", _SC_XOPEN_UNIX, kSys},
    {"_XOPEN_VERSION", _SC_XOPEN_VERSION, kSys},
    {"_XOPEN_XCU_VERSION", _SC_XOPEN_XCU_VERSION, kSys},
    {"_XOPEN_XPG2", _SC_XOPEN_XPG2, kSys},
    {"_XOPEN_XPG3", _SC_XOPEN_XPG3, kSys},
    {"_XOPEN_XPG4", _SC_XOPEN_XPG4, kSys},
    {"BC_BASE_MAX", _SC_BC_BASE_MAX, kSys},
    {"BC_DIM_MAX", _SC_BC_DIM_MAX, kSys},
    {"BC_SCALE_MAX", _SC_BC_SCALE_MAX, kSys},
    {"BC_STRING_MAX", _SC_BC_STRING_MAX, kSys},
    {"CHARCLASS_NAME_MAX", _SC_CHARCLASS_NAME_MAX, kSys},
    {"COLL_WEIGHTS_MAX", _SC_COLL_WEIGHTS_MAX, kSys},
    {"EQUIV_CLASS_MAX", _SC_EQUIV_CLASS_MAX, kSys},
    {"EXPR_NEST_MAX", _SC_EXPR_NEST_MAX, kSys},
    {"LINE_MAX", _SC_LINE_MAX, kSys},
    {"POSIX2_BC_BASE_MAX", _SC_BC_BASE_MAX, kSys},
    {"POSIX2_BC_DIM_MAX", _SC_BC_DIM_MAX, kSys},
    {"POSIX2_BC_SCALE_MAX", _SC_BC_SCALE_MAX, kSys},
    {"POSIX2_BC_STRING_MAX", _SC_BC_STRING_MAX, kSys},
    {"POSIX2_CHAR_TERM", _SC_2_CHAR_TERM, kSys},
    {"POSIX2_COLL_WEIGHTS_MAX", _SC_COLL_WEIGHTS_MAX, kSys},
    {"POSIX2_C_BIND", _SC_2_C_BIND, kSys},
    {"POSIX2_C_DEV", _SC_2_C_DEV, kSys},
    {"POSIX2_C_VERSION", _SC_2_C_VERSION, kSys},
    {"POSIX2_EXPR_NEST_MAX", _SC_EXPR_NEST_MAX, kSys},
    {"POSIX2_FORT_DEV", _SC_2_FORT_DEV, kSys},
    {"POSIX2_FORT_RUN", _SC_2_FORT_RUN, kSys},
    {"_POSIX2_LINE_MAX", _SC_LINE_MAX, kSys},
    {"POSIX2_LINE_MAX", _SC_LINE_MAX, kSys},
    {"POSIX2_LOCALEDEF", _SC_2_LOCALEDEF, kSys},
    {"POSIX2_RE_DUP_MAX", _SC_RE_DUP_MAX, kSys},
    {"POSIX2_SW_DEV", _SC_2_SW_DEV, kSys},
    {"POSIX2_UPE", _SC_2_UPE, kSys},
    {"POSIX2_VERSION", _SC_2_VERSION, kSys},
    {"RE_DUP_MAX", _SC_RE_DUP_MAX, kSys},
    {"PATH", _CS_PATH, kStr},
    {"CS_PATH", _CS_PATH, kStr},
    {"LFS_CFLAGS", _CS_LFS_CFLAGS, kStr},
    {"LFS_LDFLAGS", _CS_LFS_LDFLAGS, kStr},
    {"LFS_LIBS", _CS_LFS_LIBS, kStr},
    {"LFS_LINTFLAGS", _CS_LFS_LINTFLAGS, kStr},
    {"LFS64_CFLAGS", _CS_LFS64_CFLAGS, kStr},
    {"LFS64_LDFLAGS", _CS_LFS64_LDFLAGS, kStr},
    {"LFS64_LIBS", _CS_LFS64_LIBS, kStr},
    {"LFS64_LINTFLAGS", _CS_LFS64_LINTFLAGS, kStr},
    {"_XBS5_WIDTH_RESTRICTED_ENVS", _CS_V5_WIDTH_RESTRICTED_ENVS, kStr},
    {"XBS5_WIDTH_RESTRICTED_ENVS", _CS_V5_WIDTH_RESTRICTED_ENVS, kStr},
    {"_XBS5_ILP32_OFF32", _SC_XBS5_ILP32_OFF32, kSys},
    {"XBS5_ILP32_OFF32_CFLAGS", _CS_XBS5_ILP32_OFF32_CFLAGS, kStr},
    {"XBS5_ILP32_OFF32_LDFLAGS", _CS_XBS5_ILP32_OFF32_LDFLAGS, kStr},
    {"XBS5_ILP32_OFF32_LIBS", _CS_XBS5_ILP32_OFF32_LIBS, kStr},
    {"XBS5_ILP32_OFF32_LINTFLAGS", _CS_XBS5_ILP32_OFF32_LINTFLAGS, kStr},
    {"_XBS5_ILP32_OFFBIG", _SC_XBS5_ILP32_OFFBIG, kSys},
    {"XBS5_ILP32_OFFBIG_CFLAGS", _CS_XBS5_ILP32_OFFBIG_CFLAGS, kStr},
    {"XBS5_ILP32_OFFBIG_LDFLAGS", _CS_XBS5_ILP32_OFFBIG_LDFLAGS, kStr},
    {"XBS5_ILP32_OFFBIG_LIBS", _CS_XBS5_ILP32_OFFBIG_LIBS, kStr},
    {"XBS5_ILP32_OFFBIG_LINTFLAGS", _CS_XBS5_ILP32_OFFBIG_LINTFLAGS, kStr},
    {"_XBS5_LP64_OFF64", _SC_XBS5_LP64_OFF64, kSys},
    {"XBS5_LP64_OFF64_CFLAGS", _CS_XBS5_LP64_OFF64_CFLAGS, kStr},
    {"XBS5_LP64_OFF64_LDFLAGS", _CS_XBS5_LP64_OFF64_LDFLAGS, kStr},
    {"XBS5_LP64_OFF64_LIBS", _CS_XBS5_LP64_OFF64_LIBS, kStr},
    {"XBS5_LP64_OFF64_LINTFLAGS", _CS_XBS5_LP64_OFF64_LINTFLAGS, kStr},
    {"_XBS5_LPBIG_OFFBIG", _SC_XBS5_LPBIG_OFFBIG, kSys},
    {"XBS5_LPBIG_OFFBIG_CFLAGS", _CS_XBS5_LPBIG_OFFBIG_CFLAGS, kStr},
    {"XBS5_LPBIG_OFFBIG_LDFLAGS", _CS_XBS5_LPBIG_OFFBIG_LDFLAGS, kStr},
    {"XBS5_LPBIG_OFFBIG_LIBS", _CS_XBS5_LPBIG_OFFBIG_LIBS, kStr},
    {"XBS5_LPBIG_OFFBIG_LINTFLAGS", _CS_XBS5_LPBIG_OFFBIG_LINTFLAGS, kStr},
    {"_POSIX_V6_ILP32_OFF32", _SC_V6_ILP32_OFF32, kSys},
    {"POSIX_V6_ILP32_OFF32_CFLAGS", _CS_POSIX_V6_ILP32_OFF32_CFLAGS, kStr},
    {"POSIX_V6_ILP32_OFF32_LDFLAGS", _CS_POSIX_V6_ILP32_OFF32_LDFLAGS, kStr},
    {"POSIX_V6_ILP32_OFF32_LIBS", _CS_POSIX_V6_ILP32_OFF32_LIBS, kStr},
    {"POSIX_V6_ILP32_OFF32_LINTFLAGS", _CS_POSIX_V6_ILP32_OFF32_LINTFLAGS, kStr},
    {"_POSIX_V6_WIDTH_RESTRICTED_ENVS", _CS_V6_WIDTH_RESTRICTED_ENVS, kStr},
    {"POSIX_V6_WIDTH_RESTRICTED_ENVS", _CS_V6_WIDTH_RESTRICTED_ENVS, kStr},
    {"_POSIX_V6_ILP32_OFFBIG", _SC_V6_ILP32_OFFBIG, kSys},
    {"POSIX_V6_ILP32_OFFBIG_CFLAGS", _CS_POSIX_V6_ILP32_OFFBIG_CFLAGS, kStr},
    {"POSIX_V6_ILP32_OFFBIG_LDFLAGS", _CS_POSIX_V6_ILP32_OFFBIG_LDFLAGS, kStr},
    {"POSIX_V6_ILP32_OFFBIG_LIBS", _CS_POSIX_V6_ILP32_OFFBIG_LIBS, kStr},
    {"POSIX_V6_ILP32_OFFBIG_LINTFLAGS", _CS_POSIX_V6_ILP32_OFFBIG_LINTFLAGS, kStr},
    {"_POSIX_V6_LP64_OFF64", _SC_V6_LP64_OFF64, kSys},
    {"POSIX_V6_LP64_OFF64_CFLAGS", _CS_POSIX_V6_LP64_OFF64_CFLAGS, kStr},
    {"POSIX_V6_LP64_OFF64_LDFLAGS", _CS_POSIX_V6_LP64_OFF64_LDFLAGS, kStr},
    {"POSIX_V6_LP64_OFF64_LIBS", _CS_POSIX_V6_LP64_OFF64_LIBS, kStr},
    {"POSIX_V6_LP64_OFF64_LINTFLAGS", _CS_POSIX_V6_LP64_OFF64_LINTFLAGS, kStr},
    {"_POSIX_V6_LPBIG_OFFBIG", _SC_V6_LPBIG_OFFBIG, kSys},
    {"POSIX_V6_LPBIG_OFFBIG_CFLAGS", _CS_POSIX_V6_LPBIG_OFFBIG_CFLAGS, kStr},
    {"POSIX_V6_LPBIG_OFFBIG_LDFLAGS", _CS_POSIX_V6_LPBIG_OFFBIG_LDFLAGS, kStr},
    {"POSIX_V6_LPBIG_OFFBIG_LIBS", _CS_POSIX_V6_LPBIG_OFFBIG_LIBS, kStr},
    {"POSIX_V6_LPBIG_OFFBIG_LINTFLAGS", _CS_POSIX_V6_LPBIG_OFFBIG_LINTFLAGS, kStr},
    {"_POSIX_V7_ILP32_OFF32", _SC_V7_ILP32_OFF32, kSys},
    {"POSIX_V7_ILP32_OFF32_CFLAGS", _CS_POSIX_V7_ILP32_OFF32_CFLAGS, kStr},
    {"POSIX_V7_ILP32_OFF32_LDFLAGS", _CS_POSIX_V7_ILP32_OFF32_LDFLAGS, kStr},
    {"POSIX_V7_ILP32_OFF32_LIBS", _CS_POSIX_V7_ILP32_OFF32_LIBS, kStr},
    {"POSIX_V7_ILP32_OFF32_LINTFLAGS", _CS_POSIX_V7_ILP32_OFF32_LINTFLAGS, kStr},
    {"_POSIX_V7_WIDTH_RESTRICTED_ENVS", _CS_V7_WIDTH_RESTRICTED_ENVS, kStr},
    {"POSIX_V7_WIDTH_RESTRICTED_ENVS", _CS_V7_WIDTH_RESTRICTED_ENVS, kStr},
    {"_POSIX_V7_ILP32_OFFBIG", _SC_V7_ILP32_OFFBIG, kSys},
    {"POSIX_V7_ILP32_OFFBIG_CFLAGS", _CS_POSIX_V7_ILP32_OFFBIG_CFLAGS, kStr},
    {"POSIX_V7_ILP32_OFFBIG_LDFLAGS", _CS_POSIX_V7_ILP32_OFFBIG_LDFLAGS, kStr},
    {"POSIX_V7_ILP32_OFFBIG_LIBS", _CS_POSIX_V7_ILP32_OFFBIG_LIBS, kStr},
    {"POSIX_V7_ILP32_OFFBIG_LINTFLAGS", _CS_POSIX_V7_ILP32_OFFBIG_LINTFLAGS, kStr},
    {"_POSIX_V7_LP64_OFF64", _SC_V7_LP64_OFF64, kSys},
    {"POSIX_V7_LP64_OFF64_CFLAGS", _CS_POSIX_V7_LP64_OFF64_CFLAGS, kStr},
    {"POSIX_V7_LP64_OFF64_LDFLAGS", _CS_POSIX_V7_LP64_OFF64_LDFLAGS, kStr},
    {"POSIX_V7_LP64_OFF64_LIBS", _CS_POSIX_V7_LP64_OFF64_LIBS, kStr},
    {"POSIX_V7_LP64_OFF64_LINTFLAGS", _CS_POSIX_V7_LP64_OFF64_LINTFLAGS, kStr},
    {"_POSIX_V7_LPBIG_OFFBIG", _SC_V7_LPBIG_OFFBIG, kSys},
    {"POSIX_V7_LPBIG_OFFBIG_CFLAGS", _CS_POSIX_V7_LPBIG_OFFBIG_CFLAGS, kStr},
    {"POSIX_V7_LPBIG_OFFBIG_LDFLAGS", _CS_POSIX_V7_LPBIG_OFFBIG_LDFLAGS, kStr},
    {"POSIX_V7_LPBIG_OFFBIG_LIBS", _CS_POSIX_V7_LPBIG_OFFBIG_LIBS, kStr},
    {"POSIX_V7_LPBIG_OFFBIG_LINTFLAGS", _CS_POSIX_V7_LPBIG_OFFBIG_LINTFLAGS, kStr},
    {"_POSIX_ADVISORY_INFO", _SC_ADVISORY_INFO, kSys},
    {"_POSIX_BARRIERS", _SC_BARRIERS, kSys},
    {"_POSIX_BASE", _SC_BASE, kSys},
    {"_POSIX_C_LANG_SUPPORT", _SC_C_LANG_SUPPORT, kSys},
    {"_POSIX_C_LANG_SUPPORT_R", _SC_C_LANG_SUPPORT_R, kSys},
    {"_POSIX_CLOCK_SELECTION", _SC_CLOCK_SELECTION, kSys},
    {"_POSIX_CPUTIME", _SC_CPUTIME, kSys},
    {"_POSIX_THREAD_CPUTIME", _SC_THREAD_CPUTIME, kSys},
    {"_POSIX_DEVICE_SPECIFIC", _SC_DEVICE_SPECIFIC, kSys},
    {"_POSIX_DEVICE_SPECIFIC_R", _SC_DEVICE_SPECIFIC_R, kSys},
    {"_POSIX_FD_MGMT", _SC_FD_MGMT, kSys},
    {"_POSIX_FIFO", _SC_FIFO, kSys},
    {"_POSIX_PIPE", _SC_PIPE, kSys},
    {"_POSIX_FILE_ATTRIBUTES", _SC_FILE_ATTRIBUTES, kSys},
    {"_POSIX_FILE_LOCKING", _SC_FILE_LOCKING, kSys},
    {"_POSIX_FILE_SYSTEM", _SC_FILE_SYSTEM, kSys},
    {"_POSIX_MONOTONIC_CLOCK", _SC_MONOTONIC_CLOCK, kSys},
    {"_POSIX_MULTI_PROCESS", _SC_MULTI_PROCESS, kSys},
    {"_POSIX_SINGLE_PROCESS", _SC_SINGLE_PROCESS, kSys},
    {"_POSIX_NETWORKING", _SC_NETWORKING, kSys},
    {"_POSIX_READER_WRITER_LOCKS", _SC_READER_WRITER_LOCKS, kSys},
    {"_POSIX_SPIN_LOCKS", _SC_SPIN_LOCKS, kSys},
    {"_POSIX_REGEXP", _SC_REGEXP, kSys},
    {"_REGEX_VERSION", _SC_REGEX_VERSION, kSys},
    {"_POSIX_SHELL", _SC_SHELL, kSys},
    {"_POSIX_SIGNALS", _SC_SIGNALS, kSys},
    {"_POSIX_SPAWN", _SC_SPAWN, kSys},
    {"_POSIX_SPORADIC_SERVER", _SC_SPORADIC_SERVER, kSys},
    {"_POSIX_THREAD_SPORADIC_SERVER", _SC_THREAD_SPORADIC_SERVER, kSys},
    {"_POSIX_SYSTEM_DATABASE", _SC_SYSTEM_DATABASE, kSys},
    {"_POSIX_SYSTEM_DATABASE_R", _SC_SYSTEM_DATABASE_R, kSys},
    {"_POSIX_TIMEOUTS", _SC_TIMEOUTS, kSys},
    {"_POSIX_TYPED_MEMORY_OBJECTS", _SC_TYPED_MEMORY_OBJECTS, kSys},
    {"_POSIX_USER_GROUPS", _SC_USER_GROUPS, kSys},
    {"_POSIX_USER_GROUPS_R", _SC_USER_GROUPS_R, kSys},
    {"POSIX2_PBS", _SC_2_PBS, kSys},
    {"POSIX2_PBS_ACCOUNTING", _SC_2_PBS_ACCOUNTING, kSys},
    {"POSIX2_PBS_LOCATE", _SC_2_PBS_LOCATE, kSys},
    {"POSIX2_PBS_TRACK", _SC_2_PBS_TRACK, kSys},
    {"POSIX2_PBS_MESSAGE", _SC_2_PBS_MESSAGE, kSys},
    {"SYMLOOP_MAX", _SC_SYMLOOP_MAX, kSys},
    {"STREAM_MAX", _SC_STREAM_MAX, kSys},
    {"AIO_LISTIO_MAX", _SC_AIO_LISTIO_MAX, kSys},
    {"AIO_MAX", _SC_AIO_MAX, kSys},
    {"AIO_PRIO_DELTA_MAX", _SC_AIO_PRIO_DELTA_MAX, kSys},
    {"DELAYTIMER_MAX", _SC_DELAYTIMER_MAX, kSys},
    {"HOST_NAME_MAX", _SC_HOST_NAME_MAX, kSys},
    {"LOGIN_NAME_MAX", _SC_LOGIN_NAME_MAX, kSys},
    {"MQ_OPEN_MAX", _SC_MQ_OPEN_MAX, kSys},
    {"MQ_PRIO_MAX", _SC_MQ_PRIO_MAX, kSys},
    {"_POSIX_DEVICE_IO", _SC_DEVICE_IO, kSys},
    {"_POSIX_TRACE", _SC_TRACE, kSys},
    {"_POSIX_TRACE_EVENT_FILTER", _SC_TRACE_EVENT_FILTER, kSys},
    {"_POSIX_TRACE_INHERIT", _SC_TRACE_INHERIT, kSys},
    {"_POSIX_TRACE_LOG", _SC_TRACE_LOG, kSys},
    {"RTSIG_MAX", _SC_RTSIG_MAX, kSys},
    {"SEM_NSEMS_MAX", _SC_SEM_NSEMS_MAX, kSys},
    {"SEM_VALUE_MAX", _SC_SEM_VALUE_MAX, kSys},
    {"SIGQUEUE_MAX", _SC_SIGQUEUE_MAX, kSys},
    {"FILESIZEBITS", _PC_FILESIZEBITS, kPath},
    {"POSIX_ALLOC_SIZE_MIN", _PC_ALLOC_SIZE_MIN, kPath},
    {"POSIX_REC_INCR_XFER_SIZE", _PC_REC_INCR_XFER_SIZE, kPath},
    {"POSIX_REC_MAX_XFER_SIZE", _PC_REC_MAX_XFER_SIZE, kPath},
    {"POSIX_REC_MIN_XFER_SIZE", _PC_REC_MIN_XFER_SIZE, kPath},
    {"POSIX_REC_XFER_ALIGN", _PC_REC_XFER_ALIGN, kPath},
    {"SYMLINK_MAX", _PC_SYMLINK_MAX, kPath},
    {"GNU_LIBC_VERSION", _CS_GNU_LIBC_VERSION, kStr},
    {"GNU_LIBPTHREAD_VERSION", _CS_GNU_LIBPTHREAD_VERSION, kStr},
    {"POSIX2_SYMLINKS", _PC_2_SYMLINKS, kPath},
    {"LEVEL1_ICACHE_SIZE", _SC_LEVEL1_ICACHE_SIZE, kSys},
    {"LEVEL1_ICACHE_ASSOC", _SC_LEVEL1_ICACHE_ASSOC, kSys},
    {"LEVEL1_ICACHE_LINESIZE", _SC_LEVEL1_ICACHE_LINESIZE, kSys},
    {"LEVEL1_DCACHE_SIZE", _SC_LEVEL1_DCACHE_SIZE, kSys},
    {"LEVEL1_DCACHE_ASSOC", _SC_LEVEL1_DCACHE_ASSOC, kSys},
    {"LEVEL1_DCACHE_LINESIZE", _SC_LEVEL1_DCACHE_LINESIZE, kSys},
    {"LEVEL2_CACHE_SIZE", _SC_LEVEL2_CACHE_SIZE, kSys},
    {"LEVEL2_CACHE_ASSOC", _SC_LEVEL2_CACHE_ASSOC, kSys},
    {"LEVEL2_CACHE_LINESIZE", _SC_LEVEL2_CACHE_LINESIZE, kSys},
    {"LEVEL3_CACHE_SIZE", _SC_LEVEL3_CACHE_SIZE, kSys},
    {"LEVEL3_CACHE_ASSOC", _SC_LEVEL3_CACHE_ASSOC, kSys},
    {"LEVEL3_CACHE_LINESIZE", _SC_LEVEL3_CACHE_LINESIZE, kSys},
    {"LEVEL4_CACHE_SIZE", _SC_LEVEL4_CACHE_SIZE, kSys},
    {"LEVEL4_CACHE_ASSOC", _SC_LEVEL4_CACHE_ASSOC, kSys},
    {"LEVEL4_CACHE_LINESIZE", _SC_LEVEL4_CACHE_LINESIZE, kSys},
    {"IPV6", _SC_IPV6, kSys},
    {"RAW_SOCKETS", _SC_RAW_SOCKETS, kSys},
    {"_POSIX_IPV6", _SC_IPV6, kSys},
    {"_POSIX_RAW_SOCKETS", _SC_RAW_SOCKETS, kSys},
};

// glibc's pathconf on Linux, written out: glibc's own reads /proc/mounts
// through getmntent_r, whose sscanf would bring about 60 KB of scanf and
// float parsing into the binary. Limits: ext2/3/4 all count as ext4 for
// LINK_MAX (65000; glibc says 32000 on ext2 and ext3). -1 with errno 0 is
// "undefined"; with errno set, a failure.
long PathConf(const char* path, int id) {
  errno = 0;
  switch (id) {
    case _PC_MAX_CANON:
    case _PC_MAX_INPUT: return 255;
    case _PC_PATH_MAX:
    case _PC_PIPE_BUF: return 4096;
    case _PC_NO_TRUNC: return 1;
    case _PC_VDISABLE: return 0;
    case _PC_SOCK_MAXBUF:
    case _PC_PRIO_IO:
    case _PC_SYNC_IO:
    case _PC_REC_INCR_XFER_SIZE:
    case _PC_REC_MAX_XFER_SIZE:
    case _PC_SYMLINK_MAX: return -1;
    case _PC_ASYNC_IO: {
      struct stat st;
      if (::stat(path, &st) < 0) return -1;
      return S_ISREG(st.st_mode) || S_ISBLK(st.st_mode) ? 1 : -1;
    }
    default: break;
  }
  struct statfs fs;
  if (::statfs(path, &fs) < 0) return -1;
  unsigned long type = static_cast<unsigned long>(fs.f_type);
  switch (id) {
    case _PC_NAME_MAX: return fs.f_namelen;
    case _PC_CHOWN_RESTRICTED: return 1;
    case _PC_ALLOC_SIZE_MIN:
    case _PC_REC_MIN_XFER_SIZE:
    case _PC_REC_XFER_ALIGN: return fs.f_frsize ? fs.f_frsize : fs.f_bsize;
    case _PC_2_SYMLINKS:  // ADFS, BFS, CRAMFS, EFS, MSDOS, QNX4 have none
      return type == 0xadf5 || type == 0x1badface || type == 0x28cd3d45 || type == 0x414a53 ||
                     type == 0x4d44 || type == 0x2f
                 ? 0
                 : 1;
    case _PC_FILESIZEBITS:
      switch (type) {
        case 0x9123683e: return 255;  // btrfs
        case 0xef53:                  // ext2/3/4
        case 0x58465342:              // xfs
        case 0x52654973:              // reiserfs
        case 0x3153464a:              // jfs
        case 0x5346544e:              // ntfs
        case 0x15013346:              // udf
        case 0x517b:                  // smb
        case 0x00011954:              // ufs
        case 0x0bd00bd0:              // lustre
        case 0x27e0eb: return 64;     // cgroup
        default: return 32;
      }
    case _PC_LINK_MAX:
      switch (type) {
        case 0xef53: return 65000;        // ext4 (ext2/3: 32000)
        case 0x137f: return 250;          // minix
        case 0x2468: return 65530;        // minix2
        case 0x012ff7b4:                  // xenix
        case 0x012ff7b5:                  // sysv4
        case 0x012ff7b6: return 126;      // sysv2
        case 0x012ff7b7: return 10000;    // coherent
        case 0x00011954: return 32000;    // ufs
        case 0x52654973: return 64535;    // reiserfs
        case 0x58465342: return 2147483647;  // xfs
        case 0x9123683e: return 65535;    // btrfs
        default: return 127;
      }
    default: errno = EINVAL; return -1;
  }
}

int Usage(mc::Invocation& inv) {
  inv.FlushOutputForMessage();
  std::string p(inv.prog());
  std::string msg = "Usage: " + p + " [-v specification] variable_name [pathname]\n       " + p +
                    " -a [pathname]\n";
  mc::WriteAll(inv.err_fd(), msg.data(), msg.size());
  return 2;
}

std::string Signed(long v) {
  return v < 0 ? "-" + mc::ident::Decimal(0ULL - static_cast<unsigned long long>(v))
               : mc::ident::Decimal(static_cast<unsigned long long>(v));
}

// confstr's value (without its NUL).
std::string ConfStr(int id) {
  std::size_t n = ::confstr(id, nullptr, 0);
  if (n == 0) return "";
  std::string s(n, '\0');
  ::confstr(id, s.data(), n);
  s.resize(n - 1);
  return s;
}

// sysconf as getconf shows it: "" for -1, except the unsigned maxima.
std::string SysValue(int id, bool* undefined) {
  long v = ::sysconf(id);
  if (v == -1 && id != _SC_UINT_MAX && id != _SC_ULONG_MAX) {
    *undefined = true;
    return "";
  }
  if (v == -1) return mc::ident::Decimal(static_cast<unsigned long>(v));
  return Signed(v);
}

int PrintAll(mc::Invocation& inv, const char* path) {
  for (const auto& v : kVars) {
    std::string line = v.name;
    if (line.size() < 35) line.append(35 - line.size(), ' ');
    bool undefined = false;
    switch (v.call) {
      case kPath: {
        long n = PathConf(path, v.id);
        if (n != -1) line += Signed(n);
        break;
      }
      case kSys: line += SysValue(v.id, &undefined); break;
      case kStr: line += ConfStr(v.id); break;
    }
    line += '\n';
    inv.out().Write(line);
  }
  return 0;
}

}  // namespace

MC_APPLET(getconf) {
  std::vector<std::string_view> args;
  for (char* a : inv.args()) args.emplace_back(a);
  if (!args.empty() && args[0] == "--version") return mc::cli::PrintVersion(inv);
  if (!args.empty() && args[0] == "--help") return mc::cli::PrintHelp(inv);
  std::size_t i = 0;
  if (!args.empty() && args[0].substr(0, 2) == "-v") {
    if (args[0].size() == 2) {
      if (args.size() < 2) return Usage(inv);
      i = 2;
    } else {
      i = 1;
    }
  }
  if (i < args.size() && args[i] == "-a") {
    if (args.size() - i == 1) return PrintAll(inv, "/");
    if (args.size() - i == 2) return PrintAll(inv, std::string(args[i + 1]).c_str());
    return Usage(inv);
  }
  if (i < args.size() && args[i] == "--") ++i;
  std::size_t n = args.size() - i;
  if (n < 1 || n > 2) return Usage(inv);
  std::string_view name = args[i];
  for (const auto& v : kVars) {
    std::string_view vn = v.name;
    if (vn != name && !(vn.substr(0, 7) == "_POSIX_" && vn.substr(7) == name)) continue;
    std::string out;
    if (v.call == kPath) {
      if (n < 2) return Usage(inv);
      std::string path(args[i + 1]);
      errno = 0;
      long value = PathConf(path.c_str(), v.id);
      if (value == -1 && errno != 0) {
        mc::WarnErrno(inv, "pathconf: " + path, errno);
        throw mc::Exit{3};
      }
      out = value == -1 ? "undefined" : Signed(value);
    } else {
      if (n > 1) return Usage(inv);
      bool undefined = false;
      out = v.call == kSys ? SysValue(v.id, &undefined) : ConfStr(v.id);
      if (undefined) out = "undefined";
    }
    out += '\n';
    inv.out().Write(out);
    return 0;
  }
  mc::Die(inv, "Unrecognized variable `" + std::string(name) + "'", 2);
}
