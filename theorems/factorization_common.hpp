// What the factorization theorems share (shared/theory/matrix-factorization.md): the low-rank instance
// a point describes (built once per run), the per-instance randomness of the initializations, the
// runs of the three methods to a target accuracy, and small helpers to add evidence to a claim's
// details. Only public headers of lib/ are included here, like in every theorem file.
#pragma once

#include <fmt/format.h>

#include <atomic>
#include <cmath>
#include <functional>
#include <memory>
#include <mutex>
#include <algorithm>
#include <string>
#include <vector>

#include "thmcheck/harness/claim.hpp"
#include "thmcheck/harness/context.hpp"
#include "thmcheck/harness/seed.hpp"
#include "thmcheck/methods/factorization.hpp"
#include "thmcheck/methods/factorization_init.hpp"
#include "thmcheck/methods/factorization_metrics.hpp"
#include "thmcheck/problems/low_rank.hpp"
#include "thmcheck/report/figure.hpp"
#include "thmcheck/stats/order_statistics.hpp"

namespace thmcheck::theorems::mf {

// The low-rank matrix of a point with variables m, n, r and spacing, at condition number kappa and
// relative noise level `noise`. U and V come from the point's seed only, so a kappa sweep and the noisy
// variant share the singular vectors of the instance.
inline std::shared_ptr<const LowRankMatrix> low_rank_instance(const Trial& t, double kappa,
                                                              double noise = 0.0) {
  const auto& p = t.point;
  const std::string key =
      fmt::format("mf/{}/{}/{:.17g}/{:.17g}", p.describe(), p.seed, kappa, noise);
  return t.store.get<LowRankMatrix>(key, [&] {
    Engine rng = make_engine(p.seed);
    return low_rank_matrix(p.integer("m"), p.integer("n"), p.integer("r"), kappa,
                           static_cast<SingularSpacing>(p.integer("spacing")), rng, noise);
  });
}

// An engine for the initialization of run `stream` on this instance: derived from the point's seed,
// so every claim (and every kappa of a sweep) that asks for the same stream gets the same Phi.
inline Engine init_engine(const Point& p, std::uint64_t stream) {
  return make_engine(mix64(p.seed ^ mix64(0x9e3779b97f4a7c15ULL + stream)));
}

// 1/2 ||A - A_r||_F^2: the loss of the best rank-r approximation (0 for an exactly rank-r A).
inline double best_rank_loss(const Eigen::MatrixXd& A, int r) {
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(A);
  const auto& s = svd.singularValues();
  double tail = 0;
  for (Eigen::Index i = r; i < s.size(); ++i) tail += s(i) * s(i);
  return 0.5 * tail;
}

// Wraps a claim's check so that `add` can put more evidence (fitted constants, figures, counts) into
// the result's details after the kind has decided the verdict. `before` runs first (resets counters).
inline Claim with_details(Claim c, std::function<void(ClaimResult&, ClaimContext&)> add,
                          std::function<void()> before = nullptr) {
  auto inner = c.check;
  c.check = [inner, add, before](ClaimContext& ctx) {
    if (before) before();
    ClaimResult r = inner(ctx);
    add(r, ctx);
    return r;
  };
  return c;
}

// Per-run samples collected from parallel trials for the details (fitted constants): stored by trial
// index, so the summary does not depend on the schedule.
struct Samples {
  std::mutex mutex;
  std::vector<std::pair<std::size_t, double>> values;
  void add(std::size_t index, double v) {
    std::lock_guard<std::mutex> lock(mutex);
    values.emplace_back(index, v);
  }
  void clear() {
    std::lock_guard<std::mutex> lock(mutex);
    values.clear();
  }
  std::vector<double> sorted_by_index() {
    std::lock_guard<std::mutex> lock(mutex);
    auto v = values;
    std::sort(v.begin(), v.end());
    std::vector<double> out;
    for (const auto& [i, x] : v) out.push_back(x);
    return out;
  }
};

// min, median, 0.9-quantile and max of a sample, for a fitted constant.
inline nlohmann::json summary(std::vector<double> x) {
  if (x.empty()) return nlohmann::json::object();
  std::sort(x.begin(), x.end());
  return {{"n", x.size()},
          {"min", x.front()},
          {"median", stats::sample_quantile(x, 0.5)},
          {"q90", stats::sample_quantile(x, 0.9)},
          {"max", x.back()}};
}

// The figure of a scaling claim (iterations against kappa or d, log axes): the geometric mean over
// instances of y at every grid value and the line with the fitted median slope through its center.
inline report::Figure scaling_figure(const ClaimResult& r, const std::string& name, const std::string& title,
                                     const std::string& xlabel, const std::string& ylabel) {
  report::Figure f;
  f.name = name;
  f.title = title;
  f.xlabel = xlabel;
  f.ylabel = ylabel;
  f.logx = f.logy = true;
  const auto grid = r.details.value("grid", std::vector<double>{});
  const auto& rows = r.details.value("mean_log_y", nlohmann::json::array());
  if (grid.empty() || rows.empty()) return f;
  std::vector<double> mean(grid.size(), 0.0);
  for (const auto& row : rows)
    for (std::size_t j = 0; j < grid.size(); ++j) mean[j] += row[j].get<double>() / double(rows.size());
  report::Series measured{"measured (geometric mean over instances)", "linespoints", grid, {}, {}};
  for (double m : mean) measured.y.push_back(std::exp(m));
  double lx = 0, ly = 0;
  for (std::size_t j = 0; j < grid.size(); ++j) {
    lx += std::log(grid[j]) / double(grid.size());
    ly += mean[j] / double(grid.size());
  }
  report::Series fit{fmt::format("fitted slope {:.2f}", r.estimate), "dashed", grid, {}, {}};
  for (double x : grid) fit.y.push_back(std::exp(ly + r.estimate * (std::log(x) - lx)));
  f.series = {measured, fit};
  return f;
}

inline void add_figure(ClaimResult& r, const report::Figure& f) {
  if (!r.details.contains("figures")) r.details["figures"] = nlohmann::json::array();
  r.details["figures"].push_back(report::to_json(f));
}

}  // namespace thmcheck::theorems::mf
