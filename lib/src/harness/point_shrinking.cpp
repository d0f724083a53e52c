#include "point_shrinking.hpp"

#include <cmath>

#include "thmcheck/harness/context.hpp"
#include "thmcheck/harness/theorem.hpp"

namespace thmcheck {

double upper_end(const Variable& v, Tier t) { return t == Tier::quick ? v.hi_quick : v.hi_full; }

namespace {

// Real variables live on a grid of this many steps, so that RapidCheck's integer generators and
// shrinkers (toward the low end) serve every scale.
constexpr long kGridSteps = 1000000;

long grid_size(const Variable& v, Tier t) {
  switch (v.scale) {
    case Variable::Scale::integer:
      return static_cast<long>(upper_end(v, t) - v.lo) + 1;
    case Variable::Scale::choice:
      return static_cast<long>(v.labels.size());
    default:
      return upper_end(v, t) > v.lo ? kGridSteps + 1 : 1;
  }
}

double value_at(const Variable& v, Tier t, long i) {
  double hi = upper_end(v, t);
  double u = static_cast<double>(i) / kGridSteps;
  switch (v.scale) {
    case Variable::Scale::integer:
      return v.lo + static_cast<double>(i);
    case Variable::Scale::choice:
      return static_cast<double>(i);
    case Variable::Scale::linear:
      return v.lo + (hi - v.lo) * u;
    case Variable::Scale::log:
      return v.lo * std::pow(hi / v.lo, u);
  }
  return 0;
}

}  // namespace

rc::Gen<Point> point_generator(const Hypotheses& h, Tier tier) {
  auto vars = h.shared_variables();
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

rc::Shrinkable<Point> draw_shrinkable(const Hypotheses& h, std::uint64_t seed, Tier tier) {
  return point_generator(h, tier)(rc::Random(seed), rc::kNominalSize);
}

rc::Shrinkable<Point> instance_shrinkable(const ClaimContext& ctx, std::size_t i) {
  if (ctx.is_pinned(i)) {
    // A pinned example is already the instance to show: it is not shrunk further.
    const auto& pin = ctx.claim.info.pinned[i];
    return rc::shrinkable::just(ctx.theorem.hypotheses.make(pin.values, pin.seed));
  }
  return draw_shrinkable(ctx.theorem.hypotheses, ctx.instance_seed(i - ctx.pinned()), ctx.tier);
}

}  // namespace thmcheck
