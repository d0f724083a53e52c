// Nesterov's accelerated gradient for strongly convex functions ("constant step scheme III",
// Nesterov, Introductory Lectures on Convex Optimization, 2004, (2.2.22)):
// x_{k+1} = y_k - (1/L) grad f(y_k),  y_{k+1} = x_{k+1} + beta (x_{k+1} - x_k),  y_0 = x_0,
// beta = (sqrt(L) - sqrt(mu)) / (sqrt(L) + sqrt(mu)).
#pragma once

#include <memory>

#include "thmcheck/methods/method.hpp"
#include "thmcheck/problems/least_squares.hpp"
#include "thmcheck/problems/objective.hpp"

namespace thmcheck {

class NesterovAcceleratedGradient : public DeterministicMethod {
 public:
  NesterovAcceleratedGradient(std::shared_ptr<const Objective> f, double step, double beta,
                              Eigen::VectorXd x0);
  NesterovAcceleratedGradient(const LeastSquares& problem, double step, double beta,
                              Eigen::VectorXd x0);
  using DeterministicMethod::step;
  void step() override;
  const Eigen::VectorXd& x() const override { return x_; }
  std::string name() const override { return "nag"; }

 private:
  std::shared_ptr<const Objective> f_;
  Eigen::VectorXd x_, y_, next_, g_;
  double step_, beta_;
};

}  // namespace thmcheck
