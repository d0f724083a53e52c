// Minibatch heavy ball (docs/theory/minibatch-hbm.md): the worked example to the digits given, the
// exact identities and lemmas to round-off on sampled spectra, matrix-free products against dense
// ones, and the theorem minibatch-hbm-acceleration run through run_suite (every claim as expected,
// every control caught).
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/harness/runner.hpp"
#include "thmcheck/methods/minibatch_heavy_ball.hpp"
#include "thmcheck/problems/least_squares.hpp"
#include "thmcheck/problems/spectrum.hpp"
#include "thmcheck/spectral/heavy_ball_parameters.hpp"
#include "thmcheck/spectral/momentum_basis.hpp"
#include "thmcheck/spectral/momentum_product.hpp"
#include "thmcheck/spectral/product_concentration.hpp"

using namespace thmcheck;

namespace {
constexpr double kEps = std::numeric_limits<double>::epsilon();

double rounded(double x, int digits) {
  const double s = std::pow(10.0, digits);
  return std::round(x * s) / s;
}

double dense_norm(const Eigen::MatrixXd& M) {
  return Eigen::JacobiSVD<Eigen::MatrixXd>(M).singularValues()(0);
}
}  // namespace

TEST_CASE("the worked example of docs/theory/minibatch-hbm.md reproduces to the digits given",
          "[quick][hbm]") {
  // d = 100, kappa = 100, slow algebraic, c = 1000 (published reference values).
  auto p = heavy_ball_parameters(spectrum(SpectrumRecipe::slow_algebraic, 100, 100), 1000);
  CHECK(rounded(p.kappa_bar, 2) == Approx(50.50).margin(1e-12));
  CHECK(rounded(p.alpha, 7) == Approx(0.0330606).margin(1e-12));
  CHECK(rounded(p.beta, 6) == Approx(0.669558).margin(1e-12));
  CHECK(rounded(p.sqrt_beta, 5) == Approx(0.81827).margin(1e-12));
  CHECK(rounded(p.kappa_C, 2) == Approx(320.99).margin(1e-12));
  CHECK(critical_batch(p) == 473568);
  // B*(200) is "about 7.4e11", and B*(k) = B* kappa_C^2 k log(1/beta) / log k when lambda_max wins
  // the max.
  const double bk = critical_batch_horizon(p, 200);
  CHECK(bk == Approx(7.4e11).epsilon(0.01));
  CHECK(bk == Approx(critical_batch_real(p) * p.kappa_C * p.kappa_C * 200 * std::log(1 / p.beta) /
                     std::log(200.0))
                  .epsilon(1e-12));
  // k(eps) makes the bound sqrt(2) kappa_C beta^{k/2} equal eps.
  const double k = iterations_to_eps(p, 1e-8);
  CHECK(std::sqrt(2.0) * p.kappa_C * std::pow(p.beta, k / 2) == Approx(1e-8).epsilon(1e-10));
}

TEST_CASE("exact identities and block lemmas hold to round-off on sampled spectra",
          "[quick][hbm]") {
  Engine rng = make_engine(7);
  for (int trial = 0; trial < 40; ++trial) {
    const auto recipe = static_cast<SpectrumRecipe>(trial % 4);
    const int d = 2 + trial % 30;
    const double kappa = std::pow(10.0, 0.3 + 0.1 * trial);  // 2 .. 10^4.2
    const double c = trial % 3 == 0 ? 10.0 : trial % 3 == 1 ? 1000.0 : 1e6;
    auto p = heavy_ball_parameters(spectrum(recipe, d, kappa), c);
    const double amp = std::sqrt(p.L / p.l);
    CHECK(std::abs((1 - p.sqrt_beta) * (1 - p.sqrt_beta) / p.alpha - p.l) <=
          100 * kEps * amp * p.l);
    CHECK(std::abs((1 + p.sqrt_beta) * (1 + p.sqrt_beta) / p.alpha - p.L) <=
          100 * kEps * amp * p.L);
    auto ev = spectrum(recipe, d, kappa);
    for (int i = 0; i < d; ++i) {
      // Both roots have modulus sqrt(beta); cond(U_i) in closed form equals the numeric one.
      Eigen::ComplexEigenSolver<Eigen::Matrix2d> es(momentum_block(p, ev(i)), false);
      CHECK(std::abs(std::abs(es.eigenvalues()(0)) - p.sqrt_beta) <= 100 * kEps * p.kappa_C);
      CHECK(std::abs(std::abs(es.eigenvalues()(1)) - p.sqrt_beta) <= 100 * kEps * p.kappa_C);
      const double closed = block_eigenvector_condition(p, ev(i));
      CHECK(std::abs(closed - block_eigenvector_condition_numeric(p, ev(i))) <=
            10 * p.kappa_C * p.kappa_C * kEps * closed);
      CHECK(closed <= p.kappa_C * (1 + 1e-14));
    }
    // The maximum of cond(U_i) sits at the end blocks, which agree (lambda_min - l = L -
    // lambda_max).
    const double lo = block_eigenvector_condition(p, p.lambda_min),
                 hi = block_eigenvector_condition(p, p.lambda_max);
    CHECK(lo == Approx(hi).epsilon(1e-6));
    CHECK(std::max(lo, hi) == Approx(p.kappa_C).epsilon(1e-14));
    // ||T^k|| <= kappa_C beta^{k/2}, and >= beta^{k/2} (the spectral radius).
    for (int k : {1, 2, 5, 20, 100}) {
      const double n = momentum_power_norm(p, ev, k);
      CHECK(n <= p.kappa_C * std::pow(p.beta, k / 2.0) * (1 + 1e-10));
      CHECK(n >= std::pow(p.beta, k / 2.0) * (1 - 1e-10));
    }
  }
  (void)rng;
}

TEST_CASE("kappa_C grows like sqrt(c kappa) and B* like sqrt(kappa)", "[quick][hbm]") {
  // kappa_C ~ sqrt(c kappa) for large kappa (docs/theory/minibatch-hbm.md): the ratio tends to a
  // constant.
  auto a = heavy_ball_parameters(spectrum(SpectrumRecipe::slow_algebraic, 50, 1e4), 1000);
  auto b = heavy_ball_parameters(spectrum(SpectrumRecipe::slow_algebraic, 50, 1e6), 1000);
  CHECK(a.kappa_C / std::sqrt(1000 * 1e4) ==
        Approx(b.kappa_C / std::sqrt(1000 * 1e6)).epsilon(0.05));
  // Large kappa: B* ~ 64 e log(2d) (||A||_F^2 / ||A||_2^2) sqrt(kappa).
  for (double kappa : {1e6, 1e8}) {
    auto p = heavy_ball_parameters(spectrum(SpectrumRecipe::fast_algebraic, 40, kappa), 1000);
    const double approx =
        64 * std::exp(1.0) * std::log(80.0) * (p.trace / p.lambda_max) * std::sqrt(kappa);
    CHECK(critical_batch_real(p) == Approx(approx).epsilon(0.02));
  }
}

TEST_CASE("the momentum basis block-diagonalizes T with cond(W) = kappa_C", "[quick][hbm]") {
  Engine rng = make_engine(11);
  for (int trial = 0; trial < 6; ++trial) {
    const int d = 3 + 2 * trial;
    auto P = least_squares_with_spectrum(
        spectrum(static_cast<SpectrumRecipe>(trial % 4), d, 5.0 + 10 * trial), 2 * d, rng);
    auto p = heavy_ball_parameters(P.eigenvalues, 1000);
    MomentumBasis W(p, P.eigenvalues, P.eigenvectors);
    Eigen::MatrixXd Wd = W.dense(), Winv = Wd.inverse();
    Eigen::MatrixXd H = P.A.transpose() * P.A;
    Eigen::MatrixXd T = momentum_matrix_dense(H, p.alpha, p.beta);
    CHECK(dense_norm(Winv * T * Wd) == Approx(p.sqrt_beta).epsilon(1e-9));
    auto sv = Eigen::JacobiSVD<Eigen::MatrixXd>(Wd).singularValues();
    CHECK(sv(0) / sv(sv.size() - 1) == Approx(p.kappa_C).epsilon(1e-8));
    // from_state inverts to_state; the transposes are the transposes.
    Eigen::VectorXd x = Eigen::VectorXd::LinSpaced(2 * d, -1, 2), y(2 * d), z(2 * d);
    W.to_state(x.data(), y.data());
    W.from_state(y.data(), z.data());
    CHECK((z - x).norm() <= 1e-9 * x.norm() * p.kappa_C);
    W.to_state_transpose(x.data(), y.data());
    CHECK((y - Wd.transpose() * x).norm() <= 1e-12 * x.norm() * sv(0));
    W.from_state_transpose(x.data(), y.data());
    CHECK((y - Winv.transpose() * x).norm() <= 1e-9 * (Winv.transpose() * x).norm() * p.kappa_C);
    // sigma of a minibatch factor from the closed form equals the dense ||W^{-1} (Y - T) W|| /
    // sqrt(beta).
    RowSampler sampler(P.A, Sampling::row_norm);
    auto h = sample_hessian(sampler, 5, rng);
    Eigen::MatrixXd Y = momentum_matrix_dense(h.dense(P.A), p.alpha, p.beta);
    CHECK(W.relative_deviation(h.dense(P.A) - H) ==
          Approx(dense_norm(Winv * (Y - T) * Wd) / p.sqrt_beta).epsilon(1e-8));
  }
}

TEST_CASE("matrix-free products of momentum matrices agree with dense products", "[quick][hbm]") {
  Engine rng = make_engine(3);
  for (int trial = 0; trial < 8; ++trial) {
    const int d = 2 + 3 * trial;
    auto P = least_squares_with_spectrum(
        spectrum(static_cast<SpectrumRecipe>(trial % 4), d, 3.0 + 7 * trial), 3 * d, rng);
    auto p = heavy_ball_parameters(P.eigenvalues, 1000);
    RowSampler sampler(P.A, Sampling::row_norm);
    const int k = 5 + 6 * trial;
    auto hs = std::make_shared<std::vector<SampledHessian>>();
    for (int j = 0; j < k; ++j) hs->push_back(sample_hessian(sampler, 1 + 40 * trial, rng));
    auto Z = minibatch_momentum_product(P, hs, p.alpha, p.beta);
    Eigen::MatrixXd Zd = Eigen::MatrixXd::Identity(2 * d, 2 * d);
    for (const auto& h : *hs) Zd = momentum_matrix_dense(h.dense(P.A), p.alpha, p.beta) * Zd;
    CHECK((dense_matrix(Z) - Zd).norm() <= 1e-10 * Zd.norm());
    Eigen::VectorXd x = Eigen::VectorXd::LinSpaced(2 * d, 1, -1), y(2 * d);
    Z.apply_transpose(x.data(), y.data());
    CHECK((y - Zd.transpose() * x).norm() <= 1e-10 * Zd.norm() * x.norm());
    INFO("trial " << trial);
    CHECK(lanczos_norm(Z).norm == Approx(dense_norm(Zd)).epsilon(1e-9));
    // T^k: Lanczos, dense, blocks; also when the norm is tiny (Spectra's test is absolute there).
    Eigen::MatrixXd H = P.A.transpose() * P.A, T = momentum_matrix_dense(H, p.alpha, p.beta);
    for (int kk : {1, 10, 60}) {
      Eigen::MatrixXd Tk = Eigen::MatrixXd::Identity(2 * d, 2 * d);
      for (int j = 0; j < kk; ++j) Tk = T * Tk;
      const double dense = dense_norm(Tk);
      CHECK(lanczos_norm(momentum_power(H, kk, p.alpha, p.beta)).norm ==
            Approx(dense).epsilon(1e-8));
      CHECK(momentum_power_norm(p, P.eigenvalues, kk) == Approx(dense).epsilon(1e-8));
    }
  }
}

TEST_CASE("the sampled Hessian is unbiased and aggregates repeated rows", "[quick][hbm]") {
  Engine rng = make_engine(5);
  auto P = least_squares_with_spectrum(spectrum(SpectrumRecipe::fast_algebraic, 4, 10), 6, rng);
  Eigen::MatrixXd H = P.A.transpose() * P.A;
  for (auto s : {Sampling::row_norm, Sampling::uniform}) {
    RowSampler sampler(P.A, s);
    Eigen::MatrixXd mean = Eigen::MatrixXd::Zero(4, 4);
    const int reps = 4000;
    for (int r = 0; r < reps; ++r) {
      auto h = sample_hessian(sampler, 7, rng);
      CHECK(h.rows.size() <= 6);  // at most n distinct rows, whatever B
      mean += h.dense(P.A) / reps;
    }
    // Standard error of the mean of a bounded matrix: a few percent of ||H|| at 4000 draws.
    CHECK((mean - H).norm() <= 0.05 * H.norm());
  }
}

TEST_CASE("the product bound factor", "[quick][hbm]") {
  CHECK(product_expectation_factor(0, 10) == 1);
  // v small: sqrt(2 v log D); v large: 2 v.
  CHECK(product_expectation_log_factor(0.01, 100) == Approx(std::sqrt(0.02 * std::log(100.0))));
  CHECK(product_expectation_log_factor(10, 4) == Approx(20));
}
