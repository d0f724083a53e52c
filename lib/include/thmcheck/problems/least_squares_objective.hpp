// Least squares f(x) = 1/2 ||A x - b||^2 as an Objective: H = A^T A and A^T b formed once, so a
// gradient H x - A^T b costs d^2, not n d (what GradientDescent, HeavyBall and Nesterov did
// inline).
#pragma once

#include <memory>

#include "thmcheck/problems/least_squares.hpp"
#include "thmcheck/problems/objective.hpp"

namespace thmcheck {

class LeastSquaresObjective : public Objective {
 public:
  // Keeps H, A^T b and ||b||^2 only, never A: the value is the quadratic form
  // 1/2 x^T H x - (A^T b)^T x + 1/2 ||b||^2 (absolute error about eps ||b||^2), no stochastic
  // gradient. What the methods build from a LeastSquares.
  explicit LeastSquaresObjective(const LeastSquares& p);
  // Shares p as well: the value is 1/2 ||A x - b||^2 from the rows, and the rows are the
  // components, g_i(x) = n a_i (a_i^T x - b_i), unbiased for i uniform on 0..n-1.
  explicit LeastSquaresObjective(std::shared_ptr<const LeastSquares> p);

  Eigen::Index dimension() const override { return H_.rows(); }
  double value(const Eigen::VectorXd& x) const override;
  // g = H x - A^T b: the product, then the difference, the operations of the methods' former
  // expression `H * x - Atb` in their order, so iterates are bit-identical to theirs.
  void gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const override;
  bool has_hessian_vector() const override { return true; }
  void hessian_vector(const Eigen::VectorXd& x, const Eigen::VectorXd& v,
                      Eigen::VectorXd& hv) const override;  // H v, whatever x
  Eigen::Index components() const override { return rows_ ? rows_->rows() : 0; }
  void stochastic_gradient(Eigen::Index i, const Eigen::VectorXd& x,
                           Eigen::VectorXd& g) const override;

  const Eigen::MatrixXd& hessian() const { return H_; }

 private:
  Eigen::MatrixXd H_;
  Eigen::VectorXd Atb_;
  double half_btb_;
  std::shared_ptr<const LeastSquares> rows_;  // null when built from a reference
};

}  // namespace thmcheck
