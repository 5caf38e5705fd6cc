#include "world/rosters.hpp"

#include <cmath>
#include <optional>

#include "rules/firms.hpp"
#include "world/world.hpp"

namespace ecosim {
namespace {

// The members' running weights within each group, groups in parallel.
template <class Group>
Roster<Group> weigh(Buckets<Group, FirmId> members, std::size_t groups, const World& world,
                    const SmallTable& weight) {
  std::vector<double> cumulative(members.items.size());
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

}  // namespace

double meeting_weight(const Scenario& s, int employees) {
  return std::pow(employees + 1.0, s.trust.meeting_size_exponent);
}

void rebuild_rosters(World& world, const Scenario& s) {
  const FirmTable& f = world.firms;
  // Most firms have fewer than 1024 employees: their weights looked up, not a pow each.
  const SmallTable weight(1024, [&s](int employees) { return meeting_weight(s, employees); });
  world.municipality_firms = weigh(
      bucket_in_order<MunicipalityId, FirmId>(f.size(), world.municipalities.size(),
                                              [&](std::size_t i) -> std::optional<MunicipalityId> {
                                                const FirmId firm(i);
                                                if (!f.alive[firm] || f.is_public[firm])
                                                  return std::nullopt;
                                                return f.municipality[firm];
                                              }),
      world.municipalities.size(), world, weight);
  world.org_members = weigh(
      bucket_in_order<PromotionOrgId, FirmId>(f.size(), world.promotion_orgs.size(),
                                              [&](std::size_t i) -> std::optional<PromotionOrgId> {
                                                const FirmId firm(i);
                                                if (!f.alive[firm] || !f.promotion_org[firm])
                                                  return std::nullopt;
                                                return *f.promotion_org[firm];
                                              }),
      world.promotion_orgs.size(), world, weight);
  for (const PromotionOrgId o : world.promotion_orgs.ids())
    world.promotion_orgs[o].fee_income_nok =
        s.dialogue.member_fee_nok_per_year * static_cast<double>(world.org_members.size(o));
}

}  // namespace ecosim
