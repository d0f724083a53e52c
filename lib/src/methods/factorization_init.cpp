#include "thmcheck/methods/factorization_init.hpp"

#include <cmath>
#include <string>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/problems/gaussian.hpp"

namespace thmcheck {

namespace {

void require_positive(double v, const char* what) {
  if (!(v > 0) || !std::isfinite(v))
    throw InputError(std::string("factorization init: ") + what + " must be positive, got " +
                     std::to_string(v));
}

void require_width(int d) {
  if (d < 1) throw InputError("factorization init: width d must be >= 1, got " + std::to_string(d));
}

}  // namespace

Eigen::MatrixXd sketch_matrix(Eigen::Index n, Eigen::Index d, Engine& rng) {
  return gaussian_matrix(n, d, rng, 1.0 / std::sqrt(double(d)));
}

FactorInit asymmetric_init(const Eigen::MatrixXd& A, int d, double eta, double C, double D,
                           double s1, Engine& rng) {
  require_width(d);
  require_positive(eta, "eta");
  require_positive(C, "C");
  require_positive(D, "D");
  require_positive(s1, "s_1(A)");
  FactorInit out;
  out.Phi = sketch_matrix(A.cols(), d, rng);
  const Eigen::MatrixXd Phi2 = sketch_matrix(A.cols(), d, rng);
  out.X0 = (A * out.Phi) / (std::sqrt(eta) * C * s1);
  out.Y0 = (std::sqrt(eta) * D * s1) * Phi2;
  return out;
}

FactorInit unbalanced_init(const Eigen::MatrixXd& A, int d, double c, Engine& rng) {
  require_width(d);
  require_positive(c, "c");
  FactorInit out;
  out.Phi = sketch_matrix(A.cols(), d, rng);
  out.X0 = c * (A * out.Phi);
  out.Y0 = Eigen::MatrixXd::Zero(A.cols(), d);
  return out;
}

FactorInit small_gaussian_init(Eigen::Index m, Eigen::Index n, int d, double sigma, Engine& rng) {
  require_width(d);
  require_positive(sigma, "sigma");
  FactorInit out;
  out.X0 = gaussian_matrix(m, d, rng, sigma);
  out.Y0 = gaussian_matrix(n, d, rng, sigma);
  return out;
}

}  // namespace thmcheck
