// The phases of one monthly step, in the order Simulation::step runs them (DESIGN.md §3;
// docs/MODEL.md §3). Each reads the frozen Scenario and changes only the World; each is
// data-parallel where it touches every agent, and resolves cross-agent effects in a fixed order.
// Each says what it reads and writes of the World (a member written is also read unless said;
// running totals and flows are only added to). Shorthand: f() the state a world/world.hpp
// accessor reads; rosters = municipality_firms and org_members; *x both x and skilled_x.
#pragma once

#include "scenario/scenario.hpp"
#include "world/world.hpp"

namespace ecosim {

// Calendar: resets the regions' flows, stamps the trust network's month, releases a twelfth of
// the municipalities', the agency's and investors' yearly money (in January what is left lapses,
// contract owners start afresh, investors' mobilised capital rolls over and appetite decays).
// Reads: step; regions.working_age; municipalities.{region, population}.
// Writes: regions.flows (reset); trust.now; agency.budget_left_nok; municipalities.{
//   budget_left_nok, partnerships_this_year}; investors (all but region, invested_total_nok).
void begin_step(World& world, const Scenario& s);

// 1. Economy: demand shocks, labour supply, hiring and firing, production, cash, emissions.
// Reads: step; firm state columns but {municipality, uid, exit_*, birth_step, expertise,
//   trust_in_municipality, promotion_org, active_projects}; regions (all but the id ranges,
//   owner_works_share, pending_startups, flows).
// Writes: every firm month column (cleared first: FirmTable::start_month); firms.{employees,
//   skilled, capacity, cash_nok, growth_variance, innovation_revenue_nok, months_*}; regions'
//   labour and markets (jobs, wages, demand, trends; *unemployment_at_start in the first step).
void run_economy(World& world, const Scenario& s);

// 2. Dialogue: municipal meetings, brokered meetings, satisfaction, trust decay.
// Reads: step; rosters; regions.municipalities; municipalities.{region, population};
//   promotion_orgs.{region, fee_income_nok, grant_income_nok}; universities.region;
//   firms.{alive, region}.
// Writes: firms.{met_this_step, trust_in_municipality, satisfaction}; trust (every tie decays;
//   stale ties and ties to closed firms are forgotten; meetings nudge or make ties);
//   promotion_orgs.representativeness.
void hold_dialogue(World& world, const Scenario& s);

// 3-5. Ideas, partner search and financing under the co-financing rules.
// Reads: step; rosters; universities; regions.investors; investors.risk_tolerance;
//   runway_months(); firms.{alive, municipality, uid, knowledge, expertise, promotion_org}.
// Writes: university_ties (rebuilt for the universities proposing); projects (appended);
// active_projects and the parties'
//   project counts; firms.{idea_theme, project_cost_nok_per_month}; trust (encounters);
//   regions.flows but {entries, exits}; agency; municipalities (all but region, population);
//   investors.{capital_left_nok, invested_total_nok}.
void form_partnerships(World& world, const Scenario& s);

// 6-7. Execution, evaluation against goals, and outcomes of finished projects.
// Reads: step; value_added(); firms.{alive, months_negative}; regions.{investors, labour_force}.
// Writes: projects' outcomes (status, end, continued_until, succeeded, review_signal,
//   refund_share, withdrawals); active_projects; trust; funders' budgets (refunds); universities.
//   {research, active_projects}; firms.{theme_mask, expertise, knowledge, capacity,
//   emission_factor, innovation_revenue_nok, active_projects, project_cost_nok_per_month};
//   what outcomes change in the region: regions.{pending_startups, demand_level, level_change,
//   skilled_labour_force}; investors.{mobilised_nok, risk_tolerance} (MODEL.md §7.7).
void run_projects(World& world, const Scenario& s);

// 8. Demography: exits (insolvency, hazard) and entries (attitude, spin-offs).
// Reads: step; next_uid; trust; rosters; firms.{alive, is_public, region, employees,
//   municipality, promotion_org, months_negative, birth_step, exit_step, active_projects};
//   regions.{pending_startups, owner_works_share, universities}; init_firm().
// Writes: the exits' firms.{alive, exit_step, exit_cause}; every column of the entrants' rows;
//   trust (the exits' ties cleared, the entrants' first ties); next_uid; regions.{
//   pending_startups, flows.entries, flows.exits}; rosters; promotion_orgs.fee_income_nok.
void update_demography(World& world, const Scenario& s);

}  // namespace ecosim
