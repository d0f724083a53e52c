// The minibatch gradient kernel (methods/minibatch_gradient.hpp): in draw order it is bit-identical
// to the plain one-row-at-a-time loop (the interleaving reorders no sum), and the row-order form
// (distinct rows with counts) is the same sum up to round-off; minibatch HBM gives the same
// trajectory either way, from the same random stream.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/methods/minibatch_ensemble.hpp"
#include "thmcheck/methods/minibatch_gradient.hpp"
#include "thmcheck/methods/minibatch_heavy_ball.hpp"
#include "thmcheck/methods/minibatch_lockstep.hpp"
#include "thmcheck/problems/least_squares.hpp"
#include "thmcheck/problems/spectrum.hpp"

using namespace thmcheck;

namespace {

// d = 7 (odd) so no loop length is a multiple of the interleave; d = 12 fills the kernels' 4-column
// vector steps exactly, and d = 13 leaves one column after them.
LeastSquares odd_problem(Eigen::Index n, int d = 7) {
  Engine rng = make_engine(41);
  return least_squares_with_spectrum(spectrum(SpectrumRecipe::slow_algebraic, d, 30), n, rng, 0.1);
}

// The kernel as first written: one row at a time, dot then axpy.
Eigen::VectorXd reference_sum(const LeastSquares& p, const RowSampler& s,
                              const std::vector<std::size_t>& rows, const Eigen::VectorXd& x) {
  Eigen::VectorXd g = Eigen::VectorXd::Zero(p.cols());
  for (std::size_t i : rows) {
    double r = -p.b(Eigen::Index(i));
    for (Eigen::Index c = 0; c < p.cols(); ++c) r += p.A(Eigen::Index(i), c) * x(c);
    const double w = r * s.inv_p[i];
    for (Eigen::Index c = 0; c < p.cols(); ++c) g(c) += w * p.A(Eigen::Index(i), c);
  }
  return g;
}

}  // namespace

TEST_CASE("minibatch HBM in lockstep: every run is bit-identical to the same run alone",
          "[quick][methods]") {
  // n = 3000 at d = 13 puts A (312 KB) beyond L1, as the lockstep is for; B from 1 (less than
  // one block of the kernel) to 6n (the multinomial order, through drawn_rows()).
  const auto p = odd_problem(3000, 13);
  auto sampler = std::make_shared<const RowSampler>(p.A, Sampling::row_norm);
  const Eigen::VectorXd x0 = Eigen::VectorXd::LinSpaced(13, -1, 1);
  const int K = 12;
  for (long B : {1L, 5L, 27L, 400L, 18000L}) {
    for (std::size_t R : {1, 2, 3, 5}) {
      INFO("B = " << B << ", runs = " << R);
      std::vector<MinibatchHeavyBall> runs;
      std::vector<Engine> rngs;
      std::vector<Eigen::VectorXd> alone;
      for (std::size_t t = 0; t < R; ++t) {
        runs.emplace_back(p, 0.002, 0.5, B, sampler, x0);
        rngs.push_back(make_engine(100 + t));
        MinibatchHeavyBall m(p, 0.002, 0.5, B, sampler, x0);
        Engine rng = make_engine(100 + t);
        alone.push_back(relative_errors(m, K, rng, p.x_star));
      }
      std::size_t calls = 0;
      const auto together =
          lockstep_relative_errors(runs, rngs, K, p.x_star, [&](std::size_t r) { calls += r; });
      CHECK(calls == R * std::size_t(K));
      for (std::size_t t = 0; t < R; ++t) {
        CHECK(together[t] == alone[t]);
        Engine rng = make_engine(100 + t);
        MinibatchHeavyBall m(p, 0.002, 0.5, B, sampler, x0);
        for (int k = 0; k < K; ++k) m.step(rng);
        CHECK(rngs[t]() == rng());  // the same draws from each run's engine, no more
      }
      // Not trivially equal: the runs differ from each other.
      if (R > 1) CHECK(together[0](K) != together[1](K));
    }
  }
  std::vector<MinibatchHeavyBall> one;
  one.emplace_back(p, 0.002, 0.5, 3, sampler, x0);
  std::vector<Engine> none;
  CHECK_THROWS_AS(lockstep_relative_errors(one, none, 3, p.x_star), std::invalid_argument);
}

TEST_CASE(
    "minibatch gradient: draw order is bit-identical to the one-row loop; row order equal to "
    "round-off",
    "[quick][methods]") {
  const int dim = GENERATE(7, 12, 13);
  INFO("d = " << dim);
  const auto p = odd_problem(60, dim);
  const RowSampler s(p.A, Sampling::row_norm);
  Engine rng = make_engine(5);
  const Eigen::VectorXd x = Eigen::VectorXd::LinSpaced(dim, -2, 3);
  std::vector<std::uint32_t> tally(60, 0);
  for (std::size_t B : {1, 3, 4, 5, 8, 11, 16, 50, 333}) {
    INFO("B = " << B);
    std::vector<std::size_t> draws(B);
    for (auto& i : draws) i = s.table.sample(rng);
    Eigen::VectorXd g;
    minibatch_gradient_sum(p, s.inv_p, draws, {}, x, g);
    const Eigen::VectorXd ref = reference_sum(p, s, draws, x);
    CHECK(g == ref);  // exact: the same sums in the same order
    // Rows requested ahead (another batch's) change no bit.
    Eigen::VectorXd g_ahead;
    minibatch_gradient_sum(p, s.inv_p, draws, {}, x, g_ahead, std::span(draws).first(B / 2 + 1));
    CHECK(g_ahead == ref);

    std::vector<std::size_t> rows;
    std::vector<double> counts;
    sorted_draws(draws, tally, rows, counts);
    double total = 0;
    for (std::size_t k = 0; k < rows.size(); ++k) {
      if (k > 0) CHECK(rows[k - 1] < rows[k]);
      CHECK(counts[k] >= 1);
      total += counts[k];
    }
    CHECK(total == double(B));
    CHECK(std::all_of(tally.begin(), tally.end(), [](auto c) { return c == 0; }));
    Eigen::VectorXd h;
    minibatch_gradient_sum(p, s.inv_p, rows, counts, x, h);
    // Round-off scale: the sum of the terms' magnitudes.
    double scale = 0;
    for (std::size_t i : draws) {
      const Eigen::VectorXd a = p.A.row(Eigen::Index(i)).transpose();
      scale += std::abs(s.inv_p[i] * (a.dot(x) - p.b(Eigen::Index(i)))) * a.norm();
    }
    CHECK((h - ref).norm() <= 1e-13 * scale);
    // Not trivially equal: a wrong count would be far off (sanity of the tolerance).
    if (rows.size() < B) {
      std::vector<double> wrong(counts.size(), 1.0);
      Eigen::VectorXd w;
      minibatch_gradient_sum(p, s.inv_p, rows, wrong, x, w);
      CHECK((w - ref).norm() > 1e-6 * scale);
    }
  }
}

TEST_CASE("minibatch HBM: draw order and row order follow the same trajectory from the same draws",
          "[quick][methods]") {
  const auto p = odd_problem(40);
  auto sampler = std::make_shared<const RowSampler>(p.A, Sampling::row_norm);
  const Eigen::VectorXd x0 = Eigen::VectorXd::Zero(7);
  for (long B : {3L, 17L, 200L}) {
    INFO("B = " << B);
    MinibatchHeavyBall draw(p, 0.01, 0.4, B, sampler, x0, GradientOrder::draw_order);
    MinibatchHeavyBall row(p, 0.01, 0.4, B, sampler, x0, GradientOrder::row_order);
    MinibatchHeavyBall automatic(p, 0.01, 0.4, B, sampler, x0);
    Engine r1 = make_engine(9), r2 = make_engine(9), r3 = make_engine(9);
    for (int k = 0; k < 30; ++k) {
      draw.step(r1);
      row.step(r2);
      automatic.step(r3);
    }
    CHECK((row.x() - draw.x()).norm() <= 1e-12 * draw.x().norm());
    CHECK(r1() == r2());  // the same number of draws from the stream
    // automatic is one of the two, bit for bit, chosen by (B, n) alone.
    const bool large = B * MinibatchHeavyBall::kRowOrderDivisor >= long(p.rows());
    REQUIRE(resolved_order(GradientOrder::automatic, B, long(p.rows())) !=
            GradientOrder::multinomial);
    CHECK(automatic.x() == (large ? row.x() : draw.x()));
  }
}

TEST_CASE(
    "minibatch HBM ensemble: every run is bit-identical to a lone row-order run, however runs are "
    "grouped",
    "[quick][methods]") {
  // n = 40 and n = 3000 fit in the ensemble's 1 MB of whole rows (runs one after another, no
  // buckets); n = 12000 at d = 13 does not: six buckets of 2048 rows. d = 13 leaves a column after
  // the kernels' vector steps.
  const auto [n, dim] =
      GENERATE(std::pair<Eigen::Index, int>{40, 7}, std::pair<Eigen::Index, int>{3000, 13},
               std::pair<Eigen::Index, int>{12000, 13});
  INFO("n = " << n << ", d = " << dim);
  const auto p = odd_problem(n, dim);
  auto sampler = std::make_shared<const RowSampler>(p.A, Sampling::row_norm);
  const Eigen::VectorXd x0 = Eigen::VectorXd::LinSpaced(dim, 1, -1);
  const std::size_t runs = 6;
  // 4000 and 40000 are multinomial batches at n = 40 (above kMultinomialFactor n), 40000 at n =
  // 3000 too; the others draw their rows.
  for (long B : {1L, 5L, 30L, 90L, 4000L, 40000L}) {
    INFO("B = " << B);
    const GradientOrder order = ensemble_order(B, long(n));
    std::vector<Eigen::VectorXd> lone;
    for (std::size_t t = 0; t < runs; ++t) {
      MinibatchHeavyBall m(p, 0.01, 0.4, B, sampler, x0, order);
      Engine rng = make_engine(100 + t);
      for (int k = 0; k < 25; ++k) m.step(rng);
      lone.push_back(m.x());
    }
    // One ensemble of all six, and groups of 1, 2 and 3 runs.
    for (std::size_t group : {std::size_t(6), std::size_t(1), std::size_t(2), std::size_t(3)}) {
      INFO("group = " << group);
      for (std::size_t first = 0; first < runs; first += group) {
        std::vector<Engine> rngs;
        for (std::size_t t = first; t < first + group; ++t) rngs.push_back(make_engine(100 + t));
        MinibatchHeavyBallEnsemble ens(p, 0.01, 0.4, B, sampler, x0, group);
        for (int k = 0; k < 25; ++k) ens.step(rngs);
        for (std::size_t t = first; t < first + group; ++t)
          CHECK(Eigen::VectorXd(ens.x(t - first)) == lone[t]);
      }
    }
  }
  std::vector<Engine> two(2);
  MinibatchHeavyBallEnsemble three(p, 0.01, 0.4, 4, sampler, x0, 3);
  CHECK_THROWS_AS(three.step(two), std::invalid_argument);
  CHECK_THROWS_AS(MinibatchHeavyBallEnsemble(p, 0.01, 0.4, 0, sampler, x0, 3),
                  std::invalid_argument);
}

TEST_CASE(
    "ensemble_relative_errors: the curves of lone row-order runs at any thread count and grouping",
    "[quick][methods]") {
  const auto p = odd_problem(120000);
  auto sampler = std::make_shared<const RowSampler>(p.A, Sampling::row_norm);
  const Eigen::VectorXd x0 = Eigen::VectorXd::Zero(7);
  auto seed_of = [](int t) { return std::uint64_t(500 + t); };
  // B = 5 n = 600000 makes each run's sorting buffers 7.2 MB (12 bytes a draw), so the 32 MB budget
  // splits 6 trials into 2 groups even on one thread; B = 30 keeps them in one group per thread.
  // B = 2e6 is a multinomial batch (above kMultinomialFactor n).
  for (long B : {30L, 600000L, 2000000L}) {
    INFO("B = " << B);
    const int trials = 6, iters = 3;
    std::vector<Eigen::VectorXd> lone;
    for (int t = 0; t < trials; ++t) {
      MinibatchHeavyBall m(p, 0.01, 0.4, B, sampler, x0, ensemble_order(B, long(p.rows())));
      Engine rng = make_engine(seed_of(t));
      lone.push_back(relative_errors(m, iters, rng, p.x_star));
    }
    for (int threads : {1, 2, 4}) {
      std::atomic<std::size_t> run_steps{0};
      auto curves = ensemble_relative_errors(p, 0.01, 0.4, B, sampler, x0, iters, trials, seed_of,
                                             threads, [&](std::size_t m) { run_steps += m; });
      REQUIRE(curves.size() == std::size_t(trials));
      for (int t = 0; t < trials; ++t) CHECK(curves[std::size_t(t)] == lone[std::size_t(t)]);
      CHECK(run_steps ==
            std::size_t(trials * iters));  // progress counts every run's every step once
    }
  }
}
