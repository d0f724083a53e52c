// Many independent minibatch HBM runs on one instance, advanced in lockstep so that one pass over
// the drawn rows serves them all: a row fetched from memory once is used by every run that drew it,
// which turns the memory-bound gather of large batches into work on cached rows
// (docs/performance.md).
//
// Each run draws its B rows from its own engine exactly as MinibatchHeavyBall does, and its
// gradient is summed over its distinct rows in increasing index order with their counts, exactly as
// MinibatchHeavyBall with GradientOrder::row_order, or, for B >= kMultinomialFactor n, with
// GradientOrder::multinomial (the counts drawn directly; see ensemble_order): every run's
// trajectory is bit-identical to that single run on the same engine, whichever runs share its
// ensemble. So trials can be grouped freely (by thread, say) without changing any result.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "thmcheck/methods/minibatch_heavy_ball.hpp"
#include "thmcheck/methods/sampling.hpp"

namespace thmcheck {

// The order of the lone MinibatchHeavyBall run that an ensemble's runs reproduce: multinomial where
// GradientOrder::automatic picks it, row_order otherwise.
GradientOrder ensemble_order(long batch, long rows);

class MinibatchHeavyBallEnsemble {
 public:
  // runs copies of x0; the sampler is read-only and may be shared.
  MinibatchHeavyBallEnsemble(const LeastSquares& problem, double alpha, double beta, long batch,
                             std::shared_ptr<const RowSampler> sampler, const Eigen::VectorXd& x0,
                             std::size_t runs);
  // One step of every run; rngs[t] is run t's engine (rngs.size() == runs(), else
  // std::invalid_argument).
  void step(std::span<Engine> rngs);
  std::size_t runs() const { return std::size_t(X_.cols()); }
  // Run t's iterate (a column of d x runs storage).
  auto x(std::size_t t) const { return X_.col(Eigen::Index(t)); }

 private:
  struct Entry {
    std::uint32_t row, run;
    double count;  // up to B: a multinomial batch may exceed 2^32 draws
  };
  // One bucket's work: its (row, run, count) entries ordered by run, then row, and its distinct
  // rows.
  struct BucketWork {
    std::vector<Entry> entries;
    std::vector<std::uint32_t> rows;
  };
  void draw_into_buckets(std::span<Engine> rngs);  // this step's draws, grouped by bucket of rows
  void draw_counts(std::span<Engine> rngs);        // the same as count vectors (multinomial)
  void bucket_entries(std::size_t k, BucketWork& out);
  void bucket_count_entries(std::size_t k, BucketWork& out);  // the same from count vectors
  // Small instances (whole_rows_): one run's step over all n rows, its draws straight to the
  // kernels, into its gradient.
  void run_whole_rows(Engine& rng, std::uint32_t run);
  // w's terms into the runs' gradients G_, requesting next's rows (if any) meanwhile.
  void accumulate_entries(const BucketWork& w, const BucketWork* next);

  const LeastSquares& p_;
  std::shared_ptr<const RowSampler> sampler_;
  Eigen::MatrixXd X_, X_prev_, G_;  // d x runs
  double alpha_, beta_;
  long batch_;
  bool multinomial_;  // ensemble_order(batch, n) == GradientOrder::multinomial
  // A (with b and 1/p) fits in kWholeRowsBytes: no buckets, one run after another over all rows,
  // since every row stays in cache across the runs anyway (drawn batches only).
  bool whole_rows_ = false;
  // Multinomial batches: per run its distinct rows, increasing, with their counts, run after run
  // (run t's from count_start_[t]), and a cursor per run into them while buckets are read in order.
  std::vector<std::size_t> run_rows_scratch_;
  std::vector<double> run_counts_scratch_;
  std::vector<std::uint32_t> count_rows_;
  std::vector<double> count_values_;
  std::vector<std::size_t> count_start_, count_cursor_;
  // The draws are sorted in passes that stay in cache: into buckets of 2^bucket_shift_ consecutive
  // rows (as many rows of A as fit in about 256 KB, half the L2 cache of a current core), then,
  // within a bucket, each run's draws by row.
  int bucket_shift_ = 0;
  struct Draw {
    std::uint32_t row, run;
  };
  // This step's draws per bucket, in run order within a bucket (appended run after run, so the
  // grouping is stable without a histogram pass; each vector keeps its capacity across steps).
  std::vector<std::vector<Draw>> bucket_draws_;
  // Per row of a bucket: one run's draws of it so far; and bitmaps of the rows one run drew and of
  // the rows any run drew (scratch, left zero).
  std::vector<std::uint32_t> row_count_;
  std::vector<std::uint64_t> run_rows_, any_rows_;
  BucketWork work_[2];  // this bucket's and the next's
  std::vector<std::size_t> draws_;
};

// The error curves ||x_k - x*|| / ||x_0 - x*||, k = 0 .. iterations, of `trials` minibatch HBM runs
// from x0, run t on make_engine(seed_of(t)): the trials are split into contiguous lockstep
// ensembles run on `threads` OpenMP threads, at least one per thread and as few as keep the
// ensembles' sorting buffers (up to 16 bytes per run and draw) within max(32 MB, 1/8 of A) over the
// live ensembles, so memory stays close to A's. Each curve is that of a lone row-order
// MinibatchHeavyBall run on the same engine, so the result depends neither on `threads` nor on the
// grouping. The first exception thrown in any ensemble is rethrown. If given, on_steps(m) is called
// after each ensemble step with m, the runs it advanced by one iteration (from any thread: it must
// be thread-safe), so a caller can show progress in run-steps out of trials x iterations.
std::vector<Eigen::VectorXd> ensemble_relative_errors(
    const LeastSquares& problem, double alpha, double beta, long batch,
    std::shared_ptr<const RowSampler> sampler, const Eigen::VectorXd& x0, int iterations,
    int trials, const std::function<std::uint64_t(int)>& seed_of, int threads,
    const std::function<void(std::size_t)>& on_steps = {});

}  // namespace thmcheck
