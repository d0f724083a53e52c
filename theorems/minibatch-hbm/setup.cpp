// The shared setup of minibatch-hbm-acceleration: instances, error curves, the main claim's event.
#include <algorithm>

#include "hbm.hpp"

namespace thmcheck::theorems::minibatch_hbm {

HbmSetup make_setup(std::shared_ptr<const LeastSquares> p, const Parameters& params,
                    std::string key) {
  HbmSetup s;
  s.key = std::move(key);
  s.problem = std::move(p);
  s.hb = heavy_ball_parameters(s.problem->eigenvalues, params["c"]);
  s.sampler = std::make_shared<const RowSampler>(s.problem->A, Sampling::row_norm);
  s.bstar_real = critical_batch_real(s.hb);
  s.bstar = long(std::ceil(s.bstar_real));
  const double k_floor = iterations_to_eps(s.hb, params["floor"]);
  s.horizon = std::max(4, std::min(int(params["max_horizon"]), int(std::ceil(k_floor))));
  return s;
}

std::shared_ptr<const HbmSetup> setup(const Trial& t) {
  auto p = spectrum_instance(t);
  const std::string key = fmt::format("hbm/{}/{}/{}/{}/{}", t.point.describe(), t.point.seed,
                                      t.params["c"], t.params["floor"], t.params["max_horizon"]);
  return t.store.get<HbmSetup>(key, [&] { return make_setup(p, t.params, key); });
}

std::shared_ptr<const Eigen::VectorXd> trajectory(const Trial& t, const HbmSetup& s, long B,
                                                  double beta, std::size_t run) {
  const int K = s.horizon;
  const std::string tag = fmt::format("B={} beta={:.17g} K={}", B, beta, K);
  const std::string key = fmt::format("traj/{}/{}/{}", s.key, tag, run);
  return t.store.get<Eigen::VectorXd>(key, [&] {
    Engine rng = make_engine(derive_seed(t.point.seed, kId, s.key + tag, 0, run));
    MinibatchHeavyBall m(*s.problem, s.hb.alpha, beta, B, s.sampler,
                         Eigen::VectorXd::Zero(s.problem->cols()));
    return relative_errors(m, K, rng, s.problem->x_star);
  });
}

// The horizon runs until the bound sqrt(2) kappa_C beta^{k/2} reaches kHomogeneousFloor, capped by
// rate_horizon.
std::shared_ptr<const Eigen::VectorXd> homogeneous_trajectory(const Trial& t, const HbmSetup& s,
                                                              long B, std::size_t run) {
  const double k_tiny =
      std::log(kHomogeneousFloor / (std::sqrt(2.0) * s.hb.kappa_C)) / std::log(s.hb.sqrt_beta);
  const int K = std::max(4, std::min(int(t.params["rate_horizon"]), int(std::ceil(k_tiny))));
  const std::string key = fmt::format("homogeneous-traj/{}/B={}/K={}/{}", s.key, B, K, run);
  return t.store.get<Eigen::VectorXd>(key, [&] {
    auto homogeneous = t.store.get<LeastSquares>("homogeneous/" + s.key, [&] {
      LeastSquares p = *s.problem;
      p.b.setZero();
      p.x_star.setZero();
      return p;
    });
    Engine rng = make_engine(
        derive_seed(t.point.seed, kId, s.key + fmt::format("homogeneous B={}", B), 0, run));
    MinibatchHeavyBall m(*homogeneous, s.hb.alpha, s.hb.beta, B, s.sampler, -s.problem->x_star);
    return relative_errors(m, K, rng, homogeneous->x_star);
  });
}

bool bound_event(const HbmSetup& s, const Eigen::VectorXd& e, double C, double floor) {
  for (int k = 0; k < e.size(); ++k) {
    const double b = s.bound(k);
    if (b < floor) break;
    if (!(e(k) <= C * b)) return false;
  }
  return true;
}

bool keeps_bound(const HbmSetup& s, MinibatchHeavyBall& m, Engine& rng, double C, double floor) {
  const Eigen::VectorXd& x_star = s.problem->x_star;
  const double e0 = (m.x() - x_star).norm();
  for (int k = 0; k <= s.horizon; ++k) {
    if (k > 0) m.step(rng);
    const double b = s.bound(k);
    if (b < floor) break;
    if (!((m.x() - x_star).norm() / e0 <= C * b)) return false;
  }
  return true;
}

nlohmann::json bound_evidence(const HbmSetup& s, const Eigen::VectorXd& e, long B, double C,
                              double floor) {
  int first = -1, worst = 0;
  double worst_ratio = 0;
  for (int k = 0; k < e.size(); ++k) {
    const double b = C * s.bound(k);
    if (s.bound(k) < floor) break;
    const double ratio = e(k) / b;
    if (!(ratio <= 1) && first < 0) first = k;
    if (!(ratio <= worst_ratio)) {
      worst_ratio = ratio;
      worst = k;
    }
  }
  return {{"B", B},
          {"horizon", s.horizon},
          {"first_k_above_bound", first},
          {"worst_k", worst},
          {"error_at_worst_k", e(worst)},
          {"bound_at_worst_k", C * s.bound(worst)},
          {"worst_ratio", worst_ratio}};
}

// `thmcheck replay` of a failing run at suite seed 20240607 printed this point; its runs are seeded
// by the instance, so its verdict is the same under every suite seed.
const std::vector<PinnedExample>& pinned_counterexample() {
  static const std::vector<PinnedExample> pinned = {
      {.values = {{"d", 4},
                  {"kappa", 11.518860454951213},
                  {"recipe", 0},
                  {"n_over_d", 2.1241240000000001}},
       .seed = 6720693666617189664u,
       .note = "found at suite seed 20240607, quick tier; its runs are seeded by the instance, "
               "so its verdict is the same under every suite seed"}};
  return pinned;
}

}  // namespace thmcheck::theorems::minibatch_hbm
