#include "cli/summary.hpp"

#include <cstdio>
#include <string>

#include "engine/printable.hpp"

namespace ecosim {

void print_summary(std::ostream& out, const Simulation& sim, const Observation& first,
                   const Observation& last, const std::filesystem::path& file) {
  const Scenario& s = sim.scenario();
  out << "wrote " << printable(file.string()) << "\n";
  out << "  " << printable(s.source_name) << ", seed " << s.simulation.seed << ", "
      << sim.steps_done() << " months\n";
  char line[256];
  std::snprintf(line, sizeof line, "  %-16s %-20s %12s %12s\n", "region", "indicator",
                ("month " + std::to_string(first.step + 1)).c_str(),
                ("month " + std::to_string(sim.steps_done())).c_str());
  out << line;
  constexpr IndicatorId shown[] = {indicator("jobs"),
                                   indicator("firms"),
                                   indicator("employment_rate"),
                                   indicator("competence_gap"),
                                   indicator("satisfaction"),
                                   indicator("diversity_shannon"),
                                   indicator("emissions"),
                                   indicator("innovation_revenue"),
                                   indicator("projects_active"),
                                   indicator("mean_trust")};
  for (const RegionId r : s.regions.ids()) {
    for (const IndicatorId k : shown) {
      std::snprintf(line, sizeof line, "  %-16.16s %-20s %12.4g %12.4g\n",
                    s.regions[r].name.c_str(), std::string(kIndicators[k.index].name).c_str(),
                    first.at(r, k), last.at(r, k));
      out << line;
    }
  }
  std::size_t started = 0;
  double public_nok = 0, private_nok = 0;
  for (const Project& p : sim.world().projects) {
    if (!p.started()) continue;
    ++started;
    public_nok += p.public_nok();
    private_nok += p.private_cash_nok();
  }
  std::snprintf(line, sizeof line,
                "  projects: %zu proposed, %zu started; public %.3g NOK, private cash %.3g NOK\n",
                sim.world().projects.size(), started, public_nok, private_nok);
  out << line;
}

}  // namespace ecosim
