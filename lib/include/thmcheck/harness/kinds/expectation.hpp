// Expectation claims: E[X] <= bound for a bounded variable X in [lo, hi], per instance and
// checkpoint. Each mean gets valid one-sided bounds (Hoeffding and empirical Bernstein,
// intersected), each end at level alpha / (instances x checkpoints) (Bonferroni). Violated when
// some lower end exceeds its bound; holds when every upper end is at most its bound; inconclusive
// otherwise. So P(violated | every mean is within its bound) <= alpha, and P(holds | some mean
// exceeds) <= alpha. Trials of one instance are independent given the instance; the claim is per
// instance. With first_look set, trials are added in doubling stages until the verdict is decided
// (alpha split over the looks). Unbounded X (log cond, say) can be checked through X' = min(X, hi):
// E X' <= E X always, so the lower end stays valid, and a proven tail bound E (X - hi)_+ <= tail
// raises the upper end.
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
  // Upper bound on E[X] - E[recorded value] when the values were truncated at hi (from a proven
  // tail bound, stated by the theorem); added to every upper end. 0 for a variable that is bounded.
  double tail = 0;
  // The mirror image: upper bound on E[recorded value] - E[X] when the values were truncated at lo
  // (X' = max(X, lo), e.g. minus a variable truncated above); subtracted from every lower end.
  // With lower_tail = inf the claim can hold but never be violated.
  double lower_tail = 0;
};

struct ExpectationSpec {
  double alpha = kClaimAlpha;
  Budget instances{4, 16};
  Budget trials_per_instance{400, 4000};
  // Sequential sampling (sequential.hpp): trials per instance at the first look, doubled at every
  // later look up to trials_per_instance, stopping once decided; alpha is split over the looks too.
  // 0: one look at trials_per_instance.
  Budget first_look{0, 0};
  std::function<ExpectationSample(const Trial&)> sample;
};

Claim expectation(ClaimInfo info, ExpectationSpec spec);

}  // namespace thmcheck
