// Observing a step: every indicator of kIndicators and kBreakdowns (catalogue.hpp) per region,
// computed from the World in one deterministic pass over firms. The recorder is the only
// consumer of the observations; docs/FORMAT.md lists them.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "indicators/catalogue.hpp"
#include "indicators/snapshot.hpp"
#include "world/world.hpp"

namespace ecosim {

// One row of indicators: every region at one step; the firms that closed in it; and, in a
// snapshot month, every firm and tie (shared: copies of an observation do not copy it).
struct Observation {
  Step step = 0;
  std::size_t regions = 0;
  std::vector<double> values;                   // [region][indicator]
  std::vector<std::vector<double>> breakdowns;  // [breakdown][region][axis value]
  ExitRows exits;
  std::shared_ptr<const Snapshot> snapshot;  // null outside snapshot months

  double& at(RegionId r, IndicatorId k) { return values[r.index() * kIndicators.size() + k.index]; }
  double at(RegionId r, IndicatorId k) const {
    return values[r.index() * kIndicators.size() + k.index];
  }
  const std::vector<double>& of(BreakdownId b) const { return breakdowns[b.index]; }
};

// Computes observations step after step; remembers the last year for the yearly indicators,
// so it must see every step, recorded or not.
class Observer {
 public:
  explicit Observer(const Scenario& s) : ladder_(s.trust.ladder), simulation_(s.simulation) {}
  Observation observe(const World& world);
  // Calls visit(member) on the months remembered, for checkpoints (io/checkpoint.cpp).
  template <class Visitor>
  void visit_state(Visitor&& visit) {
    visit(past_jobs_), visit(past_entries_), visit(past_public_), visit(past_private_);
  }

 private:
  std::array<double, 3> ladder_;
  SimulationParams simulation_;
  PastYear past_jobs_, past_entries_, past_public_, past_private_;
};

// The reference of every indicator (markdown: dataset, shape, units, description), from
// kIndicators and kBreakdowns; docs/FORMAT.md holds it (`ecosim indicators`).
std::string indicator_table_markdown();

// The per-region sums over alive firms that the indicators read.
IdVector<RegionId, FirmTotals> total_firms(const World& world, const std::array<double, 3>& ladder);

}  // namespace ecosim
