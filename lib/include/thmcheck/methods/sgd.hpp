// Stochastic gradient descent on a finite-sum objective: at step k = 1, 2, ... a component i is
// drawn uniformly from 0..n-1 with the trial's engine and x_k = x_{k-1} - alpha_k g_i(x_{k-1}),
// where g_i is the objective's stochastic gradient (E_i g_i = grad f) and alpha_k = a / (k + k0).
#pragma once

#include <memory>

#include "thmcheck/methods/method.hpp"
#include "thmcheck/problems/objective.hpp"

namespace thmcheck {

// alpha_k = a / (k + k0) at step k = 1, 2, ...: a = 1/mu, k0 = 0 is the step 1/(mu k) of the
// strongly convex analyses; k0 > 0 damps the first steps.
struct StepSchedule {
  double a = 1;
  double k0 = 0;
  double operator()(long k) const { return a / (double(k) + k0); }
};

class StochasticGradientDescent : public IterativeMethod {
 public:
  // Throws std::invalid_argument when f has no components or the first step would be undefined.
  StochasticGradientDescent(std::shared_ptr<const Objective> f, StepSchedule schedule,
                            Eigen::VectorXd x0);
  void step(Engine& rng) override;
  const Eigen::VectorXd& x() const override { return x_; }
  std::string name() const override { return "sgd"; }
  long steps() const { return k_; }

 private:
  std::shared_ptr<const Objective> f_;
  StepSchedule schedule_;
  Eigen::VectorXd x_, g_;
  long k_ = 0;
};

}  // namespace thmcheck
