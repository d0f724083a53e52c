// Comparison claims: method A beats method B on the same instances (paired, common random numbers).
// Each trial returns both costs (iterations, time, final error) on one instance; A wins a pair when
// a * factor < b. The sign test: the win probability p gets one-sided Clopper-Pearson bounds, each
// at level alpha; holds when the lower one exceeds 1/2, violated when the upper one is below 1/2,
// inconclusive otherwise. Ties count against A (the claim is that A is strictly better). Pairs of
// one instance are independent given the instance, so the count of wins is Poisson-binomial, for
// which the binomial tails are conservative (Hoeffding 1956). The median ratio b/a (the speedup) is
// reported beside it, with order-statistic bounds.
#pragma once

#include <functional>

#include "thmcheck/harness/claim.hpp"
#include "thmcheck/harness/context.hpp"
#include "thmcheck/harness/parameters.hpp"

namespace thmcheck {

struct Paired {
  double a = 0;  // cost of method A (lower is better)
  double b = 0;  // cost of method B on the same instance and randomness
};

struct ComparisonSpec {
  Budget instances{20, 60};
  Budget runs_per_instance{1, 1};
  // Sequential looks (sequential.hpp) at first_look, 2 first_look, ... instances, stopping once
  // decided (alpha split over the looks); 0: one look at every instance.
  Budget first_look{0, 0};
  Constant factor = 1.0;  // A must beat B by this factor: a * factor < b
  double alpha = kClaimAlpha;
  std::string a_name = "A", b_name = "B";
  std::function<Paired(const Trial&)> sample;
};

Claim comparison(ClaimInfo info, ComparisonSpec spec);

}  // namespace thmcheck
