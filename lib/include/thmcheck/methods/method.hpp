// One stepping interface for every iterative method on least squares, with observers that see every
// iterate (the pattern of ensmallen's callbacks): a claim watches a trajectory without touching the
// method.
#pragma once

#include <Eigen/Dense>
#include <functional>
#include <string>

#include "thmcheck/core/seed.hpp"

namespace thmcheck {

// Called with k = 0 for the start, then after every step.
using Observer = std::function<void(int k, const Eigen::VectorXd& x)>;

class IterativeMethod {
 public:
  virtual ~IterativeMethod() = default;
  virtual void step(Engine& rng) = 0;  // deterministic methods ignore rng
  virtual const Eigen::VectorXd& x() const = 0;
  virtual std::string name() const = 0;
};

// Runs `iterations` steps, calling observe(0, x_0) first and observe(k, x_k) after step k.
void run(IterativeMethod& method, int iterations, Engine& rng, const Observer& observe);

// ||x_k - x*|| / ||x_0 - x*|| for k = 0..iterations: the error curve most claims watch.
Eigen::VectorXd relative_errors(IterativeMethod& method, int iterations, Engine& rng,
                                const Eigen::VectorXd& x_star);

}  // namespace thmcheck
