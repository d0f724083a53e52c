#include "thmcheck/methods/method.hpp"

namespace thmcheck {

void run(IterativeMethod& method, int iterations, Engine& rng, const Observer& observe) {
  if (observe) observe(0, method.x());
  for (int k = 1; k <= iterations; ++k) {
    method.step(rng);
    if (observe) observe(k, method.x());
  }
}

void run(DeterministicMethod& method, int iterations, const Observer& observe) {
  if (observe) observe(0, method.x());
  for (int k = 1; k <= iterations; ++k) {
    method.step();
    if (observe) observe(k, method.x());
  }
}

Eigen::VectorXd relative_errors(IterativeMethod& method, int iterations, Engine& rng,
                                const Eigen::VectorXd& x_star) {
  Eigen::VectorXd e(iterations + 1);
  const double e0 = (method.x() - x_star).norm();
  run(method, iterations, rng,
      [&](int k, const Eigen::VectorXd& x) { e(k) = (x - x_star).norm() / e0; });
  return e;
}

Eigen::VectorXd relative_errors(DeterministicMethod& method, int iterations,
                                const Eigen::VectorXd& x_star) {
  Eigen::VectorXd e(iterations + 1);
  const double e0 = (method.x() - x_star).norm();
  run(method, iterations,
      [&](int k, const Eigen::VectorXd& x) { e(k) = (x - x_star).norm() / e0; });
  return e;
}

}  // namespace thmcheck
