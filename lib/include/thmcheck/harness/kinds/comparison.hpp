// Comparison claims: method A beats method B on the same instances (paired, common random numbers).
// Each trial returns both costs (iterations, time, final error) on one instance; A wins a pair when
// a * factor < b. The sign test: the win probability p gets a Clopper-Pearson interval; holds when its
// lower end exceeds 1/2, violated when its upper end is below 1/2, inconclusive otherwise. The
// estimate reported beside it is the median ratio b/a (the speedup).
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
  Value factor = 1.0;  // A must beat B by this factor: a * factor < b
  double alpha = 0.01;
  std::string a_name = "A", b_name = "B";
  std::function<Paired(const Trial&)> sample;
};

Claim comparison(ClaimInfo info, ComparisonSpec spec);

}  // namespace thmcheck
