#include "thmcheck/methods/kaczmarz.hpp"

namespace thmcheck {

RandomizedKaczmarz::RandomizedKaczmarz(const LeastSquares& p, double omega, Eigen::VectorXd x0,
                                       std::shared_ptr<const RowSampler> sampler)
    : p_(p),
      sampler_(sampler ? std::move(sampler)
                       : std::make_shared<const RowSampler>(p.A, Sampling::row_norm)),
      x_(std::move(x0)),
      omega_(omega) {
  inv_row_norm2_.resize(std::size_t(p.A.rows()));
  for (Eigen::Index i = 0; i < p.A.rows(); ++i) {
    double r = p.A.row(i).squaredNorm();
    inv_row_norm2_[std::size_t(i)] = r > 0 ? 1.0 / r : 0.0;
  }
}

void RandomizedKaczmarz::step(Engine& rng) {
  const std::size_t i = sampler_->table.sample(rng);
  const auto a = p_.A.row(Eigen::Index(i));
  const double r = a.dot(x_) - p_.b(Eigen::Index(i));
  x_.noalias() -= (omega_ * r * inv_row_norm2_[i]) * a.transpose();
}

}  // namespace thmcheck
