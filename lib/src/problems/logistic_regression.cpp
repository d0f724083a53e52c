#include "thmcheck/problems/logistic_regression.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "thmcheck/core/errors.hpp"

namespace thmcheck {

namespace {
// log(1 + exp(-m)) without overflow.
double softplus_neg(double m) { return std::max(-m, 0.0) + std::log1p(std::exp(-std::abs(m))); }
// sigma(-m) = 1 / (1 + exp(m)), the weight of a_i in the loss gradient.
double sigma_neg(double m) {
  return m >= 0 ? std::exp(-m) / (1 + std::exp(-m)) : 1 / (1 + std::exp(m));
}
}  // namespace

RegularizedLogistic::RegularizedLogistic(RowMatrix A, Eigen::VectorXd y, double mu)
    : A_(std::move(A)), y_(std::move(y)), mu_(mu) {
  if (A_.rows() != y_.size())
    throw InputError(fmt::format("A has {} rows but y has {} labels", A_.rows(), y_.size()));
  if (A_.rows() < 1) throw InputError("logistic regression needs at least one example");
  for (Eigen::Index i = 0; i < y_.size(); ++i)
    if (y_(i) != 1 && y_(i) != -1) throw InputError(fmt::format("label {} is not +-1", y_(i)));
  if (!(mu_ > 0)) throw InputError("the regularization mu must be positive");
}

double RegularizedLogistic::value(const Eigen::VectorXd& x) const {
  const Eigen::VectorXd m = (A_ * x).cwiseProduct(y_);
  double loss = 0;
  for (Eigen::Index i = 0; i < m.size(); ++i) loss += softplus_neg(m(i));
  return loss / double(A_.rows()) + 0.5 * mu_ * x.squaredNorm();
}

void RegularizedLogistic::gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const {
  Eigen::VectorXd w = (A_ * x).cwiseProduct(y_);
  for (Eigen::Index i = 0; i < w.size(); ++i) w(i) = -y_(i) * sigma_neg(w(i)) / double(A_.rows());
  g.noalias() = A_.transpose() * w;
  g += mu_ * x;
}

void RegularizedLogistic::hessian_vector(const Eigen::VectorXd& x, const Eigen::VectorXd& v,
                                         Eigen::VectorXd& hv) const {
  const Eigen::VectorXd m = (A_ * x).cwiseProduct(y_);
  Eigen::VectorXd w = A_ * v;
  for (Eigen::Index i = 0; i < w.size(); ++i) {
    const double s = sigma_neg(m(i));
    w(i) *= s * (1 - s) / double(A_.rows());  // sigma(m) sigma(-m) = s (1 - s)
  }
  hv.noalias() = A_.transpose() * w;
  hv += mu_ * v;
}

void RegularizedLogistic::stochastic_gradient(Eigen::Index i, const Eigen::VectorXd& x,
                                              Eigen::VectorXd& g) const {
  const auto a = A_.row(i);
  const double weight = -y_(i) * sigma_neg(y_(i) * a.dot(x));
  g = weight * a.transpose() + mu_ * x;
}

double RegularizedLogistic::max_row_norm() const { return A_.rowwise().norm().maxCoeff(); }

double RegularizedLogistic::smoothness() const {
  const Eigen::MatrixXd C = A_.transpose() * A_ / double(A_.rows());
  return mu_ + Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(C, Eigen::EigenvaluesOnly)
                       .eigenvalues()
                       .maxCoeff() /
                   4;
}

}  // namespace thmcheck
