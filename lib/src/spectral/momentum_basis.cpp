#include "thmcheck/spectral/momentum_basis.hpp"

#include <cmath>
#include <memory>
#include <stdexcept>

namespace thmcheck {

MomentumBasis::MomentumBasis(const HeavyBallParameters& p, Eigen::VectorXd eigenvalues,
                             Eigen::MatrixXd eigenvectors)
    : alpha_(p.alpha),
      beta_(p.beta),
      s_(std::sqrt(1 + p.beta)),
      lambda_(std::move(eigenvalues)),
      V_(std::move(eigenvectors)) {
  const Eigen::Index d = lambda_.size();
  if (V_.rows() != d || V_.cols() != d)
    throw std::invalid_argument("MomentumBasis: eigenvectors must be d x d");
  re_.resize(d);
  im_.resize(d);
  for (Eigen::Index i = 0; i < d; ++i) {
    // z^2 - t z + beta = 0 with t = 1 + beta - alpha lambda: z = t/2 + i sqrt(beta - t^2/4).
    const double t = 1 + beta_ - alpha_ * lambda_(i);
    const double disc = 4 * beta_ - t * t;
    if (!(disc > 0))
      throw std::invalid_argument(
          "MomentumBasis: an eigenvalue lies outside the open interval (l, L)");
    re_(i) = t / 2;
    im_(i) = std::sqrt(disc) / 2;
  }
}

// W_i = (1/s) [[Re z, Im z], [1, 0]];  W_i^{-1} = s [[0, 1], [1/Im z, -Re z/Im z]].
void MomentumBasis::to_state(const double* xt, double* s) const {
  const Eigen::Index d = lambda_.size();
  Eigen::VectorXd u(d), v(d);
  for (Eigen::Index i = 0; i < d; ++i) {
    u(i) = (re_(i) * xt[2 * i] + im_(i) * xt[2 * i + 1]) / s_;
    v(i) = xt[2 * i] / s_;
  }
  Eigen::Map<Eigen::VectorXd>(s, d).noalias() = V_ * u;
  Eigen::Map<Eigen::VectorXd>(s + d, d).noalias() = V_ * v;
}

void MomentumBasis::from_state(const double* s, double* xt) const {
  const Eigen::Index d = lambda_.size();
  Eigen::VectorXd u = V_.transpose() * Eigen::Map<const Eigen::VectorXd>(s, d);
  Eigen::VectorXd v = V_.transpose() * Eigen::Map<const Eigen::VectorXd>(s + d, d);
  for (Eigen::Index i = 0; i < d; ++i) {
    xt[2 * i] = s_ * v(i);
    xt[2 * i + 1] = s_ * (u(i) - re_(i) * v(i)) / im_(i);
  }
}

// W_i^T = (1/s) [[Re z, 1], [Im z, 0]];  W_i^{-T} = s [[0, 1/Im z], [1, -Re z/Im z]].
void MomentumBasis::to_state_transpose(const double* s, double* xt) const {
  const Eigen::Index d = lambda_.size();
  Eigen::VectorXd u = V_.transpose() * Eigen::Map<const Eigen::VectorXd>(s, d);
  Eigen::VectorXd v = V_.transpose() * Eigen::Map<const Eigen::VectorXd>(s + d, d);
  for (Eigen::Index i = 0; i < d; ++i) {
    xt[2 * i] = (re_(i) * u(i) + v(i)) / s_;
    xt[2 * i + 1] = im_(i) * u(i) / s_;
  }
}

void MomentumBasis::from_state_transpose(const double* xt, double* s) const {
  const Eigen::Index d = lambda_.size();
  Eigen::VectorXd u(d), v(d);
  for (Eigen::Index i = 0; i < d; ++i) {
    u(i) = s_ * xt[2 * i + 1] / im_(i);
    v(i) = s_ * (xt[2 * i] - re_(i) * xt[2 * i + 1] / im_(i));
  }
  Eigen::Map<Eigen::VectorXd>(s, d).noalias() = V_ * u;
  Eigen::Map<Eigen::VectorXd>(s + d, d).noalias() = V_ * v;
}

LinearOperator MomentumBasis::similar(const LinearOperator& m) const {
  LinearOperator op;
  op.n = m.n;
  // Copies: the operator must outlive neither this basis nor m.
  auto self = std::make_shared<const MomentumBasis>(*this);
  auto inner = std::make_shared<const LinearOperator>(m);
  op.apply = [self, inner](const double* x, double* y) {
    Eigen::VectorXd a(inner->n), b(inner->n);
    self->to_state(x, a.data());
    inner->apply(a.data(), b.data());
    self->from_state(b.data(), y);
  };
  // (W^{-1} M W)^T = W^T M^T W^{-T}.
  op.apply_transpose = [self, inner](const double* x, double* y) {
    Eigen::VectorXd a(inner->n), b(inner->n);
    self->from_state_transpose(x, a.data());
    inner->apply_transpose(a.data(), b.data());
    self->to_state_transpose(b.data(), y);
  };
  return op;
}

double MomentumBasis::relative_deviation(const Eigen::MatrixXd& D) const {
  Eigen::MatrixXd M = im_.cwiseInverse().asDiagonal() * (V_.transpose() * D * V_);
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(M);
  return alpha_ * svd.singularValues()(0);
}

Eigen::MatrixXd MomentumBasis::dense() const {
  const Eigen::Index n = 2 * lambda_.size();
  Eigen::MatrixXd W(n, n);
  Eigen::VectorXd e = Eigen::VectorXd::Zero(n);
  for (Eigen::Index j = 0; j < n; ++j) {
    e(j) = 1;
    to_state(e.data(), W.col(j).data());
    e(j) = 0;
  }
  return W;
}

double momentum_power_norm(const HeavyBallParameters& p, const Eigen::VectorXd& eigenvalues,
                           int k) {
  double best = 0;
  for (Eigen::Index i = 0; i < eigenvalues.size(); ++i) {
    // Powers of a 2x2 by repeated squaring; its norm from the 2x2 singular values.
    Eigen::Matrix2d T = momentum_block(p, eigenvalues(i)), P = Eigen::Matrix2d::Identity();
    for (int e = k; e > 0; e >>= 1) {
      if (e & 1) P = P * T;
      T = T * T;
    }
    Eigen::JacobiSVD<Eigen::Matrix2d> svd(P);
    best = std::max(best, svd.singularValues()(0));
  }
  return best;
}

}  // namespace thmcheck
