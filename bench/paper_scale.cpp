// The paper-scale B-dependence experiment of docs/theory/minibatch-hbm.md ("Test problems of the
// paper"): n = 10^6, d = 100, one kappa with its horizon (100: 200, 30: 110, 6: 45), B in {1, 0.1,
// 0.01, 0.001} x B* (capped at n), 100 trials, x_0 = 0, row-norm sampling, the widened (alpha,
// beta) with c = 1000, beside deterministic HBM. Prints per batch the median and 10%/90% quantiles
// of ||x_k - x*|| / ||x_0 - x*|| at the horizon, the fitted per-step rate of the median (second
// half of the horizon, above 1e-12) against sqrt(beta), the seconds, and the peak resident memory
// against the bytes of (A, b).
//
//   ./bench_paper_scale --kappa 6 --jobs 2 [--json out.json]
//
// The instance is built by large_least_squares_with_spectrum (in place, about 1x A); trial t of
// batch index j draws from its own engine, so the output does not depend on --jobs.
#include <fmt/format.h>
#include <omp.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/core/seed.hpp"
#include "thmcheck/methods/heavy_ball.hpp"
#include "thmcheck/methods/minibatch_ensemble.hpp"
#include "thmcheck/methods/minibatch_heavy_ball.hpp"
#include "thmcheck/problems/large_least_squares.hpp"
#include "thmcheck/problems/spectrum.hpp"
#include "thmcheck/spectral/heavy_ball_parameters.hpp"
#include "thmcheck/stats/order_statistics.hpp"

using namespace thmcheck;

namespace {

// As simulate: minibatch trials run as lockstep ensembles when B >= n / kEnsembleDivisor (the
// crossover on bench_kernels), one by one in draw order below it; the rule depends on (B, n) only.
constexpr long kEnsembleDivisor = 128;

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double peak_rss_bytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_maxrss) * 1024.0;  // Linux reports kilobytes
}

// Slope of log(median) over the second half of the horizon, only where the median exceeds the
// floor: the per-step rate the theory file compares with sqrt(beta) (its claim 3).
double fitted_rate(const std::vector<double>& median, double floor) {
  const int K = int(median.size()) - 1;
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  int m = 0;
  for (int k = K / 2; k <= K; ++k) {
    if (!(median[std::size_t(k)] > floor) || !std::isfinite(median[std::size_t(k)])) continue;
    const double y = std::log(median[std::size_t(k)]);
    sx += k, sy += y, sxx += double(k) * k, sxy += k * y, ++m;
  }
  if (m < 2) return std::nan("");
  return std::exp((m * sxy - sx * sy) / (m * sxx - sx * sx));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"paper-scale B-dependence experiment of minibatch HBM"};
  double kappa = 6, widen = 1000;
  long rows = 1000000;
  int dim = 100, iters = 0, trials = 100, jobs = 1;
  std::string recipe = "slow-algebraic", json_out;
  std::vector<double> fractions = {1, 0.1, 0.01, 0.001};
  std::uint64_t seed = 20240607;
  app.add_option("--kappa", kappa, "condition number")->default_val(kappa);
  app.add_option("--spectrum", recipe, "spectrum recipe")->default_val(recipe);
  app.add_option("--rows", rows, "n")->default_val(rows);
  app.add_option("--dim", dim, "d")->default_val(dim);
  app.add_option("--iters", iters, "horizon (default: the paper's for kappa 100, 30, 6; else 200)");
  app.add_option("--trials", trials, "trials per batch size")->default_val(trials);
  app.add_option("--fractions", fractions, "batch sizes as fractions of B*")->delimiter(',');
  app.add_option("--widen", widen, "widening factor c")->default_val(widen);
  app.add_option("--seed", seed, "seed")->default_val(seed);
  app.add_option("--jobs", jobs, "threads")->default_val(jobs);
  app.add_option("--json", json_out, "write the curves and timings as JSON");
  CLI11_PARSE(app, argc, argv);
  try {
    if (iters == 0) iters = kappa == 100 ? 200 : kappa == 30 ? 110 : kappa == 6 ? 45 : 200;
    if (trials < 1 || jobs < 1 || iters < 1)
      throw InputError("--trials, --jobs and --iters must be positive");

    const auto t_build = std::chrono::steady_clock::now();
    Engine inst_rng = make_engine(derive_seed(seed, "paper-scale", "instance", 0, 0));
    const LeastSquares P = large_least_squares_with_spectrum(
        spectrum(parse_spectrum(recipe), dim, kappa), rows, inst_rng);
    const auto hb = heavy_ball_parameters(P.eigenvalues, widen);
    auto sampler = std::make_shared<const RowSampler>(P.A, Sampling::row_norm);
    const double build_seconds = seconds_since(t_build);
    const double matrix_bytes = least_squares_bytes(P.rows(), P.cols());
    fmt::print(
        "# n={} d={} kappa={} {} c={}: alpha={:.6g} beta={:.6g} sqrt(beta)={:.6g} B*={} horizon={} "
        "trials={}\n",
        P.rows(), P.cols(), kappa, recipe, widen, hb.alpha, hb.beta, hb.sqrt_beta,
        critical_batch(hb), iters, trials);
    fmt::print("# instance built in {:.2f} s; peak RSS so far {:.0f} MB for (A, b) of {:.0f} MB\n",
               build_seconds, peak_rss_bytes() / 1e6, matrix_bytes / 1e6);

    nlohmann::json out = {{"n", P.rows()},
                          {"d", P.cols()},
                          {"kappa", kappa},
                          {"spectrum", recipe},
                          {"alpha", hb.alpha},
                          {"beta", hb.beta},
                          {"sqrt_beta", hb.sqrt_beta},
                          {"B_star", critical_batch(hb)},
                          {"iterations", iters},
                          {"trials", trials},
                          {"jobs", jobs},
                          {"seed", seed},
                          {"build_seconds", build_seconds}};
    fmt::print("{:>10} {:>9} {:>11} {:>11} {:>11} {:>9} {:>9}\n", "batch", "B/B*", "median_K",
               "q10_K", "q90_K", "rate", "seconds");

    // Deterministic HBM first (batch 0 in the table), then each batch size.
    std::vector<long> batches = {0};
    for (double f : fractions)
      batches.push_back(
          std::min<long>(rows, std::max<long>(1, std::lround(f * critical_batch(hb)))));
    double total_seconds = 0;
    for (std::size_t bi = 0; bi < batches.size(); ++bi) {
      const long B = batches[bi];
      const int T = B == 0 ? 1 : trials;
      std::vector<Eigen::VectorXd> curves(static_cast<std::size_t>(T));
      const auto t0 = std::chrono::steady_clock::now();
      const Eigen::VectorXd x0 = Eigen::VectorXd::Zero(P.cols());
      auto seed_of = [&](int t) {
        return derive_seed(seed, "paper-scale", "batch", bi, std::uint64_t(t));
      };
      if (B * kEnsembleDivisor >= rows) {
        // Large batches: lockstep ensembles share each pass over the drawn rows (row-order sums).
        curves =
            ensemble_relative_errors(P, hb.alpha, hb.beta, B, sampler, x0, iters, T, seed_of, jobs);
      } else {
#pragma omp parallel for schedule(dynamic, 1) num_threads(jobs)
        for (int t = 0; t < T; ++t) {
          Engine rng = make_engine(seed_of(t));
          std::unique_ptr<IterativeMethod> m;
          if (B == 0)
            m = std::make_unique<HeavyBall>(P, hb.alpha, hb.beta, x0);
          else
            m = std::make_unique<MinibatchHeavyBall>(P, hb.alpha, hb.beta, B, sampler, x0,
                                                     GradientOrder::draw_order);
          curves[std::size_t(t)] = relative_errors(*m, iters, rng, P.x_star);
        }
      }
      const double secs = seconds_since(t0);
      total_seconds += secs;
      std::vector<double> q10(iters + 1), q50(iters + 1), q90(iters + 1),
          col(static_cast<std::size_t>(T));
      for (int k = 0; k <= iters; ++k) {
        for (int t = 0; t < T; ++t) col[std::size_t(t)] = curves[std::size_t(t)](k);
        q10[std::size_t(k)] = stats::sample_quantile(col, 0.1);
        q50[std::size_t(k)] = stats::sample_quantile(col, 0.5);
        q90[std::size_t(k)] = stats::sample_quantile(col, 0.9);
      }
      const double rate = fitted_rate(q50, 1e-12);
      fmt::print("{:>10} {:>9.4g} {:>11.4e} {:>11.4e} {:>11.4e} {:>9.4f} {:>9.2f}\n",
                 B == 0 ? std::string("hbm") : std::to_string(B),
                 B == 0 ? std::nan("") : double(B) / critical_batch_real(hb), q50.back(),
                 q10.back(), q90.back(), rate, secs);
      std::fflush(stdout);
      out["runs"].push_back({{"batch", B},
                             {"method", B == 0 ? "hbm" : "minibatch-hbm"},
                             {"trials", T},
                             {"seconds", secs},
                             {"rate", rate},
                             {"median", q50},
                             {"q10", q10},
                             {"q90", q90}});
    }
    const double peak = peak_rss_bytes();
    out["trial_seconds"] = total_seconds;
    out["peak_rss_bytes"] = peak;
    out["matrix_bytes"] = matrix_bytes;
    out["peak_over_matrix"] = peak / matrix_bytes;
    fmt::print(
        "# trials took {:.1f} s on {} thread(s); peak RSS {:.0f} MB = {:.3f} x (A, b) ({:.0f} "
        "MB)\n",
        total_seconds, jobs, peak / 1e6, peak / matrix_bytes, matrix_bytes / 1e6);
    if (!json_out.empty()) std::ofstream(json_out) << out.dump(1) << "\n";
    return 0;
  } catch (const InputError& e) {
    fmt::print(stderr, "bench_paper_scale: {}\n", e.what());
    return 64;
  }
}
