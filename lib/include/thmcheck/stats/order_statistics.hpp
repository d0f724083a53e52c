// Distribution-free confidence bounds for a quantile from order statistics: for i.i.d. samples the
// number below the q-quantile is Binomial(n, q), so X_(j) bounds it with an exact binomial tail.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace thmcheck::stats {

// Index j (1-based) of the smallest order statistic with P(Q_q > X_(j)) <= alpha, i.e. an upper
// confidence bound for the q-quantile; nullopt when n is too small for that level.
std::optional<std::size_t> quantile_upper_rank(std::size_t n, double q, double alpha);
// Largest j with P(Q_q < X_(j)) <= alpha: a lower confidence bound.
std::optional<std::size_t> quantile_lower_rank(std::size_t n, double q, double alpha);

struct QuantileBounds {
  double estimate = 0;  // the sample quantile (type 7, as NumPy's default)
  double lower = 0;     // -inf when n is too small
  double upper = 0;     // +inf when n is too small
};
// Sorts a copy. One-sided levels: each bound misses with probability at most alpha.
QuantileBounds quantile_bounds(std::vector<double> x, double q, double alpha);
double sample_quantile(std::vector<double> x, double q);

}  // namespace thmcheck::stats
