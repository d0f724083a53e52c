#include "thmcheck/harness/kinds/inequality.hpp"

#include <cmath>
#include <limits>

namespace thmcheck {

namespace {

struct Worst {
  double ratio = -std::numeric_limits<double>::infinity();
  double min_ratio = std::numeric_limits<double>::infinity();
  bool violated = false;
  Inequality at;
};

// lhs <= rhs*(1 + rel) + abs, read with the sign of rhs (rhs may be 0 for identities |x| <= 0).
bool violates(const Inequality& q, double rel, double abs) {
  if (std::isnan(q.lhs) || std::isnan(q.rhs)) return true;
  return q.lhs > q.rhs + rel * std::abs(q.rhs) + abs + q.allowance;
}

Worst summarize(const std::vector<Inequality>& qs, double rel, double abs) {
  Worst w;
  for (const auto& q : qs) {
    // The tightness lhs / (rhs + allowances): about 1 where the inequality is sharp, and not blown up
    // where both sides have fallen to round-off.
    const double den = q.rhs + abs + q.allowance;
    double r = den != 0 ? q.lhs / den : (q.lhs <= 0 ? 0.0 : std::numeric_limits<double>::infinity());
    if (std::isnan(r)) r = std::numeric_limits<double>::infinity();
    bool v = violates(q, rel, abs);
    if ((v && !w.violated) || (v == w.violated && r > w.ratio)) w.at = q;
    if (v) w.violated = true;
    w.ratio = std::max(w.ratio, r);
    w.min_ratio = std::min(w.min_ratio, r);
  }
  return w;
}

nlohmann::json evidence(const Worst& w, const Point& p) {
  return {{"instance", p.describe()}, {"where", w.at.where}, {"lhs", w.at.lhs}, {"rhs", w.at.rhs},
          {"ratio", w.ratio},         {"violated", w.violated}, {"violates", w.violated}};
}

}  // namespace

Claim inequality(ClaimInfo info, InequalitySpec spec) {
  Claim c;
  c.info = std::move(info);
  c.kind = ClaimKind::inequality;
  c.alpha = 0;
  c.check = [spec](ClaimContext& ctx) {
    const std::size_t n = ctx.instances(spec.instances.at(ctx.tier));
    const double rel = spec.rel_tol(ctx.params), abs = spec.abs_tol(ctx.params);
    auto measured = ctx.run_trials<std::vector<Inequality>>(0, n, 1, spec.measure);

    ClaimResult r;
    r.bound = 1;
    r.samples = n;
    double worst = -std::numeric_limits<double>::infinity(), best = std::numeric_limits<double>::infinity();
    std::size_t first_bad = n, compared = 0;
    Worst worst_summary;
    for (std::size_t t = 0; t < n; ++t) {
      Worst w = summarize(measured[t], rel, abs);
      compared += measured[t].size();
      if (w.violated && first_bad == n) first_bad = t;
      if (w.ratio > worst) {
        worst = w.ratio;
        worst_summary = w;
      }
      best = std::min(best, w.min_ratio);
    }
    r.estimate = worst;
    r.interval[0] = best;
    r.interval[1] = worst;
    r.margin = worst > 0 ? 1.0 / worst : std::numeric_limits<double>::infinity();
    r.details["inequalities_compared"] = compared;
    r.details["rel_tol"] = rel;
    r.details["abs_tol"] = abs;
    r.details["rule"] = "violated when some lhs > rhs (1 + rel_tol) + abs_tol + allowance; estimate = max lhs / (rhs + abs_tol + allowance)";
    if (compared == 0) {
      r.verdict = Verdict::skipped;
      return r;
    }
    if (first_bad == n) {
      r.verdict = Verdict::holds;
      r.details["tightest"] = worst_summary.at.where;
      return r;
    }
    r.verdict = Verdict::violated;

    // Shrink: walk RapidCheck's shrink tree of the failing point, keeping the trial seed, and
    // descend into the first candidate that still fails, until none does or the budget ends.
    auto shrinkable = ctx.instance_shrinkable(first_bad);
    const TrialRef tref = ctx.trial_ref(first_bad, 1);
    Point smallest = shrinkable.value();
    Worst smallest_w = summarize(measured[first_bad], rel, abs);
    std::size_t evaluations = 0, steps = 0;
    const std::size_t kShrinkBudget = spec.shrink_budget;
    bool progressed = spec.shrink;
    while (progressed && evaluations < kShrinkBudget) {
      progressed = false;
      auto seq = shrinkable.shrinks();
      while (auto cand = seq.next()) {
        if (++evaluations > kShrinkBudget) break;
        Point p = cand->value();
        Worst w;
        try {
          w = summarize(ctx.run_one<std::vector<Inequality>>(p, tref, first_bad, spec.measure), rel, abs);
        } catch (const std::exception&) {
          continue;  // a candidate outside the hypotheses (e.g. too small to build) is not a shrink
        }
        if (w.violated) {
          shrinkable = *cand;
          smallest = p;
          smallest_w = w;
          progressed = true;
          ++steps;
          break;
        }
      }
    }
    r.details["counterexample"] = evidence(smallest_w, smallest);
    r.details["counterexample"]["shrink_steps"] = steps;
    r.details["counterexample"]["shrink_evaluations"] = std::min(evaluations, kShrinkBudget);
    r.details["counterexample"]["first_failing_instance"] = ctx.instance(first_bad).describe();
    r.details["replay"] = ctx.replay_token(smallest, tref, first_bad);
    return r;
  };
  c.replay = [spec](ClaimContext& ctx, const Point& p, const TrialRef& ref) {
    const double rel = spec.rel_tol(ctx.params), abs = spec.abs_tol(ctx.params);
    Worst w = summarize(ctx.run_one<std::vector<Inequality>>(p, ref, 0, spec.measure), rel, abs);
    return evidence(w, p);
  };
  return c;
}

}  // namespace thmcheck
