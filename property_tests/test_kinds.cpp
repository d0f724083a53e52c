// Each kind of claim on tiny synthetic theorems whose truth is known by construction: a true claim
// holds, a false one is violated, and a borderline one is inconclusive with a small budget. The
// evidence fields (estimate, interval, bound, margin, samples) are checked against hand values.
#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "kinds_fixture.hpp"
#include "thmcheck/harness/kinds/bound_curve.hpp"
#include "thmcheck/harness/kinds/comparison.hpp"
#include "thmcheck/harness/kinds/expectation.hpp"
#include "thmcheck/harness/kinds/inequality.hpp"
#include "thmcheck/harness/kinds/probability.hpp"
#include "thmcheck/harness/kinds/scaling.hpp"
#include "thmcheck/harness/kinds/threshold.hpp"
#include "thmcheck/harness/replay.hpp"
#include "thmcheck/stats/clopper_pearson.hpp"

using namespace thmcheck;
using Catch::Detail::Approx;
using thmcheck::testing::replay_in_process;
using thmcheck::testing::run_claim;
using thmcheck::testing::synthetic_theorem;

namespace {

bool bernoulli(const Trial& t, double p) {
  return boost::random::bernoulli_distribution<double>(p)(t.rng);
}
double uniform(const Trial& t) { return boost::random::uniform_01<double>()(t.rng); }

}  // namespace

TEST_CASE("inequality: holds, is violated with a counterexample, reports tightness",
          "[quick][kinds]") {
  Theorem t = synthetic_theorem();
  // u d <= 30 always (u <= 1, d <= 30): tight near u = 1, d = 30.
  t.add(inequality({.id = "true"},
                   {.instances = {30, 30}, .measure = [](const Trial& tr) {
                      return std::vector<Inequality>{{tr.point["u"] * tr.point["d"], 30.0, "all"}};
                    }}));
  // d <= 20 is false for d > 20.
  t.add(inequality({.id = "false"}, {.instances = {30, 30}, .measure = [](const Trial& tr) {
                                       return std::vector<Inequality>{{tr.point["d"], 20.0, "d"}};
                                     }}));
  auto r = run_claim(t, "true");
  CHECK(r.verdict == Verdict::holds);
  CHECK(r.samples == 30);
  CHECK(r.estimate <= 1);
  CHECK(r.estimate > 0.3);  // 30 instances: some u d is at least 9
  CHECK(r.margin == Approx(1 / r.estimate));
  CHECK(r.interval[0] <= r.interval[1]);

  auto f = run_claim(t, "false");
  REQUIRE(f.verdict == Verdict::violated);
  // Shrinking lands on the smallest failing d, 21, and u shrinks to its low end.
  auto ce = f.details.at("counterexample");
  CHECK(ce.at("instance").get<std::string>() == "u=0 d=21");
  CHECK(ce.at("lhs").get<double>() == 21);
  CHECK(f.details.contains("replay"));
  // Round-off allowance: an identity off by 1e-12 relative is not a counterexample.
  t.add(inequality({.id = "roundoff"},
                   {.instances = {5, 5}, .measure = [](const Trial&) {
                      return std::vector<Inequality>{{1 + 1e-12, 1.0, "identity"}};
                    }}));
  CHECK(run_claim(t, "roundoff").verdict == Verdict::holds);
  // NaN is never silently accepted.
  t.add(
      inequality({.id = "nan"}, {.instances = {2, 2}, .shrink = false, .measure = [](const Trial&) {
                                   return std::vector<Inequality>{{std::nan(""), 1.0, "nan"}};
                                 }}));
  CHECK(run_claim(t, "nan").verdict == Verdict::violated);
}

TEST_CASE("probability: holds, violated, inconclusive at the boundary", "[quick][kinds]") {
  Theorem t = synthetic_theorem();
  t.parameters.add("delta", 0.05, "allowed failure probability", 0, 1);
  auto claim = [](std::string id, double p_fail, std::size_t max_trials) {
    return probability({.id = std::move(id)},
                       {.delta = "delta",
                        .alpha = 0.01,
                        .first_look = {100, 100},
                        .max_trials = {max_trials, max_trials},
                        .event = [p_fail](const Trial& tr) { return !bernoulli(tr, p_fail); }});
  };
  t.add(claim("true", 0.005, 3200));
  t.add(claim("false", 0.2, 3200));
  t.add(claim("boundary", 0.05, 400));
  auto r = run_claim(t, "true");
  CHECK(r.verdict == Verdict::holds);
  CHECK(r.interval[1] <= 0.05);
  CHECK(r.bound == 0.05);
  CHECK(r.details.at("looks").get<int>() >= 1);
  auto f = run_claim(t, "false");
  CHECK(f.verdict == Verdict::violated);
  CHECK(f.interval[0] > 0.05);
  CHECK(f.samples == 100);  // decided at the first look: 20% failures are far above 5%
  CHECK(f.details.contains("replay"));
  auto b = run_claim(t, "boundary");
  CHECK(b.verdict == Verdict::inconclusive);
  CHECK(b.samples == 400);  // the whole budget was spent
  CHECK(b.interval[0] <= 0.05);
  CHECK(b.interval[1] > 0.05);
  // The interval reported is the one the last look used: recompute it by hand.
  const auto failures = b.details.at("failures").get<std::uint64_t>();
  const double a = b.details.at("alpha_per_look").get<double>();
  CHECK(a == Approx(0.01 / 3));  // looks at 100, 200, 400
  CHECK(b.interval[1] == Approx(stats::clopper_pearson_upper(failures, 400, a)));
}

TEST_CASE("expectation: holds, violated, inconclusive; truncated variables", "[quick][kinds]") {
  Theorem t = synthetic_theorem();
  auto claim = [](std::string id, double bound, std::size_t trials, double tail = 0) {
    // X ~ Bernoulli(0.3) in [0, 1]: E X = 0.3.
    return expectation({.id = std::move(id)}, {.alpha = 0.01,
                                               .instances = {2, 2},
                                               .trials_per_instance = {trials, trials},
                                               .sample = [bound, tail](const Trial& tr) {
                                                 ExpectationSample s;
                                                 s.values = {bernoulli(tr, 0.3) ? 1.0 : 0.0};
                                                 s.bounds = {bound};
                                                 s.labels = {"X"};
                                                 s.tail = tail;
                                                 return s;
                                               }});
  };
  t.add(claim("true", 0.4, 2000));
  t.add(claim("false", 0.2, 2000));
  t.add(claim("boundary", 0.3, 200));
  t.add(claim("true-with-tail", 0.4, 2000, 0.2));  // an upper end raised by 0.2 cannot reach 0.4
  auto r = run_claim(t, "true");
  CHECK(r.verdict == Verdict::holds);
  CHECK(r.estimate == Approx(0.3 / 0.4).margin(0.1));
  CHECK(r.interval[1] <= 1);
  CHECK(r.samples == 4000);
  CHECK(run_claim(t, "false").verdict == Verdict::violated);
  CHECK(run_claim(t, "boundary").verdict == Verdict::inconclusive);
  auto w = run_claim(t, "true-with-tail");
  CHECK(w.verdict == Verdict::inconclusive);
  CHECK(w.interval[1] >= (0.3 + 0.2) / 0.4);
}

TEST_CASE("expectation: sequential looks stop once decided and keep the false-alarm split",
          "[quick][kinds]") {
  Theorem t = synthetic_theorem();
  auto claim = [](std::string id, double bound, std::size_t first_look) {
    return expectation({.id = std::move(id)}, {.alpha = 0.01,
                                               .instances = {2, 2},
                                               .trials_per_instance = {3200, 3200},
                                               .first_look = {first_look, first_look},
                                               .sample = [bound](const Trial& tr) {
                                                 ExpectationSample s;
                                                 s.values = {bernoulli(tr, 0.3) ? 1.0 : 0.0};
                                                 s.bounds = {bound};
                                                 return s;
                                               }});
  };
  t.add(claim("far-false", 0.02, 100));
  t.add(claim("far-true", 0.6, 100));
  t.add(claim("boundary", 0.3, 100));
  t.add(claim("one-look", 0.6, 0));
  auto f = run_claim(t, "far-false");
  CHECK(f.verdict == Verdict::violated);
  CHECK(f.samples == 2 * 100);                // decided at the first look
  CHECK(f.details.at("planned_looks") == 6);  // 100, 200, 400, 800, 1600, 3200
  CHECK(f.details.at("alpha_per_mean_per_side").get<double>() == Approx(0.01 / 6 / 2));
  auto h = run_claim(t, "far-true");
  CHECK(h.verdict == Verdict::holds);
  CHECK(h.samples < 2 * 3200);
  auto b = run_claim(t, "boundary");
  CHECK(b.verdict ==
        Verdict::inconclusive);  // the whole budget spent, the interval reached reported
  CHECK(b.samples == 2 * 3200);
  CHECK(b.details.at("looks") == 6);
  auto o = run_claim(t, "one-look");
  CHECK(o.samples == 2 * 3200);
  CHECK(o.details.at("planned_looks") == 1);
  // Staged or not, trial t of instance i has the same seed: the first look's trials are the first
  // trials of the one-look run.
  CHECK(run_claim(t, "far-true", 20240607, Tier::quick, 2).samples == h.samples);
}

TEST_CASE("bound-curve: the quantile of metric/curve against 1", "[quick][kinds]") {
  Theorem t = synthetic_theorem();
  // metric_k = U_k uniform on (0, 1): the median ratio to a constant curve c is 0.5/c.
  auto claim = [](std::string id, double c, std::size_t trials) {
    return bound_curve({.id = std::move(id)}, {.quantile = 0.5,
                                               .alpha = 0.01,
                                               .instances = {1, 1},
                                               .trials_per_instance = {trials, trials},
                                               .sample = [c](const Trial& tr) {
                                                 CurveSample s;
                                                 for (int k = 0; k < 5; ++k) {
                                                   s.metric.push_back(uniform(tr));
                                                   s.curve.push_back(c);
                                                 }
                                                 return s;
                                               }});
  };
  t.add(claim("true", 0.8, 400));
  t.add(claim("false", 0.3, 400));
  t.add(claim("boundary", 0.5, 40));
  auto r = run_claim(t, "true");
  CHECK(r.verdict == Verdict::holds);
  CHECK(r.estimate == Approx(0.5 / 0.8).margin(0.1));
  CHECK(r.details.at("iterations_compared").get<int>() == 5);
  CHECK(r.details.at("alpha_per_iteration").get<double>() == Approx(0.002));
  auto f = run_claim(t, "false");
  CHECK(f.verdict == Verdict::violated);
  CHECK(f.interval[0] > 1);
  CHECK(f.details.contains("replay"));
  CHECK(run_claim(t, "boundary").verdict == Verdict::inconclusive);
}

TEST_CASE("scaling: the median fitted exponent against the claim", "[quick][kinds]") {
  Theorem t = synthetic_theorem();
  // y = x^b exp(0.1 Z): every instance's slope is b plus noise.
  auto claim = [](std::string id, ExponentForm form, double claimed, double tol, std::size_t inst,
                  double b) {
    return scaling({.id = std::move(id)},
                   {.grid = {{1, 2, 4, 8, 16}, {1, 2, 4, 8, 16}},
                    .instances = {inst, inst},
                    .runs_per_point = {1, 1},
                    .form = form,
                    .exponent = claimed,
                    .tolerance = tol,
                    .alpha = 0.01,
                    .measure = [b](const Trial& tr, double x) {
                      return std::pow(x, b) *
                             std::exp(0.1 * boost::random::normal_distribution<double>()(tr.rng));
                    }});
  };
  t.add(claim("at-most-true", ExponentForm::at_most, 1.2, 0, 15, 1.0));
  t.add(claim("at-most-false", ExponentForm::at_most, 0.8, 0, 15, 1.0));
  t.add(claim("at-least-true", ExponentForm::at_least, 0.8, 0, 15, 1.0));
  t.add(claim("near-true", ExponentForm::near, 1.0, 0.2, 15, 1.0));
  t.add(claim("near-false", ExponentForm::near, 2.0, 0.2, 15, 1.0));
  t.add(claim("boundary", ExponentForm::at_most, 1.0, 0, 9, 1.0));
  auto r = run_claim(t, "at-most-true");
  CHECK(r.verdict == Verdict::holds);
  CHECK(r.estimate == Approx(1.0).margin(0.1));
  CHECK(r.interval[0] <= r.estimate);
  CHECK(r.interval[1] >= r.estimate);
  CHECK(r.samples == 75);
  CHECK(run_claim(t, "at-most-false").verdict == Verdict::violated);
  CHECK(run_claim(t, "at-least-true").verdict == Verdict::holds);
  CHECK(run_claim(t, "near-true").verdict == Verdict::holds);
  CHECK(run_claim(t, "near-false").verdict == Verdict::violated);
  CHECK(run_claim(t, "boundary").verdict == Verdict::inconclusive);
}

TEST_CASE("scaling: the replay token reruns the sweep of the instance most against the claim",
          "[quick][kinds]") {
  Theorem t = synthetic_theorem();
  t.add(scaling({.id = "s"},
                {.grid = {{1, 2, 4, 8}, {1, 2, 4, 8}},
                 .instances = {7, 7},
                 .runs_per_point = {2, 2},
                 .form = ExponentForm::at_most,
                 .exponent = 1.5,
                 .alpha = 0.01,
                 .measure = [](const Trial& tr, double x) {
                   return std::pow(x, 1 + tr.point["u"]) *
                          std::exp(0.1 * boost::random::normal_distribution<double>()(tr.rng));
                 }}));
  auto r = run_claim(t, "s");
  double largest = -1;
  for (const auto& b : r.details.at("slopes")) largest = std::max(largest, b.get<double>());
  auto ev = replay_in_process(t, r.details.at("replay").get<std::string>());
  CHECK(ev.at("slope").get<double>() == largest);  // the same runs, bit for bit
  CHECK(ev.at("y").size() == 8);
}

TEST_CASE("threshold: bracket, sharpness and verdicts", "[quick][kinds]") {
  Theorem t = synthetic_theorem();
  // Success is certain for x >= 4 and has probability 0.3 below: the threshold is 4.
  auto claim = [](std::string id, double predicted, double p_above, std::size_t runs) {
    return threshold({.id = std::move(id)}, {.grid = {{1, 2, 3, 4, 5, 6}, {1, 2, 3, 4, 5, 6}},
                                             .predicted = predicted,
                                             .level = 0.9,
                                             .instances = {4, 4},
                                             .runs_per_point = {runs, runs},
                                             .alpha = 0.01,
                                             .x_name = "x",
                                             .success = [p_above](const Trial& tr, double x) {
                                               return bernoulli(tr, x >= 4 ? p_above : 0.3);
                                             }});
  };
  t.add(claim("true", 5, 1.0, 25));
  t.add(claim("false", 2, 1.0, 25));
  t.add(claim("boundary", 4, 0.9, 10));  // success rate exactly the level above the prediction
  auto r = run_claim(t, "true");
  CHECK(r.verdict == Verdict::holds);
  CHECK(r.estimate == 4);              // x_emp
  CHECK(r.margin == Approx(5.0 / 4));  // sharpness predicted / x_emp
  CHECK(r.interval[0] == 3);           // the largest confidently failing value
  CHECK(r.interval[1] == 4);           // from here on every value passes
  CHECK(r.samples == 4 * 6 * 25);
  CHECK(run_claim(t, "false").verdict == Verdict::violated);
  CHECK(run_claim(t, "boundary").verdict == Verdict::inconclusive);
}

TEST_CASE("comparison: the sign test on paired costs", "[quick][kinds]") {
  Theorem t = synthetic_theorem();
  // A wins a pair with probability p (a = 1, b = 2 or 0.5).
  auto claim = [](std::string id, double p, std::size_t n) {
    return comparison({.id = std::move(id)}, {.instances = {n, n},
                                              .runs_per_instance = {1, 1},
                                              .factor = 1.0,
                                              .alpha = 0.01,
                                              .sample = [p](const Trial& tr) {
                                                return Paired{1.0, bernoulli(tr, p) ? 2.0 : 0.5};
                                              }});
  };
  t.add(claim("true", 0.8, 100));
  t.add(claim("false", 0.2, 100));
  t.add(claim("boundary", 0.5, 30));
  auto r = run_claim(t, "true");
  CHECK(r.verdict == Verdict::holds);
  CHECK(r.interval[0] > 0.5);
  CHECK(r.details.at("median_ratio_b_over_a").get<double>() == 2.0);
  auto f = run_claim(t, "false");
  CHECK(f.verdict == Verdict::violated);
  CHECK(f.details.contains("replay"));
  CHECK(run_claim(t, "boundary").verdict == Verdict::inconclusive);
  // Ties count against A.
  t.add(comparison({.id = "ties"}, {.instances = {50, 50}, .sample = [](const Trial&) {
                                      return Paired{1, 1};
                                    }}));
  CHECK(run_claim(t, "ties").verdict == Verdict::violated);
}

TEST_CASE("comparison: sequential looks over instances stop once decided", "[quick][kinds]") {
  Theorem t = synthetic_theorem();
  auto claim = [](std::string id, double p_win, std::size_t first_look) {
    return comparison({.id = std::move(id)},
                      {.instances = {320, 320},
                       .first_look = {first_look, first_look},
                       .alpha = 0.01,
                       .sample = [p_win](const Trial& tr) {
                         return Paired{1.0, bernoulli(tr, p_win) ? 2.0 : 0.5};
                       }});
  };
  t.add(claim("clear-win", 0.95, 20));
  t.add(claim("boundary", 0.5, 20));
  t.add(claim("one-look", 0.95, 0));
  auto w = run_claim(t, "clear-win");
  CHECK(w.verdict == Verdict::holds);
  CHECK(w.samples == 20);                     // 19 or 20 wins of 20 decide at the first look
  CHECK(w.details.at("planned_looks") == 5);  // 20, 40, 80, 160, 320
  CHECK(w.details.at("alpha_per_look").get<double>() == Approx(0.01 / 5));
  auto b = run_claim(t, "boundary");
  CHECK(b.verdict == Verdict::inconclusive);
  CHECK(b.samples == 320);
  auto o = run_claim(t, "one-look");
  CHECK(o.samples == 320);
  CHECK(o.verdict == Verdict::holds);
}

TEST_CASE("verdicts do not depend on the thread count", "[quick][kinds]") {
  Theorem t = synthetic_theorem();
  t.parameters.add("delta", 0.05, "allowed failure probability", 0, 1);
  t.add(probability({.id = "p"}, {.delta = "delta",
                                  .first_look = {50, 50},
                                  .max_trials = {800, 800},
                                  .event = [](const Trial& tr) { return !bernoulli(tr, 0.05); }}));
  auto a = run_claim(t, "p", 7, Tier::quick, 1), b = run_claim(t, "p", 7, Tier::quick, 2);
  CHECK(a.verdict == b.verdict);
  CHECK(a.estimate == b.estimate);
  CHECK(a.samples == b.samples);
  CHECK(a.details.at("failures") == b.details.at("failures"));
}

TEST_CASE(
    "probability over each instance: one bad instance refutes what the pooled rate averages away",
    "[quick][kinds]") {
  Theorem t = synthetic_theorem();
  // Instances with u < 0.25 fail 40% of the time, the others never: the pooled failure rate is
  // about 0.1, below delta = 0.2, but the claim "for every instance" is false.
  auto event = [](const Trial& tr) { return !(tr.point["u"] < 0.25 && bernoulli(tr, 0.4)); };
  t.add(probability({.id = "pooled"}, {.delta = 0.2,
                                       .alpha = 0.01,
                                       .first_look = {200, 200},
                                       .max_trials = {1600, 1600},
                                       .trials_per_instance = 20,
                                       .event = event}));
  t.add(probability({.id = "each"}, {.delta = 0.2,
                                     .alpha = 0.01,
                                     .first_look = {50, 50},
                                     .max_trials = {400, 400},
                                     .over = ProbabilityOver::each_instance,
                                     .instances = {12, 12},
                                     .event = event}));
  t.add(probability({.id = "each-true"},
                    {.delta = 0.2,
                     .alpha = 0.01,
                     .first_look = {50, 50},
                     .max_trials = {400, 400},
                     .over = ProbabilityOver::each_instance,
                     .instances = {6, 6},
                     .event = [](const Trial& tr) { return !bernoulli(tr, 0.01); }}));
  CHECK(run_claim(t, "pooled").verdict == Verdict::holds);
  auto e = run_claim(t, "each");
  REQUIRE(e.verdict == Verdict::violated);
  CHECK(e.interval[0] > 0.2);
  // The refuting instance is named, and its replay token reruns a failing run of it.
  bool bad_named = false;
  for (const auto& row : e.details.at("instances"))
    if (row.at("verdict") == "violated") bad_named = true;
  CHECK(bad_named);
  const std::string token = e.details.at("replay").get<std::string>();
  ReplayTarget target = decode_replay(token);
  CHECK(t.hypotheses.make(target.values, target.point_seed)["u"] < 0.25);
  CHECK_FALSE(replay_in_process(t, token).at("event_holds").get<bool>());
  auto h = run_claim(t, "each-true");
  CHECK(h.verdict == Verdict::holds);
  CHECK(h.details.at("instances").size() == 6);
  CHECK(h.interval[1] <= 0.2);
}

TEST_CASE("replay tokens carry the trial's run within its instance", "[quick][kinds]") {
  Theorem t = synthetic_theorem();
  // Fails only on run 7 of an instance: a replay that forgot the run would rerun run 0 and pass.
  t.add(probability({.id = "run7"}, {.delta = 0.01,
                                     .first_look = {100, 100},
                                     .max_trials = {100, 100},
                                     .trials_per_instance = 10,
                                     .event = [](const Trial& tr) { return tr.run != 7; }}));
  auto r = run_claim(t, "run7");
  REQUIRE(r.verdict == Verdict::violated);
  const std::string token = r.details.at("replay").get<std::string>();
  ReplayTarget target = decode_replay(token);
  CHECK(target.trial_index == 7);
  CHECK(target.trial_run == 7);
  CHECK_FALSE(replay_in_process(t, token).at("event_holds").get<bool>());
}

TEST_CASE("threshold over each instance: the largest x_emp, and a replayable failing run",
          "[quick][kinds]") {
  Theorem t = synthetic_theorem();
  // Instances with u < 0.5 need x >= 6, the others x >= 4; predicted 5 is wrong for the former.
  t.add(threshold({.id = "each"}, {.grid = {{1, 2, 3, 4, 5, 6, 7}, {1, 2, 3, 4, 5, 6, 7}},
                                   .predicted = 5,
                                   .level = 0.9,
                                   .instances = {6, 6},
                                   .runs_per_point = {40, 40},
                                   .alpha = 0.01,
                                   .over = ProbabilityOver::each_instance,
                                   .x_name = "x",
                                   .success = [](const Trial& tr, double x) {
                                     return x >= (tr.point["u"] < 0.5 ? 6 : 4) ||
                                            bernoulli(tr, 0.3);
                                   }}));
  auto r = run_claim(t, "each");
  REQUIRE(r.verdict == Verdict::violated);
  CHECK(r.estimate == 6);
  // Instances run one at a time and stop at the first that refutes the claim: it is the last one
  // read.
  const auto& per = r.details.at("instances");
  REQUIRE(per.size() >= 1);
  CHECK(per.size() <= 6);
  CHECK(per.back().at("verdict") == "violated");
  for (std::size_t i = 0; i + 1 < per.size(); ++i) CHECK(per[i].at("verdict") != "violated");
  auto ev = replay_in_process(t, r.details.at("replay").get<std::string>());
  CHECK(ev.at("x").get<double>() >= 5);
  CHECK(ev.at("x").get<double>() < 6);
  CHECK_FALSE(ev.at("success").get<bool>());
}
