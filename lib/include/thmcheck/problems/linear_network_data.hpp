// Data for a two-layer linear network W_2 W_1 x (docs/theory/matrix-factorization.md, "Linear
// neural network extension"): inputs X (p x N) with prescribed singular values (condition number
// kappa_x) and labels Y = W_star X that a linear map of rank r fits exactly (interpolation).
#pragma once

#include <Eigen/Dense>

#include "thmcheck/core/seed.hpp"

namespace thmcheck {

struct LinearNetworkData {
  Eigen::MatrixXd X;                     // p x N inputs, full row rank p <= N
  Eigen::MatrixXd Y;                     // q x N labels, Y = W_star X exactly (to round-off)
  Eigen::MatrixXd W_star;                // q x p, rank r
  Eigen::VectorXd data_singular_values;  // of X, descending, from 1 to 1/kappa_x (geometric)
  int label_rank = 0;                    // r = rank(Y)

  double kappa_x() const {
    return data_singular_values(0) / data_singular_values(data_singular_values.size() - 1);
  }
};

// X = P diag(s) Q^T (P p x p orthogonal, Q N x p orthonormal, s geometric from 1 to 1/kappa_x);
// W_star = G_1 G_2 / sqrt(r p) with G_1 (q x r), G_2 (r x p) Gaussian. Drawn in that order from
// rng. Throws InputError when p > N, r > min(p, q) or a size is not positive.
LinearNetworkData linear_network_data(Eigen::Index p, Eigen::Index q, Eigen::Index N, int r,
                                      double kappa_x, Engine& rng);

}  // namespace thmcheck
