// Nesterov's accelerated gradient on strongly convex quadratics: rate 1 - 1/sqrt(kappa).
// The worked example of docs/adding-a-theorem.md: a lemma, the main bound resting on it, the
// asymptotic rate, and a falsified control.
#include <Eigen/Eigenvalues>
#include <cmath>

#include "common.hpp"
#include "thmcheck/harness/kinds/inequality.hpp"
#include "thmcheck/harness/registry.hpp"
#include "thmcheck/harness/theorem.hpp"
#include "thmcheck/methods/nesterov.hpp"
#include "thmcheck/problems/gaussian.hpp"

namespace thmcheck::theorems {
namespace {

// The method's parameters and its rate, from the instance's spectrum.
struct Setup {
  double mu, L, beta, rate;  // rate = 1 - 1/sqrt(kappa)
};

Setup setup(const LeastSquares& p) {
  const double mu = p.lambda_min(), L = p.lambda_max();
  return {mu, L, (std::sqrt(L) - std::sqrt(mu)) / (std::sqrt(L) + std::sqrt(mu)),
          1 - std::sqrt(mu / L)};
}

// Errors ||e_k|| / ||e_0||, k = 0..K, on the homogeneous instance (b = 0, x* = 0): the method is
// translation-equivariant, and there relative accuracy lasts down to 1e-250, so tails are long.
std::vector<double> errors(const Trial& t, int K) {
  LeastSquares p = *spectrum_instance(t);
  p.b.setZero();
  p.x_star.setZero();
  const auto s = setup(p);
  Eigen::VectorXd e0 = start_direction(t, p.cols());
  NesterovAcceleratedGradient nag(p, 1 / s.L, s.beta, e0);
  std::vector<double> e;
  run(nag, K,
      [&](int, const Eigen::VectorXd& x) { e.push_back(x.stableNorm() / e0.stableNorm()); });
  return e;
}

// Tail rate (||e_K|| / ||e_{K/2}||)^{2/K}, with K capped so that rate^K stays above 1e-250.
Inequality tail_rate_at_most(const Trial& t, double factor) {
  auto p = spectrum_instance(t);
  const double rate = setup(*p).rate;
  const int K = std::max(4, int(std::min<double>(t.params["tail_iterations"],
                                                 250 * std::log(10.0) / -std::log(rate))));
  const auto e = errors(t, K);
  const double measured =
      std::pow(e[std::size_t(K)] / e[std::size_t(K / 2)], 1.0 / double(K - K / 2));
  return {measured, factor * (1 + t.params["tau"]) * rate, fmt::format("K={}", K)};
}

Theorem make() {
  Theorem t;
  t.id = "nesterov-quadratic-rate";
  t.title = "Nesterov's accelerated gradient converges at 1 - 1/sqrt(kappa) on quadratics";
  t.source = {"Yu. Nesterov", "Introductory Lectures on Convex Optimization", "Kluwer",
              2004,           "Theorem 2.2.3 with scheme (2.2.22)",           ""};
  t.statement =
      "For $f(x) = \\frac12\\|Ax - b\\|^2$ with $\\mu I \\preceq A^\\top A \\preceq L I$, $\\kappa "
      "= L/\\mu$, the scheme "
      "$x_{k+1} = y_k - \\frac1L\\nabla f(y_k)$, $y_{k+1} = x_{k+1} + \\beta(x_{k+1} - x_k)$, "
      "$\\beta = \\frac{\\sqrt L - \\sqrt\\mu}{\\sqrt L + \\sqrt\\mu}$, $y_0 = x_0$, satisfies "
      "$f(x_k) - f^* \\le (1 - 1/\\sqrt\\kappa)^k \\big(f(x_0) - f^* + \\frac\\mu2\\|x_0 - "
      "x^*\\|^2\\big)$.";
  spectrum_variables(t.hypotheses,
                     {.d = {2, 30, 200}, .kappa = {2, 1e3, 1e5}, .n_over_d = {1, 3, 10}});
  t.parameters
      .add_integer("iterations", 300, "iterations compared by the function-value bound", 1, 100000)
      .add_integer("tail_iterations", 2000, "longest run for the tail-rate estimate", 8, 1000000)
      .add("tau", 0.01, "slack of the tail-rate estimate (a double root overshoots by 2^{2/K})", 0,
           1)
      .add("rel_tol", 1e-9, "relative round-off allowance of each inequality", 0, 1)
      .add("faster_factor", 0.9, "control: the rate claimed this many times the truth", 0, 1);
  t.quick_budget_seconds = 5;

  // Lemma: on each eigenvector the error follows a 2x2 recursion whose spectral radius is at most
  // 1 - 1/sqrt(kappa), with a double root exactly there at lambda = mu.
  t.add(inequality(
      {.id = "block-spectral-radius",
       .statement =
           "every $2\\times2$ block $[[(1+\\beta)(1-\\lambda/L), -\\beta(1-\\lambda/L)], [1, 0]]$ "
           "has spectral radius at most $1 - 1/\\sqrt\\kappa$"},
      {.instances = {20, 200}, .rel_tol = 1e-7, .measure = [](const Trial& t) {
         auto p = spectrum_instance(t);
         const auto s = setup(*p);
         std::vector<Inequality> out;
         for (Eigen::Index i = 0; i < p->eigenvalues.size(); ++i) {
           const double a = 1 - p->eigenvalues(i) / s.L;
           Eigen::Matrix2d B;
           B << (1 + s.beta) * a, -s.beta * a, 1, 0;
           // A double root is computed to about sqrt(eps): hence rel_tol 1e-7 here.
           const double radius = B.eigenvalues().cwiseAbs().maxCoeff();
           out.push_back({radius, s.rate, fmt::format("lambda_{}", i)});
         }
         return out;
       }}));
  t.add(inequality(
      {.id = "function-value-bound",
       .statement = "$f(x_k) - f^* \\le (1 - 1/\\sqrt\\kappa)^k (f(x_0) - f^* + \\frac\\mu2\\|x_0 "
                    "- x^*\\|^2)$, $k \\le K$",
       .rests_on = {"block-spectral-radius"}},
      {.instances = {20, 200},
       .rel_tol = "rel_tol",
       .inputs = {start_input()},
       .measure = [](const Trial& t) {
         LeastSquares p = *spectrum_instance(t);
         p.b.setZero();
         p.x_star.setZero();  // f(x) - f* = 1/2 ||A e||^2 on the homogeneous instance
         const auto s = setup(p);
         Eigen::VectorXd x0 = start_direction(t, p.cols());
         const double c0 = 0.5 * (p.A * x0).squaredNorm() + 0.5 * s.mu * x0.squaredNorm();
         NesterovAcceleratedGradient nag(p, 1 / s.L, s.beta, x0);
         std::vector<Inequality> out;
         run(nag, int(t.params["iterations"]), [&](int k, const Eigen::VectorXd& x) {
           const double bound = std::pow(s.rate, k) * c0;
           if (bound > 1e-250)
             out.push_back({0.5 * (p.A * x).squaredNorm(), bound, fmt::format("k={}", k)});
         });
         return out;
       }}));
  t.add(inequality(
      {.id = "tail-rate",
       .statement = "$(\\|e_K\\|/\\|e_{K/2}\\|)^{2/K} \\le (1+\\tau)(1 - 1/\\sqrt\\kappa)$ from a "
                    "random start "
                    "(a two-point estimate, which a start along one oscillating mode can fool)",
       .rests_on = {"block-spectral-radius"}},
      {.instances = {20, 200}, .rel_tol = "rel_tol", .measure = [](const Trial& t) {
         return std::vector<Inequality>{tail_rate_at_most(t, 1.0)};
       }}));
  t.add(inequality(
      {.id = "control-faster-rate",
       .statement =
           "control: $(\\|e_K\\|/\\|e_{K/2}\\|)^{2/K} \\le 0.9(1+\\tau)(1 - 1/\\sqrt\\kappa)$",
       .control = true,
       .reason = "a rate 10% faster than 1 - 1/sqrt(kappa), which the double root at lambda = mu "
                 "attains"},
      {.instances = {20, 200}, .rel_tol = "rel_tol", .measure = [](const Trial& t) {
         return std::vector<Inequality>{tail_rate_at_most(t, t.params["faster_factor"])};
       }}));
  return t;
}

}  // namespace
THMCHECK_REGISTER_THEOREM(make);
}  // namespace thmcheck::theorems
