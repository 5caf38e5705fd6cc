#include "model/rosters.hpp"

namespace ecosim {

void rebuild_rosters(World& world, double member_fee_nok_per_year) {
  for (auto& m : world.municipalities) m.firms.clear();
  for (auto& o : world.promotion_orgs) o.members.clear();
  const FirmTable& f = world.firms;
  for (std::uint32_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i]) continue;
    world.municipalities[f.municipality[i]].firms.push_back(i);
    if (f.promotion_org[i] >= 0) world.promotion_orgs[f.promotion_org[i]].members.push_back(i);
  }
  for (auto& o : world.promotion_orgs)
    o.fee_income_nok = member_fee_nok_per_year * static_cast<double>(o.members.size());
}

}  // namespace ecosim
