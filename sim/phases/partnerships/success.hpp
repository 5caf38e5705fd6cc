#pragma once

#include "world/world.hpp"

namespace ecosim {

// Probability that a project reaches its goals: the base rate shifted on the logit scale by
// the parties' practised capability in the theme, how well their knowledge complements the
// lead's, the lead's trust in them, how fully it is funded (leaked money does no work), and
// the cost of coordinating many parties and their other projects (reduced by a single
// contract owner); transparency lowers the risk of failure. Also stores the complementarity.
double success_probability(const World& world, const Scenario& s, Project& p);

}  // namespace ecosim
