#include "thmcheck/spectral/mean_square_rate.hpp"

#include <Spectra/GenEigsSolver.h>
#include <fmt/format.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>
#include <stdexcept>

#include "thmcheck/spectral/reduced_pencil.hpp"

namespace thmcheck {

namespace {

// L_B on symmetric (2d) x (2d) matrices, stored as their upper triangles column by column: the
// Spectra operator concept (rows(), cols(), perform_op). Any basis of the symmetric matrices gives
// the same eigenvalues.
class PackedOperator {
 public:
  using Scalar = double;
  explicit PackedOperator(const SecondMomentOperator& L)
      : L_(L), m_(2 * L.d()), S_(m_, m_), out_(m_, m_) {}
  Eigen::Index rows() const { return m_ * (m_ + 1) / 2; }
  Eigen::Index cols() const { return rows(); }
  void perform_op(const double* x, double* y) const {
    Eigen::Index k = 0;
    for (Eigen::Index j = 0; j < m_; ++j)
      for (Eigen::Index i = 0; i <= j; ++i, ++k) S_(i, j) = S_(j, i) = x[k];
    L_.apply(S_, out_);
    k = 0;
    for (Eigen::Index j = 0; j < m_; ++j)
      for (Eigen::Index i = 0; i <= j; ++i, ++k) y[k] = out_(i, j);
    ++applications;
  }
  mutable long applications = 0;

 private:
  const SecondMomentOperator& L_;
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
                                             long dense_max, long fallback_max, RadiusRoute route) {
  PackedOperator op(L);
  const Eigen::Index n = op.rows();
  MeanSquareRadius r;
  if (n <= dense_max) {
    r.rho = dense_radius(op);
    r.method = "dense";
    r.operator_applications = op.applications;
    return r;
  }
  if (route == RadiusRoute::automatic && std::isfinite(L.batch())) {
    // Its relative accuracy is at least tol's (1e-12 at most).
    const auto reduced = reduced_pencil_radius(L, std::min(tol, 1e-12));
    if (reduced.certified) {
      r.rho = reduced.rho;
      r.method = "reduced pencil";
      r.operator_applications = reduced.applications;
      return r;
    }
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
    // Restarts: 5000 where a failure can still fall back to the dense solve; above that size a
    // restart costs about a second at d = 100, and a failure ends in an error either way.
    eigs.compute(Spectra::SortRule::LargestReal, n <= fallback_max ? 5000 : 300, tol);
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

MeanSquareCriticalBatch smallest_batch_with_radius(const SecondMomentOperator& L, double target,
                                                   double start, double max_batch,
                                                   double resolution) {
  // The reduced pencil's certified crossing, at any size: its ceiling is the batch.
  {
    const auto crossing = reduced_pencil_crossing(L, target);
    if (crossing.certified) {
      MeanSquareCriticalBatch out;
      out.method = "reduced pencil";
      const double c = std::max(1.0, std::ceil(crossing.batch * (1 - 1e-12)));
      if (c > max_batch) return out;  // batch -1: not reached
      out.batch = long(c);
      out.rho = mean_square_spectral_radius(L.with_batch(c)).rho;
      out.rate = std::sqrt(out.rho);
      out.evaluations = 1;
      return out;
    }
  }
  // Not certified (never seen on the paper's spectra): the bisection on radii.
  return smallest_batch_by_bisection(L, target, start, max_batch, resolution);
}

MeanSquareCriticalBatch smallest_batch_by_bisection(const SecondMomentOperator& L, double target,
                                                    double start, double max_batch,
                                                    double resolution, RadiusRoute route) {
  MeanSquareCriticalBatch out;
  out.method = "bisection";
  auto rho_at = [&](double B) {
    ++out.evaluations;
    return mean_square_spectral_radius(L.with_batch(B), 1e-10, kMeanSquareDenseMax, 1500, route)
        .rho;
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
