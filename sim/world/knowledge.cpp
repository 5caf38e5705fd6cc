#include "world/knowledge.hpp"

#include <cmath>

#include "engine/parallel.hpp"

namespace ecosim {
namespace {

const Knowledge& profile(const World& world, ActorRef actor) {
  return actor.is_firm() ? world.firms.knowledge[actor.index()]
                         : world.universities[actor.index()].research;
}

}  // namespace

float capability_of(const World& world, ActorRef actor, std::size_t theme) {
  return profile(world, actor)[theme];
}

float effective_capability(const World& world, ActorRef actor, std::size_t theme) {
  const float k = capability_of(world, actor, theme);
  if (!actor.is_firm()) return k;
  return k * (0.5f + 0.5f * world.firms.expertise[actor.index()][theme]);
}

float complementarity(const World& world, ActorRef a, ActorRef b) {
  const Knowledge& x = profile(world, a);
  const Knowledge& y = profile(world, b);
  float gap = 0;
  for (std::size_t t = 0; t < kThemes; ++t) gap += std::fabs(x[t] - y[t]);
  return gap / kThemes;
}

void practise_expertise(World& world, const Scenario& s) {
  FirmTable& f = world.firms;
  for_each_index(f.size(), [&](std::size_t i) { f.theme_mask[i] = 0; });
  for (std::uint32_t id : world.active_projects) {
    const Project& p = world.projects[id];
    for (const Party& party : p.parties)
      if (party.actor.is_firm()) f.theme_mask[party.actor.index()] |= 1u << static_cast<unsigned>(p.theme);
  }
  const auto gain = static_cast<float>(s.projects.expertise_gain_per_month);
  const auto fade = static_cast<float>(1.0 - s.projects.expertise_decay_per_month);
  for_each_index(f.size(), [&](std::size_t i) {
    if (!f.alive[i]) return;
    for (std::size_t t = 0; t < kThemes; ++t) {
      float& e = f.expertise[i][t];
      e = (f.theme_mask[i] >> t) & 1u ? e + gain * (1.0f - e) : e * fade;
    }
  });
}

}  // namespace ecosim
