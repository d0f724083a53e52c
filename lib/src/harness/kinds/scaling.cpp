#include "thmcheck/harness/kinds/scaling.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "thmcheck/harness/kinds/sequential.hpp"
#include "thmcheck/stats/order_statistics.hpp"

namespace thmcheck {

namespace {

double ols_slope(const std::vector<double>& x, const std::vector<double>& y) {
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= double(x.size());
  my /= double(y.size());
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
  }
  return sxy / sxx;
}

// The mean of log y over the R runs at each grid value of instance i (y laid out as i G R + j R +
// r); false when some run gave no positive finite y.
bool mean_log_y_of(const std::vector<double>& y, std::size_t i, std::size_t G, std::size_t R,
                   std::vector<double>& ly) {
  ly.assign(G, 0);
  bool ok = true;
  for (std::size_t j = 0; j < G; ++j)
    for (std::size_t r = 0; r < R; ++r) {
      const double v = y[i * G * R + j * R + r];
      ok = ok && v > 0 && std::isfinite(v);
      ly[j] += std::log(v) / double(R);
    }
  return ok;
}

std::vector<double> log_grid(const std::vector<double>& grid) {
  std::vector<double> lx(grid.size());
  for (std::size_t j = 0; j < grid.size(); ++j) lx[j] = std::log(grid[j]);
  return lx;
}

}  // namespace

Claim scaling(ClaimInfo info, ScalingSpec spec) {
  Claim c;
  c.info = std::move(info);
  c.kind = ClaimKind::scaling;
  c.alpha = spec.alpha;
  c.check = [spec](ClaimContext& ctx) {
    const auto& grid = spec.grid.at(ctx.tier);
    if (grid.size() < 2) throw std::logic_error("scaling: the grid needs at least two x values");
    for (double x : grid)
      if (!(x > 0))
        throw std::logic_error("scaling: grid values must be positive (log x is fitted)");
    const std::size_t G = grid.size(),
                      R = std::max<std::size_t>(1, spec.runs_per_point.at(ctx.tier));
    // Sequential looks over instances (sequential.hpp): first_look instances, doubled up to the
    // budget, stopping once decided; alpha is split over the looks. Without first_look, one look at
    // the budget.
    const std::size_t nmax = ctx.instances(spec.instances.at(ctx.tier));
    const std::size_t n0 = spec.first_look.at(ctx.tier) > 0
                               ? std::min(nmax, ctx.instances(spec.first_look.at(ctx.tier)))
                               : nmax;
    const std::size_t looks = planned_looks(n0, nmax);
    // at_most and at_least decide each way with one bound, so each bound is one-sided at alpha:
    // P(violated | claim true) <= alpha and P(holds | claim false) <= alpha. `near` can be called
    // violated from either side, so there each bound gets alpha/2. Both are split over the looks.
    const double alpha_side =
        (spec.form == ExponentForm::near ? spec.alpha / 2 : spec.alpha) / double(looks);
    const std::vector<double> lx = log_grid(grid);
    const double b0 = spec.exponent(ctx.params), tol = spec.tolerance(ctx.params);

    std::vector<double> y, slopes, ly;
    nlohmann::json mean_log_y;
    std::size_t ni = 0, bad = 0, worst = 0, looks_used = 0;
    stats::QuantileBounds qb;
    ClaimResult r;
    for (std::size_t target = n0;; target = next_look(target, nmax)) {
      y.resize(target * G * R);
      ctx.for_each_trial(ni * G * R, (target - ni) * G * R, G * R,
                         [&, first = ni * G * R](std::size_t k, const Trial& t) {
                           y[first + k] = spec.measure(t, grid[((first + k) % (G * R)) / R]);
                         });
      ni = target;
      ++looks_used;
      slopes.clear();
      mean_log_y = nlohmann::json::array();
      bad = 0;
      worst = ni;
      double worst_badness = -std::numeric_limits<double>::infinity();
      for (std::size_t i = 0; i < ni; ++i) {
        if (!mean_log_y_of(y, i, G, R, ly)) {
          ++bad;  // a run that did not produce a positive finite y (e.g. no convergence in budget)
          continue;
        }
        slopes.push_back(ols_slope(lx, ly));
        mean_log_y.push_back(ly);
        // The instance most against the claim, for the replay token.
        const double b = slopes.back();
        const double badness = spec.form == ExponentForm::at_most    ? b - b0
                               : spec.form == ExponentForm::at_least ? b0 - b
                                                                     : std::abs(b - b0);
        if (badness > worst_badness) {
          worst_badness = badness;
          worst = i;
        }
      }
      qb = stats::quantile_bounds(slopes.empty() ? std::vector<double>{std::nan("")} : slopes, 0.5,
                                  alpha_side);
      switch (spec.form) {
        case ExponentForm::at_most:
          r.verdict = qb.lower > b0    ? Verdict::violated
                      : qb.upper <= b0 ? Verdict::holds
                                       : Verdict::inconclusive;
          break;
        case ExponentForm::at_least:
          r.verdict = qb.upper < b0    ? Verdict::violated
                      : qb.lower >= b0 ? Verdict::holds
                                       : Verdict::inconclusive;
          break;
        case ExponentForm::near:
          r.verdict = (qb.upper < b0 - tol || qb.lower > b0 + tol)     ? Verdict::violated
                      : (qb.lower >= b0 - tol && qb.upper <= b0 + tol) ? Verdict::holds
                                                                       : Verdict::inconclusive;
          break;
      }
      if (r.verdict != Verdict::inconclusive || ni >= nmax) break;
    }

    r.samples = y.size();
    r.bound = b0;
    r.estimate = qb.estimate;
    r.interval[0] = qb.lower;
    r.interval[1] = qb.upper;
    switch (spec.form) {
      case ExponentForm::at_most:
        r.margin = r.estimate > 0 ? b0 / r.estimate : std::numeric_limits<double>::infinity();
        break;
      case ExponentForm::at_least:
        r.margin = b0 > 0 ? r.estimate / b0 : std::numeric_limits<double>::infinity();
        break;
      case ExponentForm::near:
        r.margin = tol > 0 ? tol / std::max(std::abs(r.estimate - b0), 1e-300) : 0;
        break;
    }
    r.details["looks"] = looks_used;
    r.details["planned_looks"] = looks;
    if (slopes.empty()) r.verdict = Verdict::error;
    r.details["form"] = spec.form == ExponentForm::at_most    ? "at_most"
                        : spec.form == ExponentForm::at_least ? "at_least"
                                                              : "near";
    r.details["tolerance"] = tol;
    r.details["grid"] = grid;
    r.details["x_name"] = spec.x_name;
    r.details["y_name"] = spec.y_name;
    r.details["slopes"] = slopes;
    r.details["mean_log_y"] = mean_log_y;
    r.details["failed_instances"] = bad;
    r.details["alpha_per_side"] = alpha_side;
    r.details["instances"] = slopes.size();
    if (worst < ni)  // replays the whole sweep of that instance: its first trial names it
      r.details["replay"] =
          ctx.replay_token(ctx.instance(worst), ctx.trial_ref(worst * G * R, G * R), worst);
    r.details["rule"] =
        "per-instance OLS slope of log y on log x; distribution-free order-statistic bounds on the "
        "median slope "
        "(one-sided at alpha_per_side); instances whose runs gave no positive finite y are dropped "
        "and counted";
    return r;
  };
  // The sweep of one instance: every (x, run) trial, with the seeds the check gave them.
  c.replay = [spec](ClaimContext& ctx, const Point& p, const TrialRef& ref) {
    const auto& grid = spec.grid.at(ctx.tier);
    const std::size_t G = grid.size(),
                      R = std::max<std::size_t>(1, spec.runs_per_point.at(ctx.tier));
    const std::size_t inst = ref.index / (G * R);
    std::vector<double> y(G * R);
    for (std::size_t m = 0; m < G * R; ++m) {
      const std::size_t k = inst * G * R + m;
      y[m] = ctx.run_one<double>(p, {ctx.trial_seed(inst, k), k, m}, inst,
                                 [&](const Trial& t) { return spec.measure(t, grid[m / R]); });
    }
    std::vector<double> ly;
    const bool ok = mean_log_y_of(y, 0, G, R, ly);
    const double b0 = spec.exponent(ctx.params), tol = spec.tolerance(ctx.params);
    const double slope = ok ? ols_slope(log_grid(grid), ly) : std::nan("");
    // This instance's exponent is against the claim (the claim is about the median over instances).
    const bool against =
        !ok || (spec.form == ExponentForm::at_most    ? slope > b0
                : spec.form == ExponentForm::at_least ? slope < b0
                                                      : std::abs(slope - b0) > tol);
    return nlohmann::json{{"instance", p.describe()},
                          {spec.x_name, grid},
                          {spec.y_name, y},
                          {"slope", ok ? nlohmann::json(slope) : nlohmann::json(nullptr)},
                          {"violates", against}};
  };
  return c;
}

}  // namespace thmcheck
