// SGD with the step 1/(mu k) on an L2-regularized logistic loss: E||x_k - x*||^2 = O(1/k), with the
// constant of Rakhlin, Shamir and Sridharan's Lemma 1. A settled theorem, and the library's example
// of a theorem on an objective that is not least squares (docs/adding-a-theorem.md).
//
// Lemma 1 (arXiv 1109.5647): F lambda-strongly convex on a convex W, E||g_t||^2 <= G^2, steps
// eta_t = 1/(lambda t) from w_1 give E||w_T - w*||^2 <= 4 G^2/(lambda^2 T) for every T. (Proof:
// E||w_{t+1} - w*||^2 <= (1 - 2/t) E||w_t - w*||^2 + G^2/(lambda^2 t^2); induction on t.)
// Here W = R^d, lambda = mu, w_T = x_{T-1} (x_0 = w_1 = 0, step k is 1/(mu k)), so the bound at
// x_k is 4 G^2/(mu^2 (k+1)). Which G: g_i(x) = -y_i s_i(x) a_i + mu x with s_i in (0, 1), so
// ||g_i(x)|| <= R + mu ||x||, R = max ||a_i||. From x_0 = 0, x_k = (1/(mu k)) sum_{j<=k} y_j s_j
// a_j averages points of norm < R/mu, so ||x_k|| <= R/mu and ||g|| <= 2R along the iterates:
// G^2 = 4R^2 holds surely. mu x* = (1/n) sum_i y_i s_i(x*) a_i gives ||x*|| <= R/mu, so
// ||x_k - x*||^2 lies in [0, 4R^2/mu^2], the range the expectation kind needs.
#include <fmt/format.h>

#include <algorithm>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "thmcheck/harness/kinds/expectation.hpp"
#include "thmcheck/harness/registry.hpp"
#include "thmcheck/harness/theorem.hpp"
#include "thmcheck/methods/gradient_descent.hpp"
#include "thmcheck/methods/sgd.hpp"
#include "thmcheck/problems/gaussian.hpp"
#include "thmcheck/problems/logistic_regression.hpp"

namespace thmcheck::theorems {
namespace {

struct Logistic {
  std::shared_ptr<const RegularizedLogistic> f;
  Eigen::VectorXd x_star;
  double R = 0, L = 0;
};

// n unit rows a_i (R = 1), labels y_i = +1 with probability sigma(a_i^T w), ||w|| = 3; x* by
// gradient descent with step 1/L to round-off (||x - x*|| <= ||grad f(x)|| / mu, checked).
std::shared_ptr<const Logistic> instance(const Trial& t) {
  const auto key = fmt::format("logistic/{}/{}", t.point.describe(), t.point.seed);
  return t.store.get<Logistic>(key, [&] {
    Engine rng = make_engine(t.point.seed);
    const int n = t.point.integer("n"), d = t.point.integer("d");
    RowMatrix A = gaussian_matrix(n, d, rng);
    A.rowwise().normalize();
    const Eigen::VectorXd w = 3 * gaussian_vector(d, rng).normalized();
    Eigen::VectorXd y(n);
    boost::random::uniform_01<double> u;
    for (int i = 0; i < n; ++i) y(i) = u(rng) < 1 / (1 + std::exp(-A.row(i).dot(w))) ? 1 : -1;
    Logistic p;
    p.f = std::make_shared<RegularizedLogistic>(std::move(A), std::move(y), t.point["mu"]);
    p.R = p.f->max_row_norm(), p.L = p.f->smoothness();
    GradientDescent gd(p.f, 1 / p.L, Eigen::VectorXd::Zero(d));
    run(gd, int(t.params["solver_iterations"]), {});
    p.x_star = gd.x();
    Eigen::VectorXd g;
    p.f->gradient(p.x_star, g);
    if (!(g.norm() / p.f->mu() <= 1e-12 * std::max(1.0, p.x_star.norm())))
      throw std::runtime_error(fmt::format("x* not converged: ||grad f|| = {:g}", g.norm()));
    return p;
  });
}

// ||x_k - x*||^2 at k = 1, 2, 4, ..., K along one SGD run from x_0 = 0, against bound(k).
template <class Bound>
ExpectationSample sgd_sample(const Trial& t, int K, Bound bound) {
  const auto p = instance(t);
  const double mu = p->f->mu();
  StochasticGradientDescent sgd(p->f, {.a = 1 / mu, .k0 = 0},
                                Eigen::VectorXd::Zero(p->f->dimension()));
  ExpectationSample s;
  s.hi = 4 * p->R * p->R / (mu * mu) * (1 + 1e-9);  // ||x_k||, ||x*|| <= R/mu; round-off
  run(sgd, K, t.rng, [&](int k, const Eigen::VectorXd& x) {
    if (k == 0 || (k & (k - 1)) != 0) return;  // powers of two
    s.values.push_back((x - p->x_star).squaredNorm());
    s.bounds.push_back(bound(*p, k));
    s.labels.push_back(fmt::format("k={}", k));
  });
  return s;
}

Theorem make() {
  Theorem t;
  t.id = "sgd-strongly-convex-rate";
  t.title = "SGD with steps 1/(mu k) reaches E||x_k - x*||^2 <= 4 G^2 / (mu^2 (k+1))";
  t.source = {"A. Rakhlin, O. Shamir, K. Sridharan",
              "Making Gradient Descent Optimal for Strongly Convex Stochastic Optimization",
              "ICML",
              2012,
              "Lemma 1",
              "arXiv:1109.5647"};
  t.statement =
      "If $F$ is $\\lambda$-strongly convex and the stochastic gradients satisfy $E\\|\\hat "
      "g_t\\|^2 \\le "
      "G^2$, SGD with $\\eta_t = 1/(\\lambda t)$ satisfies $E\\|w_T - w^*\\|^2 \\le "
      "4G^2/(\\lambda^2 T)$ "
      "for every $T$. Checked on $f(x) = \\frac1n\\sum_i \\log(1 + e^{-y_i a_i^\\top x}) + "
      "\\frac\\mu2\\|x\\|^2$ with uniformly sampled components, $x_0 = 0$ and $G = "
      "2\\max_i\\|a_i\\|$.";
  t.quick_budget_seconds = 3;
  t.hypotheses.integer("n", 10, 100, 400, "examples")
      .integer("d", 2, 10, 30, "dimension")
      .log_uniform("mu", 0.05, 1, 2, "regularization, the strong convexity of f");
  t.parameters
      .add_integer("iterations", 256, "SGD steps K; checkpoints k = 1, 2, 4, ..., K", 1, 1 << 20)
      .add_integer("control_iterations", 8, "control: its K (the linear rate underflows later)", 1,
                   64)
      .add_integer("solver_iterations", 3000, "gradient-descent steps computing x*", 1, 1000000)
      .add("lemma_constant", 4, "c of Lemma 1: E||w_T - w*||^2 <= c G^2/(mu^2 T)", 0, 100);

  t.add(expectation(
      {.id = "lemma-1",
       .statement = "$E\\|x_k - x^*\\|^2 \\le 4G^2/(\\mu^2 (k+1))$, $G^2 = 4\\max_i\\|a_i\\|^2$ "
                    "($x_k = w_{k+1}$ of the paper)"},
      {.alpha = kClaimAlpha,
       .instances = {4, 16},
       .trials_per_instance = {4000, 16000},
       .sample = [](const Trial& t) {
         const double c = t.params["lemma_constant"];
         return sgd_sample(t, int(t.params["iterations"]), [&](const Logistic& p, int k) {
           const double mu = p.f->mu(), G2 = 4 * p.R * p.R;
           return c * G2 / (mu * mu * (k + 1));
         });
       }}));
  t.add(expectation(
      {.id = "control-linear-rate",
       .statement = "control: $E\\|x_k - x^*\\|^2 \\le (1 - \\mu/L)^k \\|x_0 - x^*\\|^2$, "
                    "the linear rate of full gradient descent",
       .rests_on = {"lemma-1"},
       .control = true,
       .reason = "the sampled gradients' variance at x* keeps E||x_k - x*||^2 of order 1/k "
                 "(the Omega(1/k) lower bound of stochastic strongly convex optimization); "
                 "x_1 = y_i a_i / (2 mu) is already a noisy point"},
      {.alpha = kClaimAlpha,
       .instances = {4, 16},
       .trials_per_instance = {4000, 16000},
       .sample = [](const Trial& t) {
         return sgd_sample(t, int(t.params["control_iterations"]), [](const Logistic& p, int k) {
           return std::pow(1 - p.f->mu() / p.L, k) * p.x_star.squaredNorm();
         });
       }}));
  return t;
}

}  // namespace
THMCHECK_REGISTER_THEOREM(make);
}  // namespace thmcheck::theorems
