#include "thmcheck/harness/kinds/bound_curve.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

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
  if (!std::isfinite(worst)) return {{"compared", false}, {"violates", false}};
  return {{"worst_ratio", worst},
          {"k", at},
          {"metric", s.metric[at]},
          {"curve", s.curve[at]},
          {"violates", worst > 1}};
}

// The reading of trials [first, first + count): the q-quantile of metric/curve over them at every
// iteration some trial compares, alpha split over exactly those iterations. The pooled claim reads
// all trials at alpha; each_instance reads every instance's own trials at alpha / instances.
struct Reading {
  double estimate = -std::numeric_limits<double>::infinity(), lower = 0,
         upper = 0;  // at the worst k
  std::size_t k = 0;
  bool violated = false, holds = false;
  std::vector<std::size_t> ks;                   // the iterations compared
  std::vector<double> quantile, quantile_upper;  // the ratio's quantile and its upper bound at each
};

Reading read_trials(const std::vector<CurveSample>& samples, std::size_t first, std::size_t count,
                    double q, double alpha) {
  std::size_t K = 0;
  for (std::size_t t = first; t < first + count; ++t) K = std::max(K, samples[t].metric.size());
  std::vector<std::vector<double>> ratio(K);
  for (std::size_t t = first; t < first + count; ++t) {
    const auto& s = samples[t];
    for (std::size_t k = 0; k < s.metric.size() && k < s.curve.size(); ++k)
      if (std::isfinite(s.metric[k]) && s.curve[k] > 0)
        ratio[k].push_back(s.metric[k] / s.curve[k]);
  }
  std::size_t compared = 0;
  for (const auto& v : ratio) compared += !v.empty();
  Reading g;
  g.holds = compared > 0;
  const double alpha_k = alpha / double(std::max<std::size_t>(1, compared));
  for (std::size_t k = 0; k < K; ++k) {
    if (ratio[k].empty()) continue;
    auto b = stats::quantile_bounds(ratio[k], q, alpha_k);
    g.violated = g.violated || b.lower > 1;
    g.holds = g.holds && b.upper <= 1;
    if (b.estimate > g.estimate) {
      g.estimate = b.estimate;
      g.lower = b.lower;
      g.upper = b.upper;
      g.k = k;
    }
    g.ks.push_back(k);
    g.quantile.push_back(b.estimate);
    g.quantile_upper.push_back(b.upper);
  }
  return g;
}

}  // namespace

Claim bound_curve(ClaimInfo info, BoundCurveSpec spec) {
  Claim c;
  c.info = std::move(info);
  c.kind = ClaimKind::bound_curve;
  c.alpha = spec.alpha;
  c.check = [spec](ClaimContext& ctx) {
    const double q = spec.quantile(ctx.params);
    const std::size_t ni = ctx.instances(spec.instances.at(ctx.tier)),
                      tpi = spec.trials_per_instance.at(ctx.tier);
    const bool each = spec.over == ProbabilityOver::each_instance;
    std::vector<CurveSample> samples;
    std::vector<Reading> readings;
    if (!each) {
      samples = ctx.run_trials<CurveSample>(0, ni * tpi, tpi, spec.sample);
    } else {
      // Pinned instances first; the sampled ones only when no pinned one refutes the claim. Every
      // instance keeps its alpha / ni whether or not the others run.
      const std::size_t pinned = std::min(ctx.pinned(), ni);
      for (auto [first, last] : {std::pair<std::size_t, std::size_t>{0, pinned}, {pinned, ni}}) {
        bool refuted = false;
        for (const auto& g : readings) refuted = refuted || g.violated;
        if (first >= last || refuted) continue;
        auto part =
            ctx.run_trials<CurveSample>(first * tpi, (last - first) * tpi, tpi, spec.sample);
        for (std::size_t i = first; i < last; ++i)
          readings.push_back(read_trials(part, (i - first) * tpi, tpi, q, spec.alpha / double(ni)));
        samples.insert(samples.end(), part.begin(), part.end());
      }
    }
    // The pooled reading: the claim's verdict unless each instance is read on its own, and in both
    // cases the curves of the figure.
    const Reading pooled = read_trials(samples, 0, samples.size(), q, spec.alpha);
    std::size_t K = 0;
    for (const auto& s : samples) K = std::max(K, s.metric.size());
    std::vector<std::vector<double>> metric(K), curve(K);
    for (const auto& s : samples)
      for (std::size_t k = 0; k < s.metric.size(); ++k) {
        if (std::isfinite(s.metric[k])) metric[k].push_back(s.metric[k]);
        if (k < s.curve.size() && std::isfinite(s.curve[k])) curve[k].push_back(s.curve[k]);
      }
    const std::size_t compared = pooled.ks.size();

    ClaimResult r;
    r.bound = 1;
    r.samples = samples.size();
    r.estimate = pooled.estimate;
    r.interval[0] = pooled.lower;
    r.interval[1] = pooled.upper;
    bool violated = pooled.violated, holds = pooled.holds;
    std::size_t worst_k = pooled.k;
    nlohmann::json kk = nlohmann::json::array(), q10 = kk, q50 = kk, q90 = kk, cq = kk, rq = kk,
                   ru = kk;
    for (std::size_t j = 0; j < compared; ++j) {
      const std::size_t k = pooled.ks[j];
      kk.push_back(k);
      q10.push_back(stats::sample_quantile(metric[k], 0.1));
      q50.push_back(stats::sample_quantile(metric[k], 0.5));
      q90.push_back(stats::sample_quantile(metric[k], 0.9));
      cq.push_back(curve[k].empty() ? 0.0 : stats::sample_quantile(curve[k], 0.5));
      rq.push_back(pooled.quantile[j]);
      ru.push_back(std::isfinite(pooled.quantile_upper[j]) ? pooled.quantile_upper[j] : -1.0);
    }
    if (each) {
      // The verdict and the estimate are the instances' own: the worst instance's quantile, and the
      // simultaneous interval [max lower, max upper] of the largest instance quantile.
      violated = false;
      holds = readings.size() == ni;
      r.estimate = -std::numeric_limits<double>::infinity();
      r.interval[0] = r.interval[1] = -std::numeric_limits<double>::infinity();
      nlohmann::json per = nlohmann::json::array();
      for (std::size_t i = 0; i < readings.size(); ++i) {
        const auto& g = readings[i];
        violated = violated || g.violated;
        holds = holds && g.holds;
        r.estimate = std::max(r.estimate, g.estimate);
        r.interval[0] = std::max(r.interval[0], g.lower);
        r.interval[1] = std::max(r.interval[1], g.upper);
        per.push_back(
            {{"instance", ctx.instance(i).describe()},
             {"pinned", ctx.is_pinned(i)},
             {"ratio_quantile", g.estimate},
             {"lower", g.lower},
             {"upper", std::isfinite(g.upper) ? nlohmann::json(g.upper) : nlohmann::json(nullptr)},
             {"k", g.k},
             {"verdict", g.violated ? "violated"
                         : g.holds  ? "holds"
                                    : "inconclusive"}});
      }
      r.details["instances"] = per;
      r.details["over"] = "each instance";
    }
    r.verdict = violated ? Verdict::violated : holds ? Verdict::holds : Verdict::inconclusive;
    if (compared == 0) r.verdict = Verdict::skipped;
    r.margin = r.estimate > 0 ? 1.0 / r.estimate : std::numeric_limits<double>::infinity();
    // A trial above the curve at the worst iteration, replayable (its instance, its engine); read
    // on each instance, a trial of the instance that refutes the claim (else of the worst one) at
    // its worst k.
    std::size_t search_first = 0, search_last = samples.size();
    if (each && !readings.empty()) {
      std::size_t w = 0;
      for (std::size_t i = 0; i < readings.size(); ++i)
        if (readings[i].lower > readings[w].lower) w = i;  // the most surely above the curve
      worst_k = readings[w].k;
      search_first = w * tpi;
      search_last = std::min(samples.size(), (w + 1) * tpi);
    }
    if (compared > 0)
      for (std::size_t t = search_first; t < search_last; ++t) {
        const auto& s = samples[t];
        if (worst_k < s.metric.size() && worst_k < s.curve.size() &&
            std::isfinite(s.metric[worst_k]) && s.metric[worst_k] > s.curve[worst_k]) {
          const std::size_t inst = t / std::max<std::size_t>(1, tpi);
          r.details["replay"] = ctx.replay_token(ctx.instance(inst), ctx.trial_ref(t, tpi), inst);
          r.details["trial_above_curve"] = trial_evidence(s);
          break;
        }
      }
    r.details["quantile"] = q;
    r.details["worst_k"] = worst_k;
    r.details["iterations_compared"] = compared;
    r.details["alpha_per_iteration"] = spec.alpha / double(std::max<std::size_t>(1, compared));
    r.details["curves"] = {{"k", kk},           {"metric_q10", q10},  {"metric_q50", q50},
                           {"metric_q90", q90}, {"bound_median", cq}, {"ratio_quantile", rq},
                           {"ratio_upper", ru}};
    r.details["rule"] =
        "for each k, order-statistic bounds on the q-quantile of metric/curve (alpha split over "
        "k): violated "
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
