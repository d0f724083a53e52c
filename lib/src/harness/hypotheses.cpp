#include "thmcheck/harness/hypotheses.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "thmcheck/core/errors.hpp"

namespace thmcheck {

namespace {

// Real variables live on a grid of this many steps, so that RapidCheck's integer generators and
// shrinkers (toward the low end) serve every scale.
constexpr long kGridSteps = 1000000;

double hi_of(const Variable& v, Tier t) { return t == Tier::quick ? v.hi_quick : v.hi_full; }

long grid_size(const Variable& v, Tier t) {
  switch (v.scale) {
    case Variable::Scale::integer: return static_cast<long>(hi_of(v, t) - v.lo) + 1;
    case Variable::Scale::choice: return static_cast<long>(v.labels.size());
    default: return hi_of(v, t) > v.lo ? kGridSteps + 1 : 1;
  }
}

double value_at(const Variable& v, Tier t, long i) {
  double hi = hi_of(v, t);
  double u = static_cast<double>(i) / kGridSteps;
  switch (v.scale) {
    case Variable::Scale::integer: return v.lo + static_cast<double>(i);
    case Variable::Scale::choice: return static_cast<double>(i);
    case Variable::Scale::linear: return v.lo + (hi - v.lo) * u;
    case Variable::Scale::log: return v.lo * std::pow(hi / v.lo, u);
  }
  return 0;
}

}  // namespace

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

Hypotheses& Hypotheses::integer(std::string name, long lo, long hi_quick, long hi_full, std::string doc) {
  if (hi_quick < lo || hi_full < lo) throw std::logic_error("empty range for variable '" + name + "'");
  vars_->push_back({std::move(name), Variable::Scale::integer, double(lo), double(hi_quick), double(hi_full), {},
                    std::move(doc)});
  return *this;
}

Hypotheses& Hypotheses::real(std::string name, double lo, double hi_quick, double hi_full, std::string doc) {
  if (hi_quick < lo || hi_full < lo) throw std::logic_error("empty range for variable '" + name + "'");
  vars_->push_back({std::move(name), Variable::Scale::linear, lo, hi_quick, hi_full, {}, std::move(doc)});
  return *this;
}

Hypotheses& Hypotheses::log_uniform(std::string name, double lo, double hi_quick, double hi_full,
                                    std::string doc) {
  if (!(lo > 0) || hi_quick < lo || hi_full < lo)
    throw std::logic_error("bad log range for variable '" + name + "'");
  vars_->push_back({std::move(name), Variable::Scale::log, lo, hi_quick, hi_full, {}, std::move(doc)});
  return *this;
}

Hypotheses& Hypotheses::choice(std::string name, std::vector<std::string> labels, std::string doc) {
  if (labels.empty()) throw std::logic_error("choice '" + name + "' has no labels");
  vars_->push_back({std::move(name), Variable::Scale::choice, 0, double(labels.size() - 1),
                    double(labels.size() - 1), std::move(labels), std::move(doc)});
  return *this;
}

rc::Gen<Point> Hypotheses::generator(Tier tier) const {
  auto vars = std::shared_ptr<const std::vector<Variable>>(vars_);
  return [vars, tier](const rc::Random& random, int size) {
    // One grid index per variable, each from its own split of the random source; the seed of the
    // random parts is drawn last and is never shrunk, so shrinking changes only the named values.
    rc::Random r = random;
    std::vector<long> idx;
    for (const auto& v : *vars) {
      rc::Random here = r.split();
      idx.push_back(rc::gen::inRange<long>(0, grid_size(v, tier))(here, size).value());
    }
    std::uint64_t seed = r.next();
    auto to_point = [vars, tier, seed](const std::vector<long>& ix) {
      Point p;
      p.variables = vars;
      p.seed = seed;
      for (std::size_t j = 0; j < vars->size(); ++j)
        p.values.emplace_back((*vars)[j].name, value_at((*vars)[j], tier, ix[j]));
      return p;
    };
    auto shrinks = [](const std::vector<long>& ix) {
      // Shrink one coordinate at a time toward the low end (as rc::gen::tuple does).
      std::vector<std::vector<long>> out;
      for (std::size_t j = 0; j < ix.size(); ++j) {
        auto seq = rc::shrink::towards<long>(ix[j], 0);
        while (auto next = seq.next()) {
          auto c = ix;
          c[j] = *next;
          out.push_back(std::move(c));
        }
      }
      return rc::seq::fromContainer(std::move(out));
    };
    return rc::shrinkable::map(rc::shrinkable::shrinkRecur(idx, shrinks), to_point);
  };
}

rc::Shrinkable<Point> Hypotheses::draw(std::uint64_t seed, Tier tier) const {
  return generator(tier)(rc::Random(seed), rc::kNominalSize);
}

Point Hypotheses::make(const std::vector<std::pair<std::string, double>>& values, std::uint64_t seed) const {
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

std::string Hypotheses::describe(Tier tier) const {
  std::string s;
  for (const auto& v : *vars_) {
    std::string range;
    switch (v.scale) {
      case Variable::Scale::integer: range = fmt::format("integer in [{:g}, {:g}]", v.lo, hi_of(v, tier)); break;
      case Variable::Scale::linear: range = fmt::format("uniform on [{:g}, {:g}]", v.lo, hi_of(v, tier)); break;
      case Variable::Scale::log: range = fmt::format("log-uniform on [{:g}, {:g}]", v.lo, hi_of(v, tier)); break;
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
