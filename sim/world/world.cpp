#include "world/world.hpp"

namespace ecosim {

RegionId region_of(const World& world, ActorRef actor) {
  return visit(
      actor, [&](FirmId f) { return world.firms.region[f]; },
      [&](UniversityId u) { return world.universities[u].region; });
}

MunicipalityId municipality_of(const World& world, ActorRef actor) {
  return visit(
      actor, [&](FirmId f) { return world.firms.municipality[f]; },
      [&](UniversityId u) { return world.universities[u].municipality; });
}

Project& open_project(World& world, ActorRef lead, Theme theme) {
  const ProjectId id = world.projects.next_id();
  Project& p = world.projects.emplace_back();
  p.id = id;
  p.step = world.step;
  p.theme = theme;
  p.lead = lead;
  p.region = region_of(world, lead);
  p.municipality = municipality_of(world, lead);
  p.parties.push_back({.actor = lead, .region = p.region});
  return p;
}

int active_projects_of(const World& world, ActorRef actor) {
  return visit(
      actor, [&](FirmId f) { return int{world.firms.active_projects[f]}; },
      [&](UniversityId u) { return world.universities[u].active_projects; });
}

bool has_room(const World& world, const Scenario& s, ActorRef actor) {
  const int limit = visit(
      actor, [&](FirmId) { return s.projects.max_projects_per_firm; },
      [&](UniversityId) { return s.universities.max_concurrent_projects; });
  return active_projects_of(world, actor) < limit;
}

void count_project(World& world, ActorRef actor, int change) {
  visit(
      actor,
      [&](FirmId f) {
        std::uint8_t& n = world.firms.active_projects[f];
        n = static_cast<std::uint8_t>(n + change);
      },
      [&](UniversityId u) { world.universities[u].active_projects += change; });
}

}  // namespace ecosim
