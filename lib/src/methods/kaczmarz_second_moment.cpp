#include "thmcheck/methods/kaczmarz_second_moment.hpp"

#include <stdexcept>

namespace thmcheck {

std::vector<Eigen::MatrixXd> kaczmarz_error_gram(const LeastSquares& p,
                                                 const std::vector<int>& checkpoints) {
  const Eigen::MatrixXd A = p.A;  // dense column-major copy: the products below are BLAS-3 shaped
  const Eigen::Index d = A.cols();
  const Eigen::VectorXd row_norm2 = A.rowwise().squaredNorm();
  for (Eigen::Index i = 0; i < A.rows(); ++i)
    if (!(row_norm2(i) > 0))
      throw std::invalid_argument("kaczmarz_error_gram: a zero row has no projection");
  const double F = row_norm2.sum();
  const Eigen::MatrixXd H = A.transpose() * A;
  Eigen::MatrixXd G = Eigen::MatrixXd::Identity(d, d);
  std::vector<Eigen::MatrixXd> out;
  int k = 0;
  for (int target : checkpoints) {
    if (target < k) throw std::invalid_argument("kaczmarz_error_gram: checkpoints must increase");
    for (; k < target; ++k) {
      const Eigen::MatrixXd AG = A * G;  // n x d
      const Eigen::VectorXd w = (AG.cwiseProduct(A)).rowwise().sum().cwiseQuotient(row_norm2);
      const Eigen::MatrixXd HG = H * G;
      Eigen::MatrixXd next =
          G - (HG + HG.transpose()) / F + A.transpose() * (w.asDiagonal() * A) / F;
      G = 0.5 *
          (next + next.transpose());  // symmetric in exact arithmetic; keep it so in floating point
    }
    out.push_back(G);
  }
  return out;
}

}  // namespace thmcheck
