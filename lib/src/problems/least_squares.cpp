#include "thmcheck/problems/least_squares.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/problems/gaussian.hpp"

namespace thmcheck {

bool LeastSquares::consistent() const {
  return (A * x_star - b).norm() <= 1e-10 * std::max(1.0, b.norm());
}

LeastSquares least_squares_with_spectrum(const Eigen::VectorXd& lambda, Eigen::Index n, Engine& rng,
                                         double noise) {
  const Eigen::Index d = lambda.size();
  if (d < 1) throw InputError("a least-squares instance needs d >= 1");
  if (n < d)
    throw InputError(
        fmt::format("a full-rank least-squares instance needs n >= d, got n = {} < d = {}", n, d));
  if (lambda.minCoeff() <= 0) throw InputError("eigenvalues of A^T A must be positive");
  LeastSquares p;
  Eigen::MatrixXd U = random_orthonormal(n, d, rng);
  Eigen::MatrixXd V = random_orthonormal(d, d, rng);
  Eigen::VectorXd s = lambda.cwiseSqrt();
  p.A = U * s.asDiagonal() * V.transpose();
  Eigen::VectorXd x_opt = gaussian_vector(d, rng);
  p.b = p.A * x_opt;
  p.x_star = x_opt;
  if (noise > 0) {
    Eigen::VectorXd r = gaussian_vector(n, rng);
    r *= noise / r.norm();
    p.b += r;
    // A^+ = V diag(1/s) U^T: the least-squares solution moves by A^+ r.
    p.x_star += V * (U.transpose() * r).cwiseQuotient(s);
  }
  set_sorted_eigenpairs(p, lambda, V);
  return p;
}

void set_sorted_eigenpairs(LeastSquares& p, const Eigen::VectorXd& lambda,
                           const Eigen::MatrixXd& V) {
  const Eigen::Index d = lambda.size();
  std::vector<Eigen::Index> order(d);
  for (Eigen::Index i = 0; i < d; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return lambda(a) < lambda(b); });
  p.eigenvalues.resize(d);
  p.eigenvectors.resize(d, d);
  for (Eigen::Index i = 0; i < d; ++i) {
    p.eigenvalues(i) = lambda(order[i]);
    p.eigenvectors.col(i) = V.col(order[i]);
  }
}

LeastSquares least_squares_from(RowMatrix A, Eigen::VectorXd b) {
  if (A.rows() != b.size())
    throw InputError(fmt::format("A has {} rows but b has {} entries", A.rows(), b.size()));
  if (A.rows() < A.cols())
    throw InputError(
        fmt::format("A is {} x {}: full column rank needs at least as many rows as columns",
                    A.rows(), A.cols()));
  LeastSquares p;
  Eigen::MatrixXd H = A.transpose() * A;
  if (!H.allFinite())
    throw InputError(
        "A's entries are too large: A^T A overflows double precision (scale the matrix down)");
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(H);
  p.eigenvalues = es.eigenvalues();
  p.eigenvectors = es.eigenvectors();
  if (!(p.eigenvalues(0) > 1e-13 * p.eigenvalues(p.eigenvalues.size() - 1)))
    throw InputError(
        fmt::format("A is rank-deficient (lambda_min(A^T A) = {:g}, lambda_max = {:g})",
                    p.eigenvalues(0), p.eigenvalues(p.eigenvalues.size() - 1)));
  p.x_star = Eigen::MatrixXd(A).colPivHouseholderQr().solve(b);
  p.A = std::move(A);
  p.b = std::move(b);
  return p;
}

}  // namespace thmcheck
