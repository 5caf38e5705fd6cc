#pragma once

#include "world/world.hpp"

namespace ecosim {

struct SuccessOutlook {
  double probability = 0;
  double complementarity = 0;  // mean gap between the lead's and each partner's knowledge
};

// How likely a project is to reach its goals: the base rate shifted on the logit scale by the
// parties' practised capability in the theme, how well their knowledge complements the lead's,
// the lead's trust in them, how fully its work is funded (leaked money and reporting overhead do
// no work), how much the parties have at stake (their own share), and the cost of coordinating
// many parties and their other projects (less with one contract owner, in the municipality's
// partnerships). Reads the world and the project only.
SuccessOutlook assess_success(const World& world, const Scenario& s, const Project& p);

// The success probability as assessed at financing, lowered as if the money parties withdrew
// (by closing or running out of cash) had never been pledged.
double realised_success(const Scenario& s, const Project& p);

}  // namespace ecosim
