// Ward and Kolda: alternating gradient descent for asymmetric matrix factorization converges
// linearly from their asymmetric ("atypical") random initialization, within C_T d/(sqrt d -
// sqrt(r-1))^2 kappa^2 log(1/eps) iterations
// (docs/theory/matrix-factorization.md#alternating-gradient-descent-wk). The lemmas of the proof
// are checked at every step; the rate, its kappa exponent and the paper's comparison with a small
// balanced Gaussian initialization are measured on sampled instances.
#include <cmath>
#include <limits>

#include "agd_asymmetric_runs.hpp"
#include "factorization_common.hpp"
#include "thmcheck/harness/kinds/comparison.hpp"
#include "thmcheck/harness/kinds/inequality.hpp"
#include "thmcheck/harness/kinds/probability.hpp"
#include "thmcheck/harness/kinds/scaling.hpp"
#include "thmcheck/harness/registry.hpp"
#include "thmcheck/harness/theorem.hpp"
#include "thmcheck/spectral/width_factors.hpp"

namespace thmcheck::theorems {
namespace {

using namespace asymmetric_agd;

Theorem make() {
  Theorem t;
  t.id = "agd-asymmetric-init";
  // Quick-tier time on one core (measured under load this session, with room to spare).
  t.quick_budget_seconds = 20;
  t.title =
      "Alternating GD for matrix factorization converges linearly from an asymmetric "
      "initialization";
  t.source = factorization::agd_asymmetric_paper("main theorem and its lemmas");
  t.statement =
      "Let $A \\in \\mathbb{R}^{m\\times n}$ have rank $r$ and condition number $\\kappa = "
      "s_1/s_r$, and run alternating "
      "gradient descent $X_{t+1} = X_t + \\eta (A - X_t Y_t^\\top) Y_t$, $Y_{t+1} = Y_t + \\eta (A "
      "- X_{t+1} Y_t^\\top)^\\top "
      "X_{t+1}$ from $X_0 = A\\Phi_1/(\\sqrt{\\eta} C s_1)$, $Y_0 = \\sqrt{\\eta} D s_1 \\Phi_2$ "
      "($\\Phi_i$ i.i.d. "
      "$N(0, 1/d)$, $d \\ge r$). With high probability $\\|A - X_T Y_T^\\top\\|_F^2 \\le \\epsilon "
      "\\|A\\|_F^2$ once "
      "$T \\ge C_T \\frac{d}{(\\sqrt d - \\sqrt{r-1})^2} \\kappa^2 \\log(1/\\epsilon)$. Lemmas: "
      "$\\mathrm{col}(X_t) \\subseteq "
      "\\mathrm{col}(A)$; $A - X_{t+1}Y_t^\\top = R_t(I - \\eta Y_tY_t^\\top)$ and $R_{t+1} = (I - "
      "\\eta X_{t+1}X_{t+1}^\\top)"
      "(A - X_{t+1}Y_t^\\top)$; $f_{t+1} \\le (1 - \\eta s_r(X_{t+1})^2)^2 f_t$ when "
      "$\\eta\\|Y_t\\|^2 \\le 2$ and "
      "$\\eta s_1(X_{t+1})^2 \\le 2 - \\eta s_r(X_{t+1})^2$; $\\|\\nabla_Y f\\|_F^2 \\ge 2 "
      "s_r(X)^2 f$ when "
      "$\\mathrm{col}(R) \\subseteq \\mathrm{col}(X)$; $s_r(X_t) \\ge s_r(X_0)/2$ along the run.";
  t.hypotheses.integer("m", 20, 30, 60, "rows of A")
      .integer("n", 15, 25, 50, "columns of A")
      .integer("r", 2, 3, 5, "rank of A")
      .integer("d_extra", 0, 4, 10, "overparameterization d - r")
      .log_uniform("kappa", 1.5, 10, 30, "condition number s_1/s_r of A")
      .choice("spacing", singular_spacing_names(), "how the singular values fill [1/kappa, 1]");
  factorization::add_asymmetric_agd_parameters(t.parameters);
  t.parameters
      .add("C_T_control", 0.005,
           "control: an iteration-bound constant below every ratio measured (0.016 up)", 0, 1e6)
      .add("delta", 0.1, "allowed failure probability of the 'with high probability' claims", 0, 1)
      .add_integer("lemma_steps", ByTier{300, 1200},
                   "steps at which the lemmas are checked per run", 1, 1000000)
      .add("roundoff", 100, "round-off allowance in units of machine epsilon times ||A||_F", 0, 1e8)
      .add("invariance_tol", 1e-10, "allowed ||(I - UU^T) X_t||_F / ||X_t||_F (round-off)", 0, 1)
      .add("recursion_tol", 1e-12,
           "allowed discrepancy of the residual recursions, relative to ||A||_F", 0, 1)
      .add(
          "control_contraction_factor", 2,
          "control: the contraction claimed as (1 - factor eta s_r^2)^2, too strong for factor > 1",
          0, 100)
      .add("kappa_exponent", 2, "claimed upper bound on the exponent of iterations in kappa", 0, 10)
      .add("tail_upper", 1e-3,
           "kappa exponent: the tail window starts at ||A - XY^T||_F <= tail_upper ||A||_F "
           "(eps^(1/4): the lower half "
           "of the run in log accuracy) and ends at the target sqrt(eps)",
           1e-14, 1)
      .add("control_kappa_exponent", 0.5, "control: an exponent claimed too small", 0, 10)
      .add("sigma", 1e-3, "small balanced initialization: entries N(0, (sigma s_1)^2)", 1e-12, 10)
      .add("noise", 1e-3, "noisy instances: ||A - A_r||_F / ||A_r||_F", 0, 1)
      .add("cap_factor", 20,
           "comparison: the balanced run stops at this many times the asymmetric run's count", 1,
           1e6)
      .add("eps_compare", 1e-10, "comparison target: f <= f(A_r) + eps_compare ||A||_F^2 / 2",
           1e-28, 1);

  t.add(inequality(
      {.id = "column-space-invariance",
       .statement = "$\\|(I - UU^\\top) X_t\\|_F / \\|X_t\\|_F \\le$ invariance_tol at every "
                    "checked step ($X_0 \\propto A\\Phi_1$)"},
      {.instances = {10, 100}, .abs_tol = "invariance_tol", .measure = [](const Trial& t) {
         auto M = factorization::low_rank_instance(t, t.point["kappa"]);
         Engine rng = factorization::init_engine(t.point, 0);
         AlternatingGD agd = factorization::asymmetric_init_agd(*M, width(t.point), t.params, rng);
         std::vector<Inequality> out;
         const int K = int(t.params["lemma_steps"]);
         run(agd, K, [&](int k, const FactorizationMethod& m) {
           out.push_back({column_space_residual(m.X(), M->U), 0.0, fmt::format("t={}", k)});
         });
         return out;
       }}));

  t.add(inequality(
      {.id = "residual-recursions",
       .statement = "$\\|A - X_{t+1}Y_t^\\top - R_t(I - \\eta Y_tY_t^\\top)\\|_F$ and $\\|R_{t+1} "
                    "- (I - \\eta X_{t+1}"
                    "X_{t+1}^\\top)(A - X_{t+1}Y_t^\\top)\\|_F$ are at most recursion_tol "
                    "$\\|A\\|_F$ (exact algebra)"},
      {.instances = {10, 100}, .abs_tol = "recursion_tol", .measure = [](const Trial& t) {
         auto M = factorization::low_rank_instance(t, t.point["kappa"]);
         Engine rng = factorization::init_engine(t.point, 0);
         AlternatingGD agd = factorization::asymmetric_init_agd(*M, width(t.point), t.params, rng);
         const double eta = agd.eta(), normA = M->A.norm();
         std::vector<Inequality> out;
         const int K = int(t.params["lemma_steps"]);
         // R (I - eta Y Y^T) as R - eta (R Y) Y^T, and (I - eta X X^T) H as H - eta X (X^T H): the
         // same algebra through d columns, O(m n d) a step instead of the O(m n^2) and O(m^2 n)
         // of forming the n x n and m x m factors (the search evaluates this 400 times).
         for (int k = 0; k < K; ++k) {
           const Eigen::MatrixXd R = agd.residual(), Y = agd.Y();
           agd.step();
           const Eigen::MatrixXd& H = agd.half_residual();
           const Eigen::MatrixXd& X = agd.X();
           const Eigen::MatrixXd RY = R * Y, XtH = X.transpose() * H;
           const double e1 = (H - (R - eta * RY * Y.transpose())).norm() / normA;
           const double e2 = (agd.residual() - (H - eta * X * XtH)).norm() / normA;
           out.push_back({e1, 0.0, fmt::format("half step t={}", k)});
           out.push_back({e2, 0.0, fmt::format("full step t={}", k + 1)});
         }
         return out;
       }}));

  auto counts = std::make_shared<StepCounts>();
  t.add(with_evidence(
      inequality(
          {.id = "contraction",
           .statement =
               "$f_{t+1} \\le (1 - \\eta s_r(X_{t+1})^2)^2 f_t$ at every checked step where "
               "$\\eta\\|Y_t\\|^2 \\le 2$ and $\\eta s_1(X_{t+1})^2 \\le 2 - \\eta s_r(X_{t+1})^2$",
           .rests_on = {"residual-recursions", "column-space-invariance"}},
          {.instances = {10, 100},
           .rel_tol = 1e-12,
           .measure =
               [counts](const Trial& t) { return contraction_steps(t, 1.0, counts.get()); }}),
      {}, [counts](ClaimContext&, ClaimResult& r) {
        const long held = counts->held.exchange(0), checked = counts->checked.exchange(0);
        r.details["steps_checked"] = checked;
        r.details["steps_hypotheses_held"] = held;
        r.details["fraction_hypotheses_held"] = checked > 0 ? double(held) / double(checked) : 0.0;
      }));

  t.add(inequality(
      {.id = "control-contraction-too-strong",
       .statement =
           "control: $f_{t+1} \\le (1 - 2\\eta s_r(X_{t+1})^2)^2 f_t$ under the same hypotheses",
       .control = true,
       .reason =
           "the contraction factor is claimed stronger than the lemma's (factor 2 in front of "
           "eta s_r^2)"},
      {.instances = {10, 100}, .rel_tol = 1e-12, .shrink = false, .measure = [](const Trial& t) {
         return contraction_steps(t, t.params["control_contraction_factor"], nullptr);
       }}));

  t.add(inequality({.id = "pl-in-y",
                    .statement = "$\\|\\nabla_Y f\\|_F^2 = \\|R_t^\\top X_t\\|_F^2 \\ge 2 "
                                 "s_r(X_t)^2 f_t$ at every checked step "
                                 "(col$(R_t) \\subseteq$ col$(X_t)$ there)",
                    .rests_on = {"column-space-invariance"}},
                   {.instances = {10, 100}, .rel_tol = 1e-10, .measure = [](const Trial& t) {
                      auto M = factorization::low_rank_instance(t, t.point["kappa"]);
                      Engine rng = factorization::init_engine(t.point, 0);
                      AlternatingGD agd =
                          factorization::asymmetric_init_agd(*M, width(t.point), t.params, rng);
                      const int r = M->rank();
                      const double ro = t.params["roundoff"] * kEps * M->A.norm();
                      std::vector<Inequality> out;
                      const int K = int(t.params["lemma_steps"]);
                      run(agd, K, [&](int k, const FactorizationMethod& m) {
                        const double sr = singular_value(m.X(), r);
                        const double lhs = 2 * sr * sr * m.loss();
                        const double rhs = (m.residual().transpose() * m.X()).squaredNorm();
                        // The part of R outside col(X) is round-off of size ro: it adds to f, not
                        // to ||R^T X||.
                        const double allowance = sr * sr * (2 * ro * m.residual().norm() + ro * ro);
                        out.push_back({lhs, rhs, fmt::format("t={}", k), allowance});
                      });
                      return out;
                    }}));

  // The trajectory bound, under mild overparameterization (d = 2r + d_extra) as the theorem is
  // stated, and at d = r, where the measurements contradict it (a finding, see the reason).
  for (bool at_r : {false, true}) {
    auto ratios = std::make_shared<TrialRecord>();
    ClaimInfo info{
        .id = at_r ? "trajectory-bound-at-d-equal-r" : "trajectory-bound",
        .statement =
            at_r ? "with probability at least $1 - \\delta$: $s_r(X_t) \\ge s_r(X_0)/2$ for every "
                   "$t \\le T$, at width $d = r$"
                 : "with probability at least $1 - \\delta$: $s_r(X_t) \\ge s_r(X_0)/2$ for every "
                   "$t \\le T$, at width $d = 2r + d_{extra}$ (mild overparameterization)",
        .rests_on = {"column-space-invariance"}};
    if (at_r) {
      info.expected_violated = true;
      info.reason =
          "measured: at d = r, s_r(X_t) dips far below s_r(X_0)/2 early in the run (t ~ 10-40) in "
          "most runs although "
          "the run then converges (m = 60, n = 50, r = 4, kappa = 10: 29/40 runs at d = r, 20/40 "
          "at d = r + 1, 9/40 "
          "at r + 2, 1/40 at 2r, 0/40 at 5r; minimum ratio 4e-5); the bound needs "
          "overparameterization. Read on "
          "each instance, with this counterexample pinned: its runs are seeded by the instance and "
          "the run, so it "
          "refutes the claim under every suite seed";
      info.pinned = {{.values = {{"m", 27},
                                 {"n", 16},
                                 {"r", 3},
                                 {"d_extra", 1},
                                 {"kappa", 4.2183292343877614},
                                 {"spacing", 0}},
                      .seed = 4805048553287643231u,
                      .note = "found at suite seed 20240607, quick tier"}};
    }
    t.add(with_evidence(
        probability(
            std::move(info),
            {.delta = "delta",
             .alpha = kClaimAlpha,
             .first_look = {20, 100},
             .max_trials = {320, 800},
             .trials_per_instance = 4,
             // At d = r the claim is read on each instance (a finding rests on one counterexample);
             // the stated claim at d = 2r + d_extra stays pooled over its sampled instances.
             .over = at_r ? ProbabilityOver::each_instance : ProbabilityOver::pooled,
             .instances = {3, 8},
             .event =
                 [ratios, at_r](const Trial& t) {
                   const int r = t.point.integer("r"),
                             d = at_r ? r : 2 * r + t.point.integer("d_extra");
                   AsymmetricAgdRun run = asymmetric_agd_run(t, d, t.index);
                   ratios->put(t.index, run.min_sr_ratio);
                   return run.T >= 0 && run.min_sr_ratio >= 0.5;
                 }}),
        {ratios}, [ratios](ClaimContext&, ClaimResult& r) {
          r.details["min_sr_ratio"] = factorization::summary(ratios->column());
        }));
  }

  // T / (factor kappa^2 log(1/eps)) of every run: the constant C_T the measurements support.
  auto fitted = std::make_shared<TrialRecord>();
  auto bound_event = [fitted](const Trial& t, double C_T) {
    AsymmetricAgdRun run = asymmetric_agd_run(t, width(t.point), t.index);
    const double scale = run.factor * run.kappa * run.kappa * std::log(1 / t.params["eps"]);
    if (fitted)
      fitted->put(t.index, run.T < 0 ? std::numeric_limits<double>::infinity() : run.T / scale);
    return run.T >= 0 && run.T <= C_T * scale;
  };
  t.add(with_evidence(
      probability(
          {.id = "iteration-bound",
           .statement = "with probability at least $1 - \\delta$: $\\|A - X_TY_T^\\top\\|_F^2 \\le "
                        "\\epsilon\\|A\\|_F^2$ "
                        "within $T \\le C_T \\frac{d}{(\\sqrt d - "
                        "\\sqrt{r-1})^2}\\kappa^2\\log(1/\\epsilon)$ iterations",
           .rests_on = {"contraction", "trajectory-bound", "pl-in-y"}},
          {.delta = "delta",
           .alpha = kClaimAlpha,
           .first_look = {20, 100},
           .max_trials = {320, 800},
           .trials_per_instance = 4,
           .event = [bound_event](const Trial& t) { return bound_event(t, t.params["C_T"]); }}),
      {fitted}, [fitted](ClaimContext&, ClaimResult& r) {
        auto v = fitted->column();
        r.details["fitted_C_T"] = factorization::summary(v);
        r.details["fitted_C_T_note"] =
            "T / (d/(sqrt d - sqrt(r-1))^2 kappa^2 log(1/eps)) per run; the smallest C_T the data "
            "support is its "
            "(1 - delta)-quantile";
        if (!v.empty()) r.details["C_T_supported"] = stats::sample_quantile(v, 1 - 0.1);
      }));
  t.add(probability(
      {.id = "control-iteration-bound-constant-too-small",
       .statement =
           "control: the iteration bound with $C_T$ = C_T_control, below every measured ratio",
       .control = true,
       .reason = "the constant of the iteration bound is claimed far smaller than the measurements "
                 "allow"},
      {.delta = "delta",
       .alpha = kClaimAlpha,
       .first_look = {20, 100},
       .max_trials = {320, 800},
       .trials_per_instance = 4,
       .event = [bound_event](const Trial& t) {
         return bound_event(t, t.params["C_T_control"]);
       }}));

  // Quick grid from kappa = 4, as in nag-unbalanced-factorization: at kappa = 2 the rate is set as
  // much by s_r(V^T Phi_1) as by kappa, and the local exponent there is low, which would favour
  // this upper bound.
  const Grid kappa_grid{{4, 8, 16, 32}, {3, 10, 30, 100}};
  auto kappa_claim = [&](ClaimInfo info, const char* exponent) {
    return scaling(std::move(info), {.grid = kappa_grid,
                                     .instances = {kScalingInstances, 50},
                                     .first_look = {kScalingFirstLook, 25},
                                     .runs_per_point = {1, 1},
                                     .form = ExponentForm::at_most,
                                     .exponent = exponent,
                                     .alpha = kClaimAlpha,
                                     .x_name = "kappa",
                                     .y_name = "iterations per factor e (tail)",
                                     .measure = [](const Trial& t, double kappa) {
                                       return agd_iterations_per_e(t, kappa, 0);
                                     }});
  };
  t.add(with_evidence(
      kappa_claim(
          {.id = "kappa-exponent",
           .statement =
               "the fitted exponent in $\\kappa$ of AGD's iterations per factor $e$ of accuracy "
               "(the "
               "coefficient of $\\log(1/\\epsilon)$, measured on the tail of the run) is at most 2",
           .rests_on = {"iteration-bound"}},
          "kappa_exponent"),
      {}, [](ClaimContext&, ClaimResult& r) {
        factorization::add_figure(
            r, factorization::scaling_figure(r, "agd-iterations-vs-kappa",
                                             "AGD (asymmetric init): iterations against kappa",
                                             "kappa", "iterations per factor e (tail)"));
      }));
  t.add(kappa_claim({.id = "control-kappa-exponent-too-small",
                     .statement = "control: the same fitted exponent is at most 0.5",
                     .control = true,
                     .reason = "the exponent is claimed far smaller than the kappa^2 of the bound"},
                    "control_kappa_exponent"));

  auto init_claim = [](ClaimInfo info, bool noisy, bool asymmetric_first) {
    return comparison(
        std::move(info),
        // Sequential looks at 12, 24, 48, 96 pairs (full: 20 ... 160): the noiseless win rate of
        // about 0.8 is decided by the sign test at kClaimAlpha from 24-48 pairs, the noisy one
        // (about 0.7) needs about 96; 12 pairs could not decide 8 wins.
        {.instances = {96, 160},
         .runs_per_instance = {1, 1},
         .first_look = {12, 20},
         .factor = 1.0,
         .alpha = kClaimAlpha,
         .a_name = asymmetric_first ? "asymmetric init" : "small balanced init",
         .b_name = asymmetric_first ? "small balanced init" : "asymmetric init",
         .sample = [noisy, asymmetric_first](const Trial& t) {
           return init_pair(t, noisy ? t.params["noise"] : 0.0, asymmetric_first);
         }});
  };
  t.add(init_claim(
      {.id = "asymmetric-beats-small-balanced",
       .statement =
           "on the same matrix and step, AGD from the asymmetric initialization reaches the target "
           "in fewer iterations than from a small balanced Gaussian initialization"},
      false, true));
  t.add(init_claim(
      {.id = "asymmetric-beats-small-balanced-noisy",
       .statement =
           "the same on approximately rank-$r$ matrices ($\\|A - A_r\\|_F$ = noise $\\|A_r\\|_F$), "
           "target $f \\le f(A_r) + \\epsilon\\|A\\|_F^2/2$"},
      true, true));
  t.add(init_claim({.id = "control-small-balanced-beats-asymmetric",
                    .statement = "control: the small balanced initialization is faster (the "
                                 "speedup in the wrong direction)",
                    .control = true,
                    .reason = "the comparison is claimed in the wrong direction"},
                   false, false));
  return t;
}

}  // namespace
THMCHECK_REGISTER_THEOREM(make);
}  // namespace thmcheck::theorems
