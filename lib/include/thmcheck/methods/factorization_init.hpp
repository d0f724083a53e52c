// Initializations of the factorization methods (docs/theory/matrix-factorization.md):
// - asymmetric (Ward-Kolda): X_0 = A Phi_1 / (sqrt(eta) C s_1), Y_0 = sqrt(eta) D s_1 Phi_2;
// - unbalanced (Xu-Wang-Zhao-Ward-Tao): X_0 = c A Phi, Y_0 = 0;
// - small balanced Gaussian: X_0, Y_0 with i.i.d. N(0, sigma^2) entries.
// Phi, Phi_1, Phi_2 are n x d with i.i.d. N(0, 1/d) entries, drawn from the engine given.
#pragma once

#include <Eigen/Dense>

#include "thmcheck/core/seed.hpp"

namespace thmcheck {

struct FactorInit {
  Eigen::MatrixXd X0;  // m x d
  Eigen::MatrixXd Y0;  // n x d
  Eigen::MatrixXd
      Phi;  // the sketch X_0 is built from (Phi_1, or Phi), kept for the spectral quantities
};

// n x d with i.i.d. N(0, 1/d) entries.
Eigen::MatrixXd sketch_matrix(Eigen::Index n, Eigen::Index d, Engine& rng);

// Ward-Kolda's "atypical" initialization; s1 = s_1(A). Draws Phi_1 then Phi_2.
// Throws InputError for d < 1 or non-positive eta, C, D or s1.
FactorInit asymmetric_init(const Eigen::MatrixXd& A, int d, double eta, double C, double D,
                           double s1, Engine& rng);

// X_0 = c A Phi, Y_0 = 0 (the outer factor large and in col(A), the inner one zero).
FactorInit unbalanced_init(const Eigen::MatrixXd& A, int d, double c, Engine& rng);

// X_0, Y_0 i.i.d. N(0, sigma^2); draws X_0 then Y_0. Phi is left empty.
FactorInit small_gaussian_init(Eigen::Index m, Eigen::Index n, int d, double sigma, Engine& rng);

}  // namespace thmcheck
