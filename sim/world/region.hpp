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
  PerCheck<std::int64_t> rejected_by{};  // proposals rejected this step, by rule
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
  double population = 0;
  double labour_force = 0;
  double skilled_labour_force = 0;
  SectorArray log_demand{};     // AR(1) deviation of each sector's demand
  SectorArray demand_change{};  // this step's change of log_demand
  SectorArray demand_level{};   // lasting log demand gains (tourism projects)
  SectorArray level_change{};   // gains since the last market update, added to firms' drift
  double pending_startups = 0;  // seeded by entrepreneurship projects, born next demography
  double demand_trend = 1.0;
  RegionFlows flows;
};

}  // namespace ecosim
