#include "thmcheck/harness/hypotheses.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "point_shrinking.hpp"
#include "thmcheck/core/errors.hpp"

namespace thmcheck {

double Point::operator[](std::string_view name) const {
  for (const auto& [n, v] : values)
    if (n == name) return v;
  throw std::logic_error("point has no variable '" + std::string(name) + "' (" + describe() + ")");
}

std::string Point::label(std::string_view name) const {
  double v = (*this)[name];
  if (variables)
    for (const auto& var : *variables)
      if (var.name == name && var.scale == Variable::Scale::choice)
        return var.labels.at(static_cast<std::size_t>(v));
  return fmt::format("{:g}", v);
}

std::string Point::describe() const {
  std::string s;
  for (const auto& [n, v] : values) {
    if (!s.empty()) s += ' ';
    s += n + '=' + label(n);
  }
  return s;
}

Hypotheses& Hypotheses::integer(std::string name, long lo, long hi_quick, long hi_full,
                                std::string doc) {
  if (hi_quick < lo || hi_full < lo)
    throw std::logic_error("empty range for variable '" + name + "'");
  vars_->push_back({std::move(name),
                    Variable::Scale::integer,
                    double(lo),
                    double(hi_quick),
                    double(hi_full),
                    {},
                    std::move(doc)});
  return *this;
}

Hypotheses& Hypotheses::real(std::string name, double lo, double hi_quick, double hi_full,
                             std::string doc) {
  if (hi_quick < lo || hi_full < lo)
    throw std::logic_error("empty range for variable '" + name + "'");
  vars_->push_back(
      {std::move(name), Variable::Scale::linear, lo, hi_quick, hi_full, {}, std::move(doc)});
  return *this;
}

Hypotheses& Hypotheses::log_uniform(std::string name, double lo, double hi_quick, double hi_full,
                                    std::string doc) {
  if (!(lo > 0) || hi_quick < lo || hi_full < lo)
    throw std::logic_error("bad log range for variable '" + name + "'");
  vars_->push_back(
      {std::move(name), Variable::Scale::log, lo, hi_quick, hi_full, {}, std::move(doc)});
  return *this;
}

Hypotheses& Hypotheses::choice(std::string name, std::vector<std::string> labels, std::string doc) {
  if (labels.empty()) throw std::logic_error("choice '" + name + "' has no labels");
  vars_->push_back({std::move(name), Variable::Scale::choice, 0, double(labels.size() - 1),
                    double(labels.size() - 1), std::move(labels), std::move(doc)});
  return *this;
}

Point Hypotheses::sample(std::uint64_t seed, Tier tier) const {
  return draw_shrinkable(*this, seed, tier).value();
}

Point Hypotheses::make(const std::vector<std::pair<std::string, double>>& values,
                       std::uint64_t seed) const {
  Point p;
  p.variables = vars_;
  p.seed = seed;
  for (const auto& v : *vars_) {
    bool found = false;
    for (const auto& [n, x] : values)
      if (n == v.name) {
        p.values.emplace_back(n, x);
        found = true;
      }
    if (!found) throw InputError("no value given for variable '" + v.name + "'");
  }
  for (const auto& [n, x] : values) {
    bool known = false;
    for (const auto& v : *vars_) known = known || v.name == n;
    if (!known) throw InputError("unknown variable '" + n + "'");
  }
  return p;
}

void Hypotheses::check_values(const std::vector<std::pair<std::string, double>>& values) const {
  for (const auto& [n, x] : values)
    for (const auto& v : *vars_) {
      if (v.name != n) continue;
      const double hi = std::max(v.hi_quick, v.hi_full);
      const bool whole = v.scale == Variable::Scale::integer || v.scale == Variable::Scale::choice;
      if (!(x >= v.lo && x <= hi) || (whole && x != std::floor(x)))
        throw InputError(
            fmt::format("variable '{}' = {} lies outside the hypotheses ({} in [{:g}, "
                        "{:g}])",
                        n, x, whole ? "an integer" : "a number", v.lo, hi));
    }
}

std::string Hypotheses::describe(Tier tier) const {
  std::string s;
  for (const auto& v : *vars_) {
    std::string range;
    switch (v.scale) {
      case Variable::Scale::integer:
        range = fmt::format("integer in [{:g}, {:g}]", v.lo, upper_end(v, tier));
        break;
      case Variable::Scale::linear:
        range = fmt::format("uniform on [{:g}, {:g}]", v.lo, upper_end(v, tier));
        break;
      case Variable::Scale::log:
        range = fmt::format("log-uniform on [{:g}, {:g}]", v.lo, upper_end(v, tier));
        break;
      case Variable::Scale::choice: {
        std::string l;
        for (const auto& x : v.labels) l += (l.empty() ? "" : ", ") + x;
        range = "one of {" + l + "}";
        break;
      }
    }
    s += fmt::format("- `{}`: {}. {}\n", v.name, range, v.doc);
  }
  return s;
}

}  // namespace thmcheck
