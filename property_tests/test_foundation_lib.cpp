// Unit tests of the foundation of lib/: seeding, hypotheses, parameters, problems and methods.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "harness/point_shrinking.hpp"
#include "thmcheck/core/errors.hpp"
#include "thmcheck/core/seed.hpp"
#include "thmcheck/harness/hypotheses.hpp"
#include "thmcheck/harness/parameters.hpp"
#include "thmcheck/methods/gradient_descent.hpp"
#include "thmcheck/methods/heavy_ball.hpp"
#include "thmcheck/methods/kaczmarz.hpp"
#include "thmcheck/methods/minibatch_heavy_ball.hpp"
#include "thmcheck/problems/gaussian.hpp"
#include "thmcheck/problems/least_squares.hpp"
#include "thmcheck/problems/matrix_market.hpp"
#include "thmcheck/problems/spectrum.hpp"

using namespace thmcheck;

TEST_CASE("seeds depend on every component and nothing else", "[quick][seed]") {
  const auto s = derive_seed(1, "thm", "claim", 2, 3);
  CHECK(s == derive_seed(1, "thm", "claim", 2, 3));
  CHECK(s != derive_seed(2, "thm", "claim", 2, 3));
  CHECK(s != derive_seed(1, "thn", "claim", 2, 3));
  CHECK(s != derive_seed(1, "thm", "claim2", 2, 3));
  CHECK(s != derive_seed(1, "thm", "claim", 3, 3));
  CHECK(s != derive_seed(1, "thm", "claim", 2, 4));
  // Swapping instance and trial must not collide (they are mixed asymmetrically).
  CHECK(derive_seed(1, "t", "c", 2, 3) != derive_seed(1, "t", "c", 3, 2));
  Engine a = make_engine(s), b = make_engine(s);
  for (int i = 0; i < 10; ++i) CHECK(a() == b());
}

TEST_CASE("Gaussian draws are bit-reproducible from a seed", "[quick][seed]") {
  Engine a = make_engine(42), b = make_engine(42);
  Eigen::MatrixXd A = gaussian_matrix(5, 4, a), B = gaussian_matrix(5, 4, b);
  CHECK((A - B).norm() == 0.0);
  Engine c = make_engine(7);
  Eigen::MatrixXd Q = random_orthonormal(30, 6, c);
  CHECK((Q.transpose() * Q - Eigen::MatrixXd::Identity(6, 6)).norm() < 1e-13);
}

TEST_CASE("hypotheses draw deterministic points inside their ranges and shrink toward the low end",
          "[quick][hypotheses]") {
  Hypotheses h;
  h.integer("d", 2, 10, 100, "dim")
      .log_uniform("kappa", 2, 1e3, 1e5, "cond")
      .choice("recipe", {"a", "b", "c"}, "r");
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    Point p = h.sample(seed, Tier::quick);
    CHECK(p["d"] >= 2);
    CHECK(p["d"] <= 10);
    CHECK(p["d"] == std::floor(p["d"]));
    CHECK(p["kappa"] >= 2);
    CHECK(p["kappa"] <= 1e3 * (1 + 1e-12));
    CHECK(p["recipe"] >= 0);
    CHECK(p["recipe"] <= 2);
    Point q = h.sample(seed, Tier::quick);
    CHECK(p.describe() == q.describe());
    CHECK(p.seed == q.seed);
  }
  // Full-tier ranges are wider.
  double max_d = 0;
  for (std::uint64_t seed = 0; seed < 200; ++seed)
    max_d = std::max(max_d, h.sample(seed, Tier::full)["d"]);
  CHECK(max_d > 10);
  // The first shrink of every coordinate is its low end.
  auto s = draw_shrinkable(h, 3, Tier::quick);
  auto first = s.shrinks().next();
  REQUIRE(first);
  CHECK(first->value()["d"] == 2);
  CHECK(first->value().seed == s.value().seed);
  CHECK_THROWS_AS(h.make({{"d", 3}}, 1), InputError);
  CHECK(h.make({{"d", 3}, {"kappa", 10}, {"recipe", 1}}, 9).label("recipe") == "b");
}

TEST_CASE("parameters reject unknown names and out-of-range values with the name in the message",
          "[quick][parameters]") {
  Parameters p;
  p.add("delta", 0.1, "failure probability", 0, 1).add_integer("K", 10, "horizon", 1, 100);
  CHECK(p["delta"] == 0.1);
  p.set("delta", 0.2);
  CHECK(p["delta"] == 0.2);
  CHECK_THROWS_WITH(p.set("deltax", 0.2), Catch::Contains("deltax"));
  CHECK_THROWS_WITH(p.set("delta", 2), Catch::Contains("delta"));
  CHECK_THROWS_AS(p.set("K", 2.5), InputError);
  CHECK_THROWS_AS(p.set("delta", std::nan("")), InputError);
  Constant lit = 3.0, named = "delta";
  CHECK(lit(p) == 3.0);
  CHECK(named(p) == 0.2);
}

TEST_CASE("the four spectra run from 1 to kappa, ascending", "[quick][problems]") {
  for (const auto& name : spectrum_names()) {
    auto l = spectrum(parse_spectrum(name), 50, 100);
    CHECK(l(0) == Approx(1));
    CHECK(l(49) == Approx(100));
    for (int i = 1; i < 50; ++i) CHECK(l(i) >= l(i - 1));
  }
  // slow algebraic is linear: tr(H)/d = (1 + kappa)/2 (the worked example's kappa_bar = 50.50).
  CHECK(spectrum(SpectrumRecipe::slow_algebraic, 100, 100).mean() == Approx(50.5));
  CHECK_THROWS_WITH(parse_spectrum("fast-exp"), Catch::Contains("fast-exp"));
  CHECK_THROWS_AS(spectrum(SpectrumRecipe::fast_algebraic, 1, 10), InputError);
}

TEST_CASE("least-squares instances have the prescribed spectrum and solution",
          "[quick][problems]") {
  Engine rng = make_engine(11);
  Eigen::VectorXd lambda = spectrum(SpectrumRecipe::fast_exponential, 8, 50);
  auto p = least_squares_with_spectrum(lambda, 20, rng);
  Eigen::MatrixXd H = p.A.transpose() * p.A;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(H);
  CHECK((es.eigenvalues() - lambda).norm() < 1e-12 * 50);
  CHECK(p.consistent());
  CHECK((H * p.eigenvectors.col(0) - p.eigenvalues(0) * p.eigenvectors.col(0)).norm() < 1e-12);
  // Inconsistent: x_star is still the least-squares solution, and b is off the range of A.
  auto q = least_squares_with_spectrum(lambda, 20, rng, 1e-3);
  CHECK(!q.consistent());
  CHECK((q.A.transpose() * (q.A * q.x_star - q.b)).norm() < 1e-12);
  // The residual is the part of the noise orthogonal to range(A): at most its norm 1e-3.
  const double residual = (q.A * q.x_star - q.b).norm();
  CHECK(residual <= 1e-3 * (1 + 1e-9));
  CHECK(residual > 1e-4);
  CHECK_THROWS_AS(least_squares_with_spectrum(lambda, 5, rng), InputError);
  RowMatrix deficient = RowMatrix::Zero(5, 2);
  deficient(0, 0) = 1;
  CHECK_THROWS_WITH(least_squares_from(deficient, Eigen::VectorXd::Zero(5)),
                    Catch::Contains("rank-deficient"));
}

namespace {
std::string write_temp(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("thmcheck-test-" + name);
  std::ofstream(path) << text;
  return path.string();
}
}  // namespace

TEST_CASE("Matrix Market input: good files read, bad files fail naming the problem",
          "[quick][problems]") {
  auto good = write_temp(
      "good.mtx",
      "%%MatrixMarket matrix coordinate real general\n% comment\n3 2 3\n1 1 2.5\n2 2 -1\n3 1 4\n");
  auto A = read_matrix_market(good);
  CHECK(A.rows() == 3);
  CHECK(A.cols() == 2);
  CHECK(A.coeff(0, 0) == 2.5);
  CHECK(A.coeff(2, 0) == 4);
  auto sym = write_temp("sym.mtx",
                        "%%MatrixMarket matrix coordinate real symmetric\n2 2 2\n1 1 1\n2 1 3\n");
  CHECK(read_matrix_market(sym).coeff(0, 1) == 3);
  auto arr = write_temp("arr.mtx", "%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n");
  CHECK(read_matrix_market(arr).coeff(0, 1) == 3);
  // A symmetric array holds its lower triangle, column by column; off-diagonal values once each.
  auto sym_arr =
      write_temp("sym-arr.mtx", "%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n3\n");
  const auto S = read_matrix_market(sym_arr);
  CHECK(S.coeff(0, 0) == 1);
  CHECK(S.coeff(1, 0) == 2);
  CHECK(S.coeff(0, 1) == 2);
  CHECK(S.coeff(1, 1) == 3);
  CHECK_THROWS_WITH(
      read_matrix_market(write_temp(
          "sym-arr-full.mtx", "%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n2\n3\n")),
      Catch::Contains("more entries than the 3 declared"));

  CHECK_THROWS_WITH(read_matrix_market("/nonexistent/x.mtx"), Catch::Contains("cannot read"));
  CHECK_THROWS_WITH(read_matrix_market(write_temp("hdr.mtx", "hello\n1 1 1\n")),
                    Catch::Contains("not a Matrix Market"));
  CHECK_THROWS_WITH(
      read_matrix_market(
          write_temp("nan.mtx", "%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 abc\n")),
      Catch::Contains("'abc' is not a finite number"));
  CHECK_THROWS_WITH(
      read_matrix_market(
          write_temp("idx.mtx", "%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1\n")),
      Catch::Contains("outside"));
  CHECK_THROWS_WITH(
      read_matrix_market(
          write_temp("cnt.mtx", "%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n")),
      Catch::Contains("expected 2 entries"));
  CHECK_THROWS_WITH(read_matrix_market(write_temp(
                        "size.mtx", "%%MatrixMarket matrix coordinate real general\n0 2 0\n")),
                    Catch::Contains("nonsensical"));
}

namespace {
LeastSquares small_problem(std::uint64_t seed, double noise = 0) {
  Engine rng = make_engine(seed);
  return least_squares_with_spectrum(spectrum(SpectrumRecipe::slow_algebraic, 6, 20), 40, rng,
                                     noise);
}
}  // namespace

TEST_CASE("GD and HBM follow their recursions exactly", "[quick][methods]") {
  auto p = small_problem(3);
  Eigen::VectorXd x0 = Eigen::VectorXd::Ones(6);
  Eigen::MatrixXd H = p.A.transpose() * p.A;
  Eigen::VectorXd g0 = H * x0 - p.A.transpose() * p.b;
  Engine rng = make_engine(0);
  GradientDescent gd(p, 0.01, x0);
  gd.step(rng);
  CHECK((gd.x() - (x0 - 0.01 * g0)).norm() < 1e-12);
  // The first heavy-ball step carries no momentum (x_{-1} = x_0), the second does.
  HeavyBall hb(p, 0.01, 0.5, x0);
  hb.step(rng);
  Eigen::VectorXd x1 = x0 - 0.01 * g0;
  CHECK((hb.x() - x1).norm() < 1e-12);
  hb.step(rng);
  Eigen::VectorXd x2 = x1 - 0.01 * (H * x1 - p.A.transpose() * p.b) + 0.5 * (x1 - x0);
  CHECK((hb.x() - x2).norm() < 1e-12);
}

TEST_CASE("randomized Kaczmarz projects onto the sampled row's hyperplane", "[quick][methods]") {
  auto p = small_problem(5);
  Eigen::VectorXd x0 = Eigen::VectorXd::Zero(6);
  RandomizedKaczmarz rk(p, 1.0, x0);
  Engine rng = make_engine(9);
  double prev = (x0 - p.x_star).norm();
  for (int k = 0; k < 200; ++k) {
    rk.step(rng);
    double now = (rk.x() - p.x_star).norm();
    CHECK(now <= prev * (1 + 1e-12));  // a projection never moves away from x*
    prev = now;
    // After the step some row's residual is zero: check that at least one row is satisfied.
    CHECK(((p.A * rk.x() - p.b).cwiseAbs().minCoeff()) < 1e-10);
  }
}

TEST_CASE("the minibatch gradient is unbiased: its importance weights undo the sampling",
          "[quick][methods]") {
  auto p = small_problem(8, 1e-2);
  for (auto s : {Sampling::row_norm, Sampling::uniform}) {
    RowSampler sampler(p.A, s);
    // E g = sum_i p_i (1/p_i) a_i (a_i^T x - b_i) = A^T (A x - b), exactly.
    Eigen::VectorXd x = Eigen::VectorXd::LinSpaced(6, -1, 1), Eg = Eigen::VectorXd::Zero(6);
    for (Eigen::Index i = 0; i < p.A.rows(); ++i) {
      Eigen::VectorXd a = p.A.row(i).transpose();
      Eg += sampler.table.probability(std::size_t(i)) * sampler.inv_p[std::size_t(i)] * a *
            (a.dot(x) - p.b(i));
    }
    CHECK((Eg - p.A.transpose() * (p.A * x - p.b)).norm() < 1e-12);
  }
  // Minibatch HBM with a huge batch tracks deterministic HBM closely.
  auto sampler = std::make_shared<const RowSampler>(p.A, Sampling::row_norm);
  Eigen::VectorXd x0 = Eigen::VectorXd::Zero(6);
  MinibatchHeavyBall mb(p, 0.02, 0.3, 200000, sampler, x0);
  HeavyBall hb(p, 0.02, 0.3, x0);
  Engine rng = make_engine(1);
  for (int k = 0; k < 5; ++k) {
    mb.step(rng);
    hb.step(rng);
  }
  CHECK((mb.x() - hb.x()).norm() < 0.05 * hb.x().norm());
  CHECK_THROWS_AS(MinibatchHeavyBall(p, 0.1, 0.1, 0, sampler, x0), std::invalid_argument);
  CHECK_THROWS_AS(parse_sampling("norm"), InputError);
}
