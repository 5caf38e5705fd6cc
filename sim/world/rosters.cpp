#include "world/rosters.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "rules/firms.hpp"
#include "world/world.hpp"

namespace ecosim {
namespace {

// The members' running weights within each group, groups in parallel.
template <class Group>
Roster<Group> weigh(Buckets<Group, FirmId> members, std::size_t groups, const World& world,
                    const SmallTable& weight) {
  UnsetVector<double> cumulative(members.items.size());  // each group's written in full
  for_each_index(
      groups,
      [&](std::size_t g) {
        double sum = 0;
        for (std::size_t k = members.offsets[g]; k < members.offsets[g + 1]; ++k)
          cumulative[k] = sum += weight(world.firms.employees[members.items[k]]);
      },
      1);
  return Roster<Group>(std::move(members), std::move(cumulative));
}

// The members of each group after some leave and others join, each group in firm order (what
// bucket_in_order gives from scratch): old members less the leavers, merged with the joiners.
// group(firm) is the group a firm belongs to while alive, if any.
template <class Group, class GroupOf>
Buckets<Group, FirmId> moved(const Buckets<Group, FirmId>& old, std::size_t groups,
                             std::span<const FirmId> leavers, std::span<const FirmId> joiners,
                             const GroupOf& group) {
  // Each group's changes in firm order: counted into their groups in the order they come, which
  // is firm order (a sort of (group, firm) pairs took a serial 2 ms a month at 10^6 firms). The
  // items are positions in `firms`.
  const auto by_group = [&](std::span<const FirmId> firms) {
    if (!std::is_sorted(firms.begin(), firms.end()))
      throw std::logic_error("update_rosters: leavers and joiners must come in firm order");
    return bucket_in_order<std::size_t, std::uint32_t>(
        firms.size(), groups, [&](std::size_t k) -> std::optional<std::size_t> {
          if (const auto g = group(firms[k])) return position_of(*g);
          return std::nullopt;
        });
  };
  const auto leaving = by_group(leavers), joining = by_group(joiners);
  std::vector<std::vector<FirmId>> lists(groups);
  for_each_index(
      groups,
      [&](std::size_t g) {
        const std::uint32_t *leave = leaving.begin(g), *leave_end = leaving.end(g);
        const std::uint32_t *join = joining.begin(g), *join_end = joining.end(g);
        const auto leaver = [&] { return leavers[*leave]; };
        const auto joiner = [&] { return joiners[*join]; };
        std::vector<FirmId>& list = lists[g];
        list.reserve(old.offsets[g + 1] - old.offsets[g] +
                     static_cast<std::size_t>(join_end - join));
        for (std::size_t k = old.offsets[g]; k < old.offsets[g + 1]; ++k) {
          const FirmId i = old.items[k];
          while (leave != leave_end && leaver() < i) ++leave;
          if (leave != leave_end && leaver() == i) continue;  // closed this month
          for (; join != join_end && joiner() < i; ++join) list.push_back(joiner());
          if (join != join_end && joiner() == i) ++join;  // listed once
          list.push_back(i);
        }
        for (; join != join_end; ++join) list.push_back(joiner());
      },
      16);
  Buckets<Group, FirmId> out;
  out.offsets.assign(groups + 1, 0);
  for (std::size_t g = 0; g < groups; ++g)
    out.offsets[g + 1] = out.offsets[g] + static_cast<std::uint32_t>(lists[g].size());
  out.items.resize(out.offsets[groups]);
  for_each_index(
      groups,
      [&](std::size_t g) {
        std::copy(lists[g].begin(), lists[g].end(), out.items.begin() + out.offsets[g]);
      },
      16);
  return out;
}

}  // namespace

double meeting_weight(const Scenario& s, int employees) {
  return std::pow(employees + 1.0, s.trust.meeting_size_exponent);
}

namespace {

// The group of each roster a firm belongs to while alive (its municipality, if private; its
// organisation, if a member), and the weights they are drawn by.
struct RosterKeys {
  const FirmTable& f;
  std::optional<MunicipalityId> municipality(FirmId i) const {
    return f.is_public[i] ? std::nullopt : std::optional(f.municipality[i]);
  }
  std::optional<PromotionOrgId> org(FirmId i) const {
    return f.promotion_org[i] ? std::optional(*f.promotion_org[i]) : std::nullopt;
  }
};

// Most firms have fewer than 1024 employees: their weights looked up, not a pow each.
SmallTable meeting_weights(const Scenario& s) {
  return SmallTable(1024, [&s](int employees) { return meeting_weight(s, employees); });
}

void collect_fees(World& world, const Scenario& s) {
  for (const PromotionOrgId o : world.promotion_orgs.ids())
    world.promotion_orgs[o].fee_income_nok =
        s.dialogue.member_fee_nok_per_year * static_cast<double>(world.org_members.size(o));
}

}  // namespace

void rebuild_rosters(World& world, const Scenario& s) {
  const FirmTable& f = world.firms;
  const RosterKeys keys{f};
  const SmallTable weight = meeting_weights(s);
  world.municipality_firms =
      weigh(bucket_in_order<MunicipalityId, FirmId>(
                f.size(), world.municipalities.size(),
                [&](std::size_t i) -> std::optional<MunicipalityId> {
                  return f.alive[FirmId(i)] ? keys.municipality(FirmId(i)) : std::nullopt;
                }),
            world.municipalities.size(), world, weight);
  world.org_members = weigh(bucket_in_order<PromotionOrgId, FirmId>(
                                f.size(), world.promotion_orgs.size(),
                                [&](std::size_t i) -> std::optional<PromotionOrgId> {
                                  return f.alive[FirmId(i)] ? keys.org(FirmId(i)) : std::nullopt;
                                }),
                            world.promotion_orgs.size(), world, weight);
  collect_fees(world, s);
}

void update_rosters(World& world, const Scenario& s, std::span<const FirmId> leavers,
                    std::span<const FirmId> joiners) {
  const std::size_t municipalities = world.municipalities.size(),
                    orgs = world.promotion_orgs.size();
  if (world.municipality_firms.members().offsets.size() != municipalities + 1 ||
      world.org_members.members().offsets.size() != orgs + 1)
    return rebuild_rosters(world, s);  // none yet to update
  const RosterKeys keys{world.firms};
  const SmallTable weight = meeting_weights(s);
  world.municipality_firms =
      weigh(moved(world.municipality_firms.members(), municipalities, leavers, joiners,
                  [&](FirmId i) { return keys.municipality(i); }),
            municipalities, world, weight);
  world.org_members = weigh(moved(world.org_members.members(), orgs, leavers, joiners,
                                  [&](FirmId i) { return keys.org(i); }),
                            orgs, world, weight);
  collect_fees(world, s);
}

}  // namespace ecosim
