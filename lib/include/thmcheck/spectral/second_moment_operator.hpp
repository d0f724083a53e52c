// The second-moment operator of minibatch heavy ball on a consistent least-squares problem
// (docs/theory/second-moments.md). The state s_k = [e_k; e_{k-1}] evolves by s_{k+1} = Y_k s_k,
// Y_k = [[(1 + beta) I - alpha H_B, -beta I], [I, 0]], H_B the average of B independent draws of
// h = a_i a_i^T / p_i. Its second moment S_k = E[s_k s_k^T] obeys the deterministic linear map
//     L_B(S) = T S T^T + (alpha^2 / B) [[K(S11), 0], [0, 0]],
//     K(M) = E[h M h] - H M H = A^T diag(w) A - H M H,   w_i = a_i^T M a_i / p_i,
// T = E Y_k. beta = 0 is minibatch SGD; B = 1, beta = 0, alpha = 1/||A||_F^2 with row-norm sampling
// is randomized Kaczmarz (methods/kaczmarz_second_moment.hpp iterates its adjoint). B = infinity is
// the deterministic method (no noise term).
//
// The operator is applied matrix-free with d x d blocks: T S T^T needs only products with
// M = (1 + beta) I - alpha H, and K(S11) two n x d x d products (A S11, then A^T diag(w) A), so
// one application costs about two n x d x d products plus a few d x d x d ones, whatever B is.
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "thmcheck/methods/sampling.hpp"
#include "thmcheck/problems/least_squares.hpp"

namespace thmcheck {

class SecondMomentOperator {
 public:
  // batch: B >= 1, or +infinity for the deterministic method. Throws std::invalid_argument for a
  // batch below 1 or a row that the sampling would draw with probability 0 while it is not zero.
  SecondMomentOperator(const RowMatrix& A, Sampling sampling, double alpha, double beta,
                       double batch);

  Eigen::Index d() const { return H_.rows(); }
  double alpha() const { return alpha_; }
  double beta() const { return beta_; }
  double batch() const { return batch_; }
  Sampling sampling() const { return sampling_; }
  const Eigen::MatrixXd& A() const { return A_; }
  const Eigen::MatrixXd& H() const { return H_; }
  // 1 / p_i of every row (0 for a row that is never drawn).
  const Eigen::VectorXd& inverse_probabilities() const { return inv_p_; }
  // The same operator at another batch size (shares nothing mutable; copies A).
  SecondMomentOperator with_batch(double batch) const;

  // out = L_B(S) for a symmetric (2d) x (2d) S; out is resized. The result is symmetrized (it is
  // symmetric in exact arithmetic), so iterating stays on symmetric matrices.
  void apply(const Eigen::MatrixXd& S, Eigen::MatrixXd& out) const;
  // K(M) = A^T diag(w) A - H M H for a symmetric d x d M (the covariance of one draw's h M h).
  Eigen::MatrixXd noise(const Eigen::MatrixXd& M) const;
  // The dense (2d)^2 x (2d)^2 matrix of L_B on column-major vec(S), built from Kronecker products
  // (T (x) T plus the noise term row by row): for the unit tests at small d only.
  Eigen::MatrixXd dense_kronecker() const;

 private:
  Eigen::MatrixXd A_;  // column-major copy: the products below are BLAS-3 shaped
  Eigen::VectorXd inv_p_;
  Eigen::MatrixXd H_, M_;  // H = A^T A, M = (1 + beta) I - alpha H
  double alpha_, beta_, batch_;
  Sampling sampling_;
};

// E||e_k||^2 = tr S_k^{11}, k = 0..K, exactly, from S_0 = [e_0; e_0][e_0; e_0]^T: the methods start
// with x_{-1} = x_0.
std::vector<double> mean_square_curve(const SecondMomentOperator& L, const Eigen::VectorXd& e0,
                                      int K);

// The same at the listed iterations only (increasing), in that order.
std::vector<double> mean_square_at(const SecondMomentOperator& L, const Eigen::VectorXd& e0,
                                   const std::vector<int>& ks);

}  // namespace thmcheck
