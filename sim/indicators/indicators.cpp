#include "indicators/indicators.hpp"

#include <cmath>
#include <numeric>

#include "engine/parallel.hpp"

namespace ecosim {

const std::array<IndicatorInfo, kIndicators> kIndicatorInfo = {{
    {"jobs", "person", "employees of alive firms"},
    {"firms", "firm", "alive firms"},
    {"entries", "firm/month", "new firms this step"},
    {"exits", "firm/month", "firms that closed this step"},
    {"labour_force", "person", "labour force available to firms"},
    {"employment_rate", "1", "jobs / labour force"},
    {"employment_rate_relative", "1", "employment rate minus the mean of the other regions"},
    {"job_growth", "1", "jobs now / jobs 12 steps ago - 1 (in the first year: since month 1)"},
    {"job_growth_relative", "1", "job growth minus the mean of the other regions"},
    {"entry_rate", "1/year", "entries over the last 12 steps (first year: annualised) / alive firms"},
    {"entry_rate_relative", "1/year", "entry rate minus the mean of the other regions"},
    {"diversity_shannon", "nat", "Shannon entropy of employment by sector"},
    {"diversity_hhi", "1", "Herfindahl-Hirschman index of employment by sector"},
    {"competence_gap", "1", "skilled hires not found / skilled hires sought this step"},
    {"satisfaction", "1", "mean satisfaction of firms with their municipality"},
    {"output", "NOK/month", "output of firms, product-innovation revenue included"},
    {"innovation_revenue", "NOK/month", "revenue from product innovations of projects"},
    {"emissions", "t CO2e/month", "greenhouse-gas emissions of firms"},
    {"proposals", "project/month", "project proposals led from the region"},
    {"projects_started", "project/month", "proposals funded and started"},
    {"projects_active", "project", "projects running at the end of the step"},
    {"public_money", "NOK/month", "municipal and agency money committed to projects started"},
    {"private_money", "NOK/month", "firm and investor cash committed to projects started"},
    {"leaked_money", "NOK/month", "public money of projects started that leaks away (no transparency)"},
    {"leverage", "1", "private / public money of projects started over the last 12 steps (0: no public)"},
    {"rejected", "project/month", "proposals rejected (by rule: rejected_by_rule)"},
    {"mean_trust", "1", "mean trust of firms' ties to other firms"},
    {"ties_per_firm", "tie", "mean number of ties a firm holds to other firms"},
    {"network_density", "1", "ties among the region's firms / (firms * (firms - 1))"},
}};

namespace {

// Per-region sums over firms, in one deterministic pass.
struct FirmSums {
  enum : std::size_t { jobs, firms, skilled_wanted, skilled_unfilled, satisfaction, output,
                       innovation, emissions, trust, ties, ties_within, n };
  static constexpr std::size_t kRow = n + kSectors + kRungs;  // then jobs by sector, ties by rung
  std::size_t regions;
  std::vector<double> cells;  // [region][kRow]
  explicit FirmSums(std::size_t r) : regions(r), cells(r * kRow, 0.0) {}
  double* row(std::size_t r) { return &cells[r * kRow]; }
  const double* row(std::size_t r) const { return &cells[r * kRow]; }
  void merge(const FirmSums& o) {
    for (std::size_t j = 0; j < cells.size(); ++j) cells[j] += o.cells[j];
  }
};

double mean_of_others(const Observation& o, std::size_t region, Indicator k) {
  if (o.regions < 2) return o.at(region, k);
  double sum = 0;
  for (std::size_t r = 0; r < o.regions; ++r)
    if (r != region) sum += o.at(r, k);
  return sum / static_cast<double>(o.regions - 1);
}

}  // namespace

// Sum of the last 12 entries of each region's value.
std::vector<double> sum_of(const std::deque<std::vector<double>>& past, std::size_t regions) {
  std::vector<double> total(regions, 0.0);
  for (const auto& row : past)
    for (std::size_t r = 0; r < regions; ++r) total[r] += row[r];
  return total;
}

void remember(std::deque<std::vector<double>>& past, std::vector<double> now) {
  past.push_back(std::move(now));
  if (past.size() > 12) past.pop_front();
}

Observation Observer::observe(const World& world) {
  const FirmTable& f = world.firms;
  const std::size_t regions = world.regions.size();
  const std::array<double, 3>& ladder = ladder_;
  const FirmSums sums = deterministic_reduce(f.size(), FirmSums(regions), [&](FirmSums& acc, std::size_t i) {
    if (!f.alive[i]) return;
    double* row = acc.row(f.region[i]);
    row[FirmSums::jobs] += f.employees[i];
    row[FirmSums::firms] += 1;
    row[FirmSums::skilled_wanted] += f.skilled_wanted[i];
    row[FirmSums::skilled_unfilled] += f.skilled_unfilled[i];
    row[FirmSums::satisfaction] += f.satisfaction[i];
    row[FirmSums::output] += f.output_nok[i];
    row[FirmSums::innovation] += f.innovation_revenue_nok[i];
    row[FirmSums::emissions] += f.emissions_t[i];
    const Tie* ties = world.trust.ties_of(static_cast<std::uint32_t>(i));
    for (int k = 0; k < world.trust.slots(); ++k) {
      if (!ties[k].other.is_firm() || !f.alive[ties[k].other.index()]) continue;
      row[FirmSums::trust] += ties[k].trust;
      row[FirmSums::ties] += 1;
      row[FirmSums::ties_within] += f.region[ties[k].other.index()] == f.region[i];
      row[FirmSums::n + kSectors + static_cast<std::size_t>(rung_of(ties[k].trust, ladder))] += 1;
    }
    row[FirmSums::n + f.sector[i]] += f.employees[i];
  });

  Observation o;
  o.step = world.step;
  o.regions = regions;
  o.values.assign(regions * kIndicators, 0.0);
  o.jobs_by_sector.assign(regions * kSectors, 0.0);
  o.started_by_theme.assign(regions * kThemes, 0.0);
  o.rejected_by_rule.assign(regions * kChecks, 0.0);
  o.ties_by_rung.assign(regions * kRungs, 0.0);
  std::vector<double> public_now(regions), private_now(regions);
  std::vector<double> active(regions, 0.0);
  for (std::uint32_t id : world.active_projects) active[world.projects[id].region] += 1;

  std::vector<double> jobs_now(regions), entries_now(regions);
  for (std::size_t r = 0; r < regions; ++r) {
    const double* row = sums.row(r);
    const RegionState& region = world.regions[r];
    const double jobs = row[FirmSums::jobs], firms = row[FirmSums::firms];
    using I = Indicator;
    o.at(r, I::jobs) = jobs;
    o.at(r, I::firms) = firms;
    o.at(r, I::entries) = static_cast<double>(region.entries);
    o.at(r, I::exits) = static_cast<double>(region.exits);
    o.at(r, I::labour_force) = region.labour_force;
    o.at(r, I::employment_rate) = region.labour_force > 0 ? jobs / region.labour_force : 0.0;
    double shannon = 0, hhi = 0;
    for (std::size_t k = 0; k < kSectors; ++k) {
      const double sector_jobs = row[FirmSums::n + k];
      o.jobs_by_sector[r * kSectors + k] = sector_jobs;
      if (jobs <= 0 || sector_jobs <= 0) continue;
      const double p = sector_jobs / jobs;
      shannon -= p * std::log(p);
      hhi += p * p;
    }
    o.at(r, I::diversity_shannon) = shannon;
    o.at(r, I::diversity_hhi) = hhi;
    o.at(r, I::competence_gap) =
        row[FirmSums::skilled_wanted] > 0 ? row[FirmSums::skilled_unfilled] / row[FirmSums::skilled_wanted] : 0.0;
    o.at(r, I::satisfaction) = firms > 0 ? row[FirmSums::satisfaction] / firms : 0.0;
    o.at(r, I::output) = row[FirmSums::output];
    o.at(r, I::innovation_revenue) = row[FirmSums::innovation];
    o.at(r, I::emissions) = row[FirmSums::emissions];
    o.at(r, I::proposals) = static_cast<double>(region.proposals);
    o.at(r, I::projects_started) = static_cast<double>(region.projects_started);
    o.at(r, I::projects_active) = active[r];
    o.at(r, I::public_money) = region.public_money_nok;
    o.at(r, I::private_money) = region.private_money_nok;
    o.at(r, I::leaked_money) = region.leaked_nok;
    double rejected = 0;
    for (std::size_t c = 0; c < kChecks; ++c) {
      o.rejected_by_rule[r * kChecks + c] = static_cast<double>(region.rejected_by[c]);
      rejected += static_cast<double>(region.rejected_by[c]);
    }
    o.at(r, I::rejected) = rejected;
    for (std::size_t k = 0; k < kRungs; ++k) o.ties_by_rung[r * kRungs + k] = row[FirmSums::n + kSectors + k];
    o.at(r, I::network_density) = firms > 1 ? row[FirmSums::ties_within] / (firms * (firms - 1)) : 0.0;
    public_now[r] = region.public_money_nok;
    private_now[r] = region.private_money_nok;
    o.at(r, I::mean_trust) = row[FirmSums::ties] > 0 ? row[FirmSums::trust] / row[FirmSums::ties] : 0.0;
    o.at(r, I::ties_per_firm) = firms > 0 ? row[FirmSums::ties] / firms : 0.0;
    for (std::size_t t = 0; t < kThemes; ++t) o.started_by_theme[r * kThemes + t] = region.started_by_theme[t];
    jobs_now[r] = jobs;
    entries_now[r] = static_cast<double>(region.entries);
  }

  // Growth over the last 12 steps (or since the first observation during the first year).
  remember(past_entries_, entries_now);
  remember(past_public_, public_now);
  remember(past_private_, private_now);
  const std::vector<double> public_year = sum_of(past_public_, regions);
  const std::vector<double> private_year = sum_of(past_private_, regions);
  const std::vector<double> entries_year = sum_of(past_entries_, regions);
  const std::vector<double>& jobs_then = past_jobs_.empty() ? jobs_now : past_jobs_.front();
  for (std::size_t r = 0; r < regions; ++r) {
    using I = Indicator;
    o.at(r, I::job_growth) = jobs_then[r] > 0 ? jobs_now[r] / jobs_then[r] - 1.0 : 0.0;
    const double firms = o.at(r, I::firms);
    const double annual = 12.0 / static_cast<double>(past_entries_.size());
    o.at(r, I::entry_rate) = firms > 0 ? entries_year[r] * annual / firms : 0.0;
    o.at(r, I::leverage) = public_year[r] > 0 ? private_year[r] / public_year[r] : 0.0;
  }
  remember(past_jobs_, jobs_now);
  for (std::size_t r = 0; r < regions; ++r) {
    using I = Indicator;
    o.at(r, I::employment_rate_relative) = o.at(r, I::employment_rate) - mean_of_others(o, r, I::employment_rate);
    o.at(r, I::job_growth_relative) = o.at(r, I::job_growth) - mean_of_others(o, r, I::job_growth);
    o.at(r, I::entry_rate_relative) = o.at(r, I::entry_rate) - mean_of_others(o, r, I::entry_rate);
  }
  return o;
}

}  // namespace ecosim
