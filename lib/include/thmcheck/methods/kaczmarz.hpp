// Randomized Kaczmarz (Strohmer and Vershynin 2009): row i with probability ||a_i||^2/||A||_F^2,
// x <- x - omega * a_i (a_i^T x - b_i) / ||a_i||^2.
#pragma once

#include <memory>

#include "thmcheck/methods/method.hpp"
#include "thmcheck/methods/sampling.hpp"

namespace thmcheck {

class RandomizedKaczmarz : public IterativeMethod {
 public:
  RandomizedKaczmarz(const LeastSquares& problem, double omega, Eigen::VectorXd x0,
                     std::shared_ptr<const RowSampler> sampler = nullptr);
  void step(Engine& rng) override;
  const Eigen::VectorXd& x() const override { return x_; }
  std::string name() const override { return "rk"; }

 private:
  const LeastSquares& p_;
  std::shared_ptr<const RowSampler> sampler_;
  std::vector<double> inv_row_norm2_;
  Eigen::VectorXd x_;
  double omega_;
};

}  // namespace thmcheck
