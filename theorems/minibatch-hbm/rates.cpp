// The rate claims of minibatch-hbm-acceleration (claims 3 and 4 of docs/theory/minibatch-hbm.md,
// "What thmcheck encodes"): at B = ceil(B*) minibatch heavy ball keeps the rate sqrt(beta) of heavy
// ball, and far below B* it loses it. The rate is the exponential of the log-slope of the error
// curve (stats/log_slope.hpp).
#include "hbm.hpp"
#include "thmcheck/harness/kinds/bound_curve.hpp"
#include "thmcheck/stats/log_slope.hpp"

namespace thmcheck::theorems::minibatch_hbm {
namespace {

// The measured rate at ceil(multiple B*) against factor sqrt(beta); factor_name: nullptr for the
// claim's 1 + tau, else the control's factor.
std::function<CurveSample(const Trial&)> rate_sample(double multiple, const char* factor_name) {
  return [=](const Trial& t) {
    auto s = setup(t);
    auto e = homogeneous_trajectory(t, *s, s->batch(multiple), t.run);
    const double rate = stats::log_slope_rate(*e, kHomogeneousFloor);
    const double factor = factor_name ? t.params[factor_name] : 1 + t.params["tau"];
    return CurveSample{{rate}, {factor * s->hb.sqrt_beta}};
  };
}

// (1 + margin) sqrt(beta) / rate at B = 1 and at ceil(far_below B*): at most 1 when the rate is
// lost, 0 when the run diverged.
CurveSample necessity_sample(const Trial& t) {
  auto s = setup(t);
  CurveSample out;
  const double need = (1 + t.params["margin"]) * s->hb.sqrt_beta;
  for (long B : {1L, s->batch(t.params["far_below"])}) {
    auto e = trajectory(t, *s, B, s->hb.beta, t.run);
    const double rate = stats::log_slope_rate(*e, t.params["floor"]);
    out.metric.push_back(std::isnan(rate) ? rate : need / rate);
    out.curve.push_back(1.0);
  }
  return out;
}

}  // namespace

// The rate is read on the homogeneous instance over a long horizon (changed after a seed sweep
// showed the claim inconclusive under 15 of 16 seeds: read over the second half of a horizon that
// ends at the 1e-12 floor, the slope still carries the transient of the first steps and sits within
// 1% of the bound). The claim and tau are unchanged; only the measurement's bias is removed.
void add_rate_claims(Theorem& t) {
  t.add(bound_curve(
      {.id = "main-rate",
       .statement =
           "for $B = \\lceil B^* \\rceil$ the median over runs of the measured rate (slope of "
           "$\\log \\|x_k - x^*\\|$ over the second half of a long horizon, on the homogeneous "
           "instance $b = 0$, $x^* = 0$ from the same $x_0 - x^*$, down to $10^{-250}$) is at "
           "most $(1 + \\tau)\\sqrt\\beta$ on every instance",
       .rests_on = {"main-claim"},
       .expected_violated = true,
       .reason =
           "measured on the homogeneous instance over horizons of 650-1300 steps (no round-off "
           "floor, no transient bias): the median rate at B* is 1.04-1.07 sqrt(beta) on the quick "
           "tier's instances, larger at smaller kappa (1.07 at kappa = 5.7, 1.04 at kappa = "
           "19.5). On the pinned instance (d = 6, kappa = 5.69, fast-exponential) all 25 runs "
           "exceed 1.05 sqrt(beta) (median 1.073). This contradicts a stronger reading, not the "
           "theorem as proved: tau = 0.05 is the experiments' heuristic that B* keeps the rate of "
           "heavy ball within 5%; the proof bounds the rate only at B*(k)",
       .pinned = {{.values = {{"d", 6},
                              {"kappa", 5.6905420994969713},
                              {"recipe", 0},
                              {"n_over_d", 3.9337200000000001}},
                   .seed = 15342520253001480987u,
                   .note =
                       "found at suite seed 4, quick tier; its runs are seeded by the instance"}}},
      {.quantile = 0.5,
       .alpha = kClaimAlpha,
       .instances = kInst,
       .trials_per_instance = kRuns,
       .sample = rate_sample(1.0, nullptr),
       .over = ProbabilityOver::each_instance}));
  t.add(bound_curve(
      {.id = "control-rate-faster",
       .statement =
           "control: for $B = \\lceil B^* \\rceil$ the median rate is at most faster_factor "
           "$\\times \\sqrt\\beta$",
       .control = true,
       .reason = "sqrt(beta) is the spectral radius of T = E Y_k: no batch size beats it"},
      {.quantile = 0.5,
       .alpha = kClaimAlpha,
       .instances = kInst,
       .trials_per_instance = kRuns,
       .sample = rate_sample(1.0, "faster_factor")}));
}

void add_necessity(Theorem& t) {
  t.add(bound_curve(
      {.id = "necessity",
       .statement =
           "at $B = 1$ and $B = \\lceil$far_below$\\cdot B^*\\rceil$ (same $\\alpha, \\beta$) "
           "the median rate is worse than $(1 + \\mathrm{margin})\\sqrt\\beta$ or the "
           "iteration diverges (the curve compares $(1 + \\mathrm{margin})\\sqrt\\beta / "
           "\\mathrm{rate} \\le 1$ at index 0: $B = 1$, index 1: far below)"},
      {.quantile = 0.5,
       .alpha = kClaimAlpha,
       .instances = kInst,
       .trials_per_instance = kRuns,
       .sample = necessity_sample}));
}

}  // namespace thmcheck::theorems::minibatch_hbm
