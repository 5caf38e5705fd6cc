// The institutions of a region: municipalities, universities, private investors and
// business-promotion organisations, and the national public agency.
#pragma once

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

}  // namespace ecosim
