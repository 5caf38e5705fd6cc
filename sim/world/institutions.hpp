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
  double budget_left_nok = 0;
  double spent_total_nok = 0;
  double staff_total_nok = 0;
  int partnerships_this_year = 0;
};

struct University {
  RegionId region;
  MunicipalityId municipality;
  Knowledge research{};
  int active_projects = 0;
};

struct PrivateInvestor {
  RegionId region;
  double risk_tolerance = 0;
  double capital_left_nok = 0;
  double invested_total_nok = 0;
  double mobilised_nok = 0;
  double mobilised_last_year_nok = 0;
};

struct PublicAgency {
  double budget_left_nok = 0;
  double spent_total_nok = 0;
};

struct PromotionOrg {
  RegionId region;
  double fee_income_nok = 0;
  double grant_income_nok = 0;
  double representativeness = 1.0;
};

// Each institution's members, each once with what it means (engine/members.hpp): checkpoints
// and the state's digest walk these lists, and a member added to a struct and not here fails
// to build.
template <>
inline constexpr auto kMembers<Municipality> =
    std::tuple{ECOSIM_MEMBER(Municipality, region, "1", "its region"),
               ECOSIM_MEMBER(Municipality, population, "person", "residents"),
               ECOSIM_MEMBER(Municipality, budget_left_nok, "NOK",
                             "left of this year's budget for partnerships"),
               ECOSIM_MEMBER(Municipality, spent_total_nok, "NOK",
                             "committed to partnerships since the start, less refunds"),
               ECOSIM_MEMBER(Municipality, staff_total_nok, "NOK",
                             "staff time spent on due diligence and evaluation since the start"),
               ECOSIM_MEMBER(Municipality, partnerships_this_year, "project",
                             "partnerships its contract owner took on this year")};
static_assert(lists_every_member<Municipality>(), "Municipality: list each member here");

template <>
inline constexpr auto kMembers<University> = std::tuple{
    ECOSIM_MEMBER(University, region, "1", "its region"),
    ECOSIM_MEMBER(University, municipality, "1", "its host municipality"),
    ECOSIM_MEMBER(University, research, "1", "research capability per theme"),
    ECOSIM_MEMBER(University, active_projects, "project", "projects it takes part in now")};
static_assert(lists_every_member<University>(), "University: list each member here");

template <>
inline constexpr auto kMembers<PrivateInvestor> = std::tuple{
    ECOSIM_MEMBER(PrivateInvestor, region, "1", "its region"),
    ECOSIM_MEMBER(PrivateInvestor, risk_tolerance, "1",
                  "rises with successful capital projects, returns to its base"),
    ECOSIM_MEMBER(PrivateInvestor, capital_left_nok, "NOK", "left of this year's capital"),
    ECOSIM_MEMBER(PrivateInvestor, invested_total_nok, "NOK", "invested since the start"),
    ECOSIM_MEMBER(PrivateInvestor, mobilised_nok, "NOK",
                  "mobilised by successful capital projects this year: next year's extra capital"),
    ECOSIM_MEMBER(PrivateInvestor, mobilised_last_year_nok, "NOK",
                  "mobilised last year, released through this year with the yearly capital")};
static_assert(lists_every_member<PrivateInvestor>(), "PrivateInvestor: list each member here");

template <>
inline constexpr auto kMembers<PublicAgency> = std::tuple{
    ECOSIM_MEMBER(PublicAgency, budget_left_nok, "NOK", "left of this year's budget"),
    ECOSIM_MEMBER(PublicAgency, spent_total_nok, "NOK", "committed to projects since the start")};
static_assert(lists_every_member<PublicAgency>(), "PublicAgency: list each member here");

template <>
inline constexpr auto kMembers<PromotionOrg> = std::tuple{
    ECOSIM_MEMBER(PromotionOrg, region, "1", "its region"),
    ECOSIM_MEMBER(PromotionOrg, fee_income_nok, "NOK/year", "members' fees"),
    ECOSIM_MEMBER(PromotionOrg, grant_income_nok, "NOK/year", "public grants"),
    ECOSIM_MEMBER(
        PromotionOrg, representativeness, "1",
        "1 while grants are at most dialogue.representation_public_share_threshold of its "
        "income, falling to 0 when grants are all of it: scales its brokered meetings")};
static_assert(lists_every_member<PromotionOrg>(), "PromotionOrg: list each member here");

}  // namespace ecosim
