/* @applet stty
   @install bin
   @help
Usage: stty [-F DEVICE | --file=DEVICE] [SETTING]...
  or:  stty [-F DEVICE | --file=DEVICE] [-a|--all]
  or:  stty [-F DEVICE | --file=DEVICE] [-g|--save]
Print or change terminal characteristics.

Mandatory arguments to long options are mandatory for short options too.
  -a, --all          print all current settings in human-readable form
  -g, --save         print all current settings in a stty-readable form
  -F, --file=DEVICE  open and use the specified DEVICE instead of stdin
      --help        display this help and exit
      --version     output version information and exit

Optional - before SETTING indicates negation.  An * marks non-POSIX
settings.  The underlying system defines which settings are available.

Special characters:
 * discard CHAR  CHAR will toggle discarding of output
   eof CHAR      CHAR will send an end of file (terminate the input)
   eol CHAR      CHAR will end the line
 * eol2 CHAR     alternate CHAR for ending the line
   erase CHAR    CHAR will erase the last character typed
   intr CHAR     CHAR will send an interrupt signal
   kill CHAR     CHAR will erase the current line
 * lnext CHAR    CHAR will enter the next character quoted
   quit CHAR     CHAR will send a quit signal
 * rprnt CHAR    CHAR will redraw the current line
   start CHAR    CHAR will restart the output after stopping it
   stop CHAR     CHAR will stop the output
   susp CHAR     CHAR will send a terminal stop signal
 * swtch CHAR    CHAR will switch to a different shell layer
 * werase CHAR   CHAR will erase the last word typed

Special settings:
   N             set the input and output speeds to N bauds
 * cols N        tell the kernel that the terminal has N columns
 * columns N     same as cols N
 * [-]drain      wait for transmission before applying settings (on by default)
   ispeed N      set the input speed to N
 * line N        use line discipline N
   min N         with -icanon, set N characters minimum for a completed read
   ospeed N      set the output speed to N
 * rows N        tell the kernel that the terminal has N rows
 * size          print the number of rows and columns according to the kernel
   speed         print the terminal speed
   time N        with -icanon, set read timeout of N tenths of a second

Control settings:
   [-]clocal     disable modem control signals
   [-]cread      allow input to be received
 * [-]crtscts    enable RTS/CTS handshaking
   csN           set character size to N bits, N in [5..8]
   [-]cstopb     use two stop bits per character (one with '-')
   [-]hup        send a hangup signal when the last process closes the tty
   [-]hupcl      same as [-]hup
   [-]parenb     generate parity bit in output and expect parity bit in input
   [-]parodd     set odd parity (or even parity with '-')
 * [-]cmspar     use "stick" (mark/space) parity

Input settings:
   [-]brkint     breaks cause an interrupt signal
   [-]icrnl      translate carriage return to newline
   [-]ignbrk     ignore break characters
   [-]igncr      ignore carriage return
   [-]ignpar     ignore characters with parity errors
 * [-]imaxbel    beep and do not flush a full input buffer on a character
   [-]inlcr      translate newline to carriage return
   [-]inpck      enable input parity checking
   [-]istrip     clear high (8th) bit of input characters
 * [-]iutf8      assume input characters are UTF-8 encoded
 * [-]iuclc      translate uppercase characters to lowercase
 * [-]ixany      let any character restart output, not only start character
   [-]ixoff      enable sending of start/stop characters
   [-]ixon       enable XON/XOFF flow control
   [-]parmrk     mark parity errors (with a 255-0-character sequence)
   [-]tandem     same as [-]ixoff

Output settings:
 * bsN           backspace delay style, N in [0..1]
 * crN           carriage return delay style, N in [0..3]
 * ffN           form feed delay style, N in [0..1]
 * nlN           newline delay style, N in [0..1]
 * [-]ocrnl      translate carriage return to newline
 * [-]ofdel      use delete characters for fill instead of NUL characters
 * [-]ofill      use fill (padding) characters instead of timing for delays
 * [-]olcuc      translate lowercase characters to uppercase
 * [-]onlcr      translate newline to carriage return-newline
 * [-]onlret     newline performs a carriage return
 * [-]onocr      do not print carriage returns in the first column
   [-]opost      postprocess output
 * tabN          horizontal tab delay style, N in [0..3]
 * tabs          same as tab0
 * -tabs         same as tab3
 * vtN           vertical tab delay style, N in [0..1]

Local settings:
   [-]crterase   echo erase characters as backspace-space-backspace
 * crtkill       kill all line by obeying the echoprt and echoe settings
 * -crtkill      kill all line by obeying the echoctl and echok settings
 * [-]ctlecho    echo control characters in hat notation ('^c')
   [-]echo       echo input characters
 * [-]echoctl    same as [-]ctlecho
   [-]echoe      same as [-]crterase
   [-]echok      echo a newline after a kill character
 * [-]echoke     same as [-]crtkill
   [-]echonl     echo newline even if not echoing other characters
 * [-]echoprt    echo erased characters backward, between '\' and '/'
 * [-]extproc    enable "LINEMODE"; useful with high latency links
 * [-]flusho     discard output
   [-]icanon     enable special characters: erase, kill, werase, rprnt
   [-]iexten     enable non-POSIX special characters
   [-]isig       enable interrupt, quit, and suspend special characters
   [-]noflsh     disable flushing after interrupt and quit special characters
 * [-]prterase   same as [-]echoprt
 * [-]tostop     stop background jobs that try to write to the terminal
 * [-]xcase      with icanon, escape with '\' for uppercase characters

Combination settings:
 * [-]LCASE      same as [-]lcase
   cbreak        same as -icanon
   -cbreak       same as icanon
   cooked        same as brkint ignpar istrip icrnl ixon opost isig
                 icanon, eof and eol characters to their default values
   -cooked       same as raw
   crt           same as echoe echoctl echoke
   dec           same as echoe echoctl echoke -ixany intr ^c erase 0177
                 kill ^u
 * [-]decctlq    same as [-]ixany
   ek            erase and kill characters to their default values
   evenp         same as parenb -parodd cs7
   -evenp        same as -parenb cs8
 * [-]lcase      same as xcase iuclc olcuc
   litout        same as -parenb -istrip -opost cs8
   -litout       same as parenb istrip opost cs7
   nl            same as -icrnl -onlcr
   -nl           same as icrnl -inlcr -igncr onlcr -ocrnl -onlret
   oddp          same as parenb parodd cs7
   -oddp         same as -parenb cs8
   [-]parity     same as [-]evenp
   pass8         same as -parenb -istrip cs8
   -pass8        same as parenb istrip cs7
   raw           same as -ignbrk -brkint -ignpar -parmrk -inpck -istrip
                 -inlcr -igncr -icrnl -ixon -ixoff -icanon -opost
                 -isig -iuclc -ixany -imaxbel -xcase min 1 time 0
   -raw          same as cooked
   sane          same as cread -ignbrk brkint -inlcr -igncr icrnl
                 icanon iexten echo echoe echok -echonl -noflsh
                 -ixoff -iutf8 -iuclc -ixany imaxbel -xcase -olcuc -ocrnl
                 opost -ofill onlcr -onocr -onlret nl0 cr0 tab0 bs0 vt0 ff0
                 isig -tostop -ofdel -echoprt echoctl echoke -extproc -flusho,
                 all special characters to their default values

Handle the tty line connected to standard input.  Without arguments,
prints baud rate, line discipline, and deviations from stty sane.  In
settings, CHAR is taken literally, or coded as in ^c, 0x37, 0177 or
127; special values ^- or undef used to disable special characters.
*/
// GNU coreutils 9.1's stty on Linux: the same settings, the same output
// (-a, -g, the changed settings by default, wrapped at the terminal's
// width or COLUMNS), the same two passes over the settings (checked before
// the device is opened, then applied) and the check that tcsetattr did
// everything asked.
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/numbers.h"
#include "applets/system/ident.h"
#include "registry/applet.h"

namespace {

enum Kind : char { kControl, kInput, kOutput, kLocal, kCombination };
enum : unsigned char { kSaneSet = 1, kSaneUnset = 2, kRev = 4, kOmit = 8 };

struct Mode {
  const char* name;
  Kind kind;
  unsigned char flags;
  tcflag_t bits, mask;
};

// In GNU's order, which is the display order.
constexpr Mode kModes[] = {
    {"parenb", kControl, kRev, PARENB, 0},
    {"parodd", kControl, kRev, PARODD, 0},
    {"cmspar", kControl, kRev, CMSPAR, 0},
    {"cs5", kControl, 0, CS5, CSIZE},
    {"cs6", kControl, 0, CS6, CSIZE},
    {"cs7", kControl, 0, CS7, CSIZE},
    {"cs8", kControl, 0, CS8, CSIZE},
    {"hupcl", kControl, kRev, HUPCL, 0},
    {"hup", kControl, kRev | kOmit, HUPCL, 0},
    {"cstopb", kControl, kRev, CSTOPB, 0},
    {"cread", kControl, kSaneSet | kRev, CREAD, 0},
    {"clocal", kControl, kRev, CLOCAL, 0},
    {"crtscts", kControl, kRev, CRTSCTS, 0},
    {"ignbrk", kInput, kSaneUnset | kRev, IGNBRK, 0},
    {"brkint", kInput, kSaneSet | kRev, BRKINT, 0},
    {"ignpar", kInput, kRev, IGNPAR, 0},
    {"parmrk", kInput, kRev, PARMRK, 0},
    {"inpck", kInput, kRev, INPCK, 0},
    {"istrip", kInput, kRev, ISTRIP, 0},
    {"inlcr", kInput, kSaneUnset | kRev, INLCR, 0},
    {"igncr", kInput, kSaneUnset | kRev, IGNCR, 0},
    {"icrnl", kInput, kSaneSet | kRev, ICRNL, 0},
    {"ixon", kInput, kRev, IXON, 0},
    {"ixoff", kInput, kSaneUnset | kRev, IXOFF, 0},
    {"tandem", kInput, kRev | kOmit, IXOFF, 0},
    {"iuclc", kInput, kSaneUnset | kRev, IUCLC, 0},
    {"ixany", kInput, kSaneUnset | kRev, IXANY, 0},
    {"imaxbel", kInput, kSaneSet | kRev, IMAXBEL, 0},
    {"iutf8", kInput, kSaneUnset | kRev, IUTF8, 0},
    {"opost", kOutput, kSaneSet | kRev, OPOST, 0},
    {"olcuc", kOutput, kSaneUnset | kRev, OLCUC, 0},
    {"ocrnl", kOutput, kSaneUnset | kRev, OCRNL, 0},
    {"onlcr", kOutput, kSaneSet | kRev, ONLCR, 0},
    {"onocr", kOutput, kSaneUnset | kRev, ONOCR, 0},
    {"onlret", kOutput, kSaneUnset | kRev, ONLRET, 0},
    {"ofill", kOutput, kSaneUnset | kRev, OFILL, 0},
    {"ofdel", kOutput, kSaneUnset | kRev, OFDEL, 0},
    {"nl1", kOutput, kSaneUnset, NL1, NLDLY},
    {"nl0", kOutput, kSaneSet, NL0, NLDLY},
    {"cr3", kOutput, kSaneUnset, CR3, CRDLY},
    {"cr2", kOutput, kSaneUnset, CR2, CRDLY},
    {"cr1", kOutput, kSaneUnset, CR1, CRDLY},
    {"cr0", kOutput, kSaneSet, CR0, CRDLY},
    {"tab3", kOutput, kSaneUnset, TAB3, TABDLY},
    {"tab2", kOutput, kSaneUnset, TAB2, TABDLY},
    {"tab1", kOutput, kSaneUnset, TAB1, TABDLY},
    {"tab0", kOutput, kSaneSet, TAB0, TABDLY},
    {"bs1", kOutput, kSaneUnset, BS1, BSDLY},
    {"bs0", kOutput, kSaneSet, BS0, BSDLY},
    {"vt1", kOutput, kSaneUnset, VT1, VTDLY},
    {"vt0", kOutput, kSaneSet, VT0, VTDLY},
    {"ff1", kOutput, kSaneUnset, FF1, FFDLY},
    {"ff0", kOutput, kSaneSet, FF0, FFDLY},
    {"isig", kLocal, kSaneSet | kRev, ISIG, 0},
    {"icanon", kLocal, kSaneSet | kRev, ICANON, 0},
    {"iexten", kLocal, kSaneSet | kRev, IEXTEN, 0},
    {"echo", kLocal, kSaneSet | kRev, ECHO, 0},
    {"echoe", kLocal, kSaneSet | kRev, ECHOE, 0},
    {"crterase", kLocal, kRev | kOmit, ECHOE, 0},
    {"echok", kLocal, kSaneSet | kRev, ECHOK, 0},
    {"echonl", kLocal, kSaneUnset | kRev, ECHONL, 0},
    {"noflsh", kLocal, kSaneUnset | kRev, NOFLSH, 0},
    {"xcase", kLocal, kSaneUnset | kRev, XCASE, 0},
    {"tostop", kLocal, kSaneUnset | kRev, TOSTOP, 0},
    {"echoprt", kLocal, kSaneUnset | kRev, ECHOPRT, 0},
    {"prterase", kLocal, kRev | kOmit, ECHOPRT, 0},
    {"echoctl", kLocal, kSaneSet | kRev, ECHOCTL, 0},
    {"ctlecho", kLocal, kRev | kOmit, ECHOCTL, 0},
    {"echoke", kLocal, kSaneSet | kRev, ECHOKE, 0},
    {"crtkill", kLocal, kRev | kOmit, ECHOKE, 0},
    {"flusho", kLocal, kSaneUnset | kRev, FLUSHO, 0},
    {"extproc", kLocal, kSaneUnset | kRev, EXTPROC, 0},
    {"evenp", kCombination, kRev | kOmit, 0, 0},
    {"parity", kCombination, kRev | kOmit, 0, 0},
    {"oddp", kCombination, kRev | kOmit, 0, 0},
    {"nl", kCombination, kRev | kOmit, 0, 0},
    {"ek", kCombination, kOmit, 0, 0},
    {"sane", kCombination, kOmit, 0, 0},
    {"cooked", kCombination, kRev | kOmit, 0, 0},
    {"raw", kCombination, kRev | kOmit, 0, 0},
    {"pass8", kCombination, kRev | kOmit, 0, 0},
    {"litout", kCombination, kRev | kOmit, 0, 0},
    {"cbreak", kCombination, kRev | kOmit, 0, 0},
    {"decctlq", kCombination, kRev | kOmit, 0, 0},
    {"tabs", kCombination, kRev | kOmit, 0, 0},
    {"lcase", kCombination, kRev | kOmit, 0, 0},
    {"LCASE", kCombination, kRev | kOmit, 0, 0},
    {"crt", kCombination, kOmit, 0, 0},
    {"dec", kCombination, kOmit, 0, 0},
};

struct Control {
  const char* name;
  cc_t sane;
  int index;
};
// "min" and "time" last: the displays stop before them.
constexpr Control kControls[] = {
    {"intr", 3, VINTR},      {"quit", 28, VQUIT},      {"erase", 127, VERASE},
    {"kill", 21, VKILL},     {"eof", 4, VEOF},         {"eol", 0, VEOL},
    {"eol2", 0, VEOL2},      {"swtch", 0, VSWTC},     {"start", 17, VSTART},
    {"stop", 19, VSTOP},     {"susp", 26, VSUSP},      {"rprnt", 18, VREPRINT},
    {"werase", 23, VWERASE}, {"lnext", 22, VLNEXT},    {"flush", 15, VDISCARD},
    {"discard", 15, VDISCARD}, {"min", 1, VMIN},       {"time", 0, VTIME},
};

struct Speed {
  const char* text;
  speed_t speed;
  unsigned long value;
};
constexpr Speed kSpeeds[] = {
    {"0", B0, 0},
    {"50", B50, 50},
    {"75", B75, 75},
    {"110", B110, 110},
    {"134", B134, 134},
    {"134.5", B134, 134},
    {"150", B150, 150},
    {"200", B200, 200},
    {"300", B300, 300},
    {"600", B600, 600},
    {"1200", B1200, 1200},
    {"1800", B1800, 1800},
    {"2400", B2400, 2400},
    {"4800", B4800, 4800},
    {"9600", B9600, 9600},
    {"19200", B19200, 19200},
    {"38400", B38400, 38400},
    {"exta", B19200, 19200},
    {"extb", B38400, 38400},
    {"57600", B57600, 57600},
    {"115200", B115200, 115200},
    {"230400", B230400, 230400},
    {"460800", B460800, 460800},
    {"500000", B500000, 500000},
    {"576000", B576000, 576000},
    {"921600", B921600, 921600},
    {"1000000", B1000000, 1000000},
    {"1152000", B1152000, 1152000},
    {"1500000", B1500000, 1500000},
    {"2000000", B2000000, 2000000},
    {"2500000", B2500000, 2500000},
    {"3000000", B3000000, 3000000},
    {"3500000", B3500000, 3500000},
    {"4000000", B4000000, 4000000},
};

const Speed* FindSpeed(std::string_view s) {
  for (const auto& sp : kSpeeds)
    if (s == sp.text) return &sp;
  return nullptr;
}
unsigned long BaudValue(speed_t speed) {
  for (const auto& sp : kSpeeds)
    if (sp.speed == speed) return sp.value;
  return 0;
}

tcflag_t* Flags(Kind kind, termios* m) {
  switch (kind) {
    case kControl: return &m->c_cflag;
    case kInput: return &m->c_iflag;
    case kOutput: return &m->c_oflag;
    case kLocal: return &m->c_lflag;
    default: return nullptr;
  }
}

std::string Num(unsigned long long v) { return mc::ident::Decimal(v); }

std::string Hex(unsigned long v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  do {
    s.insert(s.begin(), kDigits[v & 15]);
    v >>= 4;
  } while (v);
  return s;
}

// A control character as GNU shows it: ^C, ^?, M-a, M-^C, <undef>.
std::string Visible(cc_t ch) {
  if (ch == _POSIX_VDISABLE) return "<undef>";
  std::string s;
  if (ch >= 128) {
    s = "M-";
    ch = static_cast<cc_t>(ch - 128);
  }
  if (ch < 32) {
    s += '^';
    s += static_cast<char>(ch + 64);
  } else if (ch == 127) {
    s += "^?";
  } else {
    s += static_cast<char>(ch);
  }
  return s;
}

void SaneMode(termios* m) {
  for (const auto& c : kControls) m->c_cc[c.index] = c.sane;
  for (const auto& md : kModes) {
    tcflag_t* bits = Flags(md.kind, m);
    if (md.flags & kSaneSet)
      *bits = (*bits & ~md.mask) | md.bits;
    else if (md.flags & kSaneUnset)
      *bits = *bits & ~md.mask & ~md.bits;
  }
}

// Applies a mode; false when it cannot be negated.
bool SetMode(const Mode& md, bool rev, termios* m) {
  if (rev && !(md.flags & kRev)) return false;
  if (tcflag_t* bits = Flags(md.kind, m)) {
    *bits = rev ? (*bits & ~md.mask & ~md.bits) : ((*bits & ~md.mask) | md.bits);
    return true;
  }
  std::string_view n = md.name;
  tcflag_t& c = m->c_cflag;
  tcflag_t& i = m->c_iflag;
  tcflag_t& o = m->c_oflag;
  tcflag_t& l = m->c_lflag;
  if (n == "evenp" || n == "parity") {
    c = rev ? (c & ~PARENB & ~CSIZE) | CS8 : (c & ~PARODD & ~CSIZE) | PARENB | CS7;
  } else if (n == "oddp") {
    c = rev ? (c & ~PARENB & ~CSIZE) | CS8 : (c & ~CSIZE) | CS7 | PARODD | PARENB;
  } else if (n == "nl") {
    if (rev) {
      i = (i | ICRNL) & ~INLCR & ~IGNCR;
      o = (o | ONLCR) & ~OCRNL & ~ONLRET;
    } else {
      i &= ~ICRNL;
      o &= ~ONLCR;
    }
  } else if (n == "ek") {
    m->c_cc[VERASE] = 127;
    m->c_cc[VKILL] = 21;
  } else if (n == "sane") {
    SaneMode(m);
  } else if (n == "cbreak") {
    l = rev ? l | ICANON : l & ~ICANON;
  } else if (n == "pass8" || n == "litout") {
    if (rev) {
      c = (c & ~CSIZE) | CS7 | PARENB;
      i |= ISTRIP;
      if (n == "litout") o |= OPOST;
    } else {
      c = (c & ~PARENB & ~CSIZE) | CS8;
      i &= ~ISTRIP;
      if (n == "litout") o &= ~OPOST;
    }
  } else if (n == "raw" || n == "cooked") {
    if ((n == "raw") == rev) {
      i |= BRKINT | IGNPAR | ISTRIP | ICRNL | IXON;
      o |= OPOST;
      l |= ISIG | ICANON;
    } else {
      i = 0;
      o &= ~OPOST;
      l &= ~(ISIG | ICANON | XCASE);
      m->c_cc[VMIN] = 1;
      m->c_cc[VTIME] = 0;
    }
  } else if (n == "decctlq") {
    i = rev ? i | IXANY : i & ~IXANY;
  } else if (n == "tabs") {
    o = (o & ~TABDLY) | (rev ? TAB3 : TAB0);
  } else if (n == "lcase" || n == "LCASE") {
    if (rev) {
      l &= ~XCASE;
      i &= ~IUCLC;
      o &= ~OLCUC;
    } else {
      l |= XCASE;
      i |= IUCLC;
      o |= OLCUC;
    }
  } else if (n == "crt") {
    l |= ECHOE | ECHOCTL | ECHOKE;
  } else if (n == "dec") {
    m->c_cc[VINTR] = 3;
    m->c_cc[VERASE] = 127;
    m->c_cc[VKILL] = 21;
    l |= ECHOE | ECHOCTL | ECHOKE;
    i &= ~IXANY;
  }
  return true;
}

class Stty {
 public:
  Stty(mc::Invocation& inv, std::string device) : inv_(inv), device_(std::move(device)) {}

  [[noreturn]] void DieDevice(int err) { mc::DieErrno(inv_, mc::QuoteName(device_), err); }

  // GNU's integer_arg: C-style base, b/B suffixes, at most max.
  unsigned long IntegerArg(const std::string& s, unsigned long max) {
    std::uintmax_t v = 0;
    mc::NumError e = mc::ParseScaled(s, 0, "bB", v);
    if (e == mc::NumError::kOk && v > max) e = mc::NumError::kOverflow;
    if (e == mc::NumError::kOverflow)
      mc::Die(inv_, "invalid integer argument: " + mc::QuoteC(s) + ": " +
                        std::string(mc::ErrorText(ERANGE)));
    if (e != mc::NumError::kOk) mc::Die(inv_, "invalid integer argument: " + mc::QuoteC(s));
    return static_cast<unsigned long>(v);
  }

  void SetControl(const Control& c, const std::string& arg, termios* m) {
    std::string_view name = c.name;
    unsigned long value;
    if (name == "min" || name == "time")
      value = IntegerArg(arg, 255);
    else if (arg.size() <= 1)
      value = arg.empty() ? 0 : static_cast<unsigned char>(arg[0]);
    else if (arg == "^-" || arg == "undef")
      value = _POSIX_VDISABLE;
    else if (arg[0] == '^')
      value = arg[1] == '?' ? 127 : static_cast<unsigned char>(arg[1]) & ~0140u;
    else
      value = IntegerArg(arg, 255);
    m->c_cc[c.index] = static_cast<cc_t>(value);
  }

  // GNU's recover_mode: the -g form, hex fields separated by ':'.
  static bool Recover(std::string_view s, termios* m) {
    std::vector<unsigned long> v;
    while (true) {
      std::size_t end = s.find(':');
      std::string_view f = s.substr(0, end);
      if (f.empty() || f.size() > 16) return false;
      unsigned long n = 0;
      for (char ch : f) {
        int d = ch >= '0' && ch <= '9'   ? ch - '0'
                : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                         : -1;
        if (d < 0) return false;
        if (n > (ULONG_MAX >> 4)) return false;
        n = n * 16 + static_cast<unsigned>(d);
      }
      v.push_back(n);
      if (end == std::string_view::npos) break;
      s.remove_prefix(end + 1);
    }
    if (v.size() != 4 + NCCS) return false;
    for (int k = 0; k < 4; ++k)
      if (v[k] > 0xffffffffUL) return false;
    for (int k = 0; k < NCCS; ++k)
      if (v[4 + k] > 255) return false;
    m->c_iflag = static_cast<tcflag_t>(v[0]);
    m->c_oflag = static_cast<tcflag_t>(v[1]);
    m->c_cflag = static_cast<tcflag_t>(v[2]);
    m->c_lflag = static_cast<tcflag_t>(v[3]);
    for (int k = 0; k < NCCS; ++k) m->c_cc[k] = static_cast<cc_t>(v[4 + k]);
    return true;
  }

  // One pass over the settings (GNU's apply_settings). checking: only
  // validate, before the device is opened.
  void Apply(bool checking, const std::vector<std::string>& args, termios* m) {
    for (std::size_t k = 0; k < args.size(); ++k) {
      std::string_view arg = args[k];
      bool rev = false;
      if (!arg.empty() && arg[0] == '-') {
        arg.remove_prefix(1);
        rev = true;
      }
      if (arg == "drain") {
        drain_ = !rev;
        continue;
      }
      bool found = false;
      for (const auto& md : kModes) {
        if (arg == md.name) {
          found = SetMode(md, rev, m);
          set_attr_ = true;
          break;
        }
      }
      if (!found && rev) Invalid(args[k]);
      if (found) continue;
      auto need_arg = [&] {
        if (k + 1 == args.size()) {
          mc::UsageError(inv_, "missing argument to " + mc::QuoteC(arg));
          throw mc::Exit{1};
        }
        return args[++k];
      };
      for (const auto& c : kControls) {
        if (arg == c.name) {
          SetControl(c, need_arg(), m);
          set_attr_ = found = true;
          break;
        }
      }
      if (found) continue;
      if (arg == "ispeed" || arg == "ospeed") {
        const std::string& v = need_arg();
        if (checking) continue;
        const Speed* sp = FindSpeed(v);
        if (!sp) Invalid(v);
        if (arg == "ispeed") ::cfsetispeed(m, sp->speed);
        else ::cfsetospeed(m, sp->speed);
        set_attr_ = true;
      } else if (arg == "rows" || arg == "cols" || arg == "columns") {
        const std::string& v = need_arg();
        if (checking) continue;
        int n = static_cast<int>(IntegerArg(v, INT_MAX));
        SetWindowSize(arg == "rows" ? n : -1, arg == "rows" ? -1 : n);
      } else if (arg == "size") {
        if (checking) continue;
        max_col_ = ScreenColumns();
        col_ = 0;
        WindowSize(false);
      } else if (arg == "line") {
        const std::string& v = need_arg();
        unsigned long n = IntegerArg(v, ULONG_MAX);
        m->c_line = static_cast<cc_t>(n);
        if (m->c_line != n) mc::Warn(inv_, "invalid line discipline " + mc::QuoteC(v));
        set_attr_ = true;
      } else if (arg == "speed") {
        if (checking) continue;
        max_col_ = ScreenColumns();
        ShowSpeed(*m, false);
      } else if (const Speed* sp = FindSpeed(arg)) {
        if (checking) continue;
        ::cfsetispeed(m, sp->speed);
        ::cfsetospeed(m, sp->speed);
        set_attr_ = true;
      } else {
        if (!Recover(arg, m)) Invalid(args[k]);
        set_attr_ = true;
      }
    }
  }

  [[noreturn]] void Invalid(std::string_view arg) {
    mc::UsageError(inv_, "invalid argument " + mc::QuoteC(arg));
    throw mc::Exit{1};
  }

  int ScreenColumns() {
    winsize w;
    if (::ioctl(inv_.out().fd(), TIOCGWINSZ, &w) == 0 && w.ws_col > 0) return w.ws_col;
    if (auto c = inv_.GetEnv("COLUMNS")) {
      std::intmax_t n = 0;
      std::string_view s = *c;
      // xstrtol base 0, no suffixes.
      std::uintmax_t u = 0;
      if (!s.empty() && s[0] != '-' && mc::ParseScaled(s, 0, "", u) == mc::NumError::kOk &&
          u > 0 && u <= INT_MAX)
        n = static_cast<std::intmax_t>(u);
      if (n > 0) return static_cast<int>(n);
    }
    return 80;
  }

  // GNU's wrapf: a space before each item, or a new line if it would
  // pass the width.
  void Wrap(const std::string& s) {
    if (col_ > 0) {
      if (max_col_ - col_ < static_cast<int>(s.size())) {
        inv_.out().Put('\n');
        col_ = 0;
      } else {
        inv_.out().Put(' ');
        ++col_;
      }
    }
    inv_.out().Write(s);
    col_ += static_cast<int>(s.size());
  }
  void Newline() {
    inv_.out().Put('\n');
    col_ = 0;
  }

  void ShowSpeed(const termios& m, bool fancy) {
    speed_t in = ::cfgetispeed(&m), out = ::cfgetospeed(&m);
    if (in == 0 || in == out)
      Wrap(fancy ? "speed " + Num(BaudValue(out)) + " baud;" : Num(BaudValue(out)) + "\n");
    else
      Wrap(fancy ? "ispeed " + Num(BaudValue(in)) + " baud; ospeed " + Num(BaudValue(out)) + " baud;"
                 : Num(BaudValue(in)) + " " + Num(BaudValue(out)) + "\n");
    if (!fancy) col_ = 0;
  }

  void WindowSize(bool fancy) {
    winsize w;
    if (::ioctl(0, TIOCGWINSZ, &w) != 0) {
      if (errno != EINVAL) DieDevice(errno);
      if (!fancy) mc::Die(inv_, mc::QuoteName(device_) + ": no size information for this device");
      return;
    }
    if (fancy) {
      Wrap("rows " + Num(w.ws_row) + "; columns " + Num(w.ws_col) + ";");
    } else {
      Wrap(Num(w.ws_row) + " " + Num(w.ws_col) + "\n");
      col_ = 0;
    }
  }

  void SetWindowSize(int rows, int cols) {
    winsize w;
    if (::ioctl(0, TIOCGWINSZ, &w) != 0) {
      if (errno != EINVAL) DieDevice(errno);
      std::memset(&w, 0, sizeof w);
    }
    if (rows >= 0) w.ws_row = static_cast<unsigned short>(rows);
    if (cols >= 0) w.ws_col = static_cast<unsigned short>(cols);
    if (::ioctl(0, TIOCSWINSZ, &w) != 0) DieDevice(errno);
  }

  void ShowControls(const termios& m, bool all) {
    bool empty = true;
    for (const auto& c : kControls) {
      std::string_view n = c.name;
      if (n == "min") break;
      if (n == "flush") continue;
      if (!all && m.c_cc[c.index] == c.sane) continue;
      empty = false;
      Wrap(std::string(c.name) + " = " + Visible(m.c_cc[c.index]) + ";");
    }
    std::string mt = "min = " + Num(m.c_cc[VMIN]) + "; time = " + Num(m.c_cc[VTIME]) + ";";
    if (all) {
      Wrap(mt);
      if (col_ != 0) inv_.out().Put('\n');
    } else if ((m.c_lflag & ICANON) == 0) {
      Wrap(mt + "\n");
    } else if (!empty) {
      inv_.out().Put('\n');
    }
    col_ = 0;
  }

  void ShowModes(termios& m, bool all) {
    Kind prev = kControl;
    bool empty = true;
    for (const auto& md : kModes) {
      if (md.flags & kOmit) continue;
      if (md.kind != prev) {
        if (all || !empty) Newline();
        empty = true;
        prev = md.kind;
      }
      tcflag_t bits = *Flags(md.kind, &m);
      tcflag_t mask = md.mask ? md.mask : md.bits;
      if ((bits & mask) == md.bits) {
        if (all || (md.flags & kSaneUnset)) {
          Wrap(md.name);
          empty = false;
        }
      } else if (all ? (md.flags & kRev) : (md.flags & (kSaneSet | kRev)) == (kSaneSet | kRev)) {
        Wrap(std::string("-") + md.name);
        empty = false;
      }
    }
    if (all || !empty) inv_.out().Put('\n');
    col_ = 0;
  }

  void Display(termios& m, char style) {
    max_col_ = ScreenColumns();
    col_ = 0;
    if (style == 'g') {
      std::string s = Hex(m.c_iflag) + ":" + Hex(m.c_oflag) + ":" + Hex(m.c_cflag) + ":" + Hex(m.c_lflag);
      for (int k = 0; k < NCCS; ++k) s += ":" + Hex(m.c_cc[k]);
      s += '\n';
      inv_.out().Write(s);
      return;
    }
    bool all = style == 'a';
    ShowSpeed(m, true);
    if (all) WindowSize(true);
    Wrap("line = " + Num(m.c_line) + ";");
    Newline();
    ShowControls(m, all);
    ShowModes(m, all);
  }

  bool set_attr() const { return set_attr_; }
  bool drain() const { return drain_; }

 private:
  mc::Invocation& inv_;
  std::string device_;
  int col_ = 0, max_col_ = 80;
  bool set_attr_ = false, drain_ = true;
};

}  // namespace

MC_APPLET(stty) {
  // GNU's option scan: -a -g -F DEV and their long forms; any other
  // argument (-echo, raw, --bogus) is a setting for the second pass.
  bool verbose = false, save = false, noargs = true, have_file = false;
  std::string file;
  std::vector<std::string> settings;
  auto args = inv.args();
  bool options_done = false;
  for (std::size_t k = 0; k < args.size(); ++k) {
    std::string_view a = args[k];
    if (options_done || a.size() < 2 || a[0] != '-') {
      if (!options_done && a != "drain") noargs = false;
      settings.emplace_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    auto set_file = [&](std::string_view f) {
      if (have_file) mc::Die(inv, "only one device may be specified");
      have_file = true;
      file = f;
    };
    if (a.substr(0, 2) == "--") {
      std::string_view name = a.substr(2), value;
      bool has_value = false;
      if (auto eq = name.find('='); eq != std::string_view::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        has_value = true;
      }
      auto is = [&](std::string_view full) {
        return !name.empty() && full.substr(0, name.size()) == name;
      };
      if (is("all") && !has_value) {
        verbose = true;
        continue;
      }
      if (is("save") && !has_value) {
        save = true;
        continue;
      }
      if (is("help") && !has_value) return mc::cli::PrintHelp(inv);
      if (is("version") && !has_value) return mc::cli::PrintVersion(inv);
      if (is("file")) {
        if (has_value) {
          set_file(value);
          continue;
        }
        if (k + 1 < args.size()) {
          set_file(args[++k]);
          continue;
        }
      }
      noargs = false;
      settings.emplace_back(a);
      continue;
    }
    // A short cluster: options until a character that is none.
    bool unknown = false;
    for (std::size_t j = 1; j < a.size(); ++j) {
      if (a[j] == 'a') {
        verbose = true;
      } else if (a[j] == 'g') {
        save = true;
      } else if (a[j] == 'F') {
        if (j + 1 < a.size()) {
          set_file(a.substr(j + 1));
        } else if (k + 1 < args.size()) {
          set_file(args[++k]);
        } else {
          unknown = true;
        }
        break;
      } else {
        unknown = true;
        break;
      }
    }
    if (unknown) {
      if (a != "-drain") noargs = false;
      settings.emplace_back(a);
    }
  }
  if (verbose && save)
    mc::Die(inv, "the options for verbose and stty-readable output styles are\nmutually exclusive");
  if (!noargs && (verbose || save)) mc::Die(inv, "when specifying an output style, modes may not be set");
  std::string device = have_file ? file : "standard input";
  Stty stty(inv, device);
  if (!noargs) {
    termios check{};
    stty.Apply(true, settings, &check);
  }
  int fd = 0;
  if (have_file) {
    fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) stty.DieDevice(errno);
    if (fd != 0) {
      if (::dup2(fd, 0) < 0) stty.DieDevice(errno);
      ::close(fd);
    }
    int fl = ::fcntl(0, F_GETFL);
    if (fl == -1 || ::fcntl(0, F_SETFL, fl & ~O_NONBLOCK) < 0)
      mc::DieErrno(inv, mc::QuoteName(device) + ": couldn't reset non-blocking mode", errno);
  }
  termios mode{};
  if (::tcgetattr(0, &mode) != 0) stty.DieDevice(errno);
  if (verbose || save || noargs) {
    stty.Display(mode, verbose ? 'a' : save ? 'g' : 'c');
    return 0;
  }
  stty.Apply(false, settings, &mode);
  if (stty.set_attr()) {
    if (::tcsetattr(0, stty.drain() ? TCSADRAIN : TCSANOW, &mode) != 0) stty.DieDevice(errno);
    termios now{};
    if (::tcgetattr(0, &now) != 0) stty.DieDevice(errno);
    if (std::memcmp(&mode, &now, sizeof mode) != 0) {
      // The kernel keeps CIBAUD to itself unless a speed was set.
      now.c_cflag &= ~CIBAUD;
      if (std::memcmp(&mode, &now, sizeof mode) != 0)
        mc::Die(inv, mc::QuoteName(device) + ": unable to perform all requested operations");
    }
  }
  return 0;
}
