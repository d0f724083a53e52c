#include "thmcheck/methods/sgd.hpp"

#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <stdexcept>

namespace thmcheck {

StochasticGradientDescent::StochasticGradientDescent(std::shared_ptr<const Objective> f,
                                                     StepSchedule schedule, Eigen::VectorXd x0)
    : f_(std::move(f)), schedule_(schedule), x_(std::move(x0)) {
  if (!f_ || f_->components() < 1)
    throw std::invalid_argument("SGD needs an objective with at least one component");
  if (!std::isfinite(schedule_(1)))
    throw std::invalid_argument("SGD: the step schedule a / (k + k0) is not finite at k = 1");
}

void StochasticGradientDescent::step(Engine& rng) {
  ++k_;
  boost::random::uniform_int_distribution<Eigen::Index> pick(0, f_->components() - 1);
  f_->stochastic_gradient(pick(rng), x_, g_);
  x_ -= schedule_(k_) * g_;
}

}  // namespace thmcheck
