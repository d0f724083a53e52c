#include "thmcheck/problems/low_rank.hpp"

#include <cmath>
#include <string>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/problems/gaussian.hpp"

namespace thmcheck {

const std::vector<std::string>& singular_spacing_names() {
  static const std::vector<std::string> names = {"geometric", "linear"};
  return names;
}

std::string to_string(SingularSpacing s) {
  return singular_spacing_names().at(static_cast<std::size_t>(s));
}

SingularSpacing parse_singular_spacing(std::string_view name) {
  const auto& n = singular_spacing_names();
  for (std::size_t i = 0; i < n.size(); ++i)
    if (n[i] == name) return static_cast<SingularSpacing>(i);
  throw InputError("unknown singular-value spacing '" + std::string(name) +
                   "' (expected geometric or linear)");
}

Eigen::VectorXd singular_values(int r, double kappa, SingularSpacing spacing) {
  if (r < 1) throw InputError("a low-rank matrix needs rank r >= 1, got r = " + std::to_string(r));
  if (!(kappa >= 1) || !std::isfinite(kappa))
    throw InputError("kappa must be a finite number >= 1, got " + std::to_string(kappa));
  Eigen::VectorXd s(r);
  for (int i = 0; i < r; ++i) {
    const double t = r == 1 ? 0.0 : double(i) / double(r - 1);
    s(i) =
        spacing == SingularSpacing::geometric ? std::pow(kappa, -t) : 1.0 - t * (1.0 - 1.0 / kappa);
  }
  return s;
}

LowRankMatrix low_rank_matrix(Eigen::Index m, Eigen::Index n, int r, double kappa,
                              SingularSpacing spacing, Engine& rng, double noise) {
  if (m < 1 || n < 1)
    throw InputError("low-rank matrix: sizes must be positive, got m = " + std::to_string(m) +
                     ", n = " + std::to_string(n));
  if (r > std::min(m, n))
    throw InputError("low-rank matrix: rank r = " + std::to_string(r) +
                     " exceeds min(m, n) = " + std::to_string(std::min(m, n)));
  if (!(noise >= 0) || !std::isfinite(noise))
    throw InputError("low-rank matrix: noise must be >= 0, got " + std::to_string(noise));
  LowRankMatrix out;
  out.U = random_orthonormal(m, r, rng);
  out.V = random_orthonormal(n, r, rng);
  out.s = singular_values(r, kappa, spacing);
  out.A = out.U * out.s.asDiagonal() * out.V.transpose();
  out.noise = noise;
  if (noise > 0) {
    Eigen::MatrixXd E = gaussian_matrix(m, n, rng);
    out.A += (noise * out.s.norm() / E.norm()) * E;
  }
  return out;
}

}  // namespace thmcheck
