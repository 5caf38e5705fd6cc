// The ecosim binary: the command line of cli/main.cpp, with no test hooks.
#include "cli/common.hpp"
#include "engine/heap.hpp"

int main(int argc, char** argv) {
  ecosim::settle_heap();
  return ecosim::cli::run_main(argc, argv);
}
