// Every firm's ties in one pool, each firm's list a run of it. Most firms hold none or one tie
// (about 53% and 23% at 10^6 firms), so a heap block per list cost a pointer chase per firm in
// every walk over the ties, and malloc's bookkeeping per tie. Lists lie in firm order after a
// compaction, so a walk over all firms reads the pool front to back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/id.hpp"
#include "world/actor.hpp"
#include "world/ids.hpp"

namespace ecosim {

struct Tie {
  ActorRef other;
  float trust = 0.0f;
  std::int16_t last_contact = 0;
  std::uint8_t joint_projects = 0;
};

// Rules for callers: a list may shrink or have its ties changed through of() from any thread,
// one holder per thread. Adding a tie to a full list moves the list to the end of the
// pool, which may move the whole pool: push_back and reserve are for one thread, and no span
// of any list may be held across them. push_back on a list with room reserved does not move.
class TieLists {
 public:
  // Holders, firm by firm.
  std::size_t size() const { return slots_.size(); }
  // Grows or shrinks to `holders` (new ones hold no ties); grows by an eighth at a time.
  void resize(std::size_t holders);

  std::span<Tie> of(FirmId firm) {
    const Slot s = slots_[firm];
    return {pool_.data() + s.begin, s.size};
  }
  std::span<const Tie> of(FirmId firm) const {
    const Slot s = slots_[firm];
    return {pool_.data() + s.begin, s.size};
  }
  // Where holder k's list lies, for a prefetch a few holders ahead of a walk.
  const Tie* data_of(std::size_t k) const { return pool_.data() + slots_.items()[k].begin; }
  // Where holder k's slot lies, for a prefetch ahead of data_of() or reserve().
  const void* slot_of(std::size_t k) const { return slots_.items().data() + k; }

  // Appends a tie to the holder's list (moves the list when it is full: one thread only).
  void push_back(FirmId firm, const Tie& tie);
  // Room for `extra` more ties in the holder's list, so that pushing them does not move it.
  void reserve(FirmId firm, std::size_t extra);
  // Keeps the first `kept` ties; the room stays the holder's.
  void shrink(FirmId firm, std::size_t kept) { slots_[firm].size = static_cast<Count>(kept); }
  void assign(FirmId firm, std::span<const Tie> ties);

  // Lays the lists out again in firm order, without room, once lists moved to the end have left
  // a quarter of the pool behind them (moves every list: one thread, no span held).
  void compact_if_sparse();
  void compact();
  // Ties held by every list together, and the pool's length (held, room and moved-out lists).
  std::size_t ties() const;
  std::size_t pool_size() const { return pool_.size(); }

  // Each holder's list in firm order, as spans (what a digest reads, as it read a list of lists).
  class const_iterator {
   public:
    using value_type = std::span<const Tie>;
    using difference_type = std::ptrdiff_t;
    const_iterator(const TieLists* lists, std::size_t k) : lists_(lists), k_(k) {}
    std::span<const Tie> operator*() const { return lists_->of(FirmId(k_)); }
    const_iterator& operator++() { return ++k_, *this; }
    bool operator==(const const_iterator& o) const { return k_ == o.k_; }

   private:
    const TieLists* lists_;
    std::size_t k_;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, slots_.size()}; }

 private:
  using Count = std::uint16_t;  // max_ties_per_firm is at most 65535
  struct Slot {
    std::uint32_t begin = 0;
    Count size = 0, capacity = 0;
  };
  // Moves the holder's list to the end of the pool with room for `capacity` ties.
  void move_to_end(FirmId firm, std::size_t capacity);

  std::vector<Tie> pool_;
  IdVector<FirmId, Slot> slots_;
  std::size_t left_behind_ = 0;  // pool slots of lists moved since the last compaction
};

}  // namespace ecosim
