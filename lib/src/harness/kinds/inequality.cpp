#include "thmcheck/harness/kinds/inequality.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

#include "../point_shrinking.hpp"
#include "thmcheck/harness/theorem.hpp"
#include "thmcheck/harness/worst_case_search.hpp"

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
    // The tightness lhs / (rhs + allowances): about 1 where the inequality is sharp, and not blown
    // up where both sides have fallen to round-off.
    const double den = q.rhs + abs + q.allowance;
    double r =
        den != 0 ? q.lhs / den : (q.lhs <= 0 ? 0.0 : std::numeric_limits<double>::infinity());
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
  return {{"instance", p.describe()}, {"where", w.at.where}, {"lhs", w.at.lhs},
          {"rhs", w.at.rhs},          {"ratio", w.ratio},    {"violated", w.violated},
          {"violates", w.violated}};
}

// One trial's measurement and the inputs it ran with.
struct Measured {
  std::vector<Inequality> qs;
  InputValues inputs;
};

// Runs the measure on trial t with the claim's inputs: drawn from the trial's engine, then replaced
// by `given` when there are any (a search's choice, a pinned example's). The draws are made either
// way, so the engine is in the same state when the measure starts: the search's start reproduces
// its sampled trial.
Measured measure_with(const InequalitySpec& spec, const Trial& t,
                      const std::vector<std::vector<double>>& given) {
  Measured m;
  m.inputs = draw_inputs(spec.inputs, t.point, t.rng);
  if (!given.empty()) {
    m.inputs = from_numbers(given);
    check_inputs(spec.inputs, t.point, m.inputs);
  }
  Trial with = t;
  with.inputs = m.inputs;
  m.qs = spec.measure(with);
  return m;
}

// The search's coordinates: the continuous hypothesis variables of the tier (on [0, 1], log-scaled
// for log-uniform ones), then every input's numbers ([-1, 1] for a direction, [0, 1] for a unit).
struct SearchSpace {
  std::vector<std::size_t> variables;  // indices into the point's values
  std::vector<Variable> declared;
  std::vector<Eigen::Index> input_sizes;
  SearchBox box;
  std::vector<std::string> names;  // what each block of coordinates is, for the results

  double hi(const Variable& v, Tier tier) const {
    return tier == Tier::quick ? v.hi_quick : v.hi_full;
  }

  SearchSpace(const InequalitySpec& spec, const std::vector<Variable>& vars, const Point& start,
              Tier tier)
      : declared(vars) {
    for (std::size_t j = 0; j < vars.size(); ++j) {
      const auto& v = vars[j];
      if ((v.scale == Variable::Scale::linear || v.scale == Variable::Scale::log) &&
          hi(v, tier) > v.lo) {
        variables.push_back(j);
        box.lo.push_back(0);
        box.hi.push_back(1);
        names.push_back(v.name);
      }
    }
    for (const auto& in : spec.inputs) {
      const auto m = Eigen::Index(in.size(start));
      input_sizes.push_back(m);
      const bool dir = in.law == AdversarialInput::Law::direction;
      for (Eigen::Index i = 0; i < m; ++i) {
        box.lo.push_back(dir ? -1.0 : 0.0);
        box.hi.push_back(1.0);
      }
      names.push_back(in.name);
    }
  }

  std::vector<double> encode(const Point& p, const InputValues& inputs, Tier tier) const {
    std::vector<double> x;
    for (std::size_t j : variables) {
      const auto& v = declared[j];
      const double val = p.values[j].second, h = hi(v, tier);
      x.push_back(v.scale == Variable::Scale::log ? std::log(val / v.lo) / std::log(h / v.lo)
                                                  : (val - v.lo) / (h - v.lo));
    }
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      Eigen::VectorXd u = inputs[i];
      // A direction is scaled into the box; the measure reads only its direction.
      if (box.lo[x.size()] < 0 && u.size() > 0 && u.cwiseAbs().maxCoeff() > 0)
        u /= u.cwiseAbs().maxCoeff();
      for (Eigen::Index k = 0; k < u.size(); ++k) x.push_back(u(k));
    }
    return x;
  }

  std::pair<Point, InputValues> decode(const std::vector<double>& x, const Point& start,
                                       Tier tier) const {
    Point p = start;
    std::size_t c = 0;
    for (std::size_t j : variables) {
      const auto& v = declared[j];
      const double h = hi(v, tier), u = std::clamp(x[c++], 0.0, 1.0);
      p.values[j].second =
          v.scale == Variable::Scale::log ? v.lo * std::pow(h / v.lo, u) : v.lo + (h - v.lo) * u;
    }
    InputValues inputs;
    for (auto m : input_sizes) {
      Eigen::VectorXd u(m);
      for (Eigen::Index k = 0; k < m; ++k) u(k) = x[c++];
      inputs.push_back(std::move(u));
    }
    return {std::move(p), std::move(inputs)};
  }
};

// One local search from a sampled trial, and what it reached.
struct SearchRun {
  std::size_t from = 0;  // the sampled trial it started from
  double start_ratio = 0;
  Worst worst;  // at its best point
  Point point;
  InputValues inputs;
  std::size_t evaluations = 0;
};

}  // namespace

Claim inequality(ClaimInfo info, InequalitySpec spec) {
  Claim c;
  c.info = std::move(info);
  c.kind = ClaimKind::inequality;
  c.alpha = 0;
  c.check = [spec](ClaimContext& ctx) {
    const std::size_t n = ctx.instances(spec.instances.at(ctx.tier));
    const double rel = spec.rel_tol(ctx.params), abs = spec.abs_tol(ctx.params);
    static const std::vector<std::vector<double>> kDrawn;
    auto measured = ctx.run_trials<Measured>(0, n, 1, [&](const Trial& t) {
      const bool pinned_inputs =
          ctx.is_pinned(t.instance) && !ctx.claim.info.pinned[t.instance].inputs.empty();
      return measure_with(spec, t,
                          pinned_inputs ? ctx.claim.info.pinned[t.instance].inputs : kDrawn);
    });

    ClaimResult r;
    r.bound = 1;
    r.samples = n;
    double worst = -std::numeric_limits<double>::infinity(),
           best = std::numeric_limits<double>::infinity();
    std::size_t first_bad = n, compared = 0;
    Worst worst_summary;
    std::vector<double> ratios(n);
    for (std::size_t t = 0; t < n; ++t) {
      Worst w = summarize(measured[t].qs, rel, abs);
      ratios[t] = w.ratio;
      compared += measured[t].qs.size();
      if (w.violated && first_bad == n) first_bad = t;
      if (w.ratio > worst) {
        worst = w.ratio;
        worst_summary = w;
      }
      best = std::min(best, w.min_ratio);
    }
    auto set_estimate = [&](double sharpness) {
      r.estimate = sharpness;
      r.interval[0] = best;
      r.interval[1] = sharpness;
      r.margin = sharpness > 0 ? 1.0 / sharpness : std::numeric_limits<double>::infinity();
    };
    set_estimate(worst);
    r.details["inequalities_compared"] = compared;
    r.details["rel_tol"] = rel;
    r.details["abs_tol"] = abs;
    r.details["rule"] =
        "violated when some lhs > rhs (1 + rel_tol) + abs_tol + allowance; estimate = max lhs / "
        "(rhs + abs_tol + allowance), over the sampled trials and the worst-case search";
    r.details["sampled_sharpness"] = worst;
    if (compared == 0) {
      r.verdict = Verdict::skipped;
      return r;
    }
    if (first_bad < n) {
      r.verdict = Verdict::violated;
      r.details["search"] = {{"skipped", "a sampled trial already violates the claim"}};
      // Shrink: walk RapidCheck's shrink tree of the failing point, keeping the trial seed, and
      // descend into the first candidate that still fails, until none does or the budget ends.
      auto shrinkable = instance_shrinkable(ctx, first_bad);
      const TrialRef tref = ctx.trial_ref(first_bad, 1);
      const auto& given =
          ctx.is_pinned(first_bad) ? ctx.claim.info.pinned[first_bad].inputs : kDrawn;
      Point smallest = shrinkable.value();
      Worst smallest_w = summarize(measured[first_bad].qs, rel, abs);
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
            w = summarize(
                ctx.run_one<Measured>(p, tref, first_bad,
                                      [&](const Trial& t) { return measure_with(spec, t, given); })
                    .qs,
                rel, abs);
          } catch (const std::exception&) {
            continue;  // a candidate outside the hypotheses (e.g. too small to build) is not a
                       // shrink
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
      TrialRef ref = tref;
      ref.inputs = given;
      r.details["counterexample"] = evidence(smallest_w, smallest);
      r.details["counterexample"]["found_by"] = "sampling";
      r.details["counterexample"]["shrink_steps"] = steps;
      r.details["counterexample"]["shrink_evaluations"] = std::min(evaluations, kShrinkBudget);
      r.details["counterexample"]["first_failing_instance"] = ctx.instance(first_bad).describe();
      r.details["replay"] = ctx.replay_token(smallest, ref, first_bad);
      return r;
    }

    // No sampled counterexample: search for the worst case from the best sampled trials.
    const std::size_t budget = ctx.search ? spec.search.at(ctx.tier) : 0;
    const auto& vars = ctx.theorem.hypotheses.variables();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return ratios[a] > ratios[b]; });
    const std::size_t starts = std::min({spec.search_starts, n, budget});
    const bool searchable =
        starts > 0 && SearchSpace(spec, vars, ctx.instance(order[0]), ctx.tier).box.size() > 0;
    if (!searchable) {
      r.verdict = Verdict::holds;
      r.details["tightest"] = worst_summary.at.where;
      r.details["search"] = {
          {"skipped", !ctx.search ? "turned off (--no-search)"
                      : budget == 0
                          ? "the claim sets no search budget"
                          : "nothing to search: no continuous variable and no declared input"}};
      return r;
    }
    const auto t0 = std::chrono::steady_clock::now();
    // Where the local searches start: the best sampled trials, and first the best axis probe when
    // it beats them. A direction's worst value often lies along one axis of well-chosen coordinates
    // (an eigenvector, when the claim writes its start in the eigenbasis), which a local search
    // from a random start rarely reaches in many dimensions. So every direction input's axes +-e_j
    // are tried on the best sampled trial first (two evaluations per coordinate, on the trial's own
    // engine), when that costs at most half the budget.
    struct Start {
      std::size_t from;
      InputValues inputs;
      double ratio;
    };
    std::vector<Start> start_points;
    for (std::size_t s = 0; s < starts; ++s)
      start_points.push_back({order[s], measured[order[s]].inputs, ratios[order[s]]});
    std::vector<InputValues> probes;
    for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
      if (spec.inputs[i].law != AdversarialInput::Law::direction) continue;
      const auto m = measured[order[0]].inputs[i].size();
      for (Eigen::Index j = 0; j < m; ++j)
        for (double sign : {1.0, -1.0}) {
          InputValues in = measured[order[0]].inputs;
          in[i] = Eigen::VectorXd::Unit(m, j) * sign;
          probes.push_back(std::move(in));
        }
    }
    if (2 * probes.size() > budget) probes.clear();
    std::vector<double> probe_ratio(probes.size());
    {
      const Point p = ctx.instance(order[0]);
      const TrialRef tref = ctx.trial_ref(order[0], 1);
      ctx.parallel(probes.size(), [&](std::size_t k) {
        Engine rng = make_engine(tref.seed);
        Trial t{.point = p,
                .instance = order[0],
                .index = tref.index,
                .run = tref.run,
                .rng = rng,
                .params = ctx.params,
                .tier = ctx.tier,
                .store = ctx.store};
        probe_ratio[k] = summarize(measure_with(spec, t, to_numbers(probes[k])).qs, rel, abs).ratio;
        ctx.progress.advance(1);
      });
    }
    if (!probes.empty()) {
      const auto best_probe = std::size_t(std::max_element(probe_ratio.begin(), probe_ratio.end()) -
                                          probe_ratio.begin());
      if (probe_ratio[best_probe] > start_points.front().ratio) {
        start_points.insert(start_points.begin(),
                            {order[0], probes[best_probe], probe_ratio[best_probe]});
        start_points.pop_back();
      }
    }
    const std::size_t local_budget = budget - probes.size();
    std::vector<SearchRun> runs(starts);
    ctx.parallel(starts, [&](std::size_t s) {
      const std::size_t from = start_points[s].from;
      const Point start = ctx.instance(from);
      const SearchSpace space(spec, vars, start, ctx.tier);
      const TrialRef tref = ctx.trial_ref(from, 1);
      // The search's own cache: its points are new instances, freed when the search ends.
      InstanceStore store;
      Point last = start;
      bool last_violated = false;
      auto evaluate = [&](const Point& p, const InputValues& in) {
        if (p.values != last.values) store.clear();  // keep one instance at a time
        last = p;
        Engine rng = make_engine(tref.seed);
        Trial t{.point = p,
                .instance = from,
                .index = tref.index,
                .run = tref.run,
                .rng = rng,
                .params = ctx.params,
                .tier = ctx.tier,
                .store = store};
        return summarize(measure_with(spec, t, to_numbers(in)).qs, rel, abs);
      };
      auto objective = [&](const std::vector<double>& x) {
        auto [p, in] = space.decode(x, start, ctx.tier);
        const Worst w = evaluate(p, in);
        last_violated = w.violated;
        ctx.progress.advance(1);
        return w.ratio;
      };
      const std::size_t share = local_budget / starts + (s < local_budget % starts ? 1 : 0);
      auto out = maximize_in_box(objective, space.encode(start, start_points[s].inputs, ctx.tier),
                                 space.box, share, [&](double) { return last_violated; });
      SearchRun& run = runs[s];
      run.from = from;
      run.start_ratio = start_points[s].ratio;
      std::tie(run.point, run.inputs) = space.decode(out.x, start, ctx.tier);
      run.worst = evaluate(run.point, run.inputs);
      run.evaluations = out.evaluations;
    });
    std::size_t best_run = 0, evaluations = probes.size();
    for (std::size_t s = 0; s < runs.size(); ++s) {
      evaluations += runs[s].evaluations;
      const auto& a = runs[s].worst;
      const auto& b = runs[best_run].worst;
      if ((a.violated && !b.violated) || (a.violated == b.violated && a.ratio > b.ratio))
        best_run = s;
    }
    const SearchRun& top = runs[best_run];
    const SearchSpace space(spec, vars, top.point, ctx.tier);
    nlohmann::json search{
        {"evaluations", evaluations},
        {"starts", starts},
        {"axis_probes", probes.size()},
        {"budget", budget},
        {"coordinates", space.box.size()},
        {"over", space.names},
        {"at", top.point.describe()},
        {"where", top.worst.at.where},
        {"from_sampled_ratio", top.start_ratio},
        {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()}};
    r.details["search"] = search;
    r.details["searched_sharpness"] = top.worst.ratio;
    const Worst& overall = top.worst.ratio > worst ? top.worst : worst_summary;
    set_estimate(std::max(worst, top.worst.ratio));
    if (!top.worst.violated) {
      r.verdict = Verdict::holds;
      r.details["tightest"] = overall.at.where;
      return r;
    }

    // The search found a counterexample the sampling missed. Shrink it over the continuous
    // variables (toward the low end of each, halving the way), keeping its inputs, and give it a
    // replay token.
    r.verdict = Verdict::violated;
    TrialRef ref = ctx.trial_ref(top.from, 1);
    ref.inputs = to_numbers(top.inputs);
    Point smallest = top.point;
    Worst smallest_w = top.worst;
    std::size_t shrink_evaluations = 0, steps = 0;
    bool progressed = spec.shrink;
    while (progressed && shrink_evaluations < spec.shrink_budget) {
      progressed = false;
      for (std::size_t j : space.variables) {
        const double lo = vars[j].lo, v = smallest.values[j].second;
        for (int h = 0; h < 8 && !progressed && shrink_evaluations < spec.shrink_budget; ++h) {
          Point cand = smallest;
          cand.values[j].second = lo + (v - lo) * (1 - std::pow(0.5, h));  // lo, then halfway, ...
          if (cand.values[j].second == v) break;
          ++shrink_evaluations;
          Worst w;
          try {
            w = summarize(ctx.run_one<Measured>(
                                 cand, ref, top.from,
                                 [&](const Trial& t) { return measure_with(spec, t, ref.inputs); })
                              .qs,
                          rel, abs);
          } catch (const std::exception&) {
            continue;
          }
          if (w.violated) {
            smallest = cand;
            smallest_w = w;
            progressed = true;
            ++steps;
          }
        }
        if (progressed) break;
      }
    }
    r.details["counterexample"] = evidence(smallest_w, smallest);
    r.details["counterexample"]["found_by"] = "search";
    r.details["counterexample"]["shrink_steps"] = steps;
    r.details["counterexample"]["shrink_evaluations"] = shrink_evaluations;
    r.details["counterexample"]["search_started_at"] = ctx.instance(top.from).describe();
    r.details["replay"] = ctx.replay_token(smallest, ref, top.from);
    return r;
  };
  c.replay = [spec](ClaimContext& ctx, const Point& p, const TrialRef& ref) {
    const double rel = spec.rel_tol(ctx.params), abs = spec.abs_tol(ctx.params);
    auto m = ctx.run_one<Measured>(
        p, ref, 0, [&](const Trial& t) { return measure_with(spec, t, ref.inputs); });
    auto ev = evidence(summarize(m.qs, rel, abs), p);
    if (!spec.inputs.empty()) ev["inputs"] = to_numbers(m.inputs);
    return ev;
  };
  return c;
}

}  // namespace thmcheck
