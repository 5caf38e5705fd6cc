#include "indicators/snapshot.hpp"

#include <type_traits>

#include "engine/parallel.hpp"
#include "rules/trust.hpp"

namespace ecosim {
bool snapshot_due(const SimulationParams& p, Step step) {
  if (p.snapshot_every <= 0) return false;
  const Step month = step + 1;
  return month == 1 || month % p.snapshot_every == 0 || month == p.steps;
}

Snapshot take_snapshot(const World& world, const std::array<double, 3>& ladder) {
  const FirmTable& f = world.firms;
  const auto time = static_cast<std::int32_t>(world.step + 1);
  const std::size_t chunks = (f.size() + kGrain - 1) / kGrain;
  std::vector<Snapshot> parts(chunks);
  for_each_index(
      chunks,
      [&](std::size_t c) {
        Snapshot& part = parts[c];
        for (std::size_t k = c * kGrain; k < std::min(f.size(), (c + 1) * kGrain); ++k) {
          const FirmId i(k);
          if (!f.alive[i]) continue;
          FirmRows& r = part.firms;
          const auto held = world.trust.ties_of(i);
          r.time.push_back(time), r.uid.push_back(f.uid[i]), r.birth.push_back(f.birth_step[i] + 1);
          r.region.push_back(f.region[i].value()),
              r.municipality.push_back(f.municipality[i].value());
          r.sector.push_back(static_cast<std::uint8_t>(f.sector[i])),
              r.public_sector.push_back(f.is_public[i]);
          r.owner_works.push_back(f.owner_works[i]), r.employees.push_back(f.employees[i]);
          r.skilled.push_back(f.skilled[i]), r.output_nok.push_back(f.output_nok[i]);
          r.cash_nok.push_back(static_cast<float>(f.cash_nok[i])),
              r.emissions_t.push_back(f.emissions_t[i]);
          r.projects.push_back(f.active_projects[i]),
              r.ties.push_back(static_cast<std::uint32_t>(held.size()));
          TieRows& t = part.ties;
          for (const Tie& tie : held) {
            if (closed_firm(f, tie.other)) continue;
            t.time.push_back(time), t.holder.push_back(f.uid[i]),
                t.other.push_back(uid_of(world, tie.other));
            t.other_kind.push_back(static_cast<std::uint8_t>(tie.other.kind())),
                t.trust.push_back(tie.trust);
            t.rung.push_back(static_cast<std::uint8_t>(rung_of(tie.trust, ladder)));
            t.joint_projects.push_back(tie.joint_projects);
          }
        }
      },
      1);
  Snapshot all;
  for (const Snapshot& part : parts) all.firms.append(part.firms), all.ties.append(part.ties);
  return all;
}

ExitRows exits_of_step(const World& world) {
  const FirmTable& f = world.firms;
  ExitRows out;
  for (const FirmId i : f.ids()) {
    if (f.alive[i] || f.exit_step[i] != world.step) continue;
    out.uid.push_back(f.uid[i]), out.birth.push_back(f.birth_step[i] + 1),
        out.exit.push_back(world.step + 1);
    out.region.push_back(f.region[i].value()),
        out.sector.push_back(static_cast<std::uint8_t>(f.sector[i]));
    out.employees.push_back(f.employees[i]),
        out.cause.push_back(static_cast<std::uint8_t>(f.exit_cause[i]));
  }
  return out;
}

namespace {

template <class Rows>
std::string column_table(const char* group, const char* rows) {
  std::string out = std::string("Group `") + group + "/`: " + rows +
                    "\n\n| column | type | units | description |\n| --- | --- | --- | --- |\n";
  Rows{}.for_each_column([&](const char* name, const char* unit, const char* description,
                             const auto& values) {
    using T = typename std::decay_t<decltype(values)>::value_type;
    const char* type = std::is_floating_point_v<T> ? (sizeof(T) == 4 ? "float32" : "float64")
                       : sizeof(T) == 1            ? (std::is_signed_v<T> ? "int8" : "uint8")
                       : sizeof(T) == 2            ? (std::is_signed_v<T> ? "int16" : "uint16")
                       : sizeof(T) == 4            ? (std::is_signed_v<T> ? "int32" : "uint32")
                                                   : (std::is_signed_v<T> ? "int64" : "uint64");
    out += std::string("| `") + name + "` | " + type + " | " + unit + " | " + description + " |\n";
  });
  return out;
}

}  // namespace

std::string firm_level_table_markdown() {
  return column_table<FirmRows>("firms", "one row per alive establishment at each snapshot month") +
         "\n" +
         column_table<TieRows>("ties",
                               "one row per tie an alive firm holds at each snapshot month") +
         "\n" +
         column_table<ExitRows>("exits", "one row per firm that closed, in the month it closed");
}

}  // namespace ecosim
