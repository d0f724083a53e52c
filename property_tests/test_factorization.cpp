// Matrix factorization and linear networks (issue 5): the lemmas of
// docs/theory/matrix-factorization.md to round-off on sampled instances, column-space invariance
// for AGD, GD and NAG, scaling invariance, metamorphic identities (NAG with beta = 0 is GD), the
// width factors, and the problem generators.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/methods/factorization.hpp"
#include "thmcheck/methods/factorization_init.hpp"
#include "thmcheck/methods/factorization_metrics.hpp"
#include "thmcheck/methods/linear_network.hpp"
#include "thmcheck/problems/gaussian.hpp"
#include "thmcheck/problems/linear_network_data.hpp"
#include "thmcheck/problems/low_rank.hpp"
#include "thmcheck/spectral/width_factors.hpp"

using namespace thmcheck;

namespace {

struct Case {
  int m, n, r, d;
  double kappa;
  SingularSpacing spacing;
};

// Sampled instance shapes: small, d = r and d > r, both spacings.
std::vector<Case> cases() {
  std::vector<Case> out;
  Engine rng = make_engine(7);
  for (int i = 0; i < 12; ++i) {
    const int r = 1 + int(rng() % 4), d = r + int(rng() % 5);
    const int m = r + 5 + int(rng() % 30), n = r + 3 + int(rng() % 30);
    const double kappa = r == 1 ? 1.0 : std::exp(std::log(30.0) * double(rng() % 1000) / 1000.0);
    out.push_back(
        {m, n, r, d, kappa, i % 2 ? SingularSpacing::linear : SingularSpacing::geometric});
  }
  return out;
}

std::unique_ptr<FactorizationMethod> method(int which, const LowRankMatrix& M, int d, Engine& rng) {
  if (which == 0) {
    const double eta = 0.1 / M.s1();
    auto init = asymmetric_init(M.A, d, eta, 4, 4.0 / 9, M.s1(), rng);
    return std::make_unique<AlternatingGD>(M.A, eta, init.X0, init.Y0);
  }
  auto init = unbalanced_init(M.A, d, 10, rng);
  const double s1 = singular_value(M.A * init.Phi, 1), eta = 1 / (100 * s1 * s1);
  if (which == 1) return std::make_unique<SimultaneousGD>(M.A, eta, init.X0, init.Y0);
  return std::make_unique<NesterovFactorization>(M.A, eta, 0.9, init.X0, init.Y0);
}

constexpr double kEps = std::numeric_limits<double>::epsilon();

Eigen::MatrixXd gaussian_matrix_like(const Eigen::MatrixXd& M, Engine& rng) {
  return gaussian_matrix(M.rows(), M.cols(), rng);
}

}  // namespace

TEST_CASE("low-rank matrices have the prescribed rank, singular values and noise",
          "[quick][factorization]") {
  for (auto spacing : {SingularSpacing::geometric, SingularSpacing::linear}) {
    Engine rng = make_engine(3);
    auto M = low_rank_matrix(30, 20, 4, 25, spacing, rng);
    Eigen::JacobiSVD<Eigen::MatrixXd> svd(M.A);
    const auto& s = svd.singularValues();
    CHECK(s(0) == Approx(1).epsilon(1e-12));
    CHECK(s(3) == Approx(1.0 / 25).epsilon(1e-12));
    CHECK(s(4) < 1e-14);
    CHECK(M.kappa() == Approx(25));
    CHECK((M.U.transpose() * M.U - Eigen::MatrixXd::Identity(4, 4)).norm() < 1e-13);
    if (spacing == SingularSpacing::linear)
      CHECK(s(1) == Approx(1 - (1 - 1.0 / 25) / 3).epsilon(1e-12));
    if (spacing == SingularSpacing::geometric)
      CHECK(s(1) == Approx(std::pow(25, -1.0 / 3)).epsilon(1e-12));
  }
  // Same engine state, different kappa: the same singular vectors (a kappa sweep on one instance).
  Engine a = make_engine(5), b = make_engine(5);
  auto M1 = low_rank_matrix(12, 10, 3, 2, SingularSpacing::geometric, a);
  auto M2 = low_rank_matrix(12, 10, 3, 50, SingularSpacing::geometric, b);
  CHECK((M1.U - M2.U).norm() == 0);
  CHECK((M1.V - M2.V).norm() == 0);
  // Noise: the relative size of the perturbation.
  Engine c = make_engine(5);
  auto N = low_rank_matrix(12, 10, 3, 50, SingularSpacing::geometric, c, 1e-3);
  CHECK((N.A - M2.A).norm() / M2.A.norm() == Approx(1e-3).epsilon(1e-10));
  Engine e = make_engine(1);
  CHECK_THROWS_AS(low_rank_matrix(5, 3, 4, 2, SingularSpacing::geometric, e), InputError);
  CHECK_THROWS_AS(singular_values(3, 0.5, SingularSpacing::linear), InputError);
  CHECK_THROWS_AS(parse_singular_spacing("cubic"), InputError);
  CHECK(parse_singular_spacing("linear") == SingularSpacing::linear);
}

TEST_CASE("AGD residual recursions hold to round-off", "[quick][factorization]") {
  for (const auto& c : cases()) {
    Engine rng = make_engine(c.m * 100 + c.d);
    auto M = low_rank_matrix(c.m, c.n, c.r, c.kappa, c.spacing, rng);
    const double eta = 0.1 / M.s1();
    auto init = asymmetric_init(M.A, c.d, eta, 4, 4.0 / 9, M.s1(), rng);
    AlternatingGD agd(M.A, eta, init.X0, init.Y0);
    double worst = 0;
    for (int t = 0; t < 60; ++t) {
      const Eigen::MatrixXd R = agd.residual(), Y = agd.Y();
      agd.step();
      const auto& H = agd.half_residual();
      const auto& X = agd.X();
      const Eigen::MatrixXd In = Eigen::MatrixXd::Identity(c.n, c.n),
                            Im = Eigen::MatrixXd::Identity(c.m, c.m);
      worst = std::max(worst, (H - R * (In - eta * Y * Y.transpose())).norm() / M.A.norm());
      worst = std::max(worst,
                       (agd.residual() - (Im - eta * X * X.transpose()) * H).norm() / M.A.norm());
    }
    INFO("m=" << c.m << " n=" << c.n << " r=" << c.r << " d=" << c.d);
    CHECK(worst < 1e3 * kEps);
  }
}

TEST_CASE("column space stays in col(A) for AGD, GD and NAG", "[quick][factorization]") {
  for (const auto& c : cases())
    for (int which = 0; which < 3; ++which) {
      Engine rng = make_engine(c.n * 31 + which);
      auto M = low_rank_matrix(c.m, c.n, c.r, c.kappa, c.spacing, rng);
      auto m = method(which, M, c.d, rng);
      double worst = 0;
      run(*m, 200, [&](int, const FactorizationMethod& fm) {
        worst = std::max(worst, column_space_residual(fm.X(), M.U));
      });
      INFO(m->name() << " m=" << c.m << " n=" << c.n << " r=" << c.r << " d=" << c.d);
      CHECK(worst < 1e3 * kEps);
    }
}

TEST_CASE("PL in Y and smoothness in Y hold along AGD runs", "[quick][factorization]") {
  for (const auto& c : cases()) {
    Engine rng = make_engine(c.m + 17 * c.n);
    auto M = low_rank_matrix(c.m, c.n, c.r, c.kappa, c.spacing, rng);
    auto m = method(0, M, c.d, rng);
    bool pl = true, smooth = true;
    run(*m, 100, [&](int, const FactorizationMethod& fm) {
      const double sr = singular_value(fm.X(), c.r);
      const double grad2 = (fm.residual().transpose() * fm.X()).squaredNorm();
      pl = pl && 2 * sr * sr * fm.loss() <= grad2 * (1 + 1e-10) + 1e-28;
      // grad_Y f(X, Y) = -(A - X Y^T)^T X is ||X||^2-Lipschitz in Y.
      const Eigen::MatrixXd dY = gaussian_matrix_like(fm.Y(), rng);
      const Eigen::MatrixXd g1 = -(fm.A() - fm.X() * fm.Y().transpose()).transpose() * fm.X();
      const Eigen::MatrixXd Y2 = fm.Y() + dY;
      const Eigen::MatrixXd g2 = -(fm.A() - fm.X() * Y2.transpose()).transpose() * fm.X();
      const double L = std::pow(singular_value(fm.X(), 1), 2);
      smooth = smooth && (g1 - g2).norm() <= L * dY.norm() * (1 + 1e-12);
    });
    CHECK(pl);
    CHECK(smooth);
  }
}

TEST_CASE(
    "scaling invariance: (lam A, sqrt(lam) X, sqrt(lam) Y, eta/lam) maps iterates to iterates",
    "[quick][factorization]") {
  const double lam = 7.5;
  for (int which = 0; which < 3; ++which) {
    Engine rng = make_engine(11 + which);
    auto M = low_rank_matrix(25, 18, 3, 10, SingularSpacing::geometric, rng);
    const Eigen::MatrixXd X0 = gaussian_matrix(25, 5, rng, 0.3),
                          Y0 = gaussian_matrix(18, 5, rng, 0.3);
    const Eigen::MatrixXd A2 = lam * M.A;
    const double eta = 0.05;
    std::unique_ptr<FactorizationMethod> a, b;
    if (which == 0) {
      a = std::make_unique<AlternatingGD>(M.A, eta, X0, Y0);
      b = std::make_unique<AlternatingGD>(A2, eta / lam, std::sqrt(lam) * X0, std::sqrt(lam) * Y0);
    } else if (which == 1) {
      a = std::make_unique<SimultaneousGD>(M.A, eta, X0, Y0);
      b = std::make_unique<SimultaneousGD>(A2, eta / lam, std::sqrt(lam) * X0, std::sqrt(lam) * Y0);
    } else {
      a = std::make_unique<NesterovFactorization>(M.A, eta, 0.5, X0, Y0);
      b = std::make_unique<NesterovFactorization>(A2, eta / lam, 0.5, std::sqrt(lam) * X0,
                                                  std::sqrt(lam) * Y0);
    }
    for (int t = 0; t < 100; ++t) {
      a->step();
      b->step();
    }
    INFO(a->name());
    CHECK((b->X() / std::sqrt(lam) - a->X()).norm() <= 1e-11 * a->X().norm());
    CHECK((b->Y() / std::sqrt(lam) - a->Y()).norm() <= 1e-11 * a->Y().norm());
    CHECK(b->loss() / (lam * lam) == Approx(a->loss()).epsilon(1e-9));
  }
}

TEST_CASE("NAG with beta = 0 is simultaneous GD; AGD differs from GD", "[quick][factorization]") {
  Engine rng = make_engine(4);
  auto M = low_rank_matrix(20, 15, 3, 5, SingularSpacing::linear, rng);
  auto init = unbalanced_init(M.A, 4, 10, rng);
  const double eta = 1e-3;
  SimultaneousGD gd(M.A, eta, init.X0, init.Y0);
  NesterovFactorization nag(M.A, eta, 0.0, init.X0, init.Y0);
  AlternatingGD agd(M.A, eta, init.X0, init.Y0);
  for (int t = 0; t < 50; ++t) {
    gd.step();
    nag.step();
    agd.step();
  }
  CHECK((gd.X() - nag.X()).norm() <= 1e-13 * gd.X().norm());
  CHECK((gd.Y() - nag.Y()).norm() <= 1e-13 * gd.Y().norm());
  CHECK((gd.Y() - agd.Y()).norm() > 1e-8 * gd.Y().norm());
  CHECK_THROWS_AS(NesterovFactorization(M.A, eta, 1.0, init.X0, init.Y0), InputError);
  CHECK_THROWS_AS(SimultaneousGD(M.A, -1, init.X0, init.Y0), InputError);
  CHECK_THROWS_AS(SimultaneousGD(M.A, eta, init.X0, Eigen::MatrixXd::Zero(3, 4)), InputError);
}

TEST_CASE("tail rate: GD from a nearly frozen X contracts at the least-squares rate 1 - 1/k",
          "[quick][factorization]") {
  // With X_0 = c A Phi and c large, X barely moves and the residual obeys R_{t+1} = (I - eta X_0
  // X_0^T) R_t on col(A): its slowest mode decays like (1 - 1/k)^t, k = cond(A Phi)^2, for eta =
  // 1/(c^2 s_1(A Phi)^2). The tail fit must recover -1/log(1 - 1/k) iterations per factor e of
  // ||R||_F (not of f, which is squared).
  const double c = 1e3;
  int compared = 0;
  for (const auto& cs : cases()) {
    Engine rng = make_engine(11 + compared);
    auto M = low_rank_matrix(cs.m, cs.n, cs.r, cs.kappa, cs.spacing, rng);
    auto init = unbalanced_init(M.A, cs.d, c, rng);
    const Eigen::MatrixXd APhi = M.A * init.Phi;
    const double s1 = singular_value(APhi, 1), cond = restricted_condition(APhi, cs.r),
                 k = cond * cond;
    if (k < 4) continue;  // a few steps reach the target: no tail to fit
    SimultaneousGD gd(M.A, 1 / (c * c * s1 * s1), init.X0, init.Y0);
    const TailRate tr = tail_rate(gd, 1e-4, 1e-8, 10000000);
    INFO("m " << cs.m << " n " << cs.n << " r " << cs.r << " d " << cs.d << " k " << k);
    REQUIRE(tr.ok());
    CHECK(tr.t_upper < tr.t_lower);
    const double predicted = -1 / std::log(1 - 1 / k);
    CHECK(tr.iterations_per_e() == Approx(predicted).epsilon(0.05));
    ++compared;
  }
  CHECK(compared >= 6);
  Engine rng = make_engine(5);
  auto M = low_rank_matrix(20, 15, 3, 10, SingularSpacing::geometric, rng);
  auto init = unbalanced_init(M.A, 6, 100, rng);
  SimultaneousGD gd(M.A, 1e-9, init.X0, init.Y0);
  const TailRate cut = tail_rate(gd, 1e-4, 1e-8, 10);  // the budget ends first
  CHECK_FALSE(cut.ok());
  CHECK(cut.iterations_per_e() == std::numeric_limits<double>::infinity());
  CHECK_THROWS_AS(tail_rate(gd, 1e-8, 1e-4, 10), InputError);
  CHECK_THROWS_AS(tail_rate(gd, 1e-4, 0, 10), InputError);
}

TEST_CASE("tail rate: GD on a linear network with a nearly frozen W_2 contracts at 1 - 1/k",
          "[quick][factorization]") {
  // With W_2(0) = c Y Psi, c large, the W_1-problem is least squares with condition number k (the
  // effective kappa) and step 1/L, so ||R_t||_F decays like (1 - 1/k)^t on the tail once the
  // slowest mode dominates. Label rank 1 and few inputs keep the slowest mode well apart from the
  // next one (its rate is at least kappa_x^(2/3) times slower here); with clustered slow modes the
  // tail window sees a blend of them (measured: up to 30% faster than 1 - 1/k at p = 8, kappa_x =
  // 5).
  const double c = 1e3;
  for (int i = 0; i < 6; ++i) {
    Engine rng = make_engine(31 + i);
    const int p = 2 + i % 3, d = 1 + i % 2;
    auto data = linear_network_data(p, 4, p + 3, 1, 6.0 + 4 * i, rng);
    auto init = unbalanced_network_init(data, d, c, rng);
    const double w = singular_value(init.W2_0, 1), x = data.data_singular_values(0);
    const double k = linear_network_effective_kappa(data, init.W2_0);
    LinearNetworkNesterov gd(data, 1 / (w * w * x * x), 0.0, init.W1_0, init.W2_0);
    const TailRate tr = tail_rate(gd, 1e-4, 1e-8, 10000000);
    INFO("case " << i << " p " << p << " d " << d << " k " << k);
    REQUIRE(tr.ok());
    CHECK(tr.iterations_per_e() == Approx(-1 / std::log(1 - 1 / k)).epsilon(1e-3));
  }
}

TEST_CASE("initializations: unbalanced in col(A) with Y_0 = 0, asymmetric scales as stated",
          "[quick][factorization]") {
  Engine a = make_engine(9), b = make_engine(9);
  auto M = low_rank_matrix(20, 15, 3, 5, SingularSpacing::geometric, a);
  Engine ra = make_engine(1), rb = make_engine(1);
  auto u = unbalanced_init(M.A, 6, 100, ra);
  CHECK(u.Y0.norm() == 0);
  CHECK((u.X0 - 100 * M.A * u.Phi).norm() == 0);
  CHECK(column_space_residual(u.X0, M.U) < 1e-14);
  auto w = asymmetric_init(M.A, 6, 0.01, 4, 4.0 / 9, 1.0, rb);
  CHECK((w.X0 - M.A * w.Phi / (0.1 * 4)).norm() <= 1e-14 * w.X0.norm());
  // Phi has i.i.d. N(0, 1/d) entries: the mean square is about 1/d.
  Engine rc = make_engine(2);
  const Eigen::MatrixXd P = sketch_matrix(400, 8, rc);
  CHECK(P.squaredNorm() / double(P.size()) == Approx(1.0 / 8).epsilon(0.05));
  CHECK_THROWS_AS(unbalanced_init(M.A, 0, 1, rc), InputError);
  CHECK_THROWS_AS(small_gaussian_init(3, 3, 2, -1, rc), InputError);
  (void)b;
}

TEST_CASE("width factors: the two papers' d-factors agree within 4", "[quick][factorization]") {
  for (int d = 1; d <= 120; ++d)
    for (int r = 1; r <= d; ++r) {
      const double wk = wk_width_factor(d, r), gd = gd_width_factor(d, r);
      CHECK(gd <= wk * (1 + 1e-12));
      CHECK(wk <= 4 * gd * (1 + 1e-12));
      CHECK(nag_width_factor(d, r) * nag_width_factor(d, r) == Approx(gd));
    }
  CHECK(wk_width_factor(7, 1) == Approx(1));
  CHECK(wk_width_factor(10, 5) <= 11.7);
  CHECK(chen_dongarra_log_cond_bound(100, 50) == Approx(std::log(100.0 / 51) + 2.258));
  CHECK_THROWS_AS(wk_width_factor(2, 3), InputError);
}

TEST_CASE(
    "linear network: labels fit exactly, GD descends, NAG with beta = 0 is GD, span invariance",
    "[quick][factorization]") {
  Engine rng = make_engine(21);
  auto data = linear_network_data(8, 5, 12, 2, 4, rng);
  CHECK((data.Y - data.W_star * data.X).norm() < 1e-14 * data.Y.norm());
  CHECK(data.kappa_x() == Approx(4));
  Eigen::JacobiSVD<Eigen::MatrixXd> sy(data.Y, Eigen::ComputeThinU);
  CHECK(sy.singularValues()(2) < 1e-13 * sy.singularValues()(0));
  const Eigen::MatrixXd Uy = sy.matrixU().leftCols(2);
  auto init = unbalanced_network_init(data, 4, 10, rng);
  const double w = singular_value(init.W2_0, 1), eta = 1 / (w * w);
  LinearNetworkNesterov gd(data, eta, 0.0, init.W1_0, init.W2_0);
  const double k = linear_network_effective_kappa(data, init.W2_0);
  LinearNetworkNesterov nag(data, eta, (std::sqrt(k) - 1) / (std::sqrt(k) + 1), init.W1_0,
                            init.W2_0);
  double prev = gd.loss();
  bool descent = true;
  for (int t = 0; t < 300; ++t) {
    gd.step();
    nag.step();
    descent = descent && gd.loss() <= prev * (1 + 1e-12);
    prev = gd.loss();
  }
  CHECK(descent);
  CHECK(column_space_residual(gd.W2(), Uy) < 1e-12);
  CHECK(column_space_residual(nag.W2(), Uy) < 1e-12);
  // The gradient step agrees with finite differences of the loss.
  LinearNetworkNesterov probe(data, 1e-9, 0.0, gaussian_matrix(4, 8, rng, 0.3),
                              gaussian_matrix(5, 4, rng, 0.3));
  const Eigen::MatrixXd W1 = probe.W1(), W2 = probe.W2();
  const double L0 = probe.loss();
  probe.step();
  // One step of size eta changes the loss by about -eta ||grad||^2.
  const Eigen::MatrixXd R = data.Y - W2 * W1 * data.X;
  const double g2 = (W2.transpose() * R * data.X.transpose()).squaredNorm() +
                    (R * data.X.transpose() * W1.transpose()).squaredNorm();
  CHECK((L0 - probe.loss()) / (1e-9 * g2) == Approx(1).epsilon(1e-4));
  CHECK_THROWS_AS(linear_network_data(9, 5, 8, 2, 4, rng), InputError);
  CHECK_THROWS_AS(linear_network_data(8, 5, 12, 6, 4, rng), InputError);
}
