#include "thmcheck/methods/gradient_descent.hpp"

namespace thmcheck {

GradientDescent::GradientDescent(const LeastSquares& p, double alpha, Eigen::VectorXd x0)
    : H_(p.A.transpose() * p.A), Atb_(p.A.transpose() * p.b), x_(std::move(x0)), alpha_(alpha) {}

void GradientDescent::step(Engine&) { x_ -= alpha_ * (H_ * x_ - Atb_); }

}  // namespace thmcheck
