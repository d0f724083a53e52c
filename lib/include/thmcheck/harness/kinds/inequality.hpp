// Inequality claims: a deterministic inequality lhs <= rhs on every instance (a lemma, an
// identity, a deterministic rate). One violation beyond round-off is a counterexample: it is shrunk
// toward the smallest failing instance and given a replay token. Evidence: the largest lhs/rhs
// seen, the claim's sharpness, first over random instances, then by a targeted search for the worst
// case (harness/worst_case_search.hpp) over the continuous hypothesis variables and the claim's
// declared adversarial inputs (harness/adversarial_input.hpp), started from the best sampled
// trials.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "thmcheck/harness/adversarial_input.hpp"
#include "thmcheck/harness/claim.hpp"
#include "thmcheck/harness/context.hpp"
#include "thmcheck/harness/parameters.hpp"
#include "thmcheck/harness/tier.hpp"

namespace thmcheck {

// One measured inequality lhs <= rhs (a trial may measure many: one per iteration, per block, ...).
struct Inequality {
  double lhs = 0;
  double rhs = 0;
  std::string where;  // "k=17", "block 3": says where it broke
  // Absolute round-off allowance of this comparison (e.g. c eps kappa ||x*|| for an iterate of a
  // method whose computed fixed point is that far from x*); added to the spec's abs_tol.
  double allowance = 0;
};

struct InequalitySpec {
  Budget instances{20, 200};
  // Round-off allowance: lhs <= rhs * (1 + rel_tol) + abs_tol. Named so a report can show it.
  Constant rel_tol = 1e-9;
  Constant abs_tol = 0.0;
  bool shrink = true;
  // What the measure reads as t.input(i) besides the instance: a start, a direction, an
  // eigenvalue's place. A claim "for every start" declares its start here rather than drawing it,
  // so that the search can choose it. Sampled trials draw them from the trial's engine, before the
  // measure runs.
  std::vector<AdversarialInput> inputs;
  std::function<std::vector<Inequality>(const Trial&)> measure;
  // Worst case by search: evaluations of the measure per tier, spent on local searches (Subplex)
  // from the best `search_starts` sampled trials, over the continuous hypothesis variables (within
  // the tier's ranges; integer and choice variables stay those of the start) and the inputs. {0,
  // 0}: sampling alone. Axis probes of the direction inputs come first (docs/verdicts.md, "Worst
  // case by search"), then the local searches share what is left. Eight starts and 400 evaluations:
  // about 0.1 ms each on these claims.
  Budget search{400, 2000};
  std::size_t search_starts = 8;
  // Evaluations of the measure spent on shrinking a counterexample (each is one trial on a smaller
  // point); shrinking stops early when no smaller candidate still fails.
  std::size_t shrink_budget = 300;
};

Claim inequality(ClaimInfo info, InequalitySpec spec);

}  // namespace thmcheck
