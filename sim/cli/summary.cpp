#include "cli/summary.hpp"

#include <cstdio>
#include <string>

#include "engine/numbers.hpp"
#include "engine/printable.hpp"

namespace ecosim {

void print_summary(std::ostream& out, const Simulation& sim, const Observation& first,
                   const Observation& last, const std::filesystem::path& file) {
  const Scenario& s = sim.scenario();
  out << "wrote " << printable(file.string()) << "\n";
  out << "  " << printable(s.source_name) << ", seed " << s.simulation.seed << ", "
      << sim.steps_done() << " months\n";
  char line[256];
  std::snprintf(line, sizeof line, "  %-16s %-20s %24s %24s\n", "region", "indicator",
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
      const Indicator& shown_one = kIndicators[k.index];
      std::snprintf(line, sizeof line, "  %-16.16s %-20s %24s %24s\n", s.regions[r].name.c_str(),
                    std::string(shown_one.name).c_str(),
                    for_people(first.at(r, k), shown_one.unit).c_str(),
                    for_people(last.at(r, k), shown_one.unit).c_str());
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
  out << "  projects: " << grouped(sim.world().projects.size()) << " proposed, " << grouped(started)
      << " started; public " << for_people(public_nok, "NOK") << ", private cash "
      << for_people(private_nok, "NOK") << "\n";
}

}  // namespace ecosim
