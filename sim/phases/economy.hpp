// The steps of phase 1, economy (ODD: submodel "economy"), in the order run_economy runs them.
#pragma once

#include "scenario/scenario.hpp"
#include "world/world.hpp"

namespace ecosim {

// The growth factor per month of a yearly rate.
double monthly(double per_year);

// Sector demand: an AR(1) shock per (region, sector) around a trend, plus lasting gains.
void update_markets(World& world, const Scenario& s);

// Working-age population grows and moves with jobs; the labour force keeps its share of it;
// graduates and skilled newcomers replace retiring skilled workers; wages follow the wage
// curve.
void update_labour_supply(World& world, const Scenario& s);

// The labour force of `working_age` residents when `employed` of them hold a job: participation
// falls from its start by `response` points per point of unemployment above the reference (and
// rises below it), within the month (Blanchard & Katz 1992; Dao, Furceri & Loungani 2014).
double labour_force_answering_jobs(double working_age, double participation_at_start,
                                   double employed, double reference_unemployment, double response);

// Per region: the hires wished for (skilled, others) and the jobs held (skilled, others).
struct LabourMarket {
  enum : std::size_t { want_s, want_u, employed_s, employed_u, n };
  std::vector<std::int64_t> cells;  // [region][counter]
  explicit LabourMarket(std::size_t regions) : cells(regions * n, 0) {}
  std::int64_t& at(RegionId r, std::size_t k) { return cells[r.index() * n + k]; }
  std::int64_t at(RegionId r, std::size_t k) const { return cells[r.index() * n + k]; }
  void merge(const LabourMarket& o) {
    for (std::size_t j = 0; j < cells.size(); ++j) cells[j] += o.cells[j];
  }
  // An alive firm's wished hires and jobs, added to its region's.
  void add(const FirmTable& f, FirmId i) {
    const RegionId r = f.region[i];
    at(r, want_s) += f.skilled_wanted[i];
    at(r, want_u) += f.unskilled_wanted[i];
    at(r, employed_s) += f.skilled[i];
    at(r, employed_u) += jobs_of(f, i) - f.skilled[i];
  }
};

// The regions' wishes and jobs as the firm table holds them now (what plan_employment returns
// after planning).
LabourMarket labour_market(const World& world);

// Each firm's wish: Gibrat-like growth of its capacity with Laplace shocks whose spread falls
// with size (Stanley et al. 1996), pushed by its sector's demand and pulled down by losses.
// Firing happens at once; hires are only wished for here. Returns the regions' wishes and jobs.
LabourMarket plan_employment(World& world, const Scenario& s);

// Hires against each region's pools of job seekers (skilled jobs need skilled seekers), then
// production, wages, project instalments, cash and emissions; last, the regions' jobs
// (employees and working owners of alive firms), which unemployment and the wage curve read
// next month.
void hire_and_produce(World& world, const Scenario& s, const LabourMarket& market);

// After the first month: the unemployment that migration and the wage curve answer to becomes
// the region's own, the start's plus the workers between jobs once people begin to leave and
// be replaced over weeks. Anchored on the start's alone, migration drained the labour force
// toward a rate the frictions never allow (issue 16).
void settle_reference_unemployment(World& world);

// Share of the wished hires that can be met this month: about match_rate x seekers / wanted in
// a tight market, flattening toward fill_max in a slack one (recruiting takes weeks),
// fill_max (1 - exp(-x / fill_max)) with x = match_rate x seekers / wanted. Smooth, so that
// more seekers always fill a little more: cut off at fill_max, the competence gap read
// 1 - fill_max whatever the skilled pool, and the competence theme could not reach it.
double fill_ratio(std::int64_t wanted, double seekers, double match_rate, double fill_max);

}  // namespace ecosim
