// The spectra of the minibatch heavy-ball paper (docs/theory/minibatch-hbm.md, "Test problems"):
// for i = 0..d-1 and t_i = i/(d-1), eigenvalues between 1 and kappa.
#pragma once

#include <Eigen/Dense>
#include <string>
#include <string_view>
#include <vector>

namespace thmcheck {

enum class SpectrumRecipe { fast_exponential, slow_exponential, fast_algebraic, slow_algebraic };

const std::vector<std::string>& spectrum_names();      // in enum order, kebab-case
SpectrumRecipe parse_spectrum(std::string_view name);  // throws InputError naming the bad name
std::string to_string(SpectrumRecipe r);

// Ascending eigenvalues lambda_0 = 1 <= ... <= lambda_{d-1} = kappa.
Eigen::VectorXd spectrum(SpectrumRecipe recipe, int d, double kappa);

// lambda_i = 1 + t_i (kappa - 1) base^{d-1-i}: the exponential family (base 0.1 fast, 0.8 slow,
// 0.5 in the inconsistent experiment).
Eigen::VectorXd exponential_spectrum(int d, double kappa, double base);

}  // namespace thmcheck
