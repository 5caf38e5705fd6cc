// What `ecosim validate` measures on one run of the studied region (the first): firm
// demography as SSB and Eurostat count it, the size and growth laws as the literature fits
// them, the cooperation network, and the shares the facts compare with their sources.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <vector>

#include "indicators/indicators.hpp"
#include "validate/facts.hpp"

namespace ecosim::measures {

inline const RegionId kStudied{0};

// The months of a run, and the studied region's indicator in one of them.
int months(const RunRecord& run);
double value_of(const Observation& o, IndicatorId k);
// Yearly means of an indicator of the studied region, over whole years.
std::vector<double> yearly_means(const RunRecord& run, IndicatorId k);
// Its lowest and highest monthly value over the last `span` months.
std::optional<double> lowest_in_last(const RunRecord& run, IndicatorId k, int span);
std::optional<double> highest_in_last(const RunRecord& run, IndicatorId k, int span);
// The snapshots of a run by month (1 = the first).
std::map<int, const Snapshot*> snapshots(const RunRecord& run);

// Share of the studied region's establishments in each size class at a snapshot month, and the
// largest gap of those shares to `shares` (normalised to sum to one).
std::optional<double> size_class_gap(const RunRecord& run, int month,
                                     const PerSizeClass<double>& shares);

// Yearly exit rate of private firms of the studied region: exits in the 12 months after each
// yearly snapshot over the firms in it; from_month picks the years that start at or after it.
std::optional<double> exit_rate(const RunRecord& run, int from_month = 0);
// Share of the studied region's exits that were bankruptcies (cash run out).
std::optional<double> bankruptcy_share(const RunRecord& run);

// n-year survival of new firms by the calendar-year definition of Eurostat and SSB (§19): of
// the firms born in a model year Y (months 12Y+1 .. 12Y+12), the share still active in year
// Y+n (not closed before its first month). Cohorts after the first year, followed to the end.
std::optional<double> calendar_survival(const RunRecord& run, int years);

// A Zipf law P(S >= s) ~ s^-exponent fitted to integer sizes by maximum likelihood above a
// threshold chosen to minimise the Kolmogorov-Smirnov distance between the tail's empirical
// and fitted distributions (Clauset, Shalizi & Newman 2009; the continuous estimator with
// the usual half-unit correction for integers). Thresholds with fewer than min_tail sizes
// above them are not tried.
struct ZipfFit {
  double exponent = 0;
  int threshold = 0;
  std::size_t tail = 0;  // sizes at or above the threshold
  double distance = 0;   // the KS distance at the threshold
};
std::optional<ZipfFit> fit_zipf(const std::vector<int>& sizes, std::size_t min_tail = 50);
// The fit on employees of the studied region's private firms with employees, last month.
std::optional<ZipfFit> zipf_of_last_month(const RunRecord& run);

// Yearly log growth of private firms with at least one employee, 12 months apart: of value
// added, and of employees + 1 (the size in the same measure).
struct Growth {
  double employees;  // employees + 1 at the start
  double rate;       // of value added
  double employee_rate;
};
std::vector<Growth> growth_rates(const RunRecord& run);
// beta in sd(growth) ~ size^-beta, size and growth both in employees + 1 (Stanley et al. 1996,
// Amaral et al. 1997 find the same beta in sales and in employees): the slope of log sd over
// log mean size across size bins of firms of 5 employees or more (below, one hire is a step of
// 20% or more, and whole workers, not the law, set the spread).
std::optional<double> growth_beta(const RunRecord& run);
// Mean absolute deviation over standard deviation of the growth of firms of 5-49 employees.
std::optional<double> laplace_ratio(const RunRecord& run);
// Young firms' yearly exit rate over that of firms 5 years and older.
std::optional<double> young_over_old_exit(const RunRecord& run);

std::optional<double> degree_skewness(const RunRecord& run);
// Transitivity (3 x triangles / connected triples) over the density of a random graph.
std::optional<double> clustering_over_random(const RunRecord& run);
// Share of firms with at least 10 employees at a three-year window's start that take part in a
// partnership running in the window (CIS counts co-operation over three years, for such firms).
std::optional<double> partnership_share(const RunRecord& run);

double mean_of(const std::vector<double>& v);

}  // namespace ecosim::measures
