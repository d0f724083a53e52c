// One application of the second-moment operator L_B of minibatch heavy ball
// (spectral/second_moment_operator.hpp) at n = 10^5, d = 100, against two dense n x d x d products
// (A M and A^T (diag(w) A)) timed in the same run: the operator's cost is those two products plus
// a few d x d x d ones, so the target is a ratio of at most 3 (counter "ratio_to_two_products").
//
//   ./bench_second_moment
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/problems/large_least_squares.hpp"
#include "thmcheck/problems/spectrum.hpp"
#include "thmcheck/spectral/heavy_ball_parameters.hpp"
#include "thmcheck/spectral/second_moment_operator.hpp"

namespace {

using namespace thmcheck;

constexpr int kDim = 100;
constexpr Eigen::Index kRows = 100000;

struct Instance {
  LeastSquares P;
  HeavyBallParameters hb;
  Eigen::MatrixXd A;  // column-major, as the operator holds it
  Eigen::MatrixXd S;  // a symmetric positive semidefinite (2d) x (2d) state
};

const Instance& instance() {
  static const Instance inst = [] {
    Engine rng = make_engine(derive_seed(20240607, "bench", "second-moment", 0, 0));
    Instance i;
    i.P = large_least_squares_with_spectrum(spectrum(SpectrumRecipe::fast_exponential, kDim, 100),
                                            kRows, rng);
    i.hb = heavy_ball_parameters(i.P.eigenvalues, 1000);
    i.A = i.P.A;
    const Eigen::MatrixXd X = Eigen::MatrixXd::Random(2 * kDim, 2 * kDim);
    i.S = X * X.transpose();
    return i;
  }();
  return inst;
}

// The two n x d x d products of the noise term, as the operator forms them.
void two_products(const Instance& in, Eigen::MatrixXd& AM, Eigen::MatrixXd& K) {
  const auto M = in.S.topLeftCorner(kDim, kDim);
  AM.noalias() = in.A * M;
  const Eigen::VectorXd w = AM.cwiseProduct(in.A).rowwise().sum();
  K.noalias() = in.A.transpose() * (w.asDiagonal() * in.A);
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void BM_TwoDenseProducts(benchmark::State& state) {
  const auto& in = instance();
  Eigen::MatrixXd AM, K;
  for (auto _ : state) {
    two_products(in, AM, K);
    benchmark::DoNotOptimize(K.data());
  }
}
BENCHMARK(BM_TwoDenseProducts)->Unit(benchmark::kMillisecond)->UseRealTime();

// One application of L_B at B = ceil(B*); the counter is its time over the best of five timings
// of the two products, taken right before (same run, same machine state).
void BM_SecondMomentApply(benchmark::State& state) {
  const auto& in = instance();
  SecondMomentOperator L(in.P.A, Sampling::row_norm, in.hb.alpha, in.hb.beta,
                         std::ceil(critical_batch_real(in.hb)));
  Eigen::MatrixXd AM, K, out;
  double products = 1e300;
  for (int r = 0; r < 5; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    two_products(in, AM, K);
    benchmark::DoNotOptimize(K.data());
    products = std::min(products, seconds_since(t0));
  }
  double total = 0;
  long count = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    L.apply(in.S, out);
    benchmark::DoNotOptimize(out.data());
    total += seconds_since(t0);
    ++count;
  }
  state.counters["two_products_ms"] = products * 1e3;
  state.counters["ratio_to_two_products"] = total / double(std::max(1L, count)) / products;
}
BENCHMARK(BM_SecondMomentApply)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
