#include "thmcheck/methods/minibatch_ensemble.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <stdexcept>

#include "row_kernels.hpp"

namespace thmcheck {

namespace {

// Calls each(i) for every bit i set in the bitmap, in increasing order, and clears the bitmap: how
// a run's (or a bucket's) distinct rows come out in row order without a sort.
template <class Each>
void take_marked(std::vector<std::uint64_t>& bitmap, Each&& each) {
  for (std::size_t w = 0; w < bitmap.size(); ++w) {
    for (std::uint64_t bits = bitmap[w]; bits != 0; bits &= bits - 1)
      each(std::uint32_t(w * 64 + std::size_t(__builtin_ctzll(bits))));
    bitmap[w] = 0;
  }
}

}  // namespace

GradientOrder ensemble_order(long batch, long rows) {
  return resolved_order(GradientOrder::automatic, batch, rows) == GradientOrder::multinomial
             ? GradientOrder::multinomial
             : GradientOrder::row_order;
}

MinibatchHeavyBallEnsemble::MinibatchHeavyBallEnsemble(const LeastSquares& p, double alpha,
                                                       double beta, long batch,
                                                       std::shared_ptr<const RowSampler> sampler,
                                                       const Eigen::VectorXd& x0, std::size_t runs)
    : p_(p), sampler_(std::move(sampler)), alpha_(alpha), beta_(beta), batch_(batch) {
  if (batch_ < 1) throw std::invalid_argument("minibatch size must be at least 1");
  if (!sampler_) throw std::invalid_argument("minibatch heavy ball needs a row sampler");
  if (runs < 1) throw std::invalid_argument("an ensemble needs at least one run");
  multinomial_ = ensemble_order(batch_, long(p_.rows())) == GradientOrder::multinomial;
  // Individual draws are indexed in 32 bits; count vectors hold at most n entries per run.
  const double indexed =
      multinomial_ ? double(runs) * double(p_.rows()) : double(runs) * double(batch);
  if (p_.rows() >= Eigen::Index(UINT32_MAX) || runs >= std::size_t(UINT32_MAX) ||
      indexed >= double(UINT32_MAX))
    throw std::invalid_argument(multinomial_
                                    ? "ensemble: rows, runs and runs x rows must fit in 32 bits"
                                    : "ensemble: rows, runs and runs x batch must fit in 32 bits");
  X_ = x0.replicate(1, Eigen::Index(runs));
  X_prev_ = X_;
  G_.resize(x0.size(), Eigen::Index(runs));
  const double row_bytes = 8.0 * double(std::max<Eigen::Index>(1, x0.size()));
  while (bucket_shift_ < 20 && double(std::size_t(2) << bucket_shift_) * row_bytes <= 256.0 * 1024)
    ++bucket_shift_;
  // Up to 1 MB of rows (half of a current core's L2), the rows stay in cache from one run to the
  // next: the bucketing, which exists to keep a bucket's rows in cache across runs, only costs a
  // pass over all draws. Then one bucket holds every row, and runs go one after another.
  whole_rows_ = !multinomial_ && double(p_.rows()) * (row_bytes + 16) <= 1024.0 * 1024;
  if (whole_rows_)
    while ((std::size_t(1) << bucket_shift_) < std::size_t(p_.rows())) ++bucket_shift_;
  const std::size_t buckets = (std::size_t(p_.rows()) >> bucket_shift_) + 1;
  bucket_draws_.resize(buckets);
  const std::size_t bucket_rows = std::size_t(1) << bucket_shift_;
  row_count_.assign(bucket_rows, 0);
  run_rows_.assign((bucket_rows + 63) / 64, 0);
  any_rows_.assign((bucket_rows + 63) / 64, 0);
  if (!multinomial_) draws_.resize(std::size_t(batch_));
  count_start_.resize(runs + 1);
  count_cursor_.resize(runs);
}

void MinibatchHeavyBallEnsemble::draw_counts(std::span<Engine> rngs) {
  // Per run: its count vector, drawn as MinibatchHeavyBall::step draws it.
  count_rows_.clear();
  count_values_.clear();
  for (std::size_t t = 0; t < rngs.size(); ++t) {
    count_start_[t] = count_rows_.size();
    sampler_->multinomial.sample(rngs[t], batch_, run_rows_scratch_, run_counts_scratch_);
    for (std::size_t j = 0; j < run_rows_scratch_.size(); ++j) {
      count_rows_.push_back(std::uint32_t(run_rows_scratch_[j]));
      count_values_.push_back(run_counts_scratch_[j]);
    }
  }
  count_start_[rngs.size()] = count_rows_.size();
  std::copy(count_start_.begin(), count_start_.end() - 1, count_cursor_.begin());
}

void MinibatchHeavyBallEnsemble::bucket_count_entries(std::size_t k, BucketWork& out) {
  // Buckets are read in increasing order, so each run's cursor only moves forward: the entries come
  // out ordered by run, then row, as bucket_entries makes them.
  out.entries.clear();
  out.rows.clear();
  const std::uint32_t base = std::uint32_t(k << bucket_shift_);
  const std::uint64_t end = std::uint64_t(k + 1) << bucket_shift_;
  for (std::size_t t = 0; t + 1 < count_start_.size(); ++t) {
    std::size_t& c = count_cursor_[t];
    for (; c < count_start_[t + 1] && count_rows_[c] < end; ++c) {
      out.entries.push_back({count_rows_[c], std::uint32_t(t), count_values_[c]});
      const std::uint32_t r = count_rows_[c] - base;
      any_rows_[r >> 6] |= std::uint64_t(1) << (r & 63);
    }
  }
  take_marked(any_rows_, [&](std::uint32_t r) { out.rows.push_back(base + r); });
}

void MinibatchHeavyBallEnsemble::draw_into_buckets(std::span<Engine> rngs) {
  // Per run: its B draws, the same draws in the same order as MinibatchHeavyBall::step, appended to
  // their buckets: stable, in run order within a bucket. (A sort by row in one pass would scatter
  // to n places at once; a bucket's write position stays in cache.)
  for (auto& b : bucket_draws_) b.clear();
  for (std::size_t t = 0; t < rngs.size(); ++t) {
    sampler_->table.sample(rngs[t], draws_);
    for (const std::size_t row : draws_)
      bucket_draws_[row >> bucket_shift_].push_back({std::uint32_t(row), std::uint32_t(t)});
  }
}

void MinibatchHeavyBallEnsemble::bucket_entries(std::size_t k, BucketWork& out) {
  out.entries.clear();
  out.rows.clear();
  const std::vector<Draw>& drawn = bucket_draws_[k];
  const std::size_t hi = drawn.size();
  if (hi == 0) return;
  // The bucket's draws are in run order (appended run after run), each run's together. Per run:
  // count its draws of each row and mark the rows in a bitmap, then read the bitmap in increasing
  // order: the run's distinct rows, increasing, with their counts (its row-order sum), with no sort
  // and no branch on the draws' order. The entries come out ordered by run, then row.
  const std::uint32_t base = std::uint32_t(k << bucket_shift_);
  const std::size_t words = run_rows_.size();
  for (std::size_t e = 0; e < hi;) {
    const std::uint32_t run = drawn[e].run;
    for (; e < hi && drawn[e].run == run; ++e) {
      const std::uint32_t r = drawn[e].row - base;
      ++row_count_[r];
      run_rows_[r >> 6] |= std::uint64_t(1) << (r & 63);
    }
    for (std::size_t w = 0; w < words; ++w) any_rows_[w] |= run_rows_[w];
    take_marked(run_rows_, [&](std::uint32_t r) {
      out.entries.push_back({base + r, run, double(row_count_[r])});
      row_count_[r] = 0;
    });
  }
  // The rows any run drew, increasing: what the bucket before requests ahead.
  take_marked(any_rows_, [&](std::uint32_t r) { out.rows.push_back(base + r); });
}

void MinibatchHeavyBallEnsemble::run_whole_rows(Engine& rng, std::uint32_t run) {
  using detail::kRowBlock;
  // As bucket_entries for one run with one bucket of all rows: its draws counted per row and
  // marked in a bitmap, read back in increasing order (the run's row-order sum). The rows go
  // straight to the kernels, eight at a time, computed as accumulate_entries computes a block of
  // one run's entries (the same bits), without writing the entries down.
  sampler_->table.sample(rng, draws_);
  for (const std::size_t row : draws_) {
    ++row_count_[row];
    run_rows_[row >> 6] |= std::uint64_t(1) << (row & 63);
  }
  const Eigen::Index d = X_.rows();
  const double* A = p_.A.data();
  const double* b = p_.b.data();
  const double* inv_p = sampler_->inv_p.data();
  const double* x = X_.data() + Eigen::Index(run) * d;
  double* g = G_.data() + Eigen::Index(run) * d;
  // w = (r * (1/p)) * count, as minibatch_gradient_sum and accumulate_entries weigh a row.
  auto weight = [&](std::uint32_t i, double r) {
    const double w = r * inv_p[i] * double(row_count_[i]);
    row_count_[i] = 0;
    return w;
  };
  const double* a[kRowBlock];
  double r[kRowBlock];
  std::uint32_t rows[kRowBlock];
  int q = 0;
  take_marked(run_rows_, [&](std::uint32_t i) {
    rows[q] = i;
    a[q] = A + Eigen::Index(i) * d;
    r[q] = -b[i];
    if (++q < kRowBlock) return;
    detail::residuals8(a, x, d, r);
    for (int k = 0; k < kRowBlock; ++k) r[k] = weight(rows[k], r[k]);
    detail::axpy8(g, a, r, d);
    q = 0;
  });
  for (int k = 0; k < q; ++k) {
    double rk = r[k];
    for (Eigen::Index c = 0; c < d; ++c) rk += a[k][c] * x[c];
    detail::axpy(g, a[k], weight(rows[k], rk), d);
  }
}

void MinibatchHeavyBallEnsemble::accumulate_entries(const BucketWork& w, const BucketWork* next) {
  using detail::kRowBlock;
  const Eigen::Index d = X_.rows();
  const double* A = p_.A.data();
  const double* b = p_.b.data();
  const double* inv_p = sampler_->inv_p.data();
  const std::vector<Entry>& en = w.entries;
  const std::size_t E = en.size(), R = next ? next->rows.size() : 0;
  auto row = [&](const Entry& e) { return A + Eigen::Index(e.row) * d; };
  auto xcol = [&](const Entry& e) { return X_.data() + Eigen::Index(e.run) * d; };
  auto gcol = [&](const Entry& e) { return G_.data() + Eigen::Index(e.run) * d; };
  // As minibatch_gradient_sum: w = (r * (1/p)) * count with r summed over c = 0 .. d-1 from -b.
  auto weight = [&](const Entry& e, double r) { return r * inv_p[e.row] * e.count; };
  // The next bucket's b_i and 1/p_i: one contiguous stretch of each, a line per eight rows, all
  // requested now (a bucket's few dozen lines).
  if (R > 0) {
    for (std::uint32_t i = next->rows.front() & ~7u; i <= next->rows.back(); i += 8) {
      __builtin_prefetch(b + i, 0, 2);
      __builtin_prefetch(inv_p + i, 0, 2);
    }
  }
  // The next bucket's rows are requested in step with this bucket's entries, all of them by its
  // end, so they arrive in L2 while this bucket computes: those due in a block of eight entries (at
  // most eight, as a bucket has at least one entry per row) go to the residual kernel, which
  // spreads the requests.
  std::size_t requested = 0, upto = 0,
              owed = 0;  // upto = floor(R j / E) after j entries, without dividing
  auto advance = [&](std::size_t entries) {
    for (owed += R * entries; owed >= E && upto < R; owed -= E) ++upto;
  };
  // Eight entries' residuals at once (row_kernels.hpp). When the eight are one run's, the kernel
  // takes that run's iterate once and their axpys go into its gradient together, in row order;
  // otherwise each run's stretch of the block goes into its gradient together.
  std::size_t j = 0;
  for (; j + kRowBlock <= E; j += kRowBlock) {
    const double *a[kRowBlock], *xs[kRowBlock], *ahead[kRowBlock];
    double r[kRowBlock];
    advance(kRowBlock);
    const bool requesting =
        requested < upto;  // often not, at large batches: skip the kernel's checks
    for (int q = 0; q < kRowBlock; ++q) {
      const Entry& e = en[j + q];
      a[q] = row(e);
      xs[q] = xcol(e);
      r[q] = -b[e.row];
      ahead[q] = requested < upto ? A + Eigen::Index(next->rows[requested++]) * d : nullptr;
    }
    const bool one_run = en[j].run == en[j + kRowBlock - 1].run;
    if (one_run)
      detail::residuals8(a, xs[0], d, r, requesting ? ahead : nullptr);
    else
      detail::residuals8(a, xs, d, r, requesting ? ahead : nullptr);
    for (int q = 0; q < kRowBlock; ++q) r[q] = weight(en[j + q], r[q]);
    if (one_run) {
      detail::axpy8(gcol(en[j]), a, r, d);
    } else {
      for (int q = 0; q < kRowBlock;) {
        int k = 1;
        while (q + k < kRowBlock && en[j + q + k].run == en[j + q].run) ++k;
        detail::axpy_rows(gcol(en[j + q]), a + q, r + q, k, d);
        q += k;
      }
    }
  }
  for (; j < E; ++j) {
    const Entry& e = en[j];
    const double *a = row(e), *x = xcol(e);
    double r = -b[e.row];
    for (Eigen::Index c = 0; c < d; ++c) r += a[c] * x[c];
    detail::axpy(gcol(e), a, weight(e, r), d);
  }
  for (; requested < R; ++requested)
    detail::prefetch_row(A + Eigen::Index(next->rows[requested]) * d, d);
}

void MinibatchHeavyBallEnsemble::step(std::span<Engine> rngs) {
  if (rngs.size() != runs()) throw std::invalid_argument("ensemble step: one engine per run");
  G_.setZero();
  if (whole_rows_) {
    // Run after run over all rows, which stay in cache: no buckets, nothing to request ahead.
    for (std::size_t t = 0; t < rngs.size(); ++t) run_whole_rows(rngs[t], std::uint32_t(t));
  } else {
    auto entries = [this](std::size_t k, BucketWork& out) {
      if (multinomial_)
        bucket_count_entries(k, out);
      else
        bucket_entries(k, out);
    };
    if (multinomial_)
      draw_counts(rngs);
    else
      draw_into_buckets(rngs);
    // Bucket after bucket, in increasing row order, so each run's gradient is summed over its
    // distinct rows in increasing order with their counts (its row-order sum). Bucket k + 1 is
    // sorted before bucket k is computed, so its rows can be requested meanwhile.
    const std::size_t K = bucket_draws_.size();
    entries(0, work_[0]);
    for (std::size_t k = 0; k < K; ++k) {
      BucketWork* next = nullptr;
      if (k + 1 < K) {
        next = &work_[(k + 1) & 1];
        entries(k + 1, *next);
      }
      accumulate_entries(work_[k & 1], next);
    }
  }
  // x_{k+1} = x_k - alpha g_k + beta (x_k - x_{k-1}) per run, the expression of
  // MinibatchHeavyBall::step.
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

std::vector<Eigen::VectorXd> ensemble_relative_errors(
    const LeastSquares& P, double alpha, double beta, long batch,
    std::shared_ptr<const RowSampler> sampler, const Eigen::VectorXd& x0, int iterations,
    int trials, const std::function<std::uint64_t(int)>& seed_of, int threads,
    const std::function<void(std::size_t)>& on_steps) {
  if (trials < 1 || iterations < 0 || threads < 1)
    throw std::invalid_argument(
        "ensemble_relative_errors: needs trials >= 1, iterations >= 0, threads >= 1");
  std::vector<Eigen::VectorXd> curves(std::size_t(trials), Eigen::VectorXd(iterations + 1));
  // Sorting buffers of all live ensembles within max(32 MB, A / 8): per run and draw, 8 bytes of
  // bucketed draws in vectors whose spare capacity can hold as much again (one bucket's entries
  // are scratch). Fewer, larger ensembles read A fewer times per step; the budget keeps the peak
  // close to A.
  const double budget = std::max(32e6, 8.0 * double(P.rows()) * double(P.cols()) / 8);
  const double per_run = ensemble_order(batch, long(P.rows())) == GradientOrder::multinomial
                             ? 12.0 * double(P.rows())  // a count vector: a row index and a count
                             : 16.0 * double(batch);
  // An ensemble indexes its draws (or count entries) with 32 bits: at most 2^32 - 1 per step.
  const double indexed_per_run = ensemble_order(batch, long(P.rows())) == GradientOrder::multinomial
                                     ? double(P.rows())
                                     : double(batch);
  const double max_indexed = std::max(1.0, std::floor((double(UINT32_MAX) - 1) / indexed_per_run));
  const int max_runs = int(
      std::clamp(std::min(budget / double(threads) / per_run, max_indexed), 1.0, double(trials)));
  const int groups = std::max(std::min(threads, trials), (trials + max_runs - 1) / max_runs);
  const double e0 = (x0 - P.x_star).norm();
  std::exception_ptr error;
  std::mutex error_mutex;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (int grp = 0; grp < groups; ++grp) {
    try {
      const int first = int(std::int64_t(trials) * grp / groups),
                last = int(std::int64_t(trials) * (grp + 1) / groups);
      std::vector<Engine> rngs;
      for (int t = first; t < last; ++t) rngs.push_back(make_engine(seed_of(t)));
      MinibatchHeavyBallEnsemble ens(P, alpha, beta, batch, sampler, x0, std::size_t(last - first));
      // As relative_errors (methods/method.hpp), so a lone run's curve is reproduced bit for bit.
      for (int t = first; t < last; ++t) curves[std::size_t(t)](0) = (x0 - P.x_star).norm() / e0;
      for (int k = 1; k <= iterations; ++k) {
        ens.step(rngs);
        for (int t = first; t < last; ++t)
          curves[std::size_t(t)](k) = (ens.x(std::size_t(t - first)) - P.x_star).norm() / e0;
        if (on_steps) on_steps(std::size_t(last - first));
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
