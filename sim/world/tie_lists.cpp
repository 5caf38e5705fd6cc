#include "world/tie_lists.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace ecosim {

void TieLists::resize(std::size_t holders) {
  // Grows by an eighth at a time (see FirmTable::resize).
  if (holders > slots_.capacity()) slots_.reserve(holders + holders / 8);
  slots_.resize(holders);
}

void TieLists::move_to_end(FirmId firm, std::size_t capacity) {
  Slot& s = slots_[firm];
  if (capacity > std::numeric_limits<Count>::max())
    throw std::length_error("a firm's ties: more than 65535");
  const std::size_t begin = pool_.size();
  if (begin + capacity > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("the trust network: more than 2^32 ties");
  pool_.resize(begin + capacity);
  left_behind_ += s.capacity;
  std::copy_n(pool_.begin() + s.begin, s.size, pool_.begin() + static_cast<std::ptrdiff_t>(begin));
  s.begin = static_cast<std::uint32_t>(begin);
  s.capacity = static_cast<Count>(capacity);
}

void TieLists::push_back(FirmId firm, const Tie& tie) {
  const Slot s = slots_[firm];
  if (s.size == std::numeric_limits<Count>::max())
    throw std::length_error("a firm's ties: more than 65535");
  // Twice the room, up to what a slot can tell (max_ties_per_firm is at most that).
  if (s.size == s.capacity)
    move_to_end(firm, std::clamp<std::size_t>(2 * std::size_t{s.size}, 1,
                                              std::numeric_limits<Count>::max()));
  Slot& moved = slots_[firm];
  pool_[moved.begin + moved.size] = tie;
  ++moved.size;
}

void TieLists::reserve(FirmId firm, std::size_t extra) {
  const Slot s = slots_[firm];
  if (s.size + extra > s.capacity) move_to_end(firm, s.size + extra);
}

void TieLists::assign(FirmId firm, std::span<const Tie> ties) {
  slots_[firm].size = 0;
  reserve(firm, ties.size());
  Slot& s = slots_[firm];
  std::copy(ties.begin(), ties.end(), pool_.begin() + s.begin);
  s.size = static_cast<Count>(ties.size());
}

std::size_t TieLists::ties() const {
  std::size_t n = 0;
  for (const Slot& s : slots_) n += s.size;
  return n;
}

void TieLists::compact_if_sparse() {
  if (left_behind_ > pool_.size() / 4) compact();
}

void TieLists::compact() {
  std::vector<Tie> pool;
  pool.reserve(ties());
  for (Slot& s : slots_) {
    const std::size_t begin = pool.size();
    pool.insert(pool.end(), pool_.begin() + s.begin, pool_.begin() + s.begin + s.size);
    s.begin = static_cast<std::uint32_t>(begin);
    s.capacity = s.size;
  }
  pool_ = std::move(pool);
  left_behind_ = 0;
}

}  // namespace ecosim
