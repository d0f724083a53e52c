#include "thmcheck/methods/factorization_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace thmcheck {

double singular_value(const Eigen::MatrixXd& M, int k) {
  if (k < 1 || k > std::min(M.rows(), M.cols())) return 0.0;
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(M);
  return svd.singularValues()(k - 1);
}

double restricted_condition(const Eigen::MatrixXd& M, int r) {
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(M);
  const auto& s = svd.singularValues();
  if (r < 1 || r > s.size() || s(r - 1) <= 0) return std::numeric_limits<double>::infinity();
  return s(0) / s(r - 1);
}

double column_space_residual(const Eigen::MatrixXd& M, const Eigen::MatrixXd& U) {
  const double n = M.norm();
  if (n == 0) return 0.0;
  return (M - U * (U.transpose() * M)).norm() / n;
}

ExtremeSingularValues gram_extremes(const Eigen::MatrixXd& M, int r) {
  ExtremeSingularValues out;
  const Eigen::Index d = M.cols();
  if (d == 0 || r < 1 || r > d) return out;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(M.transpose() * M, Eigen::EigenvaluesOnly);
  const auto& ev = es.eigenvalues();  // ascending
  out.s_1 = std::sqrt(std::max(0.0, ev(d - 1)));
  out.s_r = std::sqrt(std::max(0.0, ev(d - r)));
  return out;
}

FactorSnapshot snapshot(int t, const FactorizationMethod& m, const Eigen::MatrixXd& U) {
  FactorSnapshot s;
  s.t = t;
  s.f = m.loss();
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(m.X());
  const auto& sv = svd.singularValues();
  const int r = int(U.cols());
  s.s_1 = sv.size() > 0 ? sv(0) : 0.0;
  s.s_r = r >= 1 && r <= sv.size() ? sv(r - 1) : 0.0;
  s.y_norm = singular_value(m.Y(), 1);
  s.colspace = column_space_residual(m.X(), U);
  return s;
}

FactorObserver record_snapshots(const Eigen::MatrixXd& U, std::vector<FactorSnapshot>& out) {
  return [&U, &out](int t, const FactorizationMethod& m) { out.push_back(snapshot(t, m, U)); };
}

}  // namespace thmcheck
