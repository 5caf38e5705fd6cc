// The rules of a region's labour market (docs/MODEL.md §7.2 Economy, labour supply): pure
// functions of the values they are given.
#pragma once

namespace ecosim {

// A region's unemployment rate with `jobs` jobs: residents without a job of the labour force,
// each job held by residents_per_job residents (net commuting); 0 without a labour force. The
// same rule gives the skilled rate from the skilled labour force and skilled jobs.
inline double unemployment_rate(double labour_force, double residents_per_job, double jobs) {
  return labour_force > 0 ? 1.0 - residents_per_job * jobs / labour_force : 0.0;
}

}  // namespace ecosim
