// Knowledge in the tradition of the SKIN models: capability per theme (what an actor knows,
// kept once learnt) and expertise per theme (how practised it is: grows while used in a
// project, fades while unused). Partners are scored on how they complement each other.
#pragma once

#include "world/world.hpp"

namespace ecosim {

// Capability of an actor in a theme (firms: knowledge; universities: research).
float capability_of(const World& world, ActorRef actor, std::size_t theme);

// Effective capability: capability weighted by practice, (0.5 + 0.5 expertise) for firms.
float effective_capability(const World& world, ActorRef actor, std::size_t theme);

// How different two knowledge profiles are: the mean absolute gap over themes, in [0, 1].
float complementarity(const World& world, ActorRef a, ActorRef b);

// Expertise grows in each theme a firm works on this step and fades in the others.
void practise_expertise(World& world, const Scenario& s);

}  // namespace ecosim
