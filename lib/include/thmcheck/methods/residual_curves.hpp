// The two curves of an inconsistent least-squares problem, where the error to the least-squares
// solution and the residual tell different stories (the residual stalls at ||b - A x_LS||).
#pragma once

#include <utility>
#include <vector>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/methods/method.hpp"
#include "thmcheck/problems/least_squares.hpp"

namespace thmcheck {

// ||x_k - x*|| / ||x_0 - x*|| and ||A x_k - b|| / ||b|| for k = 0..K, after K steps of `m`.
std::pair<std::vector<double>, std::vector<double>> error_and_residual(IterativeMethod& m,
                                                                       const LeastSquares& P, int K,
                                                                       Engine& rng);

}  // namespace thmcheck
