// A per-step convergence rate read from an error curve: the exponential of the least-squares slope
// of log e_k. Used where a theorem claims a rate (sqrt(beta) for heavy ball) and the curve has a
// transient at the start and a round-off floor at the end (docs/theory/minibatch-hbm.md, "What
// thmcheck encodes").
#pragma once

#include <Eigen/Dense>

namespace thmcheck::stats {

// exp of the least-squares slope of log e_k over the second half of the iterations whose error is
// above `floor` (the first half carries the transient). +inf when the curve diverged (a non-finite
// entry or one above 1e100); NaN when fewer than three points are left to fit.
double log_slope_rate(const Eigen::VectorXd& e, double floor);

}  // namespace thmcheck::stats
