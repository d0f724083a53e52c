// The batch at which the mean-square radius rho(L_B) of minibatch heavy ball crosses a target,
// from a pencil reduced to the d x d block that the noise touches (docs/theory/second-moments.md,
// "The reduced pencil"). With s = 1/B and t > rho(L_inf), t is an eigenvalue of L_inf + s N exactly
// when 1/s is an eigenvalue of
//     G(U) = alpha^2 P11 (t I - L_inf)^{-1} E11 K(U)
// on symmetric d x d matrices U: N reads and writes the 11 block only (E11 puts a d x d matrix in
// it, P11 reads it back). In the eigenbasis of H, L_inf(S) = T S T^T acts on each pair (i, j) of
// coordinates as a 4 x 4 matrix, so the resolvent between the 11 entries is one scalar r_ij, and
// G(U) = alpha^2 R o K(U) (entrywise product): d (d + 1) / 2 unknowns instead of the pencil's
// d (2d + 1), applied matrix-free at the cost of K (two n x d x d products). G maps positive
// semidefinite matrices to positive semidefinite ones (the resolvent is a positive series in
// L_inf, K is completely positive), so its spectral radius is an eigenvalue, found by Arnoldi
// (Spectra), and it is the crossing batch: the largest real eigenvalue of G is 1/s* for the
// smallest positive s* of the full pencil.
//
// The answer is checked, not trusted: the eigenvector is lifted to the full (2d) x (2d) state
// V = (1/B) (t I - L_inf)^{-1} E11 alpha^2 K(U), and L_B(V) = t V is checked to round-off with V
// positive semidefinite. When V is positive definite beyond round-off (`interior`), it belongs to
// the spectral radius (an eigenvector in the interior of the cone does), so rho(L_B) = t at the
// real batch B, and rho(L_B) is strictly decreasing in B; otherwise (extreme kappa) that rests on
// Arnoldi's eigenvalue of largest real part, which for a positive map is the spectral radius.
#pragma once

#include <string>

#include "thmcheck/spectral/second_moment_operator.hpp"

namespace thmcheck {

struct ReducedPencilCrossing {
  double batch = 0;        // the real B with rho(L_B) = target (when certified; may be below 1)
  bool certified = false;  // the lifted eigenvector passed both checks below
  bool interior = false;   // and is positive definite beyond round-off (the rigorous case)
  double residual = 0;     // ||L_B(V) - t V||_F / (t ||V||_F)
  double min_eigenvalue_ratio = 0;  // lambda_min(V) / lambda_max(V): > 1e-10 for `interior`
  long applications = 0;            // applications of G
  std::string why;                  // why it is not certified, when it is not
};

// The crossing of rho(L_B) through target (> beta = rho(L_inf); L's batch is ignored). Never
// throws for a failed solve: certified = false with the reason, so the caller can fall back.
ReducedPencilCrossing reduced_pencil_crossing(const SecondMomentOperator& L, double target);

struct ReducedPencilRadius {
  double rho = 0;          // rho(L_B) at L's batch (meaningful when certified)
  bool certified = false;  // every crossing on the way was certified
  int crossings = 0;       // reduced pencils solved
  long applications = 0;   // applications of G, over all of them
  std::string why;
};

// rho(L_B) at L's (finite) batch B, as the t at which the crossing batch of t equals B: the
// crossing decreases continuously from infinity (t -> beta) to 0 (t -> infinity), so the root is
// unique; it is bracketed by doubling and found by TOMS 748 (Boost.Math) on log(crossing / B) to
// about rel_tol. At d = 100 each crossing takes about 0.05 s, against Arnoldi on d (2d + 1) =
// 20100 unknowns for the radius directly.
ReducedPencilRadius reduced_pencil_radius(const SecondMomentOperator& L, double rel_tol = 1e-12);

}  // namespace thmcheck
