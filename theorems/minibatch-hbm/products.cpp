// Claim 6 of minibatch-hbm-acceleration: products of momentum matrices Z_K = Y_K ... Y_1 against
// the product-concentration bound (docs/theory/minibatch-hbm.md, "Mean-square dynamics"), with
// ||Z_K|| / ||T^K|| against the batch size as a figure.
#include "hbm.hpp"
#include "thmcheck/harness/kinds/bound_curve.hpp"
#include "thmcheck/harness/kinds/grid.hpp"
#include "thmcheck/harness/trial_record.hpp"
#include "thmcheck/report/figure_series.hpp"
#include "thmcheck/spectral/momentum_basis.hpp"
#include "thmcheck/spectral/momentum_product.hpp"
#include "thmcheck/spectral/product_concentration.hpp"

namespace thmcheck::theorems::minibatch_hbm {
namespace {

const Grid kBatchGrid{{0.01, 0.1, 1}, {0.001, 0.01, 0.1, 0.3, 1, 3}};  // B / B*

// Records (||Z_K|| / ||T^K||, log10 ratio to the bound, v) under key B / B* for the figures.
CurveSample product_sample(const Trial& t, TrialRecord& rec) {
  auto s = setup(t);
  const auto& p = s->hb;
  const auto& Pr = *s->problem;
  const int K = s->horizon;
  MomentumBasis W(p, Pr.eigenvalues, Pr.eigenvectors);
  Eigen::MatrixXd H = Pr.A.transpose() * Pr.A;
  const double TK = momentum_power_norm(p, Pr.eigenvalues, K);
  CurveSample out;
  for (double x : kBatchGrid.at(t.tier)) {
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
    const double log_bound =
        product_expectation_log_factor(v, 2.0 * p.d) + K / 2.0 * std::log(p.beta);
    const double log10_ratio = (std::log(zt) - log_bound) / std::log(10.0);
    const double q = t.params["product_quantile"];
    out.metric.push_back(std::pow(10.0, log10_ratio));
    out.curve.push_back(1 / (1 - q));
    rec.put(t.index, {zk / TK, log10_ratio, v}, x);
  }
  return out;
}

nlohmann::json product_figures(ClaimContext& ctx, const TrialRecord& r) {
  report::Figure f{.name = "product-norms-vs-batch",
                   .title = "||Y_K ... Y_1|| / ||T^K|| against B / B*",
                   .xlabel = "B / B*",
                   .ylabel = "||Z_K|| / ||T^K||",
                   .logx = true,
                   .logy = true};
  report::Figure g = f;
  g.name = "product-bound-ratio-vs-batch";
  g.title = "log10 of ||W^-1 Z_K W|| over the product-concentration bound at the empirical sigma_i";
  g.ylabel = "log10 ratio to the bound; v";
  g.logy = false;
  report::QuantileCurves a, b, v;
  for (double x : kBatchGrid.at(ctx.tier)) {
    a.add(x, r.column(x, 0));
    b.add(x, r.column(x, 1));
    v.add(x, r.column(x, 2));
  }
  report::add_band_and_median(f, a, "10%-90%", "median", report::Style::linespoints);
  f.marks.push_back({report::Axis::x, 1.0, "B*"});
  f.marks.push_back({report::Axis::y, 1.0, "||T^K||"});
  report::add_band_and_median(g, b, "10%-90%", "median", report::Style::linespoints);
  g.series.push_back({"median v = sum sigma_i^2", report::Style::points, v.x, v.q50, {}});
  g.marks.push_back({report::Axis::x, 1.0, "B*"});
  g.marks.push_back({report::Axis::y, 0.0, "bound"});
  return nlohmann::json::array({report::to_json(f), report::to_json(g)});
}

}  // namespace

void add_product_concentration(Theorem& t) {
  auto rec = std::make_shared<TrialRecord>();
  Claim c = bound_curve(
      {.id = "product-concentration",
       .statement =
           "for $Z_K = Y_K \\cdots Y_1$ at the horizon and $B/B^*$ on a grid: the "
           "product-concentration bound $E\\|\\tilde Z_K\\| \\le e^{\\sqrt{2v\\max\\{\\log 2d, "
           "2v\\}}} \\beta^{K/2}$ in the basis $W$ that block-diagonalizes $T$ ($m_i = "
           "\\sqrt\\beta$), at the empirical $\\sigma_i = \\|W^{-1}(Y_i - T)W\\| / \\sqrt\\beta$, "
           "$v = \\sum \\sigma_i^2$; checked through Markov: the product_quantile $q$ of "
           "$\\|\\tilde Z_K\\|$ over that bound is at most $1/(1-q)$. $\\|Z_K\\| / \\|T^K\\|$ is "
           "reported against $B$",
       .rests_on = {"matrix-free-norms"}},
      {.quantile = "product_quantile",
       .alpha = kClaimAlpha,
       .instances = {4, 8},
       .trials_per_instance = {10, 25},
       .sample = [rec](const Trial& t) { return product_sample(t, *rec); }});
  t.add(with_evidence(std::move(c), {rec}, [rec](ClaimContext& ctx, ClaimResult& res) {
    res.details["figures"] = product_figures(ctx, *rec);
  }));
}

}  // namespace thmcheck::theorems::minibatch_hbm
