// The steps of forming partnerships (phases 3-5), shared by partnerships.cpp, which runs them
// in order, and the files that implement them.
#pragma once

#include <vector>

#include "world/world.hpp"

namespace ecosim {

// A candidate partner found for a proposal, with the lead's trust in it.
struct Candidate {
  ActorRef actor;
  float trust = 0;
  float score = 0;
  bool earlier_partner = false;
  bool encounter = false;  // met while searching: a new tie is made whether or not it joins
};

// 3. Ideas (ideas.cpp): firms and universities propose; returns the first new project id.
ProjectId propose_projects(World& world, const Scenario& s);

// 4. Partner search (partner_search.cpp): ranks candidates for each new proposal, read-only
// and parallel; then, serially in proposal order, makes the encounters' ties and admits
// partners high enough on the ladder who have room.
void rank_candidates(const World& world, const Scenario& s, ProjectId first,
                     std::vector<std::vector<Candidate>>& candidates);
void admit_partners(World& world, const Scenario& s, Project& p,
                    const std::vector<Candidate>& candidates);

// 5. Financing (financing.cpp): the co-financing rules, in order, each check recorded; a
// funded project starts and commits its money.
void finance(World& world, const Scenario& s, Project& p);
void start_project(World& world, const Scenario& s, Project& p);

}  // namespace ecosim
