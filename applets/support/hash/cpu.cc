#include "applets/support/hash/cpu.h"

#include <atomic>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace mc::hash {
namespace {

// Constant-initialized: no global constructor.
constinit std::atomic<bool> g_force_portable{false};

}  // namespace

void ForcePortable(bool force) {
  g_force_portable.store(force, std::memory_order_relaxed);
}

bool PortableForced() {
  return g_force_portable.load(std::memory_order_relaxed);
}

#if defined(__x86_64__) || defined(__i386__)

// The CPU's features, read with CPUID the first time a hasher asks.
// __builtin_cpu_supports would do the same, but links libgcc's
// __cpu_indicator_init as a static constructor: ten CPUID instructions
// (each a VM exit under a hypervisor) at every exec of every applet.
namespace {

struct Features {
  bool sse41, ssse3, pclmul, avx2, bmi2, sha, avx512f, avx512vl;
};

Features Probe() {
  Features f{};
  unsigned eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return f;
  f.ssse3 = (ecx >> 9) & 1;
  f.sse41 = (ecx >> 19) & 1;
  f.pclmul = (ecx >> 1) & 1;
  const bool osxsave = (ecx >> 27) & 1, avx = (ecx >> 28) & 1;
  // Which register states the OS saves (XCR0): SSE|AVX, and opmask|ZMM.
  unsigned long long xcr0 = 0;
  if (osxsave) {
    unsigned lo, hi;
    __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    xcr0 = (static_cast<unsigned long long>(hi) << 32) | lo;
  }
  const bool os_avx = avx && (xcr0 & 0x6) == 0x6;
  const bool os_avx512 = os_avx && (xcr0 & 0xe0) == 0xe0;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return f;
  f.avx2 = os_avx && ((ebx >> 5) & 1);
  f.bmi2 = (ebx >> 8) & 1;
  f.sha = (ebx >> 29) & 1;
  f.avx512f = os_avx512 && ((ebx >> 16) & 1);
  f.avx512vl = os_avx512 && ((ebx >> 31) & 1);
  return f;
}

const Features& Cpu() {
  static const Features features = Probe();  // built on first use
  return features;
}

}  // namespace

bool UseShaNi() {
  if (PortableForced()) return false;
  const Features& f = Cpu();
  return f.sha && f.sse41 && f.ssse3;
}

bool UseAvx2() {
  if (PortableForced()) return false;
  return Cpu().avx2;
}

bool UseBmi2() {
  if (PortableForced()) return false;
  return Cpu().bmi2;
}

bool UseAvx512Vl() {
  if (PortableForced()) return false;
  const Features& f = Cpu();
  return f.avx512f && f.avx512vl && f.avx2 && f.bmi2;
}

bool UsePclmul() {
  if (PortableForced()) return false;
  const Features& f = Cpu();
  return f.pclmul && f.sse41 && f.ssse3;
}

#else

bool UseShaNi() { return false; }
bool UseAvx2() { return false; }
bool UseBmi2() { return false; }
bool UseAvx512Vl() { return false; }
bool UsePclmul() { return false; }

#endif

}  // namespace mc::hash
