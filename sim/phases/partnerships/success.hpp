#pragma once

#include "world/world.hpp"

namespace ecosim {

struct SuccessOutlook {
  double probability = 0;
  double complementarity = 0;  // mean gap between the lead's and each partner's knowledge
};

// How likely a project is to reach its goals: the base rate shifted on the logit scale by the
// parties' practised capability in the theme, how well their knowledge complements the lead's,
// the lead's trust in them, how fully it is funded (leaked money does no work), and the cost
// of coordinating many parties and their other projects (reduced by a single contract owner);
// transparency lowers the risk of failure. Reads the world and the project only.
SuccessOutlook assess_success(const World& world, const Scenario& s, const Project& p);

}  // namespace ecosim
