#include "io/projects_table.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <array>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "io/h5.hpp"

namespace ecosim {
namespace {

using h5::Handle;

// How a column is stored. Integers are 32-bit (ids, months) or, for flags and checks, 8-bit:
// the tables of a long run hold millions of rows, and writing them is part of the run's time.
enum class Stored { int8, int32, uint32, float64, string };
constexpr const char* stored_name(Stored s) {
  constexpr const char* names[] = {"int8", "int32", "uint32", "float64", "string"};
  return names[static_cast<int>(s)];
}

// What a column is: from the member it shows (engine/members.hpp Doc) or the table's own.
struct ColumnInfo {
  std::string name;
  Stored stored;
  std::string units, description, notes;
};

template <class T>
inline constexpr bool kIsVector = false;
template <class T>
inline constexpr bool kIsVector<std::vector<T>> = true;

// A step as the month the file counts (1-based), or -1 when it has not happened.
std::int64_t month_or_none(Step step) { return step == kNoStep ? -1 : step + 1; }

// The columns of an ActorRef member: its kind and its index in the table of its kind. A party's
// own actor (`actor`) is `kind` and `id`; another (`lead`) is `lead_kind` and `lead`.
std::pair<std::string, std::string> actor_column_names(const std::string& member) {
  if (member == "actor") return {"kind", "id"};
  return {member + "_kind", member};
}

// Calls v.column(info, value) for each column that shows member m of a row; `row(r)` is the
// struct that holds it. Every member type a table holds has one way to be shown here, so a
// member of a new type fails to build until it has one.
template <class V, class Row, class S, class T, bool D>
void member_columns(V& v, Row row, const Member<S, T, D>& m) {
  const Doc& doc = m.doc;
  if (doc.column == Doc::Column::none) return;
  const auto of = [row, p = m.pointer](const auto& r) -> const T& { return row(r).*p; };
  const auto info = [&](Stored stored, std::string name = {}) {
    return ColumnInfo{name.empty() ? m.name : name, stored, doc.units, doc.description, doc.notes};
  };
  if constexpr (std::is_same_v<T, ActorRef>) {
    const auto [kind, index] = actor_column_names(m.name);
    v.column(ColumnInfo{kind, Stored::string, "1", "firm or university", ""}, [of](const auto& r) {
      return std::string_view(kActorKindNames[static_cast<std::size_t>(of(r).kind())]);
    });
    v.column(info(Stored::int32, index), [of](const auto& r) { return of(r).index(); });
  } else if constexpr (std::is_same_v<T, PerCheck<CheckResult>>) {
    for (const Check c : kAllChecks) {
      const std::string name(kCheckNames[static_cast<std::size_t>(c)]);
      v.column(ColumnInfo{"check_" + name, Stored::int8, doc.units,
                          "rule check " + name + ": " + doc.description, doc.notes},
               [of, c](const auto& r) { return static_cast<int>(of(r)[c]); });
    }
  } else if constexpr (std::is_same_v<T, std::optional<Check>>) {
    v.column(info(Stored::string), [of](const auto& r) {
      return of(r) ? rejection_name(*of(r)) : std::string_view("none");
    });
  } else if constexpr (std::is_same_v<T, Theme>) {
    v.column(info(Stored::string), [of](const auto& r) { return name_of(of(r)); });
  } else if constexpr (std::is_same_v<T, ProjectStatus>) {
    v.column(info(Stored::string),
             [of](const auto& r) { return kProjectStatusNames[static_cast<std::size_t>(of(r))]; });
  } else if constexpr (kIsVector<T>) {
    v.column(info(Stored::int32), [of](const auto& r) { return of(r).size(); });
  } else if constexpr (requires(const T& x) { x.has_value(); }) {  // MaybeId
    v.column(info(Stored::int32),
             [of](const auto& r) { return of(r) ? std::int64_t((*of(r)).index()) : -1; });
  } else if constexpr (requires(const T& x) { x.index(); }) {  // an id
    v.column(info(Stored::int32), [of](const auto& r) { return of(r).index(); });
  } else if constexpr (std::is_same_v<T, bool>) {
    v.column(info(Stored::int8), [of](const auto& r) { return of(r) ? 1 : 0; });
  } else if constexpr (std::is_floating_point_v<T>) {
    v.column(info(Stored::float64), [of](const auto& r) { return double(of(r)); });
  } else if constexpr (std::is_same_v<T, std::uint32_t>) {
    v.column(info(Stored::uint32), [of](const auto& r) { return of(r); });
  } else if constexpr (std::is_same_v<T, std::int32_t>) {
    if (doc.column == Doc::Column::month)
      v.column(info(Stored::int32), [of](const auto& r) { return month_or_none(of(r)); });
    else
      v.column(info(Stored::int32), [of](const auto& r) { return of(r); });
  } else {
    static_assert(sizeof(T) == 0,
                  "a member type with no column encoding");  // false, once T is known
  }
}

// Every member of S a table shows, in the order of its list.
template <class S, class V, class Row>
void listed_columns(V& v, Row row) {
  for_each_entry<S>([&](const auto& m) { member_columns(v, row, m); });
}

// One row of the parties table: a party and the project it belongs to.
struct PartyRow {
  ProjectId project;
  const Party* party;
};

// The columns of the projects table: its members, then the sums and shares an analyst reads.
template <class V>
void projects_columns(V& v) {
  listed_columns<Project>(v, [](const Project& p) -> const Project& { return p; });
  v.column({"cash_nok", Stored::float64, "NOK", "cash offered by the parties",
            "sum of the `parties/cash_nok` of its rows; non-zero also for proposals rejected in "
            "financing (offered, never paid); 0 for proposals rejected before it"},
           [](const Project& p) { return p.parties_cash_nok(); });
  v.column(
      {"in_kind_nok", Stored::float64, "NOK", "staff time offered by the parties", "as `cash_nok`"},
      [](const Project& p) { return p.in_kind_nok(); });
  v.column({"public_share", Stored::float64, "1", "(municipal + agency) / budget",
            "leaked money included"},
           [](const Project& p) { return p.public_nok() / p.budget_nok; });
  v.column({"refunded_nok", Stored::float64, "NOK",
            "unspent municipal, agency and investor money returned when the review stopped it",
            "`(1 − (end − start) / duration_months) × (municipal_nok + agency_nok + "
            "investor_nok)` for `stopped_at_review`, returned to the funders' current budgets; 0 "
            "otherwise. The committed amounts and the indicators' money flows are not reduced"},
           [](const Project& p) { return p.refunded_nok(); });
}

// The columns of the parties table: the project each belongs to, then its members.
template <class V>
void parties_columns(V& v) {
  v.column({"project", Stored::int32, "1", "row of the project in group projects",
            "join key to `projects/project`"},
           [](const PartyRow& r) { return r.project.index(); });
  listed_columns<Party>(v, [](const PartyRow& r) -> const Party& { return *r.party; });
}

// Gathers each column it is shown over `rows`, on the calling thread, and hands `run` the job
// that writes it into `group` (a path in `file`), attached to the table's dimension scale.
// Every job opens what it needs by name, so no HDF5 handle crosses from one job to another.
template <class Rows>
class TableWriter {
 public:
  TableWriter(hid_t file, std::string group, std::string dimension, const Rows& rows,
              const TableJobRunner& run)
      : file_(file),
        group_(std::move(group)),
        dimension_(std::move(dimension)),
        rows_(rows),
        run_(run) {
    std::vector<std::int32_t> index(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) index[i] = static_cast<std::int32_t>(i);
    const std::size_t bytes = index.size() * sizeof(index[0]);
    run_(
        [file, group = group_, dimension = dimension_, index = std::move(index)] {
          Handle g = h5::create_group(file, group);
          Handle scale = h5::write_numbers(g.get(), dimension, index);
          h5::write_attribute(scale.get(), "units", std::string("1"));
          h5::write_attribute(scale.get(), "description", "row number of the " + dimension);
          h5::make_scale(scale.get(), dimension);
        },
        bytes);
  }
  template <class Get>
  void column(const ColumnInfo& info, Get get) {
    switch (info.stored) {
      // As stored (HDF5 writes them without converting). The names come from the vocabulary's
      // tables, which outlive every job.
      case Stored::string:
        return write(info, collect<std::string_view>(get));
      case Stored::float64:
        return write(info, collect<double>(get));
      case Stored::int8:
        return write(info, collect<std::int8_t>(get));
      case Stored::int32:
        return write(info, collect<std::int32_t>(get));
      case Stored::uint32:
        return write(info, collect<std::uint32_t>(get));
    }
  }

  // Once every column is written: attaches them all to the table's dimension scale at once.
  void attach_columns() {
    run_(
        [file = file_, group = group_, dimension = dimension_, columns = columns_] {
          Handle g = h5::open_group(file, group);
          Handle scale(h5::check(H5Dopen2(g.get(), dimension.c_str(), H5P_DEFAULT),
                                 "open dimension scale " + dimension),
                       H5Dclose);
          std::vector<Handle> datasets;
          std::vector<h5::ScaleAttachment> attachments;
          for (const std::string& column : columns) {
            datasets.emplace_back(
                h5::check(H5Dopen2(g.get(), column.c_str(), H5P_DEFAULT), "open column " + column),
                H5Dclose);
            attachments.push_back({datasets.back().get(), scale.get(), 0});
          }
          h5::attach_scales(attachments);
        },
        0);
  }

 private:
  template <class T, class Get>
  std::vector<T> collect(Get get) const {
    std::vector<T> out;
    if constexpr (std::is_convertible_v<decltype(get(*rows_.begin())), T>) {
      // On every worker: a pass over a million-row table per column waits on memory. Not
      // for_each_index, which stops at a stop request: the flush after one gathers too.
      out.resize(rows_.size());
      const auto first = rows_.begin();
      oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<std::size_t>(0, out.size(), 8192),
                                [&](const oneapi::tbb::blocked_range<std::size_t>& r) {
                                  auto row = first + static_cast<std::ptrdiff_t>(r.begin());
                                  for (std::size_t i = r.begin(); i != r.end(); ++i, ++row)
                                    out[i] = static_cast<T>(get(*row));
                                });
    } else {
      throw std::logic_error("a column's values do not match its stored type");
    }
    return out;
  }

  template <class T>
  void write(const ColumnInfo& info, std::vector<T> values) {
    const std::size_t bytes = values.size() * sizeof(T);
    run_(
        [file = file_, group = group_, info, values = std::move(values)] {
          Handle g = h5::open_group(file, group);
          Handle ds;
          if constexpr (std::is_same_v<T, std::string_view>)
            ds = h5::write_fixed_strings(g.get(), info.name, values);
          else
            ds = h5::write_numbers(g.get(), info.name, values);
          h5::write_attribute(ds.get(), "units", info.units);
          h5::write_attribute(ds.get(), "description", info.description);
        },
        bytes);
    columns_.push_back(info.name);
  }

  hid_t file_;
  std::string group_, dimension_;
  std::vector<std::string> columns_;  // written so far, in order
  const Rows& rows_;
  const TableJobRunner& run_;
};

// Prints each column it is shown as a row of a markdown table.
class TableReference {
 public:
  explicit TableReference(const std::string& dimension) {
    out_ << "| column | type | units | description | notes |\n| --- | --- | --- | --- | --- |\n";
    out_ << "| `" << dimension << "` | int32 | 1 | row number of the " << dimension
         << " | dimension scale |\n";
  }
  template <class Get>
  void column(const ColumnInfo& info, Get) {
    out_ << "| `" << info.name << "` | " << stored_name(info.stored) << " | " << info.units << " | "
         << info.description << " | " << info.notes << " |\n";
  }
  std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
};

}  // namespace

// Each flush rewrites both tables whole. The new ones are written first, under passing names,
// and only then are the old ones deleted and the new renamed: written while the old still
// hold their space, they cannot be written over it. The other order let a run killed before
// the flush ended leave a file whose last flushed state (its checkpoint's) named a projects
// group whose bytes the new table had already overwritten ("bad local heap signature" on
// resume, seen in e2e.resume's kill at a moment nobody chose).
void write_projects_table(hid_t file, const World& world, const TableJobRunner& run,
                          const std::function<void()>& written) {
  const std::array<std::string, 2> names = {"projects", "parties"};
  const auto remove = [file](const std::string& name) {
    if (h5::check(H5Lexists(file, name.c_str(), H5P_DEFAULT), "look for group " + name) > 0)
      h5::check(H5Ldelete(file, name.c_str(), H5P_DEFAULT), "replace group " + name);
  };
  run(
      [names, remove] {
        for (const std::string& name : names) remove(name + ".new");  // a flush that never ended
      },
      0);
  TableWriter projects(file, "projects.new", "project", world.projects, run);
  projects_columns(projects);
  projects.attach_columns();

  std::vector<PartyRow> rows;
  for (const Project& p : world.projects)
    for (const Party& party : p.parties) rows.push_back({p.id, &party});
  TableWriter parties(file, "parties.new", "party", rows, run);
  parties_columns(parties);
  parties.attach_columns();
  if (written) run(written, 0);

  run(
      [file, names, remove] {
        for (const std::string& name : names) {
          remove(name);  // by an earlier flush of this run
          h5::check(
              H5Lmove(file, (name + ".new").c_str(), file, name.c_str(), H5P_DEFAULT, H5P_DEFAULT),
              "rename group " + name);
        }
      },
      0);
}

std::string projects_table_markdown() {
  TableReference reference("project");
  projects_columns(reference);
  return reference.str();
}

std::string parties_table_markdown() {
  TableReference reference("party");
  parties_columns(reference);
  return reference.str();
}

}  // namespace ecosim
