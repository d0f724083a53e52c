#include "thmcheck/methods/minibatch_ensemble.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <stdexcept>

#include "row_kernels.hpp"

namespace thmcheck {

namespace {
// Distinct rows requested ahead of the entry in use (as minibatch_gradient.cpp counts rows, not entries:
// at large batches one row serves many entries).
constexpr std::size_t kAheadRows = 8;
}  // namespace

MinibatchHeavyBallEnsemble::MinibatchHeavyBallEnsemble(const LeastSquares& p, double alpha, double beta,
                                                       long batch, std::shared_ptr<const RowSampler> sampler,
                                                       const Eigen::VectorXd& x0, std::size_t runs)
    : p_(p), sampler_(std::move(sampler)), alpha_(alpha), beta_(beta), batch_(batch) {
  if (batch_ < 1) throw std::invalid_argument("minibatch size must be at least 1");
  if (!sampler_) throw std::invalid_argument("minibatch heavy ball needs a row sampler");
  if (runs < 1) throw std::invalid_argument("an ensemble needs at least one run");
  if (p_.rows() >= Eigen::Index(UINT32_MAX) || runs >= std::size_t(UINT32_MAX) ||
      double(runs) * double(batch) >= double(UINT32_MAX))
    throw std::invalid_argument("ensemble: rows, runs and runs x batch must fit in 32 bits");
  X_ = x0.replicate(1, Eigen::Index(runs));
  X_prev_ = X_;
  G_.resize(x0.size(), Eigen::Index(runs));
  const std::size_t buckets = (std::size_t(p_.rows()) >> kBucketShift) + 1;
  bucket_start_.resize(buckets + 1);
  bucket_cursor_.resize(buckets);
  local_start_.resize((std::size_t(1) << kBucketShift) + 1);
  draws_.resize(std::size_t(batch_));
}

void MinibatchHeavyBallEnsemble::gather_entries(std::span<Engine> rngs) {
  // Per run: its B draws, the same draws in the same order as MinibatchHeavyBall::step.
  const std::size_t B = std::size_t(batch_), T = rngs.size();
  drawn_.resize(T * B);
  std::fill(bucket_start_.begin(), bucket_start_.end(), 0u);
  for (std::size_t t = 0; t < T; ++t) {
    sampler_->table.sample(rngs[t], draws_);
    std::uint32_t* out = drawn_.data() + t * B;
    for (std::size_t j = 0; j < B; ++j) {
      out[j] = std::uint32_t(draws_[j]);
      ++bucket_start_[(out[j] >> kBucketShift) + 1];
    }
  }
  for (std::size_t k = 1; k < bucket_start_.size(); ++k) bucket_start_[k] += bucket_start_[k - 1];
  // Pass 1, stable: into buckets of 2^kBucketShift consecutive rows. A sort by row in one pass would
  // scatter to n places at once; a bucket's write position stays in cache.
  bucketed_.resize(T * B);
  std::copy(bucket_start_.begin(), bucket_start_.end() - 1, bucket_cursor_.begin());
  for (std::size_t t = 0; t < T; ++t) {
    const std::uint32_t* in = drawn_.data() + t * B;
    for (std::size_t j = 0; j < B; ++j) bucketed_[bucket_cursor_[in[j] >> kBucketShift]++] = {in[j], std::uint32_t(t)};
  }
  // Pass 2, stable, per bucket: by row (a counting sort over the bucket's rows, all in L1). Within a row
  // the draws stay in run order, so one run's repeated draws of a row are adjacent and merge into one
  // entry with their count: the entries come out ordered by row, then run, and each run's entries are
  // its distinct rows in increasing order with their counts (its row-order sum).
  by_row_.clear();
  row_first_.clear();
  for (std::size_t k = 0; k + 1 < bucket_start_.size(); ++k) {
    const std::uint32_t lo = bucket_start_[k], hi = bucket_start_[k + 1];
    if (lo == hi) continue;
    const std::uint32_t base = std::uint32_t(k << kBucketShift);
    std::fill(local_start_.begin(), local_start_.end(), 0u);
    for (std::uint32_t e = lo; e < hi; ++e) ++local_start_[bucketed_[e].row - base + 1];
    for (std::size_t r = 1; r < local_start_.size(); ++r) local_start_[r] += local_start_[r - 1];
    local_.resize(hi - lo);
    for (std::uint32_t e = lo; e < hi; ++e) local_[local_start_[bucketed_[e].row - base]++] = bucketed_[e];
    for (const Draw& dr : local_) {
      if (!by_row_.empty() && by_row_.back().row == dr.row) {
        if (by_row_.back().run == dr.run) {
          ++by_row_.back().count;
          continue;
        }
      } else {
        row_first_.push_back(std::uint32_t(by_row_.size()));
      }
      by_row_.push_back({dr.row, dr.run, 1});
    }
  }
}

void MinibatchHeavyBallEnsemble::step(std::span<Engine> rngs) {
  using detail::kRowBlock;
  if (rngs.size() != runs()) throw std::invalid_argument("ensemble step: one engine per run");
  gather_entries(rngs);
  const Eigen::Index d = X_.rows();
  const double* A = p_.A.data();
  const double* b = p_.b.data();
  const double* inv_p = sampler_->inv_p.data();
  G_.setZero();
  const std::size_t E = by_row_.size(), R = row_first_.size();
  auto row = [&](const Entry& e) { return A + Eigen::Index(e.row) * d; };
  auto xcol = [&](const Entry& e) { return X_.data() + Eigen::Index(e.run) * d; };
  auto gcol = [&](const Entry& e) { return G_.data() + Eigen::Index(e.run) * d; };
  // As minibatch_gradient_sum: w = (r * (1/p)) * count with r summed over c = 0 .. d-1 from -b.
  auto weight = [&](const Entry& e, double r) { return r * inv_p[e.row] * double(e.count); };
  // Rows are prefetched kAheadRows distinct rows ahead of the last entry of the block in use.
  std::size_t u = 0, next = 0;
  auto prefetch_through = [&](std::size_t j) {
    while (u + 1 < R && row_first_[u + 1] <= j) ++u;
    for (; next < std::min(R, u + 1 + kAheadRows); ++next) detail::prefetch_row(row(by_row_[row_first_[next]]), d);
  };
  // Eight entries' residuals at once (row_kernels.hpp), then their axpys one by one in entry order: the
  // eight runs are distinct within a row, but a run may appear twice across rows, and its sum must stay
  // in row order.
  std::size_t j = 0;
  for (; j + kRowBlock <= E; j += kRowBlock) {
    prefetch_through(j + kRowBlock - 1);
    const double *a[kRowBlock], *xs[kRowBlock];
    double r[kRowBlock];
    for (int q = 0; q < kRowBlock; ++q) {
      const Entry& e = by_row_[j + q];
      a[q] = row(e);
      xs[q] = xcol(e);
      r[q] = -b[e.row];
    }
    detail::residuals8(a, xs, d, r);
    for (int q = 0; q < kRowBlock; ++q) detail::axpy(gcol(by_row_[j + q]), a[q], weight(by_row_[j + q], r[q]), d);
  }
  for (; j < E; ++j) {
    const Entry& e = by_row_[j];
    const double *a = row(e), *x = xcol(e);
    double r = -b[e.row];
    for (Eigen::Index c = 0; c < d; ++c) r += a[c] * x[c];
    detail::axpy(gcol(e), a, weight(e, r), d);
  }
  // x_{k+1} = x_k - alpha g_k + beta (x_k - x_{k-1}) per run, the expression of MinibatchHeavyBall::step.
  const double step = alpha_ / double(batch_);
  Eigen::VectorXd xt, xp, g;
  for (Eigen::Index t = 0; t < X_.cols(); ++t) {
    xt = X_.col(t);
    xp = X_prev_.col(t);
    g = G_.col(t);
    X_prev_.col(t) = X_.col(t);
    X_.col(t) = xt - step * g + beta_ * (xt - xp);
  }
}

std::vector<Eigen::VectorXd> ensemble_relative_errors(const LeastSquares& P, double alpha, double beta, long batch,
                                                      std::shared_ptr<const RowSampler> sampler,
                                                      const Eigen::VectorXd& x0, int iterations, int trials,
                                                      const std::function<std::uint64_t(int)>& seed_of,
                                                      int threads) {
  if (trials < 1 || iterations < 0 || threads < 1)
    throw std::invalid_argument("ensemble_relative_errors: needs trials >= 1, iterations >= 0, threads >= 1");
  std::vector<Eigen::VectorXd> curves(std::size_t(trials), Eigen::VectorXd(iterations + 1));
  // Sorting buffers of all live ensembles within max(16 MB, A / 8): per run and draw, 4 bytes of draws,
  // 8 of bucketed draws and at most 12 of (row, run, count) entries.
  const double budget = std::max(16e6, 8.0 * double(P.rows()) * double(P.cols()) / 8);
  const double per_run = 24.0 * double(batch);
  const int max_runs = int(std::clamp(budget / double(threads) / per_run, 1.0, double(trials)));
  const int groups = std::max(std::min(threads, trials), (trials + max_runs - 1) / max_runs);
  const double e0 = (x0 - P.x_star).norm();
  std::exception_ptr error;
  std::mutex error_mutex;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (int grp = 0; grp < groups; ++grp) {
    try {
      const int first = int(std::int64_t(trials) * grp / groups), last = int(std::int64_t(trials) * (grp + 1) / groups);
      std::vector<Engine> rngs;
      for (int t = first; t < last; ++t) rngs.push_back(make_engine(seed_of(t)));
      MinibatchHeavyBallEnsemble ens(P, alpha, beta, batch, sampler, x0, std::size_t(last - first));
      // As relative_errors (methods/method.hpp), so a lone run's curve is reproduced bit for bit.
      for (int t = first; t < last; ++t) curves[std::size_t(t)](0) = (x0 - P.x_star).norm() / e0;
      for (int k = 1; k <= iterations; ++k) {
        ens.step(rngs);
        for (int t = first; t < last; ++t)
          curves[std::size_t(t)](k) = (ens.x(std::size_t(t - first)) - P.x_star).norm() / e0;
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
  return curves;
}

}  // namespace thmcheck
