// One rule for comparing money. Amounts are doubles in NOK, and a gap computed as a budget less
// several contributions is left with a residual of about 1e-10 NOK where one funder closed it
// exactly; compared with zero, that residual made a funder of the next in line (issue 24: half
// of the municipality's partnerships held less than 1 NOK). So every comparison of money with
// zero or with a threshold goes through these functions, with one tolerance: the smallest
// amount that counts as money.
#pragma once

namespace ecosim {

// Less than one krone is no money: far above any rounding residual of the sums here (budgets
// are at most about 1e10 NOK, so residuals stay below 1e-5 NOK), far below any real share.
inline constexpr double kSmallestAmountNok = 1.0;

// An amount worth paying, asking for or recording as a contribution.
inline bool is_money(double nok) { return nok >= kSmallestAmountNok; }

// `have` reaches `need`, short of it by less than the smallest amount.
inline bool covers(double have, double need) { return have > need - kSmallestAmountNok; }

// A monthly commitment less the part of it that ended: what is left below the smallest amount
// is the residual of the parts once added up, so it is dropped, never left to be paid.
inline double paid_down(double committed, double ended) {
  const double left = committed - ended;
  return left < kSmallestAmountNok ? 0.0 : left;
}

}  // namespace ecosim
