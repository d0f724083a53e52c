// Probability claims: an event holds with probability at least 1 - delta. The failure rate gets a
// Clopper-Pearson interval: violated when its lower end exceeds delta, holds when its upper end is
// at most delta, inconclusive otherwise. Trials are added sequentially (doubling) until decided;
// alpha is split evenly over the looks (Bonferroni), so the false-alarm level holds despite the
// peeking. Over whom: see over.hpp.
#pragma once

#include <functional>

#include "thmcheck/harness/claim.hpp"
#include "thmcheck/harness/context.hpp"
#include "thmcheck/harness/kinds/probability_over.hpp"
#include "thmcheck/harness/parameters.hpp"
#include "thmcheck/harness/tier.hpp"

namespace thmcheck {

struct ProbabilitySpec {
  Constant delta = "delta";      // allowed failure probability
  double alpha = kClaimAlpha;    // false-alarm level of the whole sequential test
  Budget first_look{50, 200};    // trials before the first look; doubled at every later look
  Budget max_trials{400, 3200};  // pooled: in all; each_instance: per instance
  std::size_t trials_per_instance = 10;  // pooled only
  ProbabilityOver over = ProbabilityOver::pooled;
  Budget instances{4, 12};  // each_instance only
  // True when the event holds on this trial.
  std::function<bool(const Trial&)> event;
  // Optional: what a replay prints besides the event (where and by how much it failed).
  std::function<nlohmann::json(const Trial&)> evidence;
};

Claim probability(ClaimInfo info, ProbabilitySpec spec);

}  // namespace thmcheck
