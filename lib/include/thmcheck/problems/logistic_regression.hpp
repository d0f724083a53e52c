// L2-regularized logistic regression as a finite-sum Objective:
//   f(x) = (1/n) sum_i log(1 + exp(-y_i a_i^T x)) + (mu/2) ||x||^2,  y_i in {-1, +1},
// mu-strongly convex and (mu + lambda_max(A^T A / n) / 4)-smooth. Component i is
// f_i(x) = log(1 + exp(-y_i a_i^T x)) + (mu/2) ||x||^2, so f is their mean and
// g_i(x) = -y_i sigma(-y_i a_i^T x) a_i + mu x is unbiased for i uniform.
#pragma once

#include "thmcheck/problems/least_squares.hpp"  // RowMatrix
#include "thmcheck/problems/objective.hpp"

namespace thmcheck {

class RegularizedLogistic : public Objective {
 public:
  // Throws InputError when A and y disagree in size, a label is not +-1 or mu <= 0.
  RegularizedLogistic(RowMatrix A, Eigen::VectorXd y, double mu);

  Eigen::Index dimension() const override { return A_.cols(); }
  double value(const Eigen::VectorXd& x) const override;
  void gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const override;
  bool has_hessian_vector() const override { return true; }
  void hessian_vector(const Eigen::VectorXd& x, const Eigen::VectorXd& v,
                      Eigen::VectorXd& hv) const override;
  Eigen::Index components() const override { return A_.rows(); }
  void stochastic_gradient(Eigen::Index i, const Eigen::VectorXd& x,
                           Eigen::VectorXd& g) const override;

  double mu() const { return mu_; }
  double max_row_norm() const;  // R = max_i ||a_i||
  double smoothness() const;    // mu + lambda_max(A^T A / n) / 4, a Lipschitz constant of grad f
  const RowMatrix& A() const { return A_; }
  const Eigen::VectorXd& y() const { return y_; }

 private:
  RowMatrix A_;
  Eigen::VectorXd y_;
  double mu_;
};

}  // namespace thmcheck
