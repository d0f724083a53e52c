// `thmcheck simulate METHOD`: runs gd, hbm, rk, minibatch-sgd or minibatch-hbm on a spectrum recipe
// or a matrix file and prints, per iteration, the median and the 10%/90% quantiles of ||x_k - x*||
// / ||x_0 - x*|| over the trials, and the seconds taken. Trial t draws from its own engine seeded
// by (seed, method, t), and results are stored by trial, so the output is the same for every
// --jobs.
// --exact adds the exact mean square E||x_k - x*||^2 / ||x_0 - x*||^2 of the method (the
// second-moment recursion of docs/theory/second-moments.md) beside the sampled mean of the same.
// --save-instance DIR writes the instance as NumPy arrays (DIR/A.npy, b.npy, x_star.npy), so
// another implementation (bench/numpy_minibatch_hbm.py) can run on exactly the same A and b.
#include <fmt/format.h>
#include <omp.h>

#include <chrono>
#include <cmath>
#include <exception>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "research_tools.hpp"
#include "thmcheck/core/errors.hpp"
#include "thmcheck/core/memory.hpp"
#include "thmcheck/core/seed.hpp"
#include "thmcheck/harness/progress.hpp"
#include "thmcheck/harness/runner.hpp"
#include "thmcheck/harness/sweep.hpp"
#include "thmcheck/methods/gradient_descent.hpp"
#include "thmcheck/methods/heavy_ball.hpp"
#include "thmcheck/methods/kaczmarz.hpp"
#include "thmcheck/methods/minibatch_ensemble.hpp"
#include "thmcheck/methods/minibatch_heavy_ball.hpp"
#include "thmcheck/methods/minibatch_lockstep.hpp"
#include "thmcheck/problems/gaussian.hpp"
#include "thmcheck/problems/large_least_squares.hpp"
#include "thmcheck/problems/matrix_market.hpp"
#include "thmcheck/problems/spectrum.hpp"
#include "thmcheck/spectral/heavy_ball_parameters.hpp"
#include "thmcheck/spectral/second_moment_operator.hpp"
#include "thmcheck/stats/order_statistics.hpp"

namespace thmcheck::cli {

namespace {

struct SimulateArgs {
  std::string method, spectrum, matrix, sampling = "row-norm", save_instance;
  double kappa = std::nan(""), alpha = std::nan(""), beta = std::nan(""), widen = 1000;
  int dim = 0, iters = 200, trials = 100, jobs = 1;
  long rows = 0, batch = 0;
  std::uint64_t seed = 20240607;
  std::string seed_text = "20240607";  // --seed as given, parsed by parse_seed_option
  bool json = false, quiet = false, exact = false;
  bool alpha_given = false, beta_given = false;  // NaN above means "the theory's"
};

// Batches from kMultinomialFactor n up draw their counts as a multinomial vector, exact in a double
// up to 2^53 (multinomial_batch.hpp); smaller ones are indexed with 32 bits per ensemble step
// (minibatch_ensemble.hpp), which ensemble_relative_errors respects by making ensembles smaller.
constexpr long kMaxBatch = (1L << 53) - 1;

// The exact E||x_k - x*||^2 / ||x_0 - x*||^2, k = 0..K, of the method from x0 (x_{-1} = x_0): GD
// and HBM are the deterministic case (B = infinity), RK is SGD with alpha = omega / ||A||_F^2 under
// row-norm sampling, and the minibatch methods are L_B itself.
std::vector<double> exact_mean_square(const SimulateArgs& a, const LeastSquares& P,
                                      Sampling sampling, double alpha, double beta, long batch,
                                      const Eigen::VectorXd& x0, int K) {
  const double inf = std::numeric_limits<double>::infinity();
  std::unique_ptr<SecondMomentOperator> L;
  if (a.method == "gd" || a.method == "hbm") {
    L = std::make_unique<SecondMomentOperator>(P.A, sampling, alpha, beta, inf);
  } else if (a.method == "rk") {
    if (sampling != Sampling::row_norm)
      throw InputError("--exact: rk's second moment is computed for row-norm sampling only");
    L = std::make_unique<SecondMomentOperator>(P.A, sampling, alpha / P.A.squaredNorm(), 0.0, 1.0);
  } else {
    L = std::make_unique<SecondMomentOperator>(P.A, sampling, alpha, beta, double(batch));
  }
  const Eigen::VectorXd e0 = x0 - P.x_star;
  auto curve = mean_square_curve(*L, e0, K);
  for (double& v : curve) v /= e0.squaredNorm();
  return curve;
}

// A little-endian float64 C-order .npy file (format version 1.0: magic, header length, a Python
// dict literal padded to a multiple of 64 bytes, then the raw data), readable by numpy.load.
void write_npy(const std::filesystem::path& path, const double* data,
               const std::vector<long>& shape) {
  std::string dims;
  long count = 1;
  for (long s : shape) {
    dims += std::to_string(s) + ",";
    count *= s;
  }
  if (shape.size() > 1) dims.pop_back();  // (n, d) but (n,) for a vector
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + dims + "), }";
  const std::size_t unpadded = 10 + header.size() + 1;
  header += std::string((64 - unpadded % 64) % 64, ' ') + "\n";
  std::ofstream out(path, std::ios::binary);
  const std::uint16_t len = std::uint16_t(header.size());
  out.write("\x93NUMPY\x01\x00", 8);
  out.put(char(len & 0xff)).put(char(len >> 8));
  out << header;
  out.write(reinterpret_cast<const char*>(data), std::streamsize(count * long(sizeof(double))));
  if (!out) throw InputError("cannot write " + path.string());
}

void save_instance(const std::filesystem::path& dir, const LeastSquares& P) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    throw InputError("--save-instance: cannot create directory " + dir.string() + ": " +
                     ec.message());
  write_npy(dir / "A.npy", P.A.data(),
            {long(P.rows()), long(P.cols())});  // row-major, as numpy's C order
  write_npy(dir / "b.npy", P.b.data(), {long(P.rows())});
  write_npy(dir / "x_star.npy", P.x_star.data(), {long(P.cols())});
}

// Minibatch trials run as lockstep ensembles (minibatch_ensemble.hpp) when B >= n /
// kEnsembleDivisor, else as lone draw-order runs stepped side by side: a rule on (B, n) alone,
// never on --jobs. The divisor is where the two cross on bench_kernels (docs/performance.md).
constexpr long kEnsembleDivisor = 128;
// Below it, trials advance in lockstep groups of this many (minibatch_lockstep.hpp), each run's
// rows requested two runs before its step. Every run is bit-identical to the same run alone, so
// results depend neither on this size nor on --jobs.
constexpr int kLockstepRuns = 16;

const std::vector<std::string> kMethods = {"gd", "hbm", "rk", "minibatch-sgd", "minibatch-hbm"};

int simulate(const SimulateArgs& a) {
  if (std::find(kMethods.begin(), kMethods.end(), a.method) == kMethods.end())
    throw InputError("unknown method '" + a.method +
                     "' (expected gd, hbm, rk, minibatch-sgd or minibatch-hbm)");
  const bool by_spectrum = !a.spectrum.empty(), by_matrix = !a.matrix.empty();
  if (by_spectrum == by_matrix)
    throw InputError(
        "simulate needs either --spectrum NAME --kappa K --dim D or --matrix FILE.mtx");
  if (a.iters < 1 || a.iters > 100000000)
    throw InputError(fmt::format("--iters must lie in [1, 1e8], got {}", a.iters));
  if (a.trials < 1 || a.trials > 100000000)
    throw InputError(fmt::format("--trials must lie in [1, 1e8], got {}", a.trials));
  if (a.jobs < 1 || a.jobs > kMaxJobs)
    throw InputError(fmt::format("--jobs must lie in [1, {}], got {}", kMaxJobs, a.jobs));
  if (a.batch < 0 || a.batch > kMaxBatch)
    throw InputError(fmt::format("--batch must lie in [1, {}], got {}", kMaxBatch, a.batch));
  if (!(a.widen > 1)) throw InputError(fmt::format("--widen must exceed 1, got {}", a.widen));
  if (a.alpha_given && !std::isfinite(a.alpha))
    throw InputError(fmt::format("--alpha must be a finite number, got {}", a.alpha));
  if (a.beta_given && !std::isfinite(a.beta))
    throw InputError(fmt::format("--beta must be a finite number, got {}", a.beta));
  // The curves (one value per trial and iteration) are held until the quantiles are taken.
  require_memory(8.0 * double(a.trials) * double(a.iters + 1),
                 fmt::format("--trials {} x --iters {}", a.trials, a.iters));
  const Sampling sampling = parse_sampling(a.sampling);

  // The instance: from the recipe (A = U diag(sqrt(lambda)) V^T) or from the file with b = A x_opt.
  Engine inst_rng = make_engine(derive_seed(a.seed, "simulate", "instance", 0, 0));
  LeastSquares P;
  if (by_spectrum) {
    if (a.dim < 2) throw InputError(fmt::format("--dim must be at least 2, got {}", a.dim));
    if (!(a.kappa >= 1) || !std::isfinite(a.kappa))
      throw InputError(fmt::format("--kappa must be a finite number >= 1, got {}", a.kappa));
    const long n = a.rows == 0 ? 10L * a.dim : a.rows;
    if (n < a.dim)
      throw InputError(
          fmt::format("--rows {} is fewer than --dim {}: A would be rank-deficient", n, a.dim));
    if (double(n) * a.dim > 5e8)
      throw InputError(fmt::format("--rows {} x --dim {} is too large to hold densely", n, a.dim));
    // The memory-lean builder (A plus O(d^2 + block d)), the one the paper-scale theorems use.
    P = large_least_squares_with_spectrum(spectrum(parse_spectrum(a.spectrum), a.dim, a.kappa), n,
                                          inst_rng);
  } else {
    if (a.rows != 0)
      throw InputError("--rows applies to spectrum recipes only (a matrix file fixes n)");
    SparseRowMatrix S = read_matrix_market(a.matrix);
    if (double(S.rows()) * double(S.cols()) > 5e8)
      throw InputError(
          fmt::format("{}: {} x {} is too large to hold densely", a.matrix, S.rows(), S.cols()));
    RowMatrix A = Eigen::MatrixXd(S);
    Eigen::VectorXd x_opt = gaussian_vector(A.cols(), inst_rng);
    Eigen::VectorXd b = A * x_opt;
    P = least_squares_from(std::move(A), std::move(b));
  }
  const auto hb = heavy_ball_parameters(P.eigenvalues, a.widen);
  const bool minibatch = a.method.rfind("minibatch", 0) == 0;
  if (minibatch && a.batch == 0 && !(critical_batch_real(hb) < double(kMaxBatch)))
    throw InputError(fmt::format(
        "the default --batch, B* + 1 with B* = {:g}, is beyond {} at --kappa {:g}: give --batch "
        "or a smaller --kappa",
        critical_batch_real(hb), kMaxBatch, hb.kappa));
  // B* for the output: printed only when a long holds it (an extreme kappa overflows it).
  const double b_star_real = critical_batch_real(hb);
  const bool b_star_fits = b_star_real >= 0 && b_star_real < 0x1p63;
  const long batch = a.batch > 0 ? a.batch : minibatch ? critical_batch(hb) + 1 : 1;
  if (minibatch)  // the draws of each thread's ensemble step: 8 bytes each while bucketed, in
                  // vectors with up to as much spare capacity; a multinomial batch holds at most n
                  // (row, count) pairs
    require_memory(
        16.0 * double(std::min(batch, MinibatchHeavyBall::kMultinomialFactor * long(P.rows()))) *
            double(std::min(a.jobs, a.trials)),
        fmt::format("--batch {} on {} thread{}", batch, std::min(a.jobs, a.trials),
                    std::min(a.jobs, a.trials) == 1 ? "" : "s"));
  // Defaults, "the theory's": GD 2/(lambda_min + lambda_max); HBM and minibatch HBM the widened
  // (alpha, beta) of docs/theory/minibatch-hbm.md; minibatch SGD the same alpha with beta = 0; RK
  // omega = 1.
  double alpha = a.alpha, beta = a.beta;
  if (std::isnan(alpha))
    alpha = a.method == "gd"   ? 2 / (hb.lambda_min + hb.lambda_max)
            : a.method == "rk" ? 1.0
                               : hb.alpha;
  if (std::isnan(beta)) beta = (a.method == "hbm" || a.method == "minibatch-hbm") ? hb.beta : 0.0;
  if ((a.method == "gd" || a.method == "rk" || a.method == "minibatch-sgd") && beta != 0)
    throw InputError("--beta applies to hbm and minibatch-hbm only");
  if (!(alpha > 0) || !std::isfinite(alpha))
    throw InputError(fmt::format("--alpha must be positive, got {}", alpha));
  if (!(beta >= 0 && beta < 1))
    throw InputError(fmt::format("--beta must lie in [0, 1), got {}", beta));
  auto sampler = std::make_shared<const RowSampler>(P.A, sampling);
  if (!a.save_instance.empty()) save_instance(a.save_instance, P);

  const auto t0 = std::chrono::steady_clock::now();
  const int K = a.iters;
  // Progress on stderr in run-steps (trials x iterations), rate-limited: long runs say how far they
  // are.
  Progress progress(!a.quiet, "run-steps");
  progress.start_claim(fmt::format("simulate {} B={}", a.method, batch),
                       std::size_t(a.trials) * std::size_t(K));
  std::vector<Eigen::VectorXd> curves(std::size_t(a.trials));
  std::exception_ptr error;
  std::mutex error_mutex;
  const Eigen::VectorXd x0 = Eigen::VectorXd::Zero(P.cols());
  if (minibatch && batch * kEnsembleDivisor >= long(P.rows())) {
    // Large batches: trials advance in lockstep ensembles that share each pass over the drawn rows.
    // Every trial is bit-identical to a lone row-order run on its engine, so how trials are grouped
    // (per thread, and within a memory budget) changes no result.
    curves = ensemble_relative_errors(
        P, alpha, beta, batch, sampler, x0, K, a.trials,
        [&](int t) { return derive_seed(a.seed, "simulate", a.method, 0, std::uint64_t(t)); },
        a.jobs, [&](std::size_t runs) { progress.advance(runs); });
  } else if (minibatch) {
    // Small batches: groups of kLockstepRuns trials advance in lockstep (minibatch_lockstep.hpp),
    // one group per thread at a time. Every trial is bit-identical to a lone draw-order run on its
    // engine, so the grouping changes no result.
    const int groups = (a.trials + kLockstepRuns - 1) / kLockstepRuns;
#pragma omp parallel for schedule(dynamic, 1) num_threads(a.jobs)
    for (int g = 0; g < groups; ++g) {
      try {
        const int first = g * kLockstepRuns, last = std::min(a.trials, first + kLockstepRuns);
        std::vector<MinibatchHeavyBall> runs;
        std::vector<Engine> rngs;
        runs.reserve(std::size_t(last - first));
        for (int t = first; t < last; ++t) {
          rngs.push_back(
              make_engine(derive_seed(a.seed, "simulate", a.method, 0, std::uint64_t(t))));
          runs.emplace_back(P, alpha, beta, batch, sampler, x0, GradientOrder::draw_order);
        }
        auto group = lockstep_relative_errors(runs, rngs, K, P.x_star,
                                              [&](std::size_t r) { progress.advance(r); });
        for (int t = first; t < last; ++t)
          curves[std::size_t(t)] = std::move(group[std::size_t(t - first)]);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
      }
    }
  } else {
#pragma omp parallel for schedule(dynamic, 1) num_threads(a.jobs)
    for (int t = 0; t < a.trials; ++t) {
      try {
        Engine rng = make_engine(derive_seed(a.seed, "simulate", a.method, 0, std::uint64_t(t)));
        std::unique_ptr<IterativeMethod> m;
        if (a.method == "gd")
          m = std::make_unique<GradientDescent>(P, alpha, x0);
        else if (a.method == "hbm")
          m = std::make_unique<HeavyBall>(P, alpha, beta, x0);
        else  // rk: the minibatch methods run in ensembles or in lockstep above
          m = std::make_unique<RandomizedKaczmarz>(P, alpha, x0, sampler);
        curves[std::size_t(t)] = relative_errors(*m, K, rng, P.x_star);
        progress.advance(std::size_t(K));
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
      }
    }
  }
  progress.end_line();
  if (error) std::rethrow_exception(error);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  std::vector<double> q10(K + 1), q50(K + 1), q90(K + 1), col(std::size_t(a.trials));
  for (int k = 0; k <= K; ++k) {
    for (int t = 0; t < a.trials; ++t) col[std::size_t(t)] = curves[std::size_t(t)](k);
    q10[k] = stats::sample_quantile(col, 0.1);
    q50[k] = stats::sample_quantile(col, 0.5);
    q90[k] = stats::sample_quantile(col, 0.9);
  }
  // The sampled and the exact mean of ||x_k - x*||^2 / ||x_0 - x*||^2.
  std::vector<double> sampled_ms, exact_ms;
  if (a.exact) {
    exact_ms = exact_mean_square(a, P, sampling, alpha, beta, batch, x0, K);
    sampled_ms.assign(std::size_t(K + 1), 0.0);
    for (int k = 0; k <= K; ++k)
      for (int t = 0; t < a.trials; ++t)
        sampled_ms[std::size_t(k)] +=
            curves[std::size_t(t)](k) * curves[std::size_t(t)](k) / a.trials;
  }
  if (a.json) {
    nlohmann::json j = {{"method", a.method},
                        {"d", P.cols()},
                        {"n", P.rows()},
                        {"kappa", hb.kappa},
                        {"alpha", alpha},
                        {"beta", beta},
                        {"batch", batch},
                        {"B_star", b_star_fits ? nlohmann::json(critical_batch(hb))
                                               : nlohmann::json("not representable")},
                        {"sampling", to_string(sampling)},
                        {"iterations", K},
                        {"trials", a.trials},
                        {"seed", a.seed},
                        {"jobs", a.jobs},
                        {"seconds", seconds},
                        {"metric", "||x_k - x*|| / ||x_0 - x*||"},
                        {"median", q50},
                        {"q10", q10},
                        {"q90", q90}};
    // Every trial's error at the horizon, in trial order: what a two-sample test needs
    // (bench/compare_numpy.sh compares these with the NumPy implementation's).
    std::vector<double> final_errors(std::size_t(a.trials));
    for (int t = 0; t < a.trials; ++t) final_errors[std::size_t(t)] = curves[std::size_t(t)](K);
    j["final"] = final_errors;
    if (a.exact) {
      j["mean_square_metric"] = "||x_k - x*||^2 / ||x_0 - x*||^2";
      j["sampled_mean_square"] = sampled_ms;
      j["exact_mean_square"] = exact_ms;
    }
    fmt::print("{}\n", j.dump());
  } else {
    fmt::print(
        "# {} d={} n={} kappa={:.6g} alpha={:.6g} beta={:.6g} batch={} (B*={}) sampling={} "
        "trials={} seed={}\n",
        a.method, P.cols(), P.rows(), hb.kappa, alpha, beta, batch,
        b_star_fits ? std::to_string(critical_batch(hb)) : "not representable", to_string(sampling),
        a.trials, a.seed);
    fmt::print("# k  median  q10  q90  of ||x_k - x*|| / ||x_0 - x*||{}\n",
               a.exact ? "; sampled and exact mean of ||x_k - x*||^2 / ||x_0 - x*||^2" : "");
    for (int k = 0; k <= K; ++k) {
      fmt::print("{} {:.6e} {:.6e} {:.6e}", k, q50[k], q10[k], q90[k]);
      if (a.exact)
        fmt::print(" {:.6e} {:.6e}", sampled_ms[std::size_t(k)], exact_ms[std::size_t(k)]);
      fmt::print("\n");
    }
    fmt::print("# seconds {:.3f}\n", seconds);
  }
  return 0;
}

}  // namespace

Subcommand add_simulate(CLI::App& app) {
  auto args = std::make_shared<SimulateArgs>();
  auto* sub = app.add_subcommand(
      "simulate",
      "error curves of gd, hbm, rk, minibatch-sgd, minibatch-hbm (quantiles over trials)");
  sub->add_option("method", args->method, "gd, hbm, rk, minibatch-sgd or minibatch-hbm")
      ->required();
  sub->add_option("--spectrum", args->spectrum,
                  "fast-exponential, slow-exponential, fast-algebraic or slow-algebraic");
  sub->add_option("--kappa", args->kappa, "condition number of the spectrum recipe");
  sub->add_option("--dim", args->dim, "dimension d of the spectrum recipe");
  sub->add_option("--matrix", args->matrix,
                  "Matrix Market file holding A; b = A x_opt with x_opt ~ N(0, I)");
  sub->add_option("--rows", args->rows, "rows n of the recipe instance (default 10 d)");
  sub->add_option("--batch", args->batch,
                  "minibatch size (default ceil(B*) for minibatch methods)");
  sub->add_option("--iters", args->iters, "iterations")->default_val(200);
  sub->add_option("--trials", args->trials, "independent runs")->default_val(100);
  sub->add_option("--sampling", args->sampling, "row-norm or uniform")->default_val("row-norm");
  auto* alpha = sub->add_option("--alpha", args->alpha,
                                "step size (RK: relaxation omega); default: the theory's");
  auto* beta = sub->add_option("--beta", args->beta, "momentum; default: the theory's");
  sub->add_option("--widen", args->widen, "widening factor c of the theory's (alpha, beta)")
      ->default_val(1000);
  sub->add_option("--seed", args->seed_text, "seed (0 to 2^64 - 1)")->default_val(args->seed_text);
  sub->add_option("--jobs", args->jobs, "threads (1 to " + std::to_string(kMaxJobs) + ")")
      ->default_val(1);
  sub->add_option("--save-instance", args->save_instance,
                  "write A.npy, b.npy, x_star.npy of the instance into this directory");
  sub->add_flag("--json", args->json, "print JSON");
  sub->add_flag("--quiet", args->quiet, "no progress on stderr");
  sub->add_flag("--exact", args->exact,
                "also print the exact mean square E||x_k - x*||^2 / ||x_0 - x*||^2 (second-moment "
                "recursion) beside the sampled mean");
  return {sub, [args, alpha, beta] {
            args->alpha_given = alpha->count() > 0;
            args->beta_given = beta->count() > 0;
            args->seed = parse_seed_option(args->seed_text, "--seed");
            return simulate(*args);
          }};
}

}  // namespace thmcheck::cli
