#include "validate/facts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace ecosim {
namespace {

constexpr double kNone = std::numeric_limits<double>::infinity();
const RegionId kStudied{0};

double value_of(const Observation& o, IndicatorId k) { return o.at(kStudied, k); }

// The snapshots of a run by month.
std::map<int, const Snapshot*> snapshots(const RunRecord& run) {
  std::map<int, const Snapshot*> out;
  for (const Observation& o : run.observations)
    if (o.snapshot) out[o.step + 1] = o.snapshot.get();
  return out;
}

// The snapshot of the last month.
const Snapshot& last_snapshot(const RunRecord& run) { return *run.observations.back().snapshot; }

int months(const RunRecord& run) { return static_cast<int>(run.observations.size()); }

// Exits of the studied region: uid -> (birth, exit month).
std::unordered_map<std::uint32_t, std::pair<int, int>> exits(const RunRecord& run) {
  std::unordered_map<std::uint32_t, std::pair<int, int>> out;
  for (const Observation& o : run.observations)
    for (std::size_t k = 0; k < o.exits.size(); ++k)
      if (o.exits.region[k] == kStudied.value())
        out[o.exits.uid[k]] = {o.exits.birth[k], o.exits.exit[k]};
  return out;
}

// Yearly means of an indicator of the studied region, over whole years.
std::vector<double> yearly_means(const RunRecord& run, IndicatorId k) {
  std::vector<double> out;
  for (int y = 0; (y + 1) * 12 <= months(run); ++y) {
    double sum = 0;
    for (int t = 12 * y; t < 12 * y + 12; ++t) sum += value_of(run.observations[t], k);
    out.push_back(sum / 12);
  }
  return out;
}

std::size_t initial_firms(const Scenario& s) {
  std::size_t n = 0;
  for (const RegionParams& r : s.regions) n += static_cast<std::size_t>(r.firms);
  return n;
}

std::optional<double> survival(const RunRecord& run, int years) {
  const int horizon = 12 * years, last = months(run);
  if (last < horizon + 24) return std::nullopt;
  const auto exited = exits(run);
  const Snapshot* end = &last_snapshot(run);
  const auto born = static_cast<std::uint32_t>(initial_firms(*run.scenario));
  int cohort = 0, survived = 0;
  auto count = [&](int birth, int exit_month) {
    if (birth < 13 || birth > last - horizon)
      return;  // born after the first year, followed long enough
    ++cohort;
    survived += exit_month < 0 || exit_month - birth > horizon;
  };
  for (const auto& [uid, when] : exited)
    if (uid >= born) count(when.first, when.second);
  for (std::size_t k = 0; k < end->firms.uid.size(); ++k)
    if (end->firms.uid[k] >= born && end->firms.region[k] == kStudied.value())
      count(end->firms.birth[k], -1);
  if (cohort < 30) return std::nullopt;
  return double(survived) / cohort;
}

// Yearly log growth of value added of private firms with at least one employee, 12 months apart.
struct Growth {
  double size;  // employees + 1 at the start
  double rate;
};
std::vector<Growth> growth_rates(const RunRecord& run) {
  std::vector<Growth> out;
  const auto snaps = snapshots(run);
  for (const auto& [month, start] : snaps) {
    const auto next = snaps.find(month + 12);
    if (month < 12 || next == snaps.end()) continue;
    std::unordered_map<std::uint32_t, float> later;
    for (std::size_t k = 0; k < next->second->firms.uid.size(); ++k)
      later[next->second->firms.uid[k]] = next->second->firms.output_nok[k];
    const FirmRows& f = start->firms;
    for (std::size_t k = 0; k < f.uid.size(); ++k) {
      if (f.public_sector[k] || f.employees[k] < 1 || f.output_nok[k] <= 0 ||
          f.region[k] != kStudied.value())
        continue;
      const auto it = later.find(f.uid[k]);
      if (it == later.end() || it->second <= 0) continue;
      out.push_back({f.employees[k] + 1.0, std::log(double(it->second) / f.output_nok[k])});
    }
  }
  return out;
}

double mean_of(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}
double sd_of(const std::vector<double>& v) {
  const double m = mean_of(v);
  double ss = 0;
  for (const double x : v) ss += (x - m) * (x - m);
  return std::sqrt(ss / double(v.size() - 1));
}

// The undirected network of firm-firm ties among alive private firms of the studied region at
// the last snapshot: each firm's neighbours.
std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> network(const RunRecord& run) {
  const Snapshot* end = &last_snapshot(run);
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> out;
  for (std::size_t k = 0; k < end->firms.uid.size(); ++k)
    if (!end->firms.public_sector[k] && end->firms.region[k] == kStudied.value())
      out[end->firms.uid[k]];
  std::set<std::pair<std::uint32_t, std::uint32_t>> edges;
  const TieRows& t = end->ties;
  for (std::size_t k = 0; k < t.holder.size(); ++k) {
    if (t.other_kind[k] != static_cast<std::uint8_t>(ActorKind::firm)) continue;
    if (!out.count(t.holder[k]) || !out.count(t.other[k])) continue;
    edges.insert(std::minmax(t.holder[k], t.other[k]));
  }
  for (const auto& [a, b] : edges) out[a].push_back(b), out[b].push_back(a);
  for (auto& [uid, neighbours] : out) std::sort(neighbours.begin(), neighbours.end());
  return out;
}

std::optional<double> degree_skewness(const RunRecord& run) {
  const auto net = network(run);
  std::vector<double> degrees;
  for (const auto& [uid, neighbours] : net) degrees.push_back(double(neighbours.size()));
  if (degrees.size() < 100) return std::nullopt;
  const double m = mean_of(degrees), sd = sd_of(degrees);
  double third = 0;
  for (const double d : degrees) third += std::pow((d - m) / sd, 3);
  return third / double(degrees.size());
}

// Transitivity (3 x triangles / connected triples) over the density of a random graph.
std::optional<double> clustering_over_random(const RunRecord& run) {
  const auto net = network(run);
  double triples = 0, closed = 0, edges = 0;
  for (const auto& [uid, neighbours] : net) {
    const double d = double(neighbours.size());
    edges += d / 2;
    triples += d * (d - 1) / 2;
    for (std::size_t a = 0; a < neighbours.size(); ++a)
      for (std::size_t b = a + 1; b < neighbours.size(); ++b) {
        const auto& of_a = net.at(neighbours[a]);
        closed += std::binary_search(of_a.begin(), of_a.end(), neighbours[b]);
      }
  }
  const double n = double(net.size());
  if (triples <= 0 || n < 100) return std::nullopt;
  const double density = 2 * edges / (n * (n - 1));
  return (closed / triples) / density;
}

// Share of firms with at least 10 employees at a three-year window's start that take part in a
// partnership running in the window (CIS counts co-operation over three years, for such firms).
std::optional<double> partnership_share(const RunRecord& run) {
  const auto snaps = snapshots(run);
  std::vector<double> shares;
  for (int start = 1; start + 35 <= months(run); start += 36) {
    const auto at = snaps.find(start == 1 ? 1 : start - 1);
    if (at == snaps.end()) continue;
    const int end = start + 35;
    std::unordered_set<std::uint32_t> partners;
    for (const Project& p : run.projects) {
      if (!p.started() || p.start + 1 > end || p.end + 1 < start) continue;
      for (const Party& party : p.parties)
        if (party.actor.is_firm()) partners.insert(party.uid);
    }
    const FirmRows& f = at->second->firms;
    int firms = 0, in = 0;
    for (std::size_t k = 0; k < f.uid.size(); ++k) {
      if (f.public_sector[k] || f.employees[k] < 10 || f.region[k] != kStudied.value()) continue;
      ++firms;
      in += partners.count(f.uid[k]) > 0;
    }
    if (firms > 0) shares.push_back(double(in) / firms);
  }
  if (shares.empty()) return std::nullopt;
  return mean_of(shares);
}

}  // namespace

RunRecord record_run(const Scenario& scenario) {
  Simulation sim(scenario);
  RunRecord run;
  for (int t = 0; t < scenario.simulation.steps; ++t) run.observations.push_back(sim.step());
  run.projects = sim.world().projects;
  run.scenario = &scenario;
  return run;
}

std::vector<Fact> facts_for(const Scenario& s) {
  const RegionParams& p = s.regions[kStudied];
  const FirmParams& fp = s.firms;
  std::vector<Fact> facts;
  using R = const RunRecord&;
  if (p.jobs > 0)
    facts.push_back(
        {"jobs in month 1, relative to the region's",
         "0 (" + std::to_string(p.jobs) + " jobs; " + "CALIBRATION §1 kommuneprofilen, SSB 2019)",
         -0.02, 0.02, PassRule::every_run, [&p](R run) -> std::optional<double> {
           return value_of(run.observations.front(), indicator("jobs")) / p.jobs - 1;
         }});
  facts.push_back({"establishments in month 1, relative to the region's",
                   "0 (" + std::to_string(p.firms) + "; CALIBRATION §1 SSB 1.1.2020)", -0.01, 0.01,
                   PassRule::every_run, [&p](R run) -> std::optional<double> {
                     return value_of(run.observations.front(), indicator("firms")) / p.firms - 1;
                   }});
  facts.push_back({"size classes in month 1: largest gap to SSB's shares",
                   "0 (CALIBRATION §4 SSB establishments by size 2023)", 0, 0.01,
                   PassRule::every_run, [&fp](R run) -> std::optional<double> {
                     const auto snaps = snapshots(run);
                     if (!snaps.count(1)) return std::nullopt;
                     const FirmRows& f = snaps.at(1)->firms;
                     PerSizeClass<double> counts{};
                     double n = 0;
                     for (std::size_t k = 0; k < f.uid.size(); ++k)
                       if (f.region[k] == kStudied.value())
                         counts[size_class_of(f.employees[k])] += 1, n += 1;
                     double total = 0, gap = 0;
                     for (const double share : fp.size_class_shares) total += share;
                     for (const SizeClass c : kAllSizeClasses)
                       gap =
                           std::max(gap, std::abs(counts[c] / n - fp.size_class_shares[c] / total));
                     return gap;
                   }});
  const double employment = p.labour_force_share * (1 - p.unemployment_rate) / p.working_age_share;
  facts.push_back({"employment rate (20-66) in month 1",
                   std::to_string(employment).substr(0, 5) + " (CALIBRATION §1 Norway 2006, §11)",
                   employment - 0.01, employment + 0.01, PassRule::every_run,
                   [](R run) -> std::optional<double> {
                     return value_of(run.observations.front(), indicator("employment_rate"));
                   }});
  double public_share = 0;
  for (const Sector k : kAllSectors) public_share += p.sector_shares[k] * fp.public_share[k];
  facts.push_back(
      {"public share of jobs in month 1",
       std::to_string(public_share).substr(0, 5) + " (SSB 2015 public shares by industry)",
       public_share - 0.02, public_share + 0.02, PassRule::every_run,
       [](R run) -> std::optional<double> {
         const Observation& o = run.observations.front();
         return value_of(o, indicator("public_jobs")) / value_of(o, indicator("jobs"));
       }});
  facts.push_back({"job growth a year over the run",
                   "0% to 1.5% (CALIBRATION §1 Drammen 2000-19 +0.34%/yr)", 0, 0.015,
                   PassRule::every_run, [](R run) -> std::optional<double> {
                     if (months(run) < 24) return std::nullopt;
                     const double first = value_of(run.observations.front(), indicator("jobs"));
                     const double last = value_of(run.observations.back(), indicator("jobs"));
                     return std::pow(last / first, 12.0 / (months(run) - 1)) - 1;
                   }});
  auto entry = [](R run) -> std::optional<double> {
    std::vector<double> rates;
    for (int m = 12; m <= months(run); m += 12)
      rates.push_back(value_of(run.observations[m - 1], indicator("entry_rate")));
    if (rates.empty()) return std::nullopt;
    return mean_of(rates);
  };
  auto exit = [](R run) -> std::optional<double> {
    const auto snaps = snapshots(run);
    const auto exited = exits(run);
    std::vector<double> rates;
    for (const auto& [month, snap] : snaps) {
      if (month != 1 && month % 12 != 0) continue;
      const int from = month == 1 ? 0 : month, to = from + 12;
      if (to > months(run)) continue;
      double firms = 0, out = 0;
      for (std::size_t k = 0; k < snap->firms.uid.size(); ++k)
        firms += !snap->firms.public_sector[k] && snap->firms.region[k] == kStudied.value();
      for (const auto& [uid, when] : exited) out += when.second > from && when.second <= to;
      rates.push_back(out / firms);
    }
    if (rates.empty()) return std::nullopt;
    return mean_of(rates);
  };
  facts.push_back({"entry rate a year",
                   "8.5% to 14.5% (CALIBRATION §1 Drammen ~8.8%, §4 EU 10.7%, Norway 14.4%)", 0.085,
                   0.145, PassRule::every_run, entry});
  facts.push_back({"exit rate a year", "8% to 14% (CALIBRATION §4 EU 8.5%, Norway 13.8%)", 0.08,
                   0.14, PassRule::every_run, exit});
  facts.push_back({"net entry a year (entry - exit rate)",
                   "-0.5 to +1 points (CALIBRATION §1 Drammen 2019 +0.14%)", -0.005, 0.01,
                   PassRule::mean, [entry, exit](R run) -> std::optional<double> {
                     const auto in = entry(run), out = exit(run);
                     if (!in || !out) return std::nullopt;
                     return *in - *out;
                   }});
  facts.push_back(
      {"employment rate: largest yearly drift from month 1", "within 3 points (issue 8 band)", 0,
       0.03, PassRule::every_run, [](R run) -> std::optional<double> {
         const double start = value_of(run.observations.front(), indicator("employment_rate"));
         double drift = 0;
         for (const double year : yearly_means(run, indicator("employment_rate")))
           drift = std::max(drift, std::abs(year - start));
         return drift;
       }});
  // A band that must hold in every year: its lowest and its highest yearly mean, per seed.
  auto every_year = [&](const std::string& what, const std::string& target, double low, double high,
                        IndicatorId k) {
    for (const bool highest : {false, true})
      facts.push_back({what + (highest ? ": highest yearly mean" : ": lowest yearly mean"), target,
                       low, high, PassRule::every_run,
                       [k, highest](R run) -> std::optional<double> {
                         const auto years = yearly_means(run, k);
                         if (years.empty()) return std::nullopt;
                         return highest ? *std::max_element(years.begin(), years.end())
                                        : *std::min_element(years.begin(), years.end());
                       }});
  };
  every_year("competence gap (skilled hires sought and not found in the month)",
             "15% to 35% (CALIBRATION §12c: 1 in 5 to 3 in 10 recruitment attempts failed "
             "completely, Sweden 2014-21; §12a: 44% of NHO firms that recruited in 2021 missed "
             "the competence they sought)",
             0.15, 0.35, indicator("competence_gap"));
  every_year("establishments of 3+ employees with recruitment problems in the last 3 months",
             "22% to 39% (CALIBRATION §12b NAV: 39% at 2.6% unemployment, 22% at 4.0%, "
             "1998-2003; 26-27% in 2022-23; fitted: hiring_fill_max and "
             "separation_rate_per_month were tuned to it)",
             0.22, 0.39, indicator("recruitment_problems"));
  facts.push_back({"largest change of a sector's jobs (log, sectors of 2% or more)",
                   "within 0.25 (issue 8: no drift without a cause; assumed band)", 0, 0.25,
                   PassRule::mean, [](R run) -> std::optional<double> {
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
  const char* survival_source = "CALIBRATION §4: SSB all registered firms .. Eurostat / SSB AS";
  facts.push_back({"1-year survival of new firms",
                   std::string("50.9% to 82% (") + survival_source + ")", 0.509, 0.82,
                   PassRule::mean, [](R run) { return survival(run, 1); }});
  facts.push_back({"3-year survival of new firms",
                   std::string("40.7% to 57.5% (") + survival_source + ")", 0.407, 0.575,
                   PassRule::mean, [](R run) { return survival(run, 3); }});
  facts.push_back({"5-year survival of new firms",
                   std::string("30.9% to 45.5% (") + survival_source + ")", 0.309, 0.455,
                   PassRule::mean, [](R run) { return survival(run, 5); }});
  facts.push_back({"exit rate of firms under a year old / of firms 5 years and older",
                   "1.5 or more (CALIBRATION §4: Eurostat 1-year deaths ~19% vs 8.5% of the stock; "
                   "SSB 49% vs 13.8%)",
                   1.5, kNone, PassRule::mean, [](R run) -> std::optional<double> {
                     const auto snaps = snapshots(run);
                     const auto exited = exits(run);
                     double young = 0, young_out = 0, old = 0, old_out = 0;
                     for (const auto& [month, snap] : snaps) {
                       if (month % 12 != 0 || month + 12 > months(run)) continue;
                       const FirmRows& f = snap->firms;
                       for (std::size_t k = 0; k < f.uid.size(); ++k) {
                         if (f.public_sector[k] || f.region[k] != kStudied.value()) continue;
                         const int age = month - f.birth[k];
                         const auto it = exited.find(f.uid[k]);
                         const bool out = it != exited.end() && it->second.second <= month + 12;
                         if (age < 12) young += 1, young_out += out;
                         if (age >= 60) old += 1, old_out += out;
                       }
                     }
                     if (young < 30 || old < 30 || old_out == 0) return std::nullopt;
                     return (young_out / young) / (old_out / old);
                   }});
  facts.push_back({"size tail exponent (Hill, firms of 10 or more employees, last month)",
                   "about 1 (CALIBRATION §4 Axtell 2001: Zipf)", 0.8, 1.35, PassRule::mean,
                   [](R run) -> std::optional<double> {
                     const FirmRows& f = last_snapshot(run).firms;
                     double n = 0, sum = 0;
                     for (std::size_t k = 0; k < f.uid.size(); ++k)
                       if (!f.public_sector[k] && f.employees[k] >= 10 &&
                           f.region[k] == kStudied.value())
                         n += 1, sum += std::log(f.employees[k] / 9.5);
                     if (n < 30) return std::nullopt;
                     return n / sum;
                   }});
  facts.push_back(
      {"yearly growth rates: mean absolute deviation / standard deviation (firms of 5-49)",
       "1/sqrt(2) = 0.707 for Laplace, 0.798 for normal (CALIBRATION §4 Stanley et al. 1996, "
       "Bottazzi & Secchi)",
       0.62, 0.76, PassRule::mean, [](R run) -> std::optional<double> {
         std::vector<double> rates;
         for (const Growth& g : growth_rates(run))
           if (g.size >= 6 && g.size <= 50) rates.push_back(g.rate);
         if (rates.size() < 50) return std::nullopt;
         const double m = mean_of(rates);
         double deviation = 0;
         for (const double r : rates) deviation += std::abs(r - m);
         return deviation / double(rates.size()) / sd_of(rates);
       }});
  facts.push_back(
      {"beta: spread of yearly growth falls as size^-beta",
       "0.20 +- 0.03 (CALIBRATION §4 Amaral et al. 1997; 0.14-0.2 Riccaboni et al. 2008)", 0.10,
       0.30, PassRule::mean, [](R run) -> std::optional<double> {
         const int edges[] = {2, 5, 10, 20, 50, 100, 250, 1 << 30};
         std::vector<double> x, y;
         const auto growth = growth_rates(run);
         for (int b = 0; b + 1 < 8; ++b) {
           std::vector<double> rates, sizes;
           for (const Growth& g : growth)
             if (g.size >= edges[b] && g.size < edges[b + 1])
               rates.push_back(g.rate), sizes.push_back(g.size);
           if (rates.size() < 20) continue;
           x.push_back(std::log(mean_of(sizes)));
           y.push_back(std::log(sd_of(rates)));
         }
         if (x.size() < 3) return std::nullopt;
         const double mx = mean_of(x), my = mean_of(y);
         double sxy = 0, sxx = 0;
         for (std::size_t k = 0; k < x.size(); ++k)
           sxy += (x[k] - mx) * (y[k] - my), sxx += (x[k] - mx) * (x[k] - mx);
         return -sxy / sxx;
       }});
  facts.push_back({"skewness of firms' degrees in the cooperation network (last month)",
                   "2 or more: hub-dominated (Tomasello et al. 2017, EPJ Data Science)", 2, kNone,
                   PassRule::mean, degree_skewness});
  facts.push_back({"clustering / density of a random graph (last month)",
                   "10 or more (Schilling & Phelps 2005; Cowan, Jonard & Sanditov 2009)", 10, kNone,
                   PassRule::mean, clustering_over_random});
  facts.push_back({"share of firms of 10+ employees in a partnership over 3 years",
                   "22% to 32%: 44% of innovation-active firms co-operate x 61-63% "
                   "innovation-active (CALIBRATION §7 "
                   "CIS Norway 2016-20)",
                   0.22, 0.32, PassRule::mean, partnership_share});
  return facts;
}

FactResult judge(const Fact& fact, const std::vector<std::optional<double>>& values) {
  FactResult result{&fact, {}, false, true};
  for (const auto& v : values)
    if (v) result.values.push_back(*v);
  result.applicable = !result.values.empty();
  if (!result.applicable) return result;
  auto inside = [&](double v) { return v >= fact.low && v <= fact.high; };
  if (fact.rule == PassRule::mean) {
    result.passed = inside(mean_of(result.values));
  } else {
    result.passed = std::all_of(result.values.begin(), result.values.end(), inside);
  }
  return result;
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
      << ", " << scenario.simulation.steps << " months, seeds 1.." << seeds << "\n\n";
  out << "| fact | target (source) | band | rule | value: mean (min .. max) | result |\n";
  out << "| --- | --- | --- | --- | --- | --- |\n";
  for (const FactResult& r : results) {
    const Fact& f = *r.fact;
    const std::string band =
        "[" + number(f.low) + ", " + (f.high == kNone ? std::string("inf") : number(f.high)) + "]";
    out << "| " << f.name << " | " << f.target << " | " << band << " | "
        << (f.rule == PassRule::mean ? "mean over seeds" : "every seed") << " | ";
    if (!r.applicable) {
      out << "n/a (the run is too short) | n/a |\n";
      continue;
    }
    const auto [lo, hi] = std::minmax_element(r.values.begin(), r.values.end());
    out << number(mean_of(r.values)) << " (" << number(*lo) << " .. " << number(*hi) << ") | "
        << (r.passed ? "pass" : "FAIL") << " |\n";
  }
  return out.str();
}

}  // namespace ecosim
