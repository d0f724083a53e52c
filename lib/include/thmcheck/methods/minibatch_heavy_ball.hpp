// Minibatch heavy-ball momentum (docs/theory/minibatch-hbm.md): the gradient is replaced by
// g_k = (1/B) sum_j (1/p_{i_j}) a_{i_j} (a_{i_j}^T x_k - b_{i_j}), rows i.i.d. with replacement.
// beta = 0 is minibatch SGD. The step is a fused gather-dot-axpy over the sampled rows
// (minibatch_gradient.hpp), in draw order or, for large batches, over the distinct drawn rows in
// index order with their counts: the same rows from the same draws, the same sum up to round-off.
// For batches far above n the counts are drawn directly as a multinomial vector.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "thmcheck/methods/method.hpp"
#include "thmcheck/methods/sampling.hpp"

namespace thmcheck {

// How the step sums over its B draws. draw_order and row_order draw B rows one by one (O(B));
// multinomial draws the batch's count vector directly (multinomial_batch.hpp, O(n) whatever B is),
// a batch with the same law but other random numbers. automatic (resolved_order): draw_order when
// B < n / kRowOrderDivisor, row_order up to B < kMultinomialFactor n, multinomial beyond (the
// crossovers measured by bench_kernels, docs/performance.md). The choice depends on (B, n) only,
// never on threads, so results stay deterministic for a seed.
enum class GradientOrder { automatic, draw_order, row_order, multinomial };
GradientOrder resolved_order(GradientOrder order, long batch, long rows);

class MinibatchHeavyBall : public IterativeMethod {
 public:
  static constexpr long kRowOrderDivisor = 32;
  // Chosen after measuring (bench_kernels, BM_BatchCounts*): one count vector costs about 40 ns a
  // row (a binomial draw), B drawn rows about 9-12 ns a draw (alias draw and tally), so they cross
  // at B/n between 4 (n = 10^5) and 8 (n = 10^3).
  static constexpr long kMultinomialFactor = 6;

  // The sampler can be shared by every trial on the same instance (it is read-only).
  MinibatchHeavyBall(const LeastSquares& problem, double alpha, double beta, long batch,
                     std::shared_ptr<const RowSampler> sampler, Eigen::VectorXd x0,
                     GradientOrder order = GradientOrder::automatic);
  void step(Engine& rng) override;
  const Eigen::VectorXd& x() const override { return x_; }

  // step(rng) in its two halves, for drivers that advance several runs in lockstep
  // (minibatch_lockstep.hpp): draw() takes the step's batch from the engine (all that a step
  // draws), advance() sums the gradient over it and moves the iterate. The rows of `ahead` (the
  // batch another run sums next) are requested from memory meanwhile, which changes no bit.
  void draw(Engine& rng);
  void advance(std::span<const std::size_t> ahead = {});
  // draw() in two halves, for the same drivers: begin_draw takes the same words from the engine
  // and requests the sampler's lines that the draws read (AliasTable::begin_sample); finish_draw,
  // called after other work, makes the draws. Together they are draw(). advance() finishes a draw
  // left pending; drawn_rows() is the batch only once it is finished.
  void begin_draw(Engine& rng);
  void finish_draw();
  // The rows the drawn batch reads, in the order advance() reads them.
  std::span<const std::size_t> drawn_rows() const {
    return order_ == GradientOrder::draw_order ? std::span<const std::size_t>(draws_)
                                               : std::span<const std::size_t>(rows_);
  }
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
  GradientOrder order_;                    // resolved: never automatic
  std::vector<std::size_t> draws_, rows_;  // this step's draws; distinct rows (row order)
  std::vector<double> counts_;             // their multiplicities (row order)
  std::vector<std::uint32_t> tally_;       // size n, all zero between steps (row order)
  std::vector<std::uint64_t> coins_;       // begin_draw's coin words (allocated on first use)
  bool pending_ = false;                   // begin_draw left the lookups to finish_draw
};

}  // namespace thmcheck
