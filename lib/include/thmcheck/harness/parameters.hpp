// Parameters: the named constants of a theorem's claims (C_hbm, delta, tau, ...), with defaults,
// allowed ranges and a sentence each. A claim's constant is never a literal buried in code: it is
// a parameter, overridable with --set THEOREM.PARAM=VALUE, and reported with the value used. A
// parameter may have one default per tier (an instance size that the full tier raises to the
// paper's scale); the runner selects the run's tier before applying --set.
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "thmcheck/harness/tier.hpp"

namespace thmcheck {

// The defaults of a parameter that differs by tier: add("n", ByTier{2000, 1000000}, ...).
struct ByTier {
  double quick = 0;
  double full = 0;
};

struct Parameter {
  std::string name;
  double value = 0;
  double default_value = 0;  // the default in the selected tier
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  std::string doc;
  bool integer = false;
  std::optional<ByTier> by_tier;  // set when the default differs by tier
};

class Parameters {
 public:
  Parameters& add(std::string name, double default_value, std::string doc,
                  double min = -std::numeric_limits<double>::infinity(),
                  double max = std::numeric_limits<double>::infinity());
  Parameters& add_integer(std::string name, long default_value, std::string doc, long min,
                          long max);
  Parameters& add(std::string name, ByTier defaults, std::string doc,
                  double min = -std::numeric_limits<double>::infinity(),
                  double max = std::numeric_limits<double>::infinity());
  Parameters& add_integer(std::string name, ByTier defaults, std::string doc, long min, long max);

  // Every parameter with a default per tier takes that tier's default (the quick one until called);
  // values set before are replaced, so the runner calls this before applying --set.
  void select_tier(Tier tier);

  // Throws std::logic_error for an unknown name: that is a bug in a theorem file, not user input.
  double operator[](std::string_view name) const;
  bool has(std::string_view name) const;

  // User input: throws InputError naming the parameter for an unknown name or out-of-range value.
  void set(std::string_view name, double value);

  const std::vector<Parameter>& all() const { return params_; }

 private:
  const Parameter* find(std::string_view name) const;
  std::vector<Parameter> params_;
};

// A constant of a claim: either a literal or the name of a parameter, resolved at run time so that
// --set overrides reach every claim that uses it.
class Constant {
 public:
  Constant(double v) : v_(v) {}                          // NOLINT: implicit on purpose
  Constant(const char* name) : v_(std::string(name)) {}  // NOLINT
  Constant(std::string name) : v_(std::move(name)) {}    // NOLINT
  double operator()(const Parameters& p) const;
  std::string describe() const;

 private:
  std::variant<double, std::string> v_;
};

}  // namespace thmcheck
