#include "model/success.hpp"

#include <algorithm>
#include <cmath>

namespace ecosim {

double success_probability(const World& world, const Scenario& s, const Project& p) {
  const FirmTable& f = world.firms;
  const std::size_t theme = static_cast<std::size_t>(p.theme);
  double capability = 0, trust = 0;
  int pairs = 0;
  for (const Party& party : p.parties) {
    const ActorRef a = party.actor;
    capability += a.is_firm() ? f.knowledge[a.index()][theme]
                              : world.universities[a.index()].research[theme];
    if (a.is_firm() && !(a == p.lead)) {
      trust += world.trust.trust(p.lead.index(), a, static_cast<float>(s.regions[p.region].generalised_trust));
      ++pairs;
    }
  }
  capability /= static_cast<double>(p.parties.size());
  trust = pairs ? trust / pairs : s.regions[p.region].generalised_trust;
  const double funded =
      (p.private_cash_nok() + p.in_kind_nok() + p.public_nok()) / std::max(1.0, p.budget_nok);
  const ProjectParams& pp = s.projects;
  const double coordination = pp.coordination_cost_per_party *
                              std::max<double>(0, double(p.parties.size()) - 2) *
                              (s.municipality.single_contract_owner ? pp.single_owner_coordination_factor : 1.0);
  const double base = std::clamp(pp.base_success, 1e-6, 1 - 1e-6);
  const double logit = std::log(base / (1 - base)) +
                       pp.success_capability_weight * (capability - s.firms.initial_knowledge) +
                       pp.success_trust_weight * (trust - 0.5) +
                       pp.success_funding_weight * (std::min(1.0, funded) - 1.0) - coordination +
                       (s.municipality.transparency ? pp.transparency_success_bonus : 0.0);
  return 1.0 / (1.0 + std::exp(-logit));
}

}  // namespace ecosim
