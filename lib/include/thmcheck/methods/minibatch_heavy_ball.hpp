// Minibatch heavy-ball momentum (minibatch-hbm.md): the gradient is replaced by
// g_k = (1/B) sum_j (1/p_{i_j}) a_{i_j} (a_{i_j}^T x_k - b_{i_j}), rows i.i.d. with replacement.
// beta = 0 is minibatch SGD. The step is a fused gather-dot-axpy over the sampled rows.
#pragma once

#include <memory>

#include "thmcheck/methods/method.hpp"
#include "thmcheck/methods/sampling.hpp"

namespace thmcheck {

class MinibatchHeavyBall : public IterativeMethod {
 public:
  // The sampler can be shared by every trial on the same instance (it is read-only).
  MinibatchHeavyBall(const LeastSquares& problem, double alpha, double beta, long batch,
                     std::shared_ptr<const RowSampler> sampler, Eigen::VectorXd x0);
  void step(Engine& rng) override;
  const Eigen::VectorXd& x() const override { return x_; }
  std::string name() const override { return beta_ == 0 ? "minibatch-sgd" : "minibatch-hbm"; }

  // The last step's minibatch Hessian estimate is not formed; this forms it for the lemma checks:
  // Hhat = (1/B) sum_j a a^T / p over the given indices.
  static Eigen::MatrixXd minibatch_hessian(const LeastSquares& problem, const RowSampler& sampler,
                                           const std::vector<std::size_t>& rows);

 private:
  const LeastSquares& p_;
  std::shared_ptr<const RowSampler> sampler_;
  Eigen::VectorXd x_, x_prev_, g_;
  double alpha_, beta_;
  long batch_;
};

}  // namespace thmcheck
