#include "thmcheck/methods/residual_curves.hpp"

namespace thmcheck {

std::pair<std::vector<double>, std::vector<double>> error_and_residual(IterativeMethod& m,
                                                                       const LeastSquares& P, int K,
                                                                       Engine& rng) {
  std::vector<double> e, res;
  const double e0 = (m.x() - P.x_star).norm(), b0 = P.b.norm();
  for (int k = 0; k <= K; ++k) {
    if (k > 0) m.step(rng);
    e.push_back((m.x() - P.x_star).norm() / e0);
    res.push_back((P.A * m.x() - P.b).norm() / b0);
  }
  return {e, res};
}

}  // namespace thmcheck
