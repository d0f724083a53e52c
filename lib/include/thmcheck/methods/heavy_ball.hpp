// Polyak's heavy ball on least squares: x_{k+1} = x_k - alpha grad f(x_k) + beta (x_k - x_{k-1}),
// starting with x_{-1} = x_0 so the first step carries no momentum (minibatch-hbm.md, "Methods").
#pragma once

#include "thmcheck/methods/method.hpp"
#include "thmcheck/problems/least_squares.hpp"

namespace thmcheck {

class HeavyBall : public IterativeMethod {
 public:
  HeavyBall(const LeastSquares& problem, double alpha, double beta, Eigen::VectorXd x0);
  void step(Engine&) override;
  const Eigen::VectorXd& x() const override { return x_; }
  std::string name() const override { return "hbm"; }

 private:
  Eigen::MatrixXd H_;
  Eigen::VectorXd Atb_, x_, x_prev_, next_;
  double alpha_, beta_;
};

}  // namespace thmcheck
