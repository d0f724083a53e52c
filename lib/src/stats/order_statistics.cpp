#include "thmcheck/stats/order_statistics.hpp"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace thmcheck::stats {

namespace {
// Binomial tails can equal alpha exactly (P(Bin(2, 0.1) >= 2) = 0.01); the incomplete beta function
// returns them with an error of a few ulps, so admissibility is decided with this relative slack.
constexpr double kTieSlack = 1e-10;
}  // namespace

// P(X_(j) < Q_q) <= P(Binomial(n, q) >= j): fewer than q of the mass lies strictly below Q_q, so
// the number of samples below it is at most Binomial(n, q) in distribution (equal for continuous
// X). The tail is decreasing in j, so the smallest admissible j is found by bisection: O(log n)
// beta evaluations instead of O(n), which matters for bound-curve claims with thousands of
// iterations.
std::optional<std::size_t> quantile_upper_rank(std::size_t n, double q, double alpha) {
  if (n == 0) return std::nullopt;
  if (!(q > 0 && q < 1)) throw std::invalid_argument("quantile_upper_rank: q must lie in (0, 1)");
  boost::math::binomial_distribution<double> bin(double(n), q);
  // P(Bin >= j) = 1 - cdf(j - 1), read as a complement so that tiny tails keep their precision.
  auto tail = [&](std::size_t j) {
    return boost::math::cdf(boost::math::complement(bin, double(j - 1)));
  };
  if (tail(n) > alpha * (1 + kTieSlack))
    return std::nullopt;       // even the maximum is not a bound at this level
  std::size_t lo = 1, hi = n;  // invariant: tail(hi) <= alpha
  while (lo < hi) {
    std::size_t mid = lo + (hi - lo) / 2;
    if (tail(mid) <= alpha * (1 + kTieSlack))
      hi = mid;
    else
      lo = mid + 1;
  }
  return hi;
}

// P(X_(i) > Q_q) <= P(Binomial(n, q) <= i - 1): at least q of the mass lies at or below Q_q. The
// cdf is increasing in i, so the largest admissible i is found by bisection.
std::optional<std::size_t> quantile_lower_rank(std::size_t n, double q, double alpha) {
  if (n == 0) return std::nullopt;
  if (!(q > 0 && q < 1)) throw std::invalid_argument("quantile_lower_rank: q must lie in (0, 1)");
  boost::math::binomial_distribution<double> bin(double(n), q);
  auto cdf = [&](std::size_t i) { return boost::math::cdf(bin, double(i - 1)); };
  if (cdf(1) > alpha * (1 + kTieSlack))
    return std::nullopt;       // even the minimum is not a bound at this level
  std::size_t lo = 1, hi = n;  // invariant: cdf(lo) <= alpha
  while (lo < hi) {
    std::size_t mid = lo + (hi - lo + 1) / 2;
    if (cdf(mid) <= alpha * (1 + kTieSlack))
      lo = mid;
    else
      hi = mid - 1;
  }
  return lo;
}

double sample_quantile(std::vector<double> x, double q) {
  if (x.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(x.begin(), x.end());
  double h = (double(x.size()) - 1) * q;
  auto lo = static_cast<std::size_t>(std::floor(h));
  std::size_t hi = std::min(lo + 1, x.size() - 1);
  return x[lo] + (h - double(lo)) * (x[hi] - x[lo]);
}

QuantileBounds quantile_bounds(std::vector<double> x, double q, double alpha) {
  if (!(q > 0 && q < 1)) throw std::invalid_argument("quantile must lie in (0, 1)");
  std::sort(x.begin(), x.end());
  QuantileBounds b;
  b.estimate = sample_quantile(x, q);
  auto up = quantile_upper_rank(x.size(), q, alpha);
  auto lo = quantile_lower_rank(x.size(), q, alpha);
  b.upper = up ? x[*up - 1] : std::numeric_limits<double>::infinity();
  b.lower = lo ? x[*lo - 1] : -std::numeric_limits<double>::infinity();
  return b;
}

}  // namespace thmcheck::stats
