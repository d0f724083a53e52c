#include "thmcheck/harness/kinds/threshold.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "thmcheck/stats/clopper_pearson.hpp"

namespace thmcheck {

namespace {

// The grid read from one set of success counts (one instance's, or all instances' pooled).
struct Reading {
  double x_emp = std::numeric_limits<double>::infinity();
  double lo_b = 0, hi_b = std::numeric_limits<double>::infinity();  // the bracket of the threshold
  bool any_fail_above = false, all_pass_above = true;
  std::size_t above = 0;  // grid values >= predicted
  nlohmann::json points = nlohmann::json::array();
};

Reading read_grid(const std::vector<double>& grid, const std::vector<std::size_t>& successes,
                  std::size_t n, double level, double predicted, double alpha_point) {
  const std::size_t G = grid.size();
  Reading out;
  std::vector<int> state(G);  // +1 passes, -1 fails, 0 undecided
  std::vector<double> rate(G);
  for (std::size_t j = 0; j < G; ++j) {
    const std::size_t s = successes[j];
    const double lo = stats::clopper_pearson_lower(s, n, alpha_point),
                 hi = stats::clopper_pearson_upper(s, n, alpha_point);
    state[j] = lo >= level ? 1 : hi < level ? -1 : 0;
    rate[j] = double(s) / double(n);
    out.points.push_back({{"x", grid[j]},
                          {"successes", s},
                          {"runs", n},
                          {"lower", lo},
                          {"upper", hi},
                          {"state", state[j] > 0   ? "passes"
                                    : state[j] < 0 ? "fails"
                                                   : "undecided"}});
  }
  // x_emp: smallest grid value from which the success rate estimate stays >= level.
  for (std::size_t j = G; j-- > 0;) {
    if (rate[j] < level) break;
    out.x_emp = grid[j];
  }
  // Bracket: the largest failing value below x_emp, the smallest value from which all pass.
  for (std::size_t j = G; j-- > 0;) {
    if (state[j] != 1) break;
    out.hi_b = grid[j];
  }
  for (std::size_t j = 0; j < G; ++j)
    if (state[j] == -1 && grid[j] <= out.x_emp) out.lo_b = grid[j];
  for (std::size_t j = 0; j < G; ++j)
    if (grid[j] >= predicted) {
      ++out.above;
      out.any_fail_above = out.any_fail_above || state[j] == -1;
      out.all_pass_above = out.all_pass_above && state[j] == 1;
    }
  return out;
}

}  // namespace

Claim threshold(ClaimInfo info, ThresholdSpec spec) {
  Claim c;
  c.info = std::move(info);
  c.kind = ClaimKind::threshold;
  c.alpha = spec.alpha;
  c.check = [spec](ClaimContext& ctx) {
    const auto& grid = spec.grid.at(ctx.tier);
    for (std::size_t j = 1; j < grid.size(); ++j)
      if (!(grid[j] > grid[j - 1]))
        throw std::logic_error("threshold: the grid must be increasing");
    const std::size_t G = grid.size(),
                      R = std::max<std::size_t>(1, spec.runs_per_point.at(ctx.tier));
    const std::size_t ni = ctx.instances(spec.instances.at(ctx.tier));
    // Trial k runs on instance k / (G R) at grid value (k mod G R) / R: its run names its grid
    // value.
    std::vector<char> ok(ni * G * R);
    auto run_instances = [&](std::size_t first, std::size_t last) {
      ctx.for_each_trial(first * G * R, (last - first) * G * R, G * R,
                         [&](std::size_t k, const Trial& t) {
                           ok[first * G * R + k] = spec.success(t, grid[(k % (G * R)) / R]) ? 1 : 0;
                         });
    };
    const double level = spec.level(ctx.params), predicted = spec.predicted(ctx.params);
    const bool each = spec.over == ProbabilityOver::each_instance;
    const double alpha_point = spec.alpha / double(std::max<std::size_t>(1, G) *
                                                   (each ? std::max<std::size_t>(1, ni) : 1));
    std::size_t ran = ni;  // instances whose runs were made
    if (!each) {
      run_instances(0, ni);
    } else {
      // Instance by instance, pinned examples first: one instance failing at or above the
      // prediction refutes the claim, so the rest are not run. Each instance keeps its share of
      // alpha whether or not the others run, so stopping early changes no level.
      for (ran = 0; ran < ni;) {
        run_instances(ran, ran + 1);
        std::vector<std::size_t> s(G, 0);
        for (std::size_t j = 0; j < G; ++j)
          for (std::size_t q = 0; q < R; ++q) s[j] += ok[ran * G * R + j * R + q];
        ++ran;
        if (read_grid(grid, s, R, level, predicted, alpha_point).any_fail_above) break;
      }
    }
    auto successes = [&](std::size_t first_inst, std::size_t last_inst) {
      std::vector<std::size_t> s(G, 0);
      for (std::size_t i = first_inst; i < last_inst; ++i)
        for (std::size_t j = 0; j < G; ++j)
          for (std::size_t r = 0; r < R; ++r) s[j] += ok[i * G * R + j * R + r];
      return s;
    };

    ClaimResult r;
    r.samples = ran * G * R;
    r.bound = predicted;
    bool violated = false, holds = true;
    std::size_t worst = 0;  // each_instance: the instance with the largest x_emp
    if (!each) {
      Reading g = read_grid(grid, successes(0, ni), ni * R, level, predicted, alpha_point);
      r.estimate = g.x_emp;
      r.interval[0] = g.lo_b;
      r.interval[1] = g.hi_b;
      violated = g.any_fail_above;
      holds = g.all_pass_above && g.above > 0;
      r.details["points"] = g.points;
    } else {
      r.estimate = 0;
      r.interval[0] = 0;
      r.interval[1] = 0;
      nlohmann::json per = nlohmann::json::array();
      for (std::size_t i = 0; i < ran; ++i) {
        Reading g = read_grid(grid, successes(i, i + 1), R, level, predicted, alpha_point);
        // The worst instance: the one that refutes the claim, else the largest x_emp.
        if (!violated && (g.any_fail_above || g.x_emp > r.estimate)) worst = i;
        r.estimate = std::max(r.estimate, g.x_emp);
        r.interval[0] = std::max(r.interval[0], g.lo_b);
        r.interval[1] = std::max(r.interval[1], g.hi_b);
        violated = violated || g.any_fail_above;
        holds = holds && g.all_pass_above && g.above > 0;
        per.push_back(
            {{"instance", ctx.instance(i).describe()},
             {"pinned", ctx.is_pinned(i)},
             {"x_emp", std::isfinite(g.x_emp) ? nlohmann::json(g.x_emp) : nlohmann::json(nullptr)},
             {"verdict", g.any_fail_above                  ? "violated"
                         : g.all_pass_above && g.above > 0 ? "holds"
                                                           : "inconclusive"},
             {"points", g.points}});
      }
      r.details["instances"] = per;
      // The pooled table too, for the figure of the success rate against x.
      r.details["points"] =
          read_grid(grid, successes(0, ran), ran * R, level, predicted, alpha_point).points;
    }
    // A failing run at a grid value >= predicted (on the worst instance when each is read on its
    // own), replayable.
    for (std::size_t i = each ? worst : 0;
         i < (each ? worst + 1 : ni) && !r.details.contains("replay"); ++i)
      for (std::size_t j = 0; j < G && !r.details.contains("replay"); ++j)
        for (std::size_t run = 0; run < R && grid[j] >= predicted; ++run) {
          const std::size_t k = i * G * R + j * R + run;
          if (!ok[k]) {
            r.details["replay"] = ctx.replay_token(ctx.instance(i), ctx.trial_ref(k, G * R), i);
            break;
          }
        }
    r.margin = std::isfinite(r.estimate) && r.estimate > 0 ? predicted / r.estimate : 0;
    r.verdict = violated ? Verdict::violated : holds ? Verdict::holds : Verdict::inconclusive;
    r.details["level"] = level;
    r.details["x_name"] = spec.x_name;
    r.details["alpha_per_point"] = alpha_point;
    r.details["over"] = each ? "each instance" : "pooled";
    r.details["rule"] =
        "Clopper-Pearson per grid value (alpha split over the grid, and over the instances when "
        "each instance is "
        "read on its own); holds when every value >= predicted passes, violated when one fails; "
        "margin = predicted / "
        "x_emp (the sharpness)";
    return r;
  };
  // The run of a trial names its grid value (run = j R + r), so a replay reruns the same x.
  c.replay = [spec](ClaimContext& ctx, const Point& p, const TrialRef& ref) {
    const auto& grid = spec.grid.at(ctx.tier);
    const std::size_t R = std::max<std::size_t>(1, spec.runs_per_point.at(ctx.tier));
    const double x = grid.at((ref.run / R) % grid.size());
    const bool ok =
        ctx.run_one<bool>(p, ref, 0, [&](const Trial& t) { return spec.success(t, x); });
    return nlohmann::json{
        {"instance", p.describe()}, {spec.x_name, x}, {"success", ok}, {"violates", !ok}};
  };
  return c;
}

}  // namespace thmcheck
