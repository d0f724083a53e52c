// Least-squares instances f(x) = 1/2 ||A x - b||^2 (no 1/n), as in docs/theory/minibatch-hbm.md.
// A is stored row-major: minibatch methods gather rows, and a row must be contiguous.
#pragma once

#include <Eigen/Dense>
#include <optional>

#include "thmcheck/core/seed.hpp"

namespace thmcheck {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct LeastSquares {
  RowMatrix A;
  Eigen::VectorXd b;
  Eigen::VectorXd x_star;        // the least-squares solution
  Eigen::VectorXd eigenvalues;   // of H = A^T A, ascending (known by construction or computed)
  Eigen::MatrixXd eigenvectors;  // of H, columns matching eigenvalues (may be empty when unknown)

  Eigen::Index rows() const { return A.rows(); }
  Eigen::Index cols() const { return A.cols(); }
  double lambda_min() const { return eigenvalues(0); }
  double lambda_max() const { return eigenvalues(eigenvalues.size() - 1); }
  double frobenius_squared() const { return eigenvalues.sum(); }  // ||A||_F^2 = tr(H)
  bool consistent() const;                                        // b = A x_star to round-off
};

// A = U diag(sqrt(lambda)) V^T with U (n x d) orthonormal columns and V (d x d) orthogonal, both
// from QR of Gaussians; x_opt ~ N(0, I); b = A x_opt + noise * r / ||r|| with r ~ N(0, I_n) (noise
// = 0: consistent). Throws InputError for n < d or a non-positive eigenvalue.
LeastSquares least_squares_with_spectrum(const Eigen::VectorXd& lambda, Eigen::Index n, Engine& rng,
                                         double noise = 0.0);

// Stores the eigenpairs (lambda_i, V.col(i)) of H in p, sorted ascending (the builders know them by
// construction; the recipes are ascending already, but a matrix need not be).
void set_sorted_eigenpairs(LeastSquares& p, const Eigen::VectorXd& lambda,
                           const Eigen::MatrixXd& V);

// From an explicit A and b: x_star by a column-pivoted QR, eigenpairs of A^T A computed.
// Throws InputError when A is rank-deficient (the theorems assume full column rank).
LeastSquares least_squares_from(RowMatrix A, Eigen::VectorXd b);

}  // namespace thmcheck
