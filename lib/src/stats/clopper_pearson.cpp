#include "thmcheck/stats/clopper_pearson.hpp"

#include <boost/math/distributions/beta.hpp>
#include <stdexcept>

namespace thmcheck::stats {

double clopper_pearson_lower(std::uint64_t x, std::uint64_t n, double alpha) {
  if (n == 0) return 0;
  if (x > n) throw std::invalid_argument("clopper_pearson: successes exceed trials");
  if (x == 0) return 0;
  boost::math::beta_distribution<double> b(double(x), double(n - x + 1));
  return boost::math::quantile(b, alpha);
}

double clopper_pearson_upper(std::uint64_t x, std::uint64_t n, double alpha) {
  if (n == 0) return 1;
  if (x > n) throw std::invalid_argument("clopper_pearson: successes exceed trials");
  if (x == n) return 1;
  boost::math::beta_distribution<double> b(double(x + 1), double(n - x));
  return boost::math::quantile(boost::math::complement(b, alpha));
}

Interval clopper_pearson(std::uint64_t x, std::uint64_t n, double alpha) {
  return {clopper_pearson_lower(x, n, alpha / 2), clopper_pearson_upper(x, n, alpha / 2)};
}

}  // namespace thmcheck::stats
