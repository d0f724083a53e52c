#include "thmcheck/methods/factorization.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "ordered_products.hpp"
#include "thmcheck/core/errors.hpp"

namespace thmcheck {

namespace {

using detail::add_product;
using detail::assign_product;
using detail::Op;
using detail::residual_product;

std::string shape(const Eigen::MatrixXd& M) {
  return std::to_string(M.rows()) + " x " + std::to_string(M.cols());
}

}  // namespace

FactorizationMethod::FactorizationMethod(const Eigen::MatrixXd& A, double eta, Eigen::MatrixXd X0,
                                         Eigen::MatrixXd Y0)
    : A_(&A), eta_(eta), X_(std::move(X0)), Y_(std::move(Y0)), R_(A.rows(), A.cols()) {
  if (X_.rows() != A.rows() || Y_.rows() != A.cols() || X_.cols() != Y_.cols())
    throw InputError("factorization: A is " + shape(A) + " but X_0 is " + shape(X_) +
                     " and Y_0 is " + shape(Y_) + " (need m x d and n x d)");
  if (!(eta > 0) || !std::isfinite(eta))
    throw InputError("factorization: step size eta must be positive, got " + std::to_string(eta));
  refresh_residual();
}

void FactorizationMethod::refresh_residual() {
  residual_product(R_, *A_, X_, Op::plain, Y_, Op::transposed);
}

AlternatingGD::AlternatingGD(const Eigen::MatrixXd& A, double eta, Eigen::MatrixXd X0,
                             Eigen::MatrixXd Y0)
    : FactorizationMethod(A, eta, std::move(X0), std::move(Y0)),
      H_(A.rows(), A.cols()),
      GX_(X_.rows(), X_.cols()),
      GY_(Y_.rows(), Y_.cols()) {}

void AlternatingGD::step() {
  assign_product(GX_, 1, R_, Op::plain, Y_, Op::plain);  // R_t Y_t
  X_ += eta_ * GX_;
  residual_product(H_, *A_, X_, Op::plain, Y_, Op::transposed);  // A - X_{t+1} Y_t^T
  assign_product(GY_, 1, H_, Op::transposed, X_, Op::plain);
  Y_ += eta_ * GY_;
  refresh_residual();
  ++t_;
}

SimultaneousGD::SimultaneousGD(const Eigen::MatrixXd& A, double eta, Eigen::MatrixXd X0,
                               Eigen::MatrixXd Y0)
    : FactorizationMethod(A, eta, std::move(X0), std::move(Y0)),
      GX_(X_.rows(), X_.cols()),
      GY_(Y_.rows(), Y_.cols()) {}

void SimultaneousGD::step() {
  assign_product(GX_, 1, R_, Op::plain, Y_, Op::plain);
  assign_product(GY_, 1, R_, Op::transposed, X_, Op::plain);
  X_ += eta_ * GX_;
  Y_ += eta_ * GY_;
  refresh_residual();
  ++t_;
}

NesterovFactorization::NesterovFactorization(const Eigen::MatrixXd& A, double eta, double beta,
                                             Eigen::MatrixXd X0, Eigen::MatrixXd Y0)
    : FactorizationMethod(A, eta, std::move(X0), std::move(Y0)),
      beta_(beta),
      Xprev_(X_),
      Yprev_(Y_),
      Xt_(X_.rows(), X_.cols()),
      Yt_(Y_.rows(), Y_.cols()),
      Rt_(A.rows(), A.cols()) {
  if (!(beta >= 0 && beta < 1))
    throw InputError("Nesterov factorization: momentum beta must lie in [0, 1), got " +
                     std::to_string(beta));
}

void NesterovFactorization::step() {
  Xt_ = X_ + beta_ * (X_ - Xprev_);
  Yt_ = Y_ + beta_ * (Y_ - Yprev_);
  residual_product(Rt_, *A_, Xt_, Op::plain, Yt_, Op::transposed);
  // The new iterate is written over the previous one: Xprev <- X, X <- Xt + eta Rt Yt.
  Xprev_.swap(X_);
  Yprev_.swap(Y_);
  X_ = Xt_;
  add_product(X_, eta_, Rt_, Op::plain, Yt_, Op::plain);
  Y_ = Yt_;
  add_product(Y_, eta_, Rt_, Op::transposed, Xt_, Op::plain);
  refresh_residual();
  ++t_;
}

void run(FactorizationMethod& m, int iterations, const FactorObserver& observe) {
  observe(0, m);
  for (int t = 1; t <= iterations; ++t) {
    m.step();
    observe(t, m);
  }
}

int iterations_to(FactorizationMethod& m, double target_loss, int max_iterations) {
  for (int t = 0;; ++t) {
    const double f = m.loss();
    if (!std::isfinite(f)) return -1;
    if (f <= target_loss) return t;
    if (t == max_iterations) return -1;
    m.step();
  }
}

TailRate tail_rate(FactorizationMethod& m, double upper, double lower, int max_iterations) {
  const double normA = m.A().norm();
  return tail_rate([&] { return m.residual().norm() / normA; }, [&] { m.step(); }, upper, lower,
                   max_iterations);
}

TailRate tail_rate(const std::function<double()>& error, const std::function<void()>& step,
                   double upper, double lower, int max_iterations) {
  if (!(lower > 0 && lower < upper))
    throw InputError("tail_rate: need 0 < lower < upper, got lower = " + std::to_string(lower) +
                     ", upper = " + std::to_string(upper));
  TailRate out;
  // Running sums of the least-squares fit of log ||R_t|| on t over the window, centred at its first
  // step so that the sums stay small.
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (int t = 0;; ++t) {
    const double e = error();
    if (!std::isfinite(e)) return out;
    if (out.t_upper < 0 && e <= upper) out.t_upper = t;
    if (out.t_upper >= 0) {
      const double x = t - out.t_upper, y = std::log(e);
      n += 1;
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    if (e <= lower) {
      out.t_lower = t;
      break;
    }
    if (t == max_iterations) return out;
    step();
  }
  const double den = n * sxx - sx * sx;
  if (n >= 2 && den > 0) out.slope = (n * sxy - sx * sy) / den;
  return out;
}

Eigen::VectorXd loss_curve(FactorizationMethod& m, int iterations) {
  Eigen::VectorXd out(iterations + 1);
  run(m, iterations, [&](int t, const FactorizationMethod& fm) {
    const double f = fm.loss();
    out(t) = std::isfinite(f) && f > 0 ? std::log(f) : std::numeric_limits<double>::quiet_NaN();
  });
  return out;
}

}  // namespace thmcheck
