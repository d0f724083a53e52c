#include "thmcheck/stats/order_statistics.hpp"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace thmcheck::stats {

// P(X_(j) < Q_q) = P(Binomial(n, q) >= j): the number of samples below the quantile is binomial.
std::optional<std::size_t> quantile_upper_rank(std::size_t n, double q, double alpha) {
  if (n == 0) return std::nullopt;
  boost::math::binomial_distribution<double> bin(double(n), q);
  for (std::size_t j = 1; j <= n; ++j) {
    // P(Bin >= j) = 1 - cdf(j - 1)
    double tail = boost::math::cdf(boost::math::complement(bin, double(j - 1)));
    if (tail <= alpha) return j;
  }
  return std::nullopt;
}

// P(X_(i) > Q_q) = P(Binomial(n, q) <= i - 1).
std::optional<std::size_t> quantile_lower_rank(std::size_t n, double q, double alpha) {
  if (n == 0) return std::nullopt;
  boost::math::binomial_distribution<double> bin(double(n), q);
  std::optional<std::size_t> best;
  for (std::size_t i = 1; i <= n; ++i) {
    if (boost::math::cdf(bin, double(i - 1)) <= alpha)
      best = i;
    else
      break;
  }
  return best;
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
