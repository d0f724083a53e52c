// Products Z_k = Y_k ... Y_1 of momentum matrices (docs/theory/minibatch-hbm.md, "The momentum
// matrix"): Y_j = [[(1 + beta) I - alpha H_j, -beta I], [I, 0]] on the state [e_k; e_{k-1}] in
// R^{2d}, with H_j = Hhat_j a minibatch Hessian (random product) or H itself (T^k). Applied to
// vectors, never formed: a product costs k Hessian applications, and its norm comes from Lanczos on
// Z^T Z (linear_operator.hpp).
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "thmcheck/problems/least_squares.hpp"
#include "thmcheck/spectral/linear_operator.hpp"
#include "thmcheck/spectral/sampled_hessian.hpp"

namespace thmcheck {

// y = H_j x for factor j = 0..k-1 (factor j is Y_{j+1}); H_j symmetric.
using HessianApply = std::function<void(std::size_t j, const double* x, double* y)>;

// The operator Z_k = Y_k ... Y_1 (k = 0: the identity).
LinearOperator momentum_product(Eigen::Index d, std::size_t k, double alpha, double beta,
                                HessianApply hessian);

// T^k with the exact Hessian H (dense, d x d), matrix-free.
LinearOperator momentum_power(const Eigen::MatrixXd& H, std::size_t k, double alpha, double beta);

// Y_k ... Y_1 with the given minibatch Hessians of `problem` (shared, so the operator owns them).
LinearOperator minibatch_momentum_product(
    const LeastSquares& problem, std::shared_ptr<const std::vector<SampledHessian>> hessians,
    double alpha, double beta);

// The single factor Y = [[(1 + beta) I - alpha H, -beta I], [I, 0]] formed densely (checks).
Eigen::MatrixXd momentum_matrix_dense(const Eigen::MatrixXd& H, double alpha, double beta);

}  // namespace thmcheck
