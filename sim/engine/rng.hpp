// Counter-based randomness: every draw is a pure function of (seed, agent, step, stream), so
// results never depend on thread count or scheduling. No engine is ever shared.
#pragma once

// philox.h first: it sets up the feature macros that MicroURNG.hpp relies on.
#include <Random123/philox.h>
// clang-format off
#include <Random123/MicroURNG.hpp>
// clang-format on

#include <cmath>
#include <cstdint>

namespace ecosim {

// Every consumer of randomness has its own stream; two phases can never share one.
enum class Stream : std::uint32_t {
  firm_initial_state = 1,
  initial_ties,
  sector_demand,
  firm_growth,
  hiring,
  dialogue_meetings,
  brokered_meetings,
  idea,
  partner_search,
  financing,
  execution,
  evaluation,
  firm_entry,
  firm_exit,
  new_firm_state,
  initial_sizes,
  growth_variance,
  new_firm_size,
  separations,  // appended: the streams above keep their numbers
  bad_debts,
  forum_meetings,
};

// Which table an agent lives in; part of the key so that firm 3 and university 3 differ.
enum class AgentKind : std::uint8_t {
  firm = 1,
  municipality,
  university,
  investor,
  promotion_org,
  region,
  sector_market,  // one demand process per (region, sector)
  project,
};

using Philox = r123::Philox4x64;
using Rng = r123::MicroURNG<Philox>;

inline std::uint64_t agent_key(AgentKind kind, std::uint64_t index) {
  return (static_cast<std::uint64_t>(kind) << 56) | (index & ((std::uint64_t{1} << 56) - 1));
}

// A fresh generator for one agent's draws of one stream in one step. `sub` separates several
// independent sequences of the same stream (e.g. one per meeting); it must stay below 2^32.
inline Rng make_rng(std::uint64_t seed, AgentKind kind, std::uint64_t index, std::int64_t step,
                    Stream stream, std::uint32_t sub = 0) {
  const Philox::ukey_type key = {{seed, agent_key(kind, index)}};
  const Philox::ctr_type counter = {
      {static_cast<std::uint64_t>(step), static_cast<std::uint64_t>(stream), sub, 0}};
  return Rng(counter, key);
}

// Uniform double in [0, 1) from one 64-bit draw (53 significant bits), bit-identical everywhere.
inline double uniform01(Rng& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// Whether an event of `rate` per period (a Poisson rate) happens within the period, for a
// uniform draw u: u < 1 - exp(-rate), decided exactly as that expression decides. The computed
// 1 - exp(-rate) never exceeds rate + 2^-53 (1 - e^-x < x; exp's result near 1 is within an
// ulp, 2^-53, and the subtraction is exact there), so a draw above rate + 2^-50 is decided
// without the exp: most draws, where events are rare.
inline bool happens_at_rate(double rate, double u) {
  if (u >= rate + 0x1p-50) return false;
  return u < 1.0 - std::exp(-rate);
}

// x rounded down or up at random, up with probability its fraction: unbiased for any x >= 0.
inline int round_randomly(double x, Rng& rng) {
  const double whole = std::floor(x);
  return static_cast<int>(whole) + (uniform01(rng) < x - whole ? 1 : 0);
}

}  // namespace ecosim
