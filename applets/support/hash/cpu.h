// Run-time CPU feature selection for the hash library.
//
// Each hasher picks its compression routine when it is constructed (or
// Reset): the SIMD routine when the CPU has the extension and portable code
// has not been forced, the portable routine otherwise. Tests call
// ForcePortable(true) to exercise the fallback on machines with the
// extensions.
#pragma once

namespace mc::hash {

// When set, hashers constructed afterwards use only portable code.
void ForcePortable(bool force);
bool PortableForced();

// The CPU supports the x86 SHA extensions (with SSE4.1 and SSSE3) and
// portable code is not forced.
bool UseShaNi();
// The CPU supports AVX2 (and the OS saves its registers) and portable code
// is not forced.
bool UseAvx2();
// The CPU supports BMI2 (RORX) and portable code is not forced.
bool UseBmi2();
// The CPU supports AVX-512F and AVX-512VL (with AVX2 and BMI2, and the OS
// saves the AVX-512 registers) and portable code is not forced. Only the
// 128- and 256-bit forms are used.
bool UseAvx512Vl();
// The CPU supports PCLMULQDQ (with SSE4.1 and SSSE3) and portable code is
// not forced.
bool UsePclmul();

}  // namespace mc::hash
