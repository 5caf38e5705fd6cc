#include "io/projects_table.hpp"

#include <functional>
#include <string>
#include <vector>

#include "io/h5.hpp"

namespace ecosim {
namespace {

using h5::Handle;

// Writes one column and attaches it to the table's dimension scale.
class TableWriter {
 public:
  TableWriter(hid_t group, const std::string& dimension, std::size_t rows) : group_(group) {
    std::vector<std::int64_t> index(rows);
    for (std::size_t i = 0; i < rows; ++i) index[i] = static_cast<std::int64_t>(i);
    scale_ = h5::write_ints(group, dimension, index, H5T_STD_I32LE);
    h5::write_attribute(scale_.get(), "units", std::string("1"));
    h5::write_attribute(scale_.get(), "description", "row number of the " + dimension);
    h5::make_scale(scale_.get(), dimension);
  }
  // Integers are stored as 32-bit (ids, months) or, for flags and checks, 8-bit: the tables of
  // a long run hold millions of rows, and writing them is part of the run's time.
  template <class T>
  void column(const std::string& name, const std::vector<T>& values, const std::string& units,
              const std::string& description, hid_t int_type = H5T_STD_I32LE) {
    Handle ds;
    if constexpr (std::is_same_v<T, std::string>)
      ds = h5::write_fixed_strings(group_, name, values);
    else if constexpr (std::is_same_v<T, double>)
      ds = h5::write_doubles(group_, name, values);
    else
      ds = h5::write_ints(group_, name, values, int_type);
    h5::write_attribute(ds.get(), "units", units);
    h5::write_attribute(ds.get(), "description", description);
    h5::attach_scale(ds.get(), scale_.get(), 0);
  }

 private:
  hid_t group_;
  Handle scale_;
};

// A step as the month the file counts (1-based), or -1 when it has not happened.
std::int64_t month_or_none(Step step) { return step == kNoStep ? -1 : step + 1; }

template <class T, class Rows, class Get>
std::vector<T> collect(const Rows& rows, Get get) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(static_cast<T>(get(row)));
  return out;
}

}  // namespace

void write_projects_table(hid_t file, const World& world) {
  const auto& ps = world.projects;
  using S = std::string;
  using I = std::int64_t;
  for (const char* written : {"projects", "parties"})  // by an earlier flush of this run
    if (h5::check(H5Lexists(file, written, H5P_DEFAULT), "look for group") > 0)
      h5::check(H5Ldelete(file, written, H5P_DEFAULT), "replace group");
  Handle group = h5::create_group(file, "projects");
  TableWriter t(group.get(), "project", ps.size());
  t.column("step", collect<I>(ps, [](const Project& p) { return p.step + 1; }), "month",
           "month in which the proposal was made");
  t.column("theme", collect<S>(ps, [](const Project& p) { return S(name_of(p.theme)); }), "1",
           "theme of the project");
  t.column("region", collect<I>(ps, [](const Project& p) { return p.region.index(); }), "1",
           "index of the lead's region (see indicators/region)");
  t.column(
      "lead_kind",
      collect<S>(ps, [](const Project& p) { return S(kActorKindNames[size_t(p.lead.kind())]); }),
      "1", "firm or university");
  t.column("lead", collect<I>(ps, [](const Project& p) { return p.lead.index(); }), "1",
           "index of the lead in the table of its kind (a closed firm's index passes to a later "
           "entrant)");
  t.column("parties", collect<I>(ps, [](const Project& p) { return p.parties.size(); }), "party",
           "number of parties, lead included (rows in group parties)");
  t.column("cross_region", collect<I>(ps, [](const Project& p) { return p.cross_region; }), "1",
           "1 when a party comes from another region", H5T_STD_I8LE);
  t.column("budget_nok", collect<double>(ps, [](const Project& p) { return p.budget_nok; }), "NOK",
           "total budget");
  t.column("duration_months", collect<I>(ps, [](const Project& p) { return p.duration_months; }),
           "month", "planned duration");
  t.column("cash_nok", collect<double>(ps, [](const Project& p) { return p.parties_cash_nok(); }),
           "NOK", "cash offered by the parties");
  t.column("in_kind_nok", collect<double>(ps, [](const Project& p) { return p.in_kind_nok(); }),
           "NOK", "staff time offered by the parties");
  t.column("municipal_nok", collect<double>(ps, [](const Project& p) { return p.municipal_nok; }),
           "NOK", "municipal money committed");
  t.column("agency_nok", collect<double>(ps, [](const Project& p) { return p.agency_nok; }), "NOK",
           "public agency money committed");
  t.column("investor_nok", collect<double>(ps, [](const Project& p) { return p.investor_nok; }),
           "NOK", "private investor money committed");
  t.column("public_share",
           collect<double>(ps, [](const Project& p) { return p.public_nok() / p.budget_nok; }), "1",
           "(municipal + agency) / budget");
  t.column("refunded_nok", collect<double>(ps, [](const Project& p) { return p.refunded_nok(); }),
           "NOK",
           "unspent municipal, agency and investor money returned when the review stopped it");
  t.column("overhead_nok", collect<double>(ps, [](const Project& p) { return p.overhead_nok; }),
           "NOK", "spent on reporting (transparency) in a municipal partnership");
  t.column("withdrawn_nok", collect<double>(ps, [](const Project& p) { return p.withdrawn_nok; }),
           "NOK", "contributions parties did not pay because they closed or ran out of cash");
  t.column("staff_nok", collect<double>(ps, [](const Project& p) { return p.staff_nok; }), "NOK",
           "municipal staff time on due diligence and evaluation");
  t.column("leaked_nok", collect<double>(ps, [](const Project& p) { return p.leaked_nok; }), "NOK",
           "municipal money that did no work because transparency was not required");
  for (const Check c : kAllChecks) {
    const S name(kCheckNames[static_cast<std::size_t>(c)]);
    t.column("check_" + name,
             collect<I>(ps, [c](const Project& p) { return static_cast<int>(p.result(c)); }), "1",
             "rule check " + name + ": 1 passed, 0 failed, -1 not reached or switched off",
             H5T_STD_I8LE);
  }
  t.column(
      "status",
      collect<S>(ps, [](const Project& p) { return S(kProjectStatusNames[size_t(p.status)]); }),
      "1", "rejected, active, stopped_at_review, completed, failed or continued");
  t.column("rejected_by",
           collect<S>(ps,
                      [](const Project& p) {
                        return p.status == ProjectStatus::rejected
                                   ? S(rejection_name(p.rejected_by))
                                   : S("none");
                      }),
           "1",
           "the failed check that stopped the proposal (underfunded: every check passed, the total "
           "fell short); none if it started");
  t.column("start", collect<I>(ps, [](const Project& p) { return month_or_none(p.start); }),
           "month", "month it started; -1 if rejected");
  t.column("end", collect<I>(ps, [](const Project& p) { return month_or_none(p.end); }), "month",
           "month of its last instalment (planned, if still active) or of the review that stopped "
           "it; -1 if rejected");
  t.column("continued_until",
           collect<I>(ps, [](const Project& p) { return month_or_none(p.continued_until); }),
           "month",
           "last month its private side pays when it lives on after its funding; -1 otherwise");
  t.column("succeeded", collect<I>(ps, [](const Project& p) { return p.succeeded; }), "1",
           "1 when it reached its goals at the end of its funding", H5T_STD_I8LE);
  t.column("complementarity",
           collect<double>(ps, [](const Project& p) { return p.complementarity; }), "1",
           "mean gap between the lead's and each partner's knowledge profile");
  t.column("review_signal", collect<double>(ps, [](const Project& p) { return p.review_signal; }),
           "1",
           "progress signal seen at the review (projects.review_at_share of the duration); NaN if "
           "not reviewed (a signal can be negative)");
  t.column("success_probability",
           collect<double>(ps, [](const Project& p) { return p.success_probability; }), "1",
           "probability of reaching the goals, as assessed at financing (every proposal that "
           "reached financing); 0 otherwise");

  struct PartyRow {
    ProjectId project;
    Party party;
  };
  std::vector<PartyRow> rows;
  for (const Project& p : ps)
    for (const Party& party : p.parties) rows.push_back({p.id, party});
  Handle parties = h5::create_group(file, "parties");
  TableWriter pt(parties.get(), "party", rows.size());
  pt.column("project", collect<I>(rows, [](const PartyRow& r) { return r.project.index(); }), "1",
            "row of the project in group projects");
  pt.column("region", collect<I>(rows, [](const PartyRow& r) { return r.party.region.index(); }),
            "1", "index of the party's region");
  pt.column("trust", collect<double>(rows, [](const PartyRow& r) { return r.party.trust; }), "1",
            "the lead's trust in the party when it joined (1 for the lead)");
  pt.column("runway_months",
            collect<double>(rows, [](const PartyRow& r) { return r.party.runway_months; }), "month",
            "cash / monthly costs when it joined (firms; 0 for universities)");
  pt.column(
      "kind",
      collect<S>(
          rows, [](const PartyRow& r) { return S(kActorKindNames[size_t(r.party.actor.kind())]); }),
      "1", "firm or university");
  pt.column("id", collect<I>(rows, [](const PartyRow& r) { return r.party.actor.index(); }), "1",
            "index in the table of its kind (a closed firm's index passes to a later entrant)");
  pt.column("uid", collect<I>(rows, [](const PartyRow& r) { return r.party.uid; }), "1",
            "a firm's persistent id (as firms/uid), a university's index", H5T_STD_U32LE);
  pt.column("cash_nok", collect<double>(rows, [](const PartyRow& r) { return r.party.cash_nok; }),
            "NOK", "cash offered");
  pt.column("in_kind_nok",
            collect<double>(rows, [](const PartyRow& r) { return r.party.in_kind_nok; }), "NOK",
            "staff time offered");
  pt.column("withdrawn", collect<I>(rows, [](const PartyRow& r) { return r.party.withdrawn; }), "1",
            "1 when it closed or ran out of cash before the project ended and stopped paying",
            H5T_STD_I8LE);
}

}  // namespace ecosim
