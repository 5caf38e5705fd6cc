// Phase 7, outcomes (ODD: submodel "projects"): what a project that ended brings its parties
// and its region, and how it changes their trust. Applied serially, in project order.
#pragma once

#include "world/world.hpp"

namespace ecosim {

// New products sell: turnover_nok_per_month joins the firm's innovation revenue (turnover from
// new products, as CIS counts it, fading as they age); projects.innovation_hiring_share of it is
// made by staff hired for it, so the firm's capacity grows, and only the rest is margin.
void sell_new_products(World& world, const Scenario& s, FirmId i, double turnover_nok_per_month);

// What a success brings, by theme, on top of knowledge and product-innovation revenue.
void apply_outcomes(World& world, const Scenario& s, const Project& p);

// Trust between the parties rises after a success and falls after a failure or a stop; a party
// that closed or ran out of cash broke its commitment and loses the others' trust.
void update_trust(World& world, const Scenario& s, const Project& p);

// A project stopped at its review pays back what its funders had not yet spent, to their
// current budgets: the point of evaluating against goals.
void refund_unspent(World& world, Project& p);

// Frees the parties of a project that no longer runs.
void release(World& world, const Project& p);

// A continued project ends: what its private side paid on turns into further revenue.
void end_continuation(World& world, const Scenario& s, const Project& p);

}  // namespace ecosim
