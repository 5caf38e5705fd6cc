#pragma once

#include "model/world.hpp"

namespace ecosim {

// Probability that a project reaches its goals: the base rate shifted (on the logit scale) by
// the parties' capability in the theme, their trust in each other, how fully it is funded,
// and the cost of coordinating many parties (halved with a single contract owner);
// transparency lowers the risk of failure.
double success_probability(const World& world, const Scenario& s, const Project& p);

}  // namespace ecosim
