// A matrix-free linear operator on R^n (x -> M x and x -> M^T x), and its spectral norm by Lanczos:
// Spectra's SymEigsSolver on the Gram operator x -> M^T M x (the Spectra operator concept: rows(),
// cols(), perform_op), so products of momentum matrices are applied to vectors and never formed.
#pragma once

#include <Eigen/Dense>
#include <functional>

namespace thmcheck {

struct LinearOperator {
  Eigen::Index n = 0;                                               // square: R^n -> R^n
  std::function<void(const double* x, double* y)> apply;            // y = M x
  std::function<void(const double* x, double* y)> apply_transpose;  // y = M^T x
};

// The Spectra operator x -> M^T M x.
class GramOperator {
 public:
  using Scalar = double;
  // The Gram operator of scale * M: (sM)^T (sM). Spectra's convergence test is absolute below
  // eps^(2/3), so a product whose norm is 1e-15 must be rescaled to order one before Lanczos can
  // resolve it; and a product whose norm is 1e200 must be scaled before M^T M overflows, which is
  // why the scale is applied to M x already.
  explicit GramOperator(const LinearOperator& m, double scale = 1.0)
      : m_(m), scale_(scale), tmp_(m.n) {}
  Eigen::Index rows() const { return m_.n; }
  Eigen::Index cols() const { return m_.n; }
  void perform_op(const double* x_in, double* y_out) const;

 private:
  const LinearOperator& m_;
  double scale_;
  mutable Eigen::VectorXd tmp_;
};

struct NormResult {
  double norm = 0;
  long operator_applications = 0;  // Gram products used by Lanczos
  bool dense_fallback = false;  // Lanczos failed and the dense SVD (n <= kDenseFallback) answered
};

// ||M||_2 = sqrt(lambda_max(M^T M)) by restarted Lanczos to relative accuracy tol (on the
// eigenvalue). Throws std::runtime_error when Spectra does not converge: never a silent wrong norm.
NormResult lanczos_norm(const LinearOperator& m, double tol = 1e-12);

// The dense matrix of the operator, column by column (checks for small n).
Eigen::MatrixXd dense_matrix(const LinearOperator& m);

}  // namespace thmcheck
