// Gradient descent on least squares: x_{k+1} = x_k - alpha * grad f(x_k), grad f = H x - A^T b.
// H = A^T A and A^T b are formed once, so a step costs d^2, not n d.
#pragma once

#include "thmcheck/methods/method.hpp"
#include "thmcheck/problems/least_squares.hpp"

namespace thmcheck {

class GradientDescent : public IterativeMethod {
 public:
  GradientDescent(const LeastSquares& problem, double alpha, Eigen::VectorXd x0);
  void step(Engine&) override;
  const Eigen::VectorXd& x() const override { return x_; }
  std::string name() const override { return "gd"; }

 private:
  Eigen::MatrixXd H_;
  Eigen::VectorXd Atb_, x_;
  double alpha_;
};

}  // namespace thmcheck
