// A minibatch Hessian estimate Hhat = (1/B) sum_j a_{i_j} a_{i_j}^T / p_{i_j}
// (docs/theory/minibatch-hbm.md, "The momentum matrix"), held matrix-free as its distinct rows and
// their weights count_i / (B p_i): applying it costs O(min(B, n) d), whatever B, and B may exceed
// n.
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/methods/sampling.hpp"
#include "thmcheck/problems/least_squares.hpp"

namespace thmcheck {

struct SampledHessian {
  std::vector<std::size_t> rows;  // distinct sampled rows, ascending
  std::vector<double> weights;    // count_i / (B p_i)

  // y = Hhat x (y is overwritten; x and y must not alias).
  void apply(const RowMatrix& A, const double* x, double* y) const;
  Eigen::MatrixXd dense(const RowMatrix& A) const;
};

// B rows i.i.d. with replacement from the sampler's distribution, aggregated.
SampledHessian sample_hessian(const RowSampler& sampler, long batch, Engine& rng);

}  // namespace thmcheck
