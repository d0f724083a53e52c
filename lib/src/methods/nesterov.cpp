#include "thmcheck/methods/nesterov.hpp"

#include "thmcheck/problems/least_squares_objective.hpp"

namespace thmcheck {

NesterovAcceleratedGradient::NesterovAcceleratedGradient(std::shared_ptr<const Objective> f,
                                                         double step, double beta,
                                                         Eigen::VectorXd x0)
    : f_(std::move(f)), x_(x0), y_(std::move(x0)), step_(step), beta_(beta) {}

NesterovAcceleratedGradient::NesterovAcceleratedGradient(const LeastSquares& p, double step,
                                                         double beta, Eigen::VectorXd x0)
    : NesterovAcceleratedGradient(std::make_shared<LeastSquaresObjective>(p), step, beta,
                                  std::move(x0)) {}

void NesterovAcceleratedGradient::step() {
  f_->gradient(y_, g_);
  next_ = y_ - step_ * g_;
  y_ = next_ + beta_ * (next_ - x_);
  x_.swap(next_);
}

}  // namespace thmcheck
