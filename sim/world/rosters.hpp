// Who can be met where: the alive private firms of each municipality and the members of each
// promotion organisation, in firm order, each with a meeting weight so that larger firms can be
// met more often (trust.meeting_size_exponent).
#pragma once

#include <algorithm>
#include <span>
#include <vector>

#include "engine/parallel.hpp"
#include "engine/unset.hpp"
#include "scenario/scenario.hpp"
#include "world/ids.hpp"

namespace ecosim {

struct World;

template <class Group>
class Roster {
 public:
  Roster() = default;
  Roster(Buckets<Group, FirmId> members, UnsetVector<double> cumulative)
      : members_(std::move(members)), cumulative_(std::move(cumulative)) {}

  const Buckets<Group, FirmId>& members() const { return members_; }
  const UnsetVector<double>& cumulative() const { return cumulative_; }
  std::size_t size(Group g) const { return members_.size(g); }
  FirmId at(Group g, std::size_t k) const { return members_.at(g, k); }
  const FirmId* begin(Group g) const { return members_.begin(g); }
  const FirmId* end(Group g) const { return members_.end(g); }

  // A member drawn with probability proportional to its weight, from u in [0, 1). The group
  // must not be empty.
  FirmId draw(Group g, double u) const {
    const std::size_t first = members_.offsets[position_of(g)],
                      last = members_.offsets[position_of(g) + 1];
    const double total = cumulative_[last - 1];
    const auto it =
        std::upper_bound(cumulative_.begin() + static_cast<std::ptrdiff_t>(first),
                         cumulative_.begin() + static_cast<std::ptrdiff_t>(last), u * total);
    const auto k =
        std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_.begin()), last - 1);
    return members_.items[k];
  }

 private:
  Buckets<Group, FirmId> members_;
  UnsetVector<double> cumulative_;  // running sum of the members' weights, within each group
};

// A firm's weight in being met: (employees + 1)^trust.meeting_size_exponent.
double meeting_weight(const Scenario& s, int employees);

// Rebuilds the rosters from the alive private firms, and the organisations' fee income.
void rebuild_rosters(World& world, const Scenario& s);

// The same rosters from last month's after this month's exits and entries: a firm's municipality
// and organisation are fixed from birth, so a roster changes only by the firms that closed
// (`leavers`, members until now) and the entrants (`joiners`); every member's weight is
// weighed again. Needs rosters that were current before the exits (rebuilt or updated).
void update_rosters(World& world, const Scenario& s, std::span<const FirmId> leavers,
                    std::span<const FirmId> joiners);

}  // namespace ecosim
