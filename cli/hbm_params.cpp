// `thmcheck hbm-params (--spectrum NAME --kappa K --dim D | --matrix FILE.mtx) [--widen C]
// [--json]`: the quantities of docs/theory/minibatch-hbm.md (lambda_min, lambda_max, kappa,
// kappa_bar, alpha, beta, sqrt(beta), kappa_C in closed form and checked against numerically
// computed eigenvectors, B*, B*(k), k(eps)), and the mean-square rate rho(L_B)^{1/2} at B* and the
// mean-square critical batch B_ms(tau) of docs/theory/second-moments.md.
#include <fmt/format.h>

#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "research_tools.hpp"
#include "thmcheck/core/errors.hpp"
#include "thmcheck/core/memory.hpp"
#include "thmcheck/core/seed.hpp"
#include "thmcheck/harness/progress.hpp"
#include "thmcheck/harness/sweep.hpp"
#include "thmcheck/problems/large_least_squares.hpp"
#include "thmcheck/problems/matrix_market.hpp"
#include "thmcheck/problems/spectrum.hpp"
#include "thmcheck/spectral/critical_batch_predictions.hpp"
#include "thmcheck/spectral/gram_extremes.hpp"
#include "thmcheck/spectral/heavy_ball_parameters.hpp"
#include "thmcheck/spectral/mean_square_rate.hpp"

namespace thmcheck::cli {

namespace {

struct HbmParamsArgs {
  std::string spectrum, matrix;
  double kappa = std::nan(""), widen = 1000, eps = 1e-8, horizon = 200;
  int dim = 0;
  long dense_max = 200;
  bool json = false;
  // The mean-square quantities need the rows of A, not only its spectrum: a recipe's instance is
  // built as `simulate` builds it (same --rows and --seed give the same A).
  double tau = 0.05;
  long rows = 0, mean_square_max_dim = 100;
  std::uint64_t seed = 20240607;
  std::string seed_text = "20240607";  // --seed as given, parsed by parse_seed_option
  std::string sampling = "row-norm";
};

// The recipe's dimension at most: the check of kappa_C against numerically computed eigenvectors
// takes about 2 microseconds per eigenvalue, so 10^7 take some 20 s (with progress on stderr) and
// 10^9 would take the better part of an hour.
constexpr int kMaxRecipeDim = 10000000;

// The first quantity hbm-params prints that double precision cannot hold at these parameters (one
// that is not finite, beta outside (0, 1), or B* beyond a 64-bit integer), or "" when it holds them
// all: such a number is refused, never printed wrapped or as inf.
std::string unrepresentable(const HeavyBallParameters& p, double horizon, double eps) {
  const double tolerance = 10 * p.kappa_C * p.kappa_C * std::numeric_limits<double>::epsilon();
  const std::pair<const char*, double> printed[] = {{"lambda_min", p.lambda_min},
                                                    {"lambda_max", p.lambda_max},
                                                    {"kappa", p.kappa},
                                                    {"kappa_bar", p.kappa_bar},
                                                    {"tr(H)", p.trace},
                                                    {"alpha", p.alpha},
                                                    {"beta", p.beta},
                                                    {"kappa_C", p.kappa_C},
                                                    {"the tolerance of kappa_C", tolerance},
                                                    {"B*", critical_batch_real(p)},
                                                    {"B*(k)", critical_batch_horizon(p, horizon)},
                                                    {"k(eps)", iterations_to_eps(p, eps)}};
  for (const auto& [name, x] : printed)
    if (!std::isfinite(x)) return fmt::format("{} = {}", name, x);
  if (!(p.beta > 0 && p.beta < 1)) return fmt::format("beta = {} (it must lie in (0, 1))", p.beta);
  if (!(critical_batch_real(p) < 0x1p63))
    return fmt::format("B* = {:g} (beyond the largest 64-bit integer)", critical_batch_real(p));
  return "";
}

// The largest x in [lo, hi] with works(x), to about three digits, by bisection on log x: lo works
// and hi does not. Rounded down to three significant digits, so that the number printed works too.
double largest_working(double lo, double hi, const std::function<bool(double)>& works) {
  for (int i = 0; i < 100 && hi / lo > 1.0001; ++i) {
    const double mid = std::sqrt(lo) * std::sqrt(hi);  // no overflow near the top of the range
    (works(mid) ? lo : hi) = mid;
  }
  const double unit = std::pow(10.0, std::floor(std::log10(lo)) - 2);
  const double shown = std::floor(lo / unit) * unit;
  return shown >= 1 && works(shown) ? shown : lo;
}

// Throws InputError naming the input to change, with the largest value of it that works, when a
// quantity is not representable. `at(kappa, widen)` gives the parameters; kappa is fixed (0) for a
// matrix.
void refuse_unrepresentable(const HeavyBallParameters& p, const HbmParamsArgs& a,
                            const std::function<HeavyBallParameters(double, double)>& at) {
  const std::string bad = unrepresentable(p, a.horizon, a.eps);
  if (bad.empty()) return;
  auto works = [&](double kappa, double widen, double horizon) {
    try {
      return unrepresentable(at(kappa, widen), horizon, a.eps).empty();
    } catch (const std::exception&) {
      return false;
    }
  };
  const std::string why = fmt::format("{} is not representable in double precision", bad);
  // The horizon only enters B*(k): if the smallest one works, the horizon is what to lower.
  if (works(a.kappa, a.widen, 2))
    throw InputError(fmt::format(
        "--horizon {:g}: {}; the largest horizon that works here is about {:g}", a.horizon, why,
        largest_working(2, a.horizon, [&](double h) { return works(a.kappa, a.widen, h); })));
  if (!a.spectrum.empty() && works(2, a.widen, a.horizon))
    throw InputError(fmt::format(
        "--kappa {:g}: {} (at --dim {}, --widen {:g}); the largest kappa that works is about {:g}",
        a.kappa, why, a.dim, a.widen,
        largest_working(2, a.kappa, [&](double k) { return works(k, a.widen, a.horizon); })));
  if (a.widen > 2 && works(a.kappa, 2, a.horizon))
    throw InputError(fmt::format(
        "--widen {:g}: {}; the largest widen that works here is about {:g}", a.widen, why,
        largest_working(2, a.widen, [&](double c) { return works(a.kappa, c, a.horizon); })));
  throw InputError(fmt::format("{}{}", a.spectrum.empty() ? a.matrix + ": " : "", why));
}

// rho(L_B)^{1/2} at ceil(B*) and B_ms(tau) (docs/theory/second-moments.md) into j["mean_square"],
// or the reason they were not computed.
void add_mean_square(const RowMatrix& A, const HeavyBallParameters& p, const HbmParamsArgs& a,
                     nlohmann::json& j, std::string skip = "") {
  if (!(a.tau > 0) || !std::isfinite(a.tau))
    throw InputError(fmt::format("--tau must be a finite number > 0, got {}", a.tau));
  const Sampling sampling = parse_sampling(a.sampling);
  nlohmann::json m = {{"tau", a.tau}, {"sampling", to_string(sampling)}, {"rows", A.rows()}};
  if (skip.empty() && p.d > a.mean_square_max_dim)
    skip = fmt::format("d = {} exceeds --mean-square-max-dim {}", p.d, a.mean_square_max_dim);
  if (!skip.empty()) {
    m["skipped"] = skip;
    j["mean_square"] = m;
    return;
  }
  const double bstar = std::max(1.0, std::ceil(critical_batch_real(p)));
  SecondMomentOperator L(A, sampling, p.alpha, p.beta, bstar);
  const auto at_bstar = mean_square_spectral_radius(L);
  const auto bms = mean_square_critical_batch(L, a.tau, bstar);
  m["B_star_ceil"] = bstar;
  m["rho_at_B_star"] = at_bstar.rho;
  m["rate_at_B_star"] = std::sqrt(at_bstar.rho);
  m["rate_at_B_star_over_sqrt_beta"] = std::sqrt(at_bstar.rho) / p.sqrt_beta;
  m["B_ms"] = bms.batch;
  m["rate_at_B_ms"] = bms.rate;
  m["B_ms_over_B_star"] = bms.batch > 0 ? double(bms.batch) / critical_batch_real(p) : -1.0;
  m["radius_method"] = at_bstar.method;
  j["mean_square"] = m;
}

void print_mean_square(const nlohmann::json& j) {
  if (!j.contains("mean_square")) return;
  const auto& m = j["mean_square"];
  if (m.contains("skipped")) {
    fmt::print("mean square      not computed: {}\n", m["skipped"].get<std::string>());
    return;
  }
  fmt::print(
      "rho(L_B)^1/2     {:.10g} at ceil(B*) = {:g}  ({:.6g} sqrt(beta); {} sampling, n = {})\n",
      m["rate_at_B_star"].get<double>(), m["B_star_ceil"].get<double>(),
      m["rate_at_B_star_over_sqrt_beta"].get<double>(), m["sampling"].get<std::string>(),
      m["rows"].get<long>());
  fmt::print("B_ms(tau), tau = {:g}  {}  ({:.6g} B*; rho(L_B)^1/2 = {:.10g})\n",
             m["tau"].get<double>(), m["B_ms"].get<long>(), m["B_ms_over_B_star"].get<double>(),
             m["rate_at_B_ms"].get<double>());
}

// Every critical-batch prediction thmcheck can compute for this spectrum
// (docs/theory/minibatch-hbm.md, "Critical-batch theories compared"), into j["predictions"].
// row_norms: ||a_i||^2 of the instance (empty when no instance was built), for eta and the
// uniform-sampling forms.
void add_predictions(const HeavyBallParameters& p, const Eigen::VectorXd& row_norms, double horizon,
                     nlohmann::json& j) {
  nlohmann::json q = {{"Q", conditioning_shape(p)},
                      {"B_star", critical_batch_real(p)},
                      {"B_star_horizon", critical_batch_horizon(p, horizon)},
                      {"m_star_sgd_row_norm", sgd_critical_batch(p, 1.0)}};
  if (row_norms.size() > 0) {
    const double eta = uniform_sampling_eta(row_norms);
    q["eta"] = eta;
    q["B_star_uniform"] = eta * critical_batch_real(p);
    q["m_star_sgd_uniform"] = sgd_critical_batch(p, eta);
  }
  j["predictions"] = q;
}

void print_predictions(const nlohmann::json& j) {
  const auto& q = j["predictions"];
  fmt::print("Q = tr(H)/sqrt(lambda_max lambda_min)  {:.6g}  (the shape of the ICR threshold)\n",
             q["Q"].get<double>());
  fmt::print("m* (SGD, row-norm)  {:.6g}  (Ma, Bassily, Belkin 2018; no momentum)\n",
             q["m_star_sgd_row_norm"].get<double>());
  if (q.contains("eta"))
    fmt::print("uniform sampling    eta = {:.6g}: B* {:.6g}, m* (SGD) {:.6g}\n",
               q["eta"].get<double>(), q["B_star_uniform"].get<double>(),
               q["m_star_sgd_uniform"].get<double>());
}

int hbm_params(const HbmParamsArgs& a) {
  const bool by_spectrum = !a.spectrum.empty(), by_matrix = !a.matrix.empty();
  if (by_spectrum == by_matrix)
    throw InputError(
        "hbm-params needs either --spectrum NAME --kappa K --dim D or --matrix FILE.mtx");
  if (!(a.widen > 1) || !std::isfinite(a.widen))
    throw InputError(fmt::format("--widen must be a finite number > 1, got {}", a.widen));
  if (!(a.eps > 0 && a.eps < 1))
    throw InputError(fmt::format("--eps must lie in (0, 1), got {}", a.eps));
  if (!(a.horizon > 1) || !std::isfinite(a.horizon))
    throw InputError(fmt::format("--horizon must exceed 1, got {}", a.horizon));

  HeavyBallParameters p;
  Eigen::VectorXd ev, row_norms;
  nlohmann::json j;
  if (by_spectrum) {
    if (a.dim < 2) throw InputError(fmt::format("--dim must be at least 2, got {}", a.dim));
    if (a.dim > kMaxRecipeDim)
      throw InputError(fmt::format(
          "--dim {} is too large: kappa_C is checked against the eigenvectors of each of the d "
          "2x2 blocks, about 2 microseconds each ({:.0f} s here); --dim is at most {}",
          a.dim, 2e-6 * a.dim, kMaxRecipeDim));
    require_memory(16.0 * a.dim, fmt::format("--dim {}", a.dim));  // the spectrum, and a copy
    if (!(a.kappa > 1) || !std::isfinite(a.kappa))
      throw InputError(fmt::format("--kappa must be a finite number > 1, got {}", a.kappa));
    const SpectrumRecipe recipe = parse_spectrum(a.spectrum);
    ev = spectrum(recipe, a.dim, a.kappa);
    p = heavy_ball_parameters(ev, a.widen);
    refuse_unrepresentable(p, a, [&](double kappa, double widen) {
      return heavy_ball_parameters(spectrum(recipe, a.dim, kappa), widen);
    });
    j["spectrum"] = a.spectrum;
    j["eigen_method"] = "recipe";
    if (p.d <= a.mean_square_max_dim) {
      const long n = a.rows == 0 ? 10L * a.dim : a.rows;
      if (n < a.dim) throw InputError(fmt::format("--rows {} is fewer than --dim {}", n, a.dim));
      Engine inst_rng = make_engine(derive_seed(a.seed, "simulate", "instance", 0, 0));
      const RowMatrix A = large_least_squares_with_spectrum(ev, n, inst_rng).A;
      row_norms = A.rowwise().squaredNorm();
      add_mean_square(A, p, a, j);
    } else {
      add_mean_square(RowMatrix(), p, a, j);
    }
  } else {
    SparseRowMatrix A = read_matrix_market(a.matrix);
    if (A.cols() <= a.dense_max)  // A^T A dense, and its eigen-solver's copy
      require_memory(16.0 * double(A.cols()) * double(A.cols()),
                     fmt::format("{}: A^T A of {} columns held densely (--dense-max {})", a.matrix,
                                 A.cols(), a.dense_max));
    GramSpectrum g = gram_spectrum(A, a.dense_max);
    ev = g.eigenvalues;
    auto at = [&](double, double widen) {
      return g.method == "dense"
                 ? heavy_ball_parameters(g.eigenvalues, widen)
                 : heavy_ball_parameters(g.lambda_min, g.lambda_max, g.trace, int(A.cols()), widen);
    };
    p = at(0, a.widen);
    refuse_unrepresentable(p, a, at);
    j["matrix"] = a.matrix;
    row_norms.resize(A.rows());
    for (Eigen::Index i = 0; i < A.rows(); ++i) row_norms(i) = A.row(i).squaredNorm();
    j["rows"] = A.rows();
    j["nonzeros"] = A.nonZeros();
    j["eigen_method"] = g.method;
    if (double(A.rows()) * double(A.cols()) > 5e8)
      add_mean_square(RowMatrix(), p, a, j, "A is too large to hold densely");
    else
      add_mean_square(p.d <= a.mean_square_max_dim ? RowMatrix(Eigen::MatrixXd(A)) : RowMatrix(), p,
                      a, j);
  }
  // kappa_C in closed form against the condition number of each block's numerically computed
  // eigenvectors (per 2x2 block: the dense T has arbitrary eigenvectors for repeated eigenvalues).
  double numeric = 0, worst_rel = 0;
  Progress progress(true, "eigenvalues");  // silent unless it takes more than 2 s
  progress.start_claim("hbm-params: kappa_C against the eigenvectors", std::size_t(ev.size()));
  for (Eigen::Index i = 0; i < ev.size(); ++i) {
    const double c = block_eigenvector_condition(p, ev(i)),
                 n = block_eigenvector_condition_numeric(p, ev(i));
    numeric = std::max(numeric, n);
    worst_rel = std::max(worst_rel, std::abs(c - n) / c);
    if (i % 65536 == 65535) progress.advance(65536);
  }
  progress.end_line();
  const double tolerance = 10 * p.kappa_C * p.kappa_C * std::numeric_limits<double>::epsilon();
  j["d"] = p.d;
  j["lambda_min"] = p.lambda_min;
  j["lambda_max"] = p.lambda_max;
  j["kappa"] = p.kappa;
  j["kappa_bar"] = p.kappa_bar;
  j["trace"] = p.trace;
  j["widen"] = a.widen;
  j["alpha"] = p.alpha;
  j["beta"] = p.beta;
  j["sqrt_beta"] = p.sqrt_beta;
  j["kappa_C"] = p.kappa_C;
  j["kappa_C_numeric"] = numeric;
  j["kappa_C_max_relative_difference"] = worst_rel;
  j["kappa_C_tolerance"] = tolerance;
  j["kappa_C_agrees"] = worst_rel <= tolerance;
  j["B_star_real"] = critical_batch_real(p);
  j["B_star"] = critical_batch(p);
  j["horizon"] = a.horizon;
  j["B_star_horizon"] = std::floor(critical_batch_horizon(p, a.horizon));
  j["eps"] = a.eps;
  j["k_eps"] = iterations_to_eps(p, a.eps);
  add_predictions(p, row_norms, a.horizon, j);
  if (a.json) {
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("d                {}\n", p.d);
    fmt::print("lambda_min       {:.10g}\nlambda_max       {:.10g}\n", p.lambda_min, p.lambda_max);
    fmt::print("kappa            {:.10g}\nkappa_bar        {:.10g}\n", p.kappa, p.kappa_bar);
    fmt::print("widen c          {:g}\n", a.widen);
    fmt::print("alpha            {:.10g}\nbeta             {:.10g}\nsqrt(beta)       {:.10g}\n",
               p.alpha, p.beta, p.sqrt_beta);
    fmt::print(
        "kappa_C          {:.10g}  (eigenvectors: {:.10g}, max rel. difference {:.2e} {} tolerance "
        "{:.2e})\n",
        p.kappa_C, numeric, worst_rel, worst_rel <= tolerance ? "<=" : ">", tolerance);
    fmt::print("B*               {}  ({:.6f} before the floor)\n", critical_batch(p),
               critical_batch_real(p));
    fmt::print("B*(k), k = {:g}    {:.6g}\n", a.horizon,
               std::floor(critical_batch_horizon(p, a.horizon)));
    fmt::print("k(eps), eps = {:g}  {:.6g}\n", a.eps, iterations_to_eps(p, a.eps));
    fmt::print("eigenvalues by   {}\n", j["eigen_method"].get<std::string>());
    print_mean_square(j);
    print_predictions(j);
  }
  return worst_rel <= tolerance ? 0 : 1;
}

}  // namespace

Subcommand add_hbm_params(CLI::App& app) {
  auto args = std::make_shared<HbmParamsArgs>();
  auto* sub = app.add_subcommand(
      "hbm-params", "heavy-ball parameters, kappa_C, B* and B*(k) (docs/theory/minibatch-hbm.md)");
  sub->add_option("--spectrum", args->spectrum,
                  "fast-exponential, slow-exponential, fast-algebraic or slow-algebraic");
  sub->add_option("--kappa", args->kappa, "condition number of the spectrum recipe");
  sub->add_option("--dim", args->dim, "dimension d of the spectrum recipe");
  sub->add_option("--matrix", args->matrix,
                  "Matrix Market file holding A (n x d, full column rank)");
  sub->add_option("--widen", args->widen, "widening factor c > 1 (gamma = lambda_min / c)")
      ->default_val(1000);
  sub->add_option("--horizon", args->horizon, "horizon k of B*(k)")->default_val(200);
  sub->add_option("--eps", args->eps, "accuracy of k(eps)")->default_val(1e-8);
  sub->add_option("--dense-max", args->dense_max,
                  "matrices with more columns use Lanczos (Spectra) on A^T A")
      ->default_val(200);
  sub->add_flag("--json", args->json, "print JSON");
  sub->add_option("--tau", args->tau,
                  "B_ms(tau): smallest B with rho(L_B)^{1/2} <= (1 + tau) sqrt(beta)")
      ->default_val(0.05);
  sub->add_option("--rows", args->rows,
                  "rows n of the recipe's instance for the mean-square rate (default 10 d)");
  sub->add_option("--seed", args->seed_text, "seed of the recipe's instance (as simulate's)")
      ->default_val(args->seed_text);
  sub->add_option("--sampling", args->sampling, "row-norm or uniform (mean-square rate)")
      ->default_val("row-norm");
  sub->add_option("--mean-square-max-dim", args->mean_square_max_dim,
                  "skip the mean-square rate above this d (the reduced pencil: about 2 s at d = "
                  "100 with n = 10 d, 20 s at d = 200)")
      ->default_val(100);
  return {sub, [args] {
            args->seed = parse_seed_option(args->seed_text, "--seed");
            return hbm_params(*args);
          }};
}

}  // namespace thmcheck::cli
