// The institutions of a region: municipalities, universities, private investors and
// business-promotion organisations, and the national public agency.
#pragma once

#include <tuple>

#include "engine/members.hpp"
#include "world/ids.hpp"
#include "world/knowledge.hpp"

namespace ecosim {

struct Municipality {
  RegionId region;
  double population = 0;
  double budget_left_nok = 0;  // of this year's budget for partnerships
  double spent_total_nok = 0;  // committed to partnerships (less refunds)
  double staff_total_nok = 0;  // spent on due diligence and evaluation
  int partnerships_this_year = 0;
};

struct University {
  RegionId region;
  MunicipalityId municipality;  // host
  Knowledge research{};
  int active_projects = 0;
};

struct PrivateInvestor {
  RegionId region;
  double risk_tolerance = 0;    // rises with successful capital projects, returns to its base
  double capital_left_nok = 0;  // of this year's
  double invested_total_nok = 0;
  double mobilised_nok = 0;  // by successful capital projects this year: next year's extra capital
  double mobilised_last_year_nok = 0;  // released through this year with the yearly capital
};

struct PublicAgency {
  double budget_left_nok = 0;
  double spent_total_nok = 0;
};

struct PromotionOrg {
  RegionId region;
  double fee_income_nok = 0;    // yearly
  double grant_income_nok = 0;  // yearly
  double representativeness = 1.0;
};

// Each institution's members, each once (engine/members.hpp): checkpoints and the state's
// digest walk these lists, and a member added to a struct and not here fails to build.
template <>
inline constexpr auto kMembers<Municipality> =
    std::tuple{member("region", &Municipality::region),
               member("population", &Municipality::population),
               member("budget_left_nok", &Municipality::budget_left_nok),
               member("spent_total_nok", &Municipality::spent_total_nok),
               member("staff_total_nok", &Municipality::staff_total_nok),
               member("partnerships_this_year", &Municipality::partnerships_this_year)};
static_assert(lists_every_member<Municipality>(), "Municipality: list each member here");

template <>
inline constexpr auto kMembers<University> = std::tuple{
    member("region", &University::region), member("municipality", &University::municipality),
    member("research", &University::research),
    member("active_projects", &University::active_projects)};
static_assert(lists_every_member<University>(), "University: list each member here");

template <>
inline constexpr auto kMembers<PrivateInvestor> =
    std::tuple{member("region", &PrivateInvestor::region),
               member("risk_tolerance", &PrivateInvestor::risk_tolerance),
               member("capital_left_nok", &PrivateInvestor::capital_left_nok),
               member("invested_total_nok", &PrivateInvestor::invested_total_nok),
               member("mobilised_nok", &PrivateInvestor::mobilised_nok),
               member("mobilised_last_year_nok", &PrivateInvestor::mobilised_last_year_nok)};
static_assert(lists_every_member<PrivateInvestor>(), "PrivateInvestor: list each member here");

template <>
inline constexpr auto kMembers<PublicAgency> =
    std::tuple{member("budget_left_nok", &PublicAgency::budget_left_nok),
               member("spent_total_nok", &PublicAgency::spent_total_nok)};
static_assert(lists_every_member<PublicAgency>(), "PublicAgency: list each member here");

template <>
inline constexpr auto kMembers<PromotionOrg> =
    std::tuple{member("region", &PromotionOrg::region),
               member("fee_income_nok", &PromotionOrg::fee_income_nok),
               member("grant_income_nok", &PromotionOrg::grant_income_nok),
               member("representativeness", &PromotionOrg::representativeness)};
static_assert(lists_every_member<PromotionOrg>(), "PromotionOrg: list each member here");

}  // namespace ecosim
