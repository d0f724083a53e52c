#include "thmcheck/harness/kinds/threshold.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "thmcheck/stats/clopper_pearson.hpp"

namespace thmcheck {

Claim threshold(ClaimInfo info, ThresholdSpec spec) {
  Claim c;
  c.info = std::move(info);
  c.kind = ClaimKind::threshold;
  c.alpha = spec.alpha;
  c.check = [spec](ClaimContext& ctx) {
    const auto& grid = spec.grid.at(ctx.tier);
    for (std::size_t j = 1; j < grid.size(); ++j)
      if (!(grid[j] > grid[j - 1])) throw std::logic_error("threshold: the grid must be increasing");
    const std::size_t G = grid.size(), R = std::max<std::size_t>(1, spec.runs_per_point.at(ctx.tier));
    const std::size_t ni = spec.instances.at(ctx.tier);
    std::vector<char> ok(ni * G * R);
    ctx.for_each_trial(0, ok.size(), G * R, [&](std::size_t k, const Trial& t) {
      ok[k] = spec.success(t, grid[(k % (G * R)) / R]) ? 1 : 0;
    });
    const double level = spec.level(ctx.params), predicted = spec.predicted(ctx.params);
    const double alpha_point = spec.alpha / double(std::max<std::size_t>(1, G));
    std::vector<int> state(G);  // +1 passes, -1 fails, 0 undecided
    std::vector<double> rate(G);
    nlohmann::json points = nlohmann::json::array();
    for (std::size_t j = 0; j < G; ++j) {
      std::size_t s = 0;
      for (std::size_t i = 0; i < ni; ++i)
        for (std::size_t r = 0; r < R; ++r) s += ok[i * G * R + j * R + r];
      const std::size_t n = ni * R;
      double lo = stats::clopper_pearson_lower(s, n, alpha_point), hi = stats::clopper_pearson_upper(s, n, alpha_point);
      state[j] = lo >= level ? 1 : hi < level ? -1 : 0;
      rate[j] = double(s) / double(n);
      points.push_back({{"x", grid[j]}, {"successes", s}, {"runs", n}, {"lower", lo}, {"upper", hi},
                        {"state", state[j] > 0 ? "passes" : state[j] < 0 ? "fails" : "undecided"}});
    }
    // x_emp: smallest grid value from which the success rate estimate stays >= level.
    double x_emp = std::numeric_limits<double>::infinity();
    for (std::size_t j = G; j-- > 0;) {
      if (rate[j] < level) break;
      x_emp = grid[j];
    }
    // Bracket: the largest failing value below x_emp, the smallest value from which all pass.
    double lo_b = 0, hi_b = std::numeric_limits<double>::infinity();
    for (std::size_t j = G; j-- > 0;) {
      if (state[j] != 1) break;
      hi_b = grid[j];
    }
    for (std::size_t j = 0; j < G; ++j)
      if (state[j] == -1 && grid[j] <= x_emp) lo_b = grid[j];
    bool any_fail_above = false, all_pass_above = true;
    std::size_t above = 0;
    for (std::size_t j = 0; j < G; ++j)
      if (grid[j] >= predicted) {
        ++above;
        any_fail_above = any_fail_above || state[j] == -1;
        all_pass_above = all_pass_above && state[j] == 1;
      }
    ClaimResult r;
    r.samples = ok.size();
    r.estimate = x_emp;
    r.interval[0] = lo_b;
    r.interval[1] = hi_b;
    r.bound = predicted;
    r.margin = std::isfinite(x_emp) && x_emp > 0 ? predicted / x_emp : 0;
    r.verdict = any_fail_above ? Verdict::violated : (all_pass_above && above > 0) ? Verdict::holds : Verdict::inconclusive;
    r.details["points"] = points;
    r.details["level"] = level;
    r.details["x_name"] = spec.x_name;
    r.details["alpha_per_point"] = alpha_point;
    r.details["rule"] =
        "Clopper-Pearson per grid value (alpha split over the grid); holds when every value >= predicted passes, "
        "violated when one fails; margin = predicted / x_emp (the sharpness)";
    return r;
  };
  return c;
}

}  // namespace thmcheck
