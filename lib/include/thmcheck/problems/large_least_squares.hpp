// Memory-lean least-squares instances with a prescribed spectrum, for paper-scale n (10^6 rows):
// A = U diag(sqrt(lambda)) V^T built in place, so the peak memory is A plus O(d^2 + block d), where
// least_squares_with_spectrum holds the Gaussian, its Householder factors, U and A at once (about
// 4x A).
//
// U is the orthonormal factor of an n x d Gaussian G, computed by CholeskyQR2 (Fukaya et al.,
// 2014): G is written into A's storage, then A <- A R1^{-1} with R1^T R1 = A^T A, twice (the second
// pass restores orthogonality to round-off; a tall Gaussian has cond(G) ~ (sqrt n + sqrt d)/(sqrt n
// - sqrt d), so one pass already loses almost nothing). With positive-diagonal R, U = G R^{-1} is
// Haar-distributed, the same law as the Householder construction, but the draws differ: the same
// seed gives a different (equally distributed) instance than least_squares_with_spectrum.
#pragma once

#include "thmcheck/problems/least_squares.hpp"

namespace thmcheck {

// Same contract as least_squares_with_spectrum (consistent when noise = 0; eigenvalues ascending
// with V's columns as eigenvectors). G is filled row by row from rng. Throws InputError for n < d
// or a non-positive eigenvalue, std::runtime_error if the Gram matrix is not positive definite.
LeastSquares large_least_squares_with_spectrum(const Eigen::VectorXd& lambda, Eigen::Index n,
                                               Engine& rng, double noise = 0.0,
                                               Eigen::Index block_rows = 4096);

// The bytes a dense n x d instance holds (A, b): what "the matrix it holds" means for memory
// targets.
double least_squares_bytes(Eigen::Index n, Eigen::Index d);

}  // namespace thmcheck
