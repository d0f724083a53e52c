// What the claims of minibatch-hbm-acceleration share (docs/theory/minibatch-hbm.md): the instance
// of a point with its heavy-ball quantities (alpha, beta, kappa_C, B*), the error curves of
// minibatch heavy ball on it, computed once per run and shared by the claims that ask for the same
// run, and the event of the main claim. Each file of this folder adds one group of claims to the
// theorem.
#pragma once

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "../common.hpp"
#include "thmcheck/harness/claim.hpp"
#include "thmcheck/harness/context.hpp"
#include "thmcheck/harness/kinds/probability.hpp"
#include "thmcheck/harness/theorem.hpp"
#include "thmcheck/methods/minibatch_heavy_ball.hpp"
#include "thmcheck/spectral/heavy_ball_parameters.hpp"

namespace thmcheck::theorems::minibatch_hbm {

// Names the theorem in every derived seed: the runs of the claims depend on it.
inline constexpr const char* kId = "minibatch-hbm-acceleration";
inline constexpr double kEps = std::numeric_limits<double>::epsilon();

// Instances and runs per instance of the Monte Carlo claims.
inline constexpr Budget kInst{4, 12}, kRuns{25, 25};

// The instance of a point with its heavy-ball quantities ("Heavy-ball parameters and kappa_C",
// "Critical batch sizes"), built once per run.
struct HbmSetup {
  std::shared_ptr<const LeastSquares> problem;
  HeavyBallParameters hb;
  std::shared_ptr<const RowSampler> sampler;
  double bstar_real = 0;  // B* before the floor
  long bstar = 0;         // ceil(B*): a claim "for B >= B*" runs here
  int horizon = 0;        // k at which sqrt(2) kappa_C beta^{k/2} reaches the round-off floor
  std::string key;        // names the instance in the run's cache

  // sqrt(2) kappa_C beta^{k/2}: the deterministic bound of heavy ball.
  double bound(int k) const { return std::sqrt(2.0) * hb.kappa_C * std::pow(hb.sqrt_beta, k); }
  long batch(double multiple) const { return std::max(1L, long(std::ceil(multiple * bstar_real))); }
};

// Row-norm sampling, c, the floor and max_horizon from the parameters.
HbmSetup make_setup(std::shared_ptr<const LeastSquares> p, const Parameters& params,
                    std::string key);

// The setup of the point's instance (theorems/common.hpp, spectrum_instance), cached for the run.
std::shared_ptr<const HbmSetup> setup(const Trial& t);

// The setup of the claim's instance i, outside its trials (a figure drawn after them): `make` is a
// setup function of a Trial, which builds from the point alone and draws nothing from the engine.
template <class Make>
auto setup_of_instance(ClaimContext& ctx, std::size_t i, Make make) {
  Point p = ctx.instance(i);
  Engine never_drawn = make_engine(0);  // a Trial carries an engine; `make` draws nothing from it
  Trial t{.point = p,
          .instance = i,
          .index = 0,
          .run = 0,
          .rng = never_drawn,
          .params = ctx.params,
          .tier = ctx.tier,
          .store = ctx.store};
  return make(t);
}

// ||x_k - x*|| / ||x_0 - x*||, k = 0..horizon, of minibatch HBM from x_0 = 0 with batch B: run
// `run` of this instance. Seeded from the point's seed, B, beta and run, so claims that ask for the
// same run share it (common random numbers, computed once per run of the harness).
std::shared_ptr<const Eigen::VectorXd> trajectory(const Trial& t, const HbmSetup& s, long B,
                                                  double beta, std::size_t run);

// The same runs on the homogeneous instance (b = 0, x* = 0) from the same e_0, down to this floor:
// minibatch heavy ball is translation-equivariant, so the errors obey the same recursion with the
// same draws, but floating point keeps relative accuracy down to 1e-250 instead of stalling near
// eps ||x*||. A slope read over the second half of such a run has no round-off floor and almost no
// bias from the transient of the first steps.
inline constexpr double kHomogeneousFloor = 1e-250;
std::shared_ptr<const Eigen::VectorXd> homogeneous_trajectory(const Trial& t, const HbmSetup& s,
                                                              long B, std::size_t run);

// The main claim's event: ||e_k|| <= C sqrt(2) kappa_C beta^{k/2} ||e_0|| for every k up to the
// horizon at which the bound is still above the round-off floor.
bool bound_event(const HbmSetup& s, const Eigen::VectorXd& e, double C, double floor);

// The same event for a run stepped here from its start (m fresh, rng its engine): it stops at the
// first step above the bound, so a failing run costs only its steps up to the crossing. The same
// answer as bound_event on the run's whole trajectory.
bool keeps_bound(const HbmSetup& s, MinibatchHeavyBall& m, Engine& rng, double C, double floor);

// Where a run at batch B first crosses C sqrt(2) kappa_C beta^{k/2}, and its largest ratio to that
// bound: what a replay of the main claim prints.
nlohmann::json bound_evidence(const HbmSetup& s, const Eigen::VectorXd& e, long B, double C,
                              double floor);

// The sequential test of the main claim's event, per instance (main_claim.cpp): shared by the main
// claim, its controls and the theorem as proved.
ProbabilitySpec main_spec(std::function<bool(const Trial&)> event);

// The counterexample of main-claim and of critical-batch at B*: pinned, so both findings are
// decided on it first under any suite seed.
const std::vector<PinnedExample>& pinned_counterexample();

// The groups of claims, in the order the theorem adds them.
void add_spectral_claims(Theorem& t);          // spectral.cpp
void add_deterministic_claims(Theorem& t);     // deterministic.cpp
void add_main_claim(Theorem& t);               // main_claim.cpp
void add_as_proved_claims(Theorem& t);         // as_proved.cpp: the theorem at B*(K)
void add_rate_claims(Theorem& t);              // rates.cpp: main-rate and its control
void add_main_controls(Theorem& t);            // main_claim.cpp
void add_necessity(Theorem& t);                // rates.cpp
void add_critical_batch(Theorem& t);           // critical_batch.cpp
void add_critical_batch_theories(Theorem& t);  // theories.cpp: B_emp against every prediction
void add_product_concentration(Theorem& t);    // products.cpp
void add_reproductions(Theorem& t);            // reproductions.cpp: b-dependence, Figure 1
void add_paper_experiments(Theorem& t);        // experiments.cpp: sparse rows, inconsistent system
void add_mean_square_claims(Theorem& t);       // mean_square.cpp: the exact mean-square cross-check

}  // namespace thmcheck::theorems::minibatch_hbm
