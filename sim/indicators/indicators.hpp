// The indicators regions track (DOMAIN.md, source 001): each a named, documented quantity per
// region and step, computed from the World in one deterministic pass. The recorder is their
// only consumer; docs/FORMAT.md lists them.
#pragma once

#include <array>
#include <cstddef>
#include <deque>
#include <string_view>
#include <vector>

#include "world/world.hpp"

namespace ecosim {

enum class Indicator : std::size_t {
  jobs,
  firms,
  entries,
  exits,
  labour_force,
  employment_rate,
  employment_rate_relative,
  job_growth,
  job_growth_relative,
  entry_rate,
  entry_rate_relative,
  diversity_shannon,
  diversity_hhi,
  competence_gap,
  satisfaction,
  output,
  innovation_revenue,
  emissions,
  proposals,
  projects_started,
  projects_active,
  public_money,
  private_money,
  leaked_money,
  leverage,
  rejected,
  mean_trust,
  ties_per_firm,
  network_density,
  count
};
inline constexpr std::size_t kIndicators = static_cast<std::size_t>(Indicator::count);

struct IndicatorInfo {
  std::string_view name;
  std::string_view unit;
  std::string_view description;
};
extern const std::array<IndicatorInfo, kIndicators> kIndicatorInfo;

// One row of indicators: every region at one step.
struct Observation {
  int step = 0;
  std::size_t regions = 0;
  std::vector<double> values;            // [region][indicator]
  std::vector<double> jobs_by_sector;    // [region][sector]
  std::vector<double> started_by_theme;  // [region][theme]
  std::vector<double> rejected_by_rule;  // [region][check]
  std::vector<double> ties_by_rung;      // [region][rung]

  double& at(std::size_t region, Indicator k) {
    return values[region * kIndicators + static_cast<std::size_t>(k)];
  }
  double at(std::size_t region, Indicator k) const {
    return values[region * kIndicators + static_cast<std::size_t>(k)];
  }
};

// Computes observations step after step; remembers the last year for growth indicators,
// so it must see every step, recorded or not.
class Observer {
 public:
  explicit Observer(const std::array<double, 3>& ladder) : ladder_(ladder) {}
  Observation observe(const World& world);

 private:
  std::array<double, 3> ladder_;
  std::deque<std::vector<double>> past_jobs_;     // last 12 steps, oldest first
  std::deque<std::vector<double>> past_entries_;  // last 12 steps
  std::deque<std::vector<double>> past_public_;   // last 12 steps
  std::deque<std::vector<double>> past_private_;  // last 12 steps
};

}  // namespace ecosim
