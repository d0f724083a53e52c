#include "thmcheck/spectral/second_moment_operator.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace thmcheck {

SecondMomentOperator::SecondMomentOperator(const RowMatrix& A, Sampling sampling, double alpha,
                                           double beta, double batch)
    : A_(A), alpha_(alpha), beta_(beta), batch_(batch), sampling_(sampling) {
  if (!(batch >= 1)) throw std::invalid_argument("second-moment operator: batch must be >= 1");
  const Eigen::VectorXd row_norm2 = A_.rowwise().squaredNorm();
  const double F = row_norm2.sum();
  const double n = double(A_.rows());
  inv_p_.resize(A_.rows());
  // p_i as RowSampler draws them (methods/sampling.hpp): a zero row is never drawn under row-norm
  // sampling and contributes nothing to E[h M h]; under uniform sampling it is drawn but h = 0.
  for (Eigen::Index i = 0; i < A_.rows(); ++i)
    inv_p_(i) = sampling == Sampling::uniform ? n : row_norm2(i) > 0 ? F / row_norm2(i) : 0.0;
  H_ = A_.transpose() * A_;
  const Eigen::Index d = A_.cols();
  M_ = (1 + beta) * Eigen::MatrixXd::Identity(d, d) - alpha * H_;
}

SecondMomentOperator SecondMomentOperator::with_batch(double batch) const {
  SecondMomentOperator out = *this;
  if (!(batch >= 1)) throw std::invalid_argument("second-moment operator: batch must be >= 1");
  out.batch_ = batch;
  return out;
}

Eigen::MatrixXd SecondMomentOperator::noise(const Eigen::MatrixXd& Mx) const {
  // w_i = a_i^T M a_i / p_i from one n x d x d product, then A^T diag(w) A from another.
  const Eigen::MatrixXd AM = A_ * Mx;
  const Eigen::VectorXd w = AM.cwiseProduct(A_).rowwise().sum().cwiseProduct(inv_p_);
  Eigen::MatrixXd K = A_.transpose() * (w.asDiagonal() * A_);
  K.noalias() -= H_ * Mx * H_;
  return K;
}

void SecondMomentOperator::apply(const Eigen::MatrixXd& S, Eigen::MatrixXd& out) const {
  const Eigen::Index d = this->d();
  const auto S11 = S.topLeftCorner(d, d), S12 = S.topRightCorner(d, d),
             S21 = S.bottomLeftCorner(d, d), S22 = S.bottomRightCorner(d, d);
  // T = [[M, -beta I], [I, 0]]: T S T^T blockwise,
  //   top-left     M S11 M^T - beta M S12 - beta S21 M^T + beta^2 S22,
  //   top-right    M S11 - beta S21,   bottom-left its transpose,   bottom-right S11.
  const Eigen::MatrixXd MS11 = M_ * S11;
  const Eigen::MatrixXd MS12 = M_ * S12;
  Eigen::MatrixXd top_right = MS11 - beta_ * S21;
  Eigen::MatrixXd top_left =
      MS11 * M_.transpose() - beta_ * (MS12 + MS12.transpose()) + (beta_ * beta_) * S22;
  if (std::isfinite(batch_)) top_left += (alpha_ * alpha_ / batch_) * noise(S11);
  out.resize(2 * d, 2 * d);
  // Symmetric in exact arithmetic (S21 = S12^T): kept so in floating point.
  out.topLeftCorner(d, d) = 0.5 * (top_left + top_left.transpose());
  out.topRightCorner(d, d) = top_right;
  out.bottomLeftCorner(d, d) = top_right.transpose();
  out.bottomRightCorner(d, d) = S11;
}

Eigen::MatrixXd SecondMomentOperator::dense_kronecker() const {
  const Eigen::Index d = this->d(), m = 2 * d;
  Eigen::MatrixXd T = Eigen::MatrixXd::Zero(m, m);
  T.topLeftCorner(d, d) = M_;
  T.topRightCorner(d, d) = -beta_ * Eigen::MatrixXd::Identity(d, d);
  T.bottomLeftCorner(d, d) = Eigen::MatrixXd::Identity(d, d);
  // vec(X S Y^T) = (Y (x) X) vec(S), column-major.
  auto kron = [](const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y) {
    Eigen::MatrixXd K(X.rows() * Y.rows(), X.cols() * Y.cols());
    for (Eigen::Index i = 0; i < X.rows(); ++i)
      for (Eigen::Index j = 0; j < X.cols(); ++j)
        K.block(i * Y.rows(), j * Y.cols(), Y.rows(), Y.cols()) = X(i, j) * Y;
    return K;
  };
  Eigen::MatrixXd L = kron(T, T);
  if (!std::isfinite(batch_)) return L;
  // The noise term: J (E[h S11 h] - H S11 H) J^T with J = [I; 0], h = a a^T / p with probability p.
  Eigen::MatrixXd J = Eigen::MatrixXd::Zero(m, d);
  J.topRows(d).setIdentity();
  Eigen::MatrixXd E_hh = Eigen::MatrixXd::Zero(d * d, d * d);
  for (Eigen::Index i = 0; i < A_.rows(); ++i) {
    if (inv_p_(i) == 0) continue;
    const Eigen::VectorXd a = A_.row(i).transpose();
    const Eigen::MatrixXd h = inv_p_(i) * a * a.transpose();
    E_hh += kron(h, h) / inv_p_(i);  // p_i (h (x) h)
  }
  const Eigen::MatrixXd noise = E_hh - kron(H_, H_);
  const Eigen::MatrixXd JJ = kron(J, J);
  L += (alpha_ * alpha_ / batch_) * JJ * noise * JJ.transpose();
  return L;
}

std::vector<double> mean_square_at(const SecondMomentOperator& L, const Eigen::VectorXd& e0,
                                   const std::vector<int>& ks) {
  const Eigen::Index d = L.d();
  if (e0.size() != d) throw std::invalid_argument("mean_square_at: e0 has the wrong size");
  Eigen::VectorXd s0(2 * d);
  s0 << e0, e0;  // x_{-1} = x_0
  Eigen::MatrixXd S = s0 * s0.transpose(), next;
  std::vector<double> out;
  int k = 0;
  for (int target : ks) {
    if (target < k) throw std::invalid_argument("mean_square_at: iterations must increase");
    for (; k < target; ++k) {
      L.apply(S, next);
      S.swap(next);
    }
    out.push_back(S.topLeftCorner(d, d).trace());
  }
  return out;
}

std::vector<double> mean_square_curve(const SecondMomentOperator& L, const Eigen::VectorXd& e0,
                                      int K) {
  std::vector<int> ks(std::size_t(std::max(0, K) + 1));
  for (int k = 0; k <= K; ++k) ks[std::size_t(k)] = k;
  return mean_square_at(L, e0, ks);
}

}  // namespace thmcheck
