// The expectation bound for products of independent random matrices (Huang, Niles-Weed, Tropp,
// Ward, FoCM 2022; docs/theory/random-matrices-and-classics.md): with ||E Y_i|| <= m_i, ||Y_i - E
// Y_i|| <= sigma_i m_i, M = prod m_i and v = sum sigma_i^2, E ||Y_k ... Y_1|| <= exp(sqrt(2 v
// max{log D, 2 v})) M.
#pragma once

#include <algorithm>
#include <cmath>

namespace thmcheck {

// The factor exp(sqrt(2 v max{log D, 2 v})) multiplying M; D is the largest dimension.
inline double product_expectation_log_factor(double v, double D) {
  return std::sqrt(2 * v * std::max(std::log(D), 2 * v));
}
inline double product_expectation_factor(double v, double D) {
  return std::exp(product_expectation_log_factor(v, D));
}

}  // namespace thmcheck
