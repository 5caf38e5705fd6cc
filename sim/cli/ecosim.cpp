// The ecosim binary: the command line of cli/main.cpp, with no test hooks.
#include "cli/common.hpp"

int main(int argc, char** argv) { return ecosim::cli::run_main(argc, argv); }
