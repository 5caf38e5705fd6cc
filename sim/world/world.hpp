// The only mutable state of a run: agent tables (structure of arrays where hot), the trust
// network, projects and per-region counters. Phases read the Scenario and change the World.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <vector>

#include "engine/parallel.hpp"
#include "world/actor.hpp"
#include "world/project.hpp"
#include "world/trust.hpp"
#include "scenario/vocabulary.hpp"
#include "scenario/scenario.hpp"

namespace ecosim {

using Knowledge = std::array<float, kThemes>;
inline constexpr std::uint8_t kNoIdea = 0xFF;

// Firms, one row each. A closed firm's row is taken over by an entrant once nothing refers to
// it any more (demography.cpp), so a firm is identified by its index and birth_step.
struct FirmTable {
  std::vector<std::uint16_t> region;
  std::vector<std::uint32_t> municipality;  // global municipality index
  std::vector<std::uint8_t> sector;
  std::vector<std::uint8_t> alive;
  std::vector<std::int32_t> birth_step;  // -1: present at the start
  std::vector<std::int32_t> exit_step;   // -1: alive
  std::vector<std::int32_t> employees;
  std::vector<std::int32_t> skilled;  // of employees
  std::vector<float> capacity;         // employment the firm wants (continuous)
  std::vector<float> productivity;     // firm multiplier on its sector's output per worker
  std::vector<float> wage_nok;         // monthly wage cost per employee (wage_for at birth)
  std::vector<double> cash_nok;
  std::vector<Knowledge> knowledge;  // capability per theme (SKIN): absorbed, kept
  std::vector<Knowledge> expertise;  // per theme: grows while used in a project, fades unused
  std::vector<std::uint8_t> theme_mask;  // themes of the projects it works on this step
  std::vector<float> emission_factor;  // multiplier on its sector's intensity
  std::vector<double> innovation_revenue_nok;  // per month, from successful projects
  std::vector<float> satisfaction;
  std::vector<float> trust_in_municipality;
  std::vector<std::int32_t> promotion_org;  // -1: not a member
  std::vector<std::uint8_t> months_negative;
  std::vector<std::uint8_t> active_projects;
  std::vector<double> project_cash_nok_per_month;  // committed cash to running projects

  // Written by the economy phase each step, read by later phases and the indicators.
  std::vector<std::int32_t> skilled_wanted;    // skilled hires sought
  std::vector<std::int32_t> skilled_unfilled;  // of which not found: the competence gap
  std::vector<std::int32_t> unskilled_wanted;
  std::vector<std::int32_t> hired_skilled;
  std::vector<std::int32_t> hired_unskilled;
  std::vector<float> output_nok;
  std::vector<float> emissions_t;
  std::vector<std::uint8_t> met_this_step;
  std::vector<std::uint8_t> idea_theme;  // theme of this step's proposal, kNoIdea if none

  std::size_t size() const { return alive.size(); }
  // Grows (or shrinks) every column to n rows; new rows are zero until init_firm fills them.
  void resize(std::size_t n);
};

struct Municipality {
  std::uint16_t region = 0;
  double population = 0;
  double budget_left_nok = 0;  // of this year's business-development budget
  double spent_total_nok = 0;
};

struct University {
  std::uint16_t region = 0;
  std::uint32_t municipality = 0;  // host
  Knowledge research{};
  int active_projects = 0;
};

struct PrivateInvestor {
  std::uint16_t region = 0;
  double risk_tolerance = 0;  // rises with successful capital projects
  double capital_left_nok = 0;
  double invested_total_nok = 0;
};

struct PublicAgency {
  double budget_left_nok = 0;
  double spent_total_nok = 0;
};

struct PromotionOrg {
  std::uint16_t region = 0;
  double fee_income_nok = 0;           // yearly
  double grant_income_nok = 0;         // yearly
  double representativeness = 1.0;
};

struct RegionState {
  // Each region's institutions are contiguous in their tables, starting here.
  std::uint32_t first_municipality = 0;
  std::uint32_t first_university = 0;
  std::uint32_t first_investor = 0;
  std::uint32_t first_promotion_org = 0;
  double population = 0;
  double labour_force = 0;
  double skilled_labour_force = 0;
  SectorArray log_demand{};     // AR(1) deviation of each sector's demand
  SectorArray demand_change{};  // this step's change of log_demand
  SectorArray demand_level{};   // lasting log demand gains (tourism projects)
  SectorArray level_change{};   // gains since the last market update, added to firms' drift
  double pending_startups = 0;  // seeded by entrepreneurship projects, born next demography
  double demand_trend = 1.0;
  // Per-step flows, reset at the start of each step.
  std::int64_t entries = 0;
  std::int64_t exits = 0;
  std::int64_t proposals = 0;
  std::int64_t projects_started = 0;
  std::array<std::int64_t, kChecks> rejected_by{};  // proposals rejected this step, by rule
  double leaked_nok = 0;
  double public_money_nok = 0;
  double private_money_nok = 0;
  ThemeArray started_by_theme{};
};

struct World {
  int step = 0;  // the step being (or last) simulated
  FirmTable firms;
  std::vector<Municipality> municipalities;
  std::vector<University> universities;
  std::vector<PrivateInvestor> investors;
  std::vector<PromotionOrg> promotion_orgs;
  // Alive firms of each municipality and members of each promotion organisation, in index
  // order, rebuilt after demography every step (rosters.hpp).
  Buckets municipality_firms;
  Buckets org_members;
  PublicAgency agency;
  std::vector<RegionState> regions;
  TrustNetwork trust;
  // Every proposal, in the order made. A deque: it grows without moving what it holds, so a
  // long run never briefly holds two copies of its projects (peak memory is a target).
  std::deque<Project> projects;
  std::vector<std::uint32_t> active_projects;  // indices into projects, ascending
  // Firms tied to each university (firm, its trust), rebuilt each step for university leads.
  std::vector<std::vector<Tie>> university_ties;
};

// Monthly wage cost of one employee of a firm of this sector and productivity: the sector's
// wage, higher in more productive firms (so margins differ less than productivity does).
double wage_for(const Scenario& s, int sector, double productivity);

// Draws the state of firm row i (initial, or an entrant of this step) in region r.
void init_firm(World& world, const Scenario& s, std::uint32_t i, std::uint16_t r, bool entrant);

// Gives each of `firms` its first ties (at the start, or as entrants), `mean_ties` on average.
void form_first_ties(World& world, const Scenario& s, const std::vector<std::uint32_t>& firms, double mean_ties);

// Builds the initial world of a scenario (deterministic in the seed).
World build_world(const Scenario& scenario);

}  // namespace ecosim
