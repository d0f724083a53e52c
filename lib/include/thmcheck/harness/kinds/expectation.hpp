// Expectation claims: E[X] <= bound for a bounded variable X in [lo, hi], per instance and
// checkpoint. Each mean gets a valid interval (Hoeffding and empirical Bernstein, intersected);
// alpha is split over all (instance, checkpoint) pairs. Violated when some lower end exceeds its
// bound; holds when every upper end is at most its bound; inconclusive otherwise.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "thmcheck/harness/claim.hpp"
#include "thmcheck/harness/context.hpp"
#include "thmcheck/harness/tier.hpp"

namespace thmcheck {

// One trial's values at the checkpoints, the bounds on their means, and the range of X.
struct ExpectationSample {
  std::vector<double> values;
  std::vector<double> bounds;
  std::vector<std::string> labels;  // checkpoint names, "k=40"
  double lo = 0, hi = 1;
};

struct ExpectationSpec {
  double alpha = 0.01;
  Budget instances{4, 16};
  Budget trials_per_instance{400, 4000};
  std::function<ExpectationSample(const Trial&)> sample;
};

Claim expectation(ClaimInfo info, ExpectationSpec spec);

}  // namespace thmcheck
