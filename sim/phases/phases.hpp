// The phases of one monthly step, in the order Simulation::step runs them (DESIGN.md §3;
// docs/MODEL.md §3). Each reads the frozen Scenario and changes only the World; each is
// data-parallel where it touches every agent, and resolves cross-agent effects in a fixed order.
#pragma once

#include "scenario/scenario.hpp"
#include "world/world.hpp"

namespace ecosim {

// Calendar: resets the regions' flows; in January renews municipal and agency budgets.
void begin_step(World& world, const Scenario& s);

// 1. Economy: demand shocks, labour supply, hiring and firing, production, cash, emissions.
void run_economy(World& world, const Scenario& s);

// 2. Dialogue: municipal meetings, brokered meetings, satisfaction, trust decay.
void hold_dialogue(World& world, const Scenario& s);

// 3-5. Ideas, partner search and financing under the co-financing rules.
void form_partnerships(World& world, const Scenario& s);

// 6-7. Execution, evaluation against goals, and outcomes of finished projects.
void run_projects(World& world, const Scenario& s);

// 8. Demography: exits (insolvency, hazard) and entries (attitude, spin-offs).
void update_demography(World& world, const Scenario& s);

}  // namespace ecosim
