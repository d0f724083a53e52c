// Claim 2 of minibatch-hbm-acceleration: the deterministic rates (docs/theory/minibatch-hbm.md,
// "Heavy-ball parameters and kappa_C"): heavy ball contracts at sqrt(beta) up to the constant
// sqrt(2) kappa_C, GD at (kappa - 1)/(kappa + 1), and their iteration counts grow like sqrt(kappa)
// and kappa.
#include "hbm.hpp"
#include "thmcheck/harness/kinds/inequality.hpp"
#include "thmcheck/harness/kinds/scaling.hpp"
#include "thmcheck/methods/gradient_descent.hpp"
#include "thmcheck/methods/heavy_ball.hpp"

namespace thmcheck::theorems::minibatch_hbm {
namespace {

std::vector<Inequality> hbm_bound(const Trial& t, double C) {
  auto s = setup(t);
  const auto& P = *s->problem;
  // From x_0 - x* along the declared start, as far from x* as x_0 = 0 is.
  const Eigen::VectorXd u = start_in_eigenbasis(t, P.eigenvectors);
  HeavyBall hbm(P, s->hb.alpha, s->hb.beta, P.x_star + P.x_star.norm() / u.norm() * u);
  Eigen::VectorXd e = relative_errors(hbm, s->horizon, P.x_star);
  // The computed fixed point sits about eps kappa ||x*|| from x*: round-off, allowed for.
  const double allowance = t.params["roundoff"] * kEps * s->hb.kappa;
  std::vector<Inequality> out;
  for (int k = 0; k <= s->horizon; ++k)
    out.push_back({e(k), C * s->bound(k), fmt::format("k={}", k), allowance});
  return out;
}

std::vector<Inequality> gd_rate(const Trial& t) {
  auto s = setup(t);
  const auto& P = *s->problem;
  const double kappa = P.lambda_max() / P.lambda_min(), rho = (kappa - 1) / (kappa + 1);
  Eigen::VectorXd x0 = P.x_star + start_direction(t, P.cols());
  GradientDescent gd(P, 2 / (P.lambda_min() + P.lambda_max()), x0);
  Eigen::VectorXd e = relative_errors(gd, s->horizon, P.x_star);
  const double allowance =
      t.params["roundoff"] * kEps * kappa * (P.x_star.norm() + x0.norm()) / (x0 - P.x_star).norm();
  std::vector<Inequality> out;
  for (int k = 1; k <= s->horizon; ++k)
    out.push_back({e(k), std::pow(rho, k), fmt::format("k={}", k), allowance});
  return out;
}

// Iterations for ||x_k - x*|| <= eps ||x_0 - x*|| on a fresh instance of condition number kappa,
// with the point's recipe and d; heavy ball with the theory's (alpha, beta), or GD with 2/(mu + L).
double iterations_to(const Trial& t, double kappa, bool heavy) {
  const int d = t.point.integer("d");
  const auto recipe = static_cast<SpectrumRecipe>(t.point.integer("recipe"));
  Eigen::VectorXd lambda = spectrum(recipe, d, kappa);
  LeastSquares P = least_squares_with_spectrum(lambda, d, t.rng);
  const double eps = t.params["eps"];
  std::unique_ptr<DeterministicMethod> m;
  Eigen::VectorXd x0 = Eigen::VectorXd::Zero(d);
  if (heavy) {
    auto hb = heavy_ball_parameters(lambda, t.params["c"]);
    m = std::make_unique<HeavyBall>(P, hb.alpha, hb.beta, x0);
  } else {
    m = std::make_unique<GradientDescent>(P, 2 / (lambda.minCoeff() + lambda.maxCoeff()), x0);
  }
  const double e0 = P.x_star.norm();
  const long cap = long(t.params["max_iterations"]);
  for (long k = 1; k <= cap; ++k) {
    m->step();
    if ((m->x() - P.x_star).norm() <= eps * e0) return double(k);
  }
  return std::numeric_limits<double>::infinity();  // not converged in budget: the fit rejects it
}

// The kappa sweep of the iteration counts: heavy ball's exponent 1/2 against GD's 1.
ScalingSpec iterations_sweep(ExponentForm form, double exponent, Constant tolerance, bool heavy) {
  return {
      .grid = {{10, 30, 100, 300, 1000}, {10, 30, 100, 300, 1000, 3000, 10000}},
      .instances = {kScalingInstances, 50},
      .first_look = {kScalingFirstLook, 25},
      .runs_per_point = {1, 1},
      .form = form,
      .exponent = exponent,
      .tolerance = std::move(tolerance),
      .alpha = kClaimAlpha,
      .x_name = "kappa",
      .y_name = heavy ? "iterations to eps (HBM)" : "iterations to eps (GD)",
      .measure = [heavy](const Trial& t, double kappa) { return iterations_to(t, kappa, heavy); }};
}

}  // namespace

void add_deterministic_claims(Theorem& t) {
  t.add(inequality({.id = "hbm-deterministic-bound",
                    .statement = "deterministic HBM: $\\|x_k - x^*\\| \\le \\sqrt2\\,\\kappa_C "
                                 "\\beta^{k/2} \\|x_0 - x^*\\|$ for $k$ up to the horizon",
                    .rests_on = {"power-bound"}},
                   {.instances = {10, 50},
                    .rel_tol = 1e-9,
                    .inputs = {start_input()},
                    .measure = [](const Trial& t) { return hbm_bound(t, 1.0); }}));
  t.add(inequality(
      {.id = "control-deterministic-constant-too-strong",
       .statement = "control: hbm-deterministic-bound with $\\sqrt2\\,\\kappa_C$ times "
                    "deterministic_constant_factor (0.37; full tier 0.46)",
       .control = true,
       .reason =
           "the worst start, along the top eigenvector at the largest kappa, reaches 0.42 (quick) "
           "and 0.48 (full) of the bound; random starts about 0.31 and 0.45: only the worst-case "
           "search catches it"},
      {.instances = {10, 50},
       .rel_tol = 1e-9,
       .inputs = {start_input()},
       .measure = [](const Trial& t) {
         return hbm_bound(t, t.params["deterministic_constant_factor"]);
       }}));
  t.add(inequality(
      {.id = "gd-rate",
       .statement = "GD with $\\alpha = 2/(\\lambda_{\\min} + \\lambda_{\\max})$: $\\|x_k - "
                    "x^*\\| \\le ((\\kappa - 1)/(\\kappa + 1))^k \\|x_0 - x^*\\|$"},
      {.instances = {10, 50}, .rel_tol = 1e-9, .inputs = {start_input()}, .measure = gd_rate}));
  t.add(scaling(
      {.id = "hbm-iterations-sqrt-kappa",
       .statement = "iterations of HBM to reach $\\epsilon$ grow like $\\kappa^{1/2}$ (fitted "
                    "exponent within exponent_tol of 1/2)",
       .rests_on = {"hbm-deterministic-bound"}},
      iterations_sweep(ExponentForm::near, 0.5, "exponent_tol", true)));
  t.add(scaling(
      {.id = "gd-iterations-kappa",
       .statement = "iterations of GD to reach $\\epsilon$ grow like $\\kappa$ (fitted exponent "
                    "within exponent_tol of 1)",
       .rests_on = {"gd-rate"}},
      iterations_sweep(ExponentForm::near, 1.0, "exponent_tol", false)));
  t.add(scaling(
      {.id = "control-gd-accelerated",
       .statement = "control: GD's iterations grow at most like $\\kappa^{1/2}$, as if GD were "
                    "accelerated",
       .control = true,
       .reason = "the exponent of GD is 1, not 1/2: acceleration is what heavy ball adds"},
      iterations_sweep(ExponentForm::at_most, 0.5, 0.0, false)));
}

}  // namespace thmcheck::theorems::minibatch_hbm
