// A minibatch of B i.i.d. draws with replacement, drawn as what the gradient needs of it: the count
// vector c ~ Multinomial(B, p) over the rows (docs/theory/minibatch-hbm.md, "Multinomial batches").
// The gradient (1/B) sum_i c_i a_i (a_i^T x - b_i) / p_i of the counts equals, in distribution, the
// sum over B individual draws, so a step costs O(n) whatever B is: B = 10^12 costs what B = n
// costs.
//
// The counts come from conditional binomials over the rows in increasing order:
//   c_j ~ Binomial(B - c_1 - ... - c_{j-1}, p_j / (p_j + ... + p_n)),
// which is the multinomial law exactly (each c_j given the earlier counts is binomial). The tail
// sums are computed from the end, so the last row with p_j > 0 gets probability exactly 1 and takes
// the remaining draws. Rows with p_j = 0 are skipped and never counted.
#pragma once

#include <cstdint>
#include <vector>

#include "thmcheck/core/seed.hpp"

namespace thmcheck {

class MultinomialBatch {
 public:
  // From the row probabilities p (nonnegative, summing to 1 up to round-off; throws
  // std::invalid_argument when none is positive).
  explicit MultinomialBatch(const std::vector<double>& p);

  // One batch of B draws: the rows with a nonzero count, increasing, and their counts (exact in a
  // double: B < 2^53, else std::invalid_argument). Consumes the engine row by row, in row order, so
  // the result depends on (engine state, B) alone.
  void sample(Engine& rng, std::int64_t B, std::vector<std::size_t>& rows,
              std::vector<double>& counts) const;

 private:
  std::vector<std::size_t> support_;  // the rows with p_j > 0, increasing
  std::vector<double> conditional_;   // p_j / (p_j + ... + p_n) over the support; the last is 1
};

}  // namespace thmcheck
