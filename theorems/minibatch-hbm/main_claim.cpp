// Claim 3 of minibatch-hbm-acceleration: the main claim at B = ceil(B*) and its controls
// (docs/theory/minibatch-hbm.md, "Critical batch sizes" and "What thmcheck encodes").
#include "hbm.hpp"
#include "thmcheck/harness/kinds/probability.hpp"

namespace thmcheck::theorems::minibatch_hbm {
namespace {

// The main claim's event on run t.run at B = ceil(multiple B*), with the constant named C_name.
std::function<bool(const Trial&)> main_event(Constant multiple, const char* C_name) {
  return [multiple, C_name](const Trial& t) {
    auto s = setup(t);
    auto e = trajectory(t, *s, s->batch(multiple(t.params)), s->hb.beta, t.run);
    return bound_event(*s, *e, t.params[C_name], t.params["floor"]);
  };
}

}  // namespace

// The claim is for every instance (every A), with probability over the minibatches: each instance
// is tested on its own.
ProbabilitySpec main_spec(std::function<bool(const Trial&)> event) {
  return {.delta = "delta",
          .alpha = kClaimAlpha,
          .first_look = {25, 25},
          // 6400 in both tiers: the pinned instance fails in about 14% of its runs, which a
          // Clopper-Pearson lower end at alpha / (instances x looks) puts above delta = 0.1 from
          // about 1600 runs; sequential looks stop there. The first budget, 1600, was sized on the
          // 17% measured on the very runs the search had picked the instance from (biased high);
          // on fresh runs the lower end came out at 0.102, on the boundary. The larger budget was
          // chosen after seeing that, and re-checked under fresh seeds.
          .max_trials = {6400, 6400},
          .over = ProbabilityOver::each_instance,
          .instances = kInst,
          .event = std::move(event)};
}

void add_main_claim(Theorem& t) {
  auto spec = main_spec(main_event(1.0, "C_hbm"));
  spec.evidence = [](const Trial& t) {
    auto s = setup(t);
    auto e = trajectory(t, *s, s->batch(1.0), s->hb.beta, t.run);
    return bound_evidence(*s, *e, s->bstar, t.params["C_hbm"], t.params["floor"]);
  };
  t.add(probability(
      {.id = "main-claim",
       .statement =
           "for $B = \\lceil B^* \\rceil$, with probability at least $1 - \\delta$: $\\|x_k - "
           "x^*\\| \\le C_{hbm} \\sqrt2\\,\\kappa_C \\beta^{k/2} \\|x_0 - x^*\\|$ for every $k$ "
           "while the bound is above the round-off floor",
       .rests_on = {"hbm-deterministic-bound", "product-concentration"},
       .expected_violated = true,
       .reason =
           "measured on the pinned instance (d=4, kappa=11.5, fast-exponential, n=9 rows): at "
           "B = ceil(B*) = 1893 the event fails in 217 of 1600 runs (0.136; Clopper-Pearson lower "
           "end 0.102 > delta = 0.1 at the look that stopped, the same under every suite seed: the "
           "runs are seeded by the instance). The failing runs cross the bound late (the replayed "
           "one at k = 54 of a 55-step horizon, errors near 2e-12, above the 1e-12 floor): at B* "
           "the minibatch rate "
           "is slightly slower than sqrt(beta), and over a long horizon the gap compounds past "
           "C_hbm = 2. This contradicts a stronger reading, not the theorem as proved: B* is the "
           "batch of the paper's experiments, and the proof needs B*(K) = 4.7e8 here (K = 55), "
           "where "
           "main-claim-as-proved and main-claim-as-proved-in-mean hold on this same instance. The "
           "replay token reruns a failing run and prints where it crosses the bound",
       .pinned = pinned_counterexample()},
      spec));
}

void add_main_controls(Theorem& t) {
  t.add(probability(
      {.id = "control-c-hbm-too-small",
       .statement = "control: the main claim with $C_{hbm}$ = C_hbm_control (far too small)",
       .control = true,
       .reason =
           "C_hbm sqrt(2) kappa_C far below the transient of heavy ball's non-normal iteration"},
      main_spec(main_event(1.0, "C_hbm_control"))));
  t.add(probability(
      {.id = "control-batch-far-below",
       .statement = "control: the main claim at $B = \\lceil$far_below$\\cdot B^*\\rceil$",
       .control = true,
       .reason = "acceleration needs B >= B*: far below it the rate is lost (Kidambi et al. 2018)"},
      main_spec(main_event("far_below", "C_hbm"))));
}

}  // namespace thmcheck::theorems::minibatch_hbm
