// Critical-batch predictions beside B* and B*(k) (docs/theory/minibatch-hbm.md, "Critical-batch
// theories compared"), in that note's normalization H = A^T A: what `hbm-params` prints and the
// theories claim of minibatch-hbm-acceleration compares with the measured critical batch.
#pragma once

#include <Eigen/Dense>

#include "thmcheck/spectral/heavy_ball_parameters.hpp"

namespace thmcheck {

// eta = n max_i ||a_i||^2 / ||A||_F^2 from the squared row norms: how much larger every critical
// batch is under uniform sampling than under row-norm sampling (for which eta = 1).
double uniform_sampling_eta(const Eigen::VectorXd& row_norms_squared);

// Q = tr(H) / sqrt(lambda_max lambda_min): the scale-free shape several theories share (B* ~ 64 e
// log(2d) Q for large kappa; the implicit conditioning ratio of Lee, Cheng, Paquette, Paquette).
double conditioning_shape(const HeavyBallParameters& p);

// The critical batch of minibatch SGD of Ma, Bassily, Belkin (2018), eq. 24, m* = beta / lambda_1 +
// 1 with beta = max_i ||x_i||^2 and H = (1/n) sum x x^T under uniform draws: in this normalization
// eta tr(H) / lambda_max + 1, with eta = 1 under row-norm sampling (every draw's ||a||^2 / p is
// ||A||_F^2). A result without momentum.
double sgd_critical_batch(const HeavyBallParameters& p, double eta);

}  // namespace thmcheck
