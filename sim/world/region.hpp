// The state of a region: its institutions (ranges of the world's tables), labour supply,
// markets, and what happened in it this step.
#pragma once

#include <cstdint>

#include "engine/id.hpp"
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
  // Each region's institutions are contiguous in their tables: these ranges of ids. A local
  // index k (the region's k-th municipality) is municipalities[k].
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

}  // namespace ecosim
