#include "thmcheck/harness/kinds/bound_curve.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "thmcheck/stats/order_statistics.hpp"

namespace thmcheck {

namespace {

// One trial's evidence: its largest metric/curve and where.
nlohmann::json trial_evidence(const CurveSample& s) {
  double worst = -std::numeric_limits<double>::infinity();
  std::size_t at = 0;
  for (std::size_t k = 0; k < s.metric.size() && k < s.curve.size(); ++k)
    if (std::isfinite(s.metric[k]) && s.curve[k] > 0 && s.metric[k] / s.curve[k] > worst) {
      worst = s.metric[k] / s.curve[k];
      at = k;
    }
  if (!std::isfinite(worst)) return {{"compared", false}};
  return {{"worst_ratio", worst}, {"k", at}, {"metric", s.metric[at]}, {"curve", s.curve[at]}};
}

}  // namespace

Claim bound_curve(ClaimInfo info, BoundCurveSpec spec) {
  Claim c;
  c.info = std::move(info);
  c.kind = ClaimKind::bound_curve;
  c.alpha = spec.alpha;
  c.check = [spec](ClaimContext& ctx) {
    const double q = spec.quantile(ctx.params);
    const std::size_t ni = spec.instances.at(ctx.tier), tpi = spec.trials_per_instance.at(ctx.tier);
    auto samples = ctx.run_trials<CurveSample>(0, ni * tpi, tpi, spec.sample);
    std::size_t K = 0;
    for (const auto& s : samples) K = std::max(K, s.metric.size());

    // Which iterations are compared at all (some trial has a finite ratio there): alpha is split
    // over exactly those.
    std::vector<std::vector<double>> ratio(K), metric(K), curve(K);
    for (const auto& s : samples)
      for (std::size_t k = 0; k < s.metric.size(); ++k) {
        if (std::isfinite(s.metric[k])) metric[k].push_back(s.metric[k]);
        if (k < s.curve.size() && std::isfinite(s.curve[k])) curve[k].push_back(s.curve[k]);
        if (std::isfinite(s.metric[k]) && k < s.curve.size() && s.curve[k] > 0)
          ratio[k].push_back(s.metric[k] / s.curve[k]);
      }
    std::size_t compared = 0;
    for (const auto& v : ratio) compared += !v.empty();
    const double alpha_k = spec.alpha / double(std::max<std::size_t>(1, compared));

    ClaimResult r;
    r.bound = 1;
    r.samples = samples.size();
    r.estimate = -std::numeric_limits<double>::infinity();
    bool violated = false, holds = compared > 0;
    std::size_t worst_k = 0;
    nlohmann::json kk = nlohmann::json::array(), q10 = kk, q50 = kk, q90 = kk, cq = kk, rq = kk, ru = kk;
    for (std::size_t k = 0; k < K; ++k) {
      if (ratio[k].empty()) continue;
      auto b = stats::quantile_bounds(ratio[k], q, alpha_k);
      violated = violated || b.lower > 1;
      holds = holds && b.upper <= 1;
      if (b.estimate > r.estimate) {
        r.estimate = b.estimate;
        r.interval[0] = b.lower;
        r.interval[1] = b.upper;
        worst_k = k;
      }
      kk.push_back(k);
      q10.push_back(stats::sample_quantile(metric[k], 0.1));
      q50.push_back(stats::sample_quantile(metric[k], 0.5));
      q90.push_back(stats::sample_quantile(metric[k], 0.9));
      cq.push_back(curve[k].empty() ? 0.0 : stats::sample_quantile(curve[k], 0.5));
      rq.push_back(b.estimate);
      ru.push_back(std::isfinite(b.upper) ? b.upper : -1.0);
    }
    r.verdict = violated ? Verdict::violated : holds ? Verdict::holds : Verdict::inconclusive;
    if (compared == 0) r.verdict = Verdict::skipped;
    r.margin = r.estimate > 0 ? 1.0 / r.estimate : std::numeric_limits<double>::infinity();
    // A trial above the curve at the worst iteration, replayable (its instance, its engine).
    if (compared > 0)
      for (std::size_t t = 0; t < samples.size(); ++t) {
        const auto& s = samples[t];
        if (worst_k < s.metric.size() && worst_k < s.curve.size() && std::isfinite(s.metric[worst_k]) &&
            s.metric[worst_k] > s.curve[worst_k]) {
          const std::size_t inst = t / std::max<std::size_t>(1, tpi);
          r.details["replay"] = ctx.replay_token(ctx.instance(inst), ctx.trial_ref(t, tpi), inst);
          r.details["trial_above_curve"] = trial_evidence(s);
          break;
        }
      }
    r.details["quantile"] = q;
    r.details["worst_k"] = worst_k;
    r.details["iterations_compared"] = compared;
    r.details["alpha_per_iteration"] = alpha_k;
    r.details["curves"] = {{"k", kk},          {"metric_q10", q10}, {"metric_q50", q50}, {"metric_q90", q90},
                           {"bound_median", cq}, {"ratio_quantile", rq}, {"ratio_upper", ru}};
    r.details["rule"] =
        "for each k, order-statistic bounds on the q-quantile of metric/curve (alpha split over k): violated "
        "when some lower bound exceeds 1, holds when every upper bound is at most 1";
    return r;
  };
  c.replay = [spec](ClaimContext& ctx, const Point& p, const TrialRef& ref) {
    auto j = trial_evidence(ctx.run_one<CurveSample>(p, ref, 0, spec.sample));
    j["instance"] = p.describe();
    return j;
  };
  return c;
}

}  // namespace thmcheck
