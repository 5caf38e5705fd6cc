// Phase 8, Demography (ODD: submodel "demography").
#include <boost/random/poisson_distribution.hpp>
#include <cmath>

#include "engine/parallel.hpp"
#include "phases/phases.hpp"
#include "rules/firms.hpp"
#include "world/build.hpp"
#include "world/random.hpp"
#include "world/rosters.hpp"

namespace ecosim {
namespace {

struct RegionCounts {
  std::vector<std::int64_t> exits, alive;
  std::vector<FirmId> exited;  // in firm order
  explicit RegionCounts(std::size_t regions) : exits(regions, 0), alive(regions, 0) {}
  void merge(const RegionCounts& o) {
    for (std::size_t r = 0; r < exits.size(); ++r) exits[r] += o.exits[r], alive[r] += o.alive[r];
    exited.insert(exited.end(), o.exited.begin(), o.exited.end());
  }
};

// A private firm exits after insolvency_months of negative cash, or by its hazard, which
// falls with size and age. Counts alive private firms, which entry scales with. The reduce
// visits each firm exactly once, so each may change its own row while being counted.
RegionCounts remove_exiting_firms(World& world, const Scenario& s) {
  FirmTable& f = world.firms;
  const ExitHazards hazards(s.firms);
  return deterministic_reduce(
      f.size(), RegionCounts(world.regions.size()), [&](RegionCounts& acc, std::size_t k) {
        const FirmId i(k);
        if (!f.alive[i] || f.is_public[i]) return;
        Rng rng = rng_for(s, i, world.step, Stream::firm_exit);
        const bool insolvent = f.months_negative[i] >= s.firms.insolvency_months;
        if (insolvent ||
            happens_at_rate(hazards.per_year(world.step - f.birth_step[i], f.employees[i]) / 12.0,
                            uniform01(rng))) {
          f.alive[i] = 0;
          f.exit_step[i] = world.step;
          f.exit_cause[i] = insolvent ? ExitCause::insolvency : ExitCause::closure;
          world.trust.clear(i);
          ++acc.exits[f.region[i].index()];
          acc.exited.push_back(i);
        } else {
          ++acc.alive[f.region[i].index()];
        }
      });
}

// Rows an entrant may take over: firms that closed in an earlier step (so every tie to them
// has since been dropped by the dialogue phase) and that no running project still names.
// Reusing them keeps the tables at the size of the living economy, not of its history.
std::vector<FirmId> free_rows(const World& world) {
  const FirmTable& f = world.firms;
  return gather_chunks_in_order<FirmId>(
      f.size(), [&](std::size_t first, std::size_t last, std::vector<FirmId>& out) {
        for_each_closed_row(f, first, last, [&](FirmId i) {
          if (f.active_projects[i] == 0 && f.exit_step[i] < world.step) out.push_back(i);
        });
      });
}

// The attitude at which firms.entry_rate_per_year holds, by that key's definition (its
// description says so): a unit of the rate, not a model constant.
constexpr double kEntryRateAttitude = 0.5;

// Entrants: a Poisson number per region, from the stock of private firms and the entrepreneurial
// attitude, plus university spin-offs and start-ups seeded by entrepreneurship projects, in
// region order; each entrant then meets a few firms of its municipality. Returns their rows.
std::vector<FirmId> add_entrants(World& world, const Scenario& s, const RegionCounts& counts) {
  std::vector<RegionId> region_of_entrant;
  for (const RegionId r : world.regions.ids()) {
    const RegionParams& p = s.regions[r];
    RegionState& region = world.regions[r];
    const double expected = counts.alive[r.index()] * s.firms.entry_rate_per_year / 12.0 *
                                (p.entrepreneurial_attitude / kEntryRateAttitude) +
                            s.universities.spinoffs_per_year / 12.0 * p.universities +
                            region.pending_startups;
    region.pending_startups = 0;
    Rng rng = rng_for(s, r, world.step, Stream::firm_entry);
    boost::random::poisson_distribution<int> entrants(std::max(expected, 1e-9));
    const int n = expected > 0 ? entrants(rng) : 0;
    region_of_entrant.insert(region_of_entrant.end(), static_cast<std::size_t>(n), r);
    region.flows.entries += n;
  }
  std::vector<FirmId> rows = free_rows(world);
  rows.resize(std::min(rows.size(), region_of_entrant.size()));
  const std::size_t reused = rows.size();
  for (std::size_t k = reused; k < region_of_entrant.size(); ++k)
    rows.push_back(FirmId(world.firms.size() + k - reused));
  world.firms.resize(world.firms.size() + region_of_entrant.size() - reused);
  world.trust.resize(world.firms.size());
  for_each_index(
      rows.size(),
      [&](std::size_t k) {
        const RegionId r = region_of_entrant[k];
        Rng rng = rng_for(s, rows[k], world.step, Stream::new_firm_size);
        const Establishment e = draw_entrant(s, r, world.regions[r].owner_works_share, rng);
        world.trust.clear(rows[k]);
        init_firm(world, s, rows[k], r, e, true);
        world.firms.uid[rows[k]] =
            world.next_uid + static_cast<std::uint32_t>(k);  // in birth order
      },
      64);  // entrants are few (about 1% of firms a month): small chunks keep both threads busy
  world.next_uid += static_cast<std::uint32_t>(rows.size());
  form_first_ties(world, s, rows, s.trust.entrant_ties, false);
  return rows;
}

}  // namespace

void update_demography(World& world, const Scenario& s) {
  const RegionCounts counts = remove_exiting_firms(world, s);
  for (const RegionId r : world.regions.ids())
    world.regions[r].flows.exits += counts.exits[r.index()];
  const std::vector<FirmId> entrants = add_entrants(world, s, counts);
  update_rosters(world, s, counts.exited, entrants);
}

}  // namespace ecosim
