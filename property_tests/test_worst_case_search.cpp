// Worst case by search: the optimizer on a known maximum, the exact oracle of heavy ball's 2x2
// blocks against dense powers, the search reaching the oracle's supremum on the seed's central
// bounds, the "constant too strong" controls caught by the search and missed by sampling alone, and
// the replay of a counterexample the search found (its start travels in the token).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <numbers>
#include <string>

#include "thmcheck/harness/runner.hpp"
#include "thmcheck/harness/worst_case_search.hpp"
#include "thmcheck/spectral/heavy_ball_parameters.hpp"
#include "thmcheck/spectral/momentum_worst_case.hpp"

using namespace thmcheck;

namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();

const ClaimResult& find_claim(const SuiteResult& r, const std::string& id) {
  for (const auto& t : r.theorems)
    for (const auto& c : t.claims)
      if (c.id == id) return c;
  FAIL("no claim " << id);
  throw;
}

SuiteResult run(const std::string& theorem, const std::vector<std::string>& claims,
                std::uint64_t seed, bool search) {
  RunOptions o;
  o.tier = Tier::quick;
  o.seed = seed;
  o.only_claims = claims;
  o.search = search;
  return run_suite({theorem}, o);
}

// The supremum over a kappa range of an oracle at kappa. The claims compare k up to a horizon that
// is an integer function of kappa, so the oracle is a sawtooth in kappa whose peaks sit just after
// the horizon steps up: scan a log grid, find each step by bisection, and evaluate on both sides of
// it.
double over_kappa(double lo, double hi, const std::function<double(double)>& at,
                  const std::function<int(double)>& horizon) {
  const int n = 200;
  double best = 0;
  double prev = lo;
  for (int i = 0; i <= n; ++i) {
    const double kappa = lo * std::pow(hi / lo, double(i) / n);
    best = std::max(best, at(kappa));
    if (i > 0 && horizon(kappa) != horizon(prev)) {
      double a = prev, b = kappa;  // horizon(a) != horizon(b)
      for (int j = 0; j < 60; ++j) {
        const double m = 0.5 * (a + b);
        (horizon(m) == horizon(a) ? a : b) = m;
      }
      best = std::max({best, at(a), at(b)});
    }
    prev = kappa;
  }
  // Between steps the oracle is smooth in kappa: refine around the best grid point on a finer grid.
  double best_kappa = lo;
  for (int i = 0; i <= n; ++i) {
    const double kappa = lo * std::pow(hi / lo, double(i) / n);
    if (at(kappa) >= best * (1 - 1e-12)) best_kappa = kappa;
  }
  const double step = std::pow(hi / lo, 1.0 / n);
  for (int i = 0; i <= 400; ++i)
    best = std::max(best,
                    at(std::clamp(best_kappa / step * std::pow(step * step, i / 400.0), lo, hi)));
  return best;
}

HeavyBallParameters two_point(double kappa, double c) {
  return heavy_ball_parameters(Eigen::Vector2d(1, kappa), c);
}

// The exact worst case of heavy-ball-quadratic-rate/widened-bound at kappa: k = 0..300 while the
// bound stays above 1e-250 (as the claim compares), c = 1000.
int widened_horizon(double kappa) {
  const auto p = two_point(kappa, 1000);
  return std::min(300, int(std::floor(std::log(1e-250 / (std::sqrt(2.0) * p.kappa_C)) /
                                      std::log(p.sqrt_beta))));
}

double widened_oracle(double kappa) {
  const auto p = two_point(kappa, 1000);
  const int k_last = widened_horizon(kappa);
  return heavy_ball_worst_case(
             p, BlockQuantity::error, 0, k_last, [&](int) { return std::sqrt(2.0) * p.kappa_C; },
             400)
      .ratio;
}

// The horizon of minibatch-hbm-acceleration's deterministic claims at kappa (floor 1e-12, cap 400).
int hbm_horizon(const HeavyBallParameters& p) {
  return std::max(4, std::min(400, int(std::ceil(iterations_to_eps(p, 1e-12)))));
}

int hbm_horizon_at(double kappa) { return hbm_horizon(two_point(kappa, 1000)); }

// hbm-deterministic-bound: k = 0..horizon, denominators sqrt(2) kappa_C beta^{k/2} + 100 eps kappa.
double deterministic_oracle(double kappa) {
  const auto p = two_point(kappa, 1000);
  return heavy_ball_worst_case(
             p, BlockQuantity::error, 0, hbm_horizon(p),
             [&](int k) {
               return std::sqrt(2.0) * p.kappa_C + 100 * kEps * kappa / std::pow(p.sqrt_beta, k);
             },
             400)
      .ratio;
}

// power-bound: ||T^k|| / (kappa_C beta^{k/2}), k = 1..horizon.
double power_oracle(double kappa) {
  const auto p = two_point(kappa, 1000);
  return heavy_ball_worst_case(
             p, BlockQuantity::power_norm, 1, hbm_horizon(p), [&](int) { return p.kappa_C; }, 400)
      .ratio;
}

}  // namespace

TEST_CASE("the search's optimizer climbs to a known maximum inside its box and stops when told",
          "[quick][search]") {
  const std::vector<double> c = {0.3, 0.9, 0.1, 0.5, 0.7};
  auto f = [&](const std::vector<double>& x) {
    double s = 0;
    for (std::size_t i = 0; i < x.size(); ++i) s -= (x[i] - c[i]) * (x[i] - c[i]);
    return s;
  };
  SearchBox box{std::vector<double>(5, 0.0), std::vector<double>(5, 1.0)};
  auto out = maximize_in_box(f, std::vector<double>(5, 0.0), box, 2000);
  CHECK(out.value > -1e-8);
  CHECK(out.evaluations <= 2000);
  CHECK_FALSE(out.stopped);
  // A maximum outside the box: the search ends on the box's face.
  auto outside = maximize_in_box([](const std::vector<double>& x) { return x[0]; }, {0.2},
                                 SearchBox{{0.0}, {1.0}}, 200);
  CHECK(outside.value == Approx(1.0).margin(1e-9));
  // stop() ends it at once; an objective that throws counts as -infinity there.
  auto stopped =
      maximize_in_box(f, std::vector<double>(5, 0.0), box, 2000, [](double v) { return v > -0.5; });
  CHECK(stopped.stopped);
  CHECK(stopped.value > -0.5);
  CHECK(stopped.evaluations < 200);
  auto thrown = maximize_in_box(
      [&](const std::vector<double>& x) {
        if (x[0] > 0.5) throw std::runtime_error("outside what the measure can build");
        return f(x);
      },
      std::vector<double>(5, 0.0), box, 500);
  CHECK(thrown.x[0] <= 0.5);
  // Deterministic: the same start gives the same search.
  auto again = maximize_in_box(f, std::vector<double>(5, 0.0), box, 2000);
  CHECK(again.x == out.x);
  CHECK(again.evaluations == out.evaluations);
}

TEST_CASE(
    "the exact worst case of heavy ball's blocks agrees with dense powers and bounds every lambda",
    "[quick][search]") {
  for (double kappa : {10.0, 100.0, 1000.0})
    for (double c : {10.0, 1000.0}) {
      const auto p = two_point(kappa, c);
      const int K = 200;
      auto scaled = [&](int) { return p.kappa_C; };
      const auto w = heavy_ball_worst_case(p, BlockQuantity::power_norm, 1, K, scaled);
      // At its (lambda, k) the dense power T(lambda)^k, unscaled, gives the same ratio.
      Eigen::Matrix2d P = Eigen::Matrix2d::Identity();
      for (int k = 0; k < w.k; ++k) P = momentum_block(p, w.lambda) * P;
      const double dense = Eigen::JacobiSVD<Eigen::Matrix2d>(P).singularValues()(0) /
                           (p.kappa_C * std::pow(p.beta, w.k / 2.0));
      CHECK(dense == Approx(w.ratio).epsilon(1e-9));
      // The lemma ||T^k|| <= kappa_C beta^{k/2} bounds it.
      CHECK(w.ratio <= 1 + 1e-9);
      // No lambda of a fine uniform grid does better than the oracle (which scans a Chebyshev-like
      // grid).
      for (int i = 0; i <= 100; ++i) {
        const double lambda = 1 + (kappa - 1) * i / 100.0;
        CHECK(heavy_ball_worst_case(two_point(kappa, c), BlockQuantity::power_norm, 1, K, scaled, 2)
                  .ratio <= w.ratio * (1 + 1e-12));
        Eigen::Vector2d v(1, 1);
        double r = 0;
        for (int k = 1; k <= K; ++k) {
          v = momentum_block(p, lambda) * v / p.sqrt_beta;
          r = std::max(r, std::abs(v(0)) / (std::sqrt(2.0) * p.kappa_C));
        }
        CHECK(r <= heavy_ball_worst_case(
                       p, BlockQuantity::error, 1, K,
                       [&](int) {
                         return std::sqrt(2.0) * p.kappa_C;
                       }).ratio *
                       (1 + 1e-12));
      }
    }
}

TEST_CASE(
    "the searched sharpness of the central heavy-ball bounds is within 5% of the exact supremum",
    "[quick][search]") {
  // The supremum over the tier's kappa range, every start and every spectrum in [lambda_min,
  // lambda_max]: it bounds what any instance of the class can show, so the search must not exceed
  // it, and reaching 95% of it is reaching 95% of the worst case of every instance drawn.
  struct Case {
    std::string theorem, claim;
    double kappa_lo, kappa_hi;
    double (*oracle)(double);
    int (*horizon)(double);
  };
  const std::vector<Case> cases = {
      {"heavy-ball-quadratic-rate", "widened-bound", 2, 1e3, widened_oracle, widened_horizon},
      {"minibatch-hbm-acceleration", "hbm-deterministic-bound", 5, 20, deterministic_oracle,
       hbm_horizon_at},
      {"minibatch-hbm-acceleration", "power-bound", 5, 20, power_oracle, hbm_horizon_at}};
  for (const auto& c : cases) {
    const double sup = over_kappa(c.kappa_lo, c.kappa_hi, c.oracle, c.horizon);
    for (std::uint64_t seed : {20240607ull, 918273645ull}) {
      const auto r = run(c.theorem, {c.claim}, seed, true);
      const auto& claim = find_claim(r, c.claim);
      INFO(c.claim << " seed " << seed << ": sampled "
                   << claim.details.at("sampled_sharpness").get<double>() << ", searched "
                   << claim.details.at("searched_sharpness").get<double>() << ", exact supremum "
                   << sup);
      CHECK(claim.verdict == Verdict::holds);
      const double searched = claim.details.at("searched_sharpness").get<double>();
      CHECK(searched >= 0.95 * sup);
      CHECK(searched <= sup * (1 + 1e-6));
      CHECK(claim.estimate ==
            std::max(searched, claim.details.at("sampled_sharpness").get<double>()));
    }
  }
}

TEST_CASE("constants too strong are caught by the search and missed by sampling alone",
          "[quick][search]") {
  // Sampling alone catches the heavy-ball ones in a few seeds (3 and 4 of 30 fresh ones; the worst
  // case needs a start near one eigenvector at a kappa near the worst): at the default seed it
  // misses all three.
  const std::vector<std::pair<std::string, std::string>> controls = {
      {"heavy-ball-quadratic-rate", "control-widened-constant-too-strong"},
      {"heavy-ball-quadratic-rate", "control-jordan-constant-too-strong"},
      {"minibatch-hbm-acceleration", "control-deterministic-constant-too-strong"}};
  for (const auto& [theorem, id] : controls) {
    const auto searched = run(theorem, {id}, 20240607, true);
    const auto sampled = run(theorem, {id}, 20240607, false);
    const auto& with = find_claim(searched, id);
    const auto& without = find_claim(sampled, id);
    INFO(id << ": sampled sharpness " << without.estimate);
    CHECK(with.verdict == Verdict::violated);
    CHECK(with.details.at("counterexample").at("found_by") == "search");
    CHECK(without.verdict ==
          Verdict::holds);  // sampling alone misses it: the reason the search exists
    CHECK(without.details.at("search").at("skipped").get<std::string>().find("--no-search") !=
          std::string::npos);
  }
}

TEST_CASE("a counterexample found by the search replays from its token, start included",
          "[quick][search]") {
  const std::string json = std::string(THMCHECK_BINARY) + ".search-test.json";
  const std::string cmd = std::string(THMCHECK_BINARY) +
                          " verify minibatch-hbm-acceleration --claim "
                          "control-deterministic-constant-too-strong --quiet --json " +
                          json + " > /dev/null 2>&1";
  REQUIRE(std::system(cmd.c_str()) != -1);
  std::ifstream in(json);
  REQUIRE(in.good());
  auto results = nlohmann::json::parse(in);
  std::remove(json.c_str());
  const auto& claim = results.at("theorems").at(0).at("claims").at(0);
  REQUIRE(claim.at("verdict") == "violated");
  const auto& ce = claim.at("details").at("counterexample");
  const std::string out_file = std::string(THMCHECK_BINARY) + ".search-replay.txt";
  const std::string replay = std::string(THMCHECK_BINARY) + " replay " +
                             claim.at("details").at("replay").get<std::string>() + " > " +
                             out_file + " 2>/dev/null";
  REQUIRE(std::system(replay.c_str()) != -1);
  std::ifstream r(out_file);
  std::string text((std::istreambuf_iterator<char>(r)), std::istreambuf_iterator<char>());
  std::remove(out_file.c_str());
  auto ev = nlohmann::json::parse(text.substr(text.find('{')));
  CHECK(ev.at("violates").get<bool>());
  CHECK(ev.at("lhs").get<double>() == ce.at("lhs").get<double>());
  CHECK(ev.at("rhs").get<double>() == ce.at("rhs").get<double>());
  CHECK(ev.at("inputs").size() == 1);
  CHECK(ev.at("pin").get<std::string>().find(".inputs = {{") != std::string::npos);
}
