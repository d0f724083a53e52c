// Confidence intervals for the mean of a bounded random variable X in [a, b]: Hoeffding's (needs
// only the range) and the empirical-Bernstein bound of Maurer and Pontil (2009), which is much
// tighter when the variance is small. Both are valid for every distribution on [a, b].
#pragma once

#include <vector>

#include "thmcheck/stats/clopper_pearson.hpp"

namespace thmcheck::stats {

struct MeanInterval {
  double mean = 0;
  Interval interval;  // two-sided, total miss probability at most alpha
  const char* method = "";
};

MeanInterval hoeffding(const std::vector<double>& x, double a, double b, double alpha);
MeanInterval empirical_bernstein(const std::vector<double>& x, double a, double b, double alpha);
// The intersection of both, each at alpha/2: valid, and never worse than either by much.
MeanInterval bounded_mean(const std::vector<double>& x, double a, double b, double alpha);

}  // namespace thmcheck::stats
