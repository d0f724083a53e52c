// Hypotheses: the class of instances a theorem speaks about, described by a few named numbers
// (sizes, condition numbers, a spectrum recipe) and a seed for the random parts. Points are drawn
// with RapidCheck generators (inside the library: lib/src/harness/point_shrinking.hpp), so a
// failing instance can be shrunk toward the smallest one that still fails, and replayed from its
// description alone.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "thmcheck/harness/tier.hpp"

namespace thmcheck {

struct Variable {
  enum class Scale { integer, linear, log, choice };
  std::string name;
  Scale scale = Scale::linear;
  double lo = 0;
  double hi_quick = 0;              // upper end of the range in the quick tier
  double hi_full = 0;               // upper end in the full tier
  std::vector<std::string> labels;  // for choices
  std::string doc;
};

// One sampled instance: the values of the variables (in declaration order) and a seed.
struct Point {
  std::vector<std::pair<std::string, double>> values;
  std::uint64_t seed = 0;

  double operator[](std::string_view name) const;  // throws std::logic_error for an unknown name
  int integer(std::string_view name) const { return static_cast<int>((*this)[name]); }
  std::string label(std::string_view name) const;  // the label of a choice, or the number
  std::string describe() const;                    // "d=12 kappa=37.2 recipe=slow-algebraic"

  // The variables the values belong to (for labels of choices); shared, never copied per point.
  std::shared_ptr<const std::vector<struct Variable>> variables;
};

class Hypotheses {
 public:
  Hypotheses& integer(std::string name, long lo, long hi_quick, long hi_full, std::string doc);
  // Uniform on [lo, hi] (on a grid of 10^6 steps, so that points shrink toward lo).
  Hypotheses& real(std::string name, double lo, double hi_quick, double hi_full, std::string doc);
  // log x uniform on [log lo, log hi]: for scales such as a condition number.
  Hypotheses& log_uniform(std::string name, double lo, double hi_quick, double hi_full,
                          std::string doc);
  Hypotheses& choice(std::string name, std::vector<std::string> labels, std::string doc);

  // The point drawn from `seed`; a counterexample shrinks toward the low end of every range and the
  // first label of every choice.
  Point sample(std::uint64_t seed, Tier tier) const;

  // A point from explicit values (replay, or a fixed instance of a reproduction).
  Point make(const std::vector<std::pair<std::string, double>>& values, std::uint64_t seed) const;

  // Throws InputError naming the variable when a value lies outside the range of every tier, or is
  // not whole for an integer or a choice (whose value is its label's index): what a replay token
  // from outside may hold. Values of names the hypotheses lack are left to make().
  void check_values(const std::vector<std::pair<std::string, double>>& values) const;

  const std::vector<Variable>& variables() const { return *vars_; }
  std::shared_ptr<const std::vector<Variable>> shared_variables() const { return vars_; }
  std::string describe(Tier tier) const;  // one line per variable, markdown

 private:
  std::shared_ptr<std::vector<Variable>> vars_ = std::make_shared<std::vector<Variable>>();
};

}  // namespace thmcheck
