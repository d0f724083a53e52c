// Claim 5 of minibatch-hbm-acceleration: the sharpness of B* (docs/theory/minibatch-hbm.md,
// "Critical batch sizes"): the empirical critical batch B_emp on a geometric grid of B / B*,
// with the measured rate against B and B_emp against kappa_bar / sqrt(kappa) as figures.
#include "hbm.hpp"
#include "thmcheck/harness/kinds/threshold.hpp"
#include "thmcheck/harness/trial_record.hpp"
#include "thmcheck/report/figure_series.hpp"
#include "thmcheck/spectral/mean_square_rate.hpp"
#include "thmcheck/stats/log_slope.hpp"

namespace thmcheck::theorems::minibatch_hbm {
namespace {

// B / B*, geometric; the full tier reaches further on both sides.
const Grid kBatchGrid{{0.003, 0.01, 0.03, 0.1, 0.3, 1, 2},
                      {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 2, 4}};

// The measured rate / sqrt(beta) against B / B*, recorded under key B / B* (column 0).
nlohmann::json rate_vs_batch(ClaimContext& ctx, const TrialRecord& r, const ClaimResult& res) {
  report::Figure f{.name = "rate-vs-batch",
                   .title = "measured rate / sqrt(beta) against B / B*",
                   .xlabel = "B / B*",
                   .ylabel = "rate / sqrt(beta)",
                   .logx = true};
  report::QuantileCurves q;
  for (double x : kBatchGrid.at(ctx.tier)) {
    auto v = r.column(x, 0);
    for (auto& y : v)
      if (!std::isfinite(y)) y = 10;  // diverged: drawn at the top
    q.add(x, v);
  }
  report::add_band_and_median(f, q, "10%-90% of runs", "median rate / sqrt(beta)",
                              report::Style::linespoints);
  f.series.push_back({"1 + tau",
                      report::Style::dashed,
                      q.x,
                      std::vector<double>(q.x.size(), 1 + ctx.params["tau"]),
                      {}});
  f.marks.push_back({report::Axis::x, 1.0, "B*"});
  if (std::isfinite(res.estimate)) f.marks.push_back({report::Axis::x, res.estimate, "B_emp"});
  return report::to_json(f);
}

// How B_emp scales with kappa_bar / sqrt(kappa) (claim 5), beside B*, which for large kappa grows
// like 64 e log(2d) d kappa_bar / sqrt(kappa). Instances whose B_emp lies beyond the grid are left
// out.
nlohmann::json b_emp_vs_kappa_bar(ClaimContext& ctx, const ClaimResult& res) {
  report::Figure g{
      .name = "b-emp-vs-kappa-bar",
      .title = "empirical critical batch against kappa_bar / sqrt(kappa), one point per instance",
      .xlabel = "kappa_bar / sqrt(kappa)",
      .ylabel = "rows per step",
      .logx = true,
      .logy = true};
  report::Series emp{"B_emp", report::Style::points, {}, {}, {}};
  report::Series pred{"B*", report::Style::points, {}, {}, {}};
  const auto& rows =
      res.details.contains("instances") ? res.details["instances"] : nlohmann::json::array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto s = setup_of_instance(ctx, i, setup);
    const double x = s->hb.kappa_bar / std::sqrt(s->hb.kappa);
    pred.x.push_back(x);
    pred.y.push_back(s->bstar_real);
    if (rows[i].value("x_emp", nlohmann::json(nullptr)).is_number()) {
      emp.x.push_back(x);
      emp.y.push_back(rows[i]["x_emp"].get<double>() * s->bstar_real);
    }
  }
  g.series = {emp, pred};
  return report::to_json(g);
}

// The exact mean-square rate rho(L_B)^{1/2} / sqrt(beta) against B / B*, one curve per instance,
// with B*, B_emp and each instance's B_ms(tau) marked (docs/theory/second-moments.md): three
// notions of a critical batch side by side. Also the table of the three per instance.
nlohmann::json mean_square_vs_batch(ClaimContext& ctx, ClaimResult& res) {
  report::Figure f{.name = "mean-square-rate-vs-batch",
                   .title = "exact mean-square rate rho(L_B)^{1/2} / sqrt(beta) against B / B*",
                   .xlabel = "B / B*",
                   .ylabel = "rho(L_B)^{1/2} / sqrt(beta)",
                   .logx = true,
                   .logy = true};
  const auto& rows =
      res.details.contains("instances") ? res.details["instances"] : nlohmann::json::array();
  nlohmann::json table = nlohmann::json::array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto s = setup_of_instance(ctx, i, setup);
    SecondMomentOperator L(s->problem->A, Sampling::row_norm, s->hb.alpha, s->hb.beta, 1);
    report::Series curve{fmt::format("instance {}", i), report::Style::lines, {}, {}, {}};
    for (int g = 0; g <= 24; ++g) {
      const double x = std::pow(10.0, -3 + 4.5 * g / 24);  // 1e-3 .. 10^1.5
      const double B = std::max(1.0, std::ceil(x * s->bstar_real));
      curve.x.push_back(B / s->bstar_real);
      curve.y.push_back(std::sqrt(mean_square_spectral_radius(L.with_batch(B)).rho) /
                        s->hb.sqrt_beta);
    }
    f.series.push_back(curve);
    const auto bms = mean_square_critical_batch(L, ctx.params["tau"], double(s->bstar));
    const double x_ms = double(bms.batch) / s->bstar_real;
    f.marks.push_back({report::Axis::x, x_ms, fmt::format("B_ms ({})", i)});
    const auto x_emp = rows[i].value("x_emp", nlohmann::json(nullptr));
    table.push_back(
        {{"instance", ctx.instance(i).describe()},
         {"B_star", s->bstar_real},
         {"B_emp", x_emp.is_number() ? nlohmann::json(x_emp.get<double>() * s->bstar_real)
                                     : nlohmann::json(nullptr)},
         {"B_ms", bms.batch},
         {"B_ms_over_B_star", x_ms},
         {"rate_at_B_star_over_sqrt_beta",
          std::sqrt(mean_square_spectral_radius(L.with_batch(double(s->bstar))).rho) /
              s->hb.sqrt_beta}});
  }
  if (!f.series.empty())
    f.series.push_back({"1 + tau",
                        report::Style::dashed,
                        f.series[0].x,
                        std::vector<double>(f.series[0].x.size(), 1 + ctx.params["tau"]),
                        {}});
  f.marks.push_back({report::Axis::x, 1.0, "B*"});
  if (std::isfinite(res.estimate)) f.marks.push_back({report::Axis::x, res.estimate, "B_emp"});
  res.details["mean_square_critical_batch"] = table;
  return report::to_json(f);
}

}  // namespace

void add_critical_batch(Theorem& t) {
  auto rec = std::make_shared<TrialRecord>();
  // Runs per (instance, B). The pinned instance keeps the bound with probability about 0.86 at B*
  // (863 of 1000 runs once its batches were drawn down a tree of binomials; the 822 of 1000 that
  // first pinned it were measured on the runs that the search chose it from, so they were biased
  // low). With 1000 runs the Clopper-Pearson upper end (alpha = 5e-4 split over grid and instances)
  // sat on 0.9 and the verdict was inconclusive; 4000 put it about three standard errors below.
  // This budget was chosen after seeing that data, and re-checked under fresh seeds. 0 failures in
  // 70 runs suffice to pass. Instances run one at a time, the pinned one first, and stop at the
  // first that refutes.
  const Budget R{4000, 4000};
  Claim c = threshold(
      {.id = "critical-batch",
       .statement =
           "the empirical critical batch $B_{emp}$ (smallest $B/B^*$ on a geometric grid from "
           "which the main claim's event has probability $\\ge 1 - \\delta$) is at most $B^*$ "
           "on every instance; the margin $B^*/B_{emp}$ is the sharpness",
       .rests_on = {"main-claim"},
       .expected_violated = true,
       .reason =
           "follows from the main claim's finding, on the same pinned instance (d=4, "
           "kappa=11.5, fast-exponential): 3418 of 4000 runs keep the bound at B* "
           "(Clopper-Pearson upper end 0.876 < 0.9) and 3851 at 2 B*, so B_emp is 2 B* there. "
           "Like the main claim, it contradicts the experiments' B*, not the theorem's B*(k)",
       .pinned = pinned_counterexample()},
      {.grid = kBatchGrid,
       .predicted = 1.0,
       .level = 0.9,
       .instances = {1, 3},
       .runs_per_point = R,
       .alpha = kClaimAlpha,
       .over = ProbabilityOver::each_instance,
       .x_name = "B / B*",
       .success = [rec, R](const Trial& t, double x) {
         auto s = setup(t);
         auto e = trajectory(t, *s, s->batch(x), s->hb.beta, t.run % R.at(t.tier));
         rec->put(t.index, {stats::log_slope_rate(*e, t.params["floor"]) / s->hb.sqrt_beta}, x);
         return bound_event(*s, *e, t.params["C_hbm"], t.params["floor"]);
       }});
  t.add(with_evidence(std::move(c), {rec}, [rec](ClaimContext& ctx, ClaimResult& res) {
    auto f = rate_vs_batch(ctx, *rec, res);
    auto g = b_emp_vs_kappa_bar(ctx, res);
    auto h = mean_square_vs_batch(ctx, res);  // B_ms(tau) beside B_emp and B*
    res.details["figures"] = nlohmann::json::array({f, g, h});
  }));
}

}  // namespace thmcheck::theorems::minibatch_hbm
