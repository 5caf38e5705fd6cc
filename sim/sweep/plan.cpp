#include "sweep/plan.hpp"

#include <algorithm>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>

#include "engine/fnv.hpp"
#include "scenario/load.hpp"

namespace ecosim {
namespace {

using Unit = std::vector<std::vector<double>>;

struct Draws {
  explicit Draws(std::int64_t seed, std::uint64_t design)
      : engine(static_cast<std::uint64_t>(seed) * 0x9E3779B97F4A7C15ull + design) {}
  double uniform() { return boost::random::uniform_real_distribution<double>(0.0, 1.0)(engine); }
  std::vector<int> permutation(int n) {
    std::vector<int> out(static_cast<std::size_t>(n));
    std::iota(out.begin(), out.end(), 0);
    for (int i = n - 1; i > 0; --i)
      std::swap(out[std::size_t(i)],
                out[std::size_t(boost::random::uniform_int_distribution<int>(0, i)(engine))]);
    return out;
  }
  boost::random::mt19937_64 engine;
};

Unit random_points(int n, std::size_t k, Draws& draws) {
  Unit out(static_cast<std::size_t>(n), std::vector<double>(k));
  for (auto& point : out)
    for (double& x : point) x = draws.uniform();
  return out;
}

// Latin hypercube: in each parameter, one point in each of n equal strata.
Unit lhs_points(int n, std::size_t k, Draws& draws) {
  Unit out(static_cast<std::size_t>(n), std::vector<double>(k));
  for (std::size_t j = 0; j < k; ++j) {
    const std::vector<int> strata = draws.permutation(n);
    for (int i = 0; i < n; ++i)
      out[std::size_t(i)][j] = (strata[std::size_t(i)] + draws.uniform()) / n;
  }
  return out;
}

// Morris (1991) trajectories on a p-level grid: k + 1 points, each moving one parameter by
// delta = p / (2 (p - 1)), in a random order, up or down whichever stays in [0, 1].
Unit morris_points(int trajectories, std::size_t k, int levels, Draws& draws) {
  const double delta = levels / (2.0 * (levels - 1));
  Unit out;
  for (int r = 0; r < trajectories; ++r) {
    std::vector<double> x(k);
    std::vector<bool> up(k);
    for (std::size_t j = 0; j < k; ++j) {
      x[j] = std::floor(draws.uniform() * levels) / (levels - 1);
      up[j] = draws.uniform() < 0.5;
    }
    out.push_back(x);
    for (const int i : draws.permutation(int(k))) {
      const std::size_t j = std::size_t(i);
      const bool can_up = x[j] + delta <= 1 + 1e-12, can_down = x[j] - delta >= -1e-12;
      x[j] = std::clamp(x[j] + ((can_up && (up[j] || !can_down)) ? delta : -delta), 0.0, 1.0);
      out.push_back(x);
    }
  }
  return out;
}

// Saltelli et al. (2010): per base sample j, A_j, then A_j with parameter i from B_j for each
// i, then B_j; A and B independent uniform samples.
Unit saltelli_points(int n, std::size_t k, Draws& draws) {
  Unit out;
  for (int j = 0; j < n; ++j) {
    std::vector<double> a(k), b(k);
    for (double& x : a) x = draws.uniform();
    for (double& x : b) x = draws.uniform();
    out.push_back(a);
    for (std::size_t i = 0; i < k; ++i) {
      std::vector<double> ab = a;
      ab[i] = b[i];
      out.push_back(ab);
    }
    out.push_back(b);
  }
  return out;
}

std::string hex(std::uint64_t bits) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(bits));
  return text;
}

// The value at u in [0, 1] of the parameter's range: the bounds themselves at 0 and 1 (a log
// scale's exp(log(3.0)) is 3.0000000000000004, which the key's range refused), and never
// outside them by a rounding.
double from_unit(const SweepParameter& p, double u) {
  if (u <= 0) return p.lower;
  if (u >= 1) return p.upper;
  const double x = p.log ? std::exp(std::log(p.lower) + u * (std::log(p.upper) - std::log(p.lower)))
                         : p.lower + u * (p.upper - p.lower);
  return std::clamp(x, std::min(p.lower, p.upper), std::max(p.lower, p.upper));
}

// A parameter's values on a grid: the given ones, or `levels` spread over its range.
std::vector<SweepValue> grid_values(const SweepParameter& p, int levels) {
  if (!p.values.empty()) return p.values;
  const int n = p.levels > 0 ? p.levels : levels;
  std::vector<SweepValue> out;
  for (int i = 0; i < n; ++i) out.push_back(SweepValue::of(from_unit(p, double(i) / (n - 1))));
  return out;
}

}  // namespace

Unit unit_design(const SweepSpec& s) {
  const std::size_t k = s.parameters.size();
  Draws draws(s.seed, static_cast<std::uint64_t>(s.design));
  switch (s.design) {
    case SweepDesign::random:
      return random_points(s.samples, k, draws);
    case SweepDesign::lhs:
      return lhs_points(s.samples, k, draws);
    case SweepDesign::morris:
      return morris_points(s.trajectories, k, s.levels, draws);
    case SweepDesign::saltelli:
      return saltelli_points(s.samples, k, draws);
    case SweepDesign::grid:
    case SweepDesign::list:
      break;
  }
  return {};
}

SweepPlan make_plan(SweepSpec spec) {
  SweepPlan plan;
  const std::size_t k = spec.parameters.size();
  struct Point {
    std::vector<SweepValue> values;
    int block, position;
  };
  std::vector<Point> points;
  if (spec.design == SweepDesign::grid) {
    std::vector<std::vector<SweepValue>> axes;
    std::size_t total = 1;
    for (const SweepParameter& p : spec.parameters) {
      axes.push_back(grid_values(p, spec.levels));
      total *= axes.back().size();
    }
    for (std::size_t i = 0; i < total; ++i) {
      Point point{std::vector<SweepValue>(k), int(i), 0};
      std::size_t rest = i;  // the last parameter varies fastest
      for (std::size_t j = k; j-- > 0;) {
        point.values[j] = axes[j][rest % axes[j].size()];
        rest /= axes[j].size();
      }
      points.push_back(std::move(point));
    }
  } else if (spec.design == SweepDesign::list) {
    for (std::size_t i = 0; i < spec.parameters.front().values.size(); ++i) {
      Point point{{}, int(i), 0};
      for (const SweepParameter& p : spec.parameters) point.values.push_back(p.values[i]);
      points.push_back(std::move(point));
    }
  } else {
    const auto unit = unit_design(spec);
    const std::size_t per_block = spec.design == SweepDesign::morris     ? k + 1
                                  : spec.design == SweepDesign::saltelli ? k + 2
                                                                         : 1;
    for (std::size_t i = 0; i < unit.size(); ++i) {
      Point point{{}, int(i / per_block), int(i % per_block)};
      for (std::size_t j = 0; j < k; ++j)
        point.values.push_back(SweepValue::of(from_unit(spec.parameters[j], unit[i][j])));
      points.push_back(std::move(point));
    }
  }
  plan.points = int(points.size());
  for (int point = 0; point < plan.points; ++point)
    for (int r = 0; r < spec.replicates; ++r) {
      PlannedRun run;
      run.run = int(plan.runs.size());
      run.point = point, run.replicate = r;
      run.block = points[std::size_t(point)].block;
      run.position = points[std::size_t(point)].position;
      run.values = points[std::size_t(point)].values;
      run.seed = spec.seed + (spec.common_random_numbers ? r : run.run);
      plan.runs.push_back(std::move(run));
    }
  for (PlannedRun& run : plan.runs) run.file = run_file_name(run.run, plan.runs.size());
  plan.spec = std::move(spec);
  try {
    const Scenario base = plan.spec.scenario.empty() ? load_default_scenario()
                                                     : load_scenario_file(plan.spec.scenario);
    Fnv digest;
    digest.add(base.text);
    digest.add(std::string(ECOSIM_VERSION));
    plan.base_digest = hex(digest.h);
  } catch (const std::exception&) {
    // check_plan reports why the scenario cannot be loaded.
  }
  return plan;
}

std::string run_file_name(int run, std::size_t runs) {
  char name[48];
  if (runs > std::size_t{kRunsPerFolder})
    std::snprintf(name, sizeof name, "runs/%03d/run_%06d.h5", run / kRunsPerFolder, run);
  else
    std::snprintf(name, sizeof name, "runs/run_%06d.h5", run);
  return name;
}

std::string run_digest(const SweepPlan& plan, const PlannedRun& run) {
  Fnv digest;
  digest.add(plan.base_digest);
  for (const std::string& o : overrides_of(plan, run)) digest.add(o);
  return hex(digest.h);
}

std::vector<std::string> overrides_of(const SweepPlan& plan, const PlannedRun& run) {
  std::vector<std::string> out = plan.spec.fixed;
  for (std::size_t j = 0; j < plan.spec.parameters.size(); ++j) {
    const SweepParameter& p = plan.spec.parameters[j];
    out.push_back(p.key + "=" + run.values[j].override_text(p.integer));
  }
  out.push_back("simulation.seed=" + std::to_string(run.seed));
  return out;
}

std::vector<char> points_of(const SweepPlan& plan, const std::vector<int>* runs) {
  std::vector<char> wanted(std::size_t(plan.points), runs ? 0 : 1);
  if (runs)
    for (const int r : *runs) wanted[std::size_t(plan.runs.at(std::size_t(r)).point)] = 1;
  return wanted;
}

void check_plan(const SweepPlan& plan, const std::vector<int>* runs) {
  const SweepSpec& s = plan.spec;
  const std::string file = s.file.string();
  std::vector<Diagnostic> found;
  std::map<std::string, bool> seen;  // one diagnostic per parameter and message
  const std::vector<char> wanted = points_of(plan, runs);
  for (const PlannedRun& run : plan.runs) {
    if (run.replicate != 0 || !wanted[std::size_t(run.point)]) continue;
    const std::vector<std::string> overrides = overrides_of(plan, run);
    try {
      if (s.scenario.empty()) {
        load_default_scenario(overrides);
      } else {
        load_scenario_file(s.scenario, overrides);
      }
    } catch (const ScenarioError& e) {
      for (Diagnostic d : e.diagnostics()) {
        // An override's error is the sweep file's: point at the line that made the override.
        for (std::size_t i = 0; i < overrides.size(); ++i) {
          if (d.file != "--set " + overrides[i]) continue;
          const std::size_t fixed = s.fixed.size();
          if (i < fixed) {
            d = {file, s.fixed_at[i].first, s.fixed_at[i].second, "sweep.set." + d.key, d.message};
          } else if (i < fixed + s.parameters.size()) {
            const SweepParameter& p = s.parameters[i - fixed];
            d = {file, p.line, p.column, p.key,
                 "value " + overrides[i].substr(overrides[i].find('=') + 1) + " (point " +
                     std::to_string(run.point) + "): " + d.message};
          }
        }
        const std::string id = d.file + ":" + std::to_string(d.line) + ":" + d.key;
        if (!seen.emplace(id, true).second) continue;
        found.push_back(std::move(d));
      }
      if (found.size() >= 20) break;
    }
  }
  if (!found.empty()) throw ScenarioError(std::move(found));
}

}  // namespace ecosim
