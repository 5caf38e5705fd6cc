// The frozen description of a run: plain values, every default filled, every key checked.
// Built once by load_scenario(), never changed afterwards; World holds all mutable state.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/id.hpp"
#include "scenario/vocabulary.hpp"

namespace ecosim {

struct SimulationParams {
  int steps = 120;
  std::int64_t seed = 42;
  int record_every = 1;
  int flush_every = 12;
  int snapshot_every = 12;
};

// Firms of all regions at the start, at most: a tie or party refers to a firm by a 29-bit index
// (world/actor.hpp, 536,870,911 rows), and entrants may need several times the starting rows.
inline constexpr std::int64_t kMaxTotalFirms = 100'000'000;

// Regions at most: a region's index is 16 bits, its largest value meaning "no region".
inline constexpr std::size_t kMaxRegions = 65'535;

struct RegionParams {
  std::string name;
  double population = 104625;
  int firms = 9868;
  int jobs = 0;  // jobs at the start (employees and working owners); 0: as the size draw gives
  int municipalities = 1;
  int universities = 1;
  int private_investors = 2;
  int promotion_orgs = 1;
  double generalised_trust = 0.72;
  double service_quality = 0.6;
  double responsiveness = 0.55;
  double infrastructure = 0.6;
  double entrepreneurial_attitude = 0.5;
  double human_capital = 0.31;
  double dialogue_per_month = 40;
  double labour_force_share = 0.497;
  double working_age_share = 0.623;
  double unemployment_rate = 0.02;
  double self_employed_share = 0.08;
  double population_growth_per_year = 0.002;
  SectorArray sector_shares = {{0.1384, 0.0482, 0.2197, 0.0110, 0.0476, 0.2091, 0.1876, 0.1384}};
};

struct FirmParams {
  PerSizeClass<double> size_class_shares = {
      {0.677, 0.160, 0.064, 0.048, 0.034, 0.011, 0.005, 0.001}};
  double size_tail_exponent = 1.0;
  int max_initial_employees = 2000;
  double entrant_no_employee_share = 0.708;
  SectorArray public_share = {{0, 0, 0.751, 0, 0, 0, 0, 0.952}};
  double growth_sigma_per_month = 0.06;
  double growth_size_exponent = 0.2;
  double hiring_match_rate = 1.0;
  double hiring_fill_max = 0.9;
  double separation_rate_per_month = 0.025;
  double vacancy_expiry_per_month = 0.05;
  double cash_target_months = 3.0;
  double cash_months_log_sd = 0.8;
  double payout_per_month = 0.25;
  double initial_knowledge = 0.3;
  double knowledge_log_sd = 0.5;
  double knowledge_productivity_gain = 0.2;
  double productivity_log_sd = 0.3;
  double wage_productivity_elasticity = 0.7;
  double infrastructure_productivity_gain = 0.2;
  double loss_shrink_per_month = 0.01;
  double fixed_cost_share = 0.15;
  double first_hire_capacity = 3.5;
  double bad_debt_per_year = 0.5;
  double bad_debt_months = 2.5;
  double exit_hazard_per_year = 0.09;
  double exit_young_excess = 7.5;
  double exit_young_years = 0.8;
  double exit_size_exponent = 0.8;
  int insolvency_months = 6;
  double entry_rate_per_year = 0.136;
  // Wage cost per employee: SSB monthly earnings 2016 x 1.0874 (wage growth to 2019) x 1.20
  // (employer's contributions, holiday pay, pension).
  SectorArray wage_nok_per_month = {{55610, 73465, 51673, 72551, 38755, 52225, 62497, 57661}};
  SectorArray labour_share = {{0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 0.75}};
  SectorArray skilled_share = {{0.246, 0.528, 0.387, 0.352, 0.141, 0.176, 0.317, 0.423}};
  SectorArray emissions_t_per_mnok = {{30.9, 1.28, 0.73, 118.9, 2.74, 44.6, 1.50, 1.09}};
  double emission_factor_log_sd = 0.3;
  double emission_trend_per_year = -0.01;
};

struct MarketParams {
  double demand_persistence = 0.95;
  double demand_volatility = 0.006;
  double demand_growth_per_year = 0.010;
  double productivity_growth_per_year = 0.008;
  double skilled_attrition_per_year = 1.0 / 47.0;
  double wage_curve_elasticity = -0.1;
  double wage_curve_unemployment_floor = 0.1;  // of the starting unemployment
  double wage_adjust_per_month = 1.0 / 12.0;
  double labour_demand_wage_elasticity = -0.5;
  double migration_response = 2.0;
  double participation_response = 1.25;
  double skilled_unemployment_ratio = 0.75;
};

struct DialogueParams {
  double satisfaction_rate = 0.1;
  double weight_service = 0.4;
  double weight_responsiveness = 0.3;
  double weight_dialogue = 0.3;
  double membership_share = 0.3;
  double brokered_meetings_per_month = 20;
  double member_fee_nok_per_year = 6000;
  double public_grant_nok_per_year = 2.2e6;
  double representation_public_share_threshold = 0.5;
  double climate_growth_per_year = 0.01;
  double neutral_satisfaction = 0.5;
  double forum_meetings_per_month = 0;
};

struct UniversityParams {
  double graduates_per_year = 267;
  double research_strength = 0.6;
  int max_concurrent_projects = 20;
  double spinoffs_per_year = 3;
  double ideas_per_year = 6;
};

struct InvestorParams {
  double capital_nok_per_year = 3e7;
  double appetite_decay_per_year = 0.2;
  double required_return = 0.08;
  double risk_tolerance = 0.5;
  double max_share = 0.4;
};

struct MunicipalityPolicy {
  double min_external_share = 0.5;
  bool in_kind_counts = true;
  double budget_per_capita = 47.8;
  double max_project_share = 0.5;
  bool due_diligence = true;
  double due_diligence_min_runway_months = 3;
  double review_staff_days_per_party = 2;
  bool transparency = true;
  double transparency_overhead = 0.03;
  double leakage_without_transparency = 0.1;
  double viability_weight = 0.5;
  bool evaluation = true;
  double evaluation_staff_days = 3;
  bool single_contract_owner = true;
  int contract_owner_projects_per_year = 25;
  double staff_day_cost_nok = 2946;
};

struct PublicAgencyPolicy {
  double max_aid_share = 0.5;
  double budget_per_year = 1.465e8;
  ThemeArray theme_priorities = {{1.0, 1.0, 1.0, 1.0, 1.0, 1.0}};
  double acceptance_share = 0.6;
};

struct TrustParams {
  std::array<double, 3> ladder = {0.2, 0.4, 0.6};
  Rung min_rung_to_partner = Rung::cooperation;
  double gain_dialogue = 0.02;
  double gain_success = 0.10;
  double loss_failure = 0.15;
  double decay_per_month = 0.01;
  double cross_region_factor = 0.5;
  double cross_region_factor_partners = 1.0;
  double gain_forum = 0.05;
  bool allow_cross_region = true;
  int max_ties_per_firm = 1024;
  int tie_memory_months = 24;
  double meeting_size_exponent = 0.5;
  double initial_ties_per_firm = 1.0;
  double entrant_ties = 2.0;
  double cross_region_tie_share = 0.05;
  double encounter_trust_factor = 0.5;
  double loss_broken_commitment = 0.3;
};

struct ProjectParams {
  double ideas_per_firm_per_year = 0.024;
  double budget_median_nok = 2.0e6;
  double budget_log_sd = 0.8;
  int duration_min_months = 12;
  int duration_max_months = 36;
  int min_parties = 2;
  int max_partners = 4;
  int new_encounters_per_proposal = 2;
  double complementarity_weight = 1.0;
  int max_projects_per_firm = 2;
  double employees_per_extra_project = 25;
  double idea_size_exponent = 0.3;
  double cash_share_per_party = 0.10;
  double max_cash_pledge_share = 0.5;
  double in_kind_share_per_party = 0.08;
  double min_funded_share = 0.9;
  double base_success = 0.55;
  double success_capability_weight = 2.0;
  double success_trust_weight = 1.0;
  double success_funding_weight = 2.0;
  double coordination_cost_per_party = 0.15;
  double single_owner_coordination_factor = 0.5;
  double success_own_share_weight = 1.0;
  double success_own_share_reference = 0.5;
  double success_capability_reference = 0.5;  // of firms.initial_knowledge
  double success_trust_reference = 0.5;
  double success_complementarity_reference = 0.2;
  double theme_knowledge_floor = 0.05;
  double idea_knowledge_ratio_min = 0.25, idea_knowledge_ratio_max = 4.0;
  double ideas_without_cash_factor = 0.25;
  double review_noise = 0.15;
  double review_at_share = 0.5;
  double success_complementarity_weight = 1.0;
  double coordination_cost_per_project = 0.05;
  double expertise_gain_per_month = 0.05;
  double expertise_decay_per_month = 0.02;
  double continuation_cash_share = 1.0;
  int continuation_months = 12;
  double startups_per_mnok = 0.5;
  double tourism_demand_gain_per_mnok = 0.001;
  double tourism_demand_decay_per_year = 0.2;
  double trainees_per_mnok = 5.0;
  double capital_mobilised_per_nok = 0.5;
  double investor_appetite_gain = 0.02;
  double knowledge_gain = 0.08;
  double knowledge_depreciation_per_year = 0.15;
  double innovation_revenue_share = 0.5;
  double innovation_revenue_decay_per_year = 0.2;
  double innovation_hiring_share = 0.5;
  double review_threshold = 0.35;
  double emission_cut = 0.05;
};

struct Scenario {
  std::string source_name;  // file name or "<embedded default>"
  std::string text;         // TOML text after overrides: enough to repeat the run
  SimulationParams simulation;
  IdVector<RegionId, RegionParams> regions;
  FirmParams firms;
  MarketParams market;
  DialogueParams dialogue;
  UniversityParams universities;
  InvestorParams investors;
  MunicipalityPolicy municipality;
  PublicAgencyPolicy public_agency;
  TrustParams trust;
  ProjectParams projects;

  // Firms at the start, over all regions.
  std::int64_t total_firms() const {
    std::int64_t n = 0;
    for (const RegionParams& r : regions) n += r.firms;
    return n;
  }
};

}  // namespace ecosim
