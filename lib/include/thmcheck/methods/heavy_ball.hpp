// Polyak's heavy ball on a smooth objective:
// x_{k+1} = x_k - alpha grad f(x_k) + beta (x_k - x_{k-1}), starting with x_{-1} = x_0 so the first
// step carries no momentum (docs/theory/minibatch-hbm.md, "Methods").
#pragma once

#include <memory>

#include "thmcheck/methods/method.hpp"
#include "thmcheck/problems/least_squares.hpp"
#include "thmcheck/problems/objective.hpp"

namespace thmcheck {

class HeavyBall : public DeterministicMethod {
 public:
  HeavyBall(std::shared_ptr<const Objective> f, double alpha, double beta, Eigen::VectorXd x0);
  // On f = 1/2 ||A x - b||^2 (a LeastSquaresObjective: H = A^T A and A^T b formed once).
  HeavyBall(const LeastSquares& problem, double alpha, double beta, Eigen::VectorXd x0);
  using DeterministicMethod::step;
  void step() override;
  const Eigen::VectorXd& x() const override { return x_; }
  std::string name() const override { return "hbm"; }

 private:
  std::shared_ptr<const Objective> f_;
  Eigen::VectorXd x_, x_prev_, next_, g_;
  double alpha_, beta_;
};

}  // namespace thmcheck
