// The paper's other experiments in minibatch-hbm-acceleration (docs/theory/minibatch-hbm.md,
// "Experiments of the paper"): sparse rows (row-norm against uniform sampling) and an inconsistent
// system (minibatch HBM against randomized Kaczmarz), decided on paired runs, with their curves as
// figures.
#include "hbm.hpp"
#include "thmcheck/harness/kinds/comparison.hpp"
#include "thmcheck/harness/trial_record.hpp"
#include "thmcheck/methods/kaczmarz.hpp"
#include "thmcheck/methods/residual_curves.hpp"
#include "thmcheck/problems/sparse_rows.hpp"
#include "thmcheck/report/figure_series.hpp"

namespace thmcheck::theorems::minibatch_hbm {
namespace {

// +inf for a run that diverged, so that the comparison counts it as lost.
double finite_or_inf(double e) {
  return std::isfinite(e) ? e : std::numeric_limits<double>::infinity();
}

std::shared_ptr<const HbmSetup> sparse_setup(const Trial& t) {
  const auto d = Eigen::Index(t.params["sparse_d"]);
  const auto n = Eigen::Index(t.params["sparse_n"]);
  const std::string key = fmt::format("sparse/{}/{}/{}/{}/{}/{}", d, n, t.point.seed, t.params["c"],
                                      t.params["floor"], t.params["max_horizon"]);
  return t.store.get<HbmSetup>(key, [&] {
    Engine rng = make_engine(derive_seed(t.point.seed, kId, "sparse-rows", 0, 0));
    return make_setup(std::make_shared<const LeastSquares>(sparse_rows_problem(n, d, rng)),
                      t.params, key);
  });
}

// Row-norm (key 0) and uniform (key 1) sampling at row-norm sampling's B*, compared halfway through
// the horizon: the end sits at the round-off floor.
Paired sparse_sample(const Trial& t, TrialRecord& rec) {
  auto s = sparse_setup(t);
  auto uniform = t.store.get<RowSampler>(
      s->key + "/uniform", [&] { return RowSampler(s->problem->A, Sampling::uniform); });
  double mid[2];
  for (int which = 0; which < 2; ++which) {
    Engine rng = make_engine(derive_seed(t.point.seed, kId, "sparse-rows-run", which, t.index));
    MinibatchHeavyBall m(*s->problem, s->hb.alpha, s->hb.beta, s->bstar,
                         which == 0 ? s->sampler : uniform,
                         Eigen::VectorXd::Zero(s->problem->cols()));
    auto e = relative_errors(m, s->horizon, rng, s->problem->x_star);
    rec.put(t.index, std::vector<double>(e.data(), e.data() + e.size()), which);
    mid[which] = finite_or_inf(e(s->horizon / 2));
  }
  return Paired{mid[0], mid[1]};
}

nlohmann::json sparse_figure(ClaimContext& ctx, const TrialRecord& r) {
  auto s = setup_of_instance(ctx, 0, sparse_setup);
  const int K = s->horizon;
  report::Figure f;
  f.name = "sparse-rows";
  f.title = fmt::format("sparse rows, n = {}, d = {}, B = {}: row-norm vs uniform sampling",
                        s->problem->rows(), s->hb.d, s->bstar);
  f.xlabel = std::string("k");  // see the b-dependence figure: GCC 12 false -Wrestrict
  f.ylabel = "||x_k - x*|| / ||x_0 - x*||";
  f.logy = true;
  report::add_quantile_series(f, r, 0, 0, K, "row-norm");
  report::add_quantile_series(f, r, 1, 0, K, "uniform");
  std::vector<double> ks, bound;
  for (int k = 0; k <= K; ++k) {
    ks.push_back(k);
    bound.push_back(s->bound(k));
  }
  f.series.push_back(
      {"sqrt(2) kappa_C beta^(k/2) (deterministic bound)", report::Style::dashed, ks, bound, {}});
  return nlohmann::json::array({report::to_json(f)});
}

// B = 10 B* (a million rows a step at the full size) only in the full tier. A list, not a constant:
// left out of the parameters, which hold numbers only.
std::vector<double> incons_multiples(Tier tier) {
  return tier == Tier::full ? std::vector<double>{10, 1, 0.1} : std::vector<double>{1, 0.1};
}

// The spectrum is the exponential family with base 0.5.
std::shared_ptr<const HbmSetup> incons_setup(const Trial& t) {
  const int d = int(t.params["incons_d"]);
  const auto n = Eigen::Index(t.params["incons_n"]);
  const double kappa = t.params["incons_kappa"], noise = t.params["incons_noise"];
  const std::string key =
      fmt::format("incons/{}/{}/{}/{}/{}/{}/{}/{}", d, n, kappa, noise, t.point.seed, t.params["c"],
                  t.params["floor"], t.params["max_horizon"]);
  return t.store.get<HbmSetup>(key, [&] {
    Engine rng = make_engine(derive_seed(t.point.seed, kId, "inconsistent", 0, 0));
    return make_setup(std::make_shared<const LeastSquares>(least_squares_with_spectrum(
                          exponential_spectrum(d, kappa, 0.5), n, rng, noise)),
                      t.params, key);
  });
}

// Error and residual curves (one row: errors then residuals) under key m for minibatch HBM at m B*
// and under key 0 for RK; the pair compared is the final errors at B* and of RK.
Paired incons_sample(const Trial& t, TrialRecord& rec) {
  auto s = incons_setup(t);
  const int K = s->horizon;
  double hbm_last = 0;
  for (double m : incons_multiples(t.tier)) {
    Engine rng = make_engine(
        derive_seed(t.point.seed, kId, fmt::format("inconsistent-B={}", m), t.index, 0));
    MinibatchHeavyBall hbm(*s->problem, s->hb.alpha, s->hb.beta, s->batch(m), s->sampler,
                           Eigen::VectorXd::Zero(s->problem->cols()));
    auto [e, res] = error_and_residual(hbm, *s->problem, K, rng);
    if (m == 1) hbm_last = finite_or_inf(e.back());
    e.insert(e.end(), res.begin(), res.end());
    rec.put(t.index, std::move(e), m);
  }
  Engine rng = make_engine(derive_seed(t.point.seed, kId, "inconsistent-rk", t.index, 0));
  RandomizedKaczmarz rk(*s->problem, 1.0, Eigen::VectorXd::Zero(s->problem->cols()), s->sampler);
  auto [e, res] = error_and_residual(rk, *s->problem, K, rng);
  const double rk_last = e.back();
  e.insert(e.end(), res.begin(), res.end());
  rec.put(t.index, std::move(e), 0);
  return Paired{hbm_last, rk_last};
}

nlohmann::json incons_figures(ClaimContext& ctx, const TrialRecord& r) {
  auto s = setup_of_instance(ctx, 0, incons_setup);
  const int K = s->horizon;
  nlohmann::json figs = nlohmann::json::array();
  for (int panel = 0; panel < 2; ++panel) {
    report::Figure f;
    f.name = panel == 0 ? "inconsistent-error" : "inconsistent-residual";
    f.group = "inconsistent";
    f.panel = panel;
    f.title =
        fmt::format("inconsistent system, n = {}, d = {}, kappa = {:g}: {}", s->problem->rows(),
                    s->hb.d, s->hb.kappa, panel == 0 ? "error" : "residual");
    f.xlabel = std::string("k");  // see the b-dependence figure: GCC 12 false -Wrestrict
    f.ylabel = panel == 0 ? "||x_k - x_LS|| / ||x_0 - x_LS||" : "||A x_k - b|| / ||b||";
    f.logy = true;
    const std::size_t col = panel == 0 ? 0 : std::size_t(K + 1);
    for (double m : incons_multiples(ctx.tier))
      report::add_quantile_series(f, r, m, col, K, fmt::format("B = {} B*", m));
    report::add_quantile_series(f, r, 0, col, K, "RK (omega = 1)");
    figs.push_back(report::to_json(f));
  }
  return figs;
}

}  // namespace

void add_paper_experiments(Theorem& t) {
  // Sparse rows: heterogeneous row norms make uniform sampling need a batch eta = n max ||a_i||^2 /
  // ||A||_F^2 times larger; at row-norm sampling's B* the two are compared on paired runs.
  auto sparse = std::make_shared<TrialRecord>();
  Claim c = comparison(
      {.id = "sparse-rows",
       .statement =
           "the paper's sparse-rows experiment ($A_{ij} = D_i 1[u_{ij} > 0.9]$, $D_i = 10$ with "
           "probability 0.1): at $B = \\lceil B^*\\rceil$ of row-norm sampling, minibatch HBM "
           "with row-norm sampling is closer to $x^*$ than with uniform sampling halfway through "
           "the horizon (the end sits at the round-off floor), on paired runs",
       .rests_on = {"main-claim"}},
      // 120 paired runs: row-norm sampling wins about 70-80% of them here, which the sign test
      // decides at kClaimAlpha from about 70 pairs; 30 pairs left it undecided under some seeds.
      {.instances = {1, 1},
       .runs_per_instance = {120, 120},
       .factor = 1.0,
       .alpha = kClaimAlpha,
       .a_name = "row-norm",
       .b_name = "uniform",
       .sample = [sparse](const Trial& t) { return sparse_sample(t, *sparse); }});
  t.add(with_evidence(std::move(c), {sparse}, [sparse](ClaimContext& ctx, ClaimResult& res) {
    res.details["figures"] = sparse_figure(ctx, *sparse);
  }));

  // The inconsistent experiment: b = A x_opt + noise r / ||r||; errors are to the least-squares
  // solution.
  auto incons = std::make_shared<TrialRecord>();
  Claim d = comparison(
      {.id = "inconsistent",
       .statement =
           "the paper's inconsistent experiment ($\\kappa$ = incons_kappa, $b = Ax_{opt} + "
           "10^{-5} r/\\|r\\|$): after the horizon, minibatch HBM at $B = \\lceil B^*\\rceil$ is "
           "closer to the least-squares solution than randomized Kaczmarz ($\\omega = 1$) after "
           "as many iterations, on paired runs; the error and residual curves at $B \\in \\{10, "
           "1, 0.1\\} B^*$ are reported (10 $B^*$ in the full tier)",
       .rests_on = {"main-claim"}},
      // 24 paired runs (full 40): 12 straight wins are the least the sign test decides at
      // kClaimAlpha, so one lost pair among 12 would have left it undecided.
      {.instances = {1, 1},
       .runs_per_instance = {24, 40},
       .factor = 1.0,
       .alpha = kClaimAlpha,
       .a_name = "minibatch HBM",
       .b_name = "RK",
       .sample = [incons](const Trial& t) { return incons_sample(t, *incons); }});
  t.add(with_evidence(std::move(d), {incons}, [incons](ClaimContext& ctx, ClaimResult& res) {
    res.details["figures"] = incons_figures(ctx, *incons);
  }));
}

}  // namespace thmcheck::theorems::minibatch_hbm
