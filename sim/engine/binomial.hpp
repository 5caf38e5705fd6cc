// Binomial draws of one probability for many trial counts (each firm's leavers in a month):
// the numbers boost::random::binomial_distribution<int>(n, p) gives from the same generator,
// without its set-up per draw. Boost inverts the distribution function where (n + 1) p < 11,
// starting from (1 - p)^n: a pow per construction, once per firm and month. Here that start is
// looked up by n (the same pow of the same arguments, so the same bits), and the inversion is
// boost's, step for step. Other cases (p > 1/2, large n) construct boost's distribution.
#pragma once

#include <boost/random/binomial_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <limits>
#include <vector>

namespace ecosim {

class Binomials {
 public:
  // Trial counts below `table_size` are looked up (most firms have fewer than 1024 people).
  explicit Binomials(double p, int table_size = 1024) : p_(p) {
    if (!(p >= 0 && p <= 0.5)) return;  // boost's own path, as for large n
    for (int n = 0; n < table_size && inverts(n); ++n)
      start_.push_back(std::pow(1 - p, static_cast<double>(n)));
  }

  template <class Engine>
  int operator()(int n, Engine& rng) const {
    if (n < 0 || static_cast<std::size_t>(n) >= start_.size())
      return boost::random::binomial_distribution<int>(n, p_)(rng);
    // boost::random::binomial_distribution::invert, with q_n = start_[n].
    const double q = 1 - p_;
    const double s = p_ / q;
    const double a = (n + 1) * s;
    double r = start_[static_cast<std::size_t>(n)];
    double u = boost::random::uniform_01<double>()(rng);
    int x = 0;
    while (u > r) {
      u = u - r;
      ++x;
      const double r1 = ((a / x) - s) * r;
      if (r1 < std::numeric_limits<double>::epsilon() && r1 < r) break;
      r = r1;
    }
    return x;
  }

 private:
  // Boost's test for inversion (use_inversion: the mode below 11).
  bool inverts(int n) const { return static_cast<int>((n + 1) * p_) < 11; }

  double p_;
  std::vector<double> start_;  // (1 - p)^n for n = 0, 1, ... while boost inverts
};

}  // namespace ecosim
