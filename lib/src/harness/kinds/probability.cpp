#include "thmcheck/harness/kinds/probability.hpp"

#include <cmath>
#include <limits>

#include "thmcheck/harness/kinds/sequential.hpp"
#include "thmcheck/stats/clopper_pearson.hpp"

namespace thmcheck {

namespace {

// Every instance on its own: up to nmax trials each (trial i * nmax + j is run j of instance i),
// looks at n0, 2 n0, ... per undecided instance, alpha split over instances and looks.
ClaimResult check_each_instance(const ProbabilitySpec& spec, ClaimContext& ctx) {
  const double delta = spec.delta(ctx.params);
  const std::size_t n0 = std::max<std::size_t>(1, spec.first_look.at(ctx.tier));
  const std::size_t nmax = std::max(n0, spec.max_trials.at(ctx.tier));
  const std::size_t m = std::max<std::size_t>(1, ctx.instances(spec.instances.at(ctx.tier)));
  const std::size_t looks = planned_looks(n0, nmax);
  const double alpha_each = spec.alpha / double(looks * m);

  struct State {
    std::size_t done = 0, failures = 0, first_failure = std::numeric_limits<std::size_t>::max();
    double lo = 0, hi = 1;
    int verdict = 0;  // +1 holds, -1 violated, 0 undecided
  };
  std::vector<State> st(m);
  bool any_violated = false;
  // Instances [begin, end) look by look: at each look every undecided one is brought to `target`
  // trials; stops when one is violated, when all are decided, or at the budget.
  auto run_looks = [&](std::size_t begin, std::size_t end) {
    for (std::size_t target = n0; begin < end && !any_violated;
         target = std::min(2 * target, nmax)) {
      for (std::size_t i = begin; i < end && !any_violated; ++i) {
        State& s = st[i];
        if (s.verdict != 0) continue;
        auto events =
            ctx.run_trials<char>(i * nmax + s.done, target - s.done, nmax,
                                 [&](const Trial& t) -> char { return spec.event(t) ? 1 : 0; });
        for (std::size_t k = 0; k < events.size(); ++k)
          if (!events[k]) {
            ++s.failures;
            s.first_failure = std::min(s.first_failure, i * nmax + s.done + k);
          }
        s.done = target;
        s.lo = stats::clopper_pearson_lower(s.failures, s.done, alpha_each);
        s.hi = stats::clopper_pearson_upper(s.failures, s.done, alpha_each);
        s.verdict = s.lo > delta ? -1 : s.hi <= delta ? 1 : 0;
        any_violated = s.verdict < 0;
      }
      bool undecided = false;
      for (std::size_t i = begin; i < end; ++i) undecided = undecided || st[i].verdict == 0;
      if (any_violated || !undecided || target >= nmax) break;
    }
  };
  // Pinned examples first, each to its decision: a finding that rests on one is decided before any
  // sampled instance is run, whatever the suite seed. Then the sampled instances.
  const std::size_t pinned = std::min(ctx.pinned(), m);
  run_looks(0, pinned);
  run_looks(pinned, m);

  ClaimResult r;
  bool all_hold = true;
  std::size_t worst = 0, samples = 0;
  double worst_rate = -1;
  nlohmann::json table = nlohmann::json::array();
  for (std::size_t i = 0; i < m; ++i) {
    const State& s = st[i];
    samples += s.done;
    all_hold = all_hold && s.verdict > 0;
    if (s.done == 0) continue;  // not reached: an earlier instance was violated
    const double rate = double(s.failures) / double(s.done);
    // The worst instance: the largest lower end (most surely above delta), then the largest rate.
    if (s.lo > st[worst].lo || (s.lo == st[worst].lo && rate > worst_rate)) {
      worst = i;
      worst_rate = rate;
    }
    r.interval[0] = std::max(r.interval[0], s.lo);
    r.interval[1] = std::max(r.interval[1], s.hi);
    r.estimate = std::max(r.estimate, rate);
    table.push_back({{"instance", ctx.instance(i).describe()},
                     {"pinned", ctx.is_pinned(i)},
                     {"failures", s.failures},
                     {"trials", s.done},
                     {"lower", s.lo},
                     {"upper", s.hi},
                     {"verdict", s.verdict > 0   ? "holds"
                                 : s.verdict < 0 ? "violated"
                                                 : "inconclusive"}});
  }
  r.verdict = any_violated ? Verdict::violated : all_hold ? Verdict::holds : Verdict::inconclusive;
  r.bound = delta;
  r.margin = r.estimate > 0 ? delta / r.estimate : std::numeric_limits<double>::infinity();
  r.samples = samples;
  r.details["instances"] = table;
  r.details["planned_looks"] = looks;
  r.details["alpha_per_instance_per_look"] = alpha_each;
  r.details["rule"] =
      "for every instance its failure rate p_i: violated when one instance's Clopper-Pearson lower "
      "bound exceeds "
      "delta, holds when every upper bound is at most delta (one-sided, alpha split over instances "
      "and looks); "
      "estimate = the largest p_i, interval = [max lower, max upper], simultaneous for max_i p_i";
  const State& w = st[worst];
  if (w.failures > 0) {
    Point p = ctx.instance(worst);
    r.details["first_failure"] = {{"trial", w.first_failure}, {"instance", p.describe()}};
    r.details["replay"] = ctx.replay_token(p, ctx.trial_ref(w.first_failure, nmax), worst);
  }
  return r;
}

}  // namespace

Claim probability(ClaimInfo info, ProbabilitySpec spec) {
  Claim c;
  c.info = std::move(info);
  c.kind = ClaimKind::probability;
  c.alpha = spec.alpha;
  c.check = [spec](ClaimContext& ctx) {
    if (spec.over == ProbabilityOver::each_instance) return check_each_instance(spec, ctx);
    const double delta = spec.delta(ctx.params);
    const std::size_t n0 = std::max<std::size_t>(1, spec.first_look.at(ctx.tier));
    const std::size_t nmax = std::max(n0, spec.max_trials.at(ctx.tier));
    const std::size_t looks = planned_looks(n0, nmax);
    const double alpha_look = spec.alpha / double(looks);

    std::size_t done = 0, failures = 0, target = n0, looks_used = 0;
    std::size_t first_failure = std::numeric_limits<std::size_t>::max();
    stats::Interval ci{0, 1};
    ClaimResult r;
    while (true) {
      auto events =
          ctx.run_trials<char>(done, target - done, spec.trials_per_instance,
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
        "failure rate p: violated when the Clopper-Pearson lower bound exceeds delta, holds when "
        "the upper "
        "bound is at most delta (one-sided, alpha split over the looks)";
    if (failures > 0) {
      std::size_t inst = first_failure / std::max<std::size_t>(1, spec.trials_per_instance);
      Point p = ctx.instance(inst);
      r.details["first_failure"] = {{"trial", first_failure}, {"instance", p.describe()}};
      r.details["replay"] =
          ctx.replay_token(p, ctx.trial_ref(first_failure, spec.trials_per_instance), inst);
    }
    return r;
  };
  c.replay = [spec](ClaimContext& ctx, const Point& p, const TrialRef& ref) {
    bool ok = ctx.run_one<bool>(p, ref, 0, spec.event);
    nlohmann::json j{{"instance", p.describe()}, {"event_holds", ok}, {"violates", !ok}};
    if (spec.evidence) j["evidence"] = ctx.run_one<nlohmann::json>(p, ref, 0, spec.evidence);
    return j;
  };
  return c;
}

}  // namespace thmcheck
