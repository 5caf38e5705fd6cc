// Knowledge in the tradition of the SKIN models: capability per theme (what an actor knows,
// kept once learnt) and expertise per theme (how practised it is: grows while used in a
// project, fades while unused; phases/execution.cpp). Partners are scored on how they
// complement each other.
#pragma once

#include "scenario/vocabulary.hpp"
#include "world/actor.hpp"

namespace ecosim {

using Knowledge = PerTheme<float>;

struct World;

// Mean over themes, summed in double: the firm's general knowledge (scales its output, its
// ideas and its pull to universities). Inline: read for every firm several times a month, and
// where a caller does not use it (fixed costs gather a FirmAtWork) the compiler drops it.
inline double mean_of(const Knowledge& knowledge) {
  double sum = 0;
  for (float k : knowledge) sum += k;
  return sum / kThemes;
}

// What an actor knows per theme (firms: knowledge; universities: research).
const Knowledge& knowledge_of(const World& world, ActorRef actor);

// Effective capability in a theme: capability weighted by practice, (0.5 + 0.5 expertise) for
// firms.
float effective_capability(const World& world, ActorRef actor, Theme theme);

// How different two knowledge profiles are: the mean absolute gap over themes, in [0, 1].
float complementarity(const World& world, ActorRef a, ActorRef b);

}  // namespace ecosim
