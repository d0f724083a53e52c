// The width (overparameterization) factors of the factorization results
// (docs/theory/matrix-factorization.md) and the Gaussian condition-number bound behind them.
#pragma once

namespace thmcheck {

// Ward-Kolda: d / (sqrt(d) - sqrt(r - 1))^2; 1 at r = 1, about 4 r^2 at d = r, <= 11.7 for d >= 2r.
double wk_width_factor(int d, int r);
// Xu et al., GD: d^2 / (d - r + 1)^2.
double gd_width_factor(int d, int r);
// Xu et al., NAG: d / (d - r + 1), the square root of the GD factor.
double nag_width_factor(int d, int r);
// Chen-Dongarra: E log cond(G) < log(N / (N - n + 1)) + 2.258 for an N x n Gaussian G, N >= n.
double chen_dongarra_log_cond_bound(int N, int n);

}  // namespace thmcheck
