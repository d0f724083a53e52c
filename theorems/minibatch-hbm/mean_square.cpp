// The exact mean square of minibatch heavy ball (docs/theory/second-moments.md) in
// minibatch-hbm-acceleration: a cross-check of the Monte Carlo engine (the row-order kernel and
// the alias sampler) against E||e_k||^2 from the second-moment operator L_B, with its control, and
// the mean-square rate rho(L_B)^{1/2} at B* and the mean-square critical batch B_ms(tau),
// reported (the paper states nothing about mean squares, so they are not claimed).
//
// Why one-sided claims: ||e_k||^2 has no proven bound short of the worst product of momentum
// matrices (astronomical), and a mean of an unbounded variable has no distribution-free upper
// confidence end (a far tail can hold any mass). A lower end stays valid for the truncated value
// min(X, cap) <= X. So the claim that can hold says the sampled mean reaches the exact value
// ("not below", lower ends only: it can hold, never be violated), and the control that must be
// caught says it stays below an exact value that is too small (the noise-free curve of heavy
// ball itself: lower ends only, it can be violated, never hold). Together they test both directions
// in the form each can be decided; a kernel whose errors were too small leaves the claim
// inconclusive.
#include <limits>

#include "hbm.hpp"
#include "thmcheck/harness/kinds/expectation.hpp"
#include "thmcheck/harness/trial_record.hpp"
#include "thmcheck/spectral/mean_square_rate.hpp"
#include "thmcheck/spectral/second_moment_operator.hpp"

namespace thmcheck::theorems::minibatch_hbm {
namespace {

// Per instance: the batches of the cross-check, from about B*/10 to B* where rho(L_B) < 1, the
// checkpoints, and the exact E||e_k||^2 there (and the noise-free ||e_k||^2 for the control).
struct MeanSquareSetup {
  std::vector<long> batches;
  std::vector<double> rho;  // rho(L_B) at each batch
  std::vector<int> ks;
  std::vector<std::vector<double>> exact;  // [batch][checkpoint]
  std::vector<double> noise_free;          // [checkpoint]: deterministic heavy ball, B = infinity
};

std::shared_ptr<const MeanSquareSetup> mean_square_setup(const Trial& t, const HbmSetup& s,
                                                         int horizon) {
  const int K = std::min(horizon, s.horizon);
  const std::string key = fmt::format("mean-square/{}/K={}", s.key, K);
  return t.store.get<MeanSquareSetup>(key, [&] {
    MeanSquareSetup m;
    SecondMomentOperator L(s.problem->A, Sampling::row_norm, s.hb.alpha, s.hb.beta, 1);
    // The smallest batch with rho(L_B) < 1 (by a hair below 1, so that the mean square decays).
    const long stable = smallest_batch_with_radius(L, 1 - 1e-9, double(s.bstar)).batch;
    const long lo = std::max(s.batch(0.1), stable), hi = std::max(lo, s.bstar);
    m.batches = {lo, std::max(lo, long(std::llround(std::sqrt(double(lo) * double(hi))))), hi};
    m.ks = {std::max(1, K / 4), std::max(1, K / 2), K};
    const Eigen::VectorXd e0 = -s.problem->x_star;  // x_0 = 0
    for (long B : m.batches) {
      const auto LB = L.with_batch(double(B));
      m.rho.push_back(mean_square_spectral_radius(LB).rho);
      m.exact.push_back(mean_square_at(LB, e0, m.ks));
    }
    // The noise term of L_B is N/B: at B = infinity the recursion is the deterministic method's
    // e_k e_k^T, so this is ||e_k||^2 of full-batch heavy ball.
    m.noise_free = mean_square_at(L.with_batch(std::numeric_limits<double>::infinity()), e0, m.ks);
    return m;
  });
}

// ||x_k - x*||^2 at the checkpoints for each batch: run `run` of this instance, from x_0 = 0,
// seeded by the instance (so the claim and its control read the same runs).
std::shared_ptr<const std::vector<double>> mean_square_run(const Trial& t, const HbmSetup& s,
                                                           const MeanSquareSetup& m) {
  const std::string key = fmt::format("mean-square-run/{}/{}/{}", s.key, m.ks.back(), t.run);
  return t.store.get<std::vector<double>>(key, [&] {
    std::vector<double> out;
    for (long B : m.batches) {
      Engine rng = make_engine(
          derive_seed(t.point.seed, kId, s.key + fmt::format("mean-square B={}", B), 0, t.run));
      MinibatchHeavyBall hb(*s.problem, s.hb.alpha, s.hb.beta, B, s.sampler,
                            Eigen::VectorXd::Zero(s.problem->cols()));
      int k = 0;
      for (int target : m.ks) {
        for (; k < target; ++k) hb.step(rng);
        out.push_back((hb.x() - s.problem->x_star).squaredNorm());
      }
    }
    return out;
  });
}

// X / exact, truncated at cap: for the claim (control = false) minus it; for the control X over
// the noise-free value, as is.
ExpectationSample cross_check_sample(const Trial& t, bool control) {
  auto s = setup(t);
  // The control reads a longer horizon: the gap between the noisy and the noise-free curves
  // compounds over the steps, and a lower end is valid however heavy the tail.
  auto m = mean_square_setup(
      t, *s, int(t.params[control ? "mean_square_control_horizon" : "mean_square_horizon"]));
  auto x = mean_square_run(t, *s, *m);
  const double cap = t.params["mean_square_cap"], tol = t.params["mean_square_tol"];
  const double inf = std::numeric_limits<double>::infinity();
  ExpectationSample out;
  std::size_t j = 0;
  for (std::size_t b = 0; b < m->batches.size(); ++b)
    for (std::size_t c = 0; c < m->ks.size(); ++c, ++j) {
      const double exact = control ? m->noise_free[c] : m->exact[b][c];
      const double r = std::min((*x)[j] / exact, cap);
      out.values.push_back(control ? r : -r);
      out.bounds.push_back(control ? 1 + tol : -(1 - tol));
      out.labels.push_back(fmt::format("B={} k={}", m->batches[b], m->ks[c]));
    }
  if (control) {
    out.lo = 0, out.hi = cap, out.tail = inf;  // the upper end is unknowable: never holds
  } else {
    out.lo = -cap, out.hi = 0, out.lower_tail = inf;  // the lower end of -X: never violated
  }
  return out;
}

// The instances' batches, exact mean-square rates, B_ms(tau) and rho(L_B)^{1/2} at B* and B_ms:
// reported beside the verdict.
nlohmann::json mean_square_evidence(ClaimContext& ctx) {
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < ctx.instances(kInst.at(ctx.tier)); ++i) {
    auto s = setup_of_instance(ctx, i, setup);
    auto m = setup_of_instance(ctx, i, [&](const Trial& t) {
      return mean_square_setup(t, *s, int(t.params["mean_square_horizon"]));
    });
    SecondMomentOperator L(s->problem->A, Sampling::row_norm, s->hb.alpha, s->hb.beta,
                           double(s->bstar));
    const double rho_star = mean_square_spectral_radius(L).rho;
    const auto bms = mean_square_critical_batch(L, ctx.params["tau"], double(s->bstar));
    rows.push_back({{"instance", ctx.instance(i).describe()},
                    {"B_star", s->bstar_real},
                    {"batches", m->batches},
                    {"rho_L_B", m->rho},
                    {"checkpoints", m->ks},
                    {"exact_mean_square", m->exact},
                    {"rate_at_B_star_over_sqrt_beta", std::sqrt(rho_star) / s->hb.sqrt_beta},
                    {"B_ms", bms.batch},
                    {"B_ms_over_B_star", double(bms.batch) / s->bstar_real}});
  }
  return rows;
}

}  // namespace

void add_mean_square_claims(Theorem& t) {
  // Runs per instance: sequential looks at 2000, 4000, 8000 in both tiers. Chosen
  // before any run: with cap = 10 the empirical-Bernstein range term is 7 cap log(2/alpha') / (3n),
  // about 0.04 at n = 8000, so tol = 0.25 leaves room for the variance term.
  const ExpectationSpec base{.alpha = kClaimAlpha,
                             .instances = kInst,
                             .trials_per_instance = {8000, 8000},
                             .first_look = {2000, 2000}};
  ExpectationSpec claim = base, control = base;
  claim.sample = [](const Trial& t) { return cross_check_sample(t, false); };
  control.sample = [](const Trial& t) { return cross_check_sample(t, true); };
  Claim c = expectation(
      {.id = "mean-square-cross-check",
       .statement =
           "the Monte Carlo mean of $\\|x_k - x^*\\|^2$ (row-order kernel, alias sampler, from "
           "$x_0 = 0$) at three batches from about $B^*/10$ to $B^*$ where the exact "
           "mean-square rate $\\rho(L_B)^{1/2}$ is below 1 reaches the exact "
           "$\\mathbb E\\|x_k - x^*\\|^2$ of the second-moment recursion: "
           "$\\mathbb E \\min(X/\\text{exact}, \\text{cap}) \\ge 1 - \\text{tol}$ at three "
           "checkpoints, per instance (a check of the engine, not of the paper; "
           "docs/theory/second-moments.md)"},
      claim);
  t.add(with_evidence(std::move(c), {}, [](ClaimContext& ctx, ClaimResult& res) {
    res.details["mean_square"] = mean_square_evidence(ctx);
  }));
  // The control was "the exact mean square with the batch doubled" until a quick-tier seed
  // (138151) drew four instances on which doubling B changes E||e_k||^2 by only 20-40%: lower ends
  // 1.19-1.21 against 1 + tol = 1.25, inconclusive. That was a control too weak for some
  // instances, so it was replaced, after seeing those data, by the end of the same family: the
  // noise-free curve (B = infinity). Measured then, per instance, the largest lower end was
  // 1.38-3.9 with 4B, 2.1-6.6 with 16B and 2.5-7.8 noise-free over seeds 138151 and 1-4; the
  // choice was re-checked under fresh seeds (docs/theory/second-moments.md).
  t.add(expectation(
      {.id = "control-mean-square-noise-free",
       .statement = "control: the same Monte Carlo means stay at most $(1 + \\text{tol})$ times "
                    "the noise-free $\\|x_k - x^*\\|^2$ of full-batch heavy ball (the "
                    "recursion with $B = \\infty$)",
       .control = true,
       .reason = "the minibatch noise adds to the mean square a term that compounds over the "
                 "steps: below $B^*$ it is a factor of about 3 to 8 at $k = 20$"},
      control));
}

}  // namespace thmcheck::theorems::minibatch_hbm
