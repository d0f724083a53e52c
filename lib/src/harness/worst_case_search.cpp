#include "thmcheck/harness/worst_case_search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlopt.hpp>
#include <stdexcept>

namespace thmcheck {

namespace {

struct State {
  const std::function<double(const std::vector<double>&)>* f;
  const std::function<bool(double)>* stop;
  SearchOutcome* out;
  std::size_t budget;
};

// The lowest value NLopt is given: finite, so that a failed evaluation only repels the simplex.
constexpr double kFloor = -1e300;

double evaluate(State& s, const std::vector<double>& x) {
  double v;
  try {
    v = (*s.f)(x);
  } catch (const std::exception&) {
    v = -std::numeric_limits<double>::infinity();
  }
  ++s.out->evaluations;
  // NaN is worse than anything for the maximization; the caller's objective decides whether NaN is
  // a violation (it is, for an inequality) and says so through stop().
  const bool better = !std::isnan(v) && (s.out->evaluations == 1 || v > s.out->value);
  if (better || s.out->evaluations == 1) {
    s.out->value = std::isnan(v) ? -std::numeric_limits<double>::infinity() : v;
    s.out->x = x;
  }
  if (*s.stop && (*s.stop)(v)) {
    s.out->stopped = true;
    if (!better) {
      s.out->value = std::isnan(v) ? std::numeric_limits<double>::infinity() : v;
      s.out->x = x;
    }
    throw nlopt::forced_stop();
  }
  if (s.out->evaluations >= s.budget) throw nlopt::forced_stop();
  return std::isfinite(v) ? v : (v > 0 ? std::numeric_limits<double>::max() : kFloor);
}

double trampoline(unsigned n, const double* x, double* grad, void* data) {
  (void)grad;  // a derivative-free algorithm never asks for it
  return evaluate(*static_cast<State*>(data), std::vector<double>(x, x + n));
}

}  // namespace

SearchOutcome maximize_in_box(const std::function<double(const std::vector<double>&)>& f,
                              std::vector<double> x0, const SearchBox& box,
                              std::size_t max_evaluations,
                              const std::function<bool(double)>& stop) {
  if (x0.size() != box.size())
    throw std::logic_error("maximize_in_box: the start and the box differ in size");
  for (std::size_t i = 0; i < x0.size(); ++i) x0[i] = std::clamp(x0[i], box.lo[i], box.hi[i]);
  SearchOutcome out;
  State s{&f, &stop, &out, std::max<std::size_t>(1, max_evaluations)};
  try {
    evaluate(s, x0);
  } catch (const nlopt::forced_stop&) {
    return out;
  }
  if (box.size() == 0 || max_evaluations <= 1) return out;
  nlopt::opt opt(nlopt::LN_SBPLX, unsigned(box.size()));
  opt.set_lower_bounds(box.lo);
  opt.set_upper_bounds(box.hi);
  opt.set_max_objective(trampoline, &s);
  // A quarter of each side as the first step: big enough to leave a sampled point's basin of
  // mediocrity, small enough to stay near the best sampled point it starts from.
  std::vector<double> step(box.size());
  for (std::size_t i = 0; i < step.size(); ++i)
    step[i] = std::max(0.25 * (box.hi[i] - box.lo[i]), 1e-12);
  opt.set_initial_step(step);
  opt.set_xtol_rel(1e-10);
  opt.set_maxeval(int(std::min<std::size_t>(max_evaluations, 1u << 30)));
  std::vector<double> x = x0;
  double v = 0;
  try {
    opt.optimize(x, v);
  } catch (const nlopt::forced_stop&) {
  } catch (const nlopt::roundoff_limited&) {
  } catch (const std::runtime_error&) {
    // NLopt's generic failure: the best point so far stands.
  }
  return out;
}

}  // namespace thmcheck
