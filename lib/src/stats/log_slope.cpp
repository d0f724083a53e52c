#include "thmcheck/stats/log_slope.hpp"

#include <cmath>
#include <limits>

namespace thmcheck::stats {

double log_slope_rate(const Eigen::VectorXd& e, double floor) {
  const int K = int(e.size()) - 1;
  for (int k = 0; k <= K; ++k)
    if (!std::isfinite(e(k)) || e(k) > 1e100) return std::numeric_limits<double>::infinity();
  int last = K;
  while (last > 0 && !(e(last) > floor)) --last;
  const int first = last / 2;
  if (last - first < 2) return std::nan("");
  double sx = 0, sy = 0, sxx = 0, sxy = 0, n = 0;
  for (int k = first; k <= last; ++k) {
    const double y = std::log(e(k));
    sx += k;
    sy += y;
    sxx += double(k) * k;
    sxy += k * y;
    n += 1;
  }
  return std::exp((n * sxy - sx * sy) / (n * sxx - sx * sx));
}

}  // namespace thmcheck::stats
