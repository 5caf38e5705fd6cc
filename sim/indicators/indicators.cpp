#include "indicators/indicators.hpp"

#include <algorithm>
#include <cstdint>

#include "engine/parallel.hpp"
#include "rules/trust.hpp"

namespace ecosim {

void FirmTotals::add(const FirmTotals& o) {
  jobs += o.jobs, public_jobs += o.public_jobs, firms += o.firms, private_firms += o.private_firms;
  skilled_wanted += o.skilled_wanted;
  staffed += o.staffed, recruitment_problems += o.recruitment_problems;
  skilled_unfilled += o.skilled_unfilled, satisfaction += o.satisfaction, output += o.output;
  innovation += o.innovation, emissions += o.emissions;
  trust += o.trust, ties += o.ties, ties_within += o.ties_within;
  for (const Sector k : kAllSectors) jobs_by_sector[k] += o.jobs_by_sector[k];
  for (const Rung k : kAllRungs) ties_by_rung[k] += o.ties_by_rung[k];
}

namespace {

struct RegionTotals {
  IdVector<RegionId, FirmTotals> regions;
  void merge(const RegionTotals& o) {
    for (const RegionId r : regions.ids()) regions[r].add(o.regions[r]);
  }
};

void remember(PastYear& past, std::vector<double> now) {
  past.push_back(std::move(now));
  if (past.size() > 12) past.pop_front();
}

IndicatorId indicator_index(std::string_view name) {
  for (std::size_t k = 0; k < kIndicators.size(); ++k)
    if (kIndicators[k].name == name) return {k};
  throw std::logic_error("no indicator named " + std::string(name));
}

// Column k = column base minus its mean over the other regions, in O(regions): the others' sum
// is the sum of the regions before (added in region order) plus the sum of those after (added
// from the last), the same numbers as a loop over the others for up to three regions (every
// scenario of the repository; beyond, the last bits may differ).
void fill_relative(Observation& o, IndicatorId k, IndicatorId base) {
  const std::size_t n = o.regions;
  if (n == 0) return;
  const auto value = [&](std::size_t r) { return o.at(RegionId(r), base); };
  std::vector<double> after(n, 0.0);  // after[r]: v[r+1] + (v[r+2] + (... + 0))
  for (std::size_t r = n - 1; r-- > 0;) after[r] = value(r + 1) + after[r + 1];
  double before = 0;
  for (std::size_t r = 0; r < n; ++r) {
    const double own = value(r);
    o.at(RegionId(r), k) =
        n < 2 ? own - own : own - (before + after[r]) / static_cast<double>(n - 1);
    before += own;
  }
}

}  // namespace

IdVector<RegionId, FirmTotals> total_firms(const World& world,
                                           const std::array<double, 3>& ladder) {
  const FirmTable& f = world.firms;
  RegionTotals identity{IdVector<RegionId, FirmTotals>(world.regions.size())};
  // Each chunk copies and merges a total per region: chunks of at least 16 firms per region keep
  // that below a sixteenth of the firms' own work (with one chunk per 2048 firms, 30,000 regions
  // spent most of a step copying totals). The grain depends on the scenario only, and is the
  // usual one up to 128 regions.
  const std::size_t grain = std::max(kGrain, 16 * world.regions.size());
  const LiveRegions live(f);
  const RegionTotals totals = deterministic_reduce(
      f.size(), identity,
      [&](RegionTotals& acc, std::size_t k) {
        const FirmId i(k);
        world.trust.prefetch_ties(k + 16);  // 16 ahead: 3% faster than 8 at 10^6 (2 threads)
        if (!f.alive[i]) return;
        FirmTotals& t = acc.regions[f.region[i]];
        const int jobs = jobs_of(f, i);
        t.jobs += jobs;
        t.firms += 1;
        t.jobs_by_sector[f.sector[i]] += jobs;
        t.skilled_wanted += f.skilled_wanted[i];
        t.skilled_unfilled += f.skilled_unfilled[i];
        if (f.employees[i] >= kRecruitmentSurveyMinEmployees) {
          t.staffed += 1;
          t.recruitment_problems += f.months_since_unfilled[i] < kRecruitmentLookbackMonths;
        }
        t.output += f.output_nok[i];
        t.innovation += f.innovation_revenue_nok[i];
        t.emissions += f.emissions_t[i];
        if (f.is_public[i]) {
          t.public_jobs += jobs;
          return;
        }
        t.private_firms += 1;
        t.satisfaction += f.satisfaction[i];
        const std::uint16_t own = f.region[i].index();
        for (const Tie& tie : world.trust.ties_of(i)) {
          const MaybeId<FirmId> firm = tie.other.as_firm();
          if (!firm) continue;
          const std::uint16_t other = live[*firm];
          if (other == LiveRegions::kClosed) continue;
          t.trust += tie.trust;
          t.ties += 1;
          t.ties_within += other == own;
          t.ties_by_rung[rung_of(tie.trust, ladder)] += 1;
        }
      },
      grain);
  return totals.regions;
}

std::string indicator_table_markdown() {
  std::string out = "| dataset | shape | units | description |\n| --- | --- | --- | --- |\n";
  for (const Indicator& k : kIndicators)
    out += "| `" + std::string(k.name) + "` | (time, region) | " + std::string(k.unit) + " | " +
           std::string(k.description) + " |\n";
  for (const Breakdown& b : kBreakdowns)
    out += "| `" + std::string(b.name) + "` | (time, region, " + std::string(b.axis) + ") | " +
           std::string(b.unit) + " | " + std::string(b.description) + " |\n";
  return out;
}

Observation Observer::observe(const World& world) {
  const std::size_t regions = world.regions.size();
  const IdVector<RegionId, FirmTotals> firms = total_firms(world, state_.ladder);
  IdVector<RegionId, double> active(regions, 0.0);
  for (const ProjectId id : world.active_projects) active[world.projects[id].region] += 1;

  // This step's flows join the last year's before the indicators read them; jobs join after,
  // so job growth compares with 12 steps before.
  auto per_region = [&](auto value) {
    std::vector<double> out;
    for (const RegionId r : world.regions.ids()) out.push_back(value(r));
    return out;
  };
  remember(state_.entries,
           per_region([&](RegionId r) { return double(world.regions[r].flows.entries); }));
  remember(state_.public_money,
           per_region([&](RegionId r) { return world.regions[r].flows.public_money_nok; }));
  remember(state_.private_money,
           per_region([&](RegionId r) { return world.regions[r].flows.private_money_nok; }));
  const IndicatorInputs in{
      world, firms, active, state_.jobs, state_.entries, state_.public_money, state_.private_money};

  Observation o;
  o.step = world.step;
  o.regions = regions;
  o.values.assign(regions * kIndicators.size(), 0.0);
  for (const RegionId r : world.regions.ids())
    for (std::size_t k = 0; k < kIndicators.size(); ++k)
      if (kIndicators[k].compute) o.at(r, {k}) = kIndicators[k].compute(in, r);
  for (std::size_t k = 0; k < kIndicators.size(); ++k)
    if (!kIndicators[k].relative_to.empty())
      fill_relative(o, {k}, indicator_index(kIndicators[k].relative_to));
  for (const Breakdown& b : kBreakdowns) {
    std::vector<double>& values = o.breakdowns.emplace_back(regions * b.axis_names.size(), 0.0);
    for (const RegionId r : world.regions.ids())
      b.compute(in, r,
                std::span(values).subspan(r.index() * b.axis_names.size(), b.axis_names.size()));
  }
  remember(state_.jobs, per_region([&](RegionId r) { return firms[r].jobs; }));
  o.exits = exits_of_step(world);
  if (snapshot_due(state_.simulation, world.step))
    o.snapshot = std::make_shared<const Snapshot>(take_snapshot(world, state_.ladder));
  return o;
}

}  // namespace ecosim
