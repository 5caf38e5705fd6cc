// libFuzzer target: the scenario loader with --set overrides (tests/fuzz/harness.hpp). Built by
// the `fuzz` preset; scripts/fuzz.sh seeds it with scenarios/ and runs it for a bounded time.
#include <cstddef>
#include <cstdint>

#include "fuzz/harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ecosim::fuzz::scenario_input({reinterpret_cast<const char*>(data), size});
  return 0;
}
