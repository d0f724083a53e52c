#include "thmcheck/spectral/sampled_hessian.hpp"

#include <algorithm>
#include <stdexcept>

namespace thmcheck {

SampledHessian sample_hessian(const RowSampler& sampler, long batch, Engine& rng) {
  if (batch < 1) throw std::invalid_argument("minibatch size must be at least 1");
  std::vector<std::size_t> draws(static_cast<std::size_t>(batch));
  sampler.table.sample(rng, draws);
  std::sort(draws.begin(), draws.end());
  SampledHessian h;
  for (std::size_t j = 0; j < draws.size();) {
    std::size_t k = j;
    while (k < draws.size() && draws[k] == draws[j]) ++k;
    h.rows.push_back(draws[j]);
    h.weights.push_back(double(k - j) * sampler.inv_p[draws[j]] / double(batch));
    j = k;
  }
  return h;
}

void SampledHessian::apply(const RowMatrix& A, const double* x, double* y) const {
  const Eigen::Index d = A.cols();
  std::fill(y, y + d, 0.0);
  for (std::size_t j = 0; j < rows.size(); ++j) {
    const double* a = A.data() + Eigen::Index(rows[j]) * d;
    double r = 0;
    for (Eigen::Index c = 0; c < d; ++c) r += a[c] * x[c];
    r *= weights[j];
    for (Eigen::Index c = 0; c < d; ++c) y[c] += r * a[c];
  }
}

Eigen::MatrixXd SampledHessian::dense(const RowMatrix& A) const {
  const Eigen::Index d = A.cols();
  Eigen::MatrixXd H = Eigen::MatrixXd::Zero(d, d);
  for (std::size_t j = 0; j < rows.size(); ++j) {
    Eigen::VectorXd a = A.row(Eigen::Index(rows[j])).transpose();
    H.noalias() += weights[j] * a * a.transpose();
  }
  return H;
}

}  // namespace thmcheck
