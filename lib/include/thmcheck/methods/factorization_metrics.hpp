// What claims watch along a factorization run (docs/theory/matrix-factorization.md): the loss f,
// s_r(X_t), s_1(X_t), ||Y_t|| and the column-space residual ||(I - U U^T) X_t||_F / ||X_t||_F.
// These cost an SVD of X_t, so they are computed by observers of the runs that need them, never in
// steps.
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "thmcheck/methods/factorization.hpp"

namespace thmcheck {

// The k-th largest singular value (k = 1..min(rows, cols)); 0 when k exceeds that.
double singular_value(const Eigen::MatrixXd& M, int k);

// s_1(M) / s_r(M): the condition number restricted to the top r singular values (M of rank r).
double restricted_condition(const Eigen::MatrixXd& M, int r);

// ||(I - U U^T) M||_F / ||M||_F for U with orthonormal columns (0 for M = 0).
double column_space_residual(const Eigen::MatrixXd& M, const Eigen::MatrixXd& U);

// s_1(M) and s_r(M) from the eigenvalues of the d x d Gram matrix M^T M: much cheaper than an SVD
// when M is tall and d small, and accurate while s_r / s_1 stays far above sqrt(machine epsilon).
struct ExtremeSingularValues {
  double s_1 = 0, s_r = 0;
};
ExtremeSingularValues gram_extremes(const Eigen::MatrixXd& M, int r);

struct FactorSnapshot {
  int t = 0;
  double f = 0;             // 1/2 ||A - X Y^T||_F^2
  double s_r = 0, s_1 = 0;  // of X_t, r = rank(A)
  double y_norm = 0;        // ||Y_t|| (spectral)
  double colspace = 0;      // ||(I - U U^T) X_t||_F / ||X_t||_F
};

FactorSnapshot snapshot(int t, const FactorizationMethod& m, const Eigen::MatrixXd& U);

// An observer that appends a snapshot at every iteration; U is col(A) with r = U.cols().
FactorObserver record_snapshots(const Eigen::MatrixXd& U, std::vector<FactorSnapshot>& out);

}  // namespace thmcheck
