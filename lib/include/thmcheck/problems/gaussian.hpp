// Gaussian matrices and random orthonormal frames, drawn with Boost.Random (bit-reproducible).
#pragma once

#include <Eigen/Dense>

#include "thmcheck/core/seed.hpp"

namespace thmcheck {

// i.i.d. N(0, sigma^2) entries, filled column by column.
Eigen::MatrixXd gaussian_matrix(Eigen::Index rows, Eigen::Index cols, Engine& rng,
                                double sigma = 1.0);
Eigen::VectorXd gaussian_vector(Eigen::Index n, Engine& rng, double sigma = 1.0);

// rows x cols (rows >= cols) with orthonormal columns: the Q factor of a Gaussian matrix.
Eigen::MatrixXd random_orthonormal(Eigen::Index rows, Eigen::Index cols, Engine& rng);

}  // namespace thmcheck
