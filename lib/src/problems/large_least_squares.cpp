#include "thmcheck/problems/large_least_squares.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/random/normal_distribution.hpp>
#include <stdexcept>

#include "../core/huge_pages.hpp"
#include "thmcheck/core/errors.hpp"
#include "thmcheck/problems/gaussian.hpp"

namespace thmcheck {

namespace {

// A^T A accumulated over row blocks (Eigen's product of the whole A would be fine too; blocks keep
// the temporaries of the product small and bounded).
Eigen::MatrixXd gram(const RowMatrix& A, Eigen::Index block) {
  const Eigen::Index n = A.rows(), d = A.cols();
  Eigen::MatrixXd G = Eigen::MatrixXd::Zero(d, d);
  for (Eigen::Index r = 0; r < n; r += block) {
    const Eigen::Index m = std::min(block, n - r);
    G.selfadjointView<Eigen::Lower>().rankUpdate(A.middleRows(r, m).transpose());
  }
  return G.selfadjointView<Eigen::Lower>();
}

// A <- A M, one row block at a time (a block-sized temporary, never a second A).
void right_multiply(RowMatrix& A, const Eigen::MatrixXd& M, Eigen::Index block) {
  RowMatrix tmp;
  for (Eigen::Index r = 0; r < A.rows(); r += block) {
    const Eigen::Index m = std::min(block, A.rows() - r);
    tmp.noalias() = A.middleRows(r, m) * M;
    A.middleRows(r, m) = tmp;
  }
}

// R^{-1} of the Cholesky factor R (upper, R^T R = G); throws when G is not positive definite.
Eigen::MatrixXd inverse_cholesky_factor(const Eigen::MatrixXd& G) {
  Eigen::LLT<Eigen::MatrixXd> llt(G);
  if (llt.info() != Eigen::Success)
    throw std::runtime_error(
        "large_least_squares_with_spectrum: Gram matrix of the Gaussian is not positive definite");
  const Eigen::Index d = G.rows();
  Eigen::MatrixXd Rinv = Eigen::MatrixXd::Identity(d, d);
  llt.matrixU().solveInPlace(Rinv);
  return Rinv;
}

}  // namespace

double least_squares_bytes(Eigen::Index n, Eigen::Index d) {
  return 8.0 * double(n) * double(d + 1);
}

LeastSquares large_least_squares_with_spectrum(const Eigen::VectorXd& lambda, Eigen::Index n,
                                               Engine& rng, double noise, Eigen::Index block_rows) {
  const Eigen::Index d = lambda.size();
  if (d < 1) throw InputError("a least-squares instance needs d >= 1");
  if (n < d)
    throw InputError(
        fmt::format("a full-rank least-squares instance needs n >= d, got n = {} < d = {}", n, d));
  if (lambda.minCoeff() <= 0) throw InputError("eigenvalues of A^T A must be positive");
  if (block_rows < 1)
    throw std::invalid_argument("large_least_squares_with_spectrum: block_rows must be positive");

  LeastSquares p;
  p.A.resize(n, d);
  detail::advise_huge_pages(p.A.data(), std::size_t(n) * std::size_t(d) * sizeof(double));
  {
    boost::random::normal_distribution<double> g(0.0, 1.0);
    double* a = p.A.data();
    for (Eigen::Index i = 0; i < n * d; ++i) a[i] = g(rng);  // row by row: A is row-major
  }
  Eigen::MatrixXd V = random_orthonormal(d, d, rng);
  Eigen::VectorXd s = lambda.cwiseSqrt();

  // CholeskyQR2: pass one makes A = G R1^{-1}; pass two folds R2^{-1} diag(s) V^T into one product.
  right_multiply(p.A, inverse_cholesky_factor(gram(p.A, block_rows)), block_rows);
  const Eigen::MatrixXd M =
      inverse_cholesky_factor(gram(p.A, block_rows)) * s.asDiagonal() * V.transpose();
  right_multiply(p.A, M, block_rows);

  Eigen::VectorXd x_opt = gaussian_vector(d, rng);
  p.b = p.A * x_opt;
  p.x_star = x_opt;
  if (noise > 0) {
    Eigen::VectorXd r = gaussian_vector(n, rng);
    r *= noise / r.norm();
    p.b += r;
    // A^+ r = V diag(1/s) U^T r and U^T r = diag(1/s) V^T A^T r, so A^+ r = V diag(1/s^2) V^T A^T
    // r.
    Eigen::VectorXd Atr = p.A.transpose() * r;
    p.x_star += V * (V.transpose() * Atr).cwiseQuotient(lambda);
  }
  // The minibatch kernels read b at the drawn rows, scattered as the rows are.
  detail::collapse_huge_pages(p.b.data(), std::size_t(n) * sizeof(double));
  set_sorted_eigenpairs(p, lambda, V);
  return p;
}

}  // namespace thmcheck
