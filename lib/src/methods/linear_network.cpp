#include "thmcheck/methods/linear_network.hpp"

#include <cmath>
#include <string>
#include <utility>

#include "ordered_products.hpp"
#include "thmcheck/core/errors.hpp"
#include "thmcheck/methods/factorization_init.hpp"
#include "thmcheck/methods/factorization_metrics.hpp"

namespace thmcheck {

namespace {
using detail::add_product;
using detail::assign_product;
using detail::Op;
using detail::residual_product;
}  // namespace

LinearNetworkNesterov::LinearNetworkNesterov(const LinearNetworkData& data, double eta, double beta,
                                             Eigen::MatrixXd W1_0, Eigen::MatrixXd W2_0)
    : data_(&data), eta_(eta), beta_(beta), W1_(std::move(W1_0)), W2_(std::move(W2_0)) {
  const auto p = data.X.rows(), q = data.Y.rows(), N = data.X.cols();
  if (W1_.cols() != p || W2_.rows() != q || W1_.rows() != W2_.cols())
    throw InputError("linear network: data have p = " + std::to_string(p) +
                     ", q = " + std::to_string(q) + " but W1 is " + std::to_string(W1_.rows()) +
                     " x " + std::to_string(W1_.cols()) + " and W2 is " +
                     std::to_string(W2_.rows()) + " x " + std::to_string(W2_.cols()));
  if (!(eta > 0) || !std::isfinite(eta))
    throw InputError("linear network: step size eta must be positive, got " + std::to_string(eta));
  if (!(beta >= 0 && beta < 1))
    throw InputError("linear network: momentum beta must lie in [0, 1), got " +
                     std::to_string(beta));
  const auto d = W1_.rows();
  W1prev_ = W1_;
  W2prev_ = W2_;
  W1t_.resize(d, p);
  W2t_.resize(q, d);
  R_.resize(q, N);
  Rt_.resize(q, N);
  RXt_.resize(q, p);
  W1X_.resize(d, N);
  refresh_residual();
}

void LinearNetworkNesterov::refresh_residual() {
  assign_product(W1X_, 1, W1_, Op::plain, data_->X, Op::plain);
  residual_product(R_, data_->Y, W2_, Op::plain, W1X_, Op::plain);
}

void LinearNetworkNesterov::step() {
  if (beta_ == 0) {
    // Gradient descent extrapolates to the iterate itself, whose W1 X and residual
    // refresh_residual() computed at the end of the previous step: two of the step's seven products
    // are skipped, and no copy of the factors is made. Both updates read the old factors, so W1's
    // increment is formed first; W1 + (eta W2^T R X^T) rounds as the in-place update did.
    assign_product(RXt_, 1, R_, Op::plain, data_->X, Op::transposed);
    assign_product(W1t_, eta_, W2_, Op::transposed, RXt_, Op::plain);
    add_product(W2_, eta_, RXt_, Op::plain, W1_, Op::transposed);
    W1_ += W1t_;
    refresh_residual();
    ++t_;
    return;
  }
  W1t_ = W1_ + beta_ * (W1_ - W1prev_);
  W2t_ = W2_ + beta_ * (W2_ - W2prev_);
  assign_product(W1X_, 1, W1t_, Op::plain, data_->X, Op::plain);
  residual_product(Rt_, data_->Y, W2t_, Op::plain, W1X_, Op::plain);
  // (Y - W2 W1 X) X^T: minus the gradient in W2 W1
  assign_product(RXt_, 1, Rt_, Op::plain, data_->X, Op::transposed);
  W1prev_.swap(W1_);
  W2prev_.swap(W2_);
  W1_ = W1t_;
  add_product(W1_, eta_, W2t_, Op::transposed, RXt_, Op::plain);
  W2_ = W2t_;
  add_product(W2_, eta_, RXt_, Op::plain, W1t_, Op::transposed);
  refresh_residual();
  ++t_;
}

UnbalancedNetworkInit unbalanced_network_init(const LinearNetworkData& data, int d, double c,
                                              Engine& rng) {
  if (d < 1) throw InputError("linear network: width d must be >= 1, got " + std::to_string(d));
  if (!(c > 0) || !std::isfinite(c))
    throw InputError("linear network: scale c must be positive, got " + std::to_string(c));
  UnbalancedNetworkInit out;
  const Eigen::MatrixXd Psi = sketch_matrix(data.Y.cols(), d, rng);
  out.W2_0 = c * (data.Y * Psi);
  out.W1_0 = Eigen::MatrixXd::Zero(d, data.X.rows());
  return out;
}

double linear_network_effective_kappa(const LinearNetworkData& data, const Eigen::MatrixXd& W2) {
  const double cw = restricted_condition(W2, data.label_rank);
  const double cx = data.kappa_x();
  return cw * cw * cx * cx;
}

int iterations_to(LinearNetworkNesterov& m, double eps, int max_iterations) {
  const double target = eps * eps * m.data().Y.squaredNorm();  // ||R||_F^2 <= eps^2 ||Y||_F^2
  for (int t = 0;; ++t) {
    const double r2 = m.residual().squaredNorm();
    if (!std::isfinite(r2)) return -1;
    if (r2 <= target) return t;
    if (t == max_iterations) return -1;
    m.step();
  }
}

TailRate tail_rate(LinearNetworkNesterov& m, double upper, double lower, int max_iterations) {
  const double normY = m.data().Y.norm();
  return tail_rate([&] { return m.residual().norm() / normY; }, [&] { m.step(); }, upper, lower,
                   max_iterations);
}

}  // namespace thmcheck
