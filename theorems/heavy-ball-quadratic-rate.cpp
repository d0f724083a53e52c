// Polyak's heavy ball on strongly convex quadratics: the accelerated asymptotic rate
// (sqrt(kappa) - 1)/(sqrt(kappa) + 1), the linear-in-k transient of its Jordan blocks, and, with
// the widened parameters of docs/theory/minibatch-hbm.md, the nonasymptotic bound sqrt(2) kappa_C
// beta^{k/2}.
//
// Heavy ball is translation-equivariant: e_k = x_k - x* obeys e_{k+1} = e_k - alpha H e_k + beta
// (e_k - e_{k-1}) whatever b is. The claims therefore run the homogeneous instance (b = 0, x* = 0),
// where floating point keeps relative accuracy down to 1e-250 instead of stalling at eps ||x*||:
// long tails, and rates read off them, without a round-off floor.
#include <cmath>
#include <limits>

#include "common.hpp"
#include "thmcheck/harness/kinds/inequality.hpp"
#include "thmcheck/harness/registry.hpp"
#include "thmcheck/harness/theorem.hpp"
#include "thmcheck/methods/heavy_ball.hpp"
#include "thmcheck/problems/gaussian.hpp"
#include "thmcheck/spectral/heavy_ball_parameters.hpp"

namespace thmcheck::theorems {
namespace {

// ||e_k|| / ||e_0|| for k = 0..K on the homogeneous instance, from a Gaussian e_0.
std::vector<double> hbm_errors(const Trial& t, const HeavyBallParameters& hp, int K) {
  LeastSquares p = *spectrum_instance(t);
  p.b.setZero();
  p.x_star.setZero();
  Eigen::VectorXd e0 = start_in_eigenbasis(t, p.eigenvectors);
  HeavyBall hb(p, hp.alpha, hp.beta, e0);
  std::vector<double> e(std::size_t(K) + 1);
  const double n0 = e0.stableNorm();
  run(hb, K, [&](int k, const Eigen::VectorXd& x) { e[std::size_t(k)] = x.stableNorm() / n0; });
  return e;
}

// Polyak's parameters (no widening): alpha = 4/(sqrt(L) + sqrt(mu))^2, beta = rho^2.
HeavyBallParameters polyak(const Trial& t) {
  return heavy_ball_parameters(spectrum_instance(t)->eigenvalues,
                               std::numeric_limits<double>::infinity());
}

// The horizon of the tail-rate estimate: as long as asked, but stop while rho^K is above 1e-250.
int tail_horizon(const Trial& t, double rho) {
  const double cap = 250 * std::log(10.0) / -std::log(rho);
  return std::max(4, int(std::min<double>(t.params["tail_iterations"], std::floor(cap))));
}

// (||e_K|| / ||e_{K/2}||)^{2/K}: the rate over the second half of a long run. For a Jordan block it
// overshoots rho by 2^{2/K} (the linear factor k): 1.004 at K = 350.
double tail_rate(const std::vector<double>& e) {
  const std::size_t K = e.size() - 1, H = K / 2;
  return std::pow(e[K] / e[H], 1.0 / double(K - H));
}

std::vector<Inequality> rate_at_most(const Trial& t, double factor) {
  const auto hp = polyak(t);
  const double rho = hp.sqrt_beta;
  const auto e = hbm_errors(t, hp, tail_horizon(t, rho));
  return {{tail_rate(e), factor * rho * (1 + t.params["tau"]), fmt::format("K={}", e.size() - 1)}};
}

// ||x_k - x*|| <= C sqrt(2) rho^k (k sqrt(1 + 4 beta + beta^2)/rho + k - 1) ||x_0 - x*||, k = 1..K,
// Polyak's parameters, from the declared start (C = 1: the bound; C < 1: a control with the
// constant too strong).
std::vector<Inequality> jordan_bound(const Trial& t, double C) {
  const auto hp = polyak(t);
  const double rho = hp.sqrt_beta, growth = std::sqrt(1 + 4 * hp.beta + hp.beta * hp.beta) / rho;
  const auto e = hbm_errors(t, hp, int(t.params["iterations"]));
  std::vector<Inequality> out;
  for (std::size_t k = 1; k < e.size(); ++k) {
    const double bound =
        std::sqrt(2.0) * std::pow(rho, double(k)) * (double(k) * growth + double(k) - 1);
    if (bound < 1e-250) break;
    out.push_back({e[k], C * bound, fmt::format("k={}", k)});
  }
  return out;
}

// ||x_k - x*|| <= C sqrt(2) kappa_C beta^{k/2} ||x_0 - x*||, k = 0..K, widened parameters.
std::vector<Inequality> widened_bound(const Trial& t, double C) {
  const auto hp = heavy_ball_parameters(spectrum_instance(t)->eigenvalues, t.params["c"]);
  const auto e = hbm_errors(t, hp, int(t.params["iterations"]));
  std::vector<Inequality> out;
  for (std::size_t k = 0; k < e.size(); ++k) {
    const double bound = std::sqrt(2.0) * hp.kappa_C * std::pow(hp.sqrt_beta, double(k));
    if (bound < 1e-250) break;
    out.push_back({e[k], C * bound, fmt::format("k={}", k)});
  }
  return out;
}

Theorem make() {
  Theorem t;
  t.id = "heavy-ball-quadratic-rate";
  t.title = "Heavy ball attains the accelerated rate (sqrt(kappa)-1)/(sqrt(kappa)+1) on quadratics";
  t.source = {"B. T. Polyak",
              "Some methods of speeding up the convergence of iteration methods",
              "USSR Computational Mathematics and Mathematical Physics 4(5)",
              1964,
              "Theorem 9 (heavy ball)",
              ""};
  t.statement =
      "For $f(x) = \\frac12\\|Ax-b\\|^2$, $H = A^\\top A$ with eigenvalues in $[\\mu, L]$, "
      "$\\kappa = L/\\mu$, heavy "
      "ball $x_{k+1} = x_k - \\alpha\\nabla f(x_k) + \\beta(x_k - x_{k-1})$ with $\\alpha = "
      "4/(\\sqrt L + \\sqrt\\mu)^2$, "
      "$\\beta = \\rho^2$, $\\rho = (\\sqrt\\kappa - 1)/(\\sqrt\\kappa + 1)$ has $\\lim_k \\|x_k - "
      "x^*\\|^{1/k} \\le \\rho$. "
      "Every $2\\times2$ block of the momentum matrix has both eigenvalues of modulus $\\rho$, so "
      "(Cayley-Hamilton) "
      "$\\|x_k - x^*\\| \\le \\sqrt2\\,\\rho^k\\,(k\\sqrt{1+4\\beta+\\beta^2}/\\rho + k - "
      "1)\\,\\|x_0 - x^*\\|$. With the "
      "spectrum widened by $\\gamma = \\mu/c$ (docs/theory/minibatch-hbm.md) the blocks are "
      "diagonalizable and "
      "$\\|x_k - x^*\\| \\le \\sqrt2\\,\\kappa_C\\,\\beta^{k/2}\\,\\|x_0 - x^*\\|$.";
  t.quick_budget_seconds = 5;
  spectrum_variables(t.hypotheses,
                     {.d = {2, 30, 200}, .kappa = {2, 1e3, 1e5}, .n_over_d = {1, 3, 10}});
  t.parameters.add_integer("iterations", 300, "iterations compared by the bound claims", 1, 100000)
      .add_integer("tail_iterations", 2000, "longest run for the tail-rate estimate", 8, 1000000)
      .add("tau", 0.01, "slack of the tail-rate estimate over rho (it overshoots by 2^{2/K})", 0, 1)
      .add("c", 1000, "widening factor of the spectrum for the nonasymptotic bound", 1.0001, 1e12)
      .add("rel_tol", 1e-8, "relative round-off allowance of each inequality", 0, 1)
      .add("faster_factor", 0.9, "control: the rate claimed this many times the truth", 0, 1)
      // Chosen after seeing data (seeds 11-66 quick, 11-33 full, 20240607 full): the sampled
      // sharpness of widened-bound reached at most 0.513 and of jordan-bound 0.686, while the
      // search reached 0.63-0.646 and 0.83-0.864. A constant between them is false, and only the
      // search shows it. Re-checked under fresh seeds; see docs/verdicts.md.
      .add("widened_constant_factor", 0.6,
           "control: widened-bound with its constant sqrt(2) kappa_C times this", 0, 1)
      .add("jordan_constant_factor", 0.75, "control: jordan-bound with its constant times this", 0,
           1);

  t.add(inequality({.id = "jordan-bound",
                    .statement = "$\\|x_k - x^*\\| \\le \\sqrt2\\,\\rho^k "
                                 "(k\\sqrt{1+4\\beta+\\beta^2}/\\rho + k - 1)\\|x_0 - x^*\\|$, "
                                 "$1 \\le k \\le K$ (Polyak's parameters)"},
                   {.instances = {20, 200},
                    .rel_tol = "rel_tol",
                    .inputs = {start_input()},
                    .measure = [](const Trial& t) { return jordan_bound(t, 1.0); }}));
  // From a random start, not a declared one: the two-point estimate of the rate is fooled by a
  // start along one eigenvector whose oscillating error sits near a zero at K/2 (the worst-case
  // search found 1.02 rho so, at kappa = 2). The bound for every start is jordan-bound, which
  // implies the rate.
  t.add(inequality({.id = "asymptotic-rate",
                    .statement = "the tail rate $(\\|e_K\\|/\\|e_{K/2}\\|)^{2/K} \\le "
                                 "(1+\\tau)\\rho$ from a random start",
                    .rests_on = {"jordan-bound"}},
                   {.instances = {20, 200}, .rel_tol = "rel_tol", .measure = [](const Trial& t) {
                      return rate_at_most(t, 1.0);
                    }}));
  t.add(inequality(
      {.id = "rate-attained",
       .statement =
           "the tail rate from a random start is at least $(1-\\tau)\\rho$: acceleration is "
           "exactly $\\rho$, not better",
       .rests_on = {"asymptotic-rate"}},
      {.instances = {20, 200}, .rel_tol = "rel_tol", .measure = [](const Trial& t) {
         const auto hp = polyak(t);
         const double rho = hp.sqrt_beta;
         const auto e = hbm_errors(t, hp, tail_horizon(t, rho));
         return std::vector<Inequality>{
             {rho * (1 - t.params["tau"]), tail_rate(e), fmt::format("K={}", e.size() - 1)}};
       }}));
  t.add(inequality({.id = "widened-bound",
                    .statement = "with widened parameters, $\\|x_k - x^*\\| \\le "
                                 "\\sqrt2\\,\\kappa_C\\,\\beta^{k/2}\\|x_0 - x^*\\|$ for "
                                 "$k \\le K$"},
                   {.instances = {20, 200},
                    .rel_tol = "rel_tol",
                    .inputs = {start_input()},
                    .measure = [](const Trial& t) { return widened_bound(t, 1.0); }}));
  t.add(inequality({.id = "control-faster-rate",
                    .statement = "control: the tail rate is at most $0.9(1+\\tau)\\rho$",
                    .control = true,
                    .reason = "the rate is claimed 10% faster than rho, which heavy ball attains"},
                   {.instances = {20, 200}, .rel_tol = "rel_tol", .measure = [](const Trial& t) {
                      return rate_at_most(t, t.params["faster_factor"]);
                    }}));
  t.add(inequality({.id = "control-widened-faster",
                    .statement = "control: $\\|x_k - x^*\\| \\le \\sqrt2\\,\\kappa_C "
                                 "(0.9\\sqrt\\beta)^k \\|x_0 - x^*\\|$",
                    .control = true,
                    .reason = "the nonasymptotic bound with a rate 10% faster than sqrt(beta), the "
                              "modulus of every eigenvalue"},
                   {.instances = {20, 200},
                    .rel_tol = "rel_tol",
                    .inputs = {start_input()},
                    .measure = [](const Trial& t) {
                      const auto hp =
                          heavy_ball_parameters(spectrum_instance(t)->eigenvalues, t.params["c"]);
                      const auto e = hbm_errors(t, hp, int(t.params["iterations"]));
                      std::vector<Inequality> out;
                      const double r = t.params["faster_factor"] * hp.sqrt_beta;
                      for (std::size_t k = 0; k < e.size(); ++k) {
                        const double bound = std::sqrt(2.0) * hp.kappa_C * std::pow(r, double(k));
                        if (bound < 1e-250) break;
                        out.push_back({e[k], bound, fmt::format("k={}", k)});
                      }
                      return out;
                    }}));
  t.add(inequality(
      {.id = "control-widened-constant-too-strong",
       .statement = "control: $\\|x_k - x^*\\| \\le 0.6\\sqrt2\\,\\kappa_C\\,\\beta^{k/2}\\|x_0 - "
                    "x^*\\|$ (widened_constant_factor)",
       .control = true,
       .reason = "widened-bound with its constant 0.6 times as large: false (the worst start along "
                 "an end eigenvector "
                 "reaches 0.65 of the bound near kappa = 160), but random starts reach only about "
                 "0.5: only the "
                 "worst-case search catches it"},
      {.instances = {20, 200},
       .rel_tol = "rel_tol",
       .inputs = {start_input()},
       .measure = [](const Trial& t) {
         return widened_bound(t, t.params["widened_constant_factor"]);
       }}));
  t.add(inequality(
      {.id = "control-jordan-constant-too-strong",
       .statement = "control: jordan-bound with its constant times 0.75 (jordan_constant_factor)",
       .control = true,
       .reason = "the worst start reaches 0.86 of jordan-bound at kappa near its largest value, "
                 "random starts about "
                 "0.6: only the worst-case search catches a constant 0.75 times as large"},
      {.instances = {20, 200},
       .rel_tol = "rel_tol",
       .inputs = {start_input()},
       .measure = [](const Trial& t) {
         return jordan_bound(t, t.params["jordan_constant_factor"]);
       }}));
  return t;
}

}  // namespace
THMCHECK_REGISTER_THEOREM(make);
}  // namespace thmcheck::theorems
