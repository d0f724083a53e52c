// The real similarity W that block-diagonalizes T (docs/theory/minibatch-hbm.md, "The momentum
// matrix"; docs/theory/random-matrices-and-classics.md, "Products of independent random matrices"):
// W = Q P blockdiag(W_i) with Q = blockdiag(V, V) (H = V Lambda V^T), P the interleaving of (u_i,
// v_i), and W_i = [Re w_i, Im w_i] for the unit eigenvector w_i = [z_i, 1]/sqrt(1 + beta) of T_i,
// Im z_i > 0. Then W_i^{-1} T_i W_i = [[Re z, Im z], [-Im z, Re z]] has norm |z_i| = sqrt(beta)
// (the m_i of the product bound), and cond(W) = max_i cond(U_i) = kappa_C. Needs lambda_i strictly
// inside (l, L).
#pragma once

#include <Eigen/Dense>

#include "thmcheck/spectral/heavy_ball_parameters.hpp"
#include "thmcheck/spectral/linear_operator.hpp"

namespace thmcheck {

class MomentumBasis {
 public:
  // eigenvalues and orthonormal eigenvectors (columns) of H; throws std::invalid_argument when some
  // lambda_i is not strictly inside (l, L) (real or repeated roots: no such basis).
  MomentumBasis(const HeavyBallParameters& p, Eigen::VectorXd eigenvalues,
                Eigen::MatrixXd eigenvectors);

  Eigen::Index d() const { return lambda_.size(); }
  void to_state(const double* xt, double* s) const;              // s = W xt
  void from_state(const double* s, double* xt) const;            // xt = W^{-1} s
  void to_state_transpose(const double* s, double* xt) const;    // xt = W^T s
  void from_state_transpose(const double* xt, double* s) const;  // s = W^{-T} xt

  // W^{-1} M W as an operator, for M on the state space (e.g. a product Z_k).
  LinearOperator similar(const LinearOperator& m) const;

  // The relative deviation sigma = ||W^{-1} (Y - T) W|| / m, m = sqrt(beta), of a factor Y with
  // minibatch Hessian Hhat. Y - T is -alpha (Hhat - H) in the top-left block, and the columns of
  // blockdiag(W_i^{-1} e_1) and the rows of blockdiag(e_1^T W_i) are orthogonal with norms
  // sqrt(1+beta)/Im z_i and sqrt(beta)/sqrt(1+beta), so sigma = alpha ||diag(1/Im z_i) V^T (Hhat -
  // H) V||_2.
  double relative_deviation(const Eigen::MatrixXd& Hhat_minus_H) const;

  // The dense W (checks).
  Eigen::MatrixXd dense() const;

 private:
  double alpha_, beta_, s_;           // s = sqrt(1 + beta)
  Eigen::VectorXd lambda_, re_, im_;  // z_i = re_i + i im_i
  Eigen::MatrixXd V_;
};

// ||T^k|| exactly, from the blocks: T is orthogonally similar to blockdiag(T_i), so ||T^k|| = max_i
// ||T_i^k||.
double momentum_power_norm(const HeavyBallParameters& p, const Eigen::VectorXd& eigenvalues, int k);

}  // namespace thmcheck
