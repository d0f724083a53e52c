// Low-rank test matrices for factorization (docs/theory/matrix-factorization.md, "Setting"):
// A = U diag(s) V^T of rank r with s_1 = 1 and s_r = 1/kappa, U and V from QR of Gaussians,
// optionally plus a small Gaussian perturbation (an approximately rank-r matrix).
#pragma once

#include <Eigen/Dense>
#include <string>
#include <string_view>
#include <vector>

#include "thmcheck/core/seed.hpp"

namespace thmcheck {

// How the r singular values fill [1/kappa, 1]: geometric (the default of the theory file) or
// linear.
enum class SingularSpacing { geometric, linear };

const std::vector<std::string>& singular_spacing_names();       // in enum order
SingularSpacing parse_singular_spacing(std::string_view name);  // throws InputError naming it
std::string to_string(SingularSpacing s);

// Descending s_0 = 1 >= ... >= s_{r-1} = 1/kappa. Throws InputError for r < 1 or kappa < 1.
Eigen::VectorXd singular_values(int r, double kappa, SingularSpacing spacing);

struct LowRankMatrix {
  Eigen::MatrixXd A;     // m x n: U diag(s) V^T + the noise
  Eigen::MatrixXd U, V;  // m x r and n x r, orthonormal columns (of the exact rank-r part)
  Eigen::VectorXd s;     // the r singular values of the exact part, descending
  double noise = 0;      // ||A - U diag(s) V^T||_F / ||U diag(s) V^T||_F

  Eigen::Index rows() const { return A.rows(); }
  Eigen::Index cols() const { return A.cols(); }
  int rank() const { return int(s.size()); }
  double kappa() const { return s(0) / s(s.size() - 1); }
  double s1() const { return s(0); }
};

// U and V are drawn first (U then V, column by column), so two calls with engines in the same state
// and different kappa give the same singular vectors: a kappa sweep on one instance. The noise is
// E * noise * ||S||_F / ||E||_F with E Gaussian, drawn after U and V. Throws InputError when r >
// min(m, n) or the sizes are not positive.
LowRankMatrix low_rank_matrix(Eigen::Index m, Eigen::Index n, int r, double kappa,
                              SingularSpacing spacing, Engine& rng, double noise = 0.0);

}  // namespace thmcheck
