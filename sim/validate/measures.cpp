#include "validate/measures.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace ecosim::measures {
namespace {

bool studied(std::uint16_t region) { return region == kStudied.value(); }

// The snapshot of the last month.
const Snapshot& last_snapshot(const RunRecord& run) { return *run.observations.back().snapshot; }

struct Exit {
  int birth, month;
  ExitCause cause;
};
// Exits of the studied region by uid.
std::unordered_map<std::uint32_t, Exit> exits(const RunRecord& run) {
  std::unordered_map<std::uint32_t, Exit> out;
  for (const Observation& o : run.observations)
    for (std::size_t k = 0; k < o.exits.size(); ++k)
      if (studied(o.exits.region[k]))
        out[o.exits.uid[k]] = {o.exits.birth[k], o.exits.exit[k],
                               static_cast<ExitCause>(o.exits.cause[k])};
  return out;
}

std::size_t initial_firms(const Scenario& s) {
  std::size_t n = 0;
  for (const RegionParams& r : s.regions) n += static_cast<std::size_t>(r.firms);
  return n;
}

double sd_of(const std::vector<double>& v) {
  const double m = mean_of(v);
  double ss = 0;
  for (const double x : v) ss += (x - m) * (x - m);
  return std::sqrt(ss / double(v.size() - 1));
}

// Least-squares slope of y over x.
double slope(const std::vector<double>& x, const std::vector<double>& y) {
  const double mx = mean_of(x), my = mean_of(y);
  double sxy = 0, sxx = 0;
  for (std::size_t k = 0; k < x.size(); ++k)
    sxy += (x[k] - mx) * (y[k] - my), sxx += (x[k] - mx) * (x[k] - mx);
  return sxy / sxx;
}

// The undirected network of firm-firm ties among alive private firms of the studied region at
// the last snapshot: each firm's neighbours.
std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> network(const RunRecord& run) {
  const Snapshot& end = last_snapshot(run);
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> out;
  for (std::size_t k = 0; k < end.firms.uid.size(); ++k)
    if (!end.firms.public_sector[k] && studied(end.firms.region[k])) out[end.firms.uid[k]];
  std::set<std::pair<std::uint32_t, std::uint32_t>> edges;
  const TieRows& t = end.ties;
  for (std::size_t k = 0; k < t.holder.size(); ++k) {
    if (t.other_kind[k] != static_cast<std::uint8_t>(ActorKind::firm)) continue;
    if (!out.count(t.holder[k]) || !out.count(t.other[k])) continue;
    edges.insert(std::minmax(t.holder[k], t.other[k]));
  }
  for (const auto& [a, b] : edges) out[a].push_back(b), out[b].push_back(a);
  for (auto& [uid, neighbours] : out) std::sort(neighbours.begin(), neighbours.end());
  return out;
}

}  // namespace

double mean_of(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}

int months(const RunRecord& run) { return static_cast<int>(run.observations.size()); }

double value_of(const Observation& o, IndicatorId k) { return o.at(kStudied, k); }

std::vector<double> yearly_means(const RunRecord& run, IndicatorId k) {
  std::vector<double> out;
  for (int y = 0; (y + 1) * 12 <= months(run); ++y) {
    double sum = 0;
    for (int t = 12 * y; t < 12 * y + 12; ++t) sum += value_of(run.observations[t], k);
    out.push_back(sum / 12);
  }
  return out;
}

namespace {
std::optional<std::vector<double>> last_months(const RunRecord& run, IndicatorId k, int span) {
  if (months(run) < span) return std::nullopt;
  std::vector<double> out;
  for (int t = months(run) - span; t < months(run); ++t)
    out.push_back(value_of(run.observations[t], k));
  return out;
}
}  // namespace

std::optional<double> lowest_in_last(const RunRecord& run, IndicatorId k, int span) {
  const auto v = last_months(run, k, span);
  if (!v) return std::nullopt;
  return *std::min_element(v->begin(), v->end());
}

std::optional<double> highest_in_last(const RunRecord& run, IndicatorId k, int span) {
  const auto v = last_months(run, k, span);
  if (!v) return std::nullopt;
  return *std::max_element(v->begin(), v->end());
}

std::map<int, const Snapshot*> snapshots(const RunRecord& run) {
  std::map<int, const Snapshot*> out;
  for (const Observation& o : run.observations)
    if (o.snapshot) out[o.step + 1] = o.snapshot.get();
  return out;
}

std::optional<double> size_class_gap(const RunRecord& run, int month,
                                     const PerSizeClass<double>& shares) {
  const auto snaps = snapshots(run);
  if (!snaps.count(month)) return std::nullopt;
  const FirmRows& f = snaps.at(month)->firms;
  PerSizeClass<double> counts{};
  double n = 0;
  for (std::size_t k = 0; k < f.uid.size(); ++k)
    if (studied(f.region[k])) counts[size_class_of(f.employees[k])] += 1, n += 1;
  double total = 0, gap = 0;
  for (const double share : shares) total += share;
  for (const SizeClass c : kAllSizeClasses)
    gap = std::max(gap, std::abs(counts[c] / n - shares[c] / total));
  return gap;
}

std::optional<double> exit_rate(const RunRecord& run, int from_month) {
  const auto exited = exits(run);
  std::vector<double> rates;
  for (const auto& [month, snap] : snapshots(run)) {
    if (month != 1 && month % 12 != 0) continue;
    const int from = month == 1 ? 0 : month, to = from + 12;
    if (from < from_month || to > months(run)) continue;
    double firms = 0, out = 0;
    for (std::size_t k = 0; k < snap->firms.uid.size(); ++k)
      firms += !snap->firms.public_sector[k] && studied(snap->firms.region[k]);
    for (const auto& [uid, e] : exited) out += e.month > from && e.month <= to;
    rates.push_back(out / firms);
  }
  if (rates.empty()) return std::nullopt;
  return mean_of(rates);
}

std::optional<double> bankruptcy_share(const RunRecord& run) {
  double all = 0, bankrupt = 0;
  for (const auto& [uid, e] : exits(run)) all += 1, bankrupt += e.cause == ExitCause::insolvency;
  if (all < 100) return std::nullopt;
  return bankrupt / all;
}

std::optional<double> calendar_survival(const RunRecord& run, int years) {
  const int last = months(run);
  const auto exited = exits(run);
  const auto first_new = static_cast<std::uint32_t>(initial_firms(*run.scenario));
  // Model year of a month (1-based): months 1..12 are year 0.
  auto year_of = [](int month) { return (month - 1) / 12; };
  int cohort = 0, survived = 0;
  auto count = [&](int birth, std::optional<int> exit_month) {
    const int born = year_of(birth), target = born + years;
    // Born after the first year, in a year whose year + n the run covers whole.
    if (born < 1 || 12 * (target + 1) > last) return;
    ++cohort;
    survived += !exit_month || year_of(*exit_month) >= target;
  };
  for (const auto& [uid, e] : exited)
    if (uid >= first_new) count(e.birth, e.month);
  const FirmRows& end = last_snapshot(run).firms;
  for (std::size_t k = 0; k < end.uid.size(); ++k)
    if (end.uid[k] >= first_new && studied(end.region[k])) count(end.birth[k], std::nullopt);
  if (cohort < 30) return std::nullopt;
  return double(survived) / cohort;
}

std::optional<ZipfFit> fit_zipf(const std::vector<int>& sizes, std::size_t min_tail) {
  std::vector<int> sorted;
  for (const int s : sizes)
    if (s >= 1) sorted.push_back(s);
  std::sort(sorted.begin(), sorted.end());
  const std::size_t n = sorted.size();
  if (n < min_tail) return std::nullopt;
  // Suffix sums of log(size - 0.5) give each threshold's estimate in one pass.
  std::vector<double> log_sum(n + 1, 0.0);
  for (std::size_t k = n; k-- > 0;) log_sum[k] = log_sum[k + 1] + std::log(sorted[k] - 0.5);
  std::optional<ZipfFit> best;
  for (std::size_t first = 0; first < n && n - first >= min_tail;) {
    const int threshold = sorted[first];
    const double tail = double(n - first), base = std::log(threshold - 0.5);
    const double spread = log_sum[first] - tail * base;
    if (spread <= 0) break;  // the tail is one size: no law to fit (the exponent would be inf)
    const double exponent = tail / spread;
    // KS distance between the empirical and fitted P(S >= s) over the tail's distinct sizes.
    double distance = 0;
    for (std::size_t k = first; k < n;) {
      std::size_t next = k;
      while (next < n && sorted[next] == sorted[k]) ++next;
      const double fitted = std::exp(-exponent * (std::log(sorted[k] - 0.5) - base));
      const double at = double(n - k) / tail, above = double(n - next) / tail;
      distance = std::max({distance, std::abs(at - fitted), std::abs(above - fitted)});
      k = next;
    }
    if (!best || distance < best->distance)
      best = ZipfFit{exponent, threshold, n - first, distance};
    while (first < n && sorted[first] == threshold) ++first;
  }
  return best;
}

std::optional<ZipfFit> zipf_of_last_month(const RunRecord& run) {
  const FirmRows& f = last_snapshot(run).firms;
  std::vector<int> sizes;
  for (std::size_t k = 0; k < f.uid.size(); ++k)
    if (!f.public_sector[k] && f.employees[k] >= 1 && studied(f.region[k]))
      sizes.push_back(f.employees[k]);
  return fit_zipf(sizes);
}

std::vector<Growth> growth_rates(const RunRecord& run) {
  std::vector<Growth> out;
  const auto snaps = snapshots(run);
  for (const auto& [month, start] : snaps) {
    const auto next = snaps.find(month + 12);
    if (month < 12 || next == snaps.end()) continue;
    const FirmRows& then = next->second->firms;
    std::unordered_map<std::uint32_t, std::size_t> later;
    for (std::size_t k = 0; k < then.uid.size(); ++k) later[then.uid[k]] = k;
    const FirmRows& f = start->firms;
    for (std::size_t k = 0; k < f.uid.size(); ++k) {
      if (f.public_sector[k] || f.employees[k] < 1 || f.output_nok[k] <= 0 || !studied(f.region[k]))
        continue;
      const auto it = later.find(f.uid[k]);
      if (it == later.end() || then.output_nok[it->second] <= 0) continue;
      const double size = f.employees[k] + 1.0;
      out.push_back({size, std::log(double(then.output_nok[it->second]) / f.output_nok[k]),
                     std::log((then.employees[it->second] + 1.0) / size)});
    }
  }
  return out;
}

std::optional<double> growth_beta(const RunRecord& run) {
  const int edges[] = {6, 10, 20, 50, 100, 250, 1 << 30};
  const auto growth = growth_rates(run);
  std::vector<double> x, y;
  for (std::size_t b = 0; b + 1 < std::size(edges); ++b) {
    std::vector<double> rates, sizes;
    for (const Growth& g : growth)
      if (g.employees >= edges[b] && g.employees < edges[b + 1])
        rates.push_back(g.employee_rate), sizes.push_back(g.employees);
    if (rates.size() < 20) continue;
    x.push_back(std::log(mean_of(sizes)));
    y.push_back(std::log(sd_of(rates)));
  }
  if (x.size() < 3) return std::nullopt;
  return -slope(x, y);
}

std::optional<double> laplace_ratio(const RunRecord& run) {
  std::vector<double> rates;
  for (const Growth& g : growth_rates(run))
    if (g.employees >= 6 && g.employees <= 50) rates.push_back(g.rate);
  if (rates.size() < 50) return std::nullopt;
  const double m = mean_of(rates);
  double deviation = 0;
  for (const double r : rates) deviation += std::abs(r - m);
  return deviation / double(rates.size()) / sd_of(rates);
}

std::optional<double> young_over_old_exit(const RunRecord& run) {
  const auto exited = exits(run);
  double young = 0, young_out = 0, old = 0, old_out = 0;
  for (const auto& [month, snap] : snapshots(run)) {
    if (month % 12 != 0 || month + 12 > months(run)) continue;
    const FirmRows& f = snap->firms;
    for (std::size_t k = 0; k < f.uid.size(); ++k) {
      if (f.public_sector[k] || !studied(f.region[k])) continue;
      const int age = month - f.birth[k];
      const auto it = exited.find(f.uid[k]);
      const bool out = it != exited.end() && it->second.month <= month + 12;
      if (age < 12) young += 1, young_out += out;
      if (age >= 60) old += 1, old_out += out;
    }
  }
  if (young < 30 || old < 30 || old_out == 0) return std::nullopt;
  return (young_out / young) / (old_out / old);
}

std::optional<double> degree_skewness(const RunRecord& run) {
  std::vector<double> degrees;
  for (const auto& [uid, neighbours] : network(run)) degrees.push_back(double(neighbours.size()));
  if (degrees.size() < 100) return std::nullopt;
  const double m = mean_of(degrees), sd = sd_of(degrees);
  double third = 0;
  for (const double d : degrees) third += std::pow((d - m) / sd, 3);
  return third / double(degrees.size());
}

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
      if (f.public_sector[k] || f.employees[k] < 10 || !studied(f.region[k])) continue;
      ++firms;
      in += partners.count(f.uid[k]) > 0;
    }
    if (firms > 0) shares.push_back(double(in) / firms);
  }
  if (shares.empty()) return std::nullopt;
  return mean_of(shares);
}

}  // namespace ecosim::measures
