#include "thmcheck/problems/spectrum.hpp"

#include <cmath>

#include "thmcheck/core/errors.hpp"

namespace thmcheck {

const std::vector<std::string>& spectrum_names() {
  static const std::vector<std::string> names = {"fast-exponential", "slow-exponential",
                                                 "fast-algebraic", "slow-algebraic"};
  return names;
}

std::string to_string(SpectrumRecipe r) { return spectrum_names().at(static_cast<std::size_t>(r)); }

SpectrumRecipe parse_spectrum(std::string_view name) {
  const auto& n = spectrum_names();
  for (std::size_t i = 0; i < n.size(); ++i)
    if (n[i] == name) return static_cast<SpectrumRecipe>(i);
  throw InputError(
      "unknown spectrum '" + std::string(name) +
      "' (expected fast-exponential, slow-exponential, fast-algebraic or slow-algebraic)");
}

Eigen::VectorXd exponential_spectrum(int d, double kappa, double base) {
  if (d < 2) throw InputError("a spectrum needs d >= 2, got d = " + std::to_string(d));
  if (!(kappa >= 1)) throw InputError("kappa must be at least 1, got " + std::to_string(kappa));
  Eigen::VectorXd l(d);
  for (int i = 0; i < d; ++i) {
    double t = double(i) / double(d - 1);
    l(i) = 1 + t * (kappa - 1) * std::pow(base, d - 1 - i);
  }
  return l;
}

Eigen::VectorXd spectrum(SpectrumRecipe recipe, int d, double kappa) {
  switch (recipe) {
    case SpectrumRecipe::fast_exponential:
      return exponential_spectrum(d, kappa, 0.1);
    case SpectrumRecipe::slow_exponential:
      return exponential_spectrum(d, kappa, 0.8);
    default:
      break;
  }
  if (d < 2) throw InputError("a spectrum needs d >= 2, got d = " + std::to_string(d));
  if (!(kappa >= 1)) throw InputError("kappa must be at least 1, got " + std::to_string(kappa));
  Eigen::VectorXd l(d);
  for (int i = 0; i < d; ++i) {
    double t = double(i) / double(d - 1);
    l(i) = recipe == SpectrumRecipe::fast_algebraic ? t * t * (kappa - 1) + 1 : t * (kappa - 1) + 1;
  }
  return l;
}

}  // namespace thmcheck
