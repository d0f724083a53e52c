// Gradient descent on a smooth objective: x_{k+1} = x_k - alpha * grad f(x_k). On least squares the
// gradient is H x - A^T b with H = A^T A and A^T b formed once, so a step costs d^2, not n d.
#pragma once

#include <memory>

#include "thmcheck/methods/method.hpp"
#include "thmcheck/problems/least_squares.hpp"
#include "thmcheck/problems/objective.hpp"

namespace thmcheck {

class GradientDescent : public DeterministicMethod {
 public:
  GradientDescent(std::shared_ptr<const Objective> f, double alpha, Eigen::VectorXd x0);
  GradientDescent(const LeastSquares& problem, double alpha, Eigen::VectorXd x0);
  using DeterministicMethod::step;
  void step() override;
  const Eigen::VectorXd& x() const override { return x_; }
  std::string name() const override { return "gd"; }

 private:
  std::shared_ptr<const Objective> f_;
  Eigen::VectorXd x_, g_;
  double alpha_;
};

}  // namespace thmcheck
