// libFuzzer target: the sweep file parser (tests/fuzz/harness.hpp). Built by the `fuzz` preset;
// scripts/fuzz.sh seeds it with scenarios/sweeps/ and tests/data/sweeps/.
#include <cstddef>
#include <cstdint>

#include "fuzz/harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ecosim::fuzz::sweep_input({reinterpret_cast<const char*>(data), size});
  return 0;
}
