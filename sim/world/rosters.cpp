#include "world/rosters.hpp"

namespace ecosim {

void rebuild_rosters(World& world, double member_fee_nok_per_year) {
  const FirmTable& f = world.firms;
  world.municipality_firms = bucket_in_order(f.size(), world.municipalities.size(), [&](std::size_t i) {
    return f.alive[i] ? static_cast<std::int64_t>(f.municipality[i]) : -1;
  });
  world.org_members = bucket_in_order(f.size(), world.promotion_orgs.size(), [&](std::size_t i) {
    return f.alive[i] ? static_cast<std::int64_t>(f.promotion_org[i]) : -1;
  });
  for (std::size_t o = 0; o < world.promotion_orgs.size(); ++o)
    world.promotion_orgs[o].fee_income_nok = member_fee_nok_per_year * static_cast<double>(world.org_members.size(o));
}

}  // namespace ecosim
