#include "thmcheck/report/figure_series.hpp"

#include <cmath>

#include "thmcheck/stats/order_statistics.hpp"

namespace thmcheck::report {

double quantile_or_nan(std::vector<double> v, double q) {
  std::erase_if(v, [](double x) { return std::isnan(x); });
  return v.empty() ? std::nan("") : stats::sample_quantile(std::move(v), q);
}

Series band(const std::string& label, const std::vector<double>& x, const std::vector<double>& lo,
            const std::vector<double>& hi) {
  return {label, Style::band, x, lo, hi};
}

void QuantileCurves::add(double at, const std::vector<double>& sample) {
  x.push_back(at);
  q10.push_back(quantile_or_nan(sample, 0.1));
  q50.push_back(quantile_or_nan(sample, 0.5));
  q90.push_back(quantile_or_nan(sample, 0.9));
}

QuantileCurves curve_over_trials(const TrialRecord& r, double key, std::size_t first_col, int K) {
  QuantileCurves q;
  for (int k = 0; k <= K; ++k) q.add(k, r.column(key, first_col + std::size_t(k)));
  return q;
}

void add_band_and_median(Figure& f, const QuantileCurves& q, const std::string& band_label,
                         const std::string& median_label, Style median_style) {
  f.series.push_back(band(band_label, q.x, q.q10, q.q90));
  f.series.push_back({median_label, median_style, q.x, q.q50, {}});
}

void add_quantile_series(Figure& f, const TrialRecord& r, double key, std::size_t first_col, int K,
                         const std::string& label) {
  add_band_and_median(f, curve_over_trials(r, key, first_col, K), label + ": 10%-90%",
                      label + ": median");
}

}  // namespace thmcheck::report
