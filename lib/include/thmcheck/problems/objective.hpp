// A smooth objective f: R^d -> R, the problem concept the gradient methods run on (in the style of
// ensmallen's FunctionType and SeparableFunctionType): value, gradient into a preallocated vector,
// and, where the model has them, a Hessian-vector product and a stochastic gradient from a sampled
// component.
//
// A small virtual interface rather than a C++20 concept: the methods stay ordinary classes compiled
// once in lib/src/methods/ (HeavyBall, not HeavyBall<F>), existing declarations such as
// std::unique_ptr<HeavyBall> keep compiling, and a theorem defines its objective as a local class.
// The price is one indirect call per gradient, nothing beside a gradient that costs d^2 (least
// squares) or n d (a finite sum); the arithmetic of a step is unchanged.
#pragma once

#include <Eigen/Dense>

namespace thmcheck {

class Objective {
 public:
  virtual ~Objective() = default;

  virtual Eigen::Index dimension() const = 0;
  virtual double value(const Eigen::VectorXd& x) const = 0;
  // g = grad f(x). g is resized to dimension() if it is not that size already (so a method that
  // keeps g allocates once); g must not alias x.
  virtual void gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const = 0;

  // Hessian-vector product hv = grad^2 f(x) v, where f is twice differentiable. The default throws
  // std::logic_error; has_hessian_vector() says whether it is provided.
  virtual bool has_hessian_vector() const { return false; }
  virtual void hessian_vector(const Eigen::VectorXd& x, const Eigen::VectorXd& v,
                              Eigen::VectorXd& hv) const;

  // A finite sum: f is the mean over components i = 0..components()-1 of the unbiased estimates
  // below, E_i[g_i(x)] = grad f(x) for i uniform. components() = 0 (the default): no stochastic
  // gradient (stochastic_gradient throws std::logic_error).
  virtual Eigen::Index components() const { return 0; }
  // g = g_i(x), the stochastic gradient of component i (for f = sum_i f_i, g_i = n grad f_i; for
  // f = (1/n) sum_i f_i, g_i = grad f_i). g is resized as in gradient().
  virtual void stochastic_gradient(Eigen::Index i, const Eigen::VectorXd& x,
                                   Eigen::VectorXd& g) const;
};

}  // namespace thmcheck
