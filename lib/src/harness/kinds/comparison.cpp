#include "thmcheck/harness/kinds/comparison.hpp"

#include <cmath>
#include <limits>

#include "thmcheck/stats/clopper_pearson.hpp"
#include "thmcheck/stats/order_statistics.hpp"

namespace thmcheck {

Claim comparison(ClaimInfo info, ComparisonSpec spec) {
  Claim c;
  c.info = std::move(info);
  c.kind = ClaimKind::comparison;
  c.alpha = spec.alpha;
  c.check = [spec](ClaimContext& ctx) {
    const std::size_t R = std::max<std::size_t>(1, spec.runs_per_instance.at(ctx.tier));
    const std::size_t n = spec.instances.at(ctx.tier) * R;
    auto pairs = ctx.run_trials<Paired>(0, n, R, spec.sample);
    const double factor = spec.factor(ctx.params);
    std::size_t wins = 0, ties = 0;
    std::vector<double> ratios;
    for (const auto& p : pairs) {
      if (p.a * factor < p.b) ++wins;
      else if (p.a * factor == p.b) ++ties;
      if (p.a > 0) ratios.push_back(p.b / p.a);
    }
    // Ties count against A: the claim is that A is strictly better.
    ClaimResult r;
    r.samples = n;
    const double lo = stats::clopper_pearson_lower(wins, n, spec.alpha / 2);
    const double hi = stats::clopper_pearson_upper(wins, n, spec.alpha / 2);
    r.estimate = double(wins) / double(n);
    r.interval[0] = lo;
    r.interval[1] = hi;
    r.bound = 0.5;
    r.margin = r.estimate / 0.5;
    r.verdict = lo > 0.5 ? Verdict::holds : hi < 0.5 ? Verdict::violated : Verdict::inconclusive;
    r.details["wins"] = wins;
    r.details["ties"] = ties;
    r.details["factor"] = factor;
    r.details["a"] = spec.a_name;
    r.details["b"] = spec.b_name;
    r.details["median_ratio_b_over_a"] = ratios.empty() ? 0.0 : stats::sample_quantile(ratios, 0.5);
    r.details["rule"] =
        "sign test: Clopper-Pearson interval (alpha/2 each side) on P(a * factor < b); holds when it lies above 1/2, "
        "violated when below";
    return r;
  };
  return c;
}

}  // namespace thmcheck
