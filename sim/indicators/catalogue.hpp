// The indicators regions track (DOMAIN.md, source 001), each declared once: its name, unit,
// description and how it is computed from the inputs of one step. The recorder writes them in
// this order; docs/FORMAT.md documents them (a test checks it names every one).
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <deque>
#include <span>
#include <string_view>
#include <vector>

#include "world/world.hpp"

namespace ecosim {

// Per-region sums over alive firms, made in one deterministic pass.
// NAV's Bedriftsundersøkelsen (CALIBRATION §12b): establishments of at least 3 employees, asked
// about recruitment problems in the last three months.
inline constexpr int kRecruitmentSurveyMinEmployees = 3;
inline constexpr int kRecruitmentLookbackMonths = 3;

struct FirmTotals {
  double jobs = 0, public_jobs = 0, firms = 0, private_firms = 0;
  double skilled_wanted = 0, skilled_unfilled = 0, satisfaction = 0;
  double staffed = 0, recruitment_problems = 0;  // establishments of 3+ employees; NAV's measure
  double output = 0, innovation = 0, emissions = 0;
  double trust = 0, ties = 0, ties_within = 0;  // over ties to alive firms
  PerSector<double> jobs_by_sector{};
  PerRung<double> ties_by_rung{};
  void add(const FirmTotals& o);
};

// The last 12 steps of each region's values (oldest first), for yearly indicators.
using PastYear = std::deque<std::vector<double>>;

// What every indicator is computed from at the end of a step.
struct IndicatorInputs {
  const World& world;
  const IdVector<RegionId, FirmTotals>& firms;
  const IdVector<RegionId, double>& active_projects;  // by lead region
  const PastYear& jobs_before;                        // jobs of the last 12 steps before this one
  const PastYear& entries;                            // the last 12 steps, this one included
  const PastYear& public_money;
  const PastYear& private_money;

  const RegionState& region(RegionId r) const { return world.regions[r]; }
  const RegionFlows& flows(RegionId r) const { return world.regions[r].flows; }
  std::size_t regions() const { return world.regions.size(); }
};

using ComputeIndicator = double (*)(const IndicatorInputs&, RegionId);

// An indicator is computed per region (`compute`), or, when `relative_to` names another
// indicator, as that one's value minus its plain mean over the other regions (0 with one region):
// from the whole column at once, so that its cost is linear in the regions (a loop over the
// others for each region took 15.6 s of CPU for 3 steps of 20,000 regions).
struct Indicator {
  std::string_view name;
  std::string_view unit;
  std::string_view description;
  ComputeIndicator compute = nullptr;
  std::string_view relative_to = {};
};

namespace indicator_rules {

inline double sum_over(const PastYear& past, RegionId r) {
  double sum = 0;
  for (const auto& row : past) sum += row[r.index()];
  return sum;
}

// SSB's definition: residents aged 20-66 with a job / residents aged 20-66; the region's jobs
// are held by residents_per_job residents each.
inline double employment_rate(const IndicatorInputs& in, RegionId r) {
  const RegionState& region = in.region(r);
  return region.working_age > 0 ? region.residents_per_job * in.firms[r].jobs / region.working_age
                                : 0.0;
}

// Growth over the last 12 steps (or since the first observation during the first year).
inline double job_growth(const IndicatorInputs& in, RegionId r) {
  const double now = in.firms[r].jobs;
  const double then = in.jobs_before.empty() ? now : in.jobs_before.front()[r.index()];
  return then > 0 ? now / then - 1.0 : 0.0;
}

inline double entry_rate(const IndicatorInputs& in, RegionId r) {
  const double firms = in.firms[r].private_firms;
  const double annual = 12.0 / static_cast<double>(in.entries.size());
  return firms > 0 ? sum_over(in.entries, r) * annual / firms : 0.0;
}

// Shannon entropy (nat) or Herfindahl index of employment by sector.
template <bool Shannon>
double diversity(const IndicatorInputs& in, RegionId r) {
  const FirmTotals& t = in.firms[r];
  double value = 0;
  for (const double sector_jobs : t.jobs_by_sector) {
    if (t.jobs <= 0 || sector_jobs <= 0) continue;
    const double p = sector_jobs / t.jobs;
    if constexpr (Shannon)
      value -= p * std::log(p);
    else
      value += p * p;
  }
  return value;
}

inline double rejected(const IndicatorInputs& in, RegionId r) {
  double sum = 0;
  for (const std::int64_t n : in.flows(r).rejected_by) sum += static_cast<double>(n);
  return sum;
}

}  // namespace indicator_rules

inline constexpr std::array kIndicators = {
    Indicator{"jobs", "person",
              "employees and working owners of alive establishments, public ones included",
              [](const IndicatorInputs& in, RegionId r) { return in.firms[r].jobs; }},
    Indicator{"public_jobs", "person", "employees of public establishments",
              [](const IndicatorInputs& in, RegionId r) { return in.firms[r].public_jobs; }},
    Indicator{"firms", "firm", "alive establishments, public ones included",
              [](const IndicatorInputs& in, RegionId r) { return in.firms[r].firms; }},
    Indicator{"entries", "firm/month", "new firms this step",
              [](const IndicatorInputs& in, RegionId r) {
                return static_cast<double>(in.flows(r).entries);
              }},
    Indicator{"exits", "firm/month", "firms that closed this step",
              [](const IndicatorInputs& in, RegionId r) {
                return static_cast<double>(in.flows(r).exits);
              }},
    Indicator{"labour_force", "person", "residents working or seeking work",
              [](const IndicatorInputs& in, RegionId r) { return in.region(r).labour_force; }},
    Indicator{"employment_rate", "1",
              "residents aged 20-66 with a job / residents aged 20-66 (SSB)",
              indicator_rules::employment_rate},
    Indicator{"employment_rate_relative", "1",
              "employment rate minus the mean of the other regions", nullptr, "employment_rate"},
    Indicator{"job_growth", "1",
              "jobs now / jobs 12 steps ago - 1 (in the first year: since month 1)",
              indicator_rules::job_growth},
    Indicator{"job_growth_relative", "1", "job growth minus the mean of the other regions", nullptr,
              "job_growth"},
    Indicator{"unemployment_rate", "1", "labour force without a job / labour force",
              [](const IndicatorInputs& in, RegionId r) {
                return unemployment_rate(in.region(r), in.firms[r].jobs);
              }},
    Indicator{"entry_rate", "1/year",
              "entries over the last 12 steps (first year: annualised) / alive private firms",
              indicator_rules::entry_rate},
    Indicator{"entry_rate_relative", "1/year", "entry rate minus the mean of the other regions",
              nullptr, "entry_rate"},
    Indicator{"diversity_shannon", "nat", "Shannon entropy of employment by sector",
              indicator_rules::diversity<true>},
    Indicator{"diversity_hhi", "1", "Herfindahl-Hirschman index of employment by sector",
              indicator_rules::diversity<false>},
    Indicator{"competence_gap", "1", "skilled hires not found / skilled hires sought this step",
              [](const IndicatorInputs& in, RegionId r) {
                const FirmTotals& t = in.firms[r];
                return t.skilled_wanted > 0 ? t.skilled_unfilled / t.skilled_wanted : 0.0;
              }},
    Indicator{"recruitment_problems", "1",
              "share of establishments with 3 or more employees that sought a hire and did not "
              "find it in the last three months (NAV's Bedriftsundersøkelsen measure)",
              [](const IndicatorInputs& in, RegionId r) {
                const FirmTotals& t = in.firms[r];
                return t.staffed > 0 ? t.recruitment_problems / t.staffed : 0.0;
              }},
    Indicator{"satisfaction", "1", "mean satisfaction of private firms with their municipality",
              [](const IndicatorInputs& in, RegionId r) {
                const FirmTotals& t = in.firms[r];
                return t.private_firms > 0 ? t.satisfaction / t.private_firms : 0.0;
              }},
    Indicator{"output", "NOK/month",
              "value added of establishments, product-innovation revenue included",
              [](const IndicatorInputs& in, RegionId r) { return in.firms[r].output; }},
    Indicator{"innovation_revenue", "NOK/month",
              "revenue from product innovations of the run's projects: 0 at the start, it rises "
              "toward the level where new revenue equals what fades",
              [](const IndicatorInputs& in, RegionId r) { return in.firms[r].innovation; }},
    Indicator{"emissions", "t CO2e/month", "greenhouse-gas emissions of firms",
              [](const IndicatorInputs& in, RegionId r) { return in.firms[r].emissions; }},
    Indicator{"proposals", "project/month", "project proposals led from the region",
              [](const IndicatorInputs& in, RegionId r) {
                return static_cast<double>(in.flows(r).proposals);
              }},
    Indicator{"projects_started", "project/month", "proposals funded and started",
              [](const IndicatorInputs& in, RegionId r) {
                return static_cast<double>(in.flows(r).projects_started);
              }},
    Indicator{"municipal_partnerships", "project/month",
              "projects started with the municipality's money (under its partnership rules)",
              [](const IndicatorInputs& in, RegionId r) {
                return static_cast<double>(in.flows(r).municipal_partnerships);
              }},
    Indicator{"projects_active", "project", "projects running at the end of the step",
              [](const IndicatorInputs& in, RegionId r) { return in.active_projects[r]; }},
    Indicator{"public_money", "NOK/month",
              "municipal and agency money committed to projects started",
              [](const IndicatorInputs& in, RegionId r) { return in.flows(r).public_money_nok; }},
    Indicator{"private_money", "NOK/month", "firm and investor cash committed to projects started",
              [](const IndicatorInputs& in, RegionId r) { return in.flows(r).private_money_nok; }},
    Indicator{"leaked_money", "NOK/month",
              "public money of projects started that leaks away (no transparency)",
              [](const IndicatorInputs& in, RegionId r) { return in.flows(r).leaked_nok; }},
    Indicator{"leverage", "1",
              "private / public money of projects started over the last 12 steps (0: no public)",
              [](const IndicatorInputs& in, RegionId r) {
                const double public_year = indicator_rules::sum_over(in.public_money, r);
                return public_year > 0
                           ? indicator_rules::sum_over(in.private_money, r) / public_year
                           : 0.0;
              }},
    Indicator{"rejected", "project/month", "proposals rejected (by rule: rejected_by_rule)",
              indicator_rules::rejected},
    Indicator{"mean_trust", "1", "mean trust of firms' ties to other firms",
              [](const IndicatorInputs& in, RegionId r) {
                const FirmTotals& t = in.firms[r];
                return t.ties > 0 ? t.trust / t.ties : 0.0;
              }},
    Indicator{"ties_per_firm", "tie", "mean number of ties a private firm holds to other firms",
              [](const IndicatorInputs& in, RegionId r) {
                const FirmTotals& t = in.firms[r];
                return t.private_firms > 0 ? t.ties / t.private_firms : 0.0;
              }},
    Indicator{"network_density", "1",
              "ties among the region's private firms / (private firms * (private firms - 1))",
              [](const IndicatorInputs& in, RegionId r) {
                const FirmTotals& t = in.firms[r];
                const double n = t.private_firms;
                return n > 1 ? t.ties_within / (n * (n - 1)) : 0.0;
              }},
};

// An indicator over (time, region, axis): one value per name of its axis.
using ComputeBreakdown = void (*)(const IndicatorInputs&, RegionId, std::span<double> out);

struct Breakdown {
  std::string_view name;
  std::string_view unit;
  std::string_view description;
  std::string_view axis;
  std::span<const std::string_view> axis_names;
  ComputeBreakdown compute;
};

// The names of the rule axis: the checks a rejection is blamed on (rejection_name).
inline constexpr std::array<std::string_view, kChecks> kRuleNames = [] {
  std::array<std::string_view, kChecks> names{};
  for (const Check c : kAllChecks) names[static_cast<std::size_t>(c)] = rejection_name(c);
  return names;
}();

template <class Array>
void copy_to(const Array& values, std::span<double> out) {
  std::size_t k = 0;
  for (const auto v : values) out[k++] = static_cast<double>(v);
}

inline constexpr std::array kBreakdowns = {
    Breakdown{"jobs_by_sector", "person", "jobs (employees and working owners) by sector", "sector",
              kSectorNames,
              [](const IndicatorInputs& in, RegionId r, std::span<double> out) {
                copy_to(in.firms[r].jobs_by_sector, out);
              }},
    Breakdown{"projects_started_by_theme", "project/month", "projects started this step by theme",
              "theme", kThemeNames,
              [](const IndicatorInputs& in, RegionId r, std::span<double> out) {
                copy_to(in.flows(r).started_by_theme, out);
              }},
    Breakdown{"rejected_by_rule", "project/month",
              "proposals rejected this step, by the rule that stopped them", "rule", kRuleNames,
              [](const IndicatorInputs& in, RegionId r, std::span<double> out) {
                copy_to(in.flows(r).rejected_by, out);
              }},
    Breakdown{"ties_by_rung", "tie",
              "ties of firms to alive firms, by rung of the cooperation ladder", "rung", kRungNames,
              [](const IndicatorInputs& in, RegionId r, std::span<double> out) {
                copy_to(in.firms[r].ties_by_rung, out);
              }},
};

// A typed handle on one indicator: indicator("jobs") is checked when compiling.
struct IndicatorId {
  std::size_t index;
};
consteval IndicatorId indicator(std::string_view name) {
  for (std::size_t k = 0; k < kIndicators.size(); ++k)
    if (kIndicators[k].name == name) return {k};
  throw "no indicator of that name in kIndicators";
}
struct BreakdownId {
  std::size_t index;
};
consteval BreakdownId breakdown(std::string_view name) {
  for (std::size_t k = 0; k < kBreakdowns.size(); ++k)
    if (kBreakdowns[k].name == name) return {k};
  throw "no breakdown of that name in kBreakdowns";
}

}  // namespace ecosim
