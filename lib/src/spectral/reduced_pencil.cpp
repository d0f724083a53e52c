#include "thmcheck/spectral/reduced_pencil.hpp"

#include <Spectra/GenEigsSolver.h>
#include <fmt/format.h>

#include <Eigen/Eigenvalues>
#include <boost/math/tools/toms748_solve.hpp>
#include <cmath>
#include <exception>
#include <limits>

namespace thmcheck {

namespace {

// G(U) = alpha^2 R o K~(U) on symmetric d x d matrices stored as their upper triangles column by
// column (the Spectra operator concept), in the eigenbasis of H: K~(U) = A~^T diag(w) A~ - L U L
// with A~ = A V, w_i = a~_i^T U a~_i / p_i, L = diag(lambda), the noise K in rotated coordinates.
class ReducedOperator {
 public:
  using Scalar = double;
  ReducedOperator(const Eigen::MatrixXd& At, const Eigen::VectorXd& inv_p,
                  const Eigen::VectorXd& lambda, const Eigen::MatrixXd& R, double alpha)
      : At_(At),
        inv_p_(inv_p),
        lambda_(lambda),
        R_(R),
        alpha2_(alpha * alpha),
        d_(lambda.size()),
        U_(d_, d_) {}
  Eigen::Index rows() const { return d_ * (d_ + 1) / 2; }
  Eigen::Index cols() const { return rows(); }

  // K~(U) for a symmetric U.
  Eigen::MatrixXd noise(const Eigen::MatrixXd& U) const {
    const Eigen::MatrixXd AU = At_ * U;
    const Eigen::VectorXd w = AU.cwiseProduct(At_).rowwise().sum().cwiseProduct(inv_p_);
    Eigen::MatrixXd K = At_.transpose() * (w.asDiagonal() * At_);
    K -= lambda_.asDiagonal() * U * lambda_.asDiagonal();
    return K;
  }
  void unpack(const double* x, Eigen::MatrixXd& U) const {
    Eigen::Index k = 0;
    for (Eigen::Index j = 0; j < d_; ++j)
      for (Eigen::Index i = 0; i <= j; ++i, ++k) U(i, j) = U(j, i) = x[k];
  }
  void perform_op(const double* x, double* y) const {
    unpack(x, U_);
    const Eigen::MatrixXd K = noise(U_);
    Eigen::Index k = 0;
    // K is symmetric in exact arithmetic; its upper triangle is read, as the packing stores.
    for (Eigen::Index j = 0; j < d_; ++j)
      for (Eigen::Index i = 0; i <= j; ++i, ++k)
        y[k] = alpha2_ * R_(i, j) * 0.5 * (K(i, j) + K(j, i));
    ++applications;
  }
  mutable long applications = 0;

 private:
  const Eigen::MatrixXd& At_;
  const Eigen::VectorXd& inv_p_;
  const Eigen::VectorXd& lambda_;
  const Eigen::MatrixXd& R_;
  double alpha2_;
  Eigen::Index d_;
  mutable Eigen::MatrixXd U_;
};

// The 2 x 2 block of T for eigenvalue lambda: [u; v] -> [(1 + beta - alpha lambda) u - beta v; u].
Eigen::Matrix2d momentum_block(double lambda, double alpha, double beta) {
  Eigen::Matrix2d T;
  T << 1 + beta - alpha * lambda, -beta, 1, 0;
  return T;
}

// The pair (i, j)'s block W = [[S11_ij, S12_ij], [S21_ij, S22_ij]] of the state evolves under
// L_inf as W -> T_i W T_j^T, vec(W) -> (T_j (x) T_i) vec(W) (column-major, W00 first). Returns
// (t I - T_j (x) T_i)^{-1} e_0: the block that the resolvent makes of a unit 11 entry.
Eigen::Vector4d resolvent_column(const Eigen::Matrix2d& Ti, const Eigen::Matrix2d& Tj, double t) {
  Eigen::Matrix4d M;
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 2; ++b) M.block<2, 2>(2 * a, 2 * b) = Tj(a, b) * Ti;
  const Eigen::Matrix4d Z = t * Eigen::Matrix4d::Identity() - M;
  return Z.partialPivLu().solve(Eigen::Vector4d::Unit(0));
}

}  // namespace

ReducedPencilCrossing reduced_pencil_crossing(const SecondMomentOperator& L, double target) {
  ReducedPencilCrossing out;
  const Eigen::Index d = L.d();
  const double alpha = L.alpha(), beta = L.beta();
  if (!(target > beta)) {
    out.why = "the target is not above rho(L_inf) = beta";
    return out;
  }
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eh(L.H());
  if (eh.info() != Eigen::Success) {
    out.why = "eigendecomposition of H failed";
    return out;
  }
  const Eigen::MatrixXd& V = eh.eigenvectors();
  const Eigen::VectorXd& lambda = eh.eigenvalues();
  const Eigen::MatrixXd At = L.A() * V;
  // Per pair: the resolvent's 4-vector (kept for the lift) and its 11 entry r_ij.
  std::vector<Eigen::Matrix2d> T(static_cast<std::size_t>(d));
  for (Eigen::Index i = 0; i < d; ++i) T[std::size_t(i)] = momentum_block(lambda(i), alpha, beta);
  std::vector<Eigen::Vector4d> z(static_cast<std::size_t>(d * d));
  Eigen::MatrixXd R(d, d);
  for (Eigen::Index j = 0; j < d; ++j)
    for (Eigen::Index i = 0; i < d; ++i) {
      const auto& zi = z[std::size_t(i + d * j)] =
          resolvent_column(T[std::size_t(i)], T[std::size_t(j)], target);
      R(i, j) = zi(0);
    }
  ReducedOperator G(At, L.inverse_probabilities(), lambda, R, alpha);
  const Eigen::Index m = G.rows();

  // The Perron root and vector of G: dense for small operators, else Arnoldi.
  double mu = 0;
  Eigen::VectorXd u_packed;
  if (m <= 200) {
    Eigen::MatrixXd D(m, m);
    Eigen::VectorXd e = Eigen::VectorXd::Zero(m);
    for (Eigen::Index j = 0; j < m; ++j) {
      e(j) = 1;
      G.perform_op(e.data(), D.col(j).data());
      e(j) = 0;
    }
    Eigen::EigenSolver<Eigen::MatrixXd> es(D, true);
    if (es.info() != Eigen::Success) {
      out.why = "dense eigensolve of the reduced pencil failed";
      return out;
    }
    Eigen::Index best = 0;
    for (Eigen::Index i = 1; i < m; ++i)
      if (es.eigenvalues()(i).real() > es.eigenvalues()(best).real()) best = i;
    mu = es.eigenvalues()(best).real();
    u_packed = es.eigenvectors().col(best).real();
  } else {
    // The Perron root is the eigenvalue of largest modulus and of largest real part.
    const Eigen::Index nev = 3, ncv = std::min<Eigen::Index>(m - 1, 30);
    Spectra::GenEigsSolver<ReducedOperator> eigs(G, nev, ncv);
    Eigen::VectorXd start(m);
    {
      Eigen::Index k = 0;
      for (Eigen::Index j = 0; j < d; ++j)
        for (Eigen::Index i = 0; i <= j; ++i, ++k) start(k) = i == j ? 1.0 : 0.0;
    }
    eigs.init(start.data());
    try {
      eigs.compute(Spectra::SortRule::LargestReal, 300, 1e-12);
    } catch (const std::exception& e) {
      out.why = e.what();
      out.applications = G.applications;
      return out;
    }
    if (eigs.info() != Spectra::CompInfo::Successful) {
      out.why = "Arnoldi on the reduced pencil did not converge";
      out.applications = G.applications;
      return out;
    }
    mu = eigs.eigenvalues()(0).real();
    u_packed = eigs.eigenvectors().col(0).real();
  }
  out.applications = G.applications;
  if (!(mu > 0) || !std::isfinite(mu)) {
    out.why = "the reduced pencil has no positive eigenvalue";
    return out;
  }
  out.batch = mu;

  // The lift: V~ = (1/mu) (t I - L_inf)^{-1} E11 X, X = alpha^2 K~(U), pair by pair, then back to
  // the original basis, blockdiag(V, V) V~ blockdiag(V, V)^T.
  Eigen::MatrixXd U(d, d);
  G.unpack(u_packed.data(), U);
  const Eigen::MatrixXd K = G.noise(U);
  const Eigen::MatrixXd X = (alpha * alpha / mu) * 0.5 * (K + K.transpose());
  Eigen::MatrixXd S11(d, d), S12(d, d), S21(d, d), S22(d, d);
  for (Eigen::Index j = 0; j < d; ++j)
    for (Eigen::Index i = 0; i < d; ++i) {
      const Eigen::Vector4d& w = z[std::size_t(i + d * j)];
      S11(i, j) = w(0) * X(i, j);
      S21(i, j) = w(1) * X(i, j);
      S12(i, j) = w(2) * X(i, j);
      S22(i, j) = w(3) * X(i, j);
    }
  Eigen::MatrixXd S(2 * d, 2 * d);
  S.topLeftCorner(d, d) = V * S11 * V.transpose();
  S.topRightCorner(d, d) = V * S12 * V.transpose();
  S.bottomLeftCorner(d, d) = V * S21 * V.transpose();
  S.bottomRightCorner(d, d) = V * S22 * V.transpose();
  S = 0.5 * (S + S.transpose()).eval();
  if (S.trace() < 0) S = -S;  // an eigenvector's sign is arbitrary
  // L_B(S) at the real batch mu (which may be below 1): L_inf(S) plus the noise term.
  Eigen::MatrixXd LS;
  L.with_batch(std::numeric_limits<double>::infinity()).apply(S, LS);
  const Eigen::MatrixXd KS = L.noise(S.topLeftCorner(d, d));
  LS.topLeftCorner(d, d) += (alpha * alpha / mu) * 0.5 * (KS + KS.transpose());
  out.residual = (LS - target * S).norm() / (target * S.norm());
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(S, Eigen::EigenvaluesOnly);
  out.min_eigenvalue_ratio = es.eigenvalues()(0) / es.eigenvalues()(2 * d - 1);
  // Thresholds: Arnoldi's tolerance is 1e-12 on the eigenvalue, and the lift multiplies its
  // residual by at most the resolvent's norm. A positive definite margin far above round-off makes
  // the vector interior, hence the Perron vector. At extreme kappa (1e9 and beyond) the slowest
  // coordinates barely receive noise and lambda_min(V) / lambda_max(V) falls below round-off
  // (3e-13 at kappa = 1e9, d = 100): V is then semidefinite to round-off, and the identification
  // with the Perron root rests on Arnoldi's eigenvalue of largest real part, which for a positive
  // map is its spectral radius (an indefinite V, the sign of another eigenvector, is refused).
  out.interior = out.min_eigenvalue_ratio > 1e-10;
  if (!(out.residual <= 1e-8)) {
    out.why = "the lifted eigenvector's residual is too large";
  } else if (!(out.min_eigenvalue_ratio >= -1e-12)) {
    out.why = "the lifted eigenvector is not positive semidefinite";
  } else {
    out.certified = true;
  }
  return out;
}

ReducedPencilRadius reduced_pencil_radius(const SecondMomentOperator& L, double rel_tol) {
  ReducedPencilRadius out;
  const double B = L.batch(), beta = L.beta();
  if (!std::isfinite(B)) {
    out.why = "the batch is infinite (no noise term)";
    return out;
  }
  // f(t) = log(crossing(t) / B), decreasing in t; a failed crossing ends the search.
  struct Failed {};
  auto f = [&](double t) {
    const auto c = reduced_pencil_crossing(L, t);
    ++out.crossings;
    out.applications += c.applications;
    if (!c.certified) {
      out.why = fmt::format("crossing at t = {:.17g}: {}", t, c.why);
      throw Failed{};
    }
    return std::log(c.batch / B);
  };
  try {
    // The bracket: the radius is above beta (the noise term adds to L_inf), and the crossing
    // batch of t = beta (1 + 2^-k) grows without bound as k grows.
    const double scale = beta > 0 ? beta : 1;
    double lo = beta + scale, hi = lo;
    double f_lo = f(lo), f_hi = f_lo;
    if (f_lo > 0) {
      do {
        lo = hi;
        f_lo = f_hi;
        hi = beta + 2 * (hi - beta);
        f_hi = f(hi);
      } while (f_hi > 0);
    } else {
      do {
        hi = lo;
        f_hi = f_lo;
        lo = beta + 0.5 * (lo - beta);
        f_lo = f(lo);
      } while (f_lo <= 0 && lo - beta > 1e-15 * scale);
      if (f_lo <= 0) {
        out.why = "the radius is within round-off of beta";
        return out;
      }
    }
    if (f_hi == 0) {
      out.rho = hi;
    } else {
      boost::uintmax_t max_iter = 100;
      const auto r = boost::math::tools::toms748_solve(
          f, lo, hi, f_lo, f_hi,
          [rel_tol](double a, double b) { return std::abs(b - a) <= rel_tol * std::abs(b); },
          max_iter);
      out.rho = 0.5 * (r.first + r.second);
    }
    out.certified = true;
  } catch (const Failed&) {
    out.certified = false;
  }
  return out;
}

}  // namespace thmcheck
