// Clopper-Pearson: the exact binomial confidence interval, from beta quantiles (Boost.Math).
// Conservative by construction: coverage is at least 1 - alpha for every p and n.
#pragma once

#include <cstdint>

namespace thmcheck::stats {

struct Interval {
  double lo = 0, hi = 0;
};

// Two-sided interval with total miss probability at most alpha (alpha/2 each side).
Interval clopper_pearson(std::uint64_t successes, std::uint64_t n, double alpha);
// One-sided bounds with miss probability at most alpha.
double clopper_pearson_upper(std::uint64_t successes, std::uint64_t n, double alpha);
double clopper_pearson_lower(std::uint64_t successes, std::uint64_t n, double alpha);

}  // namespace thmcheck::stats
