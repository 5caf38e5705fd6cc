#include "world/world.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "rules/firms.hpp"
#include "rules/labour.hpp"

namespace ecosim {

static_assert(std::numeric_limits<std::remove_cvref_t<
                      decltype(std::declval<FirmTable>().active_projects[FirmId{}])>>::max() ==
                  kMaxActiveProjectsPerFirm,
              "a firm's project counter must hold kMaxActiveProjectsPerFirm");

namespace {

double demand_factor(const RegionState& region, Sector k) {
  return std::exp(region.log_demand[k] + region.demand_level[k]);
}

FirmAtWork at_work(const World& world, const Scenario& s, FirmId i, double demand) {
  const FirmTable& f = world.firms;
  const RegionState& region = world.regions[f.region[i]];
  const Sector k = f.sector[i];
  return {.sector = k,
          .is_public = f.is_public[i] != 0,
          .employees = f.employees[i],
          .capacity = f.capacity[i],
          .productivity = f.productivity[i],
          .knowledge = mean_of(f.knowledge[i]),
          .demand = demand,
          .demand_trend = region.demand_trend,
          .productivity_trend = region.productivity_trend,
          .infrastructure = s.regions[f.region[i]].infrastructure};
}

}  // namespace

FirmAtWork firm_at_work(const World& world, const Scenario& s, FirmId i) {
  const FirmTable& f = world.firms;
  return at_work(world, s, i, demand_factor(world.regions[f.region[i]], f.sector[i]));
}

DemandFactors demand_factors(const World& world) {
  DemandFactors out(world.regions.size());
  for (const RegionId r : world.regions.ids())
    for (const Sector k : kAllSectors) out[r][k] = demand_factor(world.regions[r], k);
  return out;
}

FirmAtWork firm_at_work(const World& world, const Scenario& s, FirmId i,
                        const DemandFactors& demand) {
  const FirmTable& f = world.firms;
  return at_work(world, s, i, demand[f.region[i]][f.sector[i]]);
}

double value_added(const World& world, const Scenario& s, FirmId i) {
  return value_added(s.firms, firm_at_work(world, s, i));
}

double fixed_costs(const World& world, const Scenario& s, FirmId i) {
  return fixed_costs(s.firms, firm_at_work(world, s, i));
}

double current_wage(const World& world, FirmId i) {
  const RegionState& region = world.regions[world.firms.region[i]];
  return current_wage(world.firms.wage_nok[i], region.wage_index, region.productivity_trend);
}

double buffer_costs(const World& world, const Scenario& s, FirmId i) {
  return buffer_costs(world, s, i, firm_at_work(world, s, i));
}

double buffer_costs(const World& world, const Scenario& s, FirmId i, const FirmAtWork& at) {
  const FirmTable& f = world.firms;
  return monthly_costs(std::max(1, f.employees[i]), current_wage(world, i),
                       fixed_costs(s.firms, at), f.project_cost_nok_per_month[i]);
}

double runway_months(const World& world, const Scenario& s, FirmId i) {
  return world.firms.cash_nok[i] / buffer_costs(world, s, i);
}

double skilled_unemployment_rate(const RegionState& region, double skilled_jobs) {
  return unemployment_rate(region.skilled_labour_force, region.skilled_residents_per_job,
                           skilled_jobs);
}

double unemployment_rate(const RegionState& region, double jobs) {
  return unemployment_rate(region.labour_force, region.residents_per_job, jobs);
}

LiveRegions::LiveRegions(const FirmTable& f) : regions_(f.size()) {
  for_each_id<FirmId>(f.size(), [&](FirmId i) {
    regions_[i.index()] = f.alive[i] ? f.region[i].index() : kClosed;
  });
}

std::uint32_t uid_of(const World& world, ActorRef actor) {
  return visit(
      actor, [&](FirmId f) { return world.firms.uid[f]; },
      [&](UniversityId u) { return u.value(); });
}

MunicipalityId municipality_of(const World& world, ActorRef actor) {
  return visit(
      actor, [&](FirmId f) { return world.firms.municipality[f]; },
      [&](UniversityId u) { return world.universities[u].municipality; });
}

Project& open_project(World& world, ActorRef lead, Theme theme) {
  const ProjectId id = world.projects.next_id();
  Project& p = world.projects.emplace_back();
  open_project_at(world, p, id, lead, theme);
  return p;
}

void open_project_at(const World& world, Project& p, ProjectId id, ActorRef lead, Theme theme) {
  p.id = id;
  p.step = world.step;
  p.theme = theme;
  p.lead = lead;
  p.region = region_of(world, lead);
  p.municipality = municipality_of(world, lead);
  p.parties.push_back({.actor = lead, .uid = uid_of(world, lead), .region = p.region});
}

int active_projects_of(const World& world, ActorRef actor) {
  return visit(
      actor, [&](FirmId f) { return int{world.firms.active_projects[f]}; },
      [&](UniversityId u) { return world.universities[u].active_projects; });
}

bool has_room(const World& world, const Scenario& s, ActorRef actor) {
  // Larger firms run more projects at once.
  const int limit = visit(
      actor,
      [&](FirmId f) {
        // At most what the firm's counter holds (255): a 100,000-employee firm with an extra
        // project per 100 would otherwise wrap it and take projects without end.
        const double extra = world.firms.employees[f] / s.projects.employees_per_extra_project;
        return static_cast<int>(
            std::min<double>(s.projects.max_projects_per_firm + extra, kMaxActiveProjectsPerFirm));
      },
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
