// What the least-squares theorems share: building the instance a point describes, once per run.
// Only public headers of lib/ are included here, like in every theorem file.
#pragma once

#include <fmt/format.h>

#include <array>
#include <string>

#include "thmcheck/harness/adversarial_input.hpp"
#include "thmcheck/harness/context.hpp"
#include "thmcheck/harness/hypotheses.hpp"
#include "thmcheck/problems/gaussian.hpp"
#include "thmcheck/problems/least_squares.hpp"
#include "thmcheck/problems/spectrum.hpp"

namespace thmcheck::theorems {

// The start x_0 - x* of a claim "for every start", declared so that the worst-case search can
// choose it: a direction in R^d (the measures read only its direction).
inline AdversarialInput start_input() { return direction_input("x_0 - x*", "d"); }

// The start a measure runs from: the claim's declared input 0 (drawn at random on a sampled trial,
// chosen by the search on a searched one), or a Gaussian drawn here for a claim about random
// starts. Both draw the same numbers from the trial's engine, so declaring the start changed no
// sampled trial.
inline Eigen::VectorXd start_direction(const Trial& t, Eigen::Index d) {
  return t.inputs.empty() ? gaussian_vector(d, t.rng) : Eigen::VectorXd(t.input(0));
}

// The same start in the instance's eigenbasis, x_0 - x* = V u: the same Gaussian law on a sampled
// trial (V is orthogonal), in coordinates along the modes of the iteration, whose axes the search
// probes. On a quadratic, methods with a 2x2 block per eigenvalue are worst along one eigenvector;
// a random start puts about 1/d of its weight there.
inline Eigen::VectorXd start_in_eigenbasis(const Trial& t, const Eigen::MatrixXd& V) {
  return V * start_direction(t, V.cols());
}

// The ranges of the variables every least-squares theorem declares: {low, quick-tier high,
// full-tier high}.
struct SpectrumRanges {
  std::array<long, 3> d;
  std::array<double, 3> kappa;     // log-uniform
  std::array<double, 3> n_over_d;  // uniform
  std::string n_over_d_doc = "rows per column, n = ceil(n_over_d d)";
};

// Declares d, kappa, recipe and n_over_d: the variables spectrum_instance() reads, by these names.
inline Hypotheses& spectrum_variables(Hypotheses& h, const SpectrumRanges& r) {
  return h.integer("d", r.d[0], r.d[1], r.d[2], "dimension")
      .log_uniform("kappa", r.kappa[0], r.kappa[1], r.kappa[2], "condition number of H = A^T A")
      .choice("recipe", spectrum_names(),
              "spectrum recipe (docs/theory/minibatch-hbm.md#spectrum-recipes)")
      .real("n_over_d", r.n_over_d[0], r.n_over_d[1], r.n_over_d[2], r.n_over_d_doc);
}

// The instance of a point with the variables of spectrum_variables() (rows n = ceil(n_over_d d)),
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
