// The state of a region: its institutions (ranges of the world's tables), labour supply,
// markets, and what happened in it this step.
#pragma once

#include <cstdint>
#include <tuple>

#include "engine/id.hpp"
#include "engine/members.hpp"
#include "scenario/vocabulary.hpp"
#include "world/ids.hpp"
#include "world/project.hpp"

namespace ecosim {

// What happened in a region during the step; reset at its start (begin_step).
struct RegionFlows {
  std::int64_t entries = 0;
  std::int64_t exits = 0;
  std::int64_t proposals = 0;
  std::int64_t projects_started = 0;
  std::int64_t municipal_partnerships = 0;  // projects started with municipal money
  PerCheck<std::int64_t> rejected_by{};     // proposals rejected this step, by rule
  double leaked_nok = 0;
  double public_money_nok = 0;
  double private_money_nok = 0;
  ThemeArray started_by_theme{};
};

struct RegionState {
  // Each region's institutions are contiguous in their tables: these ranges of ids. The
  // region's k-th municipality is municipalities.nth(k) (checked; no bare local index).
  IdRange<MunicipalityId> municipalities;
  IdRange<UniversityId> universities;
  IdRange<InvestorId> investors;
  IdRange<PromotionOrgId> promotion_orgs;
  // Labour: residents aged 20-66, those working or seeking work, the skilled among them, and
  // how many residents hold a job per job of the region (net commuting), fixed at the start.
  double working_age = 0;
  double labour_force = 0;
  double skilled_labour_force = 0;
  double residents_per_job = 1;
  double skilled_residents_per_job = 1;
  double unemployment_at_start = 0;  // the reference: after the first month, the region's own
  double skilled_unemployment_at_start = 0;
  double participation_at_start = 0;   // labour force / working age
  double skilled_inflow_per_year = 0;  // skilled workers moving in to replace those retiring
  double owner_works_share = 0;        // of firms without employees: entrants' working owners
  double skill_scale = 1;         // on firms.skilled_share, so skilled jobs match human capital
  double wage_index = 1;          // wages relative to the start (the wage curve)
  double wage_change = 0;         // this month's change of ln(wage_index)
  double jobs = 0;                // employees and working owners after the last hiring
  double skilled_jobs = 0;        // of them, skilled employees
  double working_age_growth = 1;  // this month's factor of working_age
  SectorArray log_demand{};       // AR(1) deviation of each sector's demand
  SectorArray demand_change{};    // this step's change of log_demand
  SectorArray demand_level{};     // lasting log demand gains (tourism projects)
  SectorArray level_change{};     // gains since the last market update, added to firms' drift
  double pending_startups = 0;    // seeded by entrepreneurship projects, born next demography
  double demand_trend = 1.0;
  double productivity_trend = 1.0;  // value added per worker and wages relative to the start
  double emission_trend = 1.0;      // emission intensities relative to the start
  RegionFlows flows;
};

// Each struct's members, each once (engine/members.hpp): checkpoints and the state's digest
// walk these lists, and a member added to a struct and not here fails to build.
template <>
inline constexpr auto kMembers<RegionFlows> =
    std::tuple{member("entries", &RegionFlows::entries),
               member("exits", &RegionFlows::exits),
               member("proposals", &RegionFlows::proposals),
               member("projects_started", &RegionFlows::projects_started),
               member("municipal_partnerships", &RegionFlows::municipal_partnerships),
               member("rejected_by", &RegionFlows::rejected_by),
               member("leaked_nok", &RegionFlows::leaked_nok),
               member("public_money_nok", &RegionFlows::public_money_nok),
               member("private_money_nok", &RegionFlows::private_money_nok),
               member("started_by_theme", &RegionFlows::started_by_theme)};
static_assert(lists_every_member<RegionFlows>(), "RegionFlows: list each member here");

template <>
inline constexpr auto kMembers<RegionState> =
    std::tuple{member("municipalities", &RegionState::municipalities),
               member("universities", &RegionState::universities),
               member("investors", &RegionState::investors),
               member("promotion_orgs", &RegionState::promotion_orgs),
               member("working_age", &RegionState::working_age),
               member("labour_force", &RegionState::labour_force),
               member("skilled_labour_force", &RegionState::skilled_labour_force),
               member("residents_per_job", &RegionState::residents_per_job),
               member("skilled_residents_per_job", &RegionState::skilled_residents_per_job),
               member("unemployment_at_start", &RegionState::unemployment_at_start),
               member("skilled_unemployment_at_start", &RegionState::skilled_unemployment_at_start),
               member("participation_at_start", &RegionState::participation_at_start),
               member("skilled_inflow_per_year", &RegionState::skilled_inflow_per_year),
               member("owner_works_share", &RegionState::owner_works_share),
               member("skill_scale", &RegionState::skill_scale),
               member("wage_index", &RegionState::wage_index),
               member("wage_change", &RegionState::wage_change),
               member("jobs", &RegionState::jobs),
               member("skilled_jobs", &RegionState::skilled_jobs),
               member("working_age_growth", &RegionState::working_age_growth),
               member("log_demand", &RegionState::log_demand),
               member("demand_change", &RegionState::demand_change),
               member("demand_level", &RegionState::demand_level),
               member("level_change", &RegionState::level_change),
               member("pending_startups", &RegionState::pending_startups),
               member("demand_trend", &RegionState::demand_trend),
               member("productivity_trend", &RegionState::productivity_trend),
               member("emission_trend", &RegionState::emission_trend),
               member("flows", &RegionState::flows)};
static_assert(lists_every_member<RegionState>(), "RegionState: list each member here");

}  // namespace ecosim
