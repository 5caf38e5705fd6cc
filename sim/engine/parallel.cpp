#include "engine/parallel.hpp"

#include <oneapi/tbb/info.h>

namespace ecosim {

ThreadLimit::ThreadLimit(int threads) {
  if (threads > 0) {
    control_ = std::make_unique<oneapi::tbb::global_control>(
        oneapi::tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  }
}

std::string threads_out_of_range(int threads, int lowest) {
  if (threads >= lowest && threads <= kMaxThreads) return "";
  return "--threads: out of range: " + std::to_string(threads) +
         " (allowed: " + std::to_string(lowest) + ".." + std::to_string(kMaxThreads) +
         (lowest == 0 ? "; 0 = all cores)" : ")");
}

int ThreadLimit::hardware_threads() { return oneapi::tbb::info::default_concurrency(); }

}  // namespace ecosim
