// The exact worst case of heavy ball's deterministic bounds over starts and spectra: the oracle the
// worst-case search is tested against.
//
// On a quadratic, heavy ball (x_{-1} = x_0) acts on each eigenvector of H through the 2x2 block
// T(lambda) = [[1 + beta - alpha lambda, -beta], [1, 0]]: the error along an eigenvector of
// eigenvalue lambda is e_k = p_k(lambda) e_0 with [p_k; p_{k-1}] = T(lambda)^k [1; 1]. A start is a
// mix of eigenvectors, so ||e_k|| / ||e_0|| <= max_i |p_k(lambda_i)|, with equality for the start
// along the worst one; and ||T^k|| = max_i ||T(lambda_i)^k||. The worst case over every start and
// every spectrum in [lambda_min, lambda_max] (alpha and beta fixed by the ends) is therefore a
// maximization over lambda and k alone, done here on a grid in lambda refined around its best cell,
// exactly in k.
#pragma once

#include <functional>

#include "thmcheck/spectral/heavy_ball_parameters.hpp"

namespace thmcheck {

struct BlockWorstCase {
  double ratio = 0;   // the largest quantity(lambda, k) / bound(k)
  double lambda = 0;  // where
  int k = 0;
};

enum class BlockQuantity {
  error,       // |p_k(lambda)|: the error of heavy ball from x_{-1} = x_0 along one eigenvector
  power_norm,  // ||T(lambda)^k||: the operator norm of the block's power
};

// max over lambda in [p.lambda_min, p.lambda_max] and k_first <= k <= k_last of quantity /
// bound(k). `scaled_bound(k)` is bound(k) / sqrt(beta)^k: the blocks run divided by sqrt(beta) (the
// modulus of every eigenvalue), so that long horizons neither underflow nor lose relative accuracy.
// `grid` points (denser near the ends, where the blocks are nearly defective) and as many again in
// the best cell.
BlockWorstCase heavy_ball_worst_case(const HeavyBallParameters& p, BlockQuantity what, int k_first,
                                     int k_last, const std::function<double(int)>& scaled_bound,
                                     int grid = 2000);

}  // namespace thmcheck
