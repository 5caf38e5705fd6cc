#include "engine/parallel.hpp"

#include <oneapi/tbb/info.h>

namespace ecosim {

ThreadLimit::ThreadLimit(int threads) {
  if (threads > 0) {
    control_ = std::make_unique<oneapi::tbb::global_control>(
        oneapi::tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  }
}

int ThreadLimit::hardware_threads() { return oneapi::tbb::info::default_concurrency(); }

}  // namespace ecosim
