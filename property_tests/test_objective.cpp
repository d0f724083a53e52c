// The Objective interface (problems/objective.hpp): the least-squares and logistic models against
// finite differences and their formulas, the methods on an objective bit-identical to the former
// least-squares code, and SGD reproducible for a seed. Compiled with -ffp-contract=off
// (CMakeLists): the reference loops must round as the library does.
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/methods/gradient_descent.hpp"
#include "thmcheck/methods/heavy_ball.hpp"
#include "thmcheck/methods/nesterov.hpp"
#include "thmcheck/methods/sgd.hpp"
#include "thmcheck/problems/gaussian.hpp"
#include "thmcheck/problems/least_squares_objective.hpp"
#include "thmcheck/problems/logistic_regression.hpp"
#include "thmcheck/problems/spectrum.hpp"

using namespace thmcheck;

namespace {

std::shared_ptr<const LeastSquares> problem(std::uint64_t seed, Eigen::Index d = 7,
                                            double noise = 0.3) {
  Engine rng = make_engine(seed);
  return std::make_shared<const LeastSquares>(least_squares_with_spectrum(
      spectrum(SpectrumRecipe::slow_algebraic, d, 50), 5 * d, rng, noise));
}

std::shared_ptr<const RegularizedLogistic> logistic(std::uint64_t seed) {
  Engine rng = make_engine(seed);
  RowMatrix A = gaussian_matrix(30, 5, rng);
  Eigen::VectorXd y = gaussian_vector(30, rng).cwiseSign();
  return std::make_shared<const RegularizedLogistic>(std::move(A), std::move(y), 0.3);
}

// Central differences of f along every axis, and of grad f along v.
Eigen::VectorXd fd_gradient(const Objective& f, const Eigen::VectorXd& x, double h) {
  Eigen::VectorXd g(x.size());
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    Eigen::VectorXd p = x, m = x;
    p(j) += h;
    m(j) -= h;
    g(j) = (f.value(p) - f.value(m)) / (2 * h);
  }
  return g;
}

Eigen::VectorXd fd_hessian_vector(const Objective& f, const Eigen::VectorXd& x,
                                  const Eigen::VectorXd& v, double h) {
  Eigen::VectorXd gp, gm;
  f.gradient(x + h * v, gp);
  f.gradient(x - h * v, gm);
  return (gp - gm) / (2 * h);
}

void check_derivatives(const Objective& f, const Eigen::VectorXd& x, const Eigen::VectorXd& v) {
  Eigen::VectorXd g, hv;
  f.gradient(x, g);
  CHECK((g - fd_gradient(f, x, 1e-5)).norm() <= 1e-6 * (1 + g.norm()));
  REQUIRE(f.has_hessian_vector());
  f.hessian_vector(x, v, hv);
  CHECK((hv - fd_hessian_vector(f, x, v, 1e-5)).norm() <= 1e-6 * (1 + hv.norm()));
  // The stochastic gradients average to the gradient over the components.
  Eigen::VectorXd mean = Eigen::VectorXd::Zero(x.size()), gi;
  for (Eigen::Index i = 0; i < f.components(); ++i) {
    f.stochastic_gradient(i, x, gi);
    mean += gi / double(f.components());
  }
  CHECK((mean - g).norm() <= 1e-12 * (1 + g.norm()));
}

}  // namespace

TEST_CASE("the least-squares objective: value and derivatives and components",
          "[quick][objective]") {
  const auto p = problem(11);
  Engine rng = make_engine(5);
  const Eigen::VectorXd x = gaussian_vector(p->cols(), rng), v = gaussian_vector(p->cols(), rng);
  const LeastSquaresObjective shared(p), reference(*p);
  CHECK(shared.components() == p->rows());
  CHECK(reference.components() == 0);
  Eigen::VectorXd gi;
  CHECK_THROWS_AS(reference.stochastic_gradient(0, x, gi), std::logic_error);
  const double f = 0.5 * (p->A * x - p->b).squaredNorm();
  CHECK(shared.value(x) == f);
  CHECK(std::abs(reference.value(x) - f) <= 1e-12 * (f + p->b.squaredNorm()));
  check_derivatives(shared, x, v);
  // The explicit formulas: grad f = A^T (A x - b), grad^2 f v = A^T A v.
  Eigen::VectorXd g, hv;
  reference.gradient(x, g);
  CHECK((g - p->A.transpose() * (p->A * x - p->b)).norm() <= 1e-12 * g.norm());
  reference.hessian_vector(x, v, hv);
  CHECK((hv - p->A.transpose() * (p->A * v)).norm() <= 1e-12 * hv.norm());
  reference.gradient(p->x_star, g);
  CHECK(g.norm() <= 1e-10 * p->A.norm() * p->b.norm());
}

TEST_CASE("the regularized logistic objective against finite differences", "[quick][objective]") {
  const auto f = logistic(3);
  Engine rng = make_engine(8);
  const Eigen::VectorXd x = gaussian_vector(5, rng), v = gaussian_vector(5, rng);
  check_derivatives(*f, x, v);
  CHECK(f->max_row_norm() == f->A().rowwise().norm().maxCoeff());
  CHECK(f->smoothness() > f->mu());
}

// The methods' former inline code: H = A^T A, A^T b formed once, the step one expression.
TEST_CASE("GD and heavy ball and Nesterov on an objective are bit-identical to the former code",
          "[quick][objective]") {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    for (Eigen::Index d : {2, 3, 9, 40}) {
      const auto p = problem(seed, d);
      const Eigen::MatrixXd H(p->A.transpose() * p->A);
      const Eigen::VectorXd Atb(p->A.transpose() * p->b);
      Engine rng = make_engine(seed);
      const Eigen::VectorXd x0 = gaussian_vector(d, rng);
      const double alpha = 1 / p->lambda_max(), beta = 0.6;
      GradientDescent gd(*p, alpha, x0);
      HeavyBall hb(*p, alpha, beta, x0);
      NesterovAcceleratedGradient nag(*p, alpha, beta, x0);
      HeavyBall hb_shared(std::make_shared<LeastSquaresObjective>(p), alpha, beta, x0);
      Eigen::VectorXd x_gd = x0, x = x0, x_prev = x0, next, xn = x0, y = x0;
      for (int k = 0; k < 60; ++k) {
        x_gd -= alpha * (H * x_gd - Atb);
        next = x - alpha * (H * x - Atb) + beta * (x - x_prev);
        x_prev = x;
        x = next;
        next = y - alpha * (H * y - Atb);
        y = next + beta * (next - xn);
        xn = next;
        gd.step();
        hb.step(rng);  // the engine overload still compiles and draws nothing
        nag.step();
        hb_shared.step();
        REQUIRE(gd.x() == x_gd);
        REQUIRE(hb.x() == x);
        REQUIRE(nag.x() == xn);
        REQUIRE(hb_shared.x() == x);
      }
    }
  }
}

TEST_CASE("run and relative_errors without an engine equal the engine overloads",
          "[quick][objective]") {
  const auto p = problem(4);
  const Eigen::VectorXd x0 = Eigen::VectorXd::Ones(p->cols());
  HeavyBall a(*p, 0.01, 0.5, x0), b(*p, 0.01, 0.5, x0);
  Engine rng = make_engine(0);
  CHECK(relative_errors(a, 30, p->x_star) == relative_errors(b, 30, rng, p->x_star));
  int calls = 0;
  run(a, 5, [&](int k, const Eigen::VectorXd&) { CHECK(k == calls++); });
  CHECK(calls == 6);
}

TEST_CASE("SGD is deterministic for a seed and follows its schedule", "[quick][objective]") {
  const auto f = logistic(6);
  const Eigen::VectorXd x0 = Eigen::VectorXd::Zero(5);
  auto trajectory = [&](std::uint64_t seed) {
    StochasticGradientDescent sgd(f, {.a = 1 / f->mu(), .k0 = 0}, x0);
    Engine rng = make_engine(seed);
    std::vector<Eigen::VectorXd> xs;
    run(sgd, 50, rng, [&](int, const Eigen::VectorXd& x) { xs.push_back(x); });
    CHECK(sgd.steps() == 50);
    return xs;
  };
  CHECK(trajectory(42) == trajectory(42));
  CHECK(trajectory(42) != trajectory(43));
  // With step 1/(mu k) from 0 the iterate is minus the mean of the drawn components' loss
  // gradients over mu, so ||x_k|| <= max ||a_i|| / mu.
  for (const auto& x : trajectory(7)) CHECK(x.norm() <= f->max_row_norm() / f->mu() * (1 + 1e-12));
  // On least squares with its rows shared, and not on one built from a reference (no rows).
  const auto ls = std::make_shared<LeastSquaresObjective>(problem(2));
  StochasticGradientDescent on_rows(ls, {.a = 0.001, .k0 = 10}, Eigen::VectorXd::Zero(7));
  Engine rng = make_engine(1);
  on_rows.step(rng);
  CHECK(on_rows.x().allFinite());
  CHECK_THROWS_AS(StochasticGradientDescent(std::make_shared<LeastSquaresObjective>(*problem(2)),
                                            {.a = 1, .k0 = 0}, Eigen::VectorXd::Zero(7)),
                  std::invalid_argument);
}
