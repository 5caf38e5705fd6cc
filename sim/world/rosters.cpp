#include "world/rosters.hpp"

#include <optional>

namespace ecosim {

void rebuild_rosters(World& world, double member_fee_nok_per_year) {
  const FirmTable& f = world.firms;
  world.municipality_firms = bucket_in_order<MunicipalityId, FirmId>(
      f.size(), world.municipalities.size(), [&](std::size_t i) -> std::optional<MunicipalityId> {
        const FirmId firm(i);
        if (!f.alive[firm] || f.is_public[firm]) return std::nullopt;
        return f.municipality[firm];
      });
  world.org_members = bucket_in_order<PromotionOrgId, FirmId>(
      f.size(), world.promotion_orgs.size(), [&](std::size_t i) -> std::optional<PromotionOrgId> {
        const FirmId firm(i);
        if (!f.alive[firm] || !f.promotion_org[firm]) return std::nullopt;
        return *f.promotion_org[firm];
      });
  for (const PromotionOrgId o : world.promotion_orgs.ids())
    world.promotion_orgs[o].fee_income_nok =
        member_fee_nok_per_year * static_cast<double>(world.org_members.size(o));
}

}  // namespace ecosim
