// Adversarial inputs: numbers a claim's measure reads besides its instance (a start x_0, a
// direction, an eigenvalue's place in the spectrum). A claim "for every start" declares its start
// here instead of drawing it inside the measure: sampling still draws it at random, and the
// worst-case search (harness/worst_case_search.hpp) maximizes the claim's ratio over it, where a
// random start almost never meets the worst mode of a non-normal iteration.
#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/harness/hypotheses.hpp"

namespace thmcheck {

struct AdversarialInput {
  enum class Law {
    // A direction in R^m: drawn N(0, I); searched over the box [-1, 1]^m. The measure reads only
    // its direction (it normalizes), so a drawn vector and its box-scaled copy agree.
    direction,
    // m numbers in [0, 1]: drawn uniformly; searched over [0, 1]^m.
    unit,
  };
  std::string name;  // "x_0 - x*", "lambda": what the search varied, in reports
  Law law = Law::direction;
  std::function<std::size_t(const Point&)> size;  // m, from the instance (e.g. its dimension d)
};

// A direction of the instance's dimension, read from its integer variable `variable` (e.g. "d").
AdversarialInput direction_input(std::string name, std::string variable);
// m numbers in [0, 1].
AdversarialInput unit_input(std::string name, std::size_t m);

// The values of a claim's inputs on one trial, in declaration order.
using InputValues = std::vector<Eigen::VectorXd>;

// What a sampled trial runs with: drawn from the trial's engine, in declaration order. A direction
// of size m takes m standard normal draws, exactly as gaussian_vector(m, rng) would: a measure that
// drew its start first keeps its numbers when the start becomes a declared input.
InputValues draw_inputs(const std::vector<AdversarialInput>& inputs, const Point& point,
                        Engine& rng);

// Checks values against the declaration (count, sizes, ranges); throws InputError naming the input.
void check_inputs(const std::vector<AdversarialInput>& inputs, const Point& point,
                  const InputValues& values);

// To and from plain numbers (replay tokens, pinned examples, results).
std::vector<std::vector<double>> to_numbers(const InputValues& values);
InputValues from_numbers(const std::vector<std::vector<double>>& numbers);

}  // namespace thmcheck
