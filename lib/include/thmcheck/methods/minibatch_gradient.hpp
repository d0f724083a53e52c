// The minibatch gradient kernel of minibatch SGD and HBM (docs/theory/minibatch-hbm.md):
//   s = sum_j m_j (1/p_{i_j}) a_{i_j} (a_{i_j}^T x - b_{i_j})   (the caller divides by B),
// over a list of rows i_j with multiplicities m_j. Two exact forms of the same sum use it:
// - the draws in draw order, every m_j = 1 (random reads of B rows of A);
// - the distinct drawn rows in increasing index order, m_j = how often row i_j was drawn (reads in
//   address order, each drawn row once): the same sum up to round-off, cheaper when B is a sizable
//   fraction of n (sorted_draws below).
// Every row's residual a^T x - b is summed over c = 0 .. d-1 and the gradient over j in list order
// whatever the form, so results depend on the list alone, never on how the kernel is scheduled.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "thmcheck/problems/least_squares.hpp"

namespace thmcheck {

// g = sum_j m_j inv_p[i_j] a_{i_j} (a_{i_j}^T x - b_{i_j}); multiplicities empty means every m_j
// = 1. g is resized to d and overwritten. Rows must be < n (unchecked: this is the inner loop).
// The rows of `ahead` (rows the caller sums next, e.g. another run's draws) are requested from
// memory while this sum runs, as if they continued the list; that changes no bit of g.
void minibatch_gradient_sum(const LeastSquares& p, const std::vector<double>& inv_p,
                            std::span<const std::size_t> rows,
                            std::span<const double> multiplicities, const Eigen::VectorXd& x,
                            Eigen::VectorXd& g, std::span<const std::size_t> ahead = {});

// The draws as distinct rows in increasing order with their counts, by counting over n (O(n + B),
// no comparison sort). counts is scratch of size n, left all zero on return.
void sorted_draws(std::span<const std::size_t> draws, std::vector<std::uint32_t>& counts,
                  std::vector<std::size_t>& rows, std::vector<double>& multiplicities);

}  // namespace thmcheck
