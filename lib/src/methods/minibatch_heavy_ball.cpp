#include "thmcheck/methods/minibatch_heavy_ball.hpp"

#include <stdexcept>
#include <vector>

namespace thmcheck {

MinibatchHeavyBall::MinibatchHeavyBall(const LeastSquares& p, double alpha, double beta, long batch,
                                       std::shared_ptr<const RowSampler> sampler, Eigen::VectorXd x0)
    : p_(p), sampler_(std::move(sampler)), x_(x0), x_prev_(std::move(x0)), alpha_(alpha), beta_(beta), batch_(batch) {
  if (batch_ < 1) throw std::invalid_argument("minibatch size must be at least 1");
  if (!sampler_) throw std::invalid_argument("minibatch heavy ball needs a row sampler");
  g_.resize(x_.size());
}

void MinibatchHeavyBall::step(Engine& rng) {
  // g = (1/B) sum_j (1/p_i) a_i (a_i^T x - b_i): gather a row, one dot, one axpy; nothing formed.
  // The B rows are drawn first (the same draws, in the same order, as drawing each before its use), so
  // the gather can prefetch row j + kAhead while it uses row j: a random row is 13 cache lines the
  // hardware prefetcher cannot guess. Same rows, same sums in the same order: bit-identical results.
  constexpr long kAhead = 8;
  thread_local std::vector<std::size_t> rows;
  rows.resize(std::size_t(batch_));
  for (auto& i : rows) i = sampler_->table.sample(rng);
  g_.setZero();
  const double* x = x_.data();
  const Eigen::Index d = x_.size();
  const double* A = p_.A.data();
  for (long j = 0; j < batch_; ++j) {
    if (j + kAhead < batch_) {
      const char* ahead = reinterpret_cast<const char*>(A + Eigen::Index(rows[std::size_t(j + kAhead)]) * d);
      for (Eigen::Index c = 0; c < d * Eigen::Index(sizeof(double)); c += 64) __builtin_prefetch(ahead + c);
    }
    const std::size_t i = rows[std::size_t(j)];
    const double* a = A + Eigen::Index(i) * d;
    double r = -p_.b(Eigen::Index(i));
    for (Eigen::Index c = 0; c < d; ++c) r += a[c] * x[c];
    const double w = r * sampler_->inv_p[i];
    double* g = g_.data();
    for (Eigen::Index c = 0; c < d; ++c) g[c] += w * a[c];
  }
  const double step = alpha_ / double(batch_);
  // x_{k+1} = x_k - alpha g_k + beta (x_k - x_{k-1}), written into x_prev_ then swapped.
  x_prev_ = x_ - step * g_ + beta_ * (x_ - x_prev_);
  x_prev_.swap(x_);
}

Eigen::MatrixXd MinibatchHeavyBall::minibatch_hessian(const LeastSquares& p, const RowSampler& s,
                                                      const std::vector<std::size_t>& rows) {
  const Eigen::Index d = p.A.cols();
  Eigen::MatrixXd H = Eigen::MatrixXd::Zero(d, d);
  for (auto i : rows) {
    Eigen::VectorXd a = p.A.row(Eigen::Index(i)).transpose();
    H.noalias() += s.inv_p[i] * a * a.transpose();
  }
  return H / double(rows.size());
}

}  // namespace thmcheck
