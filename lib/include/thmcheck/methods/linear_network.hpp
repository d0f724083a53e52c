// GD and Nesterov's method for a two-layer linear network W_2 W_1 x with loss
// L(W_1, W_2) = 1/2 ||W_2 W_1 X - Y||_F^2 (docs/theory/matrix-factorization.md, "Linear neural
// network extension"). With beta = 0 the Nesterov step is GD exactly. Steps reuse preallocated
// buffers. Every entry of their products is summed in one fixed order, so the iterates have the
// same bits on every x86-64 (as for the factorization methods, factorization.hpp).
#pragma once

#include <Eigen/Dense>
#include <string>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/methods/factorization.hpp"
#include "thmcheck/problems/linear_network_data.hpp"

namespace thmcheck {

class LinearNetworkNesterov {
 public:
  // W1_0 is d x p, W2_0 is q x d. `data` must outlive the method. Throws InputError for mismatched
  // shapes, eta <= 0 or beta outside [0, 1).
  LinearNetworkNesterov(const LinearNetworkData& data, double eta, double beta,
                        Eigen::MatrixXd W1_0, Eigen::MatrixXd W2_0);

  void step();
  std::string name() const { return beta_ == 0 ? "gd" : "nag"; }

  const Eigen::MatrixXd& W1() const { return W1_; }
  const Eigen::MatrixXd& W2() const { return W2_; }
  const Eigen::MatrixXd& residual() const { return R_; }  // Y - W2 W1 X
  double loss() const { return 0.5 * R_.squaredNorm(); }
  int iteration() const { return t_; }
  const LinearNetworkData& data() const { return *data_; }

 private:
  void refresh_residual();

  const LinearNetworkData* data_;
  double eta_, beta_;
  Eigen::MatrixXd W1_, W2_, W1prev_, W2prev_, W1t_, W2t_;
  Eigen::MatrixXd R_, Rt_, RXt_, W1X_;  // q x N, q x N, q x p, d x N
  int t_ = 0;
};

struct UnbalancedNetworkInit {
  Eigen::MatrixXd W1_0, W2_0;  // W1_0 = 0 (d x p), W2_0 = c Y Psi (q x d)
};

// W2(0) = c Y Psi with Psi (N x d) i.i.d. N(0, 1/d), W1(0) = 0: the outer factor large, in span(Y).
UnbalancedNetworkInit unbalanced_network_init(const LinearNetworkData& data, int d, double c,
                                              Engine& rng);

// The effective condition number k = cond_r(W2)^2 cond(X)^2 of the W1-problem with W2 frozen
// (the Hessian (X X^T) (x) (W2^T W2) on the row space of the data and the span of the labels).
double linear_network_effective_kappa(const LinearNetworkData& data, const Eigen::MatrixXd& W2);

// The smallest t <= max_iterations with ||W2 W1 X - Y||_F <= eps ||Y||_F (not squared), or -1.
int iterations_to(LinearNetworkNesterov& m, double eps, int max_iterations);

// The tail fit of factorization.hpp on ||W2 W1 X - Y||_F / ||Y||_F: from the first step at or below
// `upper` down to `lower` (not squared).
TailRate tail_rate(LinearNetworkNesterov& m, double upper, double lower, int max_iterations);

}  // namespace thmcheck
