// Gradient descent on a strongly convex quadratic, with the step 2/(L + mu): the classical rate
// (kappa - 1)/(kappa + 1), attained when the error lies in the span of the extreme eigenvectors.
// A settled theorem: the harness must confirm it and catch its falsified variants.
#include <cmath>
#include <limits>

#include "common.hpp"
#include "thmcheck/harness/kinds/inequality.hpp"
#include "thmcheck/harness/registry.hpp"
#include "thmcheck/harness/theorem.hpp"
#include "thmcheck/methods/gradient_descent.hpp"
#include "thmcheck/problems/gaussian.hpp"

namespace thmcheck::theorems {
namespace {

// ||x_k - x*|| against factor * rho^k ||x_0 - x*|| for k = 1..K, from the start x0.
std::vector<Inequality> gd_errors_against(const Trial& t, const Eigen::VectorXd& x0,
                                          double rate_factor, bool attained) {
  auto p = spectrum_instance(t);
  const double mu = p->lambda_min(), L = p->lambda_max(), kappa = L / mu;
  const double rho = (kappa - 1) / (kappa + 1) * rate_factor;  // the rate under test
  const int K = int(t.params["iterations"]);
  GradientDescent gd(*p, 2 / (L + mu), x0);
  const double e0 = (x0 - p->x_star).norm();
  // The computed fixed point of GD sits about eps kappa ||x*|| from x*: that much of ||e_k|| is
  // round-off, allowed for in both directions.
  const double allowance = t.params["roundoff"] * std::numeric_limits<double>::epsilon() * kappa *
                           (p->x_star.norm() + x0.norm());
  std::vector<Inequality> out;
  run(gd, K, [&](int k, const Eigen::VectorXd& x) {
    if (k == 0) return;
    const double ek = (x - p->x_star).norm(), bound = std::pow(rho, k) * e0;
    if (attained)  // rho^k ||e_0|| <= ||e_k||: the rate is attained
      out.push_back({bound, ek, fmt::format("k={}", k), allowance});
    else
      out.push_back({ek, bound, fmt::format("k={}", k), allowance});
  });
  return out;
}

Eigen::VectorXd random_start(const Trial& t, const LeastSquares& p) {
  return p.x_star + start_direction(t, p.cols());
}

// x_0 - x* = v_min + v_max: both extreme modes contract by exactly (kappa-1)/(kappa+1) per step.
Eigen::VectorXd extreme_start(const LeastSquares& p) {
  const Eigen::Index d = p.cols();
  return p.x_star + p.eigenvectors.col(0) + p.eigenvectors.col(d - 1);
}

Theorem make() {
  Theorem t;
  t.id = "gd-quadratic-rate";
  t.title = "Gradient descent contracts at (kappa-1)/(kappa+1) on quadratics";
  t.source = {"B. T. Polyak",
              "Introduction to Optimization",
              "Optimization Software",
              1987,
              "Chapter 1, Theorem 3 (gradient method on quadratics)",
              ""};
  t.statement =
      "For $f(x) = \\frac12\\|Ax - b\\|^2$ with $H = A^\\top A$, $\\mu = \\lambda_{\\min}(H)$, $L "
      "= \\lambda_{\\max}(H)$, "
      "$\\kappa = L/\\mu$, gradient descent with $\\alpha = 2/(L + \\mu)$ satisfies "
      "$\\|x_k - x^*\\| \\le \\left(\\frac{\\kappa - 1}{\\kappa + 1}\\right)^k \\|x_0 - x^*\\|$, "
      "with equality when "
      "$x_0 - x^*$ lies in the span of the eigenvectors of $\\mu$ and $L$.";
  t.quick_budget_seconds = 5;
  spectrum_variables(t.hypotheses,
                     {.d = {2, 30, 200}, .kappa = {2, 1e3, 1e5}, .n_over_d = {1, 3, 10}});
  t.parameters.add_integer("iterations", 200, "iterations compared per run", 1, 100000)
      .add("roundoff", 100,
           "round-off allowance of ||e_k||, in units of eps kappa (||x*|| + ||x_0||)", 0, 1e6)
      .add("rel_tol", 1e-9, "relative round-off allowance of each inequality", 0, 1)
      .add("faster_factor", 0.9, "control: the rate claimed this many times the truth", 0, 1);

  t.add(inequality(
      {.id = "contraction",
       .statement =
           "$\\|x_k - x^*\\| \\le ((\\kappa-1)/(\\kappa+1))^k \\|x_0 - x^*\\|$ for $k \\le K$, "
           "random $x_0$"},
      {.instances = {20, 200},
       .rel_tol = "rel_tol",
       .inputs = {start_input()},
       .measure = [](const Trial& t) {
         auto p = spectrum_instance(t);
         return gd_errors_against(t, random_start(t, *p), 1.0, false);
       }}));
  t.add(inequality(
      {.id = "rate-attained",
       .statement =
           "$((\\kappa-1)/(\\kappa+1))^k \\|x_0 - x^*\\| \\le \\|x_k - x^*\\|$ when $x_0 - x^* = "
           "v_{\\min} + v_{\\max}$: the rate is exact",
       .rests_on = {"contraction"}},
      {.instances = {20, 200}, .rel_tol = "rel_tol", .measure = [](const Trial& t) {
         auto p = spectrum_instance(t);
         return gd_errors_against(t, extreme_start(*p), 1.0, true);
       }}));
  t.add(inequality(
      {.id = "control-faster-rate",
       .statement = "control: $\\|x_k - x^*\\| \\le (0.9 (\\kappa-1)/(\\kappa+1))^k \\|x_0 - "
                    "x^*\\|$, a rate "
                    "10% faster than the truth",
       .control = true,
       .reason = "the rate is claimed faster than (kappa-1)/(kappa+1), which is attained"},
      {.instances = {20, 200},
       .rel_tol = "rel_tol",
       .inputs = {start_input()},
       .measure = [](const Trial& t) {
         auto p = spectrum_instance(t);
         return gd_errors_against(t, random_start(t, *p), t.params["faster_factor"], false);
       }}));
  return t;
}

}  // namespace
THMCHECK_REGISTER_THEOREM(make);
}  // namespace thmcheck::theorems
