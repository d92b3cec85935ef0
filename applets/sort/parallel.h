// Running independent parts of a job on several threads.
#pragma once

#include <cstddef>
#include <system_error>
#include <thread>
#include <vector>

namespace mc::sort {

// Runs fn(0) .. fn(k-1): fn(0) on the calling thread, the others on new
// threads while they can be created. A thread that cannot be created (no
// memory for its stack under RLIMIT_AS, no process slot) is not an error:
// its part, and every later one, runs on the calling thread instead. The
// threads started are always joined, also when fn throws.
template <class Fn>
void InParallel(std::size_t k, Fn fn) {
  struct Pool {
    std::vector<std::thread> threads;
    ~Pool() {
      for (auto& th : threads) th.join();
    }
  } pool;
  std::size_t started = 1;
  if (k > 1) {
    pool.threads.reserve(k - 1);
    for (; started < k; ++started) {
      try {
        pool.threads.emplace_back(fn, started);
      } catch (const std::system_error&) {
        break;
      }
    }
  }
  fn(0);
  for (std::size_t i = started; i < k; ++i) fn(i);
}

}  // namespace mc::sort
