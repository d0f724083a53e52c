// Scaling claims: an exponent b in y ~ x^b (iterations against kappa, against d) fitted on a sweep
// and compared with the claimed exponent. Each instance gets its own least-squares slope of
// log y on log x over the grid (its runs averaged in log); the instances' slopes are i.i.d., so
// the median slope gets distribution-free order-statistic bounds. Forms: at_most (holds when the
// upper bound <= claimed, violated when the lower bound > claimed), at_least (mirror), near (holds
// when the interval lies in [claimed - tol, claimed + tol], violated when it is disjoint from it).
// Levels: one-sided alpha per bound for at_most and at_least, alpha/2 per bound for near.
#pragma once

#include <functional>

#include "thmcheck/harness/claim.hpp"
#include "thmcheck/harness/context.hpp"
#include "thmcheck/harness/kinds/grid.hpp"
#include "thmcheck/harness/parameters.hpp"

namespace thmcheck {

enum class ExponentForm { at_most, at_least, near };

// The quick tier's instances of a scaling claim: a first look at 20, then 40 when undecided. The
// median slope's order-statistic bounds sit at the (j+1)-th slope from each end, j the largest with
// P(Bin(n, 1/2) <= j) <= alpha per side and look. At kClaimAlpha / 2 (the `near` form) split over
// two looks, 20 instances put the bounds at the second slope from each end and 40 at the ninth: a
// clear case stops at 20, and a few stray instances (slopes of 1.2-1.9 against 1.03 seen on the
// factorization theorems) cannot leave the claim undecided at 40. One look at 16 instances put the
// bound on the extreme slope itself, and one stray instance decided.
inline constexpr std::size_t kScalingFirstLook = 20;
inline constexpr std::size_t kScalingInstances = 40;

struct ScalingSpec {
  Grid grid;                // x values (positive)
  Budget instances{9, 25};  // instances: the unit of independence
  // Sequential looks (sequential.hpp) at first_look, 2 first_look, ... instances up to `instances`,
  // stopping once decided (alpha split over the looks); 0: one look at every instance.
  Budget first_look{0, 0};
  Budget runs_per_point{1, 3};  // runs per (instance, x), averaged in log
  ExponentForm form = ExponentForm::at_most;
  Constant exponent = 1.0;   // the claimed exponent
  Constant tolerance = 0.0;  // for `near`
  double alpha = kClaimAlpha;
  std::string x_name = "x", y_name = "y";
  // y > 0 measured at x on this trial's instance (a run of a method, an iteration count).
  std::function<double(const Trial&, double x)> measure;
};

Claim scaling(ClaimInfo info, ScalingSpec spec);

}  // namespace thmcheck
