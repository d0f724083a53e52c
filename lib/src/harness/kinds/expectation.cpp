#include "thmcheck/harness/kinds/expectation.hpp"

#include <cmath>
#include <limits>

#include "thmcheck/stats/mean_bounds.hpp"

namespace thmcheck {

Claim expectation(ClaimInfo info, ExpectationSpec spec) {
  Claim c;
  c.info = std::move(info);
  c.kind = ClaimKind::expectation;
  c.alpha = spec.alpha;
  c.check = [spec](ClaimContext& ctx) {
    const std::size_t ni = spec.instances.at(ctx.tier), tpi = spec.trials_per_instance.at(ctx.tier);
    auto samples = ctx.run_trials<ExpectationSample>(0, ni * tpi, tpi, spec.sample);
    const std::size_t nj = samples.empty() ? 0 : samples[0].values.size();
    const double alpha_each = spec.alpha / double(std::max<std::size_t>(1, ni * nj));

    ClaimResult r;
    r.bound = 1;
    r.samples = ni * tpi;
    bool any_violated = false, all_hold = true;
    double worst = -std::numeric_limits<double>::infinity();
    nlohmann::json table = nlohmann::json::array();
    for (std::size_t i = 0; i < ni; ++i) {
      const auto& first = samples[i * tpi];
      for (std::size_t j = 0; j < nj; ++j) {
        std::vector<double> x(tpi);
        for (std::size_t t = 0; t < tpi; ++t) x[t] = samples[i * tpi + t].values.at(j);
        auto m = stats::bounded_mean(x, first.lo, first.hi, alpha_each);
        const double b = first.bounds.at(j);
        any_violated = any_violated || m.interval.lo > b;
        all_hold = all_hold && m.interval.hi <= b;
        double ratio = m.mean / b;
        if (ratio > worst) {
          worst = ratio;
          r.estimate = ratio;
          r.interval[0] = m.interval.lo / b;
          r.interval[1] = m.interval.hi / b;
        }
        table.push_back({{"instance", ctx.instance(i).describe()},
                         {"checkpoint", j < first.labels.size() ? first.labels[j] : std::to_string(j)},
                         {"mean", m.mean},
                         {"lower", m.interval.lo},
                         {"upper", m.interval.hi},
                         {"bound", b}});
      }
    }
    r.verdict = any_violated ? Verdict::violated : all_hold ? Verdict::holds : Verdict::inconclusive;
    if (nj == 0) r.verdict = Verdict::skipped;
    r.margin = r.estimate > 0 ? 1.0 / r.estimate : std::numeric_limits<double>::infinity();
    r.details["means"] = table;
    r.details["alpha_per_mean"] = alpha_each;
    r.details["interval_method"] = "Hoeffding and empirical Bernstein (Maurer-Pontil), intersected";
    r.details["rule"] =
        "estimate = mean/bound at the tightest (instance, checkpoint); violated when a lower confidence end "
        "exceeds its bound, holds when every upper end is at most its bound";
    return r;
  };
  return c;
}

}  // namespace thmcheck
