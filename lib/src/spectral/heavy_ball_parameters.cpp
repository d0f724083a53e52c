#include "thmcheck/spectral/heavy_ball_parameters.hpp"

#include <fmt/format.h>

#include <Eigen/Eigenvalues>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "thmcheck/core/errors.hpp"

namespace thmcheck {

HeavyBallParameters heavy_ball_parameters(const Eigen::VectorXd& ev, double widen) {
  if (ev.size() < 1) throw InputError("heavy-ball parameters need at least one eigenvalue");
  if (!(ev.minCoeff() > 0))
    throw InputError("heavy-ball parameters need a positive definite H (lambda_min > 0)");
  if (!(widen > 1)) throw InputError("the widening factor c must exceed 1");
  HeavyBallParameters p;
  p.d = int(ev.size());
  p.lambda_min = ev.minCoeff();
  p.lambda_max = ev.maxCoeff();
  p.kappa = p.lambda_max / p.lambda_min;
  p.trace = ev.sum();
  p.kappa_bar = p.trace / (double(p.d) * p.lambda_min);
  p.widen = widen;
  p.gamma = std::isinf(widen) ? 0.0 : p.lambda_min / widen;
  p.l = p.lambda_min - p.gamma;
  p.L = p.lambda_max + p.gamma;
  const double sL = std::sqrt(p.L), sl = std::sqrt(p.l);
  p.alpha = 4.0 / ((sL + sl) * (sL + sl));
  p.sqrt_beta = (sL - sl) / (sL + sl);
  p.beta = p.sqrt_beta * p.sqrt_beta;
  // The maximum of cond(U_i) sits at the end blocks (lambda_min - l = L - lambda_max = gamma), but
  // scan all eigenvalues: cheap, and right for any spectrum.
  p.kappa_C = 0;
  for (Eigen::Index i = 0; i < ev.size(); ++i)
    p.kappa_C = std::max(p.kappa_C, block_eigenvector_condition(p, ev(i)));
  return p;
}

HeavyBallParameters heavy_ball_parameters(double lambda_min, double lambda_max, double trace, int d,
                                          double widen) {
  if (d < 1) throw InputError("heavy-ball parameters need d >= 1");
  if (!(lambda_max >= lambda_min))
    throw InputError("heavy-ball parameters need lambda_min <= lambda_max");
  if (!(trace >= lambda_max + (d - 1) * lambda_min * (1 - 1e-12)) ||
      !(trace <= d * lambda_max * (1 + 1e-12)))
    throw InputError(
        "heavy-ball parameters: the trace is inconsistent with d, lambda_min and lambda_max");
  HeavyBallParameters p = heavy_ball_parameters(Eigen::Vector2d(lambda_min, lambda_max), widen);
  p.d = d;
  p.trace = trace;
  p.kappa_bar = trace / (double(d) * lambda_min);
  return p;
}

double block_eigenvector_condition(const HeavyBallParameters& p, double lambda) {
  const double q = (lambda - p.l) * (p.L - lambda);
  if (!(q > 0)) return std::numeric_limits<double>::infinity();
  const double opb = 1 + p.beta;
  const double c = std::sqrt(std::max(0.0, 1 - p.alpha * p.alpha * q / (opb * opb)));
  return (1 + c) * opb / (p.alpha * std::sqrt(q));
}

Eigen::Matrix2d momentum_block(const HeavyBallParameters& p, double lambda) {
  Eigen::Matrix2d T;
  T << 1 + p.beta - p.alpha * lambda, -p.beta, 1, 0;
  return T;
}

double block_eigenvector_condition_numeric(const HeavyBallParameters& p, double lambda) {
  Eigen::ComplexEigenSolver<Eigen::Matrix2d> es(momentum_block(p, lambda));
  Eigen::Matrix2cd U = es.eigenvectors();
  for (int j = 0; j < 2; ++j) U.col(j).normalize();
  Eigen::JacobiSVD<Eigen::Matrix2cd> svd(U);
  const auto s = svd.singularValues();
  return s(1) > 0 ? s(0) / s(1) : std::numeric_limits<double>::infinity();
}

double critical_batch_real(const HeavyBallParameters& p) {
  return 16 * std::numbers::e * p.trace * p.lambda_max * std::log(2.0 * p.d) * p.alpha * p.alpha /
         (p.beta * std::log(1 / p.beta));
}

long critical_batch(const HeavyBallParameters& p) {
  const double b = std::floor(critical_batch_real(p));
  // Converting a double beyond the range of long is undefined (it printed -2^63): refused instead.
  if (!(b >= 0 && b < 0x1p63))
    throw InputError(fmt::format("B* = {:g} is not an integer a 64-bit long can hold", b));
  return long(b);
}

double critical_batch_horizon(const HeavyBallParameters& p, double k) {
  const double second = std::sqrt(2 * p.beta * std::log(k)) / (p.alpha * p.kappa_C * std::sqrt(k));
  return 16 * std::numbers::e * p.trace * std::log(2.0 * p.d) * p.alpha * p.alpha * p.kappa_C *
         p.kappa_C * k / (p.beta * std::log(k)) * std::max(p.lambda_max, second);
}

double iterations_to_eps(const HeavyBallParameters& p, double eps) {
  return 2 * std::log(eps / (std::sqrt(2.0) * p.kappa_C)) / std::log(p.beta);
}

}  // namespace thmcheck
