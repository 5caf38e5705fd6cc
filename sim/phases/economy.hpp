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

// Each firm's wish: Gibrat-like growth of its capacity with Laplace shocks whose spread falls
// with size (Stanley et al. 1996), pushed by its sector's demand and pulled down by losses.
// Firing happens at once; hires are only wished for here.
void plan_employment(World& world, const Scenario& s);

// Hires against each region's pools of job seekers (skilled jobs need skilled seekers), then
// production, wages, project instalments, cash and emissions.
void hire_and_produce(World& world, const Scenario& s);

// The region's jobs (employees and working owners of alive firms), which unemployment and
// the wage curve read next month.
void count_jobs(World& world);

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
