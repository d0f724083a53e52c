#include "thmcheck/problems/gaussian.hpp"

#include <boost/random/normal_distribution.hpp>

namespace thmcheck {

Eigen::MatrixXd gaussian_matrix(Eigen::Index rows, Eigen::Index cols, Engine& rng, double sigma) {
  boost::random::normal_distribution<double> n(0.0, sigma);
  Eigen::MatrixXd G(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) G(i, j) = n(rng);
  return G;
}

Eigen::VectorXd gaussian_vector(Eigen::Index n, Engine& rng, double sigma) {
  boost::random::normal_distribution<double> g(0.0, sigma);
  Eigen::VectorXd v(n);
  for (Eigen::Index i = 0; i < n; ++i) v(i) = g(rng);
  return v;
}

Eigen::MatrixXd random_orthonormal(Eigen::Index rows, Eigen::Index cols, Engine& rng) {
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(gaussian_matrix(rows, cols, rng));
  return qr.householderQ() * Eigen::MatrixXd::Identity(rows, cols);
}

}  // namespace thmcheck
