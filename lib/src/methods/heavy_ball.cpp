#include "thmcheck/methods/heavy_ball.hpp"

#include "thmcheck/problems/least_squares_objective.hpp"

namespace thmcheck {

HeavyBall::HeavyBall(std::shared_ptr<const Objective> f, double alpha, double beta,
                     Eigen::VectorXd x0)
    : f_(std::move(f)), x_(x0), x_prev_(std::move(x0)), alpha_(alpha), beta_(beta) {}

HeavyBall::HeavyBall(const LeastSquares& p, double alpha, double beta, Eigen::VectorXd x0)
    : HeavyBall(std::make_shared<LeastSquaresObjective>(p), alpha, beta, std::move(x0)) {}

void HeavyBall::step() {
  f_->gradient(x_, g_);
  next_ = x_ - alpha_ * g_ + beta_ * (x_ - x_prev_);
  x_prev_.swap(x_);
  x_.swap(next_);
}

}  // namespace thmcheck
