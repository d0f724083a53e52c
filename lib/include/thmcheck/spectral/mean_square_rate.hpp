// The mean-square rate of minibatch heavy ball, rho(L_B)^{1/2}, and the mean-square critical batch
// B_ms(tau) (docs/theory/second-moments.md). L_B maps the cone of positive semidefinite matrices
// into itself (L_B(S) = E[Y S Y^T]), so by the Krein-Rutman theorem its spectral radius is an
// eigenvalue with a positive semidefinite eigenvector. The symmetric matrices are an invariant
// subspace that contains that eigenvector (the skew-symmetric ones are the other), so rho(L_B) is
// the spectral radius of L_B restricted to symmetric matrices: Spectra's GenEigsSolver (Arnoldi)
// runs on that restriction, d (2d + 1) unknowns instead of 4 d^2, matrix-free.
//
// L_B = L_inf + (1/B) N with N completely positive, so rho(L_B) decreases as B grows, towards
// rho(L_inf) = rho(T)^2 = beta: B_ms(tau), the smallest B with rho(L_B)^{1/2} <= (1 + tau)
// sqrt(beta), is found by bisection on the integers.
#pragma once

#include <string>

#include "thmcheck/spectral/second_moment_operator.hpp"

namespace thmcheck {

struct MeanSquareRadius {
  double rho = 0;                  // rho(L_B)
  long operator_applications = 0;  // applications of L_B
  std::string method;              // "arnoldi" (Spectra) or "dense" (small d, or a fallback)
};

// How rho(L_B) is computed above the dense size: `automatic` takes the reduced pencil
// (spectral/reduced_pencil.hpp: the radius as the root of its certified crossing batch, to about
// 1e-12) and Arnoldi on the whole operator only when a crossing cannot be certified; `arnoldi`
// takes Arnoldi directly.
enum class RadiusRoute { automatic, arnoldi };

// rho(L_B) to relative accuracy about tol: the eigenvalue of largest real part (the Perron root).
// Small operators (d (2d + 1) <= dense_max) are solved densely; larger ones by the route (the
// reduced pencil for a finite batch, then Spectra), Spectra falling back to the dense solve when it
// does not converge and the operator is small enough (fallback_max), else std::runtime_error:
// never a silent wrong radius.
inline constexpr long kMeanSquareDenseMax = 300;  // d (2d + 1) up to this is solved densely
MeanSquareRadius mean_square_spectral_radius(const SecondMomentOperator& L, double tol = 1e-10,
                                             long dense_max = kMeanSquareDenseMax,
                                             long fallback_max = 1500,
                                             RadiusRoute route = RadiusRoute::automatic);

struct MeanSquareCriticalBatch {
  long batch = -1;      // B_ms(tau); -1 when no B up to max_batch reaches the target
  double rho = 0;       // rho(L_B) at that batch
  double rate = 0;      // rho^{1/2}
  int evaluations = 0;  // spectral radii computed
  std::string method;   // "reduced pencil" or "bisection"
};

// The smallest integer B in [1, max_batch] with rho(L_B)^{1/2} <= (1 + tau) sqrt(beta), L's alpha,
// beta and sampling (its batch is ignored). start: where the bracketing begins (B* is a good
// guess). Throws std::invalid_argument for beta = 0 or tau <= 0 (the target would be rho(L_inf)
// itself, reached only as B -> infinity). resolution > 0 stops the bisection once the bracket is
// within that fraction of B (a batch B with rho(L_B) <= target and at most resolution B above the
// smallest one; about half the spectral radii when only ratios matter); 0 gives the integer. Small
// operators get the exact integer either way (smallest_batch_with_radius).
MeanSquareCriticalBatch mean_square_critical_batch(const SecondMomentOperator& L, double tau,
                                                   double start = 1, double max_batch = 1e15,
                                                   double resolution = 0);

// The smallest integer B in [1, max_batch] with rho(L_B) <= target (rho(L_B) decreases in B).
// B_ms(tau) is this at target (1 + tau)^2 beta; at target 1 it is the smallest batch at which the
// mean square does not grow. It is exact whatever the resolution: the ceiling of the real crossing
// batch of the reduced pencil (spectral/reduced_pencil.hpp), certified by its lifted eigenvector
// (docs/theory/second-moments.md); when that cannot be certified, the bisection. rho is the radius
// at the batch found.
MeanSquareCriticalBatch smallest_batch_with_radius(const SecondMomentOperator& L, double target,
                                                   double start = 1, double max_batch = 1e15,
                                                   double resolution = 0);

// The bisection alone: bracket from start by halving or doubling, then bisect until the bracket is
// within resolution of B (0: to the integer), on radii computed by the route (RadiusRoute::arnoldi
// makes it independent of the reduced pencil, for tests).
MeanSquareCriticalBatch smallest_batch_by_bisection(const SecondMomentOperator& L, double target,
                                                    double start = 1, double max_batch = 1e15,
                                                    double resolution = 0,
                                                    RadiusRoute route = RadiusRoute::automatic);

}  // namespace thmcheck
