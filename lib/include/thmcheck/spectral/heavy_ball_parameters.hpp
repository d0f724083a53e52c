// The heavy-ball parameters and the spectral quantities of docs/theory/minibatch-hbm.md: the
// widened interval [l, L], alpha and beta (its "Parameters"), kappa_C (its "momentum matrix"), B*
// and B*(k)
// ("Critical batch size") and k(eps).
#pragma once

#include <Eigen/Dense>
#include <limits>

namespace thmcheck {

struct HeavyBallParameters {
  int d = 0;
  double lambda_min = 0, lambda_max = 0;
  double kappa = 0;      // lambda_max / lambda_min
  double kappa_bar = 0;  // tr(H) / (d lambda_min): the average conditioning
  double trace = 0;      // tr(H) = ||A||_F^2
  double widen = 0;  // c: the spectrum is widened by gamma = lambda_min / c (infinity: Polyak's)
  double gamma = 0, l = 0, L = 0;
  double alpha = 0, beta = 0, sqrt_beta = 0;
  double kappa_C = 0;  // max_i cond(U_i); infinite without widening (Jordan blocks)
};

// From the eigenvalues of H (any order). widen = +infinity gives Polyak's unwidened parameters
// alpha = 4/(sqrt(L) + sqrt(mu))^2, beta = ((sqrt(kappa) - 1)/(sqrt(kappa) + 1))^2.
HeavyBallParameters heavy_ball_parameters(const Eigen::VectorXd& eigenvalues, double widen);
// From the extremes and the trace only (a large matrix whose spectrum is known only at its ends):
// kappa_C is then taken at the end blocks, where its maximum sits (lambda_min - l = L -
// lambda_max).
HeavyBallParameters heavy_ball_parameters(double lambda_min, double lambda_max, double trace, int d,
                                          double widen);

// cond(U_i) of the 2x2 block at eigenvalue lambda, in the stable form of
// docs/theory/minibatch-hbm.md: (1 + c_i)(1 + beta) / (alpha sqrt(q_i)), q_i = (lambda - l)(L -
// lambda), c_i = sqrt(1 - alpha^2 q_i / (1 + beta)^2). Infinite at lambda = l or L.
double block_eigenvector_condition(const HeavyBallParameters& p, double lambda);

// The same from the naive definition, through the eigenvectors [z, 1]/sqrt(1+beta) of T_i computed
// numerically (Eigen's complex eigen-solver on the 2x2 block): what the closed form is checked
// against.
double block_eigenvector_condition_numeric(const HeavyBallParameters& p, double lambda);

// T_i = [[1 + beta - alpha lambda, -beta], [1, 0]].
Eigen::Matrix2d momentum_block(const HeavyBallParameters& p, double lambda);

// B* before the floor: 16 e tr(H) lambda_max log(2d) alpha^2 / (beta log(1/beta)).
double critical_batch_real(const HeavyBallParameters& p);
// The floor, as the paper prints it; throws InputError when it is not finite or beyond 2^63 - 1.
long critical_batch(const HeavyBallParameters& p);
// The proof's requirement for horizon k (docs/theory/minibatch-hbm.md), before the floor.
double critical_batch_horizon(const HeavyBallParameters& p, double k);
// Iterations for sqrt(2) kappa_C beta^{k/2} to reach eps: 2 log(eps / (sqrt(2) kappa_C)) /
// log(beta).
double iterations_to_eps(const HeavyBallParameters& p, double eps);

}  // namespace thmcheck
