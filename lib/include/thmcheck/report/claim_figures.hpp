// The figures of a claim: those its author put into details["figures"] (Figure JSON), and the
// defaults of its kind drawn from the evidence every claim of that kind records:
// - bound-curve: median and 10-90% band of the metric under the predicted curve, log y; beside it
// the
//   decision quantity (the q-quantile of metric/curve with its upper confidence bound) against 1;
// - scaling: per-instance log-log points, their median, and the fitted and claimed slopes;
// - threshold: the success rate with its Clopper-Pearson band against x, the required level, the
//   predicted value and the empirical threshold marked.
#pragma once

#include <string>
#include <vector>

#include "thmcheck/harness/result.hpp"
#include "thmcheck/report/figure.hpp"

namespace thmcheck::report {

std::vector<Figure> kind_figures(const ClaimResult& c);

// Author figures then kind defaults. A figure whose JSON cannot be read is skipped, with a message
// naming it in `problems`.
std::vector<Figure> claim_figures(const ClaimResult& c, std::vector<std::string>& problems);

}  // namespace thmcheck::report
