#include "world/firms.hpp"

#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "world/actor.hpp"

namespace ecosim {

void FirmTable::resize(std::size_t n) {
  // Ties and parties refer to a firm by a 29-bit index; the scenario check (kMaxTotalFirms)
  // leaves room for entrants, so this is reached only by a region growing its firms fivefold.
  if (n > ActorRef::kIndexMask)
    throw std::runtime_error("the firm table outgrew the 29-bit firm index (" +
                             std::to_string(ActorRef::kIndexMask) +
                             " rows): start with fewer firms");
  // Entrants arrive every month: grow capacity by an eighth at a time, not by doubling, so a
  // million-firm table does not briefly hold twice its size (peak memory is a target).
  const std::size_t room = n > alive.capacity() ? n + n / 8 : alive.capacity();
  std::vector<std::function<void()>> grow;
  for_each_column([&grow, n, room](const char*, auto& column) {
    grow.emplace_back([&column, n, room] {
      column.reserve(room);
      column.resize(n);
    });
  });
  // Zeroing a million new rows column after column took 85 ms of the initial world's set-up:
  // columns grow in parallel when many rows come (a month's entrants mostly reuse rows).
  constexpr std::size_t kManyRows = 1 << 16;
  if (n >= size() + kManyRows)
    oneapi::tbb::parallel_for(std::size_t{0}, grow.size(), [&grow](std::size_t k) { grow[k](); });
  else
    for (const auto& column : grow) column();
}

}  // namespace ecosim
