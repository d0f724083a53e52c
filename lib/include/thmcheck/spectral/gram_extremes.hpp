// The extreme eigenvalues of H = A^T A for a sparse A, without forming H: Spectra's SymEigsSolver
// on the matrix-free operator x -> A^T (A x) for lambda_max, and on x -> lambda_max x - A^T (A x)
// for lambda_max - lambda_min. Small A (at most dense_max columns) is done densely, with every
// eigenvalue.
#pragma once

#include <Eigen/Dense>
#include <string>

#include "thmcheck/problems/matrix_market.hpp"

namespace thmcheck {

struct GramSpectrum {
  double lambda_min = 0, lambda_max = 0;
  double trace = 0;             // tr(H) = ||A||_F^2, from the entries
  Eigen::VectorXd eigenvalues;  // all of them (dense path), or just {lambda_min, lambda_max}
  std::string method;           // "dense" or "lanczos"
};

// Throws InputError naming the problem when A has fewer rows than columns or is rank-deficient
// (lambda_min <= rank_tol * lambda_max), and std::runtime_error when Lanczos does not converge.
GramSpectrum gram_spectrum(const SparseRowMatrix& A, long dense_max = 200, double rank_tol = 1e-12);

}  // namespace thmcheck
