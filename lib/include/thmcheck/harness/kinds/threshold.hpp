// Threshold claims: a critical parameter (a batch size, a width) located on an increasing grid and
// compared with the predicted one. At each grid value x, trials report success; the success rate
// gets a Clopper-Pearson interval (alpha split over the grid). x "passes" when the lower end is at
// least `level`, "fails" when the upper end is below it. The empirical threshold x_emp is the
// smallest grid value from which every larger one passes. Claim form at_most (x_emp <= predicted):
// holds when every grid value >= predicted passes, violated when one of them fails, inconclusive
// otherwise. The margin predicted / x_emp is the sharpness of the prediction. each_instance
// (over.hpp): every instance gets its own x_emp and verdict; the claim's estimate is the largest
// x_emp.
#pragma once

#include <functional>

#include "thmcheck/harness/claim.hpp"
#include "thmcheck/harness/context.hpp"
#include "thmcheck/harness/kinds/grid.hpp"
#include "thmcheck/harness/kinds/probability_over.hpp"
#include "thmcheck/harness/parameters.hpp"

namespace thmcheck {

struct ThresholdSpec {
  Grid grid;  // increasing; often in units of the prediction (then predicted = 1)
  Constant predicted = 1.0;
  Constant level = 0.9;  // required success probability, 1 - delta
  Budget instances{4, 10};
  Budget runs_per_point{10, 30};  // per (instance, x)
  double alpha = kClaimAlpha;
  ProbabilityOver over = ProbabilityOver::pooled;
  std::string x_name = "x";
  std::function<bool(const Trial&, double x)> success;
};

Claim threshold(ClaimInfo info, ThresholdSpec spec);

}  // namespace thmcheck
