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
  std::int64_t municipal_partnerships = 0;
  PerCheck<std::int64_t> rejected_by{};
  double leaked_nok = 0;
  double public_money_nok = 0;
  double private_money_nok = 0;
  ThemeArray started_by_theme{};
};

// A region's institutions, labour supply and markets (what each member means: kMembers below).
// Its institutions are contiguous in the world's tables: ranges of ids, the k-th municipality
// being municipalities.nth(k) (checked; no bare local index).
struct RegionState {
  IdRange<MunicipalityId> municipalities;
  IdRange<UniversityId> universities;
  IdRange<InvestorId> investors;
  IdRange<PromotionOrgId> promotion_orgs;
  double working_age = 0;
  double labour_force = 0;
  double skilled_labour_force = 0;
  double residents_per_job = 1;
  double skilled_residents_per_job = 1;
  double unemployment_at_start = 0;
  double skilled_unemployment_at_start = 0;
  double participation_at_start = 0;
  double skilled_inflow_per_year = 0;
  double owner_works_share = 0;
  double skill_scale = 1;
  double wage_index = 1;
  double wage_change = 0;
  double jobs = 0;
  double skilled_jobs = 0;
  double working_age_growth = 1;
  SectorArray log_demand{};
  SectorArray demand_change{};
  SectorArray demand_level{};
  SectorArray level_change{};
  double pending_startups = 0;
  double demand_trend = 1.0;
  double productivity_trend = 1.0;
  double emission_trend = 1.0;
  RegionFlows flows;
};

// Each struct's members, each once with what it means (engine/members.hpp): checkpoints and
// the state's digest walk these lists, and a member added to a struct and not here fails to
// build.
template <>
inline constexpr auto kMembers<RegionFlows> = std::tuple{
    ECOSIM_MEMBER(RegionFlows, entries, "firm", "firms born this step"),
    ECOSIM_MEMBER(RegionFlows, exits, "firm", "firms closed this step"),
    ECOSIM_MEMBER(RegionFlows, proposals, "project", "proposals made this step, by lead region"),
    ECOSIM_MEMBER(RegionFlows, projects_started, "project", "proposals funded and started"),
    ECOSIM_MEMBER(RegionFlows, municipal_partnerships, "project",
                  "projects started with municipal money"),
    ECOSIM_MEMBER(RegionFlows, rejected_by, "project", "proposals rejected this step, by rule"),
    ECOSIM_MEMBER(RegionFlows, leaked_nok, "NOK",
                  "municipal money of projects started that does no work (no transparency)"),
    ECOSIM_MEMBER(RegionFlows, public_money_nok, "NOK",
                  "municipal and agency money committed to projects started"),
    ECOSIM_MEMBER(RegionFlows, private_money_nok, "NOK",
                  "parties' cash and investor money committed to projects started"),
    ECOSIM_MEMBER(RegionFlows, started_by_theme, "project", "projects started, by theme")};
static_assert(lists_every_member<RegionFlows>(), "RegionFlows: list each member here");

template <>
inline constexpr auto kMembers<RegionState> = std::tuple{
    ECOSIM_MEMBER(RegionState, municipalities, "1", "its municipalities' ids"),
    ECOSIM_MEMBER(RegionState, universities, "1", "its universities' ids"),
    ECOSIM_MEMBER(RegionState, investors, "1", "its private investors' ids"),
    ECOSIM_MEMBER(RegionState, promotion_orgs, "1", "its promotion organisations' ids"),
    ECOSIM_MEMBER(RegionState, working_age, "person", "residents aged 20-66"),
    ECOSIM_MEMBER(RegionState, labour_force, "person", "residents working or seeking work"),
    ECOSIM_MEMBER(RegionState, skilled_labour_force, "person", "of the labour force, the skilled"),
    ECOSIM_MEMBER(RegionState, residents_per_job, "person/job",
                  "residents holding a job per job of the region (net commuting), fixed at the "
                  "start"),
    ECOSIM_MEMBER(RegionState, skilled_residents_per_job, "person/job",
                  "the same for skilled residents and skilled jobs"),
    ECOSIM_MEMBER(RegionState, unemployment_at_start, "1",
                  "unemployment rate at the start: the reference; after the first month, the "
                  "region's own"),
    ECOSIM_MEMBER(RegionState, skilled_unemployment_at_start, "1",
                  "the skilled unemployment rate at the start"),
    ECOSIM_MEMBER(RegionState, participation_at_start, "1",
                  "labour force / working age at the start"),
    ECOSIM_MEMBER(RegionState, skilled_inflow_per_year, "person/year",
                  "skilled workers moving in to replace those retiring"),
    ECOSIM_MEMBER(RegionState, owner_works_share, "1",
                  "of firms without employees, the share with a working owner: entrants' too"),
    ECOSIM_MEMBER(RegionState, skill_scale, "1",
                  "on firms.skilled_share, so that skilled jobs match the region's human capital"),
    ECOSIM_MEMBER(RegionState, wage_index, "1", "wages relative to the start (the wage curve)"),
    ECOSIM_MEMBER(RegionState, wage_change, "1", "this month's change of ln(wage_index)"),
    ECOSIM_MEMBER(RegionState, jobs, "job", "employees and working owners after the last hiring"),
    ECOSIM_MEMBER(RegionState, skilled_jobs, "job", "of the jobs, skilled employees"),
    ECOSIM_MEMBER(RegionState, working_age_growth, "1", "this month's factor of working_age"),
    ECOSIM_MEMBER(RegionState, log_demand, "1", "AR(1) deviation of each sector's log demand"),
    ECOSIM_MEMBER(RegionState, demand_change, "1", "this step's change of log_demand"),
    ECOSIM_MEMBER(RegionState, demand_level, "1",
                  "lasting log demand gains of each sector (tourism projects)"),
    ECOSIM_MEMBER(RegionState, level_change, "1",
                  "demand_level gained since the last market update, added to firms' drift"),
    ECOSIM_MEMBER(RegionState, pending_startups, "firm",
                  "start-ups seeded by entrepreneurship projects, born at the next demography"),
    ECOSIM_MEMBER(RegionState, demand_trend, "1", "demand relative to the start"),
    ECOSIM_MEMBER(RegionState, productivity_trend, "1",
                  "value added per worker and wages relative to the start"),
    ECOSIM_MEMBER(RegionState, emission_trend, "1", "emission intensities relative to the start"),
    ECOSIM_MEMBER(RegionState, flows, "1", "what happened in the region this step")};
static_assert(lists_every_member<RegionState>(), "RegionState: list each member here");

}  // namespace ecosim
