#include "world/project.hpp"

#include <gtest/gtest.h>

namespace ecosim {
namespace {

TEST(Project, RecordsEachCheckAsPassedFailedOrNotReached) {
  Project p;
  for (const Check c : kAllChecks) EXPECT_EQ(p.result(c), CheckResult::not_reached);
  p.set(Check::viability, true);
  p.set(Check::agency_budget, false);
  EXPECT_TRUE(p.passed(Check::viability));
  EXPECT_TRUE(p.failed(Check::agency_budget));
  EXPECT_FALSE(p.failed(Check::funded));
}

// One order of blame for every rejection: the proposal's own checks, then the municipality's
// rules, then the agency, then investors; "underfunded" when no check failed.
TEST(Project, ARejectionIsBlamedOnTheFirstFailedCheckInTheirOrder) {
  Project p;
  EXPECT_EQ(blame(p), Check::funded);
  EXPECT_EQ(rejection_name(blame(p)), "underfunded");
  p.set(Check::funded, false);
  EXPECT_EQ(blame(p), Check::funded);
  p.set(Check::investor_screen, false);
  EXPECT_EQ(blame(p), Check::investor_screen);
  p.set(Check::agency_budget, false);
  EXPECT_EQ(blame(p), Check::agency_budget) << "the agency before investors";
  p.set(Check::min_external_share, false);
  EXPECT_EQ(blame(p), Check::min_external_share) << "the municipality's rules before the agency";
  p.set(Check::partner_found, false);
  EXPECT_EQ(blame(p), Check::partner_found);
  p.set(Check::lead_capacity, false);
  EXPECT_EQ(blame(p), Check::lead_capacity);
  EXPECT_EQ(rejection_name(Check::due_diligence), "due_diligence");
}

TEST(Project, SumsThePartiesMoney) {
  Project p;
  auto party = [](std::uint32_t firm, double cash, double in_kind) {
    Party one;
    one.actor = ActorRef::firm(FirmId(firm));
    one.cash_nok = cash, one.in_kind_nok = in_kind;
    return one;
  };
  p.parties = {party(0, 100, 10), party(1, 50, 20)};
  p.municipal_nok = 30;
  p.agency_nok = 70;
  p.investor_nok = 5;
  p.refund_share = 0.5;
  EXPECT_EQ(p.parties_cash_nok(), 150);
  EXPECT_EQ(p.in_kind_nok(), 30);
  EXPECT_EQ(p.public_nok(), 100);
  EXPECT_EQ(p.private_cash_nok(), 155);
  EXPECT_EQ(p.refunded_nok(), 52.5);
  EXPECT_FALSE(p.started());
  p.start = 0;
  EXPECT_TRUE(p.started());
}

}  // namespace
}  // namespace ecosim
