// The establishments a region starts with, and the size and sector a new firm is born with
// (ODD: Initialization). Counts follow SSB's size classes exactly, so a region's start does not
// depend on the seed beyond the sizes inside the classes.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/rng.hpp"
#include "scenario/scenario.hpp"

namespace ecosim {

struct Establishment {
  Sector sector = Sector::manufacturing;
  std::int32_t employees = 0;
  bool is_public = false;
  bool owner_works = false;  // a working owner, counted as a job (only without employees)
};

// The region's establishments at the start, in a random order: class counts by largest
// remainder of firms.size_class_shares; sizes stratified inside each class with Zipf weights
// (P(S = s) ~ s^-(1 + size_tail_exponent)); when region.jobs > 0 the largest class is scaled
// so that employees and working owners add up to it; sectors assigned largest first so that
// each sector's employees follow sector_shares; public establishments so that each sector's
// public share of jobs holds; working owners (self_employed_share of jobs) among the
// establishments without employees.
std::vector<Establishment> draw_establishments(const Scenario& s, RegionId region, Rng& rng);

// A new firm: without employees with probability entrant_no_employee_share (its owner works
// with probability `owner_works`), else 1-4 employees; a private sector drawn by the region's
// private jobs.
Establishment draw_entrant(const Scenario& s, RegionId region, double owner_works, Rng& rng);

// Weights of the sectors among private firms without employees: each sector's share of jobs
// times its private share.
SectorArray private_sector_weights(const Scenario& s, RegionId region);

}  // namespace ecosim
