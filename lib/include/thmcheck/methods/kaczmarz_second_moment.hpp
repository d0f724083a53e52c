// The exact second moment of randomized Kaczmarz's error (row-norm sampling, omega = 1). One step
// maps e to P_i e, P_i = I - a_i a_i^T / ||a_i||^2, with probability p_i = ||a_i||^2 / ||A||_F^2,
// so S = E[e e^T] evolves by the deterministic linear map
//     L(S) = E[P_i S P_i] = S - (H S + S H) / ||A||_F^2 + A^T diag(w) A / ||A||_F^2,
//     w_i = a_i^T S a_i / ||a_i||^2.
// L is self-adjoint in the trace inner product (every P_i is symmetric), so E||e_k||^2 = e_0^T G_k
// e_0 with G_k = L^k(I), whatever the start: one sequence of matrices gives the exact expected
// error of every start, and its largest eigenvalue is the worst start's. No sampling noise: a claim
// about the expectation is decided as a deterministic inequality. Each step costs about 2 n d^2 + 2
// d^3 flops.
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "thmcheck/problems/least_squares.hpp"

namespace thmcheck {

// G_k = L^k(I) at each k of `checkpoints` (increasing, >= 0), in that order.
std::vector<Eigen::MatrixXd> kaczmarz_error_gram(const LeastSquares& problem,
                                                 const std::vector<int>& checkpoints);

}  // namespace thmcheck
