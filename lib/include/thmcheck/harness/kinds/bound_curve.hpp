// Bound-curve claims: a quantile (the median, or 1 - delta) of a trajectory metric stays under a
// predicted curve at every iteration. The trial returns metric_k and curve_k; the claim is about
// the q-quantile of metric_k / curve_k over instances and runs, with distribution-free
// order-statistic bounds at every k and alpha split over the iterations. Holds when every upper
// bound is <= 1, violated when some lower bound is > 1.
#pragma once

#include <functional>
#include <vector>

#include "thmcheck/harness/claim.hpp"
#include "thmcheck/harness/context.hpp"
#include "thmcheck/harness/kinds/probability_over.hpp"
#include "thmcheck/harness/parameters.hpp"
#include "thmcheck/harness/tier.hpp"

namespace thmcheck {

struct CurveSample {
  std::vector<double> metric;  // metric_k, k = 0..K (NaN: not compared at k, e.g. below round-off)
  std::vector<double> curve;   // the predicted bound at k
};

struct BoundCurveSpec {
  Constant quantile = 0.5;
  double alpha = kClaimAlpha;
  Budget instances{4, 16};
  Budget trials_per_instance{25, 100};
  std::function<CurveSample(const Trial&)> sample;
  // pooled: the quantile of the mixture over the sampled instances. each_instance (over.hpp): every
  // instance's own quantile, alpha also split over the instances; one instance above the curve
  // refutes the claim, and instances run one at a time (pinned ones first) until one does.
  ProbabilityOver over = ProbabilityOver::pooled;
};

Claim bound_curve(ClaimInfo info, BoundCurveSpec spec);

}  // namespace thmcheck
