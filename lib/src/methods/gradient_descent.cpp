#include "thmcheck/methods/gradient_descent.hpp"

#include "thmcheck/problems/least_squares_objective.hpp"

namespace thmcheck {

GradientDescent::GradientDescent(std::shared_ptr<const Objective> f, double alpha,
                                 Eigen::VectorXd x0)
    : f_(std::move(f)), x_(std::move(x0)), alpha_(alpha) {}

GradientDescent::GradientDescent(const LeastSquares& p, double alpha, Eigen::VectorXd x0)
    : GradientDescent(std::make_shared<LeastSquaresObjective>(p), alpha, std::move(x0)) {}

void GradientDescent::step() {
  f_->gradient(x_, g_);
  x_ -= alpha_ * g_;
}

}  // namespace thmcheck
