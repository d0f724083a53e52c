#include "thmcheck/spectral/linear_operator.hpp"

#include <Spectra/SymEigsSolver.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace thmcheck {

void GramOperator::perform_op(const double* x_in, double* y_out) const {
  m_.apply(x_in, tmp_.data());
  m_.apply_transpose(tmp_.data(), y_out);
  if (scale_ != 1.0)
    for (Eigen::Index i = 0; i < m_.n; ++i) y_out[i] *= scale_;
}

NormResult lanczos_norm(const LinearOperator& m, double tol) {
  if (m.n < 1) throw std::invalid_argument("lanczos_norm: empty operator");
  NormResult r;
  if (m.n == 1) {
    double x = 1, y = 0;
    m.apply(&x, &y);
    r.norm = std::abs(y);
    r.operator_applications = 1;
    return r;
  }
  if (m.n <= 6) {
    // Tiny operators (d <= 3): the dense SVD is exact and cheaper. Spectra's SymEigsSolver was seen to
    // return a Ritz value 4e-6 (relative) above the true top eigenvalue at n = 4 with ncv = n (root cause
    // not yet found), so the Krylov path is kept for n > 6, where it is checked against dense products.
    r.norm = Eigen::JacobiSVD<Eigen::MatrixXd>(dense_matrix(m)).singularValues()(0);
    r.operator_applications = m.n;
    return r;
  }
  // A rough size of lambda_max(M^T M) from a few power steps on a fixed start, to rescale to order one.
  Eigen::VectorXd x = Eigen::VectorXd::Ones(m.n) / std::sqrt(double(m.n)), y(m.n);
  double size = 0;
  {
    GramOperator raw(m);
    for (int it = 0; it < 3; ++it) {
      raw.perform_op(x.data(), y.data());
      size = y.norm();
      if (!(size > 0) || !std::isfinite(size)) break;
      x = y / size;
    }
  }
  if (!std::isfinite(size)) throw std::runtime_error("lanczos_norm: the operator overflows");
  if (!(size > 0)) size = 1;  // the start lies in the null space; any scale does
  GramOperator op(m, 1 / size);
  // A generous subspace: the top of M^T M is often clustered (many blocks of T^k have nearly the same
  // norm), which slows the convergence of the Ritz vector but not of the Ritz value we need.
  const Eigen::Index ncv = std::min<Eigen::Index>(m.n, 24);
  Spectra::SymEigsSolver<GramOperator> eigs(op, 1, ncv);
  eigs.init();  // Spectra's fixed pseudo-random start: deterministic
  eigs.compute(Spectra::SortRule::LargestAlge, 2000, tol);
  if (eigs.info() != Spectra::CompInfo::Successful)
    throw std::runtime_error("lanczos_norm: Spectra did not converge on the Gram operator");
  r.norm = std::sqrt(std::max(0.0, eigs.eigenvalues()(0)) * size);
  r.operator_applications = eigs.num_operations() + 3;
  return r;
}

Eigen::MatrixXd dense_matrix(const LinearOperator& m) {
  Eigen::MatrixXd M(m.n, m.n);
  Eigen::VectorXd e = Eigen::VectorXd::Zero(m.n);
  for (Eigen::Index j = 0; j < m.n; ++j) {
    e(j) = 1;
    m.apply(e.data(), M.col(j).data());
    e(j) = 0;
  }
  return M;
}

}  // namespace thmcheck
