// Randomized Kaczmarz (Strohmer and Vershynin 2009) on consistent systems: rows drawn with
// probability
// ||a_i||^2 / ||A||_F^2 and projected onto exactly, E ||x_k - x*||^2 <= (1 - mu/||A||_F^2)^k ||x_0
// - x*||^2. A statement about an expectation over the rows drawn, for every start. The expectation
// is computed exactly (methods/kaczmarz_second_moment.hpp): E||e_k||^2 = e_0^T G_k e_0 with G_k the
// k-th image of I under the second-moment map, so every claim is a deterministic inequality,
// decided without sampling noise. (A Monte Carlo mean decided it before; on instances with nearly
// equal eigenvalues the mean sits within 2-4% of the bound, which no affordable number of runs
// resolves under every seed.) The Monte Carlo mean is kept beside them as a cross-check of the
// method's implementation against the exact recursion (monte-carlo-cross-check).
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

#include "common.hpp"
#include "thmcheck/harness/kinds/expectation.hpp"
#include "thmcheck/harness/kinds/inequality.hpp"
#include "thmcheck/harness/registry.hpp"
#include "thmcheck/harness/theorem.hpp"
#include "thmcheck/methods/kaczmarz.hpp"
#include "thmcheck/methods/kaczmarz_second_moment.hpp"
#include "thmcheck/problems/gaussian.hpp"

namespace thmcheck::theorems {
namespace {

enum class Start { gaussian, slowest, worst };

// The instance's checkpoints, where (1 - mu/||A||_F^2)^k crosses the levels, and G_k at each:
// computed once per instance and shared by the claims.
struct ExactMoments {
  double q = 0;  // mu / ||A||_F^2
  std::vector<int> ks;
  std::vector<Eigen::MatrixXd> G;
};

std::shared_ptr<const ExactMoments> exact_moments(const Trial& t) {
  const std::string key =
      fmt::format("rk-exact/{}/{}/{}/{}/{}", t.point.describe(), t.point.seed, t.params["level_1"],
                  t.params["level_2"], t.params["level_3"]);
  return t.store.get<ExactMoments>(key, [&] {
    auto p = spectrum_instance(t);
    ExactMoments m;
    m.q = p->lambda_min() / p->frobenius_squared();
    for (double lev : {t.params["level_1"], t.params["level_2"], t.params["level_3"]})
      m.ks.push_back(std::max(1, int(std::ceil(std::log(lev) / std::log1p(-m.q)))));
    m.G = kaczmarz_error_gram(*p, m.ks);
    return m;
  });
}

// E||e_k||^2 / ||e_0||^2 (exact) at the checkpoints against (rate_factor-fold faster) bounds: from
// a Gaussian start, from v_min, or the worst start (the largest eigenvalue of G_k).
std::vector<Inequality> rk_exact(const Trial& t, Start start, double rate_factor) {
  auto m = exact_moments(t);
  Eigen::VectorXd e0;
  if (start == Start::gaussian) e0 = gaussian_vector(spectrum_instance(t)->cols(), t.rng);
  if (start == Start::slowest) e0 = spectrum_instance(t)->eigenvectors.col(0);
  std::vector<Inequality> out;
  for (std::size_t j = 0; j < m->ks.size(); ++j) {
    const Eigen::MatrixXd& G = m->G[j];
    const double lhs = start == Start::worst ? Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(
                                                   G, Eigen::EigenvaluesOnly)
                                                   .eigenvalues()
                                                   .maxCoeff()
                                             : e0.dot(G * e0) / e0.squaredNorm();
    out.push_back({lhs, std::pow(std::max(0.0, 1 - rate_factor * m->q), double(m->ks[j])),
                   fmt::format("k={}", m->ks[j])});
  }
  return out;
}

// One run of the method itself (RandomizedKaczmarz, omega = 1) from x_0 - x* = v_min: its
// ||e_k||^2 / ||e_0||^2 at the checkpoints against the exact value, two-sided within mc_tol. Each
// step is an orthogonal projection of the error, so the ratio lies in [0, 1]: a bounded variable,
// whose mean gets distribution-free bounds at both ends. Values: X_k (at most exact + tol) and
// 1 - X_k (at most 1 - exact + tol).
ExpectationSample rk_monte_carlo(const Trial& t) {
  auto m = exact_moments(t);
  auto p = spectrum_instance(t);
  const Eigen::VectorXd v = p->eigenvectors.col(0);
  RandomizedKaczmarz rk(*p, 1.0, p->x_star + v);
  const double tol = t.params["mc_tol"];
  ExpectationSample out;
  std::vector<double> x;
  int k = 0;
  for (int target : m->ks) {
    for (; k < target; ++k) rk.step(t.rng);
    x.push_back((rk.x() - p->x_star).squaredNorm() / v.squaredNorm());
  }
  for (std::size_t j = 0; j < m->ks.size(); ++j) {
    const double exact = v.dot(m->G[j] * v) / v.squaredNorm();
    out.values.push_back(std::clamp(x[j], 0.0, 1.0));  // round-off only: a projection contracts
    out.bounds.push_back(exact + tol);
    out.labels.push_back(fmt::format("k={} above", m->ks[j]));
    out.values.push_back(1 - std::clamp(x[j], 0.0, 1.0));
    out.bounds.push_back(1 - exact + tol);
    out.labels.push_back(fmt::format("k={} below", m->ks[j]));
  }
  return out;
}

Theorem make() {
  Theorem t;
  t.id = "randomized-kaczmarz-rate";
  t.title = "Randomized Kaczmarz converges in expectation at rate 1 - mu/||A||_F^2";
  t.source = {"T. Strohmer, R. Vershynin",
              "A randomized Kaczmarz algorithm with exponential convergence",
              "Journal of Fourier Analysis and Applications 15(2)",
              2009,
              "Theorem 2",
              ""};
  t.statement =
      "For a consistent system $Ax = b$ with $A$ of full column rank, randomized Kaczmarz with "
      "rows drawn with "
      "probability $\\|a_i\\|^2/\\|A\\|_F^2$ and relaxation $\\omega = 1$ satisfies "
      "$\\mathbb E\\|x_k - x^*\\|^2 \\le (1 - \\mu/\\|A\\|_F^2)^k \\|x_0 - x^*\\|^2$, $\\mu = "
      "\\lambda_{\\min}(A^\\top A)$.";
  t.quick_budget_seconds = 10;
  // Full tier up to d = 40, kappa = 300: the exact second moment costs about 2 n d^2 flops per step
  // and the last checkpoint needs about 3 ||A||_F^2 / mu steps.
  spectrum_variables(t.hypotheses,
                     {.d = {2, 20, 40}, .kappa = {2, 100, 300}, .n_over_d = {1, 4, 6}});
  t.parameters.add("level_1", 0.5, "first checkpoint: where the bound equals this", 1e-6, 1)
      .add("level_2", 0.2, "second checkpoint", 1e-6, 1)
      .add("level_3", 0.05, "third checkpoint", 1e-6, 1)
      .add("rate_factor", 4, "control: the rate mu/||A||_F^2 claimed this many times larger", 1,
           100)
      .add("roundoff", 1e-9, "relative round-off allowance of the exact expectations", 0, 1)
      .add("mc_tol", 0.1,
           "cross-check: |Monte Carlo mean - exact| of ||e_k||^2 / ||e_0||^2 at most this", 0, 1);

  const Budget kInstances{12, 16};
  t.add(inequality(
      {.id = "expected-error",
       .statement =
           "$\\mathbb E\\|x_k - x^*\\|^2/\\|x_0 - x^*\\|^2 \\le (1 - \\mu/\\|A\\|_F^2)^k$ at three "
           "checkpoints, for a Gaussian $x_0 - x^*$ (the expectation over the rows computed "
           "exactly)"},
      {.instances = kInstances,
       .rel_tol = "roundoff",
       .shrink = false,
       .measure = [](const Trial& t) { return rk_exact(t, Start::gaussian, 1.0); }}));
  t.add(inequality({.id = "expected-error-slowest-start",
                    .statement = "the same bound from $x_0 - x^* = v_{\\min}$, where the first "
                                 "step meets it with equality",
                    .rests_on = {"expected-error"}},
                   {.instances = kInstances,
                    .rel_tol = "roundoff",
                    .shrink = false,
                    .measure = [](const Trial& t) { return rk_exact(t, Start::slowest, 1.0); }}));
  t.add(inequality({.id = "expected-error-worst-start",
                    .statement = "the bound for every start at once: $\\lambda_{\\max}(G_k) \\le "
                                 "(1 - \\mu/\\|A\\|_F^2)^k$, "
                                 "$G_k$ the exact second-moment map applied $k$ times to $I$ "
                                 "($\\mathbb E\\|e_k\\|^2 = e_0^\\top "
                                 "G_k e_0$)",
                    .rests_on = {"expected-error-slowest-start"}},
                   {.instances = kInstances,
                    .rel_tol = "roundoff",
                    .shrink = false,
                    .measure = [](const Trial& t) { return rk_exact(t, Start::worst, 1.0); }}));
  t.add(inequality(
      {.id = "control-rate-quadrupled",
       .statement = "control: $\\mathbb E\\|x_k - x^*\\|^2/\\|x_0 - x^*\\|^2 \\le (1 - "
                    "4\\mu/\\|A\\|_F^2)^k$ "
                    "from $v_{\\min}$",
       .control = true,
       .reason = "the rate is claimed four times as fast. From v_min the first step contracts by "
                 "exactly 1 - mu/||A||_F^2; on these instances the error then leaks into faster "
                 "modes and the measured decay is about twice the bound's rate, so a doubled "
                 "rate sits on the truth and would not be a falsified variant"},
      {.instances = kInstances,
       .rel_tol = "roundoff",
       .shrink = false,
       .measure = [](const Trial& t) {
         return rk_exact(t, Start::slowest, t.params["rate_factor"]);
       }}));
  // Runs per instance: looks at 1000, 2000, 4000. Chosen before any run: at 1000 runs the
  // empirical-Bernstein half-width at alpha / (instances x 6 x looks) is about 0.08 for a variable
  // in [0, 1] with variance below 0.1, under mc_tol = 0.1.
  t.add(expectation(
      {.id = "monte-carlo-cross-check",
       .statement =
           "the Monte Carlo mean of $\\|x_k - x^*\\|^2/\\|x_0 - x^*\\|^2$ over runs of the method "
           "itself from $x_0 - x^* = v_{\\min}$ lies within mc_tol of the exact value at the three "
           "checkpoints (two-sided; the ratio lies in $[0, 1]$, since every step projects the "
           "error): a check of the implementation against the exact recursion",
       .rests_on = {"expected-error-slowest-start"}},
      {.alpha = kClaimAlpha,
       .instances = kInstances,
       .trials_per_instance = {4000, 4000},
       .first_look = {1000, 1000},
       .sample = rk_monte_carlo}));
  return t;
}

}  // namespace
THMCHECK_REGISTER_THEOREM(make);
}  // namespace thmcheck::theorems
