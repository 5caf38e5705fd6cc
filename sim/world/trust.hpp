// The trust network: each firm holds its ties (its trust in another firm or a university) in a
// list of its own (a run of one pool of all ties: tie_lists.hpp), so degrees can be
// heavy-tailed; a firm holding max_ties forgets its weakest first. Shared events (a meeting, a
// joint project) update both holders, so trust is held per holder and may be one-sided. Every
// contact is stamped with its month, so acquaintances not met again can be forgotten (dialogue).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <span>
#include <tuple>
#include <vector>

#include "engine/id.hpp"
#include "engine/members.hpp"
#include "scenario/scenario.hpp"
#include "world/actor.hpp"
#include "world/ids.hpp"
#include "world/tie_lists.hpp"

namespace ecosim {

// Tie's members, each once with what it means (engine/members.hpp): saved and digested member
// by member, so the padding byte never enters a checkpoint.
template <>
inline constexpr auto kMembers<Tie> =
    std::tuple{ECOSIM_MEMBER(Tie, other, "1", "the firm or university trusted"),
               ECOSIM_MEMBER(Tie, trust, "1", "the holder's trust in it, in [0, 1]"),
               ECOSIM_MEMBER(Tie, last_contact, "month",
                             "step of the last meeting or joint work (saturates at 32767)"),
               ECOSIM_MEMBER(Tie, joint_projects, "project",
                             "projects done together: earlier partners are asked first")};
static_assert(lists_every_member<Tie>(), "Tie: list each member in kMembers<Tie>");

class TrustNetwork {
 public:
  // Everything the network holds, in one listed aggregate (kMembers below): checkpoints and
  // the state's digest read it through state().
  struct State {
    std::size_t max_ties = 1024;
    std::int16_t now = 0;
    TieLists ties;
    IdVector<FirmId, std::uint16_t> university_ties;
  };

  TrustNetwork() = default;
  explicit TrustNetwork(int max_ties_per_firm)
      : state_{static_cast<std::size_t>(max_ties_per_firm), 0, {}, {}} {}

  // Grows or shrinks to `firms` holders (new ones hold no ties).
  void resize(std::size_t firms);
  // Contacts from now on are stamped with this step; the lists are laid out again in firm order
  // once moved lists have left much room behind (the month's first, serial, moment).
  void start_month(Step step) {
    state_.now = static_cast<std::int16_t>(std::min<Step>(step, 32767));
    state_.ties.compact_if_sparse();
  }
  std::int16_t month() const { return state_.now; }

  // Whether the firm holds a tie to any university: lets the university index skip most firms.
  bool holds_university_tie(FirmId firm) const { return state_.university_ties[firm] > 0; }
  std::size_t firms() const { return state_.ties.size(); }
  std::size_t max_ties() const { return state_.max_ties; }

  // Asks the memory for the ties of holder k, if any, a few firms ahead of a walk over every
  // firm's ties: each firm's list lies elsewhere on the heap, and the walk would wait on each.
  void prefetch_ties(std::size_t k) const {
    if (k < state_.ties.size()) __builtin_prefetch(state_.ties.data_of(k));
  }
  // Asks for holder k's slot (where its list lies), ahead of prefetch_ties or make_room for
  // holders scattered over the table.
  void prefetch_slot(std::size_t k) const {
    if (k < state_.ties.size()) __builtin_prefetch(state_.ties.slot_of(k));
  }

  // The holder's ties, in the order made.
  std::span<Tie> ties_of(FirmId firm) { return state_.ties.of(firm); }
  std::span<const Tie> ties_of(FirmId firm) const { return state_.ties.of(firm); }

  // Trust of `firm` in `other`, or `fallback` when it holds no tie to it.
  float trust(FirmId firm, ActorRef other, float fallback) const;
  // Whether firm holds a tie to other (trust's fallback is never a "no tie" sentinel).
  bool has_tie(FirmId firm, ActorRef other) const;

  // Sets or creates firm's tie to other, a contact now (a holder of max ties forgets its
  // weakest for a new tie, but only if the new trust is higher). Returns false when the tie
  // could not be stored. A new tie may move the pool of lists (tie_lists.hpp): hold no span of
  // ties across set() or nudge(), and call them from one thread, unless make_room gave the
  // holder room first.
  bool set(FirmId firm, ActorRef other, float trust);

  // Room for `extra` more ties in the holder's list (up to max ties), so that set() on this
  // holder, from a walk where each thread has its own holders, does not move the list. One
  // thread only.
  void make_room(FirmId firm, std::size_t extra) {
    const std::size_t held = state_.ties.of(firm).size();
    state_.ties.reserve(firm, std::min(extra, state_.max_ties - std::min(held, state_.max_ties)));
  }

  // Moves trust toward `target` by `rate` of the gap, creating the tie from `initial`.
  void nudge(FirmId firm, ActorRef other, float initial, float target, float rate);

  // Stamps a contact now (or in `month`) on firm's tie to other, if it holds one.
  void touch(FirmId firm, ActorRef other);
  void touch(FirmId firm, ActorRef other, std::int16_t month);
  // touch(firm, other) for walks that may stamp one holder's ties from several threads at once
  // (a firm in several running projects): the stamp is an atomic store of this month, the one
  // value every writer stores, so the result is the serial one. Nothing else may change the
  // holder's ties meanwhile.
  void touch_concurrently(FirmId firm, ActorRef other) {
    for (Tie& tie : state_.ties.of(firm))
      if (tie.other == other)
        std::atomic_ref<std::int16_t>(tie.last_contact)
            .store(state_.now, std::memory_order_relaxed);
  }

  // Counts one more joint project on firm's tie to other, if it holds one.
  void add_joint_project(FirmId firm, ActorRef other);

  // One pass over the firm's ties: keep(tie) may update a tie and says whether to keep it; the
  // ties forgotten are removed, the others keep their order (moved only once one is removed).
  template <class Keep>
  void keep_if(FirmId firm, Keep&& keep) {
    const std::span<Tie> held = state_.ties.of(firm);
    std::size_t kept = 0;
    for (std::size_t k = 0; k < held.size(); ++k) {
      if (!keep(held[k])) {
        state_.university_ties[firm] -= held[k].other.is_university();
        continue;
      }
      if (kept != k) held[kept] = held[k];
      ++kept;
    }
    state_.ties.shrink(firm, kept);
  }

  State& state() { return state_; }
  const State& state() const { return state_; }

  // Forgets every tie the firm holds (on exit). Ties that others hold to a dead firm stay until
  // forgotten; readers skip them by checking that the other firm is alive.
  void clear(FirmId firm);

 private:
  State state_;
};

template <>
inline constexpr auto kMembers<TrustNetwork::State> = std::tuple{
    ECOSIM_MEMBER(TrustNetwork::State, max_ties, "tie",
                  "ties a firm holds at most; it forgets its weakest first"),
    ECOSIM_MEMBER(TrustNetwork::State, now, "month", "the step contacts are stamped with"),
    ECOSIM_MEMBER(TrustNetwork::State, ties, "tie", "each firm's ties, as a list"),
    ECOSIM_MEMBER(TrustNetwork::State, university_ties, "tie",
                  "per firm: of its ties, those to universities")};
static_assert(lists_every_member<TrustNetwork::State>(), "TrustNetwork: list each member here");
// Its one member is its State: a member added beside it would not be listed (nor saved).
static_assert(sizeof(TrustNetwork) == sizeof(TrustNetwork::State),
              "TrustNetwork keeps every member in its State");

}  // namespace ecosim
