// Extreme singular values of Gaussian matrices
// (docs/theory/random-matrices-and-classics.md#singular-values-of-gaussian-matrices): the Gordon /
// Davidson-Szarek two-sided tail, Edelman's small-ball bound for square matrices,
// Rudelson-Vershynin's small-ball bound for rectangular ones (its constant C fitted and reported),
// and Chen-Dongarra's bound on E log cond. These drive the d-dependence of the factorization
// results; settled results, so the harness must confirm them and catch their falsified variants.
#include <fmt/format.h>

#include <Eigen/SVD>
#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <limits>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/harness/context.hpp"
#include "thmcheck/harness/kinds/expectation.hpp"
#include "thmcheck/harness/kinds/probability.hpp"
#include "thmcheck/harness/registry.hpp"
#include "thmcheck/harness/theorem.hpp"
#include "thmcheck/problems/gaussian.hpp"
#include "thmcheck/stats/clopper_pearson.hpp"

namespace thmcheck::theorems {
namespace {

struct Extremes {
  double s_max = 0, s_min = 0;
};

// The extreme singular values of a fresh N x n Gaussian matrix (N >= n) drawn from the trial
// engine. Jacobi SVD: s_min is computed to high relative accuracy, which the small-ball events
// need.
Extremes gaussian_extremes(Eigen::Index N, Eigen::Index n, Engine& rng) {
  Eigen::MatrixXd G = gaussian_matrix(N, n, rng);
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(G);
  const auto& s = svd.singularValues();
  return {s(0), s(n - 1)};
}

// The shape of a point: n columns and N = n + extra rows.
Eigen::Index cols(const Trial& t) { return t.point.integer("n"); }
Eigen::Index rows(const Trial& t) { return t.point.integer("n") + t.point.integer("extra"); }

constexpr const char* kId = "gaussian-singular-values";

// The extremes of trial `t.run` of the instance, for the N x n shape (square = false) or the n x n
// one: drawn from a stream of the instance, the run and the shape, not of the claim, and kept in
// the store, so that every claim and control of the theorem reads the same matrices and each is
// factored once (the SVDs are nearly all of this theorem's time). Within a claim the runs are still
// independent; across claims they are shared, as a control on the same data should be.
Extremes shared_extremes(const Trial& t, bool square) {
  const std::string key = fmt::format("extremes/{}/{}/{}/{}", t.point.describe(), t.point.seed,
                                      square ? "square" : "rectangular", t.run);
  return *t.store.get<Extremes>(key, [&] {
    Engine rng =
        make_engine(derive_seed(t.point.seed, kId, square ? "square" : "rectangular", 0, t.run));
    return gaussian_extremes(square ? cols(t) : rows(t), cols(t), rng);
  });
}

// Davidson-Szarek: with probability >= 1 - 2 exp(-t^2/2), sqrt N - sqrt n - t <= s_min <= s_max <=
// sqrt N + sqrt n + t. The claim's failure probability is the parameter delta_ds; t is derived from
// it, t = sqrt(2 log(2 / delta_ds)), so that --set reaches both. `with_t` false is the control (no
// t).
bool davidson_szarek_event(const Trial& t, bool with_t) {
  const double N = double(rows(t)), n = double(cols(t));
  const double tt = with_t ? std::sqrt(2 * std::log(2 / t.params["delta_ds"])) : 0.0;
  auto e = shared_extremes(t, false);
  return e.s_min >= std::sqrt(N) - std::sqrt(n) - tt && e.s_max <= std::sqrt(N) + std::sqrt(n) + tt;
}

// Edelman: for square G (n x n), P(s_min <= eps / sqrt n) <= eps. The event is its complement.
bool edelman_event(const Trial& t) {
  const Eigen::Index n = cols(t);
  auto e = shared_extremes(t, true);
  return e.s_min > t.params["eps_edelman"] / std::sqrt(double(n));
}

// Rudelson-Vershynin: P(s_min <= eps (sqrt N - sqrt(n - 1))) <= (C eps)^(N - n + 1) + c^N. For the
// fit, eps is chosen per shape so that eps^(N - n + 1) takes the values below: every configuration
// then has a failure probability of order C^(N-n+1) times a moderate number, which a few hundred
// trials resolve (a fixed small eps would leave the wide shapes with no failures and no information
// on C).
constexpr double kRvTargets[] = {0.02, 0.1, 0.3};

// Chen-Dongarra's tail bound (SIAM J. Matrix Anal. Appl. 27 (2005), Theorem 4.5; arXiv 0810.0800):
// for x >= N - n + 1, P(cond(G) > x N/(N - n + 1)) < (C_cd / x)^(N - n + 1) / sqrt(2 pi), C_cd
// = 6.414. (The paper normalizes by a dimension n <= N; normalizing by the larger N makes the bound
// weaker, so it holds under either reading.) Hence, for T >= log N, with m = N - n + 1,
//   E (log cond - T)_+ = int_T^inf P(log cond > y) dy <= (C_cd N / m)^m e^{-m T} / (m sqrt(2 pi)).
// With T = log N + s this is (C_cd / m)^m e^{-m s} / (m sqrt(2 pi)): the truncation tail of the
// mean.
double chen_dongarra_tail(double N, double m, double T) {
  constexpr double kCcd = 6.414;
  return std::exp(m * std::log(kCcd * N / m) - m * T) / (m * std::sqrt(2 * M_PI));
}

// The mean of log cond through X = min(log cond, T): E X <= E log cond always, so a lower
// confidence end of E X that exceeds the bound is a valid violation with no assumption on the tail;
// the upper end of E log cond is that of E X plus the tail above (rests on Chen-Dongarra's tail
// theorem).
ExpectationSample log_cond_sample(const Trial& t, double constant) {
  const double N = double(rows(t)), n = double(cols(t)), m = N - n + 1;
  const double T = std::log(N) + t.params["truncation"];
  auto e = shared_extremes(t, false);
  ExpectationSample s;
  s.values = {std::min(std::log(e.s_max / e.s_min), T)};
  s.bounds = {std::log(N / m) + constant};
  s.labels = {fmt::format("N={} n={}", N, n)};
  s.lo = 0;  // cond >= 1
  s.hi = T;
  s.tail = chen_dongarra_tail(N, m, T);
  return s;
}

// Control: the bound without the logarithms, E cond(G) < N/(N - n + 1) + 2.258. cond is unbounded
// (its mean is infinite for square G), so only the violation side is tested, through min(cond, T'):
// a valid lower confidence end, no tail needed (the upper end is left at +inf, so this claim can
// never hold).
ExpectationSample cond_sample(const Trial& t) {
  const double N = double(rows(t)), n = double(cols(t)), m = N - n + 1;
  const double cap = t.params["cond_cap"];
  auto e = shared_extremes(t, false);
  ExpectationSample s;
  s.values = {std::min(e.s_max / e.s_min, cap)};
  s.bounds = {N / m + t.params["cd_constant"]};
  s.labels = {fmt::format("N={} n={}", N, n)};
  s.lo = 1;
  s.hi = cap;
  s.tail = std::numeric_limits<double>::infinity();
  return s;
}

// Rudelson-Vershynin give no value of C. At N = n one follows from Edelman's theorem: sqrt n -
// sqrt(n - 1) <= 1/sqrt n, so P(s_min <= eps (sqrt n - sqrt(n - 1))) <= P(s_min <= eps / sqrt n) <=
// eps, which is the RV bound with C = 1 (and any c). The claim is judged there, against that
// derived C; for N > n no value exists to judge against, and the smallest C the data support is
// fitted and reported.
//
// The fit. Every (instance, eps) configuration gets Clopper-Pearson bounds on its failure
// probability p; the constant it needs is C(p) = (p - c^N)_+^(1/m) / eps, m = N - n + 1, increasing
// in p. So C_lo = max C(p_lo) is a lower confidence bound on the smallest C valid on the sampled
// configurations, and C_hi = max C(p_hi) an upper one (each side at alpha, Bonferroni over the
// configurations); the estimate max C(p_hat) is the smallest C the data support.
struct RvFit {
  double C_hat = 0, C_lo = 0, C_hi = 0;
  nlohmann::json table = nlohmann::json::array();
};

// r[i * tpi + k] = s_min / (sqrt N - sqrt(n - 1)) of trial k on instance i, whose shape is N x n.
RvFit rv_fit(ClaimContext& ctx, const std::vector<double>& r, std::size_t ni, std::size_t tpi,
             bool square, const std::vector<double>& targets, double alpha_each) {
  RvFit f;
  const double c_small = ctx.params["c_rv"];
  for (std::size_t i = 0; i < ni; ++i) {
    Point p = ctx.instance(i);
    const double n = p["n"], N = square ? n : n + p["extra"], m = N - n + 1,
                 floor_term = std::pow(c_small, N);
    for (double target : targets) {
      const double eps = std::pow(target, 1 / m);
      std::size_t fails = 0;
      for (std::size_t k = 0; k < tpi; ++k) fails += r[i * tpi + k] <= eps;
      const double p_hat = double(fails) / double(tpi);
      const double p_lo = stats::clopper_pearson_lower(fails, tpi, alpha_each);
      const double p_hi = stats::clopper_pearson_upper(fails, tpi, alpha_each);
      auto needed = [&](double q) { return std::pow(std::max(q - floor_term, 0.0), 1 / m) / eps; };
      f.C_hat = std::max(f.C_hat, needed(p_hat));
      f.C_lo = std::max(f.C_lo, needed(p_lo));
      f.C_hi = std::max(f.C_hi, needed(p_hi));
      f.table.push_back({{"N", N},
                         {"n", n},
                         {"eps", eps},
                         {"failures", fails},
                         {"trials", tpi},
                         {"p_hat", p_hat},
                         {"p_lower", p_lo},
                         {"p_upper", p_hi},
                         {"C_needed", needed(p_hat)},
                         {"C_needed_upper", needed(p_hi)}});
    }
  }
  return f;
}

// Square configurations: eps itself is the bound, and these targets keep p in a range that a
// thousand trials resolve to within the gap between the C of about 1/2 that square matrices need
// and C = 1.
constexpr double kRvSquareTargets[] = {0.1, 0.3, 0.5};

// Judged on square shapes against `claimed` (violated when C_lo > claimed, holds when C_hi <=
// claimed); the fit on the instances' own shapes N = n + extra is reported alongside.
Claim rudelson_vershynin_fit(ClaimInfo info, Constant claimed, Budget instances, Budget trials,
                             double alpha) {
  Claim c;
  c.info = std::move(info);
  c.kind = ClaimKind::probability;
  c.alpha = alpha;
  c.check = [=](ClaimContext& ctx) {
    const std::size_t ni = instances.at(ctx.tier), tpi = trials.at(ctx.tier);
    // r = s_min / (sqrt N - sqrt(n - 1)) on the square shape and on the instance's shape: the event
    // of a configuration is r <= eps.
    auto r = ctx.run_trials<std::array<double, 2>>(0, ni * tpi, tpi, [](const Trial& t) {
      const double N = double(rows(t)), n = double(cols(t));
      const double sq = shared_extremes(t, true).s_min / (std::sqrt(n) - std::sqrt(n - 1));
      const double rect = shared_extremes(t, false).s_min / (std::sqrt(N) - std::sqrt(n - 1));
      return std::array<double, 2>{sq, rect};
    });
    std::vector<double> r_sq(r.size()), r_rect(r.size());
    for (std::size_t k = 0; k < r.size(); ++k) {
      r_sq[k] = r[k][0];
      r_rect[k] = r[k][1];
    }
    const std::vector<double> sq_targets(std::begin(kRvSquareTargets), std::end(kRvSquareTargets));
    const std::vector<double> rect_targets(std::begin(kRvTargets), std::end(kRvTargets));
    const double alpha_each = alpha / double(ni * (sq_targets.size() + rect_targets.size()));
    RvFit sq = rv_fit(ctx, r_sq, ni, tpi, true, sq_targets, alpha_each);
    RvFit rect = rv_fit(ctx, r_rect, ni, tpi, false, rect_targets, alpha_each);
    const double C_claim = claimed(ctx.params);
    ClaimResult res;
    res.estimate = sq.C_hat;
    res.interval[0] = sq.C_lo;
    res.interval[1] = sq.C_hi;
    res.bound = C_claim;
    res.margin = sq.C_hat > 0 ? C_claim / sq.C_hat : std::numeric_limits<double>::infinity();
    res.samples = ni * tpi;
    res.verdict = sq.C_lo > C_claim    ? Verdict::violated
                  : sq.C_hi <= C_claim ? Verdict::holds
                                       : Verdict::inconclusive;
    res.details["square_configurations"] = sq.table;
    res.details["rectangular_configurations"] = rect.table;
    res.details["fitted_C_rectangular"] = rect.C_hat;
    res.details["fitted_C_rectangular_lower"] = rect.C_lo;
    res.details["fitted_C_rectangular_upper"] = rect.C_hi;
    res.details["c"] = ctx.params["c_rv"];
    res.details["alpha_per_configuration_per_side"] = alpha_each;
    res.details["rule"] =
        "C(p) = (p - c^N)_+^(1/(N-n+1)) / eps per configuration; estimate max C(p_hat) over square "
        "shapes, interval "
        "[max C(p_lo), max C(p_hi)] from one-sided Clopper-Pearson bounds (alpha split over "
        "configurations); "
        "violated when the lower end exceeds the claimed C, holds when the upper end is at most "
        "it. The same fit on "
        "the instances' rectangular shapes is reported (fitted_C_rectangular), not judged: RV give "
        "no value of C";
    return res;
  };
  return c;
}

Theorem make() {
  Theorem t;
  t.id = kId;
  // Quick-tier time on one core (measured under load this session, with room to spare).
  t.quick_budget_seconds = 5;
  t.title = "Extreme singular values of Gaussian matrices";
  t.source = {
      "K. R. Davidson and S. J. Szarek; A. Edelman; M. Rudelson and R. Vershynin; Z. Chen and J. "
      "Dongarra",
      "Local operator theory, random matrices and Banach spaces; Eigenvalues and condition numbers "
      "of "
      "random matrices; Smallest singular value of a random rectangular matrix; Condition numbers "
      "of "
      "Gaussian random matrices",
      "Handbook of the Geometry of Banach Spaces (2001); SIAM J. Matrix Anal. Appl. 9 (1988); "
      "Comm. Pure "
      "Appl. Math. 62 (2009); SIAM J. Matrix Anal. Appl. 27 (2005)",
      2009,
      "DS Theorem II.13; Edelman Theorem 5.1; RV Theorem 1.1; Chen-Dongarra Theorem 4.5",
      "arXiv:0802.3956; arXiv:0810.0800"};
  t.statement =
      "$G \\in \\mathbb{R}^{N \\times n}$, $N \\ge n$, i.i.d. $N(0,1)$ entries. (DS) With "
      "probability at least "
      "$1 - 2e^{-t^2/2}$: $\\sqrt N - \\sqrt n - t \\le s_{\\min}(G) \\le s_{\\max}(G) \\le \\sqrt "
      "N + \\sqrt n + t$. "
      "(Edelman) For $N = n$: $P(s_{\\min}(G) \\le \\varepsilon/\\sqrt n) \\le \\varepsilon$. (RV) "
      "$P(s_{\\min}(G) \\le \\varepsilon(\\sqrt N - \\sqrt{n-1})) \\le (C\\varepsilon)^{N-n+1} + "
      "c^N$ with absolute "
      "constants $C$, $c \\in (0,1)$. (Chen-Dongarra) $E \\log \\mathrm{cond}(G) < "
      "\\log(N/(N-n+1)) + 2.258$.";
  t.hypotheses.integer("n", 2, 12, 40, "columns of G")
      .integer("extra", 0, 8, 30, "N - n: rows beyond the columns (N = n + extra)");
  t.parameters
      .add("delta_ds", 2 * std::exp(-4.5),
           "Davidson-Szarek failure probability 2 exp(-t^2/2); t = 3 by "
           "default and t = sqrt(2 log(2/delta_ds)) is derived from it",
           1e-12, 1)
      .add("eps_edelman", 0.5, "Edelman's eps: P(s_min <= eps/sqrt n) <= eps", 1e-6, 1)
      .add("edelman_control_delta", 0.25,
           "control: the probability claimed for Edelman's event, eps_edelman / 2", 0, 1)
      // RV prove that some absolute C exists and give no value; C = 1 is what Edelman's theorem
      // gives at N = n (see rv_fit), and the claim is judged there. For N > n the fitted C is
      // reported.
      .add("C_rv", 1.0,
           "Rudelson-Vershynin's C at N = n: 1 follows from Edelman's theorem (sqrt n - sqrt(n-1) "
           "<= "
           "1/sqrt n)",
           0, 1e6)
      .add("c_rv", 0.5, "Rudelson-Vershynin's c in (0,1), fixed (c^N is negligible for N >= 40)", 0,
           1)
      .add("C_rv_control", 0.25,
           "control: a Rudelson-Vershynin C below what square matrices need (about 1/2, "
           "from Edelman's limit law)",
           0, 1e6)
      .add("cd_constant", 2.258,
           "Chen-Dongarra's additive constant in E log cond < log(N/(N-n+1)) + 2.258", 0, 100)
      .add("truncation", 6,
           "log cond is averaged as min(log cond, log N + truncation); the tail above is bounded "
           "by Chen-Dongarra's tail theorem",
           1, 50)
      .add("cond_cap", 30,
           "control: cond is averaged as min(cond, cond_cap): its mean is at most E cond for any "
           "cap, "
           "so its lower confidence end is valid; a moderate cap keeps the interval narrow",
           2, 1e12);

  t.add(probability(
      {.id = "davidson-szarek",
       .statement =
           "$P(\\sqrt N - \\sqrt n - t \\le s_{\\min} \\le s_{\\max} \\le \\sqrt N + \\sqrt n + t) "
           "\\ge 1 - 2e^{-t^2/2}$, $t = 3$"},
      {.delta = "delta_ds",
       .alpha = kClaimAlpha,
       .first_look = {200, 400},
       .max_trials = {1600, 6400},
       .event = [](const Trial& tr) { return davidson_szarek_event(tr, true); }}));
  t.add(probability(
      {.id = "control-davidson-szarek-without-t",
       .statement = "control: $P(\\sqrt N - \\sqrt n \\le s_{\\min} \\le s_{\\max} \\le \\sqrt N + "
                    "\\sqrt n) "
                    "\\ge 1 - 2e^{-t^2/2}$: the tail claimed without its $t$",
       .rests_on = {"davidson-szarek"},
       .control = true,
       .reason =
           "the deviation t is dropped: the extremes cross the Gordon bounds with probability of "
           "order one (Tracy-Widom fluctuations), far above 2 exp(-t^2/2) = 0.022"},
      {.delta = "delta_ds",
       .alpha = kClaimAlpha,
       .first_look = {200, 400},
       .max_trials = {1600, 6400},
       .event = [](const Trial& tr) { return davidson_szarek_event(tr, false); }}));
  // Edelman's bound is tight (limit law 1 - exp(-eps - eps^2/2) = 0.465 at eps = 1/2): only the
  // one-sided interval decides, and the budget is sized so that the gap 0.035 can be resolved.
  t.add(probability(
      {.id = "edelman",
       .statement =
           "$P(s_{\\min}(G) \\le \\varepsilon/\\sqrt n) \\le \\varepsilon$ for square $G$, "
           "$\\varepsilon = 1/2$"},
      {.delta = "eps_edelman",
       .alpha = kClaimAlpha,
       .first_look = {500, 1000},
       .max_trials = {8000, 32000},
       .trials_per_instance = 100,
       .event = edelman_event}));
  t.add(probability(
      {.id = "control-edelman-half-eps",
       .statement = "control: $P(s_{\\min}(G) \\le \\varepsilon/\\sqrt n) \\le \\varepsilon/2$",
       .rests_on = {"edelman"},
       .control = true,
       .reason = "Edelman's bound is tight: the probability is about eps - eps^3/3, twice eps/2"},
      {.delta = "edelman_control_delta",
       .alpha = kClaimAlpha,
       .first_look = {200, 400},
       .max_trials = {1600, 6400},
       .event = edelman_event}));
  t.add(rudelson_vershynin_fit(
      {.id = "rudelson-vershynin",
       .statement = "$P(s_{\\min} \\le \\varepsilon(\\sqrt N - \\sqrt{n-1})) \\le "
                    "(C\\varepsilon)^{N-n+1} + c^N$ with $c$ = c_rv, judged at $N = n$ with "
                    "$C$ = C_rv = 1 (which Edelman's theorem implies there); for $N > n$ RV give "
                    "no value and the smallest $C$ the data support is reported "
                    "(fitted_C_rectangular)",
       .rests_on = {"edelman"}},
      "C_rv", {6, 12}, {4000, 4000}, kClaimAlpha));
  t.add(rudelson_vershynin_fit(
      {.id = "control-rudelson-vershynin-small-c",
       .statement = "control: the Rudelson-Vershynin bound with $C = 1/4$",
       .rests_on = {"rudelson-vershynin"},
       .control = true,
       .reason = "square matrices need C of about 1/2 (Edelman's limit law, since "
                 "sqrt n - sqrt(n-1) is about 1/(2 sqrt n))"},
      "C_rv_control", {6, 12}, {4000, 4000}, kClaimAlpha));
  t.add(expectation(
      {.id = "chen-dongarra",
       .statement = "$E \\log \\mathrm{cond}(G) < \\log(N/(N-n+1)) + 2.258$"},
      {.alpha = kClaimAlpha,
       .instances = {4, 12},
       .trials_per_instance = {2000, 8000},
       .sample = [](const Trial& tr) { return log_cond_sample(tr, tr.params["cd_constant"]); }}));
  t.add(expectation(
      {.id = "control-chen-dongarra-without-logs",
       .statement = "control: $E\\,\\mathrm{cond}(G) < N/(N-n+1) + 2.258$, the bound without the "
                    "logarithms",
       .rests_on = {"chen-dongarra"},
       .control = true,
       .reason =
           "E cond is infinite for square G and exceeds N/(N-n+1) + 2.258 for every shape with "
           "N - n small (e.g. 5.29 > 4.22 at N = 100, n = 50)",
       // Pinned after a fresh seed (432197708) drew four shapes with N - n >= 3, where the capped
       // mean sits at or below the bound, and the control went uncaught. The square shape is where
       // the falsification is certain whatever the seed: E cond is infinite, and at n = 12 cond
       // exceeds the cap 30 about two times in three (Edelman's limit law), so E min(cond, 30) is
       // at least 20 against a bound of 14.26.
       .pinned = {{.values = {{"n", 12}, {"extra", 0}},
                   .seed = 1,
                   .note = "the square shape, where E cond is infinite: the control is false "
                           "there on every seed"}}},
      {.alpha = kClaimAlpha,
       .instances = {4, 12},
       .trials_per_instance = {4000, 4000},
       .sample = cond_sample}));
  return t;
}

}  // namespace
THMCHECK_REGISTER_THEOREM(make);
}  // namespace thmcheck::theorems
