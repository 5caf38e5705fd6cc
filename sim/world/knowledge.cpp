#include "world/knowledge.hpp"

#include <cmath>

#include "world/world.hpp"

namespace ecosim {

const Knowledge& knowledge_of(const World& world, ActorRef actor) {
  return visit(
      actor, [&](FirmId f) -> const Knowledge& { return world.firms.knowledge[f]; },
      [&](UniversityId u) -> const Knowledge& { return world.universities[u].research; });
}

float effective_capability(const World& world, ActorRef actor, Theme theme) {
  const float k = knowledge_of(world, actor)[theme];
  return visit(
      actor, [&](FirmId f) { return k * (0.5f + 0.5f * world.firms.expertise[f][theme]); },
      [&](UniversityId) { return k; });
}

float complementarity(const World& world, ActorRef a, ActorRef b) {
  const Knowledge& x = knowledge_of(world, a);
  const Knowledge& y = knowledge_of(world, b);
  float gap = 0;
  for (Theme t : kAllThemes) gap += std::fabs(x[t] - y[t]);
  return gap / kThemes;
}

}  // namespace ecosim
