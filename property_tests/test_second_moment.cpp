// The second-moment operator of minibatch heavy ball (spectral/second_moment_operator.hpp) and its
// spectral radius and critical batch (spectral/mean_square_rate.hpp): the matrix-free operator
// against its dense Kronecker form, randomized Kaczmarz as its special case, a closed form, the
// Monte Carlo mean of the actual method, and B_ms against B* and B*(k) on the paper's spectra.
#include <Eigen/Eigenvalues>
#include <catch2/catch.hpp>
#include <cmath>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/methods/kaczmarz_second_moment.hpp"
#include "thmcheck/methods/minibatch_ensemble.hpp"
#include "thmcheck/methods/minibatch_heavy_ball.hpp"
#include "thmcheck/problems/least_squares.hpp"
#include "thmcheck/problems/spectrum.hpp"
#include "thmcheck/spectral/heavy_ball_parameters.hpp"
#include "thmcheck/spectral/mean_square_rate.hpp"
#include "thmcheck/spectral/reduced_pencil.hpp"
#include "thmcheck/spectral/second_moment_operator.hpp"

using namespace thmcheck;

namespace {

Eigen::MatrixXd random_symmetric(Eigen::Index m, Engine& rng) {
  std::normal_distribution<double> g;
  Eigen::MatrixXd X(m, m);
  for (Eigen::Index j = 0; j < m; ++j)
    for (Eigen::Index i = 0; i < m; ++i) X(i, j) = g(rng);
  return X + X.transpose();
}

Eigen::VectorXd vec(const Eigen::MatrixXd& S) {
  return Eigen::Map<const Eigen::VectorXd>(S.data(), S.size());
}

}  // namespace

TEST_CASE("the matrix-free second-moment operator equals its dense Kronecker form",
          "[quick][second-moment]") {
  Engine rng = make_engine(3);
  for (int d : {2, 3, 5, 6}) {
    Eigen::VectorXd lambda = spectrum(SpectrumRecipe::slow_algebraic, d, 20);
    LeastSquares p = least_squares_with_spectrum(lambda, 3 * d + 1, rng);
    // Rows of unequal norms, so that row-norm and uniform sampling differ.
    for (Eigen::Index i = 0; i < p.A.rows(); ++i) p.A.row(i) *= 1 + 0.3 * double(i % 4);
    for (Sampling s : {Sampling::row_norm, Sampling::uniform})
      for (double beta : {0.0, 0.6})
        for (double B : {1.0, 7.0, std::numeric_limits<double>::infinity()}) {
          SecondMomentOperator L(p.A, s, 0.05, beta, B);
          const Eigen::MatrixXd D = L.dense_kronecker();
          const Eigen::MatrixXd S = random_symmetric(2 * d, rng);
          Eigen::MatrixXd out;
          L.apply(S, out);
          const Eigen::VectorXd dense = D * vec(S);
          INFO("d " << d << " sampling " << to_string(s) << " beta " << beta << " B " << B);
          CHECK((vec(out) - dense).norm() <= 1e-12 * dense.norm());
        }
  }
}

TEST_CASE("B = 1, beta = 0, alpha = 1/||A||_F^2 with row-norm sampling is randomized Kaczmarz",
          "[quick][second-moment]") {
  Engine rng = make_engine(5);
  Eigen::VectorXd lambda(4);
  lambda << 1, 2, 5, 9;
  LeastSquares p = least_squares_with_spectrum(lambda, 11, rng);
  for (Eigen::Index i = 0; i < p.A.rows(); ++i) p.A.row(i) *= 1 + 0.5 * double(i % 3);
  const double F = p.A.squaredNorm();
  SecondMomentOperator L(p.A, Sampling::row_norm, 1 / F, 0.0, 1.0);
  const std::vector<int> ks = {0, 1, 2, 7, 30};
  // kaczmarz_error_gram iterates the adjoint from I (E||e_k||^2 = e_0^T G_k e_0); its Hessian is
  // recomputed from A here, since the rows were rescaled.
  LeastSquares q = least_squares_from(p.A, p.A * p.x_star);
  const auto G = kaczmarz_error_gram(q, ks);
  Eigen::VectorXd e0(4);
  e0 << 0.3, -1.0, 0.7, 0.2;
  const auto exact = mean_square_at(L, e0, ks);
  for (std::size_t j = 0; j < ks.size(); ++j) {
    INFO("k = " << ks[j]);
    CHECK(exact[j] == Approx(e0.dot(G[j] * e0)).epsilon(1e-12));
  }
}

TEST_CASE("orthonormal rows of equal norm: E||e_k||^2 = (1 - 1/n)^k ||e_0||^2",
          "[quick][second-moment]") {
  Engine rng = make_engine(9);
  const int n = 5;
  Eigen::VectorXd lambda = Eigen::VectorXd::Ones(n);
  LeastSquares p = least_squares_with_spectrum(lambda, n, rng);  // A orthogonal: rows orthonormal
  SecondMomentOperator L(p.A, Sampling::row_norm, 1.0 / n, 0.0, 1.0);
  Eigen::VectorXd e0 = Eigen::VectorXd::LinSpaced(n, -1, 2);
  const auto curve = mean_square_curve(L, e0, 40);
  for (int k = 0; k <= 40; ++k)
    CHECK(curve[std::size_t(k)] ==
          Approx(std::pow(1 - 1.0 / n, k) * e0.squaredNorm()).epsilon(1e-12));
}

TEST_CASE("the exact mean square matches the Monte Carlo mean of minibatch heavy ball",
          "[quick][second-moment]") {
  // n = 30, d = 4 as the NumPy check, at a batch where rho(L_B) < 1; 10^4 runs of the
  // lockstep ensemble (the fast kernel the theorems use) from x_0 = 0, x_{-1} = x_0.
  Engine rng = make_engine(17);
  Eigen::VectorXd lambda = spectrum(SpectrumRecipe::fast_exponential, 4, 10);
  LeastSquares p = least_squares_with_spectrum(lambda, 30, rng);
  const auto hb = heavy_ball_parameters(p.eigenvalues, 1000);
  // B = 20 draws its rows; B = 400 (above kMultinomialFactor n) draws multinomial counts.
  for (const long B : {20L, 400L}) {
    INFO("B = " << B);
    REQUIRE(ensemble_order(B, long(p.rows())) ==
            (B == 20 ? GradientOrder::row_order : GradientOrder::multinomial));
    SecondMomentOperator L(p.A, Sampling::row_norm, hb.alpha, hb.beta, double(B));
    const double rho = mean_square_spectral_radius(L).rho;
    REQUIRE(rho < 1);
    const int K = 30, runs = 10000;
    const Eigen::VectorXd x0 = Eigen::VectorXd::Zero(4);
    const auto exact = mean_square_curve(L, x0 - p.x_star, K);
    auto sampler = std::make_shared<const RowSampler>(p.A, Sampling::row_norm);
    const auto curves = ensemble_relative_errors(
        p, hb.alpha, hb.beta, B, sampler, x0, K, runs,
        [](int t) { return derive_seed(17, "second-moment", "", 0, std::uint64_t(t)); }, 2);
    const double e02 = p.x_star.squaredNorm();
    for (int k : {1, 5, 10, 20, 30}) {
      double mean = 0, sq = 0;
      for (const auto& c : curves) {
        const double x = c(k) * c(k) * e02;
        mean += x / runs;
        sq += x * x / runs;
      }
      const double se = std::sqrt((sq - mean * mean) / (runs - 1));
      // A normal interval at 5 standard errors: a fixed-seed test of the engine, not a claim (the
      // claims use distribution-free bounds).
      INFO("k = " << k << ": exact " << exact[std::size_t(k)] << ", Monte Carlo " << mean << " +- "
                  << se);
      CHECK(std::abs(mean - exact[std::size_t(k)]) <= 5 * se);
    }
  }
}

TEST_CASE("rho(L_B) from Arnoldi on symmetric matrices equals the dense radius on all matrices",
          "[quick][second-moment]") {
  Engine rng = make_engine(21);
  for (int d : {3, 4, 6}) {
    Eigen::VectorXd lambda = spectrum(SpectrumRecipe::fast_algebraic, d, 30);
    LeastSquares p = least_squares_with_spectrum(lambda, 4 * d, rng);
    const auto hb = heavy_ball_parameters(p.eigenvalues, 1000);
    double previous = std::numeric_limits<double>::infinity();
    for (double B : {1.0, 10.0, 100.0, 1e4, 1e8}) {
      SecondMomentOperator L(p.A, Sampling::row_norm, hb.alpha, hb.beta, B);
      const auto r = mean_square_spectral_radius(L, 1e-10, 0);  // Arnoldi, whatever the size
      Eigen::EigenSolver<Eigen::MatrixXd> es(L.dense_kronecker(), false);
      const double dense = es.eigenvalues().cwiseAbs().maxCoeff();
      INFO("d " << d << " B " << B << " method " << r.method);
      CHECK(r.rho == Approx(dense).epsilon(1e-8));
      CHECK(r.rho <= previous * (1 + 1e-10));  // decreasing in B
      CHECK(r.rho >= hb.beta * (1 - 1e-8));    // towards rho(T)^2 = beta from above
      previous = r.rho;
    }
  }
}

TEST_CASE("B_ms(tau) is monotone in tau and lies in [1, B*(k)] on the paper's four spectra",
          "[quick][second-moment]") {
  Engine rng = make_engine(29);
  for (auto recipe : {SpectrumRecipe::fast_exponential, SpectrumRecipe::slow_exponential,
                      SpectrumRecipe::fast_algebraic, SpectrumRecipe::slow_algebraic}) {
    const int d = 6;
    LeastSquares p = least_squares_with_spectrum(spectrum(recipe, d, 30), 40 * d, rng);
    const auto hb = heavy_ball_parameters(p.eigenvalues, 1000);
    SecondMomentOperator L(p.A, Sampling::row_norm, hb.alpha, hb.beta, 1);
    long previous = std::numeric_limits<long>::max();
    for (double tau : {0.02, 0.05, 0.2}) {
      const auto b = mean_square_critical_batch(L, tau, critical_batch_real(hb));
      INFO(to_string(recipe) << " tau " << tau << ": B_ms " << b.batch << ", B* "
                             << critical_batch_real(hb) << ", B*(200) "
                             << critical_batch_horizon(hb, 200));
      REQUIRE(b.batch >= 1);
      CHECK(double(b.batch) <= critical_batch_horizon(hb, 200));
      CHECK(b.batch <= previous);
      CHECK(b.rate <= (1 + tau) * hb.sqrt_beta * (1 + 1e-12));
      // The batch below misses the target (B_ms is the smallest).
      if (b.batch > 1)
        CHECK(std::sqrt(mean_square_spectral_radius(L.with_batch(double(b.batch - 1))).rho) >
              (1 + tau) * hb.sqrt_beta);
      previous = b.batch;
      // At resolution 5%: a batch that reaches the target, at most 5% above the smallest.
      const auto coarse = mean_square_critical_batch(L, tau, critical_batch_real(hb), 1e15, 0.05);
      CHECK(coarse.batch >= b.batch);
      CHECK(double(coarse.batch) <= 1.05 * double(b.batch) + 1);
      CHECK(coarse.rate <= (1 + tau) * hb.sqrt_beta * (1 + 1e-12));
      // The reduced pencil's exact batch is the integer bisection's, from fewer spectral radii; the
      // bisection to 5% takes fewer radii than to the integer.
      const double target = (1 + tau) * (1 + tau) * hb.beta;
      const auto bisected = smallest_batch_by_bisection(L, target, critical_batch_real(hb));
      CHECK(b.batch == bisected.batch);
      CHECK(b.evaluations <= 2);
      CHECK(b.evaluations < bisected.evaluations);
      const auto bisected_coarse =
          smallest_batch_by_bisection(L, target, critical_batch_real(hb), 1e15, 0.05);
      CHECK(bisected_coarse.batch >= b.batch);
      CHECK(double(bisected_coarse.batch) <= 1.05 * double(b.batch) + 1);
      CHECK(bisected_coarse.evaluations < bisected.evaluations);
    }
  }
}

TEST_CASE("B_ms from the reduced pencil equals the integer bisection, both samplings, d up to 12",
          "[quick][second-moment]") {
  // Up to d = 12 every radius of the bisection is dense: a route independent of the reduced pencil.
  Engine rng = make_engine(31);
  for (int d : {3, 8, 12})
    for (auto sampling : {Sampling::row_norm, Sampling::uniform}) {
      LeastSquares p =
          least_squares_with_spectrum(spectrum(SpectrumRecipe::slow_algebraic, d, 20), 5 * d, rng);
      const auto hb = heavy_ball_parameters(p.eigenvalues, 1000);
      SecondMomentOperator L(p.A, sampling, hb.alpha, hb.beta, 1);
      for (double target : {(1.05 * 1.05) * hb.beta, 1.0}) {
        const auto exact = smallest_batch_with_radius(L, target, critical_batch_real(hb));
        const auto bisected = smallest_batch_by_bisection(L, target, critical_batch_real(hb));
        const auto crossing = reduced_pencil_crossing(L, target);
        INFO("d " << d << " uniform " << (sampling == Sampling::uniform) << " target " << target
                  << ": reduced pencil " << exact.batch << " (" << exact.method << ", crossing "
                  << crossing.batch << ", residual " << crossing.residual << ", min/max eigenvalue "
                  << crossing.min_eigenvalue_ratio << "), bisection " << bisected.batch << " ("
                  << bisected.evaluations << ")");
        CHECK(crossing.certified);
        CHECK(exact.method == "reduced pencil");
        CHECK(exact.batch == bisected.batch);
        CHECK(exact.evaluations <= 1);
        CHECK(exact.rho <= target);
      }
    }
}

// Above d = 12 the bisection is run on Arnoldi's radii of the whole operator, d (2d + 1) unknowns:
// two independent routes to one integer.
TEST_CASE("B_ms from the reduced pencil equals the integer bisection by Arnoldi's radii at d = 16",
          "[full][second-moment]") {
  Engine rng = make_engine(37);
  const int d = 16;
  for (auto sampling : {Sampling::row_norm, Sampling::uniform}) {
    LeastSquares p =
        least_squares_with_spectrum(spectrum(SpectrumRecipe::fast_algebraic, d, 30), 5 * d, rng);
    const auto hb = heavy_ball_parameters(p.eigenvalues, 1000);
    SecondMomentOperator L(p.A, sampling, hb.alpha, hb.beta, 1);
    const double target = (1.05 * 1.05) * hb.beta;
    const auto exact = smallest_batch_with_radius(L, target, critical_batch_real(hb));
    const auto bisected = smallest_batch_by_bisection(L, target, critical_batch_real(hb), 1e15, 0,
                                                      RadiusRoute::arnoldi);
    INFO("uniform " << (sampling == Sampling::uniform) << ": reduced pencil " << exact.batch
                    << ", bisection " << bisected.batch << " (" << bisected.evaluations << ")");
    CHECK(exact.method == "reduced pencil");
    CHECK(exact.batch == bisected.batch);
  }
}

// The radius from the reduced pencil's root against Arnoldi on the whole operator, where the dense
// solve is not taken and the quick tier still affords Arnoldi (d = 13: 351 unknowns).
TEST_CASE("rho(L_B) from the reduced pencil equals Arnoldi's on the whole operator",
          "[quick][second-moment]") {
  Engine rng = make_engine(43);
  const int d = 13;
  for (auto sampling : {Sampling::row_norm, Sampling::uniform}) {
    LeastSquares p =
        least_squares_with_spectrum(spectrum(SpectrumRecipe::slow_exponential, d, 30), 6 * d, rng);
    const auto hb = heavy_ball_parameters(p.eigenvalues, 1000);
    for (double B : {1.0, 30.0, 3000.0}) {
      SecondMomentOperator L(p.A, sampling, hb.alpha, hb.beta, B);
      const auto reduced = mean_square_spectral_radius(L);
      const auto arnoldi =
          mean_square_spectral_radius(L, 1e-10, kMeanSquareDenseMax, 1500, RadiusRoute::arnoldi);
      INFO("uniform " << (sampling == Sampling::uniform) << " B " << B << ": " << reduced.method
                      << " " << reduced.rho << ", " << arnoldi.method << " " << arnoldi.rho);
      CHECK(reduced.method == "reduced pencil");
      CHECK(arnoldi.method != "reduced pencil");  // Arnoldi, or its dense fallback
      CHECK(reduced.rho == Approx(arnoldi.rho).epsilon(1e-8));
    }
  }
}

// At extreme kappa the slowest coordinates barely receive noise: the lifted eigenvector is
// semidefinite only to round-off (not `interior`), and the radius must still be the dense one.
TEST_CASE("rho(L_B) from the reduced pencil equals the dense radius up to kappa 1e13",
          "[quick][second-moment]") {
  for (double kappa : {1e3, 1e9, 1.75e13}) {
    const int d = 8;
    Engine rng = make_engine(47);
    LeastSquares p = least_squares_with_spectrum(spectrum(SpectrumRecipe::slow_algebraic, d, kappa),
                                                 10 * d, rng);
    const auto hb = heavy_ball_parameters(p.eigenvalues, 1000);
    for (double B : {100.0, 1e6}) {
      SecondMomentOperator L(p.A, Sampling::row_norm, hb.alpha, hb.beta, B);
      const auto reduced = reduced_pencil_radius(L);
      const double dense = mean_square_spectral_radius(L).rho;  // d (2d + 1) = 136: dense
      INFO("kappa " << kappa << " B " << B << ": reduced " << reduced.rho << " (" << reduced.why
                    << "), dense " << dense);
      CHECK(reduced.certified);
      CHECK(reduced.rho == Approx(dense).epsilon(1e-10));
    }
  }
}
