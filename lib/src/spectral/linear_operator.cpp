#include "thmcheck/spectral/linear_operator.hpp"

#include <Spectra/SymEigsSolver.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace thmcheck {

void GramOperator::perform_op(const double* x_in, double* y_out) const {
  m_.apply(x_in, tmp_.data());
  m_.apply_transpose(tmp_.data(), y_out);
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
  GramOperator op(m);
  // A generous subspace: the top of M^T M is often clustered (many blocks of T^k have nearly the same
  // norm), which slows the convergence of the Ritz vector but not of the Ritz value we need.
  const Eigen::Index ncv = std::min<Eigen::Index>(m.n, 24);
  Spectra::SymEigsSolver<GramOperator> eigs(op, 1, ncv);
  eigs.init();  // Spectra's fixed pseudo-random start: deterministic
  eigs.compute(Spectra::SortRule::LargestAlge, 2000, tol);
  if (eigs.info() != Spectra::CompInfo::Successful)
    throw std::runtime_error("lanczos_norm: Spectra did not converge on the Gram operator");
  r.norm = std::sqrt(std::max(0.0, eigs.eigenvalues()(0)));
  r.operator_applications = eigs.num_operations();
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
