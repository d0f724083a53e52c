#include "thmcheck/problems/linear_network_data.hpp"

#include <cmath>
#include <string>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/problems/gaussian.hpp"
#include "thmcheck/problems/low_rank.hpp"

namespace thmcheck {

LinearNetworkData linear_network_data(Eigen::Index p, Eigen::Index q, Eigen::Index N, int r,
                                      double kappa_x, Engine& rng) {
  if (p < 1 || q < 1 || N < 1)
    throw InputError("linear-network data: sizes must be positive, got p = " + std::to_string(p) +
                     ", q = " + std::to_string(q) + ", N = " + std::to_string(N));
  if (p > N)
    throw InputError("linear-network data: need p <= N for full-row-rank inputs, got p = " +
                     std::to_string(p) + ", N = " + std::to_string(N));
  if (r < 1 || r > std::min(p, q))
    throw InputError("linear-network data: label rank r = " + std::to_string(r) +
                     " must lie in [1, min(p, q)] = [1, " + std::to_string(std::min(p, q)) + "]");
  LinearNetworkData out;
  out.label_rank = r;
  out.data_singular_values = singular_values(int(p), kappa_x, SingularSpacing::geometric);
  const Eigen::MatrixXd P = random_orthonormal(p, p, rng);
  const Eigen::MatrixXd Q = random_orthonormal(N, p, rng);
  out.X = P * out.data_singular_values.asDiagonal() * Q.transpose();
  const Eigen::MatrixXd G1 = gaussian_matrix(q, r, rng), G2 = gaussian_matrix(r, p, rng);
  out.W_star = G1 * G2 / std::sqrt(double(r) * double(p));
  out.Y = out.W_star * out.X;
  return out;
}

}  // namespace thmcheck
