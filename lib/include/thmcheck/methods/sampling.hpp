// How minibatch methods draw rows: with probability proportional to ||a_i||^2 (row-norm), or
// uniformly; always i.i.d. with replacement.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "thmcheck/methods/multinomial_batch.hpp"
#include "thmcheck/problems/least_squares.hpp"
#include "thmcheck/stats/alias_table.hpp"

namespace thmcheck {

enum class Sampling { row_norm, uniform };
Sampling parse_sampling(std::string_view s);  // throws InputError
std::string to_string(Sampling s);

// The row distribution with its importance weights 1/p_i, ready for O(1) draws of one row and for
// O(n) draws of the counts of a whole batch.
struct RowSampler {
  RowSampler(const RowMatrix& A, Sampling sampling);
  AliasTable table;
  std::vector<double> inv_p;  // 1/p_i
  MultinomialBatch multinomial;
};

}  // namespace thmcheck
