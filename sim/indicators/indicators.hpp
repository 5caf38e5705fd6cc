// Observing a step: every indicator of kIndicators and kBreakdowns (catalogue.hpp) per region,
// computed from the World in one deterministic pass over firms. The recorder is the only
// consumer of the observations; docs/FORMAT.md lists them.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "engine/members.hpp"
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
  // Everything it holds, in one listed aggregate (kMembers below): the months remembered are
  // its state; the ladder and the recording calendar are copies of the scenario's.
  struct State {
    std::array<double, 3> ladder;
    SimulationParams simulation;
    PastYear jobs, entries, public_money, private_money;
  };

  explicit Observer(const Scenario& s) : state_{s.trust.ladder, s.simulation, {}, {}, {}, {}} {}
  Observation observe(const World& world);
  State& state() { return state_; }
  const State& state() const { return state_; }

 private:
  State state_;
};

template <>
inline constexpr auto kMembers<Observer::State> = std::tuple{
    ECOSIM_DERIVED(Observer::State, ladder, "1", "trust.ladder, the scenario's"),
    ECOSIM_DERIVED(Observer::State, simulation, "1",
                   "the scenario's simulation section (the recording calendar)"),
    ECOSIM_MEMBER(Observer::State, jobs, "job", "each region's jobs, last 12 months"),
    ECOSIM_MEMBER(Observer::State, entries, "firm", "each region's entries, last 12 months"),
    ECOSIM_MEMBER(Observer::State, public_money, "NOK",
                  "each region's public money committed, last 12 months"),
    ECOSIM_MEMBER(Observer::State, private_money, "NOK",
                  "each region's private money committed, last 12 months")};
static_assert(lists_every_member<Observer::State>(), "Observer: list each member here");
// Its one member is its State: a member added beside it would not be listed (nor saved).
static_assert(sizeof(Observer) == sizeof(Observer::State), "Observer keeps every member in State");

// The reference of every indicator (markdown: dataset, shape, units, description), from
// kIndicators and kBreakdowns; docs/FORMAT.md holds it (`ecosim indicators`).
std::string indicator_table_markdown();

// The per-region sums over alive firms that the indicators read.
IdVector<RegionId, FirmTotals> total_firms(const World& world, const std::array<double, 3>& ladder);

}  // namespace ecosim
