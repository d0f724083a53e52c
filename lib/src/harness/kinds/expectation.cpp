#include "thmcheck/harness/kinds/expectation.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "thmcheck/harness/kinds/sequential.hpp"
#include "thmcheck/stats/mean_bounds.hpp"

namespace thmcheck {

namespace {

nlohmann::json sample_json(const ExpectationSample& s) {
  nlohmann::json j = {{"values", s.values},
                      {"bounds", s.bounds},
                      {"labels", s.labels},
                      {"range", {s.lo, s.hi}},
                      {"tail", s.tail}};
  if (s.lower_tail != 0) j["lower_tail"] = s.lower_tail;
  return j;
}

// The verdict from the first n trials of each instance, each end of each mean one-sided at
// alpha / (instances x checkpoints): a two-sided interval at twice that.
ClaimResult decide(ClaimContext& ctx, const std::vector<ExpectationSample>& samples, std::size_t ni,
                   std::size_t tpi, std::size_t n, double alpha) {
  const std::size_t nj = samples.empty() ? 0 : samples[0].values.size();
  const double alpha_each = alpha / double(std::max<std::size_t>(1, ni * nj));
  ClaimResult r;
  r.bound = 1;
  r.samples = ni * n;
  bool any_violated = false, all_hold = true;
  double worst = -std::numeric_limits<double>::infinity();
  std::size_t tightest = 0;
  nlohmann::json table = nlohmann::json::array();
  for (std::size_t i = 0; i < ni; ++i) {
    const auto& first = samples[i * tpi];
    for (std::size_t j = 0; j < nj; ++j) {
      std::vector<double> x(n);
      for (std::size_t t = 0; t < n; ++t) {
        const auto& s = samples[i * tpi + t];
        if (s.values.size() != nj || s.bounds.size() != nj)
          throw std::logic_error("expectation: trials report different numbers of checkpoints");
        x[t] = s.values[j];
      }
      auto m = stats::bounded_mean(x, first.lo, first.hi, std::min(1.0, 2 * alpha_each));
      const double lower = m.interval.lo - first.lower_tail,
                   upper = std::min(first.hi, m.interval.hi) + first.tail;
      const double b = first.bounds[j];
      const bool v = lower > b, h = upper <= b;
      any_violated = any_violated || v;
      all_hold = all_hold && h;
      // mean / bound where the bound is positive. A claim E[X] >= c is written E[-X] <= -c: both
      // negative, the ratio c / E[X] = bound / mean is <= 1 exactly when the claim holds, and grows
      // with the mean as the positive case does. Otherwise the sign of mean - bound decides.
      const double inf = std::numeric_limits<double>::infinity();
      auto ratio_of = [b, inf](double mean) {
        if (b > 0) return mean / b;
        if (b < 0 && mean < 0) return b / mean;
        return mean > b ? inf : 0.0;
      };
      const double ratio = ratio_of(m.mean);
      if (ratio > worst || table.empty()) {
        worst = ratio;
        r.estimate = ratio;
        r.interval[0] = b != 0 ? ratio_of(lower) : lower;
        r.interval[1] = b != 0 ? ratio_of(upper) : upper;
        r.details["tightest"] = {{"instance", ctx.instance(i).describe()}, {"checkpoint", j}};
        tightest = i;
      }
      table.push_back(
          {{"instance", ctx.instance(i).describe()},
           {"checkpoint", j < first.labels.size() ? first.labels[j] : std::to_string(j)},
           {"mean", m.mean},
           {"lower", lower},
           {"upper", upper},
           {"bound", b},
           {"verdict", v   ? "violated"
                       : h ? "holds"
                           : "inconclusive"}});
    }
  }
  r.verdict = any_violated ? Verdict::violated : all_hold ? Verdict::holds : Verdict::inconclusive;
  if (nj == 0) r.verdict = Verdict::skipped;
  r.margin = r.estimate > 0 ? 1.0 / r.estimate : std::numeric_limits<double>::infinity();
  r.details["means"] = table;
  // One trial of the tightest instance, replayable: what a single draw of X looks like there.
  if (nj > 0)
    r.details["replay"] =
        ctx.replay_token(ctx.instance(tightest), ctx.trial_ref(tightest * tpi, tpi), tightest);
  r.details["trials_per_instance"] = n;
  r.details["alpha_per_mean_per_side"] = alpha_each;
  r.details["range"] =
      samples.empty() ? nlohmann::json(nullptr) : nlohmann::json{samples[0].lo, samples[0].hi};
  r.details["truncation_tail"] = samples.empty() ? 0.0 : samples[0].tail;
  if (!samples.empty() && samples[0].lower_tail != 0)
    r.details["lower_truncation_tail"] = samples[0].lower_tail;
  r.details["interval_method"] =
      "one-sided Hoeffding and empirical Bernstein (Maurer-Pontil 2009, Thm 4), intersected; upper "
      "ends raised "
      "by the stated truncation tail";
  r.details["rule"] =
      "estimate = mean/bound at the tightest (instance, checkpoint); violated when a lower "
      "confidence end "
      "exceeds its bound, holds when every upper end is at most its bound (each end at "
      "alpha_per_mean_per_side)";
  return r;
}

}  // namespace

Claim expectation(ClaimInfo info, ExpectationSpec spec) {
  Claim c;
  c.info = std::move(info);
  c.kind = ClaimKind::expectation;
  c.alpha = spec.alpha;
  c.check = [spec](ClaimContext& ctx) {
    const std::size_t ni = ctx.instances(spec.instances.at(ctx.tier)),
                      tpi = spec.trials_per_instance.at(ctx.tier);
    const std::size_t n0 =
        spec.first_look.at(ctx.tier) == 0 ? tpi : std::min(spec.first_look.at(ctx.tier), tpi);
    const std::size_t looks = planned_looks(n0, tpi);
    // Trial i * tpi + t is trial t of instance i, whatever the look that ran it.
    std::vector<ExpectationSample> samples(ni * tpi);
    std::size_t done = 0, looks_used = 0;
    ClaimResult r;
    for (std::size_t target = n0;; target = next_look(target, tpi)) {
      if (done == 0 && target == tpi)  // one look: a single parallel loop over every trial
        samples = ctx.run_trials<ExpectationSample>(0, ni * tpi, tpi, spec.sample);
      else
        for (std::size_t i = 0; i < ni; ++i) {
          auto part =
              ctx.run_trials<ExpectationSample>(i * tpi + done, target - done, tpi, spec.sample);
          std::move(part.begin(), part.end(), samples.begin() + std::ptrdiff_t(i * tpi + done));
        }
      done = target;
      ++looks_used;
      r = decide(ctx, samples, ni, tpi, done, spec.alpha / double(looks));
      if (r.verdict != Verdict::inconclusive || done >= tpi) break;
    }
    r.details["looks"] = looks_used;
    r.details["planned_looks"] = looks;
    return r;
  };
  c.replay = [spec](ClaimContext& ctx, const Point& p, const TrialRef& ref) {
    auto s = ctx.run_one<ExpectationSample>(p, ref, 0, spec.sample);
    auto j = sample_json(s);
    j["instance"] = p.describe();
    // One trial cannot refute a mean; it is against the claim when it lies above a bound.
    bool above = false;
    for (std::size_t k = 0; k < s.values.size() && k < s.bounds.size(); ++k)
      above = above || s.values[k] > s.bounds[k];
    j["violates"] = above;
    return j;
  };
  return c;
}

}  // namespace thmcheck
