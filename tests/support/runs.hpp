// Runs of the small world for tests that judge a rule by what it does over a run or several
// seeds, and the totals they compare.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "run/simulation.hpp"

namespace ecosim::testing {

using Overrides = std::vector<std::string>;

// The small world with municipal budgets large enough that the rules, not the money, decide,
// run for `steps` months.
Simulation run_where_rules_decide(Overrides overrides, int seed = 7, int steps = 36);

// Sums over the projects that started.
struct ProjectTotals {
  double started = 0, municipal = 0, public_money = 0, private_money = 0, leaked = 0;
  double succeeded = 0, ended = 0, cross_region = 0, success_probability = 0, agency = 0;
};
ProjectTotals totals(const World& w);

// Mean of a statistic of run_where_rules_decide over seeds 1..5.
double over_seeds(const Overrides& overrides, const std::function<double(const Simulation&)>& stat);

// Mean success probability of the projects started.
double mean_success(const Simulation& sim);

}  // namespace ecosim::testing
