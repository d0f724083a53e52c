// Kernel benchmarks (Google Benchmark): the minibatch gradient gather against the machine's
// sequential read bandwidth and against the kernel's roofline per cache level (both measured in the
// same run, before the benchmarks), the minibatch HBM
// step, full-batch HBM, the factorization AGD and NAG steps, and the matrix-free norm of a product
// of momentum matrices.
//
//   ./bench_kernels                         all, sizes of the targets (d = 100, n = 10^5)
//   ./bench_kernels --benchmark_filter=Gather
//
// Counters: rows/s (rows gathered per second), bytes_per_second (bytes of A, b and 1/p actually
// read), bw_fraction = bytes_per_second / read bandwidth (the target is >= 0.5 for the gather
// kernel), limit_fraction = rows/s / the roofline's rows/s for A's working set.
#include <benchmark/benchmark.h>
#include <sys/mman.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <span>
#include <vector>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/methods/factorization.hpp"
#include "thmcheck/methods/factorization_init.hpp"
#include "thmcheck/methods/heavy_ball.hpp"
#include "thmcheck/methods/minibatch_ensemble.hpp"
#include "thmcheck/methods/minibatch_gradient.hpp"
#include "thmcheck/methods/minibatch_heavy_ball.hpp"
#include "thmcheck/problems/gaussian.hpp"
#include "thmcheck/problems/least_squares.hpp"
#include "thmcheck/problems/low_rank.hpp"
#include "thmcheck/problems/spectrum.hpp"
#include "thmcheck/spectral/heavy_ball_parameters.hpp"
#include "thmcheck/spectral/linear_operator.hpp"
#include "thmcheck/spectral/momentum_product.hpp"
#include "thmcheck/spectral/sampled_hessian.hpp"

namespace {

using namespace thmcheck;

constexpr int kDim = 100;
constexpr Eigen::Index kRows = 100000;  // A is 80 MB: far beyond the caches, so gathers hit memory
constexpr double kKappa = 100;
constexpr double kWiden = 1000;

double g_read_bandwidth = 0;  // bytes per second, measured in main()

// The roofline of the gradient kernel: rows per second of minibatch_gradient_sum (a dot and an
// axpy per row of d = kDim, no FMA: the same flops and the same code as every gather below) over
// rows read in address order, with x and g in L1 and the rows in a working set that fits L1, L2,
// L3 or only DRAM. In order, the hardware prefetcher streams the rows: this is the limit of the
// arithmetic at each level, measured in main() before the benchmarks, in the same run.
struct RooflineLevel {
  const char* name;
  double bytes;  // the rows' working set: A, b and 1/p
  double rows_per_second = 0;
};
std::vector<RooflineLevel> g_roofline = {{"L1", 24e3}, {"L2", 384e3}, {"L3", 16e6}, {"DRAM", 1e9}};

// Sum of a 1 GB array with 8 independent accumulators (no -ffast-math, so the compiler cannot
// reassociate one accumulator; eight keep the loads, not the adds, the bottleneck).
double streaming_sum(const std::vector<double>& v) {
  double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  const std::size_t n = v.size() / 8 * 8;
  const double* p = v.data();
  for (std::size_t i = 0; i < n; i += 8)
    for (int k = 0; k < 8; ++k) s[k] += p[i + k];
  return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

// The best of several passes over 1 GB (the first pass also faults the pages in, and is dropped).
double measure_read_bandwidth() {
  std::vector<double> v(std::size_t(1) << 27, 1.0);  // 2^27 doubles = 1 GiB
  double best = 0, sink = 0;
  for (int pass = 0; pass < 5; ++pass) {
    auto t0 = std::chrono::steady_clock::now();
    sink += streaming_sum(v);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (pass > 0) best = std::max(best, double(v.size() * sizeof(double)) / s);
  }
  benchmark::DoNotOptimize(sink);
  return best;
}

// The rows per second of the kernel on `bytes` of rows of d columns read in order, best of a few
// passes of at least 0.2 s (the first one also faults the pages in).
double measure_roofline_level(double bytes, int d = kDim) {
  const Eigen::Index row_bytes = (d + 2) * Eigen::Index(sizeof(double));
  // A multiple of eight rows: the kernel's blocks, with no one-row tail (which would weigh on the
  // 24 rows of the L1 level).
  const Eigen::Index n = std::max<Eigen::Index>(8, Eigen::Index(bytes) / row_bytes / 8 * 8);
  Engine rng = make_engine(13);
  LeastSquares P;
  P.A = RowMatrix(gaussian_matrix(n, d, rng));
  P.b = Eigen::VectorXd::Ones(n);
  const std::vector<double> inv_p(static_cast<std::size_t>(n), 1.0);
  std::vector<std::size_t> rows(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  const Eigen::VectorXd x = Eigen::VectorXd::Ones(d);
  Eigen::VectorXd g(d);
  double best = 0;
  for (int pass = 0; pass < 4; ++pass) {
    std::size_t done = 0;
    auto t0 = std::chrono::steady_clock::now();
    double seconds = 0;
    do {
      minibatch_gradient_sum(P, inv_p, rows, {}, x, g);
      benchmark::DoNotOptimize(g.data());
      done += rows.size();
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    } while (seconds < 0.2);
    if (pass > 0) best = std::max(best, double(done) / seconds);
  }
  return best;
}

// The level whose working set holds `bytes` of rows (the first that is at least as large).
const RooflineLevel* roofline_for(double bytes) {
  for (const auto& l : g_roofline)
    if (bytes <= l.bytes && l.rows_per_second > 0) return &l;
  return g_roofline.back().rows_per_second > 0 ? &g_roofline.back() : nullptr;
}

// The roofline itself as a benchmark row per level, so that it prints beside the kernels.
void BM_Roofline(benchmark::State& state) {
  const RooflineLevel& l = g_roofline[std::size_t(state.range(0))];
  for (auto _ : state) benchmark::DoNotOptimize(l.rows_per_second);
  state.SetLabel(l.name);
  state.counters["limit_rows/s"] = l.rows_per_second;
  state.counters["working_set_MB"] = l.bytes / 1e6;
}
BENCHMARK(BM_Roofline)->DenseRange(0, 3)->Iterations(1);

// The roofline at any d and working set, for workloads other than the targets' (d = 100, A beyond
// the caches): Args({d, kilobytes of rows}). `simulate`'s row terms per second on a workload over
// this, at the workload's d and the bytes of its A, b and 1/p, is its fraction of the arithmetic
// limit for its working set (docs/performance.md, "Roofline per working set").
void BM_RooflineWorkingSet(benchmark::State& state) {
  const int d = int(state.range(0));
  const double bytes = double(state.range(1)) * 1e3;
  double rows_per_second = 0;
  for (auto _ : state) rows_per_second = measure_roofline_level(bytes, d);
  state.counters["limit_Mrows/s"] = rows_per_second / 1e6;
  state.counters["ns_a_row"] = 1e9 / rows_per_second;
  state.counters["working_set_MB"] = bytes / 1e6;
}
BENCHMARK(BM_RooflineWorkingSet)
    ->ArgsProduct({{10, 20, 50, 100, 200}, {24, 1000, 64000, 1000000}})
    // The four workloads of docs/performance.md ("Four workloads"): d and the kilobytes of A, b,
    // 1/p.
    ->Args({10, 960})
    ->Args({20, 158400})
    ->Args({100, 122400})
    ->Args({200, 129280})
    // BM_MinibatchHbmStepHugeBatch's A, b, 1/p: n = 10^4, d = 50.
    ->Args({50, 4160})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

// Scattered rows: rows of d doubles drawn uniformly from a working set, each row's cache lines read
// (one double of each), the rows independent of each other so that the core overlaps as many
// misses as it can. The limit of any kernel that reads scattered rows of a large A, as a small
// batch does (docs/performance.md, "B = 27"), against the address-order limit of
// BM_RooflineWorkingSet. Arguments: d and the working set in KB (2 MB pages asked for, as the
// instance builder does for A).
void BM_RandomRowReads(benchmark::State& state) {
  const std::size_t d = std::size_t(state.range(0));
  const std::size_t bytes = std::size_t(state.range(1)) * 1000, words = bytes / sizeof(double);
  const std::size_t rows = words / d, page = std::size_t(1) << 21;
  double* a = static_cast<double*>(std::aligned_alloc(page, (bytes + page - 1) / page * page));
  madvise(a, bytes, MADV_HUGEPAGE);
  for (std::size_t i = 0; i < words; ++i) a[i] = double(i & 1023);
  Engine rng = make_engine(17);
  std::vector<std::uint32_t> pick(std::size_t(1) << 20);
  for (auto& r : pick) r = std::uint32_t(rng() % rows);
  double sum = 0;
  for (auto _ : state) {
    for (const std::uint32_t r : pick) {
      const double* row = a + std::size_t(r) * d;
      double s = row[d - 1];
      for (std::size_t c = 0; c < d; c += 8) s += row[c];
      sum += s;
    }
    benchmark::DoNotOptimize(sum);
  }
  std::free(a);
  const double n = double(state.iterations()) * double(pick.size());
  state.counters["rows/s"] = benchmark::Counter(n, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RandomRowReads)
    // B = 27's A (d = 20, 158 MB) and its alias table (one 16-byte column a row, 14 MB); rows of
    // one line and of d = 100 at the same working set; and B = 27's rows as they would be with b_i
    // and 1/p_i stored in each (d + 2 = 22 doubles, padded to 24: three aligned lines, 173 MB).
    ->Args({20, 158400})
    ->Args({24, 172800})
    ->Args({2, 14400})
    ->Args({1, 158400})
    ->Args({100, 158400})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_ReadBandwidth(benchmark::State& state) {
  std::vector<double> v(std::size_t(1) << 27, 1.0);
  for (auto _ : state) benchmark::DoNotOptimize(streaming_sum(v));
  state.SetBytesProcessed(std::int64_t(state.iterations()) *
                          std::int64_t(v.size() * sizeof(double)));
}
BENCHMARK(BM_ReadBandwidth)->Unit(benchmark::kMillisecond)->UseRealTime();

struct Instance {
  LeastSquares P;
  HeavyBallParameters hb;
  std::shared_ptr<const RowSampler> sampler;
};

const Instance& instance() {
  static const Instance inst = [] {
    Engine rng = make_engine(derive_seed(20240607, "bench", "instance", 0, 0));
    Instance i;
    i.P = least_squares_with_spectrum(spectrum(SpectrumRecipe::fast_exponential, kDim, kKappa),
                                      kRows, rng);
    i.hb = heavy_ball_parameters(i.P.eigenvalues, kWiden);
    i.sampler = std::make_shared<const RowSampler>(i.P.A, Sampling::row_norm);
    return i;
  }();
  return inst;
}

// Batches B*/1000 .. B* (B* = 19681 at d = 100, kappa = 100, c = 1000, fast-exponential).
void batch_args(benchmark::internal::Benchmark* b) {
  for (long B : {20L, 200L, 2000L, 19681L}) b->Arg(B);
}

void set_gather_counters(benchmark::State& state, long batch, Eigen::Index d) {
  const double rows = double(state.iterations()) * double(batch);
  // Per row: d doubles of A, b_i, 1/p_i (the alias table's entries are counted in the step
  // benchmark).
  const double bytes = rows * double(d + 2) * sizeof(double);
  state.counters["rows/s"] = benchmark::Counter(rows, benchmark::Counter::kIsRate);
  state.SetBytesProcessed(std::int64_t(bytes));
  if (g_read_bandwidth > 0)
    state.counters["bw_fraction"] =
        benchmark::Counter(bytes / g_read_bandwidth, benchmark::Counter::kIsRate);
  // Against the roofline of the level that holds A (kRows rows): the fraction of the arithmetic
  // limit for this working set.
  if (const RooflineLevel* l = roofline_for(double(kRows) * double(d + 2) * sizeof(double)))
    state.counters["limit_fraction"] =
        benchmark::Counter(rows / l->rows_per_second, benchmark::Counter::kIsRate);
}

// Runs kernel(rows, g) over pre-drawn rows, a window of B per iteration, and sets the gather
// counters. The rows are drawn up front from the row-norm distribution: no sampling (and no timer
// pauses) inside the timed loop; the pool is read in order, 8 bytes per row of 800. g starts at
// zero in each iteration.
template <class Kernel>
void run_gather(benchmark::State& state, Kernel&& kernel) {
  const Instance& I = instance();
  const long B = state.range(0);
  Engine rng = make_engine(7);
  std::vector<std::size_t> pool(std::max<std::size_t>(std::size_t(B) * 64, std::size_t(1) << 20));
  I.sampler->table.sample(rng, pool);
  Eigen::VectorXd g(I.P.cols());
  std::size_t offset = 0;
  for (auto _ : state) {
    if (offset + std::size_t(B) > pool.size()) offset = 0;
    g.setZero();
    kernel(std::span<const std::size_t>(pool.data() + offset, std::size_t(B)), g);
    offset += std::size_t(B);
    benchmark::DoNotOptimize(g.data());
    benchmark::ClobberMemory();
  }
  set_gather_counters(state, B, I.P.cols());
}

// The fused gather-dot-axpy of MinibatchHeavyBall::step as first written, one row at a time.
void BM_GatherKernel(benchmark::State& state) {
  const Instance& I = instance();
  const Eigen::Index d = I.P.cols();
  const Eigen::VectorXd x = Eigen::VectorXd::Ones(d);
  run_gather(state, [&](std::span<const std::size_t> rows, Eigen::VectorXd& g) {
    for (std::size_t i : rows) {
      const double* a = I.P.A.data() + Eigen::Index(i) * d;
      double r = -I.P.b(Eigen::Index(i));
      for (Eigen::Index c = 0; c < d; ++c) r += a[c] * x[c];
      const double w = r * I.sampler->inv_p[i];
      for (Eigen::Index c = 0; c < d; ++c) g[c] += w * a[c];
    }
  });
}
BENCHMARK(BM_GatherKernel)->Apply(batch_args)->UseRealTime();

// The same gather with software prefetch: row j + kAhead is requested while row j is used, so
// several rows are in flight at once (a random row is 13 cache lines the hardware prefetcher cannot
// guess). Same rows, same order, same sums as BM_GatherKernel: session 2's first step.
void BM_GatherKernelPrefetch(benchmark::State& state) {
  constexpr std::size_t kAhead = 8;
  const Instance& I = instance();
  const Eigen::Index d = I.P.cols();
  const Eigen::VectorXd x = Eigen::VectorXd::Ones(d);
  const double* A = I.P.A.data();
  run_gather(state, [&](std::span<const std::size_t> rows, Eigen::VectorXd& g) {
    for (std::size_t j = 0; j < rows.size(); ++j) {
      if (j + kAhead < rows.size()) {
        const char* ahead = reinterpret_cast<const char*>(A + Eigen::Index(rows[j + kAhead]) * d);
        for (Eigen::Index c = 0; c < d * Eigen::Index(sizeof(double)); c += 64)
          __builtin_prefetch(ahead + c);
      }
      const double* a = A + Eigen::Index(rows[j]) * d;
      double r = -I.P.b(Eigen::Index(rows[j]));
      for (Eigen::Index c = 0; c < d; ++c) r += a[c] * x[c];
      const double w = r * I.sampler->inv_p[rows[j]];
      for (Eigen::Index c = 0; c < d; ++c) g[c] += w * a[c];
    }
  });
}
BENCHMARK(BM_GatherKernelPrefetch)->Apply(batch_args)->UseRealTime();

// The method's kernel (minibatch_gradient_sum), draws in draw order: eight rows' residuals at once
// as transposed vector products, one lane per row, with the next block's rows requested over the
// loop (row_kernels.cpp); bit-identical to BM_GatherKernel.
void BM_GradientDrawOrder(benchmark::State& state) {
  const Instance& I = instance();
  const Eigen::VectorXd x = Eigen::VectorXd::Ones(I.P.cols());
  run_gather(state, [&](std::span<const std::size_t> rows, Eigen::VectorXd& g) {
    minibatch_gradient_sum(I.P, I.sampler->inv_p, rows, {}, x, g);
  });
}
BENCHMARK(BM_GradientDrawOrder)->Apply(batch_args)->Arg(3125)->Arg(6250)->Arg(12500)->UseRealTime();

// The same sum over the distinct drawn rows in increasing order with their counts (sorted_draws,
// whose O(n + B) counting pass is timed too): fewer rows read, in address order. Counters count the
// B draws, as above, so rows/s compares the two forms directly.
void BM_GradientRowOrder(benchmark::State& state) {
  const Instance& I = instance();
  const Eigen::VectorXd x = Eigen::VectorXd::Ones(I.P.cols());
  std::vector<std::uint32_t> counts(std::size_t(I.P.rows()), 0);
  std::vector<std::size_t> distinct;
  std::vector<double> mult;
  run_gather(state, [&](std::span<const std::size_t> rows, Eigen::VectorXd& g) {
    sorted_draws(rows, counts, distinct, mult);
    minibatch_gradient_sum(I.P, I.sampler->inv_p, distinct, mult, x, g);
  });
}
BENCHMARK(BM_GradientRowOrder)
    ->Apply(batch_args)
    ->Arg(3125)
    ->Arg(6250)
    ->Arg(12500)
    ->Arg(50000)
    ->Arg(100000)
    ->UseRealTime();

// Drawing B rows from the alias table alone (two engine draws per row).
void BM_AliasDraws(benchmark::State& state) {
  const Instance& I = instance();
  const long B = state.range(0);
  Engine rng = make_engine(3);
  std::size_t sink = 0;
  for (auto _ : state) {
    for (long j = 0; j < B; ++j) sink += I.sampler->table.sample(rng);
    benchmark::DoNotOptimize(sink);
  }
  state.counters["rows/s"] =
      benchmark::Counter(double(state.iterations()) * double(B), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AliasDraws)->Arg(2000)->UseRealTime();

// The counts of one batch of B = ratio n draws over n rows, two ways. Arguments: n, ratio.
// - Draws: B alias draws tallied per row (sorted_draws), what GradientOrder::row_order does.
// - Multinomial: one count vector by n conditional binomials (multinomial_batch.hpp).
// Where the two cross in B / n is MinibatchHeavyBall::kMultinomialFactor (docs/performance.md).
const RowSampler& counts_sampler(Eigen::Index n) {
  static std::map<Eigen::Index, std::unique_ptr<RowSampler>> samplers;
  auto& s = samplers[n];
  if (!s) {
    Engine rng = make_engine(derive_seed(20240607, "bench", "counts", 0, std::uint64_t(n)));
    const RowMatrix A = gaussian_matrix(n, 4, rng);
    s = std::make_unique<RowSampler>(A, Sampling::row_norm);
  }
  return *s;
}

void BM_BatchCountsDraws(benchmark::State& state) {
  const Eigen::Index n = state.range(0);
  const long B = state.range(1) * n;
  const RowSampler& s = counts_sampler(n);
  Engine rng = make_engine(5);
  std::vector<std::size_t> draws(static_cast<std::size_t>(B)), rows;
  std::vector<std::uint32_t> tally(std::size_t(n), 0);
  std::vector<double> counts;
  for (auto _ : state) {
    s.table.sample(rng, draws);
    sorted_draws(draws, tally, rows, counts);
    benchmark::DoNotOptimize(counts.data());
  }
  state.counters["rows/s"] =
      benchmark::Counter(double(state.iterations()) * double(n), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BatchCountsDraws)->ArgsProduct({{1000, 100000}, {1, 2, 4, 8, 16, 32}})->UseRealTime();

void BM_BatchCountsMultinomial(benchmark::State& state) {
  const Eigen::Index n = state.range(0);
  const long B = state.range(1) * n;
  const RowSampler& s = counts_sampler(n);
  Engine rng = make_engine(5);
  std::vector<std::size_t> rows;
  std::vector<double> counts;
  for (auto _ : state) {
    s.multinomial.sample(rng, B, rows, counts);
    benchmark::DoNotOptimize(counts.data());
  }
  state.counters["rows/s"] =
      benchmark::Counter(double(state.iterations()) * double(n), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BatchCountsMultinomial)
    ->ArgsProduct({{1000, 100000}, {1, 2, 4, 8, 16, 32, 1000000}})
    ->UseRealTime();

// A whole minibatch HBM step at n = 10^4, d = 50 with B = n (drawn rows, row order) and B = 10^12
// (a multinomial count vector): the second must cost within 2x of the first.
void BM_MinibatchHbmStepHugeBatch(benchmark::State& state) {
  static const Instance inst = [] {
    Engine rng = make_engine(derive_seed(20240607, "bench", "huge-batch", 0, 0));
    Instance i;
    i.P = least_squares_with_spectrum(spectrum(SpectrumRecipe::slow_algebraic, 50, kKappa), 10000,
                                      rng);
    i.hb = heavy_ball_parameters(i.P.eigenvalues, kWiden);
    i.sampler = std::make_shared<const RowSampler>(i.P.A, Sampling::row_norm);
    return i;
  }();
  const long B = state.range(0);
  MinibatchHeavyBall m(inst.P, inst.hb.alpha, inst.hb.beta, B, inst.sampler,
                       Eigen::VectorXd::Zero(inst.P.cols()));
  Engine rng = make_engine(11);
  for (auto _ : state) {
    m.step(rng);
    benchmark::DoNotOptimize(m.x().data());
  }
  state.SetLabel(resolved_order(GradientOrder::automatic, B, long(inst.P.rows())) ==
                         GradientOrder::multinomial
                     ? "multinomial"
                     : "drawn rows");
}
BENCHMARK(BM_MinibatchHbmStepHugeBatch)->Arg(10000)->Arg(1000000000000L)->UseRealTime();

// One full minibatch HBM step (alias draws, gather, momentum update): what simulate runs per
// iteration.
void BM_MinibatchHbmStep(benchmark::State& state) {
  const Instance& I = instance();
  const long B = state.range(0);
  MinibatchHeavyBall m(I.P, I.hb.alpha, I.hb.beta, B, I.sampler, Eigen::VectorXd::Zero(I.P.cols()));
  Engine rng = make_engine(11);
  for (auto _ : state) {
    m.step(rng);
    benchmark::DoNotOptimize(m.x().data());
  }
  set_gather_counters(state, B, I.P.cols());
}
BENCHMARK(BM_MinibatchHbmStep)
    ->Apply(batch_args)
    ->Arg(1563)
    ->Arg(3125)
    ->Arg(6250)
    ->Arg(12500)
    ->UseRealTime();

// One step of R minibatch HBM runs in lockstep (what simulate runs for large batches): draws, their
// sort into buckets of rows and, per bucket, into (run, row) entries, and one pass per bucket that
// uses each fetched row for every run that drew it. Arguments: B, R. Counters count all runs'
// draws, so rows/s and bw_fraction are EFFECTIVE rates (the bytes the runs would gather one by one,
// per second), comparable with BM_MinibatchHbmStep; the memory actually read is at most A once per
// step. More runs share more rows; fewer keep their iterates and gradients (2 d R doubles) in a
// closer cache.
void BM_EnsembleStep(benchmark::State& state) {
  const Instance& I = instance();
  const long B = state.range(0), R = state.range(1);
  MinibatchHeavyBallEnsemble e(I.P, I.hb.alpha, I.hb.beta, B, I.sampler,
                               Eigen::VectorXd::Zero(I.P.cols()), std::size_t(R));
  std::vector<Engine> rngs;
  for (long t = 0; t < R; ++t) rngs.push_back(make_engine(std::uint64_t(100 + t)));
  for (auto _ : state) {
    e.step(rngs);
    benchmark::DoNotOptimize(e.x(0).data());
  }
  set_gather_counters(state, B * R, I.P.cols());
}
BENCHMARK(BM_EnsembleStep)
    ->ArgsProduct({{20, 200, 1563, 1969, 19681}, {8, 16, 32, 100}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Full-batch heavy ball: one d x d mat-vec with the precomputed H = A^T A.
void BM_HeavyBallStep(benchmark::State& state) {
  const Instance& I = instance();
  HeavyBall m(I.P, I.hb.alpha, I.hb.beta, Eigen::VectorXd::Zero(I.P.cols()));
  Engine rng = make_engine(1);
  for (auto _ : state) {
    m.step(rng);
    benchmark::DoNotOptimize(m.x().data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HeavyBallStep);

// Factorization steps on an m x n rank-r matrix with d columns per factor
// (docs/theory/matrix-factorization.md).
struct FactorInstance {
  LowRankMatrix M;
  FactorInit init;
};

const FactorInstance& factor_instance(int size) {
  static std::map<int, FactorInstance> cache;
  auto it = cache.find(size);
  if (it != cache.end()) return it->second;
  Engine rng = make_engine(derive_seed(20240607, "bench", "factor", std::uint64_t(size), 0));
  FactorInstance f;
  f.M = low_rank_matrix(size, size, 5, 10.0, SingularSpacing::geometric, rng);
  f.init = small_gaussian_init(size, size, 10, 1e-3, rng);
  return cache.emplace(size, std::move(f)).first->second;
}

void BM_AgdStep(benchmark::State& state) {
  const FactorInstance& f = factor_instance(int(state.range(0)));
  AlternatingGD m(f.M.A, 0.1, f.init.X0, f.init.Y0);
  for (auto _ : state) {
    m.step();
    benchmark::DoNotOptimize(m.X().data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AgdStep)->Arg(24)->Arg(100)->Arg(400);

void BM_NagStep(benchmark::State& state) {
  const FactorInstance& f = factor_instance(int(state.range(0)));
  NesterovFactorization m(f.M.A, 0.1, 0.5, f.init.X0, f.init.Y0);
  for (auto _ : state) {
    m.step();
    benchmark::DoNotOptimize(m.X().data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NagStep)->Arg(24)->Arg(100)->Arg(400);

// ||Y_k ... Y_1|| by Lanczos on the matrix-free product, k = 50 minibatch Hessians of batch B.
void BM_ProductNorm(benchmark::State& state) {
  const Instance& I = instance();
  const long B = state.range(0);
  const std::size_t k = 50;
  Engine rng = make_engine(13);
  auto hs = std::make_shared<std::vector<SampledHessian>>();
  for (std::size_t j = 0; j < k; ++j) hs->push_back(sample_hessian(*I.sampler, B, rng));
  LinearOperator Z = minibatch_momentum_product(I.P, hs, I.hb.alpha, I.hb.beta);
  long applications = 0;
  for (auto _ : state) {
    NormResult r = lanczos_norm(Z);
    applications += r.operator_applications;
    benchmark::DoNotOptimize(r.norm);
  }
  state.counters["gram_products"] =
      benchmark::Counter(double(applications) / double(state.iterations()));
  state.counters["factor_applications/s"] =
      benchmark::Counter(double(applications) * 2.0 * double(k), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ProductNorm)->Arg(200)->Arg(2000)->Unit(benchmark::kMillisecond);

// The same norm for the exact power T^k (dense H, d x d mat-vecs).
void BM_PowerNorm(benchmark::State& state) {
  const Instance& I = instance();
  Eigen::MatrixXd H = I.P.A.transpose() * I.P.A;
  LinearOperator T = momentum_power(H, std::size_t(state.range(0)), I.hb.alpha, I.hb.beta);
  for (auto _ : state) benchmark::DoNotOptimize(lanczos_norm(T).norm);
}
BENCHMARK(BM_PowerNorm)->Arg(50)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  g_read_bandwidth = measure_read_bandwidth();
  benchmark::AddCustomContext("read_bandwidth_GBps", std::to_string(g_read_bandwidth / 1e9));
  for (auto& l : g_roofline) {
    l.rows_per_second = measure_roofline_level(l.bytes);
    benchmark::AddCustomContext(std::string("roofline_") + l.name + "_Mrows_per_s",
                                std::to_string(l.rows_per_second / 1e6));
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
