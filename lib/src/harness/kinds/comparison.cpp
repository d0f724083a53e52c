#include "thmcheck/harness/kinds/comparison.hpp"

#include <cmath>
#include <limits>

#include "thmcheck/harness/kinds/sequential.hpp"
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
    const std::size_t ni = ctx.instances(spec.instances.at(ctx.tier));
    // Sequential looks over instances (sequential.hpp): n0, 2 n0, ..., ni instances, alpha split
    // over the looks; first_look 0 is one look at every instance.
    const std::size_t n0 =
        spec.first_look.at(ctx.tier) == 0 ? ni : std::min(spec.first_look.at(ctx.tier), ni);
    const std::size_t looks = planned_looks(n0, ni);
    const double alpha = spec.alpha / double(looks);
    std::vector<Paired> pairs;
    std::size_t done = 0, looks_used = 0, wins_so_far = 0;
    const double factor = spec.factor(ctx.params);
    for (std::size_t target = n0;; target = next_look(target, ni)) {
      auto more = ctx.run_trials<Paired>(done * R, (target - done) * R, R, spec.sample);
      for (const auto& p : more) wins_so_far += p.a * factor < p.b;
      pairs.insert(pairs.end(), more.begin(), more.end());
      done = target;
      ++looks_used;
      const std::size_t m = pairs.size();
      if (done >= ni || stats::clopper_pearson_lower(wins_so_far, m, alpha) > 0.5 ||
          stats::clopper_pearson_upper(wins_so_far, m, alpha) < 0.5)
        break;
    }
    const std::size_t n = pairs.size();
    std::size_t wins = 0, ties = 0, first_loss = n;
    std::vector<double> ratios;
    for (std::size_t k = 0; k < n; ++k) {
      const auto& p = pairs[k];
      if (p.a * factor < p.b)
        ++wins;
      else {
        if (p.a * factor == p.b) ++ties;
        if (first_loss == n) first_loss = k;
      }
      if (p.a > 0 && std::isfinite(p.b / p.a)) ratios.push_back(p.b / p.a);
    }
    // Ties count against A: the claim is that A is strictly better.
    ClaimResult r;
    r.samples = n;
    const double lo = stats::clopper_pearson_lower(wins, n, alpha);
    const double hi = stats::clopper_pearson_upper(wins, n, alpha);
    r.estimate = n > 0 ? double(wins) / double(n) : 0;
    r.interval[0] = lo;
    r.interval[1] = hi;
    r.bound = 0.5;
    r.margin = r.estimate / 0.5;
    r.verdict = lo > 0.5 ? Verdict::holds : hi < 0.5 ? Verdict::violated : Verdict::inconclusive;
    if (n == 0) r.verdict = Verdict::skipped;
    r.details["wins"] = wins;
    r.details["looks"] = looks_used;
    r.details["planned_looks"] = looks;
    r.details["alpha_per_look"] = alpha;
    r.details["ties"] = ties;
    r.details["pairs"] = n;
    r.details["factor"] = factor;
    r.details["a"] = spec.a_name;
    r.details["b"] = spec.b_name;
    r.details["alpha_per_side"] = alpha;  // per look
    if (!ratios.empty()) {
      auto qb = stats::quantile_bounds(ratios, 0.5, spec.alpha);
      r.details["median_ratio_b_over_a"] = qb.estimate;
      r.details["median_ratio_interval"] = {
          std::isfinite(qb.lower) ? nlohmann::json(qb.lower) : nlohmann::json(nullptr),
          std::isfinite(qb.upper) ? nlohmann::json(qb.upper) : nlohmann::json(nullptr)};
    }
    if (first_loss < n) {
      const std::size_t inst = first_loss / R;
      r.details["first_loss"] = {{"trial", first_loss},
                                 {"instance", ctx.instance(inst).describe()},
                                 {"a", pairs[first_loss].a},
                                 {"b", pairs[first_loss].b}};
      r.details["replay"] =
          ctx.replay_token(ctx.instance(inst), ctx.trial_ref(first_loss, R), inst);
    }
    r.details["rule"] =
        "sign test: one-sided Clopper-Pearson bounds (each at alpha) on P(a * factor < b), ties "
        "counted as losses; "
        "holds when the lower bound exceeds 1/2, violated when the upper bound is below 1/2";
    return r;
  };
  c.replay = [spec](ClaimContext& ctx, const Point& p, const TrialRef& ref) {
    Paired q = ctx.run_one<Paired>(p, ref, 0, spec.sample);
    const double factor = spec.factor(ctx.params);
    return nlohmann::json{{"instance", p.describe()},
                          {spec.a_name, q.a},
                          {spec.b_name, q.b},
                          {"factor", factor},
                          {"a_wins", q.a * factor < q.b},
                          {"violates", !(q.a * factor < q.b)}};
  };
  return c;
}

}  // namespace thmcheck
