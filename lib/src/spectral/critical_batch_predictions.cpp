#include "thmcheck/spectral/critical_batch_predictions.hpp"

#include <cmath>

namespace thmcheck {

double uniform_sampling_eta(const Eigen::VectorXd& row_norms_squared) {
  return double(row_norms_squared.size()) * row_norms_squared.maxCoeff() / row_norms_squared.sum();
}

double conditioning_shape(const HeavyBallParameters& p) {
  return p.trace / std::sqrt(p.lambda_max * p.lambda_min);
}

double sgd_critical_batch(const HeavyBallParameters& p, double eta) {
  return eta * p.trace / p.lambda_max + 1;
}

}  // namespace thmcheck
