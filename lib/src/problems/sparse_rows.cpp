#include "thmcheck/problems/sparse_rows.hpp"

#include <boost/random/uniform_01.hpp>

#include "thmcheck/problems/gaussian.hpp"

namespace thmcheck {

LeastSquares sparse_rows_problem(Eigen::Index n, Eigen::Index d, Engine& rng) {
  boost::random::uniform_01<double> u;
  RowMatrix A = RowMatrix::Zero(n, d);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double D = u(rng) < 0.1 ? 10.0 : 1.0;
    for (Eigen::Index j = 0; j < d; ++j)
      if (u(rng) > 0.9) A(i, j) = D;
  }
  Eigen::VectorXd x_opt = gaussian_vector(d, rng);
  Eigen::VectorXd b = A * x_opt;
  return least_squares_from(std::move(A), std::move(b));
}

}  // namespace thmcheck
