#include "phases/partnerships/success.hpp"

#include <algorithm>
#include <cmath>

#include "world/knowledge.hpp"

namespace ecosim {

SuccessOutlook assess_success(const World& world, const Scenario& s, const Project& p) {
  const ProjectParams& pp = s.projects;
  double capability = 0, trust = 0, complement = 0, other_projects = 0;
  for (const Party& party : p.parties) {
    capability += effective_capability(world, party.actor, p.theme);
    other_projects += active_projects_of(world, party.actor);
    if (party.actor == p.lead) continue;
    trust += party.trust;
    complement += complementarity(world, p.lead, party.actor);
  }
  const double partners = std::max<double>(1, double(p.parties.size()) - 1);
  capability /= static_cast<double>(p.parties.size());
  trust = p.parties.size() > 1 ? trust / partners : s.regions[p.region].generalised_trust;
  complement = p.parties.size() > 1 ? complement / partners : 0.0;
  const double funded = p.working_nok() / std::max(1.0, p.budget_nok);
  const double own = (p.parties_cash_nok() + p.in_kind_nok()) / std::max(1.0, p.budget_nok);
  // One contract owner coordinates the municipality's partnerships.
  const bool one_owner = p.municipal() && s.municipality.single_contract_owner;
  const double coordination =
      (pp.coordination_cost_per_party * std::max<double>(0, double(p.parties.size()) - 2) +
       pp.coordination_cost_per_project * other_projects) *
      (one_owner ? pp.single_owner_coordination_factor : 1.0);
  const double base = std::clamp(pp.base_success, 1e-6, 1 - 1e-6);
  const double logit =
      std::log(base / (1 - base)) +
      pp.success_capability_weight *
          (capability - pp.success_capability_reference * s.firms.initial_knowledge) +
      pp.success_complementarity_weight * (complement - pp.success_complementarity_reference) +
      pp.success_trust_weight * (trust - pp.success_trust_reference) +
      pp.success_funding_weight * (std::min(1.0, funded) - 1.0) - coordination +
      pp.success_own_share_weight * (own - pp.success_own_share_reference);
  return {1.0 / (1.0 + std::exp(-logit)), complement};
}

double realised_success(const Scenario& s, const Project& p) {
  const double assessed = std::clamp(double(p.success_probability), 1e-9, 1 - 1e-9);
  const double logit = std::log(assessed / (1 - assessed)) - s.projects.success_funding_weight *
                                                                 p.withdrawn_nok /
                                                                 std::max(1.0, p.budget_nok);
  return 1.0 / (1.0 + std::exp(-logit));
}

}  // namespace ecosim
