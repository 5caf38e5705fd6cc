// The only mutable state of a run: agent tables (structure of arrays where hot), the trust
// network, projects and the regions' state. Phases read the frozen Scenario and change the
// World.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>
#include <tuple>
#include <vector>

#include "engine/id.hpp"
#include "engine/members.hpp"
#include "engine/parallel.hpp"
#include "rules/firms.hpp"
#include "scenario/scenario.hpp"
#include "world/actor.hpp"
#include "world/firms.hpp"
#include "world/ids.hpp"
#include "world/institutions.hpp"
#include "world/project.hpp"
#include "world/region.hpp"
#include "world/rosters.hpp"
#include "world/trust.hpp"

namespace ecosim {

struct World {
  Step step = 0;
  FirmTable firms;
  std::uint32_t next_uid = 0;
  IdVector<MunicipalityId, Municipality> municipalities;
  IdVector<UniversityId, University> universities;
  IdVector<InvestorId, PrivateInvestor> investors;
  IdVector<PromotionOrgId, PromotionOrg> promotion_orgs;
  Roster<MunicipalityId> municipality_firms;  // world/rosters.hpp
  Roster<PromotionOrgId> org_members;
  PublicAgency agency;
  IdVector<RegionId, RegionState> regions;
  TrustNetwork trust;
  // A deque: it grows without moving what it holds, so a long run never briefly holds two
  // copies of its projects (peak memory is a target).
  IdDeque<ProjectId, Project> projects;
  std::vector<ProjectId> active_projects;
  IdVector<UniversityId, std::vector<Tie>> university_ties;
};

// The world's members, each once (engine/members.hpp): a checkpoint saves, and the state's
// digest reads, every member but the derived ones, rebuilt after a restore (rebuild_rosters;
// index_university_ties in each partnership phase). A member added to World and
// not here fails to build.
template <>
inline constexpr auto kMembers<World> = std::tuple{
    ECOSIM_MEMBER(World, step, "month", "the step being (or last) simulated"),
    ECOSIM_MEMBER(World, firms, "firm", "every firm, one row each (world/firms.hpp)"),
    ECOSIM_MEMBER(World, next_uid, "1", "persistent id of the next firm born"),
    ECOSIM_MEMBER(World, municipalities, "1", "every region's, region by region"),
    ECOSIM_MEMBER(World, universities, "1", "every region's, region by region"),
    ECOSIM_MEMBER(World, investors, "1", "private investors, region by region"),
    ECOSIM_MEMBER(World, promotion_orgs, "1",
                  "business-promotion and cluster organisations, region by region"),
    ECOSIM_DERIVED(World, municipality_firms, "firm",
                   "alive firms of each municipality, in firm order, rebuilt after "
                   "demography every step"),
    ECOSIM_DERIVED(World, org_members, "firm",
                   "members of each promotion organisation, rebuilt with the above"),
    ECOSIM_MEMBER(World, agency, "1", "the national public funding agency"),
    ECOSIM_MEMBER(World, regions, "1", "each region's state"),
    ECOSIM_MEMBER(World, trust, "1", "the trust network (world/trust.hpp)"),
    ECOSIM_MEMBER(World, projects, "project", "every proposal, in the order made"),
    ECOSIM_MEMBER(World, active_projects, "project", "ids of the projects running, ascending"),
    ECOSIM_DERIVED(World, university_ties, "tie",
                   "ties held to each university (the holding firm in Tie::other), "
                   "rebuilt each step for the universities leading a proposal")};
static_assert(lists_every_member<World>(), "World: list each member in kMembers<World>");

// The firm `actor` refers to, if it is a firm and alive: ties and parties outlive a closed firm.
inline MaybeId<FirmId> alive_firm(const FirmTable& f, ActorRef actor) {
  const MaybeId<FirmId> firm = actor.as_firm();
  return firm && f.alive[*firm] ? firm : MaybeId<FirmId>();
}
// Calls visit(i) for each closed row i of [first, last), in order. Closed rows are few (about 1%
// of the rows in a month), so `alive` is read eight rows to a word and a word of eight open
// rows is passed over: finding a month's exits at 10^6 firms took 1.33 ms read byte by byte,
// 0.68 ms so (2 threads).
template <class Visit>
void for_each_closed_row(const FirmTable& f, std::size_t first, std::size_t last, Visit&& visit) {
  constexpr std::uint64_t kEightOpen = 0x0101010101010101ull;
  const std::uint8_t* alive = f.alive.items().data();
  std::size_t k = first;
  for (; k + 8 <= last; k += 8) {
    std::uint64_t word;
    std::memcpy(&word, alive + k, sizeof word);
    if (word == kEightOpen) continue;
    for (std::size_t j = k; j < k + 8; ++j)
      if (!alive[j]) visit(FirmId(j));
  }
  for (; k < last; ++k)
    if (!alive[k]) visit(FirmId(k));
}

// Whether `actor` is a firm that has closed: what ties and parties left behind are checked for.
inline bool closed_firm(const FirmTable& f, ActorRef actor) {
  return actor.is_firm() && !alive_firm(f, actor);
}

// The region of every firm that is alive, indexed by firm, and kClosed for the others: walks
// over every firm's ties read one column for the other firm instead of two (`alive`, `region`),
// which no longer fit in cache at 10^6 firms. Built in one parallel pass; valid until a firm
// enters or leaves.
class LiveRegions {
 public:
  static constexpr std::uint16_t kClosed = std::numeric_limits<std::uint16_t>::max();
  static_assert(sizeof(RegionId) == sizeof(kClosed) && kMaxRegions <= kClosed,
                "kClosed is never a region's index");
  explicit LiveRegions(const FirmTable& f);
  // The region of `firm`, or kClosed when it has closed.
  std::uint16_t operator[](FirmId firm) const { return regions_[firm.index()]; }

 private:
  std::vector<std::uint16_t> regions_;
};

// The persistent id of a firm (FirmTable::uid) or the index of a university.
std::uint32_t uid_of(const World& world, ActorRef actor);

// The region a firm or university belongs to, and its home municipality (a university's host).
inline RegionId region_of(const World& world, ActorRef actor) {
  return visit(
      actor, [&](FirmId f) { return world.firms.region[f]; },
      [&](UniversityId u) { return world.universities[u].region; });
}
MunicipalityId municipality_of(const World& world, ActorRef actor);

// The economy's rules (rules/firms.hpp, rules/labour.hpp) applied to a firm or region of the
// world: what each reads of the firm and its region, gathered in one place.
FirmAtWork firm_at_work(const World& world, const Scenario& s, FirmId firm);
// Each region's demand per sector on its trend (FirmAtWork::demand), for a pass over every firm
// while demand stays put: one exp per region and sector, where firm_at_work takes one per firm.
using DemandFactors = IdVector<RegionId, SectorArray>;
DemandFactors demand_factors(const World& world);
FirmAtWork firm_at_work(const World& world, const Scenario& s, FirmId firm,
                        const DemandFactors& demand);
double value_added(const World& world, const Scenario& s, FirmId firm);
double fixed_costs(const World& world, const Scenario& s, FirmId firm);
double current_wage(const World& world, FirmId firm);
// The monthly costs its cash buffer and runway count in: at least one person's wage, its fixed
// costs and its project instalments.
double buffer_costs(const World& world, const Scenario& s, FirmId firm);
// The same from what firm_at_work(world, s, firm) gave, for a pass that has it already.
double buffer_costs(const World& world, const Scenario& s, FirmId firm, const FirmAtWork& at);
// Cash runway in months of buffer_costs: what due diligence reads.
double runway_months(const World& world, const Scenario& s, FirmId firm);
// The firm's skilled share of jobs, and of `employees` how many it wants skilled. Inline: asked
// for every firm every month (plan_employment).
inline double skilled_need(const World& world, const Scenario& s, FirmId i) {
  const FirmTable& f = world.firms;
  return skilled_need(s.firms, f.sector[i], world.regions[f.region[i]].skill_scale);
}
inline int skilled_jobs_wanted(const World& world, const Scenario& s, FirmId i, int employees) {
  return skilled_jobs_wanted(employees, skilled_need(world, s, i), world.firms.skill_rounding[i]);
}
// The region's unemployment rate with `jobs` jobs, and the skilled rate with `skilled_jobs`.
double unemployment_rate(const RegionState& region, double jobs);
double skilled_unemployment_rate(const RegionState& region, double skilled_jobs);

// A new proposal of `theme` led by `lead` in this step, appended to the projects: the lead is
// its first party; budget, duration and money are still to be set.
Project& open_project(World& world, ActorRef lead, Theme theme);
// The same for a project already appended (default) with id `id`: it writes `p` only, so
// proposals appended together can be opened side by side.
void open_project_at(const World& world, Project& p, ProjectId id, ActorRef lead, Theme theme);

// Projects a firm or university takes part in now, and the one rule for whether it has room
// for another (projects.max_projects_per_firm, universities.max_concurrent_projects).
int active_projects_of(const World& world, ActorRef actor);
// The most projects a firm runs at once, whatever its size: what FirmTable::active_projects holds.
inline constexpr int kMaxActiveProjectsPerFirm = 255;
bool has_room(const World& world, const Scenario& s, ActorRef actor);
// Counts a project the actor joins (+1) or leaves (-1).
void count_project(World& world, ActorRef actor, int change);

}  // namespace ecosim
