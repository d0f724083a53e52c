// Figure series drawn from the evidence of many trials: the median and the 10%-90% band of a sample
// at every x (a convergence curve over runs, a rate over runs at each batch size).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "thmcheck/harness/trial_record.hpp"
#include "thmcheck/report/figure.hpp"

namespace thmcheck::report {

// The q-quantile of v with its NaNs left out (a run that diverged before k has none there); NaN
// when nothing is left.
double quantile_or_nan(std::vector<double> v, double q);

// A filled band between lo and hi.
Series band(const std::string& label, const std::vector<double>& x, const std::vector<double>& lo,
            const std::vector<double>& hi);

// The 10%, 50% and 90% quantiles of a sample at each x.
struct QuantileCurves {
  std::vector<double> x, q10, q50, q90;
  void add(double at, const std::vector<double>& sample);
};

// Column first_col + k of the rows recorded under `key`, over trials, at x = k = 0..K: the
// quantiles of a curve that every trial recorded whole.
QuantileCurves curve_over_trials(const TrialRecord& r, double key, std::size_t first_col, int K);

// The 10%-90% band of q, then its median drawn in `median_style`.
void add_band_and_median(Figure& f, const QuantileCurves& q, const std::string& band_label,
                         const std::string& median_label, Style median_style = Style::lines);

// The band and median of a recorded curve, labelled "<label>: 10%-90%" and "<label>: median".
void add_quantile_series(Figure& f, const TrialRecord& r, double key, std::size_t first_col, int K,
                         const std::string& label);

}  // namespace thmcheck::report
