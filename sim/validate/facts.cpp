#include "validate/facts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "engine/numbers.hpp"
#include "engine/parallel.hpp"
#include "session/run_to_file.hpp"
#include "validate/measures.hpp"

namespace ecosim {

using namespace measures;

namespace {

constexpr double kNone = std::numeric_limits<double>::infinity();
// The months over which the end of a run is checked against its start.
constexpr int kLastYear = 12;

}  // namespace

RunRecord record_run(const Scenario& scenario) {
  Simulation sim(scenario);
  RunRecord run;
  if (!run_steps(sim, [&](Observation&& o) { run.observations.push_back(std::move(o)); }).finished)
    throw StepAbandoned();  // a stop request: no facts from half a run
  run.projects = sim.world().projects;
  run.scenario = &scenario;
  return run;
}

std::vector<Fact> facts_for(const Scenario& s) {
  const RegionParams& p = s.regions[kStudied];
  const FirmParams& fp = s.firms;
  std::vector<Fact> facts;
  using R = const RunRecord&;
  using Value = std::optional<double>;
  const auto every = PassRule::every_run, most = PassRule::most_runs;
  const auto fitted = Basis::fitted, tested = Basis::tested;

  // The start, as SSB counts it: inputs read back, in every seed.
  if (p.jobs > 0)
    facts.push_back({"jobs in month 1, relative to the region's",
                     "0 (" + grouped(p.jobs) +
                         " jobs; CALIBRATION §1 kommuneprofilen, SSB "
                         "2019)",
                     -0.02, 0.02, every, fitted, [&p](R run) -> Value {
                       return value_of(run.observations.front(), indicator("jobs")) / p.jobs - 1;
                     }});
  facts.push_back({"establishments in month 1, relative to the region's",
                   "0 (" + grouped(p.firms) + " establishments; CALIBRATION §1 SSB 1.1.2020)",
                   -0.01, 0.01, every, fitted, [&p](R run) -> Value {
                     return value_of(run.observations.front(), indicator("firms")) / p.firms - 1;
                   }});
  facts.push_back({"size classes in month 1: largest gap to SSB's shares",
                   "0 (CALIBRATION §4 SSB establishments by size 2023)", 0, 0.01, every, fitted,
                   [&fp](R run) { return size_class_gap(run, 1, fp.size_class_shares); }});
  const double employment = p.labour_force_share * (1 - p.unemployment_rate) / p.working_age_share;
  facts.push_back({"employment rate (20-66) in month 1",
                   std::to_string(employment).substr(0, 5) + " (CALIBRATION §1 Norway 2006, §11)",
                   employment - 0.01, employment + 0.01, every, fitted, [](R run) -> Value {
                     return value_of(run.observations.front(), indicator("employment_rate"));
                   }});
  double public_share = 0;
  for (const Sector k : kAllSectors) public_share += p.sector_shares[k] * fp.public_share[k];
  auto public_share_in = [](const Observation& o) {
    return value_of(o, indicator("public_jobs")) / value_of(o, indicator("jobs"));
  };
  facts.push_back(
      {"public share of jobs in month 1",
       std::to_string(public_share).substr(0, 5) + " (SSB 2015 public shares by industry)",
       public_share - 0.02, public_share + 0.02, every, fitted,
       [public_share_in](R run) -> Value { return public_share_in(run.observations.front()); }});

  // A start the model keeps: the same quantities over the run and in its last 12 months.
  facts.push_back({"size classes in the last month: largest gap to SSB's shares",
                   "within 5 points (assumed; §18: Buskerud had 60.8% of establishments without "
                   "employees in 2011, §4: 67.7% in 2023: shares move by points in a decade; "
                   "fitted: first_hire_capacity)",
                   0, 0.05, most, fitted, [&fp](R run) -> Value {
                     return size_class_gap(run, months(run), fp.size_class_shares);
                   }});
  facts.push_back(
      {"public share of jobs over the last 12 months: largest gap to month 1's",
       "within 2 points (the month-1 band; public services follow the working-age population)", 0,
       0.02, most, tested, [public_share_in](R run) -> Value {
         if (months(run) < 2 * kLastYear) return std::nullopt;
         const double start = public_share_in(run.observations.front());
         double gap = 0;
         for (int t = months(run) - kLastYear; t < months(run); ++t)
           gap = std::max(gap, std::abs(public_share_in(run.observations[t]) - start));
         return gap;
       }});
  facts.push_back({"job growth a year over the run",
                   "0% to 1.5% (CALIBRATION §1 Drammen 2000-19 +0.34%/yr; fitted: "
                   "demand_growth_per_year)",
                   0, 0.015, most, fitted, [](R run) -> Value {
                     if (months(run) < 24) return std::nullopt;
                     const double first = value_of(run.observations.front(), indicator("jobs"));
                     const double last = value_of(run.observations.back(), indicator("jobs"));
                     return std::pow(last / first, 12.0 / (months(run) - 1)) - 1;
                   }});
  auto entry = [](R run, int from_month) -> Value {
    std::vector<double> rates;
    for (int m = 12; m <= months(run); m += 12)
      if (m - 12 >= from_month)
        rates.push_back(value_of(run.observations[m - 1], indicator("entry_rate")));
    if (rates.empty()) return std::nullopt;
    return mean_of(rates);
  };
  const std::string entry_source =
      "8.5% to 14.5% (CALIBRATION §1 Drammen ~8.8%, §4 EU 10.7%, Norway 14.4%; input: "
      "entry_rate_per_year)";
  const std::string exit_source =
      "8% to 14% (CALIBRATION §4 EU 8.5%, Norway 13.8%; fitted: exit_hazard_per_year)";
  facts.push_back({"entry rate a year", entry_source, 0.085, 0.145, most, fitted,
                   [entry](R run) { return entry(run, 0); }});
  facts.push_back({"entry rate in the last 12 months", entry_source, 0.085, 0.145, most, fitted,
                   [entry](R run) { return entry(run, months(run) - kLastYear); }});
  facts.push_back({"exit rate a year", exit_source, 0.08, 0.14, most, fitted,
                   [](R run) { return exit_rate(run); }});
  facts.push_back({"exit rate in the last 12 months", exit_source, 0.08, 0.14, most, fitted,
                   [](R run) { return exit_rate(run, months(run) - kLastYear); }});
  facts.push_back({"net entry a year (entry - exit rate)",
                   "-0.5 to +1 points (CALIBRATION §1 Drammen 2019 +0.14%)", -0.005, 0.01, most,
                   tested, [entry](R run) -> Value {
                     const auto in = entry(run, 0), out = exit_rate(run);
                     if (!in || !out) return std::nullopt;
                     return *in - *out;
                   }});
  facts.push_back({"employment rate: largest yearly drift from month 1",
                   "within 3 points (issue 8 band)", 0, 0.03, most, tested, [](R run) -> Value {
                     const double start =
                         value_of(run.observations.front(), indicator("employment_rate"));
                     double drift = 0;
                     for (const double year : yearly_means(run, indicator("employment_rate")))
                       drift = std::max(drift, std::abs(year - start));
                     return drift;
                   }});
  facts.push_back({"largest change of a sector's jobs (log, sectors of 2% or more)",
                   "within 0.25 (issue 8: no drift without a cause; assumed band)", 0, 0.25, most,
                   tested, [](R run) -> Value {
                     if (months(run) < 24) return std::nullopt;
                     const auto& first = run.observations.front().of(breakdown("jobs_by_sector"));
                     const auto& last = run.observations.back().of(breakdown("jobs_by_sector"));
                     double total = 0, change = 0;
                     for (std::size_t k = 0; k < kSectors; ++k) total += first[k];
                     for (std::size_t k = 0; k < kSectors; ++k)
                       if (first[k] >= 0.02 * total)
                         change = std::max(change, std::abs(std::log(last[k] / first[k])));
                     return change;
                   }});
  // Unemployment must stay inside Drammen's registered range in every month of every seed.
  const std::string unemployment_source =
      "1.9% to 3.5% (CALIBRATION §11 NAV, Drammen 2017-2023; fitted: demand_volatility, "
      "exit_size_exponent, hiring_match_rate, hiring_fill_max)";
  for (const bool highest : {false, true})
    facts.push_back({highest ? "unemployment: highest month" : "unemployment: lowest month",
                     unemployment_source, 0.019, 0.035, every, fitted, [highest](R run) {
                       const IndicatorId u = indicator("unemployment_rate");
                       return highest ? highest_in_last(run, u, months(run))
                                      : lowest_in_last(run, u, months(run));
                     }});

  // The labour market: a band that must hold in every year (its lowest and highest yearly mean).
  auto every_year = [&](const std::string& what, const std::string& target, double low, double high,
                        Basis basis, IndicatorId k) {
    for (const bool highest : {false, true})
      facts.push_back({what + (highest ? ": highest yearly mean" : ": lowest yearly mean"), target,
                       low, high, most, basis, [k, highest](R run) -> Value {
                         const auto years = yearly_means(run, k);
                         if (years.empty()) return std::nullopt;
                         return highest ? *std::max_element(years.begin(), years.end())
                                        : *std::min_element(years.begin(), years.end());
                       }});
  };
  every_year("competence gap (skilled hires sought and not found in the month)",
             "15% to 35% (CALIBRATION §12c: 1 in 5 to 3 in 10 recruitment attempts failed "
             "completely, Sweden 2014-21; §12a: 44% of NHO firms that recruited in 2021 missed "
             "the competence they sought; fitted: hiring_match_rate)",
             0.15, 0.35, fitted, indicator("competence_gap"));
  every_year("establishments of 3+ employees with recruitment problems in the last 3 months",
             "22% to 39% (CALIBRATION §12b NAV: 39% at 2.6% unemployment, 22% at 4.0%, "
             "1998-2003; 26-27% in 2022-23; fitted: hiring_fill_max and "
             "separation_rate_per_month)",
             0.22, 0.39, fitted, indicator("recruitment_problems"));

  // Firm demography.
  facts.push_back({"bankruptcies' share of closures",
                   "5% to 16% (CALIBRATION §14: SSB opened bankruptcies / enterprise closures, "
                   "Norway 2001-02 11-16%, Buskerud 9-14%, 2021 5-7%; fitted: bad_debt_per_year, "
                   "fixed_cost_share)",
                   0.05, 0.16, most, fitted, bankruptcy_share});
  const char* survival_source =
      "calendar years, as Eurostat and SSB count (§19); CALIBRATION §4: SSB all registered "
      "firms .. Eurostat / SSB AS; fitted: exit_hazard_per_year, exit_young_*";
  facts.push_back({"1-year survival of new firms",
                   std::string("50.9% to 82% (") + survival_source + ")", 0.509, 0.82, most, fitted,
                   [](R run) { return calendar_survival(run, 1); }});
  facts.push_back({"3-year survival of new firms",
                   std::string("40.7% to 57.5% (") + survival_source + ")", 0.407, 0.575, most,
                   fitted, [](R run) { return calendar_survival(run, 3); }});
  facts.push_back({"5-year survival of new firms",
                   std::string("30.9% to 45.5% (") + survival_source + ")", 0.309, 0.455, most,
                   fitted, [](R run) { return calendar_survival(run, 5); }});
  facts.push_back({"exit rate of firms under a year old / of firms 5 years and older",
                   "1.5 or more (CALIBRATION §4: Eurostat 1-year deaths ~19% vs 8.5% of the stock; "
                   "SSB 49% vs 13.8%; fitted: exit_young_excess)",
                   1.5, kNone, most, fitted, young_over_old_exit});

  // The size and growth laws.
  // The region's own establishments (SSB's size classes, §4) fall off faster than Axtell's US
  // firms: P(S >= 20) / P(S >= 250) = (250 / 20)^zeta gives their exponent.
  const PerSizeClass<double>& classes = fp.size_class_shares;
  const double at_least_20 = classes[SizeClass::e20_49] + classes[SizeClass::e50_99] +
                             classes[SizeClass::e100_249] + classes[SizeClass::e250_plus];
  const double ssb_zeta =
      std::log(at_least_20 / classes[SizeClass::e250_plus]) / std::log(249.5 / 19.5);
  char zeta_text[8];
  std::snprintf(zeta_text, sizeof zeta_text, "%.2f", ssb_zeta);
  facts.push_back(
      {"Zipf exponent of employees (maximum likelihood above the threshold of least KS distance, "
       "last month)",
       std::string("1.06 (CALIBRATION §4 Axtell 2001, US firms) to ") + zeta_text +
           " (the region's establishments, SSB size classes 20+ to 250+, §4); fit of Clauset, "
           "Shalizi & Newman 2009",
       0.9, ssb_zeta + 0.1, most, tested,
       [](R run) -> Value {
         const auto fit = zipf_of_last_month(run);
         if (!fit) return std::nullopt;
         return fit->exponent;
       },
       "threshold (employees)",
       [](R run) -> Value {
         const auto fit = zipf_of_last_month(run);
         if (!fit) return std::nullopt;
         return double(fit->threshold);
       }});
  facts.push_back(
      {"yearly growth rates: mean absolute deviation / standard deviation (firms of 5-49)",
       "1/sqrt(2) = 0.707 for Laplace, 0.798 for normal (CALIBRATION §4 Stanley et al. 1996, "
       "Bottazzi & Secchi; fitted: growth_sigma_per_month)",
       0.62, 0.76, most, fitted, laplace_ratio});
  facts.push_back(
      {"beta: spread of yearly growth falls as size^-beta (both in employees, firms of 5+)",
       "0.20 +- 0.03 (CALIBRATION §4 Amaral et al. 1997; 0.14-0.2 Riccaboni et al. 2008; input: "
       "growth_size_exponent)",
       0.10, 0.30, most, fitted, growth_beta});

  // The cooperation network and partnerships.
  facts.push_back({"skewness of firms' degrees in the cooperation network (last month)",
                   "2 or more: hub-dominated (Tomasello et al. 2017, EPJ Data Science)", 2, kNone,
                   most, tested, degree_skewness});
  facts.push_back({"clustering / density of a random graph (last month)",
                   "10 or more (Schilling & Phelps 2005; Cowan, Jonard & Sanditov 2009)", 10, kNone,
                   most, tested, clustering_over_random});
  facts.push_back({"share of firms of 10+ employees in a partnership over 3 years",
                   "22% to 32%: 44% of innovation-active firms co-operate x 61-63% "
                   "innovation-active (CALIBRATION §7 CIS Norway 2016-20; fitted: idea rates)",
                   0.22, 0.32, most, fitted, partnership_share});
  return facts;
}

FactResult judge(const Fact& fact, const std::vector<std::optional<double>>& values,
                 const std::vector<std::optional<double>>& details) {
  FactResult result{&fact, {}, {}, 0, false, false};
  for (const auto& v : values)
    if (v) result.values.push_back(*v);
  for (const auto& d : details)
    if (d) result.details.push_back(*d);
  result.applicable = !result.values.empty();
  if (!result.applicable) return result;
  for (const double v : result.values) result.inside += v >= fact.low && v <= fact.high;
  const int runs = static_cast<int>(result.values.size());
  // 4 in 5, rounded up: 1 of 1, 2 of 2, 8 of 10.
  const int needed = fact.rule == PassRule::every_run ? runs : (4 * runs + 4) / 5;
  result.passed = result.inside >= needed;
  return result;
}

bool all_passed(const std::vector<FactResult>& results) {
  return std::all_of(results.begin(), results.end(), [](const FactResult& r) {
    return !r.applicable || r.passed || !r.fact->open.empty();
  });
}

std::string validation_report_markdown(const Scenario& scenario,
                                       const std::vector<FactResult>& results, int seeds) {
  auto number = [](double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, std::abs(v) < 10 ? "%.3f" : "%.1f", v);
    return std::string(buffer);
  };
  std::ostringstream out;
  out << "Scenario: " << scenario.source_name << ", region " << scenario.regions[kStudied].name
      << ", " << scenario.simulation.steps << " months, seeds 1.." << seeds << "\n\n"
      << "A fact passes when its value lies in the band in every seed (the calibrated start) or "
         "in at least 4 seeds in 5 (80%, rounded up; all others), never on the mean alone. "
         "*fitted*: a parameter was tuned to it or it reads an input back; *tested*: not used in "
         "calibration. An *open* fact is a known gap: reported, but it does not fail "
         "`validate`.\n\n";
  out << "| fact | target (source) | basis | band | rule | value: mean (min .. max) | seeds in "
         "band | result |\n";
  out << "| --- | --- | --- | --- | --- | --- | --- | --- |\n";
  for (const FactResult& r : results) {
    const Fact& f = *r.fact;
    const std::string band =
        "[" + number(f.low) + ", " + (f.high == kNone ? std::string("inf") : number(f.high)) + "]";
    out << "| " << f.name << " | " << f.target << " | "
        << (f.basis == Basis::fitted ? "fitted" : "tested") << " | " << band << " | "
        << (f.rule == PassRule::every_run ? "every seed" : "4 in 5 seeds") << " | ";
    if (!r.applicable) {
      out << "n/a (the run is too short) | n/a | n/a |\n";
      continue;
    }
    auto summary = [&](const std::vector<double>& v) {
      const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
      return number(mean_of(v)) + " (" + number(*lo) + " .. " + number(*hi) + ")";
    };
    out << summary(r.values);
    if (!r.details.empty()) out << "; " << f.detail_name << " " << summary(r.details);
    out << " | " << r.inside << " of " << r.values.size() << " | "
        << (r.passed         ? "pass"
            : f.open.empty() ? "FAIL"
                             : "open (" + f.open + ")")
        << " |\n";
  }
  return out.str();
}

}  // namespace ecosim
