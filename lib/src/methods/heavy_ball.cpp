#include "thmcheck/methods/heavy_ball.hpp"

namespace thmcheck {

HeavyBall::HeavyBall(const LeastSquares& p, double alpha, double beta, Eigen::VectorXd x0)
    : H_(p.A.transpose() * p.A),
      Atb_(p.A.transpose() * p.b),
      x_(x0),
      x_prev_(std::move(x0)),
      alpha_(alpha),
      beta_(beta) {}

void HeavyBall::step(Engine&) {
  next_ = x_ - alpha_ * (H_ * x_ - Atb_) + beta_ * (x_ - x_prev_);
  x_prev_.swap(x_);
  x_.swap(next_);
}

}  // namespace thmcheck
