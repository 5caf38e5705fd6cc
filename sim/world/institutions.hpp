// The institutions of a region: municipalities, universities, private investors and
// business-promotion organisations, and the national public agency.
#pragma once

#include "world/ids.hpp"
#include "world/knowledge.hpp"

namespace ecosim {

struct Municipality {
  RegionId region;
  double population = 0;
  double budget_left_nok = 0;  // of this year's business-development budget
  double spent_total_nok = 0;
};

struct University {
  RegionId region;
  MunicipalityId municipality;  // host
  Knowledge research{};
  int active_projects = 0;
};

struct PrivateInvestor {
  RegionId region;
  double risk_tolerance = 0;  // rises with successful capital projects
  double capital_left_nok = 0;
  double invested_total_nok = 0;
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

}  // namespace ecosim
