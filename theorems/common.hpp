// What the least-squares theorems share: building the instance a point describes, once per run.
// Only public headers of lib/ are included here, like in every theorem file.
#pragma once

#include <fmt/format.h>

#include "thmcheck/harness/context.hpp"
#include "thmcheck/problems/least_squares.hpp"
#include "thmcheck/problems/spectrum.hpp"

namespace thmcheck::theorems {

// The instance of a point with variables d, kappa, recipe and n_over_d (rows n = ceil(n_over_d d)),
// built from the point's own seed and cached for the run.
inline std::shared_ptr<const LeastSquares> spectrum_instance(const Trial& t) {
  const int d = t.point.integer("d");
  const double kappa = t.point["kappa"];
  const auto recipe = static_cast<SpectrumRecipe>(t.point.integer("recipe"));
  const auto n = static_cast<Eigen::Index>(std::ceil(t.point["n_over_d"] * d));
  std::string key = fmt::format("ls/{}/{}", t.point.describe(), t.point.seed);
  return t.store.get<LeastSquares>(key, [&] {
    Engine rng = make_engine(t.point.seed);
    return least_squares_with_spectrum(spectrum(recipe, d, kappa), n, rng);
  });
}

}  // namespace thmcheck::theorems
