// One stepping interface for every iterative method, with observers that see every iterate (the
// pattern of ensmallen's callbacks): a claim watches a trajectory without touching the method.
// Stochastic methods step with the trial's engine; deterministic ones (DeterministicMethod) step
// without one, and run / relative_errors have overloads that take none.
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

// A method that draws nothing: step() needs no engine. It stays an IterativeMethod (step(rng) calls
// step()), so code that holds methods of both sorts, with an engine, keeps working.
class DeterministicMethod : public IterativeMethod {
 public:
  virtual void step() = 0;
  void step(Engine&) final { step(); }
};

// Runs `iterations` steps, calling observe(0, x_0) first and observe(k, x_k) after step k.
void run(IterativeMethod& method, int iterations, Engine& rng, const Observer& observe);
void run(DeterministicMethod& method, int iterations, const Observer& observe);

// ||x_k - x*|| / ||x_0 - x*|| for k = 0..iterations: the error curve most claims watch.
Eigen::VectorXd relative_errors(IterativeMethod& method, int iterations, Engine& rng,
                                const Eigen::VectorXd& x_star);
Eigen::VectorXd relative_errors(DeterministicMethod& method, int iterations,
                                const Eigen::VectorXd& x_star);

}  // namespace thmcheck
