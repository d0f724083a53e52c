// What the factorization theorems share (docs/theory/matrix-factorization.md): the two papers'
// sources, the low-rank instance a point describes (built once per run), the per-instance
// randomness of the initializations, Ward-Kolda's method with its parameters, Xu et al.'s rate
// claims and NAG-vs-GD comparison, and small helpers to add evidence to a claim's details. Only
// public headers of lib/ are included here, like in every theorem file.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/harness/claim.hpp"
#include "thmcheck/harness/context.hpp"
#include "thmcheck/harness/kinds/comparison.hpp"
#include "thmcheck/harness/kinds/probability.hpp"
#include "thmcheck/harness/kinds/scaling.hpp"
#include "thmcheck/harness/theorem.hpp"
#include "thmcheck/harness/trial_record.hpp"
#include "thmcheck/methods/factorization.hpp"
#include "thmcheck/methods/factorization_init.hpp"
#include "thmcheck/methods/factorization_metrics.hpp"
#include "thmcheck/problems/low_rank.hpp"
#include "thmcheck/report/figure.hpp"
#include "thmcheck/stats/order_statistics.hpp"

namespace thmcheck::theorems::factorization {

// Ward and Kolda (WK in the theory file); `what` names the theorem or part used.
inline Source agd_asymmetric_paper(std::string what) {
  return {"R. Ward, T. G. Kolda",
          "Convergence of alternating gradient descent for matrix factorization",
          "NeurIPS",
          2023,
          std::move(what),
          "arXiv:2305.06927"};
}

// Xu, Wang, Zhao, Ward and Tao (XWZWT in the theory file).
inline Source nag_unbalanced_paper(std::string what) {
  return {"Z. Xu, Y. Wang, T. Zhao, R. Ward, M. Tao",
          "Provable acceleration of Nesterov's accelerated gradient for asymmetric matrix "
          "factorization and "
          "linear neural networks",
          "NeurIPS",
          2024,
          std::move(what),
          "arXiv:2410.09640"};
}

// The low-rank matrix of a point with variables m, n, r and spacing, at condition number kappa and
// relative noise level `noise`. U and V come from the point's seed only, so a kappa sweep and the
// noisy variant share the singular vectors of the instance.
inline std::shared_ptr<const LowRankMatrix> low_rank_instance(const Trial& t, double kappa,
                                                              double noise = 0.0) {
  const auto& p = t.point;
  const std::string key = fmt::format("factorization-instance/{}/{}/{:.17g}/{:.17g}", p.describe(),
                                      p.seed, kappa, noise);
  return t.store.get<LowRankMatrix>(key, [&] {
    Engine rng = make_engine(p.seed);
    return low_rank_matrix(p.integer("m"), p.integer("n"), p.integer("r"), kappa,
                           static_cast<SingularSpacing>(p.integer("spacing")), rng, noise);
  });
}

// An engine for the initialization of run `stream` on this instance: derived from the point's seed,
// so every claim (and every kappa of a sweep) that asks for the same stream gets the same Phi.
inline Engine init_engine(const Point& p, std::uint64_t stream) {
  return make_engine(mix64(p.seed ^ mix64(0x9e3779b97f4a7c15ULL + stream)));
}

// 1/2 ||A - A_r||_F^2: the loss of the best rank-r approximation (0 for an exactly rank-r A).
inline double best_rank_loss(const Eigen::MatrixXd& A, int r) {
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(A);
  const auto& s = svd.singularValues();
  double tail = 0;
  for (Eigen::Index i = r; i < s.size(); ++i) tail += s(i) * s(i);
  return 0.5 * tail;
}

// min, median, 0.9-quantile and max of a sample, for a fitted constant.
inline nlohmann::json summary(std::vector<double> x) {
  if (x.empty()) return nlohmann::json::object();
  std::sort(x.begin(), x.end());
  return {{"n", x.size()},
          {"min", x.front()},
          {"median", stats::sample_quantile(x, 0.5)},
          {"q90", stats::sample_quantile(x, 0.9)},
          {"max", x.back()}};
}

// The figure of a scaling claim (iterations against kappa or d, log axes): the geometric mean over
// instances of y at every grid value and the line with the fitted median slope through its center.
inline report::Figure scaling_figure(const ClaimResult& r, const std::string& name,
                                     const std::string& title, const std::string& xlabel,
                                     const std::string& ylabel) {
  report::Figure f;
  f.name = name;
  f.title = title;
  f.xlabel = xlabel;
  f.ylabel = ylabel;
  f.logx = f.logy = true;
  const auto grid = r.details.value("grid", std::vector<double>{});
  const auto& rows = r.details.value("mean_log_y", nlohmann::json::array());
  if (grid.empty() || rows.empty()) return f;
  std::vector<double> mean(grid.size(), 0.0);
  for (const auto& row : rows)
    for (std::size_t j = 0; j < grid.size(); ++j)
      mean[j] += row[j].get<double>() / double(rows.size());
  report::Series measured{
      "measured (geometric mean over instances)", report::Style::linespoints, grid, {}, {}};
  for (double m : mean) measured.y.push_back(std::exp(m));
  double lx = 0, ly = 0;
  for (std::size_t j = 0; j < grid.size(); ++j) {
    lx += std::log(grid[j]) / double(grid.size());
    ly += mean[j] / double(grid.size());
  }
  report::Series fit{
      fmt::format("fitted slope {:.2f}", r.estimate), report::Style::dashed, grid, {}, {}};
  for (double x : grid) fit.y.push_back(std::exp(ly + r.estimate * (std::log(x) - lx)));
  f.series = {measured, fit};
  return f;
}

inline void add_figure(ClaimResult& r, const report::Figure& f) {
  if (!r.details.contains("figures")) r.details["figures"] = nlohmann::json::array();
  r.details["figures"].push_back(report::to_json(f));
}

// ---- Ward-Kolda: alternating GD from the asymmetric initialization ----

// The parameters every WK theorem uses, with the theory file's defaults.
inline void add_asymmetric_agd_parameters(Parameters& q) {
  q.add("eta_bar", 0.1, "dimensionless step: eta = eta_bar / s_1 (theory file default)", 1e-6, 10)
      .add("C", 4, "initialization constant C of X_0 = A Phi_1/(sqrt(eta) C s_1)", 1e-3, 1e3)
      .add("D", 4.0 / 9, "initialization constant D of Y_0 = sqrt(eta) D s_1 Phi_2 (default C/9)",
           1e-6, 1e3)
      .add("eps", 1e-12,
           "target ||A - XY^T||_F^2 <= eps ||A||_F^2 (squared, WK); far below kappa^-2, where "
           "counts are unbiased",
           1e-28, 1e-1)
      .add("C_T", 32,
           "constant of the iteration bound; 32 = 2 C^2 is what the contraction lemma gives with "
           "s_r(X_t) >= "
           "s_r(X_0)/2 and s_r(V^T Phi_1) at its typical size (sqrt d - sqrt(r-1))/sqrt d",
           0, 1e6)
      .add_integer("max_iterations", 2000000, "iteration budget of a run", 1, 100000000);
}

// Alternating GD with eta = eta_bar / s_1 from the asymmetric initialization (C, D) on matrix M at
// width d, Phi_1 and Phi_2 drawn from rng.
inline AlternatingGD asymmetric_init_agd(const LowRankMatrix& M, int d, const Parameters& q,
                                         Engine& rng) {
  const double eta = q["eta_bar"] / M.s1();
  auto init = asymmetric_init(M.A, d, eta, q["C"], q["D"], M.s1(), rng);
  return AlternatingGD(M.A, eta, std::move(init.X0), std::move(init.Y0));
}

// WK's error convention: ||A - X Y^T||_F^2 <= eps ||A||_F^2 (squared), i.e. f <= eps ||A||_F^2 / 2.
inline double squared_error_target(const Eigen::MatrixXd& A, double eps) {
  return 0.5 * eps * A.squaredNorm();
}

// ---- XWZWT: GD and NAG from the unbalanced initialization ----

// One run of a rate claim: iterations T to the target (-1 when stopped at the claim's bound or at
// the budget first), the scale that the claim's constant multiplies, the run's effective condition
// number, and whether the budget max_iterations, not the bound, was the run's cap.
struct BoundedRun {
  int T = -1;
  double scale = 0, k = 0;
  bool budget_capped = false;
};

// The cap of a rate claim's run: its bound C scale, or max_iterations when that is smaller.
inline int bounded_cap(const Trial& t, double bound, bool* budget_capped) {
  const double budget = t.params["max_iterations"];
  *budget_capped = budget < std::floor(bound);
  return int(std::min(budget, std::floor(bound)));
}

// "With probability >= 1 - delta, T <= C scale", C the parameter `constant`: `run(t, C)` does the
// trial's run stopped at its bound C scale. The fitted constant T / scale and k of every run go to
// the details (`note` says what scale is).
inline Claim rate_claim(ClaimInfo info, std::string constant, std::string note,
                        std::function<BoundedRun(const Trial&, double C)> run) {
  auto fitted = std::make_shared<TrialRecord>();
  auto ks = std::make_shared<TrialRecord>();
  auto budget_failures = std::make_shared<TrialRecord>();
  return with_evidence(
      probability(
          std::move(info),
          {.delta = "delta",
           .alpha = kClaimAlpha,
           // Looks at 40, 80, 160 runs: no failure in 40 already puts the Clopper-Pearson upper end
           // below delta = 0.2 at kClaimAlpha / 3; runs that fail now and then need 80-160.
           .first_look = {40, 100},
           .max_trials = {160, 400},
           .trials_per_instance = 2,
           .event =
               [=](const Trial& t) {
                 const BoundedRun r = run(t, t.params[constant]);
                 fitted->put(t.index,
                             r.T < 0 ? std::numeric_limits<double>::infinity() : r.T / r.scale);
                 ks->put(t.index, r.k);
                 if (r.T < 0 && r.budget_capped) budget_failures->put(t.index, r.k);
                 return r.T >= 0;
               }}),
      {fitted, ks, budget_failures},
      [fitted, ks, budget_failures, note](ClaimContext&, ClaimResult& r) {
        r.details["fitted_constant"] = summary(fitted->column());
        // A run stopped by max_iterations before its bound counts as a failure, so the verdict
        // stays conservative; these runs (their k listed) were not measured up to the claimed
        // bound.
        const auto unmeasured = budget_failures->column();
        r.details["failures_at_budget_before_bound"] = unmeasured.size();
        if (!unmeasured.empty())
          r.details["failures_at_budget_before_bound_k"] = summary(unmeasured);
        r.details["fitted_constant_note"] = note +
                                            ", per run (infinite when the run was stopped at its "
                                            "bound or at max_iterations, counted as a "
                                            "failure)";
        r.details["effective_k"] = summary(ks->column());
      });
}

// The iterations of a trial's run of NAG (nag = true) or GD to the target, -1 when stopped at
// `cap`; both on the same instance and start (common random numbers).
using RunTo = std::function<int(const Trial&, bool nag, int cap)>;

// The claim that NAG reaches the target in fewer iterations than GD, and its control (GD faster,
// the wrong direction), on paired runs. GD stops at gd_cap_factor times NAG's count, which is
// enough to order the pair; a run that misses its cap costs cap + 1.
inline std::pair<Claim, Claim> nag_speedup_claims(ClaimInfo info, RunTo iterations) {
  auto pair = [iterations](const Trial& t, bool nag_first) {
    const int budget = int(t.params["max_iterations"]);
    const int nag = iterations(t, true, budget);
    const double a = nag < 0 ? budget + 1.0 : double(nag);
    const int cap = int(std::min<double>(budget, std::ceil(t.params["gd_cap_factor"] * a)));
    const int gd = iterations(t, false, cap);
    const double b = gd < 0 ? cap + 1.0 : double(gd);
    return nag_first ? Paired{a, b} : Paired{b, a};
  };
  auto make = [pair](ClaimInfo i, bool nag_first) {
    // Sequential looks at 12, 24, 48 pairs (full: 20, 40, 80): 12 straight wins no longer decide at
    // kClaimAlpha split over the looks; clear cases stop at 24.
    return comparison(std::move(i),
                      {.instances = {48, 80},
                       .first_look = {12, 20},
                       .factor = 1.0,
                       .alpha = kClaimAlpha,
                       .a_name = nag_first ? "NAG" : "GD",
                       .b_name = nag_first ? "GD (stopped at gd_cap_factor x T_NAG)" : "NAG",
                       .sample = [pair, nag_first](const Trial& t) { return pair(t, nag_first); }});
  };
  return {make(std::move(info), true),
          make({.id = "control-gd-faster-than-nag",
                .statement = "control: GD is faster than NAG (the speedup in the wrong direction)",
                .control = true,
                .reason = "the comparison is claimed in the wrong direction"},
               false)};
}

// The fitted exponent of NAG's (or GD's) iterations per factor e against a condition number on
// `grid`: the scaling spec both Nesterov theorems use (one run per point, the claim's alpha, the
// tolerance parameter exponent_tol, the exponent parameter named `exponent`).
inline Claim iteration_exponent_claim(ClaimInfo info, Grid grid, ExponentForm form,
                                      const char* exponent, std::string x_name, std::string y_name,
                                      std::function<double(const Trial&, double)> measure) {
  return scaling(std::move(info), {.grid = std::move(grid),
                                   .instances = {kScalingInstances, 50},
                                   .first_look = {kScalingFirstLook, 25},
                                   .runs_per_point = {1, 1},
                                   .form = form,
                                   .exponent = exponent,
                                   .tolerance = "exponent_tol",
                                   .alpha = kClaimAlpha,
                                   .x_name = std::move(x_name),
                                   .y_name = std::move(y_name),
                                   .measure = std::move(measure)});
}

}  // namespace thmcheck::theorems::factorization
