#include "thmcheck/methods/minibatch_ensemble.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <stdexcept>

namespace thmcheck {

namespace {
constexpr std::size_t kAhead = 8;  // entries ahead whose row is prefetched (as minibatch_gradient.cpp)

inline void prefetch_row(const double* row, Eigen::Index d) {
  const char* p = reinterpret_cast<const char*>(row);
  for (Eigen::Index c = 0; c < d * Eigen::Index(sizeof(double)); c += 64) __builtin_prefetch(p + c);
}
}  // namespace

MinibatchHeavyBallEnsemble::MinibatchHeavyBallEnsemble(const LeastSquares& p, double alpha, double beta,
                                                       long batch, std::shared_ptr<const RowSampler> sampler,
                                                       const Eigen::VectorXd& x0, std::size_t runs)
    : p_(p), sampler_(std::move(sampler)), alpha_(alpha), beta_(beta), batch_(batch) {
  if (batch_ < 1) throw std::invalid_argument("minibatch size must be at least 1");
  if (!sampler_) throw std::invalid_argument("minibatch heavy ball needs a row sampler");
  if (runs < 1) throw std::invalid_argument("an ensemble needs at least one run");
  if (p_.rows() >= Eigen::Index(UINT32_MAX) || runs >= std::size_t(UINT32_MAX))
    throw std::invalid_argument("ensemble: rows and runs must fit in 32 bits");
  X_ = x0.replicate(1, Eigen::Index(runs));
  X_prev_ = X_;
  G_.resize(x0.size(), Eigen::Index(runs));
  last_run_.assign(std::size_t(p_.rows()), 0);
  slot_.resize(std::size_t(p_.rows()));
  start_.resize(std::size_t(p_.rows()) + 1);
  draws_.resize(std::size_t(batch_));
}

void MinibatchHeavyBallEnsemble::gather_entries(std::span<Engine> rngs) {
  // Per run: its B draws (the same draws, in the same order, as MinibatchHeavyBall::step) merged into
  // (row, count) entries, O(B) with the last-run stamp instead of a pass over n per run.
  by_run_.clear();
  std::fill(last_run_.begin(), last_run_.end(), 0u);
  for (std::size_t t = 0; t < rngs.size(); ++t) {
    for (auto& i : draws_) i = sampler_->table.sample(rngs[t]);
    for (std::size_t i : draws_) {
      if (last_run_[i] != t + 1) {
        last_run_[i] = std::uint32_t(t + 1);
        slot_[i] = std::uint32_t(by_run_.size());
        by_run_.push_back({std::uint32_t(i), std::uint32_t(t), 0});
      }
      ++by_run_[slot_[i]].count;
    }
  }
  // Stable counting sort by row: within a row, runs stay in increasing order, and each run's entries
  // come out in increasing row order (its row-order sum).
  std::fill(start_.begin(), start_.end(), 0u);
  for (const auto& e : by_run_) ++start_[e.row + 1];
  for (std::size_t i = 1; i < start_.size(); ++i) start_[i] += start_[i - 1];
  by_row_.resize(by_run_.size());
  for (const auto& e : by_run_) by_row_[start_[e.row]++] = e;
}

void MinibatchHeavyBallEnsemble::step(std::span<Engine> rngs) {
  if (rngs.size() != runs()) throw std::invalid_argument("ensemble step: one engine per run");
  gather_entries(rngs);
  const Eigen::Index d = X_.rows();
  const double* A = p_.A.data();
  const double* b = p_.b.data();
  const double* inv_p = sampler_->inv_p.data();
  G_.setZero();
  const std::size_t E = by_row_.size();
  auto row = [&](std::size_t j) { return A + Eigen::Index(by_row_[j].row) * d; };
  auto xcol = [&](std::size_t j) { return X_.data() + Eigen::Index(by_row_[j].run) * d; };
  auto gcol = [&](std::size_t j) { return G_.data() + Eigen::Index(by_row_[j].run) * d; };
  // As minibatch_gradient_sum: w = (r * (1/p)) * count with r summed over c = 0 .. d-1 from -b, four
  // entries' residuals interleaved (independent chains), then their axpys in entry order.
  auto weight = [&](std::size_t j, double r) { return r * inv_p[by_row_[j].row] * double(by_row_[j].count); };
  std::size_t j = 0;
  for (; j + 4 <= E; j += 4) {
    for (std::size_t k = j + kAhead; k < std::min(j + kAhead + 4, E); ++k)
      if (by_row_[k].row != by_row_[k - 1].row) prefetch_row(row(k), d);
    const double *a0 = row(j), *a1 = row(j + 1), *a2 = row(j + 2), *a3 = row(j + 3);
    const double *x0 = xcol(j), *x1 = xcol(j + 1), *x2 = xcol(j + 2), *x3 = xcol(j + 3);
    double r0 = -b[by_row_[j].row], r1 = -b[by_row_[j + 1].row], r2 = -b[by_row_[j + 2].row],
           r3 = -b[by_row_[j + 3].row];
    for (Eigen::Index c = 0; c < d; ++c) {
      r0 += a0[c] * x0[c];
      r1 += a1[c] * x1[c];
      r2 += a2[c] * x2[c];
      r3 += a3[c] * x3[c];
    }
    const double w0 = weight(j, r0), w1 = weight(j + 1, r1), w2 = weight(j + 2, r2), w3 = weight(j + 3, r3);
    // Four runs' gradients (distinct within a row; possibly one run twice across rows): separate loops in
    // entry order keep each run's sum in row order even when two entries share a run.
    double *g0 = gcol(j), *g1 = gcol(j + 1), *g2 = gcol(j + 2), *g3 = gcol(j + 3);
    for (Eigen::Index c = 0; c < d; ++c) g0[c] += w0 * a0[c];
    for (Eigen::Index c = 0; c < d; ++c) g1[c] += w1 * a1[c];
    for (Eigen::Index c = 0; c < d; ++c) g2[c] += w2 * a2[c];
    for (Eigen::Index c = 0; c < d; ++c) g3[c] += w3 * a3[c];
  }
  for (; j < E; ++j) {
    const double *a = row(j), *x = xcol(j);
    double r = -b[by_row_[j].row];
    for (Eigen::Index c = 0; c < d; ++c) r += a[c] * x[c];
    const double w = weight(j, r);
    double* g = gcol(j);
    for (Eigen::Index c = 0; c < d; ++c) g[c] += w * a[c];
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
  // Entry lists of all live ensembles within max(16 MB, A / 8): two lists of 12-byte (row, run, count)
  // per ensemble, at most min(B, n) entries per run.
  const double budget = std::max(16e6, 8.0 * double(P.rows()) * double(P.cols()) / 8);
  const double per_run = 2 * 12.0 * double(std::min<Eigen::Index>(batch, P.rows()));
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
