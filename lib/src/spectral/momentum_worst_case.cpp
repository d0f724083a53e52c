#include "thmcheck/spectral/momentum_worst_case.hpp"

#include <Eigen/SVD>
#include <cmath>
#include <numbers>

#include "thmcheck/core/errors.hpp"

namespace thmcheck {

namespace {

// The worst k for one lambda: the block divided by sqrt(beta), iterated from [1; 1] (error) or from
// I.
BlockWorstCase at_lambda(const HeavyBallParameters& p, double lambda, BlockQuantity what,
                         int k_first, int k_last, const std::function<double(int)>& scaled_bound) {
  const Eigen::Matrix2d S = momentum_block(p, lambda) / p.sqrt_beta;
  BlockWorstCase w{0, lambda, 0};
  Eigen::Matrix2d P = Eigen::Matrix2d::Identity();
  Eigen::Vector2d v(1, 1);
  for (int k = 0; k <= k_last; ++k) {
    if (k > 0) {
      if (what == BlockQuantity::error)
        v = S * v;
      else
        P = S * P;
    }
    if (k < k_first) continue;
    const double q = what == BlockQuantity::error
                         ? std::abs(v(0))
                         : Eigen::JacobiSVD<Eigen::Matrix2d>(P).singularValues()(0);
    const double r = q / scaled_bound(k);
    if (r > w.ratio) w = {r, lambda, k};
  }
  return w;
}

}  // namespace

BlockWorstCase heavy_ball_worst_case(const HeavyBallParameters& p, BlockQuantity what, int k_first,
                                     int k_last, const std::function<double(int)>& scaled_bound,
                                     int grid) {
  if (grid < 2 || k_last < k_first || k_first < 0)
    throw InputError("heavy_ball_worst_case: needs grid >= 2 and 0 <= k_first <= k_last");
  const double lo = p.lambda_min, hi = p.lambda_max;
  // Chebyshev-like points: cos spacing puts most of them near the ends.
  auto point = [&](double t) {
    return lo + (hi - lo) * 0.5 * (1 - std::cos(std::numbers::pi * t));
  };
  BlockWorstCase best;
  int best_i = 0;
  for (int i = 0; i <= grid; ++i) {
    auto w = at_lambda(p, point(double(i) / grid), what, k_first, k_last, scaled_bound);
    if (w.ratio > best.ratio) {
      best = w;
      best_i = i;
    }
  }
  // Refine in the cells on both sides of the best grid point.
  const double t0 = double(std::max(0, best_i - 1)) / grid,
               t1 = double(std::min(grid, best_i + 1)) / grid;
  for (int i = 0; i <= grid; ++i) {
    auto w = at_lambda(p, point(t0 + (t1 - t0) * i / grid), what, k_first, k_last, scaled_bound);
    if (w.ratio > best.ratio) best = w;
  }
  return best;
}

}  // namespace thmcheck
