// Minibatch heavy-ball momentum keeps the accelerated rate of heavy ball once the batch exceeds the
// critical size B* (Bollapragada, Chen, Ward, IMA J. Numer. Anal. 2024; shared/theory/minibatch-hbm.md).
// Claims 1-7 of the theory file: the spectral lemmas, the deterministic rates and their sqrt(kappa)
// versus kappa exponents, the main claim, its necessity, its sharpness (B_emp against B*), the products
// of momentum matrices against ||T^k|| and the product-concentration bound, and the reproductions
// (the seed's Figure 1 and the B-dependence experiment), with falsified controls.
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <numbers>

#include "common.hpp"
#include "thmcheck/harness/kinds/bound_curve.hpp"
#include "thmcheck/harness/kinds/comparison.hpp"
#include "thmcheck/harness/kinds/inequality.hpp"
#include "thmcheck/harness/kinds/probability.hpp"
#include "thmcheck/harness/kinds/scaling.hpp"
#include "thmcheck/harness/kinds/threshold.hpp"
#include "thmcheck/harness/registry.hpp"
#include "thmcheck/harness/theorem.hpp"
#include "thmcheck/methods/gradient_descent.hpp"
#include "thmcheck/methods/heavy_ball.hpp"
#include "thmcheck/methods/kaczmarz.hpp"
#include "thmcheck/methods/minibatch_heavy_ball.hpp"
#include "thmcheck/problems/gaussian.hpp"
#include "thmcheck/problems/large_least_squares.hpp"
#include "thmcheck/report/figure.hpp"
#include "thmcheck/spectral/heavy_ball_parameters.hpp"
#include "thmcheck/spectral/momentum_basis.hpp"
#include "thmcheck/spectral/momentum_product.hpp"
#include "thmcheck/spectral/product_concentration.hpp"
#include "thmcheck/stats/order_statistics.hpp"

namespace thmcheck::theorems {
namespace {

constexpr const char* kId = "minibatch-hbm-acceleration";
constexpr double kEps = std::numeric_limits<double>::epsilon();

// ---------------------------------------------------------------------------------------------------
// The instance of a point with its heavy-ball quantities, built once per run.

struct HbmSetup {
  std::shared_ptr<const LeastSquares> problem;
  HeavyBallParameters hb;
  std::shared_ptr<const RowSampler> sampler;
  double bstar_real = 0;  // B* before the floor
  long bstar = 0;         // ceil(B*): a claim "for B >= B*" runs here
  int horizon = 0;        // k at which sqrt(2) kappa_C beta^{k/2} reaches the round-off floor
  std::string key;        // names the instance in the run's cache

  // sqrt(2) kappa_C beta^{k/2}: the deterministic bound of minibatch-hbm.md.
  double bound(int k) const { return std::sqrt(2.0) * hb.kappa_C * std::pow(hb.sqrt_beta, k); }
  long batch(double multiple) const { return std::max(1L, long(std::ceil(multiple * bstar_real))); }
};

HbmSetup make_setup(std::shared_ptr<const LeastSquares> p, const Parameters& params, std::string key) {
  HbmSetup s;
  s.key = std::move(key);
  s.problem = std::move(p);
  s.hb = heavy_ball_parameters(s.problem->eigenvalues, params["c"]);
  s.sampler = std::make_shared<const RowSampler>(s.problem->A, Sampling::row_norm);
  s.bstar_real = critical_batch_real(s.hb);
  s.bstar = long(std::ceil(s.bstar_real));
  const double k_floor = iterations_to_eps(s.hb, params["floor"]);
  s.horizon = std::max(4, std::min(int(params["max_horizon"]), int(std::ceil(k_floor))));
  return s;
}

std::shared_ptr<const HbmSetup> setup(const Trial& t) {
  auto p = spectrum_instance(t);
  const std::string key = fmt::format("hbm/{}/{}/{}/{}/{}", t.point.describe(), t.point.seed, t.params["c"],
                                      t.params["floor"], t.params["max_horizon"]);
  return t.store.get<HbmSetup>(key, [&] { return make_setup(p, t.params, key); });
}

// ||x_k - x*|| / ||x_0 - x*||, k = 0..K, of minibatch HBM from x_0 = 0 with batch B: run `run` of this
// instance. Its engine is seeded from the point's seed, B, beta and run, so claims that ask for the same
// run share it (common random numbers, and a trajectory computed once per run of the harness).
std::shared_ptr<const Eigen::VectorXd> trajectory(const Trial& t, const HbmSetup& s, long B, double beta,
                                                  std::size_t run) {
  const int K = s.horizon;
  const std::string tag = fmt::format("B={} beta={:.17g} K={}", B, beta, K);
  const std::string key = fmt::format("traj/{}/{}/{}", s.key, tag, run);
  return t.store.get<Eigen::VectorXd>(key, [&] {
    Engine rng = make_engine(derive_seed(t.point.seed, kId, s.key + tag, 0, run));
    MinibatchHeavyBall m(*s.problem, s.hb.alpha, beta, B, s.sampler, Eigen::VectorXd::Zero(s.problem->cols()));
    return relative_errors(m, K, rng, s.problem->x_star);
  });
}

// The same runs on the homogeneous instance (b = 0, x* = 0) from the same e_0 = x_0 - x*: minibatch heavy
// ball is translation-equivariant, so the errors obey the same recursion with the same draws, but floating
// point keeps relative accuracy down to 1e-250 instead of stalling near eps ||x*||. The horizon runs until
// the bound sqrt(2) kappa_C beta^{k/2} reaches 1e-250 (capped by rate_horizon): a slope read over its
// second half has no round-off floor and almost no bias from the transient of the first steps.
constexpr double kHomogeneousFloor = 1e-250;

std::shared_ptr<const Eigen::VectorXd> homogeneous_trajectory(const Trial& t, const HbmSetup& s, long B,
                                                              std::size_t run) {
  const double k_tiny = std::log(kHomogeneousFloor / (std::sqrt(2.0) * s.hb.kappa_C)) / std::log(s.hb.sqrt_beta);
  const int K = std::max(4, std::min(int(t.params["rate_horizon"]), int(std::ceil(k_tiny))));
  const std::string key = fmt::format("homogeneous-traj/{}/B={}/K={}/{}", s.key, B, K, run);
  return t.store.get<Eigen::VectorXd>(key, [&] {
    auto homogeneous = t.store.get<LeastSquares>("homogeneous/" + s.key, [&] {
      LeastSquares p = *s.problem;
      p.b.setZero();
      p.x_star.setZero();
      return p;
    });
    Engine rng = make_engine(derive_seed(t.point.seed, kId, s.key + fmt::format("homogeneous B={}", B), 0, run));
    MinibatchHeavyBall m(*homogeneous, s.hb.alpha, s.hb.beta, B, s.sampler, -s.problem->x_star);
    return relative_errors(m, K, rng, homogeneous->x_star);
  });
}

// The measured per-step rate: exp of the least-squares slope of log ||e_k|| over the second half of the
// iterations whose error is above the floor (minibatch-hbm.md, claim 3). +inf when the run diverged.
double fitted_rate(const Eigen::VectorXd& e, double floor) {
  const int K = int(e.size()) - 1;
  for (int k = 0; k <= K; ++k)
    if (!std::isfinite(e(k)) || e(k) > 1e100) return std::numeric_limits<double>::infinity();
  int last = K;
  while (last > 0 && !(e(last) > floor)) --last;
  const int first = last / 2;
  if (last - first < 2) return std::nan("");
  double sx = 0, sy = 0, sxx = 0, sxy = 0, n = 0;
  for (int k = first; k <= last; ++k) {
    const double y = std::log(e(k));
    sx += k;
    sy += y;
    sxx += double(k) * k;
    sxy += k * y;
    n += 1;
  }
  return std::exp((n * sxy - sx * sy) / (n * sxx - sx * sx));
}

// The main claim's event: ||e_k|| <= C sqrt(2) kappa_C beta^{k/2} ||e_0|| for every k up to the horizon
// at which the bound is still above the round-off floor.
bool bound_event(const HbmSetup& s, const Eigen::VectorXd& e, double C, double floor) {
  for (int k = 0; k < e.size(); ++k) {
    const double b = s.bound(k);
    if (b < floor) break;
    if (!(e(k) <= C * b)) return false;
  }
  return true;
}

// Where a run first crosses C sqrt(2) kappa_C beta^{k/2}, and its largest ratio to that bound: what a
// replay of the main claim prints.
nlohmann::json bound_evidence(const HbmSetup& s, const Eigen::VectorXd& e, double C, double floor) {
  int first = -1, worst = 0;
  double worst_ratio = 0;
  for (int k = 0; k < e.size(); ++k) {
    const double b = C * s.bound(k);
    if (s.bound(k) < floor) break;
    const double ratio = e(k) / b;
    if (!(ratio <= 1) && first < 0) first = k;
    if (!(ratio <= worst_ratio)) {
      worst_ratio = ratio;
      worst = k;
    }
  }
  return {{"B", s.bstar},
          {"horizon", s.horizon},
          {"first_k_above_bound", first},
          {"worst_k", worst},
          {"error_at_worst_k", e(worst)},
          {"bound_at_worst_k", C * s.bound(worst)},
          {"worst_ratio", worst_ratio}};
}

// Collects per-trial numbers for a figure, keyed by trial index, so the figure does not depend on the
// schedule of the parallel loop.
struct Recorder {
  std::mutex mutex;
  std::map<std::pair<std::size_t, double>, std::vector<double>> rows;
  void put(std::size_t index, double key, std::vector<double> v) {
    std::lock_guard<std::mutex> lock(mutex);
    rows[{index, key}] = std::move(v);
  }
  // Values of column `col` for one key, in trial order.
  std::vector<double> column(double key, std::size_t col) {
    std::lock_guard<std::mutex> lock(mutex);
    std::vector<double> out;
    for (const auto& [k, v] : rows)
      if (k.second == key && col < v.size()) out.push_back(v[col]);
    return out;
  }
  void clear() {
    std::lock_guard<std::mutex> lock(mutex);
    rows.clear();
  }
};

// Wraps a claim's check so that a figure built from the recorder lands in details["figures"].
Claim with_figures(Claim c, std::shared_ptr<Recorder> rec,
                   std::function<nlohmann::json(ClaimContext&, Recorder&, const ClaimResult&)> figures) {
  auto inner = c.check;
  c.check = [inner, rec, figures](ClaimContext& ctx) {
    rec->clear();
    ClaimResult r = inner(ctx);
    r.details["figures"] = figures(ctx, *rec, r);
    rec->clear();
    return r;
  };
  return c;
}

double quantile_or_nan(std::vector<double> v, double q) {
  std::erase_if(v, [](double x) { return std::isnan(x); });
  return v.empty() ? std::nan("") : stats::sample_quantile(std::move(v), q);
}

// ---------------------------------------------------------------------------------------------------
// Claim 1: spectral lemmas.

std::vector<Inequality> identities(const Trial& t) {
  auto s = setup(t);
  const auto& p = s->hb;
  const double tol = t.params["roundoff"] * kEps;
  // (1 -+ sqrt(beta))^2 / alpha: the subtraction 1 - sqrt(beta) loses about sqrt(L/l) units of eps.
  const double amp = std::sqrt(p.L / p.l);
  return {{std::abs((1 - p.sqrt_beta) * (1 - p.sqrt_beta) / p.alpha - p.l), 0, "(1 - sqrt(beta))^2/alpha = l",
           tol * amp * p.l},
          {std::abs((1 + p.sqrt_beta) * (1 + p.sqrt_beta) / p.alpha - p.L), 0, "(1 + sqrt(beta))^2/alpha = L",
           tol * amp * p.L}};
}

std::vector<Inequality> root_moduli(const Trial& t) {
  auto s = setup(t);
  const auto& p = s->hb;
  std::vector<Inequality> out;
  const int grid = int(t.params["lambda_grid"]);
  auto check = [&](double lambda, const std::string& where) {
    Eigen::ComplexEigenSolver<Eigen::Matrix2d> es(momentum_block(p, lambda), false);
    for (int j = 0; j < 2; ++j)
      out.push_back({std::abs(std::abs(es.eigenvalues()(j)) - p.sqrt_beta), 0, where,
                     t.params["roundoff"] * kEps * p.kappa_C});
  };
  for (Eigen::Index i = 0; i < p.d; ++i) check(s->problem->eigenvalues(i), fmt::format("lambda_{}", i));
  for (int g = 0; g <= grid; ++g) {
    const double lambda = p.lambda_min + (p.lambda_max - p.lambda_min) * g / grid;
    check(lambda, fmt::format("lambda={:.6g}", lambda));
  }
  return out;
}

std::vector<Inequality> spectral_radius(const Trial& t) {
  auto s = setup(t);
  const auto& p = s->hb;
  const auto& P = *s->problem;
  std::vector<Inequality> out;
  // From the blocks: max_i max |root| over the instance's eigenvalues.
  double rho_blocks = 0;
  for (Eigen::Index i = 0; i < p.d; ++i) {
    Eigen::ComplexEigenSolver<Eigen::Matrix2d> es(momentum_block(p, P.eigenvalues(i)), false);
    rho_blocks = std::max(rho_blocks, es.eigenvalues().cwiseAbs().maxCoeff());
  }
  const double tol = t.params["roundoff"] * kEps * p.kappa_C;
  out.push_back({std::abs(rho_blocks - p.sqrt_beta), 0, "rho from the 2x2 blocks", tol});
  // From a dense eigen-solve of the 2d x 2d T with H = A^T A formed from the instance: near-defective end
  // blocks make each eigenvalue about kappa_C times as sensitive as the data.
  Eigen::MatrixXd H = P.A.transpose() * P.A;
  Eigen::EigenSolver<Eigen::MatrixXd> es(momentum_matrix_dense(H, p.alpha, p.beta), false);
  const double rho_dense = es.eigenvalues().cwiseAbs().maxCoeff();
  out.push_back({std::abs(rho_dense - p.sqrt_beta), 0, "rho from the dense eigen-solve of T",
                 t.params["roundoff"] * kEps * p.kappa_C * (1 + p.alpha * p.lambda_max + p.beta) * p.d});
  return out;
}

std::vector<Inequality> power_bound(const Trial& t, double factor) {
  auto s = setup(t);
  const auto& p = s->hb;
  std::vector<Inequality> out;
  for (int k = 1; k <= s->horizon; ++k)
    out.push_back({momentum_power_norm(p, s->problem->eigenvalues, k), factor * p.kappa_C * std::pow(p.beta, k / 2.0),
                   fmt::format("k={}", k), 0});
  return out;
}

std::vector<Inequality> kappa_c_closed_form(const Trial& t) {
  auto s = setup(t);
  const auto& p = s->hb;
  std::vector<Inequality> out;
  const double tol = t.params["kappa_C_tol"] * p.kappa_C * p.kappa_C * kEps;
  double numeric_max = 0;
  for (Eigen::Index i = 0; i < p.d; ++i) {
    const double lambda = s->problem->eigenvalues(i);
    const double closed = block_eigenvector_condition(p, lambda), numeric = block_eigenvector_condition_numeric(p, lambda);
    numeric_max = std::max(numeric_max, numeric);
    out.push_back({std::abs(closed - numeric), 0, fmt::format("block {}", i), tol * closed});
  }
  out.push_back({std::abs(p.kappa_C - numeric_max), 0, "kappa_C = max_i cond(U_i)", tol * p.kappa_C});
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Claim 2: deterministic rates.

std::vector<Inequality> hbm_bound(const Trial& t, double C) {
  auto s = setup(t);
  const auto& P = *s->problem;
  // From x_0 - x* along the declared start, as far from x* as x_0 = 0 is.
  const Eigen::VectorXd u = start_in_eigenbasis(t, P.eigenvectors);
  HeavyBall hbm(P, s->hb.alpha, s->hb.beta, P.x_star + P.x_star.norm() / u.norm() * u);
  Engine unused = make_engine(0);
  Eigen::VectorXd e = relative_errors(hbm, s->horizon, unused, P.x_star);
  // The computed fixed point sits about eps kappa ||x*|| from x*: round-off, allowed for.
  const double allowance = t.params["roundoff"] * kEps * s->hb.kappa;
  std::vector<Inequality> out;
  for (int k = 0; k <= s->horizon; ++k) out.push_back({e(k), C * s->bound(k), fmt::format("k={}", k), allowance});
  return out;
}

std::vector<Inequality> gd_rate(const Trial& t) {
  auto s = setup(t);
  const auto& P = *s->problem;
  const double kappa = P.lambda_max() / P.lambda_min(), rho = (kappa - 1) / (kappa + 1);
  Eigen::VectorXd x0 = P.x_star + start_direction(t, P.cols());
  GradientDescent gd(P, 2 / (P.lambda_min() + P.lambda_max()), x0);
  Engine unused = make_engine(0);
  Eigen::VectorXd e = relative_errors(gd, s->horizon, unused, P.x_star);
  const double allowance = t.params["roundoff"] * kEps * kappa * (P.x_star.norm() + x0.norm()) / (x0 - P.x_star).norm();
  std::vector<Inequality> out;
  for (int k = 1; k <= s->horizon; ++k) out.push_back({e(k), std::pow(rho, k), fmt::format("k={}", k), allowance});
  return out;
}

// Iterations for ||x_k - x*|| <= eps ||x_0 - x*|| on a fresh instance of condition number kappa, with the
// point's recipe and d; heavy ball with the theory's (alpha, beta), or GD with 2/(mu + L).
double iterations_to(const Trial& t, double kappa, bool heavy) {
  const int d = t.point.integer("d");
  const auto recipe = static_cast<SpectrumRecipe>(t.point.integer("recipe"));
  Eigen::VectorXd lambda = spectrum(recipe, d, kappa);
  LeastSquares P = least_squares_with_spectrum(lambda, d, t.rng);
  const double eps = t.params["eps"];
  std::unique_ptr<IterativeMethod> m;
  Eigen::VectorXd x0 = Eigen::VectorXd::Zero(d);
  if (heavy) {
    auto hb = heavy_ball_parameters(lambda, t.params["c"]);
    m = std::make_unique<HeavyBall>(P, hb.alpha, hb.beta, x0);
  } else {
    m = std::make_unique<GradientDescent>(P, 2 / (lambda.minCoeff() + lambda.maxCoeff()), x0);
  }
  const double e0 = P.x_star.norm();
  Engine unused = make_engine(0);
  const long cap = long(t.params["max_iterations"]);
  for (long k = 1; k <= cap; ++k) {
    m->step(unused);
    if ((m->x() - P.x_star).norm() <= eps * e0) return double(k);
  }
  return std::numeric_limits<double>::infinity();  // not converged in budget: the scaling fit rejects it
}

// ---------------------------------------------------------------------------------------------------
// Claim 7: the seed's Figure 1 (d = 2, n = 200).

// A stacks 100 copies of R^T diag(1, 2.25) R, R the rotation by 1.2 rad: eig(H) = {100, 506.25}; b = 0.
LeastSquares figure1_problem() {
  const double th = 1.2;
  Eigen::Matrix2d R;
  R << std::cos(th), -std::sin(th), std::sin(th), std::cos(th);
  Eigen::Matrix2d M = R.transpose() * Eigen::Vector2d(1, 2.25).asDiagonal() * R;
  RowMatrix A(200, 2);
  for (int c = 0; c < 100; ++c) A.block(2 * c, 0, 2, 2) = M;
  return least_squares_from(A, Eigen::VectorXd::Zero(200));
}

struct Figure1Panel {
  std::string title;
  long batch;  // 0: full gradient
  double beta;
};

const std::vector<Figure1Panel>& figure1_panels() {
  static const std::vector<Figure1Panel> panels = {{"GD", 0, 0.0},
                                                   {"HBM", 0, 0.5},
                                                   {"SGD/RK (B = 1)", 1, 0.0},
                                                   {"Minibatch-SGD (B = 10)", 10, 0.0},
                                                   {"Minibatch-HBM (B = 10)", 10, 0.5}};
  return panels;
}

std::vector<Eigen::Vector2d> figure1_path(const LeastSquares& P, const RowSampler& sampler, const Figure1Panel& panel,
                                          double alpha, const Eigen::Vector2d& x0, int iterates, Engine& rng) {
  std::unique_ptr<IterativeMethod> m;
  auto shared = std::shared_ptr<const RowSampler>(std::shared_ptr<const RowSampler>{}, &sampler);
  if (panel.batch == 0)
    m = panel.beta == 0 ? std::unique_ptr<IterativeMethod>(std::make_unique<GradientDescent>(P, alpha, x0))
                        : std::make_unique<HeavyBall>(P, alpha, panel.beta, x0);
  else
    m = std::make_unique<MinibatchHeavyBall>(P, alpha, panel.beta, panel.batch, shared, x0);
  std::vector<Eigen::Vector2d> path;
  run(*m, iterates, rng, [&](int, const Eigen::VectorXd& x) { path.emplace_back(x(0), x(1)); });
  return path;
}

nlohmann::json figure1_figures(const Parameters& params, std::uint64_t seed) {
  LeastSquares P = figure1_problem();
  RowSampler sampler(P.A, Sampling::row_norm);
  const double alpha = params["figure1_alpha"];
  const int iterates = int(params["figure1_iterates"]);
  const std::vector<Eigen::Vector2d> starts = {Eigen::Vector2d(3.2, 5) / 1.5, Eigen::Vector2d(-2, -3) / 1.5};
  // The window holds both starts and x* = 0, with a margin.
  report::Contours contours;
  contours.label = "log10 ||b - Ax||^2";
  const int G = 61;
  for (int j = 0; j < G; ++j) contours.x.push_back(-2.2 + 4.8 * j / (G - 1));
  for (int i = 0; i < G; ++i) contours.y.push_back(-2.8 + 6.6 * i / (G - 1));
  for (int i = 0; i < G; ++i) {
    std::vector<double> row;
    for (int j = 0; j < G; ++j) {
      Eigen::Vector2d x(contours.x[j], contours.y[i]);
      row.push_back(std::log10(std::max((P.A * x - P.b).squaredNorm(), 1e-300)));
    }
    contours.z.push_back(std::move(row));
  }
  nlohmann::json out = nlohmann::json::array();
  int panel = 0;
  for (const auto& fp : figure1_panels()) {
    report::Figure f;
    f.name = fmt::format("figure1-panel{}", panel);
    f.title = fp.title;
    f.xlabel = "x_1";
    f.ylabel = "x_2";
    f.group = "figure1";
    f.panel = panel;
    f.contours.push_back(contours);
    for (std::size_t s = 0; s < starts.size(); ++s) {
      Engine rng = make_engine(derive_seed(seed, kId, fp.title, s, 0));
      auto path = figure1_path(P, sampler, fp, alpha, starts[s], iterates, rng);
      report::Series series;
      series.label = fmt::format("start {}", s + 1);
      series.style = report::Style::linespoints;
      for (const auto& x : path) {
        series.x.push_back(x(0));
        series.y.push_back(x(1));
      }
      f.series.push_back(std::move(series));
    }
    f.series.push_back({"x*", report::Style::points, {0.0}, {0.0}, {}});
    out.push_back(report::to_json(f));
    ++panel;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Figures of the convergence curves, the rate against B, and ||Z_k|| / ||T^k|| against B.

report::Series band(const std::string& label, const std::vector<double>& x, const std::vector<double>& lo,
                    const std::vector<double>& hi) {
  return {label, report::Style::band, x, lo, hi};
}

// ---------------------------------------------------------------------------------------------------
// The paper's other experiments: sparse rows (row-norm against uniform sampling) and an inconsistent
// system (minibatch HBM against randomized Kaczmarz).

// The sparse-rows matrix of minibatch-hbm.md: A_ij = D_i 1[u_ij > 0.9], D_i = 10 with probability 0.1
// else 1, x_opt ~ N(0, I), b = A x_opt. Rows left empty are kept (row-norm sampling never draws them).
LeastSquares sparse_rows_problem(Eigen::Index n, Eigen::Index d, Engine& rng) {
  boost::random::uniform_01<double> u;
  RowMatrix A = RowMatrix::Zero(n, d);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double D = u(rng) < 0.1 ? 10.0 : 1.0;
    for (Eigen::Index j = 0; j < d; ++j)
      if (u(rng) > 0.9) A(i, j) = D;
  }
  Eigen::VectorXd x_opt = gaussian_vector(d, rng);
  Eigen::VectorXd b = A * x_opt;
  return least_squares_from(std::move(A), std::move(b));
}

// The inconsistent experiment's spectrum: lambda_i = 1 + t_i (kappa - 1) 0.5^{d-1-i}, t_i = i/(d-1).
Eigen::VectorXd inconsistent_spectrum(int d, double kappa) {
  Eigen::VectorXd lambda(d);
  for (int i = 0; i < d; ++i) lambda(i) = 1 + double(i) / (d - 1) * (kappa - 1) * std::pow(0.5, d - 1 - i);
  return lambda;
}

// ||x_k - x*|| / ||x_0 - x*|| and ||A x_k - b|| / ||b|| for k = 0..K.
std::pair<std::vector<double>, std::vector<double>> error_and_residual(IterativeMethod& m, const LeastSquares& P,
                                                                       int K, Engine& rng) {
  std::vector<double> e, res;
  const double e0 = (m.x() - P.x_star).norm(), b0 = P.b.norm();
  for (int k = 0; k <= K; ++k) {
    if (k > 0) m.step(rng);
    e.push_back((m.x() - P.x_star).norm() / e0);
    res.push_back((P.A * m.x() - P.b).norm() / b0);
  }
  return {e, res};
}

// Median and 10%/90% quantiles over runs of one recorded curve, as figure series.
void add_quantile_series(report::Figure& f, Recorder& r, double key, std::size_t first_col, int K,
                         const std::string& label) {
  std::vector<double> ks, q10, q50, q90;
  for (int k = 0; k <= K; ++k) {
    auto v = r.column(key, first_col + std::size_t(k));
    ks.push_back(k);
    q10.push_back(quantile_or_nan(v, 0.1));
    q50.push_back(quantile_or_nan(v, 0.5));
    q90.push_back(quantile_or_nan(v, 0.9));
  }
  f.series.push_back(band(label + ": 10%-90%", ks, q10, q90));
  f.series.push_back({label + ": median", report::Style::lines, ks, q50, {}});
}

Theorem make() {
  Theorem t;
  t.id = kId;
  t.title = "Minibatch heavy-ball momentum is accelerated above the critical batch size B*";
  t.source = {"R. Bollapragada, T. Chen, R. Ward", "On the fast convergence of minibatch heavy ball momentum",
              "IMA Journal of Numerical Analysis 45(3)", 2024, "main theorem (critical batch size)", "arXiv:2206.07553"};
  t.statement =
      "For $f(x) = \\frac12\\|Ax - b\\|^2$ with $b = Ax^*$, $H = A^\\top A$, widen the spectrum by $\\gamma = "
      "\\lambda_{\\min}/c$: $l = \\lambda_{\\min} - \\gamma$, $L = \\lambda_{\\max} + \\gamma$, $\\alpha = 4/(\\sqrt L + "
      "\\sqrt l)^2$, $\\beta = ((\\sqrt L - \\sqrt l)/(\\sqrt L + \\sqrt l))^2$. Minibatch heavy ball with row-norm "
      "sampling and batch $B \\ge B^* = \\lfloor 16 e\\, \\mathrm{tr}(H) \\lambda_{\\max} \\log(2d) \\alpha^2 / (\\beta "
      "\\log(1/\\beta)) \\rfloor$ satisfies, with probability at least $1 - \\delta$, $\\|x_k - x^*\\| \\le C_{hbm} "
      "\\sqrt2\\, \\kappa_C \\beta^{k/2} \\|x_0 - x^*\\|$: the accelerated rate $\\sqrt\\beta \\approx 1 - "
      "2/\\sqrt\\kappa$ of deterministic heavy ball, which is lost for small batches.";
  // Most of it is the runs at B = ceil(B*) (a few thousand rows per step), shared by the claims through
  // the run's cache, and the B-dependence reproduction.
  t.quick_budget_seconds = 30;
  spectrum_variables(t.hypotheses, {.d = {4, 6, 16}, .kappa = {5, 20, 60}, .n_over_d = {2, 4, 8},
                                        .n_over_d_doc = "rows per column, n = ceil(n_over_d d); B may exceed n"});
  auto& P = t.parameters;
  P.add("c", 1000, "widening factor of the spectrum, gamma = lambda_min / c (the paper's experiments: 1000)", 1.0001, 1e12)
      .add("C_hbm", 2, "constant of the main claim ||e_k|| <= C_hbm sqrt(2) kappa_C beta^{k/2} ||e_0||", 0, 1e6)
      .add("delta", 0.1, "allowed failure probability of the main claim", 0, 1)
      .add("floor", 1e-12, "round-off floor: bounds below it are not compared (machine precision is near 1e-14)", 0, 1)
      .add("tau", 0.05, "slack of the measured rate: at most (1 + tau) sqrt(beta)", 0, 10)
      .add("margin", 0.1, "necessity: the rate at small batches is worse than (1 + margin) sqrt(beta)", 0, 10)
      .add("far_below", 0.01, "necessity and a control: the batch far below B*, as a fraction of B*", 0, 1)
      .add_integer("max_horizon", 400, "cap on the horizon K = k(floor) of every run", 4, 100000)
      .add_integer("rate_horizon", 3000, "cap on the horizon of the rate runs on the homogeneous instance (to 1e-250)", 4,
                   1000000)
      .add("roundoff", 100, "round-off allowance of the exact identities, in units of machine epsilon", 0, 1e9)
      .add("kappa_C_tol", 10, "closed-form kappa_C vs eigenvectors: tolerance in units of kappa_C^2 eps", 0, 1e9)
      .add_integer("lambda_grid", 200, "grid points across [lambda_min, lambda_max] for the root moduli", 1, 1000000)
      .add("product_tol", 1e-8, "relative agreement of matrix-free (Lanczos) and dense norms", 0, 1)
      .add("eps", 1e-6, "accuracy of the iteration counts of the kappa sweep", 0, 1)
      .add_integer("max_iterations", 1000000, "iteration budget of the kappa sweep", 1, 100000000)
      .add("exponent_tol", 0.1, "tolerance of the fitted exponents 1/2 (HBM) and 1 (GD)", 0, 10)
      .add("product_quantile", 0.5, "quantile of ||Z_k|| compared with the product bound (Markov: q-quantile <= E/(1-q))", 0, 1)
      .add("figure1_alpha", 4e-4, "step size of every panel of the seed's Figure 1", 0, 1)
      .add_integer("figure1_iterates", 35, "iterates per trajectory of Figure 1", 1, 100000)
      .add("faster_factor", 0.9, "control: the rate claimed this many times sqrt(beta)", 0, 10)
      .add("C_hbm_control", 0.01, "control: the main claim with C_hbm this small", 0, 1e6)
      // Chosen after seeing data (quick seeds 11-66, full seeds 11-33 and the committed reports): sampled
      // starts reached at most 0.31 (quick) and 0.446 (full) of hbm-deterministic-bound, the worst-case search
      // 0.42 (quick, kappa = 20) and 0.478 (full, kappa = 60). The tiers' kappa ranges differ, hence two
      // factors, each between the two numbers of its tier. Re-checked under fresh seeds; docs/verdicts.md.
      .add("deterministic_constant_factor", ByTier{0.37, 0.46}, "control: hbm-deterministic-bound's constant times this", 0, 1)
      .add_integer("repro_d", ByTier{6, 100}, "B-dependence experiment: d (the paper's in the full tier)", 2, 1000)
      .add("repro_kappa", ByTier{6, 6}, "B-dependence experiment: kappa (the paper's smallest)", 1, 1e6)
      .add_integer("repro_n", ByTier{2000, 1000000}, "B-dependence experiment: rows n (full tier: the paper's, A is 800 MB)", 2,
                   100000000)
      .add_integer("sparse_d", ByTier{10, 40}, "sparse-rows experiment: d", 2, 1000)
      .add_integer("sparse_n", ByTier{2000, 40000}, "sparse-rows experiment: rows n", 2, 100000000)
      .add_integer("incons_d", ByTier{10, 40}, "inconsistent experiment: d", 2, 1000)
      .add_integer("incons_n", ByTier{2000, 40000}, "inconsistent experiment: rows n", 2, 100000000)
      .add("incons_kappa", 50, "inconsistent experiment: kappa (the paper's)", 1, 1e6)
      .add("incons_noise", 1e-5, "inconsistent experiment: b = A x_opt + noise r / ||r||", 0, 1);

  const Budget kInst{4, 12}, kRuns{25, 25};  // instances and runs per instance of the Monte Carlo claims
  // The counterexample of the main claim and of critical-batch at B*: pinned, so both findings are
  // decided on it first under any suite seed (`thmcheck replay` of a failing run printed this line).
  const std::vector<PinnedExample> kPinnedCounterexample = {{.values = {{"d", 4}, {"kappa", 11.518860454951213}, {"recipe", 0}, {"n_over_d", 2.1241240000000001}},
                                   .seed = 6720693666617189664u,
                                   .note = "found at suite seed 20240607, quick tier; its runs are seeded by the instance, "
                                           "so its verdict is the same under every suite seed"}};
  const double kAlpha = kClaimAlpha;

  // -- Claim 1: spectral lemmas ------------------------------------------------------------------------
  t.add(inequality({.id = "parameter-identities",
                    .statement = "$(1 - \\sqrt\\beta)^2/\\alpha = l$ and $(1 + \\sqrt\\beta)^2/\\alpha = L$ (exact)"},
                   {.instances = {20, 100}, .rel_tol = 0.0, .shrink = false, .measure = identities}));
  t.add(inequality({.id = "root-moduli",
                    .statement = "for every $\\lambda \\in [\\lambda_{\\min}, \\lambda_{\\max}]$ both roots of $z^2 - (1 + "
                                 "\\beta - \\alpha\\lambda) z + \\beta$ have modulus $\\sqrt\\beta$ (exact)",
                    .rests_on = {"parameter-identities"}},
                   {.instances = {10, 50}, .rel_tol = 0.0, .shrink = false, .measure = root_moduli}));
  t.add(inequality({.id = "spectral-radius",
                    .statement = "$\\rho(T) = \\sqrt\\beta$, from the $2\\times2$ blocks and from a dense eigen-solve of $T$",
                    .rests_on = {"root-moduli"}},
                   {.instances = {10, 50}, .rel_tol = 0.0, .shrink = false, .measure = spectral_radius}));
  t.add(inequality({.id = "kappa-c-closed-form",
                    .statement = "the stable closed form of $\\mathrm{cond}(U_i)$ equals the condition number of the "
                                 "numerically computed eigenvectors of each block, and $\\kappa_C = \\max_i "
                                 "\\mathrm{cond}(U_i)$ (to $10\\kappa_C^2\\epsilon$)",
                    .rests_on = {"root-moduli"}},
                   {.instances = {10, 50}, .rel_tol = 0.0, .shrink = false, .measure = kappa_c_closed_form}));
  t.add(inequality({.id = "power-bound",
                    .statement = "$\\|T^k\\| \\le \\kappa_C \\beta^{k/2}$ for $k$ up to the horizon ($\\|T^k\\| = \\max_i "
                                 "\\|T_i^k\\|$ exactly)",
                    .rests_on = {"kappa-c-closed-form", "spectral-radius"}},
                   {.instances = {10, 50},
                    .rel_tol = 1e-10,
                    .measure = [](const Trial& t) { return power_bound(t, 1.0); }}));
  // Matrix-free norms against dense ones: T^k by Lanczos vs blocks vs dense powers; a random product Z_k
  // by Lanczos vs the dense product; the similar product W^{-1} Z_k W likewise.
  t.add(inequality(
      {.id = "matrix-free-norms",
       .statement = "matrix-free norms (Lanczos on $Z^\\top Z$ through Spectra) of $T^k$, of $Z_k = Y_k \\cdots Y_1$ and "
                    "of $W^{-1} Z_k W$ agree with dense products; $\\beta^{k/2} \\le \\|T^k\\|$ (Gelfand)",
       .rests_on = {"power-bound"}},
      {.instances = {6, 30},
       .rel_tol = 0.0,
       .shrink = false,
       .measure = [](const Trial& t) {
         auto s = setup(t);
         const auto& p = s->hb;
         const auto& Pr = *s->problem;
         const double tol = t.params["product_tol"];
         std::vector<Inequality> out;
         Eigen::MatrixXd H = Pr.A.transpose() * Pr.A;
         const Eigen::MatrixXd T = momentum_matrix_dense(H, p.alpha, p.beta);
         for (int k : {1, s->horizon / 4, s->horizon / 2, s->horizon}) {
           if (k < 1) continue;
           const double lz = lanczos_norm(momentum_power(H, std::size_t(k), p.alpha, p.beta)).norm;
           const double blocks = momentum_power_norm(p, Pr.eigenvalues, k);
           Eigen::MatrixXd Tk = Eigen::MatrixXd::Identity(T.rows(), T.cols());
           for (int j = 0; j < k; ++j) Tk = T * Tk;
           const double dense = Eigen::JacobiSVD<Eigen::MatrixXd>(Tk).singularValues()(0);
           out.push_back({std::abs(lz - dense), 0, fmt::format("||T^{}||: Lanczos vs dense", k), tol * dense});
           out.push_back({std::abs(blocks - dense), 0, fmt::format("||T^{}||: blocks vs dense", k), tol * dense});
           out.push_back({std::pow(p.beta, k / 2.0), lz, fmt::format("beta^(k/2) <= ||T^{}||", k), tol * lz});
         }
         // A random product at B = ceil(0.1 B*) (its norm is far from ||T^k||, which makes the check sharper).
         const int k = std::max(1, s->horizon / 2);
         auto hs = std::make_shared<std::vector<SampledHessian>>();
         for (int j = 0; j < k; ++j) hs->push_back(sample_hessian(*s->sampler, s->batch(0.1), t.rng));
         auto Z = minibatch_momentum_product(Pr, hs, p.alpha, p.beta);
         Eigen::MatrixXd Zd = Eigen::MatrixXd::Identity(2 * p.d, 2 * p.d);
         for (const auto& h : *hs) Zd = momentum_matrix_dense(h.dense(Pr.A), p.alpha, p.beta) * Zd;
         const double zl = lanczos_norm(Z).norm, zd = Eigen::JacobiSVD<Eigen::MatrixXd>(Zd).singularValues()(0);
         out.push_back({std::abs(zl - zd), 0, fmt::format("||Z_{}||: Lanczos vs dense", k), tol * zd});
         MomentumBasis W(p, Pr.eigenvalues, Pr.eigenvectors);
         Eigen::MatrixXd Wd = W.dense();
         Eigen::MatrixXd Zt = Wd.inverse() * Zd * Wd;
         const double tl = lanczos_norm(W.similar(Z)).norm, td = Eigen::JacobiSVD<Eigen::MatrixXd>(Zt).singularValues()(0);
         out.push_back({std::abs(tl - td), 0, fmt::format("||W^-1 Z_{} W||: Lanczos vs dense", k),
                        tol * td * p.kappa_C});
         // The basis does what it claims: ||W^{-1} T W|| = sqrt(beta) and cond(W) = kappa_C.
         const double nt = Eigen::JacobiSVD<Eigen::MatrixXd>(Wd.inverse() * T * Wd).singularValues()(0);
         out.push_back({std::abs(nt - p.sqrt_beta), 0, "||W^-1 T W|| = sqrt(beta)", tol * p.kappa_C});
         auto sv = Eigen::JacobiSVD<Eigen::MatrixXd>(Wd).singularValues();
         out.push_back({std::abs(sv(0) / sv(sv.size() - 1) - p.kappa_C), 0, "cond(W) = kappa_C", tol * p.kappa_C});
         return out;
       }}));

  // -- Claim 2: deterministic rates ---------------------------------------------------------------------
  t.add(inequality({.id = "hbm-deterministic-bound",
                    .statement = "deterministic HBM: $\\|x_k - x^*\\| \\le \\sqrt2\\,\\kappa_C \\beta^{k/2} \\|x_0 - x^*\\|$ "
                                 "for $k$ up to the horizon",
                    .rests_on = {"power-bound"}},
                   {.instances = {10, 50}, .rel_tol = 1e-9, .inputs = {start_input()}, .measure = [](const Trial& t) { return hbm_bound(t, 1.0); }}));
  t.add(inequality({.id = "control-deterministic-constant-too-strong",
                    .statement = "control: hbm-deterministic-bound with $\\sqrt2\\,\\kappa_C$ times deterministic_constant_factor "
                                 "(0.37; full tier 0.46)",
                    .control = true,
                    .reason = "the worst start, along the top eigenvector at the largest kappa, reaches 0.42 (quick) and 0.48 "
                              "(full) of the bound; random starts about 0.31 and 0.45: only the worst-case search catches it"},
                   {.instances = {10, 50}, .rel_tol = 1e-9, .inputs = {start_input()}, .measure = [](const Trial& t) {
                      return hbm_bound(t, t.params["deterministic_constant_factor"]);
                    }}));
  t.add(inequality({.id = "gd-rate",
                    .statement = "GD with $\\alpha = 2/(\\lambda_{\\min} + \\lambda_{\\max})$: $\\|x_k - x^*\\| \\le "
                                 "((\\kappa - 1)/(\\kappa + 1))^k \\|x_0 - x^*\\|$"},
                   {.instances = {10, 50}, .rel_tol = 1e-9, .inputs = {start_input()}, .measure = gd_rate}));
  const Grid kKappas{{10, 30, 100, 300, 1000}, {10, 30, 100, 300, 1000, 3000, 10000}};
  t.add(scaling({.id = "hbm-iterations-sqrt-kappa",
                 .statement = "iterations of HBM to reach $\\epsilon$ grow like $\\kappa^{1/2}$ (fitted exponent within "
                              "exponent_tol of 1/2)",
                 .rests_on = {"hbm-deterministic-bound"}},
                {.grid = kKappas,
                 .instances = {kScalingInstances, 50},
                 .first_look = {kScalingFirstLook, 25},
                 .runs_per_point = {1, 1},
                 .form = ExponentForm::near,
                 .exponent = 0.5,
                 .tolerance = "exponent_tol",
                 .alpha = kAlpha,
                 .x_name = "kappa",
                 .y_name = "iterations to eps (HBM)",
                 .measure = [](const Trial& t, double kappa) { return iterations_to(t, kappa, true); }}));
  t.add(scaling({.id = "gd-iterations-kappa",
                 .statement = "iterations of GD to reach $\\epsilon$ grow like $\\kappa$ (fitted exponent within "
                              "exponent_tol of 1)",
                 .rests_on = {"gd-rate"}},
                {.grid = kKappas,
                 .instances = {kScalingInstances, 50},
                 .first_look = {kScalingFirstLook, 25},
                 .runs_per_point = {1, 1},
                 .form = ExponentForm::near,
                 .exponent = 1.0,
                 .tolerance = "exponent_tol",
                 .alpha = kAlpha,
                 .x_name = "kappa",
                 .y_name = "iterations to eps (GD)",
                 .measure = [](const Trial& t, double kappa) { return iterations_to(t, kappa, false); }}));
  t.add(scaling({.id = "control-gd-accelerated",
                 .statement = "control: GD's iterations grow at most like $\\kappa^{1/2}$, as if GD were accelerated",
                 .control = true,
                 .reason = "the exponent of GD is 1, not 1/2: acceleration is what heavy ball adds"},
                {.grid = kKappas,
                 .instances = {kScalingInstances, 50},
                 .first_look = {kScalingFirstLook, 25},
                 .runs_per_point = {1, 1},
                 .form = ExponentForm::at_most,
                 .exponent = 0.5,
                 .alpha = kAlpha,
                 .x_name = "kappa",
                 .y_name = "iterations to eps (GD)",
                 .measure = [](const Trial& t, double kappa) { return iterations_to(t, kappa, false); }}));

  // -- Claim 3: the main claim ----------------------------------------------------------------------------
  auto main_event = [](double multiple, const char* C_name) {
    return [multiple, C_name](const Trial& t) {
      auto s = setup(t);
      auto e = trajectory(t, *s, s->batch(multiple), s->hb.beta, t.run);
      return bound_event(*s, *e, t.params[C_name], t.params["floor"]);
    };
  };
  // The claim is for every instance (every A), with probability over the minibatches: each instance is
  // tested on its own.
  const ProbabilitySpec main_spec{.delta = "delta",
                                  .alpha = kAlpha,
                                  .first_look = {25, 25},
                                  // 1600 in both tiers: the pinned instance fails in about 18% of its runs,
                                  // which a Clopper-Pearson lower end at alpha / (instances x looks) puts above
                                  // delta = 0.1 only from about 800 runs; sequential looks stop there.
                                  .max_trials = {1600, 1600},
                                  .over = Over::each_instance,
                                  .instances = kInst};
  {
    auto spec = main_spec;
    spec.event = main_event(1.0, "C_hbm");
    spec.evidence = [](const Trial& t) {
      auto s = setup(t);
      auto e = trajectory(t, *s, s->batch(1.0), s->hb.beta, t.run);
      return bound_evidence(*s, *e, t.params["C_hbm"], t.params["floor"]);
    };
    t.add(probability({.id = "main-claim",
                       .statement = "for $B = \\lceil B^* \\rceil$, with probability at least $1 - \\delta$: $\\|x_k - x^*\\| "
                                    "\\le C_{hbm} \\sqrt2\\,\\kappa_C \\beta^{k/2} \\|x_0 - x^*\\|$ for every $k$ while the "
                                    "bound is above the round-off floor",
                       .rests_on = {"hbm-deterministic-bound", "product-concentration"},
                       .expected_violated = true,
                       .reason = "measured on the pinned instance (d=4, kappa=11.5, fast-exponential, n=9 rows): at "
                                 "B = ceil(B*) = 1893 the event fails in 134 of 800 runs (0.168; Clopper-Pearson lower end "
                                 "0.115 > delta = 0.1, the same under every suite seed: the runs are seeded by the "
                                 "instance). The failing runs cross the bound late (the replayed one at k = 49 of a "
                                 "55-step horizon, errors near 1e-12, far above round-off): at B* the minibatch rate is "
                                 "slightly slower than sqrt(beta), and over a long horizon the gap compounds past C_hbm = "
                                 "2. This contradicts a stronger reading, not the theorem as proved: B* is the batch of "
                                 "the paper's experiments, and the proof needs B*(k), about 1e9 here. The replay token "
                                 "reruns a failing run and prints where it crosses the bound",
                       .pinned = kPinnedCounterexample},
                      spec));
  }
  // factor_name: nullptr for the claim (1 + tau) sqrt(beta), else the control's factor of sqrt(beta).
  auto rate_sample = [](double multiple, const char* factor_name) {
    return [=](const Trial& t) {
      auto s = setup(t);
      auto e = homogeneous_trajectory(t, *s, s->batch(multiple), t.run);
      const double rate = fitted_rate(*e, kHomogeneousFloor);
      const double claimed = (factor_name ? t.params[factor_name] : 1 + t.params["tau"]) * s->hb.sqrt_beta;
      return CurveSample{{rate}, {claimed}};
    };
  };
  // The rate is read on the homogeneous instance over a long horizon (changed after a seed sweep showed the
  // claim inconclusive under 15 of 16 seeds: read over the second half of a horizon that ends at the 1e-12
  // floor, the slope still carries the transient of the first steps and sits within 1% of the bound). The
  // claim and tau are unchanged; only the measurement's bias is removed.
  t.add(bound_curve({.id = "main-rate",
                     .statement = "for $B = \\lceil B^* \\rceil$ the median over runs of the measured rate (slope of $\\log "
                                  "\\|x_k - x^*\\|$ over the second half of a long horizon, on the homogeneous instance "
                                  "$b = 0$, $x^* = 0$ from the same $x_0 - x^*$, down to $10^{-250}$) is at most $(1 + "
                                  "\\tau)\\sqrt\\beta$ on every instance",
                     .rests_on = {"main-claim"},
                     .expected_violated = true,
                     .reason = "measured on the homogeneous instance over horizons of 650-1300 steps (no round-off floor, "
                               "no transient bias): the median rate at B* is 1.04-1.07 sqrt(beta) on the quick tier's "
                               "instances, larger at smaller kappa (1.07 at kappa = 5.7, 1.04 at kappa = 19.5). On the "
                               "pinned instance (d = 6, kappa = 5.69, fast-exponential) all 25 runs exceed 1.05 sqrt(beta) "
                               "(median 1.073). This contradicts a stronger reading, not the theorem as proved: tau = 0.05 "
                               "is the experiments' heuristic that B* keeps the rate of heavy ball within 5%; the proof "
                               "bounds the rate only at B*(k)",
                     .pinned = {{.values = {{"d", 6}, {"kappa", 5.6905420994969713}, {"recipe", 0}, {"n_over_d", 3.9337200000000001}},
                                 .seed = 15342520253001480987u,
                                 .note = "found at suite seed 4, quick tier; its runs are seeded by the instance"}}},
                    {.quantile = 0.5, .alpha = kAlpha, .instances = kInst, .trials_per_instance = kRuns,
                     .sample = rate_sample(1.0, nullptr), .over = Over::each_instance}));
  t.add(bound_curve({.id = "control-rate-faster",
                     .statement = "control: for $B = \\lceil B^* \\rceil$ the median rate is at most faster_factor "
                                  "$\\times \\sqrt\\beta$",
                     .control = true,
                     .reason = "sqrt(beta) is the spectral radius of T = E Y_k: no batch size beats it"},
                    {.quantile = 0.5, .alpha = kAlpha, .instances = kInst, .trials_per_instance = kRuns,
                     .sample = rate_sample(1.0, "faster_factor")}));
  {
    auto spec = main_spec;
    spec.event = main_event(1.0, "C_hbm_control");
    t.add(probability({.id = "control-c-hbm-too-small",
                       .statement = "control: the main claim with $C_{hbm}$ = C_hbm_control (far too small)",
                       .control = true,
                       .reason = "C_hbm sqrt(2) kappa_C far below the transient of heavy ball's non-normal iteration"},
                      spec));
  }
  {
    auto spec = main_spec;
    spec.event = [](const Trial& t) {
      auto s = setup(t);
      auto e = trajectory(t, *s, s->batch(t.params["far_below"]), s->hb.beta, t.run);
      return bound_event(*s, *e, t.params["C_hbm"], t.params["floor"]);
    };
    t.add(probability({.id = "control-batch-far-below",
                       .statement = "control: the main claim at $B = \\lceil$far_below$\\cdot B^*\\rceil$",
                       .control = true,
                       .reason = "acceleration needs B >= B*: far below it the rate is lost (Kidambi et al. 2018)"},
                      spec));
  }

  // -- Claim 4: necessity ---------------------------------------------------------------------------------
  t.add(bound_curve(
      {.id = "necessity",
       .statement = "at $B = 1$ and $B = \\lceil$far_below$\\cdot B^*\\rceil$ (same $\\alpha, \\beta$) the median rate is worse "
                    "than $(1 + \\mathrm{margin})\\sqrt\\beta$ or the iteration diverges (the curve compares $(1 + "
                    "\\mathrm{margin})\\sqrt\\beta / \\mathrm{rate} \\le 1$ at index 0: $B = 1$, index 1: far below)"},
      {.quantile = 0.5,
       .alpha = kAlpha,
       .instances = kInst,
       .trials_per_instance = kRuns,
       .sample = [](const Trial& t) {
         auto s = setup(t);
         CurveSample out;
         const double need = (1 + t.params["margin"]) * s->hb.sqrt_beta;
         for (long B : {1L, s->batch(t.params["far_below"])}) {
           auto e = trajectory(t, *s, B, s->hb.beta, t.run);
           const double rate = fitted_rate(*e, t.params["floor"]);
           out.metric.push_back(std::isnan(rate) ? rate : need / rate);  // 0 when diverged
           out.curve.push_back(1.0);
         }
         return out;
       }}));

  // -- Claim 5: sharpness (B_emp on a geometric grid, in units of B*) -------------------------------------
  {
    auto rec = std::make_shared<Recorder>();
    // Runs per (instance, B): a success rate near 0.83 needs about 1000 runs for its Clopper-Pearson upper
    // end (alpha = 5e-4 split over grid and instances) to fall below 0.9; 0 failures in 70 runs suffice to
    // pass. Instances run one at a time, the pinned one first, and stop at the first that refutes.
    const Budget R{1000, 1000};
    Claim c = threshold({.id = "critical-batch",
                         .statement = "the empirical critical batch $B_{emp}$ (smallest $B/B^*$ on a geometric grid from which "
                                      "the main claim's event has probability $\\ge 1 - \\delta$) is at most $B^*$ on every "
                                      "instance; the margin $B^*/B_{emp}$ is the sharpness",
                         .rests_on = {"main-claim"},
                         .expected_violated = true,
                         .reason = "follows from the main claim's finding, on the same pinned instance (d=4, kappa=11.5, "
                                   "fast-exponential): 839 of 1000 runs keep the bound at B* (Clopper-Pearson upper end "
                                   "0.884 < 0.9), 948 at 2 B* and 993 at 4 B*, so B_emp is 2 B* there. Like the main "
                                   "claim, it contradicts the experiments' B*, not the theorem's B*(k)",
                         .pinned = kPinnedCounterexample},
                        {.grid = {{0.003, 0.01, 0.03, 0.1, 0.3, 1, 2}, {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 2, 4}},
                         .predicted = 1.0,
                         .level = 0.9,
                         .instances = {1, 3},
                         .runs_per_point = R,
                         .alpha = kAlpha,
                         .over = Over::each_instance,
                         .x_name = "B / B*",
                         .success = [rec, R](const Trial& t, double x) {
                           auto s = setup(t);
                           auto e = trajectory(t, *s, s->batch(x), s->hb.beta, t.run % R.at(t.tier));
                           rec->put(t.index, x, {fitted_rate(*e, t.params["floor"]) / s->hb.sqrt_beta});
                           return bound_event(*s, *e, t.params["C_hbm"], t.params["floor"]);
                         }});
    t.add(with_figures(std::move(c), rec, [](ClaimContext& ctx, Recorder& r, const ClaimResult& res) {
      report::Figure f;
      f.name = "rate-vs-batch";
      f.title = "measured rate / sqrt(beta) against B / B*";
      f.xlabel = "B / B*";
      f.ylabel = "rate / sqrt(beta)";
      f.logx = true;
      std::vector<double> xs, q10, q50, q90;
      for (double x : ctx.tier == Tier::quick ? std::vector<double>{0.003, 0.01, 0.03, 0.1, 0.3, 1, 2}
                                               : std::vector<double>{0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 2, 4}) {
        auto v = r.column(x, 0);
        for (auto& y : v)
          if (!std::isfinite(y)) y = 10;  // diverged: drawn at the top
        xs.push_back(x);
        q10.push_back(quantile_or_nan(v, 0.1));
        q50.push_back(quantile_or_nan(v, 0.5));
        q90.push_back(quantile_or_nan(v, 0.9));
      }
      f.series.push_back(band("10%-90% of runs", xs, q10, q90));
      f.series.push_back({"median rate / sqrt(beta)", report::Style::linespoints, xs, q50, {}});
      f.series.push_back({"1 + tau", report::Style::dashed, xs, std::vector<double>(xs.size(), 1 + ctx.params["tau"]), {}});
      f.marks.push_back({report::Axis::x, 1.0, "B*"});
      if (std::isfinite(res.estimate)) f.marks.push_back({report::Axis::x, res.estimate, "B_emp"});
      // How B_emp scales with kappa_bar / sqrt(kappa) (minibatch-hbm.md, claim 5), beside B*, which for
      // large kappa grows like 64 e log(2d) d kappa_bar / sqrt(kappa). Instances whose B_emp lies beyond
      // the grid are left out.
      report::Figure g;
      g.name = "b-emp-vs-kappa-bar";
      g.title = "empirical critical batch against kappa_bar / sqrt(kappa), one point per instance";
      g.xlabel = "kappa_bar / sqrt(kappa)";
      g.ylabel = "rows per step";
      g.logx = g.logy = true;
      report::Series emp{"B_emp", report::Style::points, {}, {}, {}}, pred{"B*", report::Style::points, {}, {}, {}};
      Engine unused = make_engine(0);
      const auto& rows = res.details.contains("instances") ? res.details["instances"] : nlohmann::json::array();
      for (std::size_t i = 0; i < rows.size(); ++i) {
        Point p = ctx.instance(i);
        Trial t0{p, i, 0, 0, unused, ctx.params, ctx.tier, ctx.store};
        auto s = setup(t0);
        const double x = s->hb.kappa_bar / std::sqrt(s->hb.kappa);
        pred.x.push_back(x);
        pred.y.push_back(s->bstar_real);
        if (rows[i].value("x_emp", nlohmann::json(nullptr)).is_number()) {
          emp.x.push_back(x);
          emp.y.push_back(rows[i]["x_emp"].get<double>() * s->bstar_real);
        }
      }
      g.series = {emp, pred};
      return nlohmann::json::array({report::to_json(f), report::to_json(g)});
    }));
  }

  // -- Claim 6: products of momentum matrices ------------------------------------------------------------
  {
    auto rec = std::make_shared<Recorder>();
    const Grid kB{{0.01, 0.1, 1}, {0.001, 0.01, 0.1, 0.3, 1, 3}};
    Claim c = bound_curve(
        {.id = "product-concentration",
         .statement = "for $Z_K = Y_K \\cdots Y_1$ at the horizon and $B/B^*$ on a grid: the product-concentration bound "
                      "$E\\|\\tilde Z_K\\| \\le e^{\\sqrt{2v\\max\\{\\log 2d, 2v\\}}} \\beta^{K/2}$ in the basis $W$ that "
                      "block-diagonalizes $T$ ($m_i = \\sqrt\\beta$), at the empirical $\\sigma_i = \\|W^{-1}(Y_i - T)W\\| / "
                      "\\sqrt\\beta$, $v = \\sum \\sigma_i^2$; checked through Markov: the product_quantile $q$ of "
                      "$\\|\\tilde Z_K\\|$ over that bound is at most $1/(1-q)$. $\\|Z_K\\| / \\|T^K\\|$ is reported against $B$",
         .rests_on = {"matrix-free-norms"}},
        {.quantile = "product_quantile",
         .alpha = kAlpha,
         .instances = {4, 8},
         .trials_per_instance = {10, 25},
         .sample = [rec, kB](const Trial& t) {
           auto s = setup(t);
           const auto& p = s->hb;
           const auto& Pr = *s->problem;
           const int K = s->horizon;
           MomentumBasis W(p, Pr.eigenvalues, Pr.eigenvectors);
           Eigen::MatrixXd H = Pr.A.transpose() * Pr.A;
           const double TK = momentum_power_norm(p, Pr.eigenvalues, K);
           CurveSample out;
           for (double x : kB.at(t.tier)) {
             auto hs = std::make_shared<std::vector<SampledHessian>>();
             double v = 0;
             for (int j = 0; j < K; ++j) {
               hs->push_back(sample_hessian(*s->sampler, s->batch(x), t.rng));
               const double sigma = W.relative_deviation(hs->back().dense(Pr.A) - H);
               v += sigma * sigma;
             }
             auto Z = minibatch_momentum_product(Pr, hs, p.alpha, p.beta);
             const double zk = lanczos_norm(Z).norm, zt = lanczos_norm(W.similar(Z)).norm;
             // In logarithms: at the empirical sigma_i the factor exp(sqrt(2 v max{log D, 2 v})) overflows.
             const double log_bound = product_expectation_log_factor(v, 2.0 * p.d) + K / 2.0 * std::log(p.beta);
             const double log10_ratio = (std::log(zt) - log_bound) / std::log(10.0);
             const double q = t.params["product_quantile"];
             out.metric.push_back(std::pow(10.0, log10_ratio));
             out.curve.push_back(1 / (1 - q));
             rec->put(t.index, x, {zk / TK, log10_ratio, v});
           }
           return out;
         }});
    t.add(with_figures(std::move(c), rec, [kB](ClaimContext& ctx, Recorder& r, const ClaimResult&) {
      report::Figure f;
      f.name = "product-norms-vs-batch";
      f.title = "||Y_K ... Y_1|| / ||T^K|| against B / B*";
      f.xlabel = "B / B*";
      f.ylabel = "||Z_K|| / ||T^K||";
      f.logx = f.logy = true;
      report::Figure g = f;
      g.name = "product-bound-ratio-vs-batch";
      g.title = "log10 of ||W^-1 Z_K W|| over the product-concentration bound at the empirical sigma_i";
      g.ylabel = "log10 ratio to the bound; v";
      g.logy = false;
      std::vector<double> xs, a10, a50, a90, b10, b50, b90, v50;
      for (double x : kB.at(ctx.tier)) {
        xs.push_back(x);
        auto a = r.column(x, 0), b = r.column(x, 1), v = r.column(x, 2);
        a10.push_back(quantile_or_nan(a, 0.1));
        a50.push_back(quantile_or_nan(a, 0.5));
        a90.push_back(quantile_or_nan(a, 0.9));
        b10.push_back(quantile_or_nan(b, 0.1));
        b50.push_back(quantile_or_nan(b, 0.5));
        b90.push_back(quantile_or_nan(b, 0.9));
        v50.push_back(quantile_or_nan(v, 0.5));
      }
      f.series.push_back(band("10%-90%", xs, a10, a90));
      f.series.push_back({"median", report::Style::linespoints, xs, a50, {}});
      f.marks.push_back({report::Axis::x, 1.0, "B*"});
      f.marks.push_back({report::Axis::y, 1.0, "||T^K||"});
      g.series.push_back(band("10%-90%", xs, b10, b90));
      g.series.push_back({"median", report::Style::linespoints, xs, b50, {}});
      g.series.push_back({"median v = sum sigma_i^2", report::Style::points, xs, v50, {}});
      g.marks.push_back({report::Axis::x, 1.0, "B*"});
      g.marks.push_back({report::Axis::y, 0.0, "bound"});
      return nlohmann::json::array({report::to_json(f), report::to_json(g)});
    }));
  }

  // -- Claim 7: reproductions ------------------------------------------------------------------------------
  {
    auto rec = std::make_shared<Recorder>();
    // The paper's B-dependence experiment (slow-algebraic spectrum; B in {1, 0.1, 0.01, 0.001} x B*, 100
    // runs): in the full tier at the paper's scale (n = 10^6, d = 100, kappa = 6), in the quick tier small
    // (B may exceed n there; it is not capped). The instance is built in place (large_least_squares.hpp,
    // about 1x A, on 2 MB pages): the Householder builder needs about 4x.
    const std::vector<double> multiples = {1, 0.1, 0.01, 0.001};
    auto repro_setup = [](const Trial& t) {
      const int d = int(t.params["repro_d"]);
      const double kappa = t.params["repro_kappa"];
      const auto n = Eigen::Index(t.params["repro_n"]);
      const std::string key = fmt::format("repro/{}/{}/{}/{}/{}/{}", d, kappa, n, t.point.seed, t.params["c"],
                                          t.params["floor"]);
      return t.store.get<HbmSetup>(key, [&] {
        Engine rng = make_engine(t.point.seed);
        auto p = std::make_shared<const LeastSquares>(
            large_least_squares_with_spectrum(spectrum(SpectrumRecipe::slow_algebraic, d, kappa),
                                              std::max<Eigen::Index>(n, d), rng));
        return make_setup(p, t.params, key);
      });
    };
    Claim c = bound_curve(
        {.id = "b-dependence",
         .statement = "reproduction of the paper's B-dependence experiment (slow algebraic, 100 runs; $d$ = repro_d, $\\kappa$ = repro_kappa, "
                      "$n$ = repro_n, the paper's scale in the full tier): at "
                      "$B = \\lceil B^*\\rceil$ the median (the curve the paper plots) of $\\|x_k - x^*\\|/\\|x_0 - x^*\\|$ stays under "
                      "$C_{hbm}\\sqrt2\\,\\kappa_C\\beta^{k/2}$ at every $k$ above the floor; the curves at $B \\in \\{0.1, "
                      "0.01, 0.001\\} B^*$ and deterministic HBM are reported beside it",
         .rests_on = {"main-claim"}},
        {.quantile = 0.5,
         .alpha = kAlpha,
         .instances = {1, 1},
         .trials_per_instance = {100, 100},
         .sample = [rec, repro_setup, multiples](const Trial& t) {
           auto s = repro_setup(t);
           CurveSample out;
           for (double m : multiples) {
             auto e = trajectory(t, *s, s->batch(m), s->hb.beta, t.index);
             rec->put(t.index, m, std::vector<double>(e->data(), e->data() + e->size()));
             if (m == 1) {
               for (int k = 0; k < e->size(); ++k) {
                 const double b = s->bound(k);
                 out.metric.push_back(b < t.params["floor"] ? std::nan("") : (*e)(k));
                 out.curve.push_back(t.params["C_hbm"] * b);
               }
             }
           }
           return out;
         }});
    t.add(with_figures(std::move(c), rec, [repro_setup, multiples](ClaimContext& ctx, Recorder& r, const ClaimResult&) {
      Point p0 = ctx.instance(0);
      Engine unused = make_engine(0);
      Trial t0{p0, 0, 0, 0, unused, ctx.params, ctx.tier, ctx.store};
      auto s = repro_setup(t0);
      const int K = s->horizon;
      std::vector<double> ks(K + 1);
      for (int k = 0; k <= K; ++k) ks[k] = k;
      nlohmann::json figs = nlohmann::json::array();
      HeavyBall hbm(*s->problem, s->hb.alpha, s->hb.beta, Eigen::VectorXd::Zero(s->problem->cols()));
      Eigen::VectorXd det = relative_errors(hbm, K, unused, s->problem->x_star);
      std::vector<double> bound(K + 1), detv(det.data(), det.data() + det.size());
      for (int k = 0; k <= K; ++k) bound[k] = ctx.params["C_hbm"] * s->bound(k);
      int panel = 0;
      for (double m : multiples) {
        report::Figure f;
        f.name = fmt::format("b-dependence-{}", panel);
        f.group = "b-dependence";
        f.panel = panel++;
        f.title = fmt::format("B = {} ({} x B*), d = {}, n = {}, kappa = {:g}", s->batch(m), m, s->hb.d, s->problem->rows(),
                              s->hb.kappa);
        f.xlabel = std::string("k");  // not a literal: GCC 12 reports a false -Wrestrict on it here (PR 105329)
        f.ylabel = "||x_k - x*|| / ||x_0 - x*||";
        f.logy = true;
        std::vector<double> q10, q50, q90;
        for (int k = 0; k <= K; ++k) {
          auto v = r.column(m, std::size_t(k));
          q10.push_back(quantile_or_nan(v, 0.1));
          q50.push_back(quantile_or_nan(v, 0.5));
          q90.push_back(quantile_or_nan(v, 0.9));
        }
        f.series.push_back(band("10%-90% of runs", ks, q10, q90));
        f.series.push_back({"median", report::Style::lines, ks, q50, {}});
        f.series.push_back({"deterministic HBM", report::Style::dashed, ks, detv, {}});
        f.series.push_back({"C_hbm sqrt(2) kappa_C beta^(k/2)", report::Style::dashed, ks, bound, {}});
        figs.push_back(report::to_json(f));
      }
      return figs;
    }));
  }
  {
    auto fig = std::make_shared<Recorder>();  // unused: Figure 1 is drawn from its own fixed seeds
    Claim c = comparison(
        {.id = "figure1",
         .statement = "the seed's Figure 1 ($d = 2$, $n = 200$, $\\alpha = 4\\cdot10^{-4}$, row-norm sampling): after "
                      "figure1_iterates steps from the first start, minibatch HBM ($B = 10$, $\\beta = 0.5$) ends closer to "
                      "$x^*$ than minibatch SGD ($B = 10$) on the same instance; the five panels are reported as data"},
        {.instances = {40, 200},
         .runs_per_instance = {1, 1},
         .factor = 1.0,
         .alpha = kAlpha,
         .a_name = "Minibatch-HBM",
         .b_name = "Minibatch-SGD",
         .sample = [](const Trial& t) {
           static const LeastSquares P = figure1_problem();
           static const RowSampler sampler(P.A, Sampling::row_norm);
           const auto& panels = figure1_panels();
           const Eigen::Vector2d x0 = Eigen::Vector2d(3.2, 5) / 1.5;
           const double alpha = t.params["figure1_alpha"];
           const int K = int(t.params["figure1_iterates"]);
           Engine rng_a = make_engine(derive_seed(t.point.seed, kId, "figure1-a", t.index, 0));
           Engine rng_b = make_engine(derive_seed(t.point.seed, kId, "figure1-b", t.index, 0));
           auto a = figure1_path(P, sampler, panels[4], alpha, x0, K, rng_a);
           auto b = figure1_path(P, sampler, panels[3], alpha, x0, K, rng_b);
           return Paired{a.back().norm(), b.back().norm()};
         }});
    t.add(with_figures(std::move(c), fig, [](ClaimContext& ctx, Recorder&, const ClaimResult&) {
      return figure1_figures(ctx.params, ctx.claim_seed());
    }));
  }
  {
    // Sparse rows: heterogeneous row norms make uniform sampling need a batch eta = n max ||a_i||^2 /
    // ||A||_F^2 times larger (minibatch-hbm.md); at row-norm sampling's B* the two are compared on
    // paired runs of the same instance.
    auto rec = std::make_shared<Recorder>();
    auto sparse_setup = [](const Trial& t) {
      const auto d = Eigen::Index(t.params["sparse_d"]);
      const auto n = Eigen::Index(t.params["sparse_n"]);
      const std::string key = fmt::format("sparse/{}/{}/{}/{}/{}/{}", d, n, t.point.seed, t.params["c"],
                                          t.params["floor"], t.params["max_horizon"]);
      return t.store.get<HbmSetup>(key, [&] {
        Engine rng = make_engine(derive_seed(t.point.seed, kId, "sparse-rows", 0, 0));
        return make_setup(std::make_shared<const LeastSquares>(sparse_rows_problem(n, d, rng)), t.params, key);
      });
    };
    Claim c = comparison(
        {.id = "sparse-rows",
         .statement = "the paper's sparse-rows experiment ($A_{ij} = D_i 1[u_{ij} > 0.9]$, $D_i = 10$ with probability "
                      "0.1): at $B = \\lceil B^*\\rceil$ of row-norm sampling, minibatch HBM with row-norm sampling is "
                      "closer to $x^*$ than with uniform sampling halfway through the horizon (the end sits at the "
                      "round-off floor), on paired runs",
         .rests_on = {"main-claim"}},
        // 120 paired runs: row-norm sampling wins about 70-80% of them here, which the sign test decides at
        // kClaimAlpha from about 70 pairs; 30 pairs left it undecided under some seeds.
        {.instances = {1, 1},
         .runs_per_instance = {120, 120},
         .factor = 1.0,
         .alpha = kAlpha,
         .a_name = "row-norm",
         .b_name = "uniform",
         .sample = [rec, sparse_setup](const Trial& t) {
           auto s = sparse_setup(t);
           auto uniform = t.store.get<RowSampler>(s->key + "/uniform", [&] { return RowSampler(s->problem->A, Sampling::uniform); });
           double last[2];
           for (int which = 0; which < 2; ++which) {
             Engine rng = make_engine(derive_seed(t.point.seed, kId, "sparse-rows-run", which, t.index));
             MinibatchHeavyBall m(*s->problem, s->hb.alpha, s->hb.beta, s->bstar, which == 0 ? s->sampler : uniform,
                                  Eigen::VectorXd::Zero(s->problem->cols()));
             auto e = relative_errors(m, s->horizon, rng, s->problem->x_star);
             rec->put(t.index, which, std::vector<double>(e.data(), e.data() + e.size()));
             const double mid = e(s->horizon / 2);
             last[which] = std::isfinite(mid) ? mid : std::numeric_limits<double>::infinity();
           }
           return Paired{last[0], last[1]};
         }});
    t.add(with_figures(std::move(c), rec, [sparse_setup](ClaimContext& ctx, Recorder& r, const ClaimResult&) {
      Point p0 = ctx.instance(0);
      Engine unused = make_engine(0);
      Trial t0{p0, 0, 0, 0, unused, ctx.params, ctx.tier, ctx.store};
      auto s = sparse_setup(t0);
      const int K = s->horizon;
      report::Figure f;
      f.name = "sparse-rows";
      f.title = fmt::format("sparse rows, n = {}, d = {}, B = {}: row-norm vs uniform sampling", s->problem->rows(),
                            s->hb.d, s->bstar);
      f.xlabel = "k";
      f.ylabel = "||x_k - x*|| / ||x_0 - x*||";
      f.logy = true;
      add_quantile_series(f, r, 0, 0, K, "row-norm");
      add_quantile_series(f, r, 1, 0, K, "uniform");
      std::vector<double> ks, bound;
      for (int k = 0; k <= K; ++k) {
        ks.push_back(k);
        bound.push_back(s->bound(k));
      }
      f.series.push_back({"sqrt(2) kappa_C beta^(k/2) (deterministic bound)", report::Style::dashed, ks, bound, {}});
      return nlohmann::json::array({report::to_json(f)});
    }));
  }
  {
    // The inconsistent experiment: b = A x_opt + noise r / ||r||; errors are to the least-squares solution.
    auto rec = std::make_shared<Recorder>();
    // B = 10 B* (a million rows a step at the full size) only in the full tier.
    auto multiples_of = [](Tier tier) { return tier == Tier::full ? std::vector<double>{10, 1, 0.1} : std::vector<double>{1, 0.1}; };
    auto incons_setup = [](const Trial& t) {
      const int d = int(t.params["incons_d"]);
      const auto n = Eigen::Index(t.params["incons_n"]);
      const double kappa = t.params["incons_kappa"], noise = t.params["incons_noise"];
      const std::string key = fmt::format("incons/{}/{}/{}/{}/{}/{}/{}/{}", d, n, kappa, noise, t.point.seed,
                                          t.params["c"], t.params["floor"], t.params["max_horizon"]);
      return t.store.get<HbmSetup>(key, [&] {
        Engine rng = make_engine(derive_seed(t.point.seed, kId, "inconsistent", 0, 0));
        return make_setup(std::make_shared<const LeastSquares>(
                              least_squares_with_spectrum(inconsistent_spectrum(d, kappa), n, rng, noise)),
                          t.params, key);
      });
    };
    Claim c = comparison(
        {.id = "inconsistent",
         .statement = "the paper's inconsistent experiment ($\\kappa$ = incons_kappa, $b = Ax_{opt} + 10^{-5} r/\\|r\\|$): "
                      "after the horizon, minibatch HBM at $B = \\lceil B^*\\rceil$ is closer to the least-squares "
                      "solution than randomized Kaczmarz ($\\omega = 1$) after as many iterations, on paired runs; the "
                      "error and residual curves at $B \\in \\{10, 1, 0.1\\} B^*$ are reported (10 $B^*$ in the full tier)",
         .rests_on = {"main-claim"}},
        // 24 paired runs (full 40): 12 straight wins are the least the sign test decides at kClaimAlpha, so
        // one lost pair among 12 would have left it undecided.
        {.instances = {1, 1},
         .runs_per_instance = {24, 40},
         .factor = 1.0,
         .alpha = kAlpha,
         .a_name = "minibatch HBM",
         .b_name = "RK",
         .sample = [rec, incons_setup, multiples_of](const Trial& t) {
           auto s = incons_setup(t);
           const int K = s->horizon;
           double hbm_last = 0;
           for (double m : multiples_of(t.tier)) {
             Engine rng = make_engine(derive_seed(t.point.seed, kId, fmt::format("inconsistent-B={}", m), t.index, 0));
             MinibatchHeavyBall hbm(*s->problem, s->hb.alpha, s->hb.beta, s->batch(m), s->sampler,
                                    Eigen::VectorXd::Zero(s->problem->cols()));
             auto [e, res] = error_and_residual(hbm, *s->problem, K, rng);
             if (m == 1) hbm_last = std::isfinite(e.back()) ? e.back() : std::numeric_limits<double>::infinity();
             e.insert(e.end(), res.begin(), res.end());
             rec->put(t.index, m, std::move(e));
           }
           Engine rng = make_engine(derive_seed(t.point.seed, kId, "inconsistent-rk", t.index, 0));
           RandomizedKaczmarz rk(*s->problem, 1.0, Eigen::VectorXd::Zero(s->problem->cols()), s->sampler);
           auto [e, res] = error_and_residual(rk, *s->problem, K, rng);
           const double rk_last = e.back();
           e.insert(e.end(), res.begin(), res.end());
           rec->put(t.index, 0, std::move(e));
           return Paired{hbm_last, rk_last};
         }});
    t.add(with_figures(std::move(c), rec, [incons_setup, multiples_of](ClaimContext& ctx, Recorder& r, const ClaimResult&) {
      Point p0 = ctx.instance(0);
      Engine unused = make_engine(0);
      Trial t0{p0, 0, 0, 0, unused, ctx.params, ctx.tier, ctx.store};
      auto s = incons_setup(t0);
      const int K = s->horizon;
      nlohmann::json figs = nlohmann::json::array();
      for (int panel = 0; panel < 2; ++panel) {
        report::Figure f;
        f.name = panel == 0 ? "inconsistent-error" : "inconsistent-residual";
        f.group = "inconsistent";
        f.panel = panel;
        f.title = fmt::format("inconsistent system, n = {}, d = {}, kappa = {:g}: {}", s->problem->rows(), s->hb.d,
                              s->hb.kappa, panel == 0 ? "error" : "residual");
        f.xlabel = std::string("k");  // see the b-dependence figure: GCC 12 false -Wrestrict
        f.ylabel = panel == 0 ? "||x_k - x_LS|| / ||x_0 - x_LS||" : "||A x_k - b|| / ||b||";
        f.logy = true;
        const std::size_t col = panel == 0 ? 0 : std::size_t(K + 1);
        for (double m : multiples_of(ctx.tier)) add_quantile_series(f, r, m, col, K, fmt::format("B = {} B*", m));
        add_quantile_series(f, r, 0, col, K, "RK (omega = 1)");
        figs.push_back(report::to_json(f));
      }
      return figs;
    }));
  }
  return t;
}

}  // namespace
THMCHECK_REGISTER_THEOREM(make);
}  // namespace thmcheck::theorems
