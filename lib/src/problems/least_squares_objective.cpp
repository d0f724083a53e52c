#include "thmcheck/problems/least_squares_objective.hpp"

#include <stdexcept>

namespace thmcheck {

LeastSquaresObjective::LeastSquaresObjective(const LeastSquares& p)
    : H_(p.A.transpose() * p.A), Atb_(p.A.transpose() * p.b), half_btb_(0.5 * p.b.squaredNorm()) {}

LeastSquaresObjective::LeastSquaresObjective(std::shared_ptr<const LeastSquares> p)
    : LeastSquaresObjective(*p) {
  rows_ = std::move(p);
}

double LeastSquaresObjective::value(const Eigen::VectorXd& x) const {
  if (rows_) return 0.5 * (rows_->A * x - rows_->b).squaredNorm();
  return 0.5 * x.dot(H_ * x) - Atb_.dot(x) + half_btb_;
}

void LeastSquaresObjective::gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const {
  g.noalias() = H_ * x;
  g -= Atb_;
}

void LeastSquaresObjective::hessian_vector(const Eigen::VectorXd&, const Eigen::VectorXd& v,
                                           Eigen::VectorXd& hv) const {
  hv.noalias() = H_ * v;
}

void LeastSquaresObjective::stochastic_gradient(Eigen::Index i, const Eigen::VectorXd& x,
                                                Eigen::VectorXd& g) const {
  if (!rows_) throw std::logic_error("a LeastSquaresObjective built from a reference has no rows");
  const auto a = rows_->A.row(i);
  const double r = a.dot(x) - rows_->b(i);
  g = (double(rows_->rows()) * r) * a.transpose();
}

}  // namespace thmcheck
