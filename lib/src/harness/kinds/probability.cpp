#include "thmcheck/harness/kinds/probability.hpp"

#include <cmath>
#include <limits>

#include "thmcheck/stats/clopper_pearson.hpp"

namespace thmcheck {

Claim probability(ClaimInfo info, ProbabilitySpec spec) {
  Claim c;
  c.info = std::move(info);
  c.kind = ClaimKind::probability;
  c.alpha = spec.alpha;
  c.check = [spec](ClaimContext& ctx) {
    const double delta = spec.delta(ctx.params);
    const std::size_t n0 = std::max<std::size_t>(1, spec.first_look.at(ctx.tier));
    const std::size_t nmax = std::max(n0, spec.max_trials.at(ctx.tier));
    // The looks are at n0, 2 n0, 4 n0, ..., nmax: their number is fixed in advance, so alpha can
    // be split evenly over them.
    std::size_t looks = 1;
    for (std::size_t n = n0; n < nmax; n = std::min(2 * n, nmax)) ++looks;
    const double alpha_look = spec.alpha / double(looks);

    std::size_t done = 0, failures = 0, target = n0, looks_used = 0;
    std::size_t first_failure = std::numeric_limits<std::size_t>::max();
    stats::Interval ci{0, 1};
    ClaimResult r;
    while (true) {
      auto events = ctx.run_trials<char>(done, target - done, spec.trials_per_instance,
                                         [&](const Trial& t) -> char { return spec.event(t) ? 1 : 0; });
      for (std::size_t k = 0; k < events.size(); ++k)
        if (!events[k]) {
          ++failures;
          first_failure = std::min(first_failure, done + k);
        }
      done = target;
      ++looks_used;
      ci.lo = stats::clopper_pearson_lower(failures, done, alpha_look);
      ci.hi = stats::clopper_pearson_upper(failures, done, alpha_look);
      if (ci.lo > delta) {
        r.verdict = Verdict::violated;
        break;
      }
      if (ci.hi <= delta) {
        r.verdict = Verdict::holds;
        break;
      }
      if (done >= nmax) {
        r.verdict = Verdict::inconclusive;
        break;
      }
      target = std::min(2 * done, nmax);
    }
    r.estimate = double(failures) / double(done);
    r.interval[0] = ci.lo;
    r.interval[1] = ci.hi;
    r.bound = delta;
    r.margin = r.estimate > 0 ? delta / r.estimate : std::numeric_limits<double>::infinity();
    r.samples = done;
    r.details["failures"] = failures;
    r.details["looks"] = looks_used;
    r.details["planned_looks"] = looks;
    r.details["alpha_per_look"] = alpha_look;
    r.details["rule"] =
        "failure rate p: violated when the Clopper-Pearson lower bound exceeds delta, holds when the upper "
        "bound is at most delta (one-sided, alpha split over the looks)";
    if (failures > 0) {
      std::size_t inst = first_failure / std::max<std::size_t>(1, spec.trials_per_instance);
      Point p = ctx.instance(inst);
      r.details["first_failure"] = {{"trial", first_failure}, {"instance", p.describe()}};
      r.details["replay"] = ctx.replay_token(p, ctx.trial_seed(inst, first_failure), inst);
    }
    return r;
  };
  c.replay = [spec](ClaimContext& ctx, const Point& p, std::uint64_t seed) {
    bool ok = ctx.run_one<bool>(p, seed, 0, spec.event);
    return nlohmann::json{{"instance", p.describe()}, {"event_holds", ok}};
  };
  return c;
}

}  // namespace thmcheck
