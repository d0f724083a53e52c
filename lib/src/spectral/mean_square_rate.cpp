#include "thmcheck/spectral/mean_square_rate.hpp"

#include <Spectra/GenEigsSolver.h>
#include <fmt/format.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>
#include <stdexcept>

namespace thmcheck {

namespace {

// L_B on symmetric (2d) x (2d) matrices, stored as their upper triangles column by column: the
// Spectra operator concept (rows(), cols(), perform_op). Any basis of the symmetric matrices gives
// the same eigenvalues. With Part::noise it is the noise part at B = 1 alone, S -> alpha^2
// [[K(S11), 0], [0, 0]], so that L_B = L_inf + N / B.
enum class Part { whole, noise };

class PackedOperator {
 public:
  using Scalar = double;
  explicit PackedOperator(const SecondMomentOperator& L, Part part = Part::whole)
      : L_(L), part_(part), m_(2 * L.d()), S_(m_, m_), out_(m_, m_) {}
  Eigen::Index rows() const { return m_ * (m_ + 1) / 2; }
  Eigen::Index cols() const { return rows(); }
  void perform_op(const double* x, double* y) const {
    Eigen::Index k = 0;
    for (Eigen::Index j = 0; j < m_; ++j)
      for (Eigen::Index i = 0; i <= j; ++i, ++k) S_(i, j) = S_(j, i) = x[k];
    if (part_ == Part::whole) {
      L_.apply(S_, out_);
    } else {
      const Eigen::Index d = L_.d();
      out_.setZero();
      out_.topLeftCorner(d, d) = L_.alpha() * L_.alpha() * L_.noise(S_.topLeftCorner(d, d));
    }
    k = 0;
    for (Eigen::Index j = 0; j < m_; ++j)
      for (Eigen::Index i = 0; i <= j; ++i, ++k) y[k] = out_(i, j);
    ++applications;
  }
  mutable long applications = 0;

 private:
  const SecondMomentOperator& L_;
  Part part_;
  Eigen::Index m_;
  mutable Eigen::MatrixXd S_, out_;
};

// The matrix of a packed operator, column by column.
Eigen::MatrixXd dense_matrix(const PackedOperator& op) {
  const Eigen::Index n = op.rows();
  Eigen::MatrixXd D(n, n);
  Eigen::VectorXd e = Eigen::VectorXd::Zero(n);
  for (Eigen::Index j = 0; j < n; ++j) {
    e(j) = 1;
    op.perform_op(e.data(), D.col(j).data());
    e(j) = 0;
  }
  return D;
}

double dense_radius(const PackedOperator& op) {
  const Eigen::MatrixXd D = dense_matrix(op);
  Eigen::EigenSolver<Eigen::MatrixXd> es(D, false);
  if (es.info() != Eigen::Success)
    throw std::runtime_error("mean-square radius: dense solve failed");
  return es.eigenvalues().cwiseAbs().maxCoeff();
}

}  // namespace

// Small operators are solved densely: d (2d + 1) <= 300 (d <= 12) costs a few hundredths of a
// second that way, less than Arnoldi's thousands of applications.
MeanSquareRadius mean_square_spectral_radius(const SecondMomentOperator& L, double tol,
                                             long dense_max, long fallback_max) {
  PackedOperator op(L);
  const Eigen::Index n = op.rows();
  MeanSquareRadius r;
  if (n <= dense_max) {
    r.rho = dense_radius(op);
    r.method = "dense";
    r.operator_applications = op.applications;
    return r;
  }
  // The eigenvalues of largest real part, in a generous subspace. As B grows, every eigenvalue of
  // L_B approaches the circle of radius beta (those of T (x) T lie on it), so in modulus the top
  // one is separated from many others only by the noise term, and Arnoldi on the largest moduli
  // was seen to stall (d = 10, B >= B*: no convergence in 5000 restarts). In real part they are
  // well separated (beta cos(theta) on the circle), and the Perron root rho(L_B) is also the
  // eigenvalue of largest real part: every other eigenvalue has modulus at most rho.
  const Eigen::Index nev = std::min<Eigen::Index>(4, n - 3);
  const Eigen::Index ncv = std::min<Eigen::Index>(n - 1, std::max<Eigen::Index>(2 * nev + 1, 60));
  Spectra::GenEigsSolver<PackedOperator> eigs(op, nev, ncv);
  // A positive definite start (the identity, packed) has a component along the PSD Perron vector.
  Eigen::VectorXd start(n);
  {
    Eigen::Index k = 0;
    const Eigen::Index m = 2 * L.d();
    for (Eigen::Index j = 0; j < m; ++j)
      for (Eigen::Index i = 0; i <= j; ++i, ++k) start(k) = i == j ? 1.0 : 0.0;
  }
  eigs.init(start.data());
  bool ok = true;
  std::string why;
  try {
    eigs.compute(Spectra::SortRule::LargestReal, 5000, tol);
    ok = eigs.info() == Spectra::CompInfo::Successful;
    if (!ok) why = "Spectra did not converge";
  } catch (const std::exception& e) {
    ok = false;
    why = e.what();
  }
  if (ok) {
    r.rho = eigs.eigenvalues().real().maxCoeff();
    r.method = "arnoldi";
  } else {
    if (n > fallback_max)
      throw std::runtime_error(
          fmt::format("mean-square radius: {} (d = {}, B = {:g})", why, L.d(), L.batch()));
    r.rho = dense_radius(op);
    r.method = "dense";
  }
  r.operator_applications = op.applications;
  return r;
}

MeanSquareCriticalBatch mean_square_critical_batch(const SecondMomentOperator& L, double tau,
                                                   double start, double max_batch,
                                                   double resolution) {
  if (!(L.beta() > 0)) throw std::invalid_argument("B_ms(tau) needs momentum beta > 0");
  if (!(tau > 0)) throw std::invalid_argument("B_ms(tau) needs tau > 0");
  return smallest_batch_with_radius(L, (1 + tau) * (1 + tau) * L.beta(), start, max_batch,
                                    resolution);
}

namespace {

// The smallest batch with rho(L_B) <= target, exactly, from one generalized eigenproblem. L_B =
// L_inf + s N with s = 1/B, and rho(L_inf + s N) increases with s (both maps send positive
// semidefinite matrices to positive semidefinite ones). So while rho(L_inf) < target, the batch at
// which rho crosses the target is 1/s* for s* the smallest positive s with target an eigenvalue of
// L_inf + s N, i.e. (target I - L_inf) v = s N v: at a smaller s, target would be an eigenvalue of
// modulus above the spectral radius. The pencil is regular when rho(L_inf) < target (target I -
// L_inf is invertible); N's null space only adds infinite eigenvalues. Returns 0 when the solver
// fails (the caller bisects), or the candidate integer ceil(1/s*) (1 when s* >= 1 or none exists),
// which the caller verifies with two spectral radii: a target at or below rho(L_inf), never
// reached, fails that check and goes to the bisection too.
double pencil_candidate(const SecondMomentOperator& L, double target, double max_batch) {
  const SecondMomentOperator L_inf = L.with_batch(std::numeric_limits<double>::infinity());
  const Eigen::MatrixXd D_inf = dense_matrix(PackedOperator(L_inf));
  const Eigen::MatrixXd N = dense_matrix(PackedOperator(L, Part::noise));
  const Eigen::Index n = D_inf.rows();
  Eigen::GeneralizedEigenSolver<Eigen::MatrixXd> ges(
      target * Eigen::MatrixXd::Identity(n, n) - D_inf, N, false);
  if (ges.info() != Eigen::Success) return 0;
  double s_star = std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < n; ++i) {
    const std::complex<double> a = ges.alphas()(i);
    const double b = ges.betas()(i);
    if (b == 0) continue;
    const std::complex<double> s = a / b;
    if (s.real() > 0 && std::abs(s.imag()) <= 1e-8 * s.real()) s_star = std::min(s_star, s.real());
  }
  if (!std::isfinite(s_star) || s_star >= 1) return 1;
  const double B = 1 / s_star;
  if (B > max_batch) return max_batch + 1;
  return std::max(1.0, std::ceil(B * (1 - 1e-12)));
}

bool pencil_size(const SecondMomentOperator& L) {
  const long m = 2 * long(L.d());
  return m * (m + 1) / 2 <= kMeanSquarePencilMax;
}

// The radii that check the pencil's candidate: dense up to the pencil's size, like the pencil.
double checking_radius(const SecondMomentOperator& L) {
  return mean_square_spectral_radius(L, 1e-10, kMeanSquarePencilMax).rho;
}

}  // namespace

MeanSquareCriticalBatch smallest_batch_with_radius(const SecondMomentOperator& L, double target,
                                                   double start, double max_batch,
                                                   double resolution) {
  // Small operators: the exact batch from the pencil, checked by rho at it and one below (about
  // 3.5 dense eigensolves' time, against 7 or more radii for a bisection to 5% and 20 or more to
  // the integer). A candidate that fails the check is left to the bisection.
  if (pencil_size(L)) {
    const double c = pencil_candidate(L, target, max_batch);
    if (c > max_batch) {
      MeanSquareCriticalBatch none;
      none.evaluations = 1;
      if (checking_radius(L.with_batch(max_batch)) > target) return none;
    } else if (c >= 1) {
      MeanSquareCriticalBatch out;
      const double rho_c = checking_radius(L.with_batch(c));
      out.evaluations = 1;
      bool below_fails = true;
      if (rho_c <= target && c > 1) {
        below_fails = checking_radius(L.with_batch(c - 1)) > target;
        out.evaluations = 2;
      }
      if (rho_c <= target && below_fails) {
        out.batch = long(c);
        out.rho = rho_c;
        out.rate = std::sqrt(rho_c);
        return out;
      }
    }
  }
  return smallest_batch_by_bisection(L, target, start, max_batch, resolution);
}

MeanSquareCriticalBatch smallest_batch_by_bisection(const SecondMomentOperator& L, double target,
                                                    double start, double max_batch,
                                                    double resolution) {
  MeanSquareCriticalBatch out;
  auto rho_at = [&](double B) {
    ++out.evaluations;
    return mean_square_spectral_radius(L.with_batch(B)).rho;
  };
  // Bracket: lo fails (or is 0), hi passes; rho decreases in B.
  double lo = 0, hi = std::clamp(std::floor(start), 1.0, max_batch);
  double rho_hi = rho_at(hi);
  if (rho_hi <= target) {
    while (hi > 1) {
      const double below = std::max(1.0, std::floor(hi / 2));
      const double rho_below = rho_at(below);
      if (rho_below > target) {
        lo = below;
        break;
      }
      hi = below;
      rho_hi = rho_below;
    }
  } else {
    lo = hi;
    while (true) {
      if (hi >= max_batch) return out;  // batch -1: not reached
      hi = std::min(max_batch, hi * 2);
      rho_hi = rho_at(hi);
      if (rho_hi <= target) break;
      lo = hi;
    }
  }
  while (hi - lo > std::max(1.0, resolution * hi)) {
    const double mid = std::floor((lo + hi) / 2);
    const double rho_mid = rho_at(mid);
    if (rho_mid <= target) {
      hi = mid;
      rho_hi = rho_mid;
    } else {
      lo = mid;
    }
  }
  out.batch = long(hi);
  out.rho = rho_hi;
  out.rate = std::sqrt(rho_hi);
  return out;
}

}  // namespace thmcheck
