// gd-convex-sublinear-rate: gradient descent with the step 1/L on an L-smooth convex function
// reaches f(x_k) - f* <= L ||x_0 - x*||^2 / (2k), checked on convex quadratics whose Hessians are
// ill-conditioned or singular, where no linear rate holds uniformly.
// A theorem pack's file: it includes only thmcheck's installed public headers (and Eigen/Boost,
// which they use).
#include <fmt/format.h>

#include <algorithm>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <vector>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/harness/adversarial_input.hpp"
#include "thmcheck/harness/kinds/inequality.hpp"
#include "thmcheck/harness/registry.hpp"
#include "thmcheck/harness/theorem.hpp"

namespace pack {
namespace {

using namespace thmcheck;

// The Hessian H = diag(lambda) of the point's instance, drawn from the point's own seed:
// lambda_0 = L, the others log-uniform in [L/kappa, L], and the last floor(null_fraction (d-1))
// of them 0, so that f(x) = x^T H x / 2 is convex but, with a zero, not strongly convex.
Eigen::VectorXd hessian_diagonal(const Trial& t) {
  const int d = t.point.integer("d");
  const double L = t.point["L"], kappa = t.point["kappa"];
  Engine rng = make_engine(t.point.seed);
  boost::random::uniform_01<double> u;
  Eigen::VectorXd lambda(d);
  lambda(0) = L;
  for (int i = 1; i < d; ++i) lambda(i) = L * std::pow(kappa, -u(rng));
  const int zeros = int(std::floor(t.point["null_fraction"] * (d - 1)));
  lambda.tail(zeros).setZero();
  return lambda;
}

// f(x_k) - f* against factor L ||x_0 - x*||^2 / (2k) at each k in `ks`, for gradient descent with
// the step 1/L from x_0. f* = 0, and x* is the minimizer nearest x_0 (x_0 with its components in
// the range of H removed): the theorem holds for every minimizer, and this one gives the smallest
// right-hand side.
std::vector<Inequality> gap_against_bound(const Eigen::VectorXd& lambda, const Eigen::VectorXd& x0,
                                          const std::vector<int>& ks, double factor) {
  const double L = lambda.maxCoeff();
  const double dist2 = (lambda.array() > 0).select(x0.array().square(), 0.0).sum();
  std::vector<Inequality> out;
  Eigen::VectorXd x = x0;
  for (int k = 1; k <= ks.back(); ++k) {
    x -= (lambda.array() * x.array() / L).matrix();  // x_{k} = x_{k-1} - (1/L) grad f(x_{k-1})
    if (std::find(ks.begin(), ks.end(), k) == ks.end()) continue;
    const double gap = 0.5 * (lambda.array() * x.array().square()).sum();
    out.push_back({gap, factor * L * dist2 / (2.0 * k), fmt::format("k={}", k)});
  }
  return out;
}

Theorem make() {
  Theorem t;
  t.id = "gd-convex-sublinear-rate";
  t.title =
      "Gradient descent with step 1/L converges at L ||x_0 - x*||^2 / (2k) on convex functions";
  t.source = {"A. Beck and M. Teboulle",
              "A Fast Iterative Shrinkage-Thresholding Algorithm for Linear Inverse Problems",
              "SIAM Journal on Imaging Sciences 2(1)",
              2009,
              "Theorem 3.1 (ISTA with constant step 1/L; gradient descent when g = 0)",
              "https://doi.org/10.1137/080716542"};
  t.statement =
      "For a convex $f$ with $L$-Lipschitz gradient and a minimizer $x^*$, gradient descent "
      "$x_{k+1} = x_k - \\frac1L \\nabla f(x_k)$ satisfies $f(x_k) - f(x^*) \\le "
      "\\frac{L \\|x_0 - x^*\\|^2}{2k}$ for every $k \\ge 1$.";
  t.quick_budget_seconds = 2;

  // Convex quadratics f(x) = x^T H x / 2, H = diag(lambda), L = lambda_max.
  t.hypotheses.integer("d", 2, 50, 400, "dimension")
      .log_uniform("L", 1e-2, 1e2, 1e2, "smoothness constant, the largest eigenvalue of H")
      .log_uniform("kappa", 1, 1e4, 1e8, "spread of the nonzero eigenvalues, L / lambda_min")
      .real("null_fraction", 0, 0.5, 0.5, "share of zero eigenvalues among the d - 1 others");
  t.parameters.add_integer("iterations", 200, "iterations K compared per run", 1, 100000)
      .add("rel_tol", 1e-12, "relative round-off allowance", 0, 1)
      .add("control_factor", 0.1, "control: the bound multiplied by this", 0, 1);

  t.add(inequality(
      {.id = "rate",
       .statement = "$f(x_k) - f^* \\le L \\|x_0 - x^*\\|^2 / (2k)$ for $k = 1, \\dots, K$, for "
                    "every start"},
      {.instances = {50, 500},
       .rel_tol = "rel_tol",
       // The start is an adversarial input: sampled trials draw it, the worst-case search
       // chooses it.
       .inputs = {direction_input("x_0 - x*", "d")},
       .measure = [](const Trial& t) {
         std::vector<int> ks(std::size_t(t.params["iterations"]));
         for (std::size_t k = 0; k < ks.size(); ++k) ks[k] = int(k) + 1;
         return gap_against_bound(hessian_diagonal(t), t.input(0), ks, 1.0);
       }}));

  // On f = lambda x^2 / 2 with lambda = L/(2K+1), f(x_K) = L x_0^2 (1 - 1/(2K+1))^{2K} / (2(2K+1)),
  // about 1/(2e) of the bound at k = K: a tenth of the bound is below what is attained.
  t.add(inequality(
      {.id = "control-tenth",
       .statement = "control: $f(x_K) - f^* \\le \\frac1{10} L \\|x_0 - x^*\\|^2 / (2K)$",
       .control = true,
       .reason = "the bound is attained within a factor 2e by a mode with eigenvalue L/(2K+1)"},
      {.instances = {50, 500}, .rel_tol = "rel_tol", .measure = [](const Trial& t) {
         const int K = int(t.params["iterations"]);
         Eigen::VectorXd lambda = hessian_diagonal(t);
         lambda(1) = lambda(0) / (2 * K + 1);  // lambda_0 = L stays the largest
         const Eigen::VectorXd e1 = Eigen::VectorXd::Unit(lambda.size(), 1);
         return gap_against_bound(lambda, e1, {K}, t.params["control_factor"]);
       }}));
  return t;
}

}  // namespace
THMCHECK_REGISTER_THEOREM(make);
}  // namespace pack
