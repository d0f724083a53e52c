// The sparse-rows matrix of the minibatch heavy-ball paper (docs/theory/minibatch-hbm.md,
// "Experiments of the paper"): rows of very different norms, where row-norm sampling needs a
// smaller batch than uniform sampling.
#pragma once

#include <Eigen/Dense>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/problems/least_squares.hpp"

namespace thmcheck {

// A_ij = D_i 1[u_ij > 0.9], u_ij uniform, D_i = 10 with probability 0.1 else 1; x_opt ~ N(0, I) and
// b = A x_opt (consistent). Rows left empty are kept: row-norm sampling never draws them.
LeastSquares sparse_rows_problem(Eigen::Index n, Eigen::Index d, Engine& rng);

}  // namespace thmcheck
