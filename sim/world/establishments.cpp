#include "world/establishments.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ecosim {
namespace {

// Counts of n items over (unnormalised) weights, by largest remainder: they add up to n.
template <class Weights>
std::vector<std::int64_t> largest_remainder(const Weights& weights, std::int64_t n) {
  double total = 0;
  for (const double w : weights) total += w;
  std::vector<std::int64_t> counts;
  std::vector<std::pair<double, std::size_t>> remainders;
  std::int64_t given = 0;
  for (const double w : weights) {
    const double exact = total > 0 ? n * w / total : 0.0;
    counts.push_back(static_cast<std::int64_t>(std::floor(exact)));
    given += counts.back();
    remainders.push_back({exact - std::floor(exact), counts.size() - 1});
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; given < n && k < remainders.size(); ++k, ++given)
    ++counts[remainders[k].second];
  return counts;
}

// Draws an index in proportion to weights (all >= 0, not all 0).
template <class Weights>
std::size_t pick(const Weights& weights, double u) {
  double total = 0;
  for (const double w : weights) total += w;
  double left = u * total;
  std::size_t k = 0;
  for (const double w : weights) {
    if (w > 0 && left < w) return k;
    left -= w;
    ++k;
  }
  for (k = weights.size(); k-- > 0;)  // rounding at the end: the last positive weight
    if (*(weights.begin() + static_cast<std::ptrdiff_t>(k)) > 0) return k;
  return 0;
}

// Zipf sizes inside [low, high]: P(S = s) ~ s^-(1 + alpha); discrete for bounded classes, a
// continuous (then floored) Pareto for the open top class, whose range is wide.
class ZipfClass {
 public:
  ZipfClass(int low, int high, double alpha, bool open)
      : low_(low), high_(high), alpha_(alpha), open_(open) {
    if (open_) return;
    double sum = 0;
    for (int size = low; size <= high; ++size)
      cumulative_.push_back(sum += std::pow(size, -(1.0 + alpha)));
    for (double& c : cumulative_) c /= sum;
  }
  int size(double u) const {
    if (!open_) {
      const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
      return low_ +
             static_cast<int>(std::min<std::ptrdiff_t>(it - cumulative_.begin(), high_ - low_));
    }
    const double a = std::pow(low_, -alpha_), b = std::pow(high_ + 1.0, -alpha_);
    return std::min(high_, static_cast<int>(std::floor(std::pow(a - u * (a - b), -1.0 / alpha_))));
  }

 private:
  int low_, high_;
  double alpha_;
  bool open_;
  std::vector<double> cumulative_;
};

ZipfClass zipf_class(const Scenario& s, SizeClass c) {
  const auto k = static_cast<std::size_t>(c);
  const bool top = k + 1 == kSizeClasses;
  const int high = top ? std::max(kSizeClassFloor[k], s.firms.max_initial_employees)
                       : kSizeClassFloor[k + 1] - 1;
  return ZipfClass(std::max(1, kSizeClassFloor[k]), high, s.firms.size_tail_exponent, top);
}

// Scales the employees above their class floor in the largest class that has establishments so
// that the sum reaches `target`; the last units go to the largest establishment.
void scale_to(std::vector<Establishment>& all, std::int64_t target, Rng& rng) {
  SizeClass top = SizeClass::none;
  for (const Establishment& e : all) top = std::max(top, size_class_of(e.employees));
  if (top == SizeClass::none) return;
  const int floor = kSizeClassFloor[static_cast<std::size_t>(top)];
  std::int64_t sum = 0, excess = 0;
  for (const Establishment& e : all) {
    sum += e.employees;
    if (size_class_of(e.employees) == top) excess += e.employees - floor;
  }
  const double factor =
      excess > 0 ? std::max(0.0, 1.0 + double(target - sum) / double(excess)) : 1.0;
  Establishment* largest = nullptr;
  sum = 0;
  for (Establishment& e : all) {
    if (size_class_of(e.employees) == top) {
      const double scaled = floor + (e.employees - floor) * factor;
      const double whole = std::floor(scaled);
      e.employees = static_cast<std::int32_t>(whole) + (uniform01(rng) < scaled - whole ? 1 : 0);
    }
    sum += e.employees;
    if (!largest || e.employees > largest->employees) largest = &e;
  }
  largest->employees =
      static_cast<std::int32_t>(std::max<std::int64_t>(1, largest->employees + target - sum));
}

}  // namespace

SectorArray private_sector_weights(const Scenario& s, RegionId region) {
  const SectorArray& shares = s.regions[region].sector_shares;
  SectorArray weights{};
  double total = 0;
  for (const Sector k : kAllSectors)
    total += weights[k] = shares[k] * (1.0 - s.firms.public_share[k]);
  return total > 0 ? weights : shares;
}

std::vector<Establishment> draw_establishments(const Scenario& s, RegionId region, Rng& rng) {
  const RegionParams& p = s.regions[region];
  std::vector<Establishment> all;
  all.reserve(static_cast<std::size_t>(p.firms));
  // Sizes: exact class counts, one draw per stratum of each class.
  const std::vector<std::int64_t> counts = largest_remainder(s.firms.size_class_shares, p.firms);
  for (const SizeClass c : kAllSizeClasses) {
    const std::int64_t n = counts[static_cast<std::size_t>(c)];
    if (c == SizeClass::none) {
      all.insert(all.end(), static_cast<std::size_t>(n), Establishment{});
      continue;
    }
    const ZipfClass sizes = zipf_class(s, c);
    for (std::int64_t j = 0; j < n; ++j)
      all.push_back({Sector::manufacturing, sizes.size((double(j) + uniform01(rng)) / double(n))});
  }
  // Working owners: a share of jobs, among the establishments without employees.
  std::int64_t employees = 0;
  for (const Establishment& e : all) employees += e.employees;
  const std::int64_t owners =
      p.jobs > 0
          ? std::llround(p.self_employed_share * p.jobs)
          : std::llround(p.self_employed_share / (1.0 - p.self_employed_share) * double(employees));
  if (p.jobs > 0) scale_to(all, p.jobs - owners, rng);
  employees = 0;
  for (const Establishment& e : all) employees += e.employees;

  // Sectors: employers largest first, each where most of its sector's jobs are still missing.
  std::vector<std::size_t> order(all.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return all[a].employees > all[b].employees;
  });
  // Sector shares are of all jobs: the working owners' expected jobs are not missing.
  const SectorArray solo = private_sector_weights(s, region);
  double solo_total = 0;
  for (const Sector k : kAllSectors) solo_total += solo[k];
  SectorArray owner_jobs{}, missing{};
  for (const Sector k : kAllSectors) {
    owner_jobs[k] = double(owners) * solo[k] / std::max(1e-12, solo_total);
    missing[k] = p.sector_shares[k] * double(employees + owners) - owner_jobs[k];
  }
  for (const std::size_t i : order) {
    Establishment& e = all[i];
    if (e.employees == 0) {
      e.sector = kAllSectors[pick(solo, uniform01(rng))];
      continue;
    }
    SectorArray weight{};
    for (const Sector k : kAllSectors)
      weight[k] = p.sector_shares[k] > 0 ? std::max(1.0, missing[k]) : 0.0;
    e.sector = kAllSectors[pick(weight, uniform01(rng))];
    missing[e.sector] -= e.employees;
  }
  // Public establishments, largest first, until each sector's public share of jobs is met.
  // SSB's public shares count all jobs, working owners (all private) included.
  SectorArray public_left{}, jobs_left{};
  for (const Establishment& e : all) jobs_left[e.sector] += e.employees;
  for (const Sector k : kAllSectors)
    public_left[k] = s.firms.public_share[k] * (jobs_left[k] + owner_jobs[k]);
  for (const std::size_t i : order) {
    Establishment& e = all[i];
    if (e.employees == 0 || jobs_left[e.sector] <= 0) continue;
    const double chance = std::min(1.0, public_left[e.sector] / jobs_left[e.sector]);
    if (uniform01(rng) < chance) {
      e.is_public = true;
      public_left[e.sector] -= e.employees;
    }
    jobs_left[e.sector] -= e.employees;
  }
  // A random order, and the working owners the first of those without employees in it.
  for (std::size_t i = all.size(); i > 1; --i)
    std::swap(all[i - 1], all[static_cast<std::size_t>(uniform01(rng) * double(i))]);
  std::int64_t owners_left = owners;
  for (Establishment& e : all)
    if (e.employees == 0 && owners_left > 0) e.owner_works = true, --owners_left;
  return all;
}

Establishment draw_entrant(const Scenario& s, RegionId region, double owner_works, Rng& rng) {
  Establishment e;
  e.sector = kAllSectors[pick(private_sector_weights(s, region), uniform01(rng))];
  if (uniform01(rng) < s.firms.entrant_no_employee_share) {
    e.owner_works = uniform01(rng) < owner_works;
  } else {
    e.employees = zipf_class(s, SizeClass::e1_4).size(uniform01(rng));
  }
  return e;
}

}  // namespace ecosim
