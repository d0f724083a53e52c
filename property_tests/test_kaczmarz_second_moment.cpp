// The exact second moment of randomized Kaczmarz (methods/kaczmarz_second_moment.hpp): its first
// step is the closed form 1 - lambda/||A||_F^2 along each eigenvector, and its expectations agree
// with a Monte Carlo mean of the method itself within a Hoeffding interval (the ratio lies in [0,
// 1]).
#include <Eigen/Eigenvalues>
#include <catch2/catch.hpp>
#include <cmath>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/methods/kaczmarz.hpp"
#include "thmcheck/methods/kaczmarz_second_moment.hpp"
#include "thmcheck/problems/least_squares.hpp"

using namespace thmcheck;

TEST_CASE("exact Kaczmarz second moment: the first step and the worst start in closed form",
          "[quick][kaczmarz]") {
  Engine rng = make_engine(7);
  Eigen::VectorXd lambda(4);
  lambda << 1, 2, 5, 9;
  LeastSquares p = least_squares_with_spectrum(lambda, 11, rng);
  const double F = lambda.sum();
  auto G = kaczmarz_error_gram(p, {0, 1});
  CHECK((G[0] - Eigen::MatrixXd::Identity(4, 4)).norm() == 0);
  // E||P_i v||^2 = 1 - v^T H v / ||A||_F^2 for a unit eigenvector v.
  for (int i = 0; i < 4; ++i) {
    const Eigen::VectorXd v = p.eigenvectors.col(i);
    CHECK(v.dot(G[1] * v) == Approx(1 - lambda(i) / F).epsilon(1e-12));
  }
  // G_1 = I - H / ||A||_F^2 + A^T diag(w) A / ||A||_F^2 with w = 1: its largest eigenvalue is the
  // worst start.
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(G[1]);
  CHECK(es.eigenvalues().maxCoeff() >= 1 - lambda(0) / F - 1e-12);
}

TEST_CASE("exact Kaczmarz second moment agrees with the Monte Carlo mean of the method",
          "[quick][kaczmarz]") {
  Engine rng = make_engine(11);
  Eigen::VectorXd lambda(3);
  lambda << 1, 3, 10;
  LeastSquares p = least_squares_with_spectrum(lambda, 8, rng);
  const std::vector<int> ks = {1, 5, 20};
  auto G = kaczmarz_error_gram(p, ks);
  Eigen::VectorXd e0(3);
  e0 << 0.3, -1.0, 0.7;
  const int runs = 40000;
  std::vector<double> mean(ks.size(), 0.0);
  auto sampler = std::make_shared<const RowSampler>(p.A, Sampling::row_norm);
  for (int r = 0; r < runs; ++r) {
    Engine run_rng = make_engine(derive_seed(11, "rk-exact", "", 0, std::uint64_t(r)));
    RandomizedKaczmarz rk(p, 1.0, p.x_star + e0, sampler);
    int k = 0;
    for (std::size_t j = 0; j < ks.size(); ++j) {
      for (; k < ks[j]; ++k) rk.step(run_rng);
      mean[j] += (rk.x() - p.x_star).squaredNorm() / e0.squaredNorm() / runs;
    }
  }
  // Hoeffding for a variable in [0, 1], two-sided at 1e-6 for each of the three checkpoints.
  const double half_width = std::sqrt(std::log(2 * 3 / 1e-6) / (2.0 * runs));
  for (std::size_t j = 0; j < ks.size(); ++j) {
    const double exact = e0.dot(G[j] * e0) / e0.squaredNorm();
    INFO("k = " << ks[j] << ": exact " << exact << ", Monte Carlo " << mean[j]);
    CHECK(std::abs(mean[j] - exact) <= half_width);
  }
}
