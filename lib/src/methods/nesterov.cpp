#include "thmcheck/methods/nesterov.hpp"

namespace thmcheck {

NesterovAcceleratedGradient::NesterovAcceleratedGradient(const LeastSquares& p, double step, double beta,
                                                         Eigen::VectorXd x0)
    : H_(p.A.transpose() * p.A), Atb_(p.A.transpose() * p.b), x_(x0), y_(std::move(x0)), step_(step), beta_(beta) {}

void NesterovAcceleratedGradient::step(Engine&) {
  next_ = y_ - step_ * (H_ * y_ - Atb_);
  y_ = next_ + beta_ * (next_ - x_);
  x_.swap(next_);
}

}  // namespace thmcheck
