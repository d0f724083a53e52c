// Critical-batch theories side by side (docs/theory/minibatch-hbm.md, "Critical-batch theories
// compared"): on instances of the paper's spectra over a kappa grid, with row-norm and uniform
// sampling, the measured critical batch B_emp of the main claim's event against every prediction
// whose formula could be verified: B* and B*(K) (Bollapragada, Chen, Ward), the exact mean-square
// critical batch B_ms(tau), the SGD critical batch m* of Ma, Bassily, Belkin (no momentum), and the
// scale-free Q = tr(H) / sqrt(lambda_max lambda_min), the shape several theories share (the
// implicit conditioning ratio's among them; its normalization could not be verified, so only the
// shape is compared, with a fitted constant).
//
// The claim: B* does not under-predict B_emp by a factor that grows with kappa (the exponent of
// B_emp / B* in kappa is at most 0), per instance of (recipe, d, n, sampling) over the grid. The
// table of predictions, their ratios to B_emp, and the sharpest theory (the smallest spread of
// prediction / B_emp: a constant can be fitted, a shape cannot) are evidence, not claims.
#include <algorithm>
#include <functional>
#include <map>

#include "hbm.hpp"
#include "thmcheck/core/errors.hpp"
#include "thmcheck/harness/kinds/scaling.hpp"
#include "thmcheck/harness/trial_record.hpp"
#include "thmcheck/problems/sparse_rows.hpp"
#include "thmcheck/report/figure_series.hpp"
#include "thmcheck/spectral/critical_batch_predictions.hpp"
#include "thmcheck/spectral/mean_square_rate.hpp"
#include "thmcheck/stats/order_statistics.hpp"

namespace thmcheck::theorems::minibatch_hbm {
namespace {

const Grid kKappaGrid{{6, 30}, {6, 30, 100}};

// What one (instance, kappa) measures, recorded under key kappa in this column order.
enum Column { kQ, kBStar, kBStarK, kBms, kMsgd, kBemp, kUniform, kKappa, kDim, kColumns };

struct Theory {
  Column column;
  const char* name;
  const char* source;
};
const std::vector<Theory>& theories() {
  static const std::vector<Theory> t = {
      {kBStar, "B*",
       "Bollapragada, Chen, Ward 2024: 16e tr(H) lambda_max log(2d) alpha^2 / "
       "(beta log(1/beta)), times eta under uniform sampling"},
      {kBStarK, "B*(K)", "the same paper: the batch its theorem is proved for, at the horizon K"},
      {kBms, "B_ms(tau)",
       "exact second moments: the smallest B with rho(L_B)^{1/2} <= (1 + tau) sqrt(beta), to 5%"},
      {kMsgd, "m* (SGD)",
       "Ma, Bassily, Belkin 2018, eq. 24: max_i ||x_i||^2 / lambda_1 + 1 (minibatch SGD, no "
       "momentum)"},
      {kQ, "Q",
       "tr(H) / sqrt(lambda_max lambda_min): the shape of the ICR threshold (Lee, Cheng, "
       "Paquette, Paquette 2022; normalization not verified, constant fitted)"}};
  return t;
}

// The dimension of the instances of a point of this seed: theories_d, or theories_d_second (when
// set) for every other seed, by the seed's second bit so that it does not follow the sampling (the
// first bit). By the seed, so that a pinned point keeps its dimension.
int theories_dimension(const Parameters& params, std::uint64_t seed) {
  const int second = int(params["theories_d_second"]);
  return second > 0 && (seed >> 1) % 2 == 1 ? second : int(params["theories_d"]);
}

// The instance of the trial's point at this kappa: the point's recipe and n_over_d at the seed's
// dimension (theories_dimension), seeded by the point and kappa; points of even seed sample rows
// by norm, the others uniformly.
struct TheoryInstance {
  std::shared_ptr<const HbmSetup> setup;
  Sampling sampling = Sampling::row_norm;
  std::shared_ptr<const RowSampler> sampler;
  double eta = 1;          // every critical batch of this sampling is eta times row-norm sampling's
  std::uint64_t seed = 0;  // seeds its runs
};

// The sampling's sampler and eta for a setup.
TheoryInstance with_sampling(std::shared_ptr<const HbmSetup> setup, Sampling sampling,
                             std::uint64_t seed, InstanceStore& store) {
  TheoryInstance ti;
  ti.setup = std::move(setup);
  ti.sampling = sampling;
  ti.seed = seed;
  const auto& A = ti.setup->problem->A;
  ti.sampler = sampling == Sampling::row_norm
                   ? ti.setup->sampler
                   : store.get<RowSampler>(ti.setup->key + "/uniform",
                                           [&] { return RowSampler(A, Sampling::uniform); });
  if (sampling == Sampling::uniform) ti.eta = uniform_sampling_eta(A.rowwise().squaredNorm());
  return ti;
}

TheoryInstance theory_instance(const Trial& t, double kappa) {
  const int d = theories_dimension(t.params, t.point.seed);
  const auto recipe = static_cast<SpectrumRecipe>(t.point.integer("recipe"));
  const auto n = static_cast<Eigen::Index>(std::ceil(t.point["n_over_d"] * d));
  const std::string key =
      fmt::format("theories/{}/{}/kappa={}/d={}", t.point.describe(), t.point.seed, kappa, d);
  auto setup = t.store.get<HbmSetup>(key, [&] {
    Engine rng = make_engine(derive_seed(t.point.seed, kId, "theories", 0, std::uint64_t(kappa)));
    auto p = std::make_shared<const LeastSquares>(
        least_squares_with_spectrum(spectrum(recipe, d, kappa), n, rng));
    return make_setup(p, t.params, key);
  });
  // By the point's seed, not the instance's index, so that a pinned point keeps its sampling.
  return with_sampling(setup, t.point.seed % 2 == 0 ? Sampling::row_norm : Sampling::uniform,
                       t.point.seed, t.store);
}

// Whether at least a fraction `level` of `runs` runs at batch B keep the main claim's bound over
// their whole trajectory. The runs' engines depend on (instance, run) only: common random numbers
// across B, so the answer moves with B alone. Runs go in order and stop once the answer is known
// (too many failures, or enough successes): the same answer as running all of them.
bool event_passes(const Parameters& params, const TheoryInstance& ti, long B, int runs,
                  double level) {
  const HbmSetup& s = *ti.setup;
  const int needed = int(std::ceil(level * runs - 1e-9));
  int held = 0;
  for (int r = 0; r < runs && held < needed && held + (runs - r) >= needed; ++r) {
    Engine rng = make_engine(derive_seed(ti.seed, kId, s.key + " theories", 0, std::uint64_t(r)));
    MinibatchHeavyBall m(*s.problem, s.hb.alpha, s.hb.beta, B, ti.sampler,
                         Eigen::VectorXd::Zero(s.problem->cols()));
    held += keeps_bound(s, m, rng, params["C_hbm"], params["floor"]);
  }
  return held >= needed;
}

// B_emp: the smallest batch at which the event's fraction reaches 1 - delta, by bisection on log B
// (the fraction grows with B), to a factor 1.05, within [1, 64 B*] of the sampling's B*. Returns
// 64 B* when even it falls short (a censored value, flagged by the caller's table). The bracket
// starts at [B*/16, 16 B*] and widens by factors 16 (down) or 4 (up) until it holds the answer:
// measured B_emp / B* lay between 0.1 and 5, so this usually saves two of about eleven evaluations
// over starting from [1, 64 B*] (a speed choice made after seeing those ratios; the answer does
// not depend on it beyond the 5% resolution).
double measured_critical_batch(const Parameters& params, const TheoryInstance& ti, double b_star) {
  const int runs = int(params["theories_runs"]);
  const double level = 1 - params["delta"];
  auto passes = [&](double B) { return event_passes(params, ti, long(std::ceil(B)), runs, level); };
  const double b = std::max(1.0, b_star), cap = 64 * b;
  double lo = 0, hi = 16 * b;
  while (!passes(hi)) {
    if (hi >= cap) return cap;
    lo = hi;
    hi = std::min(cap, 4 * hi);
  }
  if (lo == 0) {
    lo = std::max(1.0, b / 16);
    while (passes(lo)) {
      if (lo <= 1) return 1;
      hi = lo;
      lo = std::max(1.0, lo / 16);
    }
  }
  while (hi / lo > 1.05) {
    const double mid = std::sqrt(lo * hi);
    (passes(mid) ? hi : lo) = mid;
  }
  return std::ceil(hi);
}

// B_emp and every prediction on one instance, in Column order.
std::vector<double> theory_row(const Parameters& params, const TheoryInstance& ti) {
  const HbmSetup& s = *ti.setup;
  const auto& hb = s.hb;
  const auto& A = s.problem->A;
  const double b_star_sampling = ti.eta * s.bstar_real;
  const double b_emp = measured_critical_batch(params, ti, b_star_sampling);
  SecondMomentOperator L(A, ti.sampling, hb.alpha, hb.beta, 1);
  // To 5%, as B_emp: the table compares ratios spread over orders of magnitude.
  const double b_ms =
      double(mean_square_critical_batch(L, params["tau"], b_star_sampling, 1e15, 0.05).batch);
  std::vector<double> row(kColumns);
  row[kQ] = conditioning_shape(hb);
  row[kBStar] = b_star_sampling;
  row[kBStarK] = ti.eta * critical_batch_horizon(hb, double(s.horizon));
  row[kBms] = b_ms;
  row[kMsgd] = sgd_critical_batch(hb, ti.eta);
  row[kBemp] = b_emp;
  row[kUniform] = ti.sampling == Sampling::uniform;
  row[kKappa] = hb.kappa;
  row[kDim] = double(A.cols());
  return row;
}

double measure(const Trial& t, double kappa, TrialRecord& rec) {
  const auto row = theory_row(t.params, theory_instance(t, kappa));
  rec.put(t.index, row, kappa);
  return row[kBemp] / row[kBStar];
}

// Matrices with very uneven row norms, as the paper's sparse-rows experiment builds them (entries
// kept with probability 0.1, a tenth of the rows ten times larger; n = 20 d), each under both
// samplings: rows of the theories table beside the spectra, outside the kappa fit. Seeded by the
// claim's instances, so they change with the suite seed like the others.
std::vector<std::vector<double>> uneven_rows(ClaimContext& ctx) {
  std::vector<std::vector<double>> out;
  const std::size_t count = ctx.tier == Tier::quick ? 1 : 4;
  for (std::size_t j = 0; j < count; ++j) {
    const std::uint64_t seed = derive_seed(ctx.instance_seed(j), kId, "theories uneven rows", 0, j);
    const int d = theories_dimension(ctx.params, seed);
    const std::string key = fmt::format("theories-uneven/{}/d={}", seed, d);
    std::shared_ptr<const HbmSetup> setup;
    try {
      setup = ctx.store.get<HbmSetup>(key, [&] {
        Engine rng = make_engine(seed);
        auto p = std::make_shared<const LeastSquares>(sparse_rows_problem(20L * d, d, rng));
        return make_setup(p, ctx.params, key);
      });
    } catch (const InputError&) {
      continue;  // a rank-deficient draw: the theorem speaks of full column rank only
    }
    for (Sampling sampling : {Sampling::row_norm, Sampling::uniform})
      out.push_back(theory_row(ctx.params, with_sampling(setup, sampling, seed, ctx.store)));
  }
  return out;
}

// The distinct values, increasing.
std::vector<double> distinct(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// Per theory, over the rows that keep selects: the median and the spread (max / min) of
// prediction / B_emp. The sharpest theory is the one of smallest spread.
struct RatioSummary {
  const Theory* theory;
  double median, spread;
  std::size_t rows;
};
std::vector<RatioSummary> ratio_summaries(const std::vector<std::vector<double>>& cols,
                                          const std::function<bool(std::size_t)>& keep) {
  std::vector<RatioSummary> out;
  for (const auto& th : theories()) {
    std::vector<double> ratio;
    for (std::size_t i = 0; i < cols[kBemp].size(); ++i)
      if (keep(i)) ratio.push_back(cols[th.column][i] / cols[kBemp][i]);
    if (ratio.empty()) continue;
    const auto [mn, mx] = std::minmax_element(ratio.begin(), ratio.end());
    out.push_back({&th, stats::sample_quantile(ratio, 0.5), *mx / *mn, ratio.size()});
  }
  return out;
}
std::size_t sharpest_of(const std::vector<RatioSummary>& s) {
  return std::size_t(
      std::min_element(s.begin(), s.end(),
                       [](const auto& a, const auto& b) { return a.spread < b.spread; }) -
      s.begin());
}

// Per theory: prediction / B_emp over all (instance, kappa), its median and spread (max / min),
// the table of every row, and the figure of every prediction against B_emp.
void theories_evidence(ClaimContext& ctx, ClaimResult& res, const TrialRecord& rec) {
  std::vector<std::vector<double>> cols(kColumns);
  for (double kappa : kKappaGrid.at(ctx.tier))
    for (int c = 0; c < kColumns; ++c) {
      auto v = rec.column(kappa, std::size_t(c));
      cols[std::size_t(c)].insert(cols[std::size_t(c)].end(), v.begin(), v.end());
    }
  // The slopes below read the spectra's rows only; the uneven-row matrices come after them.
  const std::size_t spectra_rows = cols[kBemp].size();
  const auto uneven = uneven_rows(ctx);
  for (const auto& row : uneven)
    for (int c = 0; c < kColumns; ++c) cols[std::size_t(c)].push_back(row[std::size_t(c)]);
  const std::size_t rows = cols[kBemp].size();
  nlohmann::json table = nlohmann::json::array(), summary = nlohmann::json::array();
  for (std::size_t i = 0; i < rows; ++i)
    table.push_back({{"instance", i < spectra_rows ? "spectrum" : "uneven rows"},
                     {"d", cols[kDim][i]},
                     {"kappa", cols[kKappa][i]},
                     {"sampling", cols[kUniform][i] ? "uniform" : "row-norm"},
                     {"Q", cols[kQ][i]},
                     {"B_emp", cols[kBemp][i]},
                     {"B_star", cols[kBStar][i]},
                     {"B_star_K", cols[kBStarK][i]},
                     {"B_ms", cols[kBms][i]},
                     {"m_star_sgd", cols[kMsgd][i]}});
  report::Figure f{.name = "critical-batch-theories",
                   .title = "every prediction against the measured critical batch B_emp",
                   .xlabel = "B_emp (rows per step)",
                   .ylabel = "prediction (rows per step)",
                   .logx = true,
                   .logy = true};
  const auto all = ratio_summaries(cols, [](std::size_t) { return true; });
  for (const auto& r : all) {
    summary.push_back({{"theory", r.theory->name},
                       {"median_prediction_over_B_emp", r.median},
                       {"spread_max_over_min", r.spread},
                       {"fitted_constant", 1 / r.median},
                       {"source", r.theory->source}});
    report::Series pts{
        r.theory->name, report::Style::points, cols[kBemp], cols[r.theory->column], {}};
    f.series.push_back(pts);
  }
  if (rows > 0) {
    const auto [lo, hi] = std::minmax_element(cols[kBemp].begin(), cols[kBemp].end());
    f.series.push_back({"prediction = B_emp", report::Style::dashed, {*lo, *hi}, {*lo, *hi}, {}});
  }
  // Per instance (slopes over the kappa grid, in instance order): the exponent of B_emp in Q, and
  // that of B_emp / B* in kappa (the claim's own slope, here to be split by dimension).
  std::vector<double> slopes, kappa_slopes, slope_dims;
  const std::size_t per_kappa = rec.column(kKappaGrid.at(ctx.tier).front(), 0).size();
  auto ols_slope = [](const std::vector<double>& x, const std::vector<double>& y) {
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    const double m = double(x.size());
    for (std::size_t g = 0; g < x.size(); ++g)
      sx += x[g], sy += y[g], sxx += x[g] * x[g], sxy += x[g] * y[g];
    return (m * sxy - sx * sy) / (m * sxx - sx * sx);
  };
  for (std::size_t j = 0; j < per_kappa; ++j) {
    std::vector<double> lq, lb, lk, lr;
    for (std::size_t g = 0; g < kKappaGrid.at(ctx.tier).size(); ++g) {
      const std::size_t i = g * per_kappa + j;
      lq.push_back(std::log(cols[kQ][i]));
      lb.push_back(std::log(cols[kBemp][i]));
      lk.push_back(std::log(cols[kKappa][i]));
      lr.push_back(std::log(cols[kBemp][i] / cols[kBStar][i]));
    }
    slopes.push_back(ols_slope(lq, lb));
    kappa_slopes.push_back(ols_slope(lk, lr));
    slope_dims.push_back(cols[kDim][j]);
  }
  auto median_bounds = [](const std::vector<double>& v) {
    const auto b = stats::quantile_bounds(v, 0.5, kClaimAlpha);
    return nlohmann::json{{"median", b.estimate},
                          {"lower", b.lower},
                          {"upper", b.upper},
                          {"alpha_per_side", kClaimAlpha},
                          {"instances", v.size()}};
  };
  if (!slopes.empty()) res.details["exponent_of_B_emp_in_Q"] = median_bounds(slopes);
  // Per dimension, when there are two: both slopes' medians and intervals at each d.
  const std::vector<double> slope_d = distinct(slope_dims);
  if (slope_d.size() > 1) {
    nlohmann::json by_d = nlohmann::json::array();
    for (double d : slope_d) {
      std::vector<double> q_at_d, kappa_at_d;
      for (std::size_t j = 0; j < slopes.size(); ++j)
        if (slope_dims[j] == d) q_at_d.push_back(slopes[j]), kappa_at_d.push_back(kappa_slopes[j]);
      nlohmann::json e = {{"d", d}};
      for (const auto& [name, v] : {std::pair{"B_emp_over_B_star_in_kappa", &kappa_at_d},
                                    std::pair{"B_emp_in_Q", &q_at_d}}) {
        const auto b = median_bounds(*v);
        e[std::string(name) + "_median"] = b["median"];
        e[std::string(name) + "_lower"] = b["lower"];
        e[std::string(name) + "_upper"] = b["upper"];
      }
      e["instances"] = q_at_d.size();
      by_d.push_back(e);
    }
    res.details["exponents_by_d"] = by_d;
  }
  res.details["theories"] = summary;
  if (!all.empty()) res.details["sharpest_theory"] = all[sharpest_of(all)].theory->name;
  // The same per dimension: does the sharpest theory change with d?
  const std::vector<double> dims = distinct(cols[kDim]);
  if (dims.size() > 1) {
    nlohmann::json by_d = nlohmann::json::array();
    for (double d : dims) {
      const auto at_d = ratio_summaries(cols, [&](std::size_t i) { return cols[kDim][i] == d; });
      const std::size_t best = sharpest_of(at_d);
      for (std::size_t e = 0; e < at_d.size(); ++e)
        by_d.push_back({{"d", d},
                        {"rows", at_d[e].rows},
                        {"theory", at_d[e].theory->name},
                        {"median_prediction_over_B_emp", at_d[e].median},
                        {"spread_max_over_min", at_d[e].spread},
                        {"sharpest_at_this_d", e == best}});
    }
    res.details["theories_by_d"] = by_d;
  }
  res.details["predictions"] = table;
  res.details["figures"] = nlohmann::json::array({report::to_json(f)});
}

}  // namespace

void add_critical_batch_theories(Theorem& t) {
  auto rec = std::make_shared<TrialRecord>();
  Claim c = scaling(
      {.id = "critical-batch-vs-kappa",
       .statement = "the measured critical batch $B_{emp}$ of the main claim's event, relative to "
                    "$B^*$ of the sampling used, does not grow with $\\kappa$: its exponent in "
                    "$\\kappa$ is at most 0 (B* is sufficient up to a constant that does not grow "
                    "with $\\kappa$); row-norm and uniform sampling, $d$ = theories_d (and "
                    "theories_d_second on every other instance)",
       .rests_on = {"critical-batch"},
       .expected_violated = true,
       .reason =
           "measured in the quick tier (d = 8, kappa 6 and 30, 40 instances) under suite seeds "
           "20240607, 11, 12345 and 101..110: the median exponent of B_emp / B* in kappa is "
           "0.97-1.10 and its lower order-statistic bound 0.35-0.62 > 0 (seeds 20240607, 11, "
           "12345; full tier, kappa to 100, seed 20240607: 0.80, lower 0.50, over d = 20 and 100, "
           "and 1.04 [0.67, 1.21] at d = 20, 0.55 [0.39, 0.81] at d = 100), so B* under-predicts "
           "the batch the main claim's event needs by a factor growing about like kappa. The event "
           "must hold up to a horizon K that grows with kappa, and B*(K), which carries the "
           "horizon, is the sharpest theory by spread under every seed (and at each d of the full "
           "tier). This contradicts a "
           "stronger reading (B* sufficient up to a constant free of kappa), not the theorem as "
           "proved. The pinned instance (fast-algebraic, n = 3.46 d, uniform sampling) has B_emp / "
           "B* = 0.11 at kappa 6 and 2.7 at kappa 30 (slope 2.0); the verdict is the median over "
           "40 instances, and its replay token reruns the steepest one",
       .pinned = {{.values = {{"d", 5},
                              {"kappa", 6.8654490916085447},
                              {"recipe", 2},
                              {"n_over_d", 3.456658}},
                   .seed = 13243845190753491419u,
                   .note = "found at suite seed 20240607, quick tier: the replayed instance of the "
                           "finding (its recipe, n_over_d and seed are what this claim reads)"}}},
      {.grid = kKappaGrid,
       // 40 instances, chosen after seeing data: with 20 (the first choice) the median exponent
       // was about 1 under every seed, but its lower order-statistic bound, the second smallest
       // slope, fell on either side of 0 (violated at seeds 20240607 and 987654321, inconclusive
       // at 11 and 12345): a budget too small to decide. Re-checked under fresh seeds.
       .instances = {40, 40},
       .runs_per_point = {1, 1},
       .form = ExponentForm::at_most,
       .exponent = 0.0,
       .x_name = "kappa",
       .y_name = "B_emp / B*",
       .measure = [rec](const Trial& t, double kappa) { return measure(t, kappa, *rec); }});
  t.add(with_evidence(std::move(c), {rec}, [rec](ClaimContext& ctx, ClaimResult& res) {
    theories_evidence(ctx, res, *rec);
  }));
}

}  // namespace thmcheck::theorems::minibatch_hbm
