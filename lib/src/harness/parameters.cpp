#include "thmcheck/harness/parameters.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "thmcheck/core/errors.hpp"

namespace thmcheck {

Parameters& Parameters::add(std::string name, double default_value, std::string doc, double min,
                            double max) {
  if (find(name)) throw std::logic_error("parameter '" + name + "' declared twice");
  if (!(default_value >= min && default_value <= max))
    throw std::logic_error("default of parameter '" + name + "' is outside its range");
  params_.push_back(
      {std::move(name), default_value, default_value, min, max, std::move(doc), false});
  return *this;
}

Parameters& Parameters::add_integer(std::string name, long default_value, std::string doc, long min,
                                    long max) {
  add(std::move(name), static_cast<double>(default_value), std::move(doc), static_cast<double>(min),
      static_cast<double>(max));
  params_.back().integer = true;
  return *this;
}

Parameters& Parameters::add(std::string name, ByTier defaults, std::string doc, double min,
                            double max) {
  if (!(defaults.full >= min && defaults.full <= max))
    throw std::logic_error("full-tier default of parameter '" + name + "' is outside its range");
  add(std::move(name), defaults.quick, std::move(doc), min, max);
  params_.back().by_tier = defaults;
  return *this;
}

Parameters& Parameters::add_integer(std::string name, ByTier defaults, std::string doc, long min,
                                    long max) {
  if (defaults.quick != std::floor(defaults.quick) || defaults.full != std::floor(defaults.full))
    throw std::logic_error("integer parameter '" + name + "' has a fractional default");
  add(std::move(name), defaults, std::move(doc), static_cast<double>(min),
      static_cast<double>(max));
  params_.back().integer = true;
  return *this;
}

void Parameters::select_tier(Tier tier) {
  for (auto& p : params_)
    if (p.by_tier)
      p.value = p.default_value = tier == Tier::full ? p.by_tier->full : p.by_tier->quick;
}

const Parameter* Parameters::find(std::string_view name) const {
  for (const auto& p : params_)
    if (p.name == name) return &p;
  return nullptr;
}

bool Parameters::has(std::string_view name) const { return find(name) != nullptr; }

double Parameters::operator[](std::string_view name) const {
  const Parameter* p = find(name);
  if (!p) throw std::logic_error("no parameter named '" + std::string(name) + "'");
  return p->value;
}

void Parameters::set(std::string_view name, double value) {
  auto* p = const_cast<Parameter*>(find(name));
  if (!p) {
    std::string known;
    for (const auto& q : params_) known += (known.empty() ? "" : ", ") + q.name;
    throw InputError(
        fmt::format("unknown parameter '{}' (known: {})", name, known.empty() ? "none" : known));
  }
  if (!std::isfinite(value) || value < p->min || value > p->max)
    throw InputError(fmt::format("parameter '{}' = {} is outside its range [{}, {}]", name, value,
                                 p->min, p->max));
  if (p->integer && value != std::floor(value))
    throw InputError(fmt::format("parameter '{}' must be an integer, got {}", name, value));
  p->value = value;
}

double Constant::operator()(const Parameters& p) const {
  if (std::holds_alternative<double>(v_)) return std::get<double>(v_);
  return p[std::get<std::string>(v_)];
}

std::string Constant::describe() const {
  if (std::holds_alternative<double>(v_)) return fmt::format("{}", std::get<double>(v_));
  return std::get<std::string>(v_);
}

}  // namespace thmcheck
