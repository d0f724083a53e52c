#include "thmcheck/report/claim_figures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "text.hpp"

namespace thmcheck::report {

using nlohmann::json;

namespace {

// A details array as doubles; strings (inf, nan) and nulls read as their values or NaN.
std::vector<double> doubles(const json& j) {
  std::vector<double> v;
  if (!j.is_array()) return v;
  for (const auto& e : j) {
    if (e.is_number())
      v.push_back(e.get<double>());
    else if (e.is_string() && e.get<std::string>() == "inf")
      v.push_back(INFINITY);
    else
      v.push_back(std::nan(""));
  }
  return v;
}

double median(std::vector<double> v) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double a) { return !std::isfinite(a); }), v.end());
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

std::vector<Figure> bound_curve_figures(const ClaimResult& c) {
  const json& cu = c.details.at("curves");
  const auto k = doubles(cu.value("k", json::array()));
  if (k.empty()) return {};
  const double q = c.details.value("quantile", 0.5);
  const std::string metric = c.details.value("metric_name", std::string("metric"));
  Figure f;
  f.name = c.id + "-curve";
  f.title = c.id + ": " + metric + " under the predicted bound";
  f.xlabel = "iteration k";
  f.ylabel = metric + " (log scale)";
  f.logy = true;
  f.group = c.id + "-bound-curve";
  f.panel = 0;
  f.series.push_back({"10-90% of runs", Style::band, k,
                      doubles(cu.value("metric_q10", json::array())),
                      doubles(cu.value("metric_q90", json::array()))});
  f.series.push_back(
      {"median of runs", Style::lines, k, doubles(cu.value("metric_q50", json::array())), {}});
  f.series.push_back({"predicted bound (median over runs)",
                      Style::dashed,
                      k,
                      doubles(cu.value("bound_median", json::array())),
                      {}});

  // The decision quantity: the claim holds when the upper confidence bound stays under 1 at every
  // k.
  Figure g;
  g.name = c.id + "-ratio";
  g.title = fmt::format("{}: q-quantile of metric / bound (q = {})", c.id, text::num(q));
  g.xlabel = "iteration k";
  g.ylabel = "metric / bound (log scale)";
  g.logy = true;
  g.group = f.group;
  g.panel = 1;
  auto upper = doubles(cu.value("ratio_upper", json::array()));
  for (auto& u : upper)
    if (u < 0) u = std::nan("");  // recorded as -1 where the order statistic gives no finite bound
  g.series.push_back({fmt::format("{}-quantile (estimate)", text::num(q)),
                      Style::lines,
                      k,
                      doubles(cu.value("ratio_quantile", json::array())),
                      {}});
  g.series.push_back({fmt::format("upper confidence bound (alpha {} per k)",
                                  text::num(c.details.value("alpha_per_iteration", 0.0))),
                      Style::dashed,
                      k,
                      upper,
                      {}});
  g.marks.push_back({Axis::y, 1.0, "bound"});
  return {f, g};
}

std::vector<Figure> scaling_figures(const ClaimResult& c) {
  const auto grid = doubles(c.details.at("grid"));
  const json& mly = c.details.value("mean_log_y", json::array());
  if (grid.empty() || !mly.is_array() || mly.empty()) return {};
  Figure f;
  f.name = c.id + "-fit";
  const std::string xn = c.details.value("x_name", std::string("x")),
                    yn = c.details.value("y_name", std::string("y"));
  f.title = fmt::format("{}: {} against {}", c.id, yn, xn);
  f.xlabel = xn + " (log scale)";
  f.ylabel = yn + " (log scale)";
  f.logx = f.logy = true;
  Series inst{"instances (geometric mean over runs)", Style::points, {}, {}, {}};
  std::vector<std::vector<double>> by_x(grid.size());
  for (const auto& row : mly) {
    const auto ly = doubles(row);
    for (std::size_t j = 0; j < grid.size() && j < ly.size(); ++j) {
      inst.x.push_back(grid[j]);
      inst.y.push_back(std::exp(ly[j]));
      by_x[j].push_back(ly[j]);
    }
  }
  Series med{"median over instances", Style::linespoints, grid, {}, {}};
  double sx = 0, sy = 0;
  std::size_t n = 0;
  for (std::size_t j = 0; j < grid.size(); ++j) {
    const double m = median(by_x[j]);
    med.y.push_back(std::exp(m));
    if (std::isfinite(m) && grid[j] > 0) sx += std::log(grid[j]), sy += m, ++n;
  }
  f.series.push_back(inst);
  f.series.push_back(med);
  if (n > 0) {
    // Both slopes drawn through the centre of the medians, so they compare by their tilt alone.
    const double cx = sx / double(n), cy = sy / double(n);
    auto line = [&](double b) {
      std::vector<double> y;
      for (double x : grid) y.push_back(std::exp(cy + b * (std::log(x) - cx)));
      return y;
    };
    const std::string form = c.details.value("form", std::string("at_most"));
    const std::string rel = form == "at_most"    ? "at most"
                            : form == "at_least" ? "at least"
                                                 : "near";
    if (std::isfinite(c.estimate))
      f.series.push_back({fmt::format("fitted slope {} {}", text::num(c.estimate),
                                      text::interval(c.interval[0], c.interval[1])),
                          Style::lines,
                          grid,
                          line(c.estimate),
                          {}});
    if (std::isfinite(c.bound))
      f.series.push_back({fmt::format("claimed slope: {} {}", rel, text::num(c.bound)),
                          Style::dashed,
                          grid,
                          line(c.bound),
                          {}});
  }
  return {f};
}

std::vector<Figure> threshold_figures(const ClaimResult& c) {
  const json& pts = c.details.at("points");
  if (!pts.is_array() || pts.empty()) return {};
  Figure f;
  f.name = c.id + "-rate";
  const std::string xn = c.details.value("x_name", std::string("x"));
  f.title = fmt::format("{}: success rate against {}", c.id, xn);
  f.xlabel = xn;
  f.ylabel = "success rate";
  Series band{"Clopper-Pearson interval", Style::band, {}, {}, {}},
      rate{"success rate", Style::linespoints, {}, {}, {}};
  double lo = INFINITY, hi = 0;
  for (const auto& p : pts) {
    const double x = p.value("x", std::nan("")), runs = p.value("runs", 0.0);
    band.x.push_back(x);
    band.y.push_back(p.value("lower", std::nan("")));
    band.y2.push_back(p.value("upper", std::nan("")));
    rate.x.push_back(x);
    rate.y.push_back(runs > 0 ? p.value("successes", 0.0) / runs : std::nan(""));
    if (x > 0) lo = std::min(lo, x), hi = std::max(hi, x);
  }
  f.logx = hi > 0 && hi / lo >= 10;
  if (f.logx) f.xlabel += " (log scale)";
  f.series = {band, rate};
  f.marks.push_back({Axis::y, c.details.value("level", std::nan("")), "required level"});
  f.marks.push_back({Axis::x, c.bound, "predicted"});
  if (std::isfinite(c.estimate)) f.marks.push_back({Axis::x, c.estimate, "empirical threshold"});
  return {f};
}

}  // namespace

std::vector<Figure> kind_figures(const ClaimResult& c) {
  switch (c.kind) {
    case ClaimKind::bound_curve:
      if (c.details.contains("curves")) return bound_curve_figures(c);
      break;
    case ClaimKind::scaling:
      if (c.details.contains("grid")) return scaling_figures(c);
      break;
    case ClaimKind::threshold:
      if (c.details.contains("points")) return threshold_figures(c);
      break;
    default:
      break;
  }
  return {};
}

std::vector<Figure> claim_figures(const ClaimResult& c, std::vector<std::string>& problems) {
  std::vector<Figure> out;
  if (c.details.contains("figures")) {
    const json& figs = c.details["figures"];
    if (!figs.is_array()) {
      problems.push_back(fmt::format("claim {}: details[\"figures\"] is not an array", c.id));
    } else {
      for (std::size_t i = 0; i < figs.size(); ++i) {
        try {
          out.push_back(figure_from_json(figs[i]));
        } catch (const json::exception& e) {
          problems.push_back(
              fmt::format("claim {}: figure {} could not be read: {}", c.id, i, e.what()));
        }
      }
    }
  }
  try {
    auto defaults = kind_figures(c);
    out.insert(out.end(), defaults.begin(), defaults.end());
  } catch (const json::exception& e) {
    problems.push_back(
        fmt::format("claim {}: the {} figure could not be drawn from its details: {}", c.id,
                    to_string(c.kind), e.what()));
  }
  return out;
}

}  // namespace thmcheck::report
