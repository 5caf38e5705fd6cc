#include "scenario/causal_map.hpp"

#include <algorithm>
#include <array>
#include <sstream>
#include <stdexcept>

#include "scenario/catalogue.hpp"

namespace ecosim {
namespace {

using K = NodeKind;
constexpr std::array kNodes = {
    // Levers the seeds name (DOMAIN.md 001-004).
    Node{"min_share", "minimum external share", K::lever},
    Node{"in_kind", "in-kind counting", K::lever},
    Node{"due_diligence", "due diligence", K::lever},
    Node{"viability", "viability after the contract", K::lever},
    Node{"transparency", "transparency", K::lever},
    Node{"evaluation", "evaluation against goals", K::lever},
    Node{"one_owner", "one contract owner", K::lever},
    Node{"dialogue", "municipal dialogue", K::lever},
    Node{"service", "service quality", K::lever},
    Node{"brokering", "promotion organisations' brokering", K::lever},
    Node{"org_grant", "public grant to promotion organisations", K::lever},
    Node{"gen_trust", "generalised trust", K::lever},
    Node{"forums", "cross-regional growth forums", K::lever},
    Node{"cross_rule", "partners across regions", K::lever},
    Node{"themes", "the six themes / agency priorities", K::lever},
    Node{"infrastructure", "infrastructure", K::lever},
    // State the levers change.
    Node{"municipal", "municipal partnerships", K::state},
    Node{"leak", "money doing no work", K::state},
    Node{"refunds", "refunds of stopped projects", K::state},
    Node{"muni_trust", "trust in the municipality", K::state},
    Node{"ties", "trust network", K::state},
    Node{"success", "successful projects", K::state},
    Node{"capacity", "firms' wish to hire", K::state},
    Node{"productivity", "productivity", K::state},
    Node{"emission_factor", "emission intensity", K::state},
    Node{"skilled", "skilled labour pool", K::state},
    Node{"startups", "seeded start-ups", K::state},
    Node{"tourism", "tourism demand", K::state},
    Node{"investors", "investors' capital", K::state},
    Node{"public_services", "public services", K::state},
    // Drammen's nine indicators (DOMAIN.md 001), by their names in the HDF5 file.
    Node{"jobs", "jobs", K::indicator},
    Node{"entries", "entries", K::indicator},
    Node{"diversity_shannon", "diversity_shannon", K::indicator},
    Node{"competence_gap", "competence_gap", K::indicator},
    Node{"satisfaction", "satisfaction", K::indicator},
    Node{"innovation_revenue", "innovation_revenue", K::indicator},
    Node{"emissions", "emissions", K::indicator},
    Node{"employment_rate", "employment_rate", K::indicator},
    Node{"leverage", "leverage (public vs private money)", K::indicator},
};

using A = ArrowKind;
constexpr std::string_view kFinancing = "ask_municipality (sim/phases/partnerships/financing.cpp)";
constexpr std::string_view kOutcomes = "apply_outcomes (sim/phases/outcomes.cpp)";
constexpr std::array kArrows = {
    // The Orebro rules act on the municipality's partnerships: which it joins, and so the
    // public money in projects and whether a project is funded at all.
    Arrow{"min_share",
          "municipal",
          kFinancing,
          "policy.municipality.min_external_share",
          A::live,
          "the municipality joins only when others bring the share",
          {"policy.public_agency.max_aid_share=0.2;policy.municipality.in_kind_counts=false;"
           "policy.municipality.min_external_share=0.9",
           "policy.municipality.min_external_share=0", "municipal_partnerships", -1, "leverage"}},
    Arrow{"in_kind",
          "municipal",
          kFinancing,
          "policy.municipality.in_kind_counts",
          A::live,
          "staff time counts toward the others' share (binds where the agency pays little)",
          {"policy.public_agency.max_aid_share=0;policy.municipality.in_kind_counts=false",
           "policy.municipality.in_kind_counts=true", "municipal_partnerships", -1, "leverage"}},
    Arrow{"due_diligence",
          "municipal",
          kFinancing,
          "policy.municipality.due_diligence",
          A::live,
          "partners whose cash runway is short are refused",
          {"policy.public_agency.max_aid_share=0.2;policy.municipality.due_diligence=true;"
           "policy.municipality.due_diligence_min_runway_months=12",
           "policy.municipality.due_diligence=false", "municipal_partnerships", -1, "leverage"}},
    Arrow{"viability",
          "municipal",
          kFinancing,
          "policy.municipality.viability_weight",
          A::live,
          "the parties' own cash must carry the project after the contract",
          {"policy.public_agency.max_aid_share=0.2;policy.municipality.viability_weight=1",
           "policy.municipality.viability_weight=0", "municipal_partnerships", -1, "leverage"}},
    Arrow{"one_owner",
          "municipal",
          kFinancing,
          "policy.municipality.contract_owner_projects_per_year",
          A::live,
          "the cost: one function takes on only so many partnerships a year",
          {"policy.public_agency.max_aid_share=0.2;policy.municipality.single_contract_owner=true;"
           "policy.municipality.contract_owner_projects_per_year=1",
           "policy.municipality.contract_owner_projects_per_year=1000000", "municipal_partnerships",
           -1, "leverage"}},
    Arrow{"one_owner",
          "success",
          "assess_success (sim/phases/partnerships/success.cpp)",
          "projects.single_owner_coordination_factor",
          A::live,
          "the benefit: the municipality's partnerships cost less coordination",
          {"policy.public_agency.max_aid_share=0.2;policy.municipality.single_contract_owner=true;"
           "policy.municipality.contract_owner_projects_per_year=1000000;"
           "projects.coordination_cost_per_party=1;projects.coordination_cost_per_project=0.5;"
           "projects.single_owner_coordination_factor=0.3",
           "projects.single_owner_coordination_factor=1", "innovation_revenue", +1, "jobs"}},
    Arrow{"transparency",
          "leak",
          "finance (sim/phases/partnerships/financing.cpp)",
          "policy.municipality.transparency",
          A::live,
          "without it part of the municipality's money does no work; with it, reporting costs",
          {"policy.public_agency.max_aid_share=0.2;policy.municipality.transparency=true",
           "policy.municipality.transparency=false", "leaked_money", -1, "leverage"}},
    Arrow{"evaluation",
          "refunds",
          "progress (sim/phases/execution.cpp), refund_unspent",
          "policy.municipality.evaluation",
          A::live,
          "weak projects are stopped at their review and return their unspent money",
          {"policy.public_agency.max_aid_share=0.2;policy.municipality.evaluation=true;"
           "projects.review_threshold=0.6",
           "policy.municipality.evaluation=false", "projects_active", -1, "leverage"}},
    Arrow{"municipal",
          "success",
          "finance (sim/phases/partnerships/financing.cpp)",
          "",
          A::definition,
          "the municipality's share can complete a project's funding",
          {}},
    Arrow{"municipal",
          "leverage",
          "start_project (sim/phases/partnerships/financing.cpp)",
          "",
          A::definition,
          "public money counts the municipality's share",
          {}},
    Arrow{"refunds",
          "leverage",
          "refund_unspent (sim/phases/outcomes.cpp)",
          "",
          A::definition,
          "refunded money funds later projects",
          {}},
    Arrow{"leak",
          "leverage",
          "finance (sim/phases/partnerships/financing.cpp)",
          "",
          A::definition,
          "leaked money is public money that does no work",
          {}},
    // The business climate (seed 004): dialogue and service reach satisfaction, and
    // satisfaction reaches growth.
    Arrow{"dialogue",
          "muni_trust",
          "meet_firms (sim/phases/dialogue.cpp)",
          "region[].dialogue_per_month",
          A::live,
          "company visits and breakfast meetings raise a firm's trust in its municipality",
          {"region.0.dialogue_per_month=400", "region.0.dialogue_per_month=0", "satisfaction", +1,
           "jobs"}},
    Arrow{"muni_trust",
          "satisfaction",
          "update_firm_views (sim/phases/dialogue.cpp)",
          "dialogue.weight_dialogue",
          A::live,
          "trust in the municipality is part of satisfaction",
          {"region.0.dialogue_per_month=400", "dialogue.weight_dialogue=0", "satisfaction", +1,
           "jobs"}},
    Arrow{
        "service",
        "satisfaction",
        "update_firm_views (sim/phases/dialogue.cpp)",
        "dialogue.weight_service",
        A::live,
        "firms judge the municipality's services",
        {"region.0.service_quality=0.95", "dialogue.weight_service=0", "satisfaction", +1, "jobs"}},
    Arrow{"satisfaction",
          "capacity",
          "plan_employment (sim/phases/economy.cpp)",
          "dialogue.climate_growth_per_year",
          A::live,
          "the business climate: satisfied firms grow a little faster",
          {"dialogue.climate_growth_per_year=0.05;region.0.service_quality=0.95",
           "dialogue.climate_growth_per_year=0", "jobs", +1, "employment_rate"}},
    // The trust network (seed 004's ladder): meetings, forums and joint work build ties;
    // trusted ties make projects and make them succeed.
    Arrow{"brokering",
          "ties",
          "broker_meetings (sim/phases/dialogue.cpp)",
          "dialogue.brokered_meetings_per_month",
          A::live,
          "organisations broker meetings among their members",
          {"dialogue.brokered_meetings_per_month=300", "dialogue.brokered_meetings_per_month=0",
           "mean_trust", +1, "innovation_revenue"}},
    Arrow{"org_grant",
          "ties",
          "broker_meetings (sim/phases/dialogue.cpp)",
          "dialogue.representation_public_share_threshold",
          A::live,
          "an organisation living on public money represents its members less and brokers less",
          {"dialogue.public_grant_nok_per_year=1e9;dialogue.brokered_meetings_per_month=300",
           "dialogue.representation_public_share_threshold=1", "mean_trust", -1,
           "innovation_revenue"}},
    Arrow{"gen_trust",
          "ties",
          "tie_trust, resting_trust (sim/rules/trust.hpp)",
          "region[].generalised_trust",
          A::live,
          "where ties start and rest (the off run: Norway's lowest region, 0.26)",
          {"region.0.generalised_trust=0.74;region.1.generalised_trust=0.74",
           "region.0.generalised_trust=0.26;region.1.generalised_trust=0.26", "mean_trust", +1,
           "innovation_revenue"}},
    Arrow{"forums",
          "ties",
          "hold_growth_forums (sim/phases/dialogue.cpp)",
          "dialogue.forum_meetings_per_month",
          A::live,
          "forum meetings bring firms of the regions together",
          {"dialogue.forum_meetings_per_month=300;trust.gain_forum=0.1",
           "dialogue.forum_meetings_per_month=0", "ties_per_firm", +1, "innovation_revenue"}},
    Arrow{"cross_rule",
          "success",
          "CandidateList::offer (sim/phases/partnerships/partner_search.cpp)",
          "trust.allow_cross_region",
          A::live,
          "partners may come from the other region: more candidates, less trusted",
          {"trust.allow_cross_region=true;trust.cross_region_tie_share=0.3;"
           "trust.cross_region_factor=1;trust.encounter_trust_factor=1",
           "trust.allow_cross_region=false", "projects_started", +1, "innovation_revenue"}},
    Arrow{"success",
          "ties",
          "update_trust (sim/phases/outcomes.cpp)",
          "trust.gain_success",
          A::live,
          "joint success raises the partners' trust in each other",
          {"projects.duration_min_months=3;projects.duration_max_months=6;trust.gain_success=0.3",
           "trust.gain_success=0", "mean_trust", +1, "innovation_revenue"}},
    Arrow{"success",
          "ties",
          "resting_trust (sim/rules/trust.hpp)",
          "trust.cross_region_factor_partners",
          A::live,
          "partners across regions know each other: their tie rests above the partnering rung",
          {"projects.duration_min_months=3;projects.duration_max_months=6;"
           "trust.cross_region_tie_share=0.3;dialogue.forum_meetings_per_month=300;"
           "trust.gain_forum=0.1;trust.decay_per_month=0.1",
           "trust.cross_region_factor_partners=0.5", "mean_trust", +1, "innovation_revenue"}},
    Arrow{"ties",
          "success",
          "assess_success (sim/phases/partnerships/success.cpp)",
          "projects.success_trust_weight",
          A::live,
          "trusted partners succeed more often",
          {"projects.success_trust_weight=4;region.0.generalised_trust=0.95;"
           "region.1.generalised_trust=0.95",
           "projects.success_trust_weight=0", "innovation_revenue", +1, "jobs"}},
    // The six themes (seed 003), chosen by firms' knowledge and the agency's priorities.
    Arrow{"themes",
          "emission_factor",
          "ask_agency (sim/phases/partnerships/financing.cpp)",
          "policy.public_agency.theme_priorities",
          A::live,
          "the agency funds its priority themes first (here: climate and energy only)",
          {"policy.public_agency.theme_priorities.health_welfare=0.01;"
           "policy.public_agency.theme_priorities.entrepreneurship=0.01;"
           "policy.public_agency.theme_priorities.tourism=0.01;"
           "policy.public_agency.theme_priorities.competence=0.01;"
           "policy.public_agency.theme_priorities.capital=0.01;projects.emission_cut=0.3",
           "policy.public_agency.theme_priorities.health_welfare=1;"
           "policy.public_agency.theme_priorities.entrepreneurship=1;"
           "policy.public_agency.theme_priorities.tourism=1;"
           "policy.public_agency.theme_priorities.competence=1;"
           "policy.public_agency.theme_priorities.capital=1",
           "emissions", -1, "emissions"}},
    Arrow{"success",
          "emission_factor",
          kOutcomes,
          "projects.emission_cut",
          A::live,
          "a climate project cuts its firms' emission intensity",
          {"projects.emission_cut=0.3", "projects.emission_cut=0", "emissions", -1, "emissions"}},
    Arrow{"emission_factor",
          "emissions",
          "hire_and_produce (sim/phases/economy.cpp)",
          "",
          A::definition,
          "emissions are value added times intensity",
          {}},
    Arrow{"success",
          "skilled",
          kOutcomes,
          "projects.trainees_per_mnok",
          A::live,
          "a competence project adds trainees to the skilled pool",
          {"projects.trainees_per_mnok=20", "projects.trainees_per_mnok=0", "competence_gap", -1,
           "jobs"}},
    Arrow{"skilled",
          "competence_gap",
          "hire_and_produce (sim/phases/economy.cpp)",
          "",
          A::definition,
          "skilled hires sought and not found",
          {}},
    Arrow{"success",
          "startups",
          kOutcomes,
          "projects.startups_per_mnok",
          A::live,
          "an entrepreneurship project seeds start-ups",
          {"projects.startups_per_mnok=20", "projects.startups_per_mnok=0", "entries", +1, "jobs"}},
    Arrow{"startups",
          "entries",
          "update_demography (sim/phases/demography.cpp)",
          "",
          A::definition,
          "seeded start-ups enter as ordinary entrants",
          {}},
    Arrow{"success",
          "tourism",
          kOutcomes,
          "projects.tourism_demand_gain_per_mnok",
          A::live,
          "a tourism project raises the region's tourism demand",
          {"projects.tourism_demand_gain_per_mnok=0.05", "projects.tourism_demand_gain_per_mnok=0",
           "jobs", +1, "diversity_shannon"}},
    Arrow{"tourism",
          "capacity",
          "plan_employment (sim/phases/economy.cpp)",
          "",
          A::definition,
          "firms grow into their sector's demand",
          {}},
    Arrow{"success",
          "investors",
          kOutcomes,
          "projects.capital_mobilised_per_nok",
          A::live,
          "a capital project mobilises private capital",
          {"investors.capital_nok_per_year=1e5;projects.capital_mobilised_per_nok=5",
           "projects.capital_mobilised_per_nok=0", "private_money", +1, "leverage"}},
    Arrow{"success",
          "investors",
          kOutcomes,
          "projects.investor_appetite_gain",
          A::live,
          "a capital project raises investors' appetite for risk",
          {"projects.investor_appetite_gain=0.05", "projects.investor_appetite_gain=0",
           "private_money", +1, "leverage"}},
    Arrow{"investors",
          "leverage",
          "ask_investors (sim/phases/partnerships/financing.cpp)",
          "",
          A::definition,
          "investors fund the gap they can",
          {}},
    Arrow{"success",
          "public_services",
          kOutcomes,
          "",
          A::missing,
          "seed 003's health and welfare innovation: a success raises its parties' knowledge only, "
          "not the quality of public services",
          {}},
    // Innovation reaches the economy.
    Arrow{"success",
          "innovation_revenue",
          "sell_new_products (sim/phases/outcomes.cpp)",
          "projects.innovation_revenue_share",
          A::live,
          "new products sell",
          {"projects.innovation_revenue_share=1", "projects.innovation_revenue_share=0",
           "innovation_revenue", +1, "jobs"}},
    Arrow{"innovation_revenue",
          "capacity",
          "sell_new_products (sim/phases/outcomes.cpp)",
          "projects.innovation_hiring_share",
          A::live,
          "new products need staff",
          {"projects.innovation_hiring_share=1;projects.innovation_revenue_share=3",
           "projects.innovation_hiring_share=0", "jobs", +1, "employment_rate"}},
    Arrow{"success",
          "productivity",
          "value_added (sim/rules/firms.cpp)",
          "firms.knowledge_productivity_gain",
          A::live,
          "knowledge gained in projects raises value added per person",
          {"firms.knowledge_productivity_gain=2", "firms.knowledge_productivity_gain=0", "output",
           +1, "jobs"}},
    Arrow{"infrastructure",
          "productivity",
          "value_added (sim/rules/firms.cpp)",
          "firms.infrastructure_productivity_gain",
          A::live,
          "better infrastructure raises value added per person",
          {"firms.infrastructure_productivity_gain=1;region.0.infrastructure=0.95",
           "firms.infrastructure_productivity_gain=0", "output", +1, "jobs"}},
    Arrow{"productivity",
          "jobs",
          "hire_and_produce (sim/phases/economy.cpp)",
          "",
          A::definition,
          "value added pays the bills: fewer firms run out of cash and go bankrupt",
          {}},
    Arrow{"productivity",
          "emissions",
          "hire_and_produce (sim/phases/economy.cpp)",
          "",
          A::definition,
          "emissions follow value added",
          {}},
    // Jobs and what follows from them.
    Arrow{"capacity",
          "jobs",
          "plan_employment, hire_and_produce (sim/phases/economy.cpp)",
          "",
          A::definition,
          "firms hire toward their capacity, through the labour market",
          {}},
    Arrow{"jobs",
          "employment_rate",
          "hire_and_produce (sim/phases/economy.cpp)",
          "",
          A::definition,
          "residents with a job over working-age residents",
          {}},
    Arrow{"jobs",
          "diversity_shannon",
          "Observer::observe (sim/indicators/indicators.cpp)",
          "",
          A::definition,
          "the spread of jobs over sectors",
          {}},
    // Arrows the seeds describe that the code lacks.
    Arrow{"satisfaction",
          "municipal",
          "",
          "",
          A::missing,
          "§13: satisfied firms might join the municipality's partnerships more readily; no "
          "estimate, so not modelled",
          {}},
    Arrow{"satisfaction",
          "entries",
          "",
          "",
          A::missing,
          "seed 004: a good business climate draws firms in (relocation); ecosim has no "
          "relocation",
          {}},
};

std::string_view label_of(std::string_view id) {
  for (const Node& n : kNodes)
    if (n.id == id) return n.label;
  throw std::logic_error("causal map: no node '" + std::string(id) + "'");
}

// A key's source and plausible range, from the schema.
std::string basis_of(std::string_view key, const std::vector<KeyInfo>& keys) {
  if (key.empty()) return "";
  for (const KeyInfo& k : keys) {
    if (k.path != key) continue;
    const std::string range = plausible_text(k.source);
    const std::string kind = k.source.kind == schema::Source::Kind::cited ? "cited" : "assumed";
    std::string text = kind;
    if (!range.empty()) text += " " + range;
    if (!k.source.citation.empty()) text += ": " + std::string(k.source.citation);
    return text;
  }
  throw std::logic_error("causal map: no scenario key '" + std::string(key) + "'");
}

std::string_view kind_text(ArrowKind kind) {
  switch (kind) {
    case ArrowKind::live:
      return "live";
    case ArrowKind::definition:
      return "definition";
    case ArrowKind::missing:
      return "**missing**";
  }
  return "";
}

}  // namespace

std::span<const Node> causal_nodes() { return kNodes; }
std::span<const Arrow> causal_arrows() { return kArrows; }

std::string causal_map_markdown() {
  const std::vector<KeyInfo> keys = key_catalogue();
  std::ostringstream out;
  out << "```mermaid\nflowchart LR\n";
  for (const Node& n : kNodes) {
    const char* open = n.kind == K::lever ? "([" : n.kind == K::state ? "[" : "[[";
    const char* close = n.kind == K::lever ? "])" : n.kind == K::state ? "]" : "]]";
    out << "  " << n.id << open << '"' << n.label << '"' << close << "\n";
  }
  for (const Arrow& a : kArrows)
    out << "  " << a.from << (a.kind == A::missing ? " -. missing .-> " : " --> ") << a.to << "\n";
  out << "```\n\n";
  out << "| from | to | carried by | strength key | source or plausible range | kind | what it "
         "does |\n| --- | --- | --- | --- | --- | --- | --- |\n";
  for (const Arrow& a : kArrows) {
    out << "| " << label_of(a.from) << " | " << label_of(a.to) << " | "
        << (a.code.empty() ? "—" : "`" + std::string(a.code) + "`") << " | "
        << (a.key.empty() ? "—" : "`" + std::string(a.key) + "`") << " | " << basis_of(a.key, keys)
        << " | " << kind_text(a.kind) << " | " << a.note << " |\n";
  }
  return out.str();
}

}  // namespace ecosim
