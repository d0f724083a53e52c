#include "thmcheck/harness/adversarial_input.hpp"

#include <fmt/format.h>

#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>

#include "thmcheck/core/errors.hpp"

namespace thmcheck {

AdversarialInput direction_input(std::string name, std::string variable) {
  return {std::move(name), AdversarialInput::Law::direction,
          [variable](const Point& p) { return static_cast<std::size_t>(p.integer(variable)); }};
}

AdversarialInput unit_input(std::string name, std::size_t m) {
  return {std::move(name), AdversarialInput::Law::unit, [m](const Point&) { return m; }};
}

InputValues draw_inputs(const std::vector<AdversarialInput>& inputs, const Point& point,
                        Engine& rng) {
  InputValues out;
  for (const auto& in : inputs) {
    const auto m = static_cast<Eigen::Index>(in.size(point));
    Eigen::VectorXd v(m);
    if (in.law == AdversarialInput::Law::direction) {
      boost::random::normal_distribution<double> g(0.0, 1.0);
      for (Eigen::Index i = 0; i < m; ++i) v(i) = g(rng);
    } else {
      boost::random::uniform_01<double> u;
      for (Eigen::Index i = 0; i < m; ++i) v(i) = u(rng);
    }
    out.push_back(std::move(v));
  }
  return out;
}

void check_inputs(const std::vector<AdversarialInput>& inputs, const Point& point,
                  const InputValues& values) {
  if (values.size() != inputs.size())
    throw InputError(fmt::format("the claim declares {} adversarial input(s), {} were given",
                                 inputs.size(), values.size()));
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto m = inputs[i].size(point);
    if (std::size_t(values[i].size()) != m)
      throw InputError(fmt::format("adversarial input '{}' has {} numbers on {}, {} were given",
                                   inputs[i].name, m, point.describe(), values[i].size()));
    for (Eigen::Index j = 0; j < values[i].size(); ++j) {
      const double x = values[i](j);
      const bool ok =
          inputs[i].law == AdversarialInput::Law::unit ? (x >= 0 && x <= 1) : std::isfinite(x);
      if (!ok)
        throw InputError(fmt::format("adversarial input '{}': entry {} is {}, out of its range",
                                     inputs[i].name, j, x));
    }
    if (inputs[i].law == AdversarialInput::Law::direction && m > 0 && values[i].norm() == 0)
      throw InputError(
          fmt::format("adversarial input '{}' is a direction: it cannot be zero", inputs[i].name));
  }
}

std::vector<std::vector<double>> to_numbers(const InputValues& values) {
  std::vector<std::vector<double>> out;
  for (const auto& v : values) out.emplace_back(v.data(), v.data() + v.size());
  return out;
}

InputValues from_numbers(const std::vector<std::vector<double>>& numbers) {
  InputValues out;
  for (const auto& n : numbers)
    out.push_back(Eigen::Map<const Eigen::VectorXd>(n.data(), Eigen::Index(n.size())));
  return out;
}

}  // namespace thmcheck
