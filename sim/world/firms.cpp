#include "world/firms.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

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
  for_each_column([n, room](const char*, auto& column) {
    column.reserve(room);
    column.resize(n);
  });
}

}  // namespace ecosim
