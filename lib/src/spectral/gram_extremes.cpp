#include "thmcheck/spectral/gram_extremes.hpp"

#include <Spectra/SymEigsSolver.h>
#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "thmcheck/core/errors.hpp"

namespace thmcheck {

namespace {

// x -> shift x - A^T (A x) (shift = 0 and sign = -1 give A^T A).
class GramOp {
 public:
  using Scalar = double;
  GramOp(const SparseRowMatrix& A, double shift, double sign)
      : A_(A), shift_(shift), sign_(sign), Ax_(A.rows()) {}
  Eigen::Index rows() const { return A_.cols(); }
  Eigen::Index cols() const { return A_.cols(); }
  void perform_op(const double* x_in, double* y_out) const {
    Eigen::Map<const Eigen::VectorXd> x(x_in, A_.cols());
    Eigen::Map<Eigen::VectorXd> y(y_out, A_.cols());
    Ax_.noalias() = A_ * x;
    y.noalias() = A_.transpose() * Ax_;
    y = shift_ * x - sign_ * y;
  }

 private:
  const SparseRowMatrix& A_;
  double shift_, sign_;
  mutable Eigen::VectorXd Ax_;
};

double largest(GramOp op, double tol) {
  const Eigen::Index n = op.rows();
  Spectra::SymEigsSolver<GramOp> eigs(op, 1, std::min<Eigen::Index>(n, 30));
  eigs.init();
  eigs.compute(Spectra::SortRule::LargestAlge, 5000, tol);
  if (eigs.info() != Spectra::CompInfo::Successful)
    throw std::runtime_error("Lanczos (Spectra) did not converge on A^T A");
  return eigs.eigenvalues()(0);
}

}  // namespace

GramSpectrum gram_spectrum(const SparseRowMatrix& A, long dense_max, double rank_tol) {
  if (A.rows() < A.cols())
    throw InputError(
        fmt::format("the matrix is {} x {}: fewer rows than columns, so A^T A is singular "
                    "(rank-deficient); the theorems need full column rank",
                    A.rows(), A.cols()));
  GramSpectrum g;
  g.trace = A.squaredNorm();
  if (!std::isfinite(g.trace))
    throw InputError(
        "the matrix's entries are too large: tr(A^T A) = ||A||_F^2 overflows double precision "
        "(scale the matrix down)");
  if (A.cols() <= dense_max || A.cols() < 3) {
    Eigen::MatrixXd H = Eigen::MatrixXd(A.transpose() * A);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(H, Eigen::EigenvaluesOnly);
    g.eigenvalues = es.eigenvalues();
    g.lambda_min = g.eigenvalues(0);
    g.lambda_max = g.eigenvalues(g.eigenvalues.size() - 1);
    g.method = "dense";
  } else {
    g.lambda_max = largest(GramOp(A, 0, -1), 1e-13);
    // lambda_max - lambda_min is the top of lambda_max I - H (positive semidefinite).
    const double spread = largest(GramOp(A, g.lambda_max, 1), 1e-13);
    g.lambda_min = g.lambda_max - spread;
    g.eigenvalues = Eigen::Vector2d(g.lambda_min, g.lambda_max);
    g.method = "lanczos";
  }
  if (!(g.lambda_max > 0)) throw InputError("the matrix is zero: A^T A has no positive eigenvalue");
  if (!(g.lambda_min > rank_tol * g.lambda_max))
    throw InputError(fmt::format(
        "the matrix is rank-deficient: lambda_min(A^T A) = {:.3g} <= {:g} lambda_max = {:.3g}",
        g.lambda_min, rank_tol, rank_tol * g.lambda_max));
  return g;
}

}  // namespace thmcheck
