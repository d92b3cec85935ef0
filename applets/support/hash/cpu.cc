#include "applets/support/hash/cpu.h"

#include <atomic>

#if defined(__clang__) && (defined(__x86_64__) || defined(__i386__))
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

#if defined(__clang__)
// Clang's __builtin_cpu_supports does not know "sha": read CPUID leaf 7.
namespace {
bool CpuHasSha() {
  unsigned eax, ebx, ecx, edx;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return false;
  return (ebx >> 29) & 1;
}
}  // namespace
#else
namespace {
bool CpuHasSha() { return __builtin_cpu_supports("sha"); }
}  // namespace
#endif

bool UseShaNi() {
  if (PortableForced()) return false;
  __builtin_cpu_init();
  return CpuHasSha() && __builtin_cpu_supports("sse4.1") &&
         __builtin_cpu_supports("ssse3");
}

bool UseAvx2() {
  if (PortableForced()) return false;
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2");
}

bool UseBmi2() {
  if (PortableForced()) return false;
  __builtin_cpu_init();
  return __builtin_cpu_supports("bmi2");
}

bool UseAvx512Vl() {
  if (PortableForced()) return false;
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") &&
         __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx2") &&
         __builtin_cpu_supports("bmi2");
}

bool UsePclmul() {
  if (PortableForced()) return false;
  __builtin_cpu_init();
  return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1") &&
         __builtin_cpu_supports("ssse3");
}

#else

bool UseShaNi() { return false; }
bool UseAvx2() { return false; }
bool UseBmi2() { return false; }
bool UseAvx512Vl() { return false; }
bool UsePclmul() { return false; }

#endif

}  // namespace mc::hash
