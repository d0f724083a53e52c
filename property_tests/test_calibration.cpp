// Calibration of the verdict engine: claims that sit exactly on their boundary (a failure
// probability equal to delta, a mean equal to its bound, a quantile on the curve, a win probability
// of 1/2, a median exponent equal to the claim, a success rate equal to the level) are run under
// many suite seeds. A boundary claim is true, so `violated` is a false alarm: its rate must not
// exceed the claim's alpha beyond sampling error, decided with a Clopper-Pearson lower bound on the
// observed rate (level 1e-3, so this test itself fails by chance at most once in a thousand runs
// per check, and being seeded it is deterministic anyway). At the boundary `holds` is a miss of the
// other error type, bounded by alpha the same way. Power: controls at a stated distance from the
// truth must be caught. alpha = 0.1 here (large on purpose): miscalibration by a factor 2 is then
// visible with few seeds.
#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>

#include "kinds_fixture.hpp"
#include "thmcheck/harness/kinds/bound_curve.hpp"
#include "thmcheck/harness/kinds/comparison.hpp"
#include "thmcheck/harness/kinds/expectation.hpp"
#include "thmcheck/harness/kinds/probability.hpp"
#include "thmcheck/harness/kinds/scaling.hpp"
#include "thmcheck/harness/kinds/threshold.hpp"
#include "thmcheck/stats/clopper_pearson.hpp"

using namespace thmcheck;
using thmcheck::testing::run_claim;
using thmcheck::testing::synthetic_theorem;

namespace {

constexpr double kAlpha = 0.1;

bool bernoulli(const Trial& t, double p) {
  return boost::random::bernoulli_distribution<double>(p)(t.rng);
}

// The synthetic claims, each a function of its distance from the boundary (0: exactly on it; > 0:
// false by that much, in the claim's own units).
Claim probability_claim(double excess) {
  return probability({.id = "probability"},
                     {.delta = 0.1,
                      .alpha = kAlpha,
                      .first_look = {50, 50},
                      .max_trials = {400, 400},
                      .event = [excess](const Trial& t) { return !bernoulli(t, 0.1 + excess); }});
}

Claim expectation_claim(double excess) {
  return expectation({.id = "expectation"}, {.alpha = kAlpha,
                                             .instances = {1, 1},
                                             .trials_per_instance = {300, 300},
                                             .sample = [excess](const Trial& t) {
                                               ExpectationSample s;
                                               s.values = {bernoulli(t, 0.3 + excess) ? 1.0 : 0.0};
                                               s.bounds = {0.3};
                                               return s;
                                             }});
}

Claim bound_curve_claim(double excess) {
  // metric uniform on (0, 1) + excess, curve 1/2: the median ratio is exactly 1 when excess = 0.
  return bound_curve({.id = "bound-curve"}, {.quantile = 0.5,
                                             .alpha = kAlpha,
                                             .instances = {1, 1},
                                             .trials_per_instance = {101, 101},
                                             .sample = [excess](const Trial& t) {
                                               CurveSample s;
                                               boost::random::uniform_01<double> u;
                                               for (int k = 0; k < 3; ++k) {
                                                 s.metric.push_back(u(t.rng) + excess);
                                                 s.curve.push_back(0.5);
                                               }
                                               return s;
                                             }});
}

Claim comparison_claim(double deficit) {
  // A wins with probability 1/2 - deficit: the claim "A beats B" is on its boundary at deficit 0.
  return comparison({.id = "comparison"},
                    {.instances = {60, 60}, .alpha = kAlpha, .sample = [deficit](const Trial& t) {
                       return Paired{1.0, bernoulli(t, 0.5 - deficit) ? 2.0 : 0.5};
                     }});
}

Claim scaling_claim(double excess) {
  // Every instance's slope is 1 + excess plus symmetric noise: the median slope is 1 + excess.
  return scaling({.id = "scaling"},
                 {.grid = {{1, 2, 4, 8}, {1, 2, 4, 8}},
                  .instances = {15, 15},
                  .runs_per_point = {1, 1},
                  .form = ExponentForm::at_most,
                  .exponent = 1.0,
                  .alpha = kAlpha,
                  .measure = [excess](const Trial& t, double x) {
                    return std::pow(x, 1 + excess) *
                           std::exp(0.2 * boost::random::normal_distribution<double>()(t.rng));
                  }});
}

Claim threshold_claim(double deficit) {
  // Success rate exactly the level (0.8) at and above the prediction 3 when deficit = 0.
  return threshold({.id = "threshold"}, {.grid = {{1, 2, 3, 4}, {1, 2, 3, 4}},
                                         .predicted = 3.0,
                                         .level = 0.8,
                                         .instances = {2, 2},
                                         .runs_per_point = {40, 40},
                                         .alpha = kAlpha,
                                         .success = [deficit](const Trial& t, double x) {
                                           return bernoulli(t, x >= 3 ? 0.8 - deficit : 0.2);
                                         }});
}

// The same claims in their other modes: over each instance (every instance on its boundary), and
// sequential looks.
Claim probability_each_claim(double excess) {
  return probability({.id = "probability-each"},
                     {.delta = 0.1,
                      .alpha = kAlpha,
                      .first_look = {50, 50},
                      .max_trials = {400, 400},
                      .over = ProbabilityOver::each_instance,
                      .instances = {3, 3},
                      .event = [excess](const Trial& t) { return !bernoulli(t, 0.1 + excess); }});
}

Claim expectation_sequential_claim(double excess) {
  return expectation({.id = "expectation-sequential"},
                     {.alpha = kAlpha,
                      .instances = {1, 1},
                      .trials_per_instance = {800, 800},
                      .first_look = {100, 100},
                      .sample = [excess](const Trial& t) {
                        ExpectationSample s;
                        s.values = {bernoulli(t, 0.3 + excess) ? 1.0 : 0.0};
                        s.bounds = {0.3};
                        return s;
                      }});
}

Claim threshold_each_claim(double deficit) {
  return threshold({.id = "threshold-each"}, {.grid = {{1, 2, 3, 4}, {1, 2, 3, 4}},
                                              .predicted = 3.0,
                                              .level = 0.8,
                                              .instances = {2, 2},
                                              .runs_per_point = {60, 60},
                                              .alpha = kAlpha,
                                              .over = ProbabilityOver::each_instance,
                                              .success = [deficit](const Trial& t, double x) {
                                                return bernoulli(t, x >= 3 ? 0.8 - deficit : 0.2);
                                              }});
}

struct Rates {
  std::size_t runs = 0, violated = 0, holds = 0;
};

Rates run_seeds(const std::function<Claim(double)>& make, double distance, std::size_t seeds) {
  Theorem t = synthetic_theorem("calibration");
  t.add(make(distance));
  Rates r;
  for (std::size_t s = 0; s < seeds; ++s) {
    auto res = run_claim(t, t.claims[0].id(), 1000 + s);
    ++r.runs;
    r.violated += res.verdict == Verdict::violated;
    r.holds += res.verdict == Verdict::holds;
  }
  return r;
}

void check_calibrated(const std::string& kind, const std::function<Claim(double)>& make,
                      std::size_t seeds) {
  Rates r = run_seeds(make, 0.0, seeds);
  INFO(kind << ": " << r.violated << " false violations and " << r.holds << " holds in " << r.runs
            << " boundary runs, alpha " << kAlpha);
  CHECK(stats::clopper_pearson_lower(r.violated, r.runs, 1e-3) <= kAlpha);
  CHECK(stats::clopper_pearson_lower(r.holds, r.runs, 1e-3) <= kAlpha);
}

void check_power(const std::string& kind, const std::function<Claim(double)>& make, double distance,
                 std::size_t seeds, double power) {
  Rates r = run_seeds(make, distance, seeds);
  INFO(kind << " at distance " << distance << ": caught " << r.violated << " of " << r.runs);
  // The catch rate's upper confidence bound must reach the stated power: a lower power is rejected.
  CHECK(stats::clopper_pearson_upper(r.violated, r.runs, 1e-3) >= power);
  CHECK(r.holds == 0);
}

const std::vector<std::pair<std::string, std::function<Claim(double)>>>& kinds() {
  static const std::vector<std::pair<std::string, std::function<Claim(double)>>> k{
      {"probability", probability_claim},
      {"expectation", expectation_claim},
      {"bound-curve", bound_curve_claim},
      {"comparison", comparison_claim},
      {"scaling", scaling_claim},
      {"threshold", threshold_claim},
      {"probability over each instance", probability_each_claim},
      {"sequential expectation", expectation_sequential_claim},
      {"threshold over each instance", threshold_each_claim}};
  return k;
}

}  // namespace

TEST_CASE("calibration: boundary claims are rarely called violated (small)",
          "[quick][calibration]") {
  for (const auto& [name, make] : kinds()) check_calibrated(name, make, 150);
}

TEST_CASE("calibration: boundary claims are rarely called violated (large)",
          "[full][calibration]") {
  for (const auto& [name, make] : kinds()) check_calibrated(name, make, 2000);
}

TEST_CASE("power: controls at a stated distance are caught", "[quick][calibration]") {
  // Distances: failure probability 0.1 -> 0.2; mean 0.3 -> 0.45; the median ratio 1 -> 1.5 (metric
  // shifted by 0.25 against the curve 0.5); win probability 1/2 -> 0.2; exponent 1 -> 1.3; success
  // rate 0.8 -> 0.5. Each must be caught in at least 95% of runs.
  check_power("probability", probability_claim, 0.1, 60, 0.95);
  check_power("expectation", expectation_claim, 0.15, 60, 0.95);
  check_power("bound-curve", bound_curve_claim, 0.25, 60, 0.95);
  check_power("comparison", comparison_claim, 0.3, 60, 0.95);
  check_power("scaling", scaling_claim, 0.3, 60, 0.95);
  check_power("threshold", threshold_claim, 0.3, 60, 0.95);
  check_power("probability over each instance", probability_each_claim, 0.15, 60, 0.95);
  check_power("sequential expectation", expectation_sequential_claim, 0.15, 60, 0.95);
  check_power("threshold over each instance", threshold_each_claim, 0.3, 60, 0.95);
}

TEST_CASE("suite alpha: the total is the sum of the claims' levels", "[quick][calibration]") {
  SuiteResult s;
  TheoremResult a, b;
  ClaimResult c1, c2, c3;
  c1.alpha = 0.01;
  c2.alpha = 0.02;
  c3.alpha = 0;  // deterministic kinds contribute nothing
  a.claims = {c1, c2};
  b.claims = {c3};
  s.theorems = {a, b};
  CHECK(s.total_alpha() == Catch::Detail::Approx(0.03));
}
