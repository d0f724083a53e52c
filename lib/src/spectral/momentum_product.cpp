#include "thmcheck/spectral/momentum_product.hpp"

#include <stdexcept>

namespace thmcheck {

namespace {

// Y [u; v] = [(1 + beta) u - alpha H u - beta v; u];  Y^T [u; v] = [(1 + beta) u - alpha H u + v;
// -beta u].
void factor(const HessianApply& h, std::size_t j, Eigen::Index d, double alpha, double beta,
            bool transpose, const double* in, double* out, double* Hu) {
  const double* u = in;
  const double* v = in + d;
  h(j, u, Hu);
  for (Eigen::Index c = 0; c < d; ++c) {
    const double top = (1 + beta) * u[c] - alpha * Hu[c] + (transpose ? v[c] : -beta * v[c]);
    out[d + c] = transpose ? -beta * u[c] : u[c];
    out[c] = top;
  }
}

}  // namespace

LinearOperator momentum_product(Eigen::Index d, std::size_t k, double alpha, double beta,
                                HessianApply hessian) {
  if (d < 1) throw std::invalid_argument("momentum_product: d must be at least 1");
  LinearOperator op;
  op.n = 2 * d;
  auto run = [d, k, alpha, beta, hessian](bool transpose, const double* x, double* y) {
    // Two state buffers and a Hessian buffer per call: the operator may be used from several
    // threads.
    Eigen::VectorXd a = Eigen::Map<const Eigen::VectorXd>(x, 2 * d), b(2 * d), Hu(d);
    for (std::size_t s = 0; s < k; ++s) {
      // Z = Y_k ... Y_1 applies Y_1 first; Z^T = Y_1^T ... Y_k^T applies Y_k^T first.
      const std::size_t j = transpose ? k - 1 - s : s;
      factor(hessian, j, d, alpha, beta, transpose, a.data(), b.data(), Hu.data());
      a.swap(b);
    }
    Eigen::Map<Eigen::VectorXd>(y, 2 * d) = a;
  };
  op.apply = [run](const double* x, double* y) { run(false, x, y); };
  op.apply_transpose = [run](const double* x, double* y) { run(true, x, y); };
  return op;
}

LinearOperator momentum_power(const Eigen::MatrixXd& H, std::size_t k, double alpha, double beta) {
  auto Hs = std::make_shared<const Eigen::MatrixXd>(H);
  const Eigen::Index d = H.rows();
  return momentum_product(d, k, alpha, beta, [Hs, d](std::size_t, const double* x, double* y) {
    Eigen::Map<Eigen::VectorXd>(y, d).noalias() = *Hs * Eigen::Map<const Eigen::VectorXd>(x, d);
  });
}

LinearOperator minibatch_momentum_product(
    const LeastSquares& problem, std::shared_ptr<const std::vector<SampledHessian>> hessians,
    double alpha, double beta) {
  const RowMatrix* A = &problem.A;
  return momentum_product(
      problem.cols(), hessians->size(), alpha, beta,
      [A, hessians](std::size_t j, const double* x, double* y) { (*hessians)[j].apply(*A, x, y); });
}

Eigen::MatrixXd momentum_matrix_dense(const Eigen::MatrixXd& H, double alpha, double beta) {
  const Eigen::Index d = H.rows();
  Eigen::MatrixXd Y = Eigen::MatrixXd::Zero(2 * d, 2 * d);
  Y.topLeftCorner(d, d) = (1 + beta) * Eigen::MatrixXd::Identity(d, d) - alpha * H;
  Y.topRightCorner(d, d) = -beta * Eigen::MatrixXd::Identity(d, d);
  Y.bottomLeftCorner(d, d) = Eigen::MatrixXd::Identity(d, d);
  return Y;
}

}  // namespace thmcheck
