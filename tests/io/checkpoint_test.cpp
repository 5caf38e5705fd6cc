// Checkpoints (io/checkpoint.hpp): a run restored from one goes on exactly as the run it was
// taken from, at any thread count; a damaged checkpoint is refused, never half-read.
#include "io/checkpoint.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <sstream>
#include <string>

#include "engine/parallel.hpp"
#include "support/small_world.hpp"
#include "support/state_digest.hpp"

namespace ecosim {
namespace {

std::vector<Observation> steps(Simulation& sim, int n) {
  std::vector<Observation> out;
  for (int t = 0; t < n; ++t) out.push_back(sim.step());
  return out;
}

void expect_same(const std::vector<Observation>& a, const std::vector<Observation>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t t = 0; t < a.size(); ++t) {
    ASSERT_EQ(a[t].step, b[t].step);
    ASSERT_EQ(
        0, std::memcmp(a[t].values.data(), b[t].values.data(), a[t].values.size() * sizeof(double)))
        << "step " << a[t].step;
    ASSERT_EQ(a[t].breakdowns, b[t].breakdowns);
  }
}

const CheckpointInfo kInfo{"test", "0123456789abcdef", "text", "source", 5, {1, 2, 3}};

TEST(Checkpoint, ARestoredRunGoesOnExactlyAsTheOriginalAtAnyThreadCount) {
  const Scenario s = testing::small_scenario();
  for (int threads : {1, 3}) {
    SCOPED_TRACE(threads);
    Simulation original(s);
    steps(original, 13);
    const std::string bytes = checkpoint_bytes(original, kInfo);
    const std::vector<Observation> expected = steps(original, 20);
    ThreadLimit limit(threads);
    Simulation restored = restore_simulation(bytes, s);
    EXPECT_EQ(restored.steps_done(), 13);
    expect_same(steps(restored, 20), expected);
    EXPECT_EQ(testing::state_digest(restored.world()), testing::state_digest(original.world()));
  }
}

TEST(Checkpoint, CarriesItsInfo) {
  Simulation sim(testing::small_scenario());
  const CheckpointInfo info = read_checkpoint_info(checkpoint_bytes(sim, kInfo));
  EXPECT_EQ(info.version, "test");
  EXPECT_EQ(info.run_id, "0123456789abcdef");
  EXPECT_EQ(info.scenario_text, "text");
  EXPECT_EQ(info.scenario_source, "source");
  EXPECT_EQ(info.checkpoint_every, 5);
  EXPECT_EQ(info.rows, (std::vector<std::uint64_t>{1, 2, 3}));
}

TEST(Checkpoint, DamagedCheckpointsAreRefused) {
  const Scenario s = testing::small_scenario();
  Simulation sim(s);
  steps(sim, 3);
  const std::string bytes = checkpoint_bytes(sim, kInfo);
  auto refusal = [&](const std::string& damaged) {
    try {
      restore_simulation(damaged, s);
    } catch (const CheckpointError& e) {
      return std::string(e.what());
    }
    return std::string("restored");
  };
  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x10;
  EXPECT_EQ(refusal(flipped), "corrupt or truncated (digest mismatch)");
  EXPECT_EQ(refusal(bytes.substr(0, bytes.size() / 3)), "corrupt or truncated (digest mismatch)");
  EXPECT_EQ(refusal("ECOSIM"), "not an ecosim checkpoint");
  std::string hdf5_perhaps("an HDF5 file, perhaps");
  hdf5_perhaps.append(64, '\0');
  EXPECT_EQ(refusal(hdf5_perhaps), "not an ecosim checkpoint");
  std::string other_format = bytes;
  const int format = bytes[8];  // after the 8-byte magic
  other_format[8] = static_cast<char>(format + 1);
  std::ostringstream expected;
  expected << "checkpoint format " << format + 1 << ", this ecosim reads " << format;
  EXPECT_EQ(refusal(other_format), expected.str());
}

}  // namespace
}  // namespace ecosim
