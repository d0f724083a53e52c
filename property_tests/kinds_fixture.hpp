// Tiny synthetic theorems for the tests of the verdict engine: a Theorem built in the test (never
// registered), and one claim of it run under a chosen suite seed, the way the runner runs it.
#pragma once

#include <cstdint>
#include <string>

#include "thmcheck/harness/claim.hpp"
#include "thmcheck/harness/context.hpp"
#include "thmcheck/harness/instance_store.hpp"
#include "thmcheck/harness/progress.hpp"
#include "thmcheck/harness/replay.hpp"
#include "thmcheck/harness/theorem.hpp"

namespace thmcheck::testing {

// A theorem with one real variable `u` in [0, 1] and one integer `d` in [2, 30]: enough for the
// synthetic claims, which draw their randomness from the trial engine.
inline Theorem synthetic_theorem(const std::string& id = "synthetic") {
  Theorem t;
  t.id = id;
  t.title = "synthetic claims of the harness tests";
  t.hypotheses.real("u", 0, 1, 1, "a number").integer("d", 2, 30, 30, "a size");
  return t;
}

inline ClaimResult run_claim(const Theorem& t, const std::string& claim_id,
                             std::uint64_t seed = 20240607, Tier tier = Tier::quick, int jobs = 1) {
  const Claim* c = t.find(claim_id);
  if (!c) throw std::logic_error("no claim " + claim_id);
  InstanceStore store;
  Progress progress(false);
  ClaimContext ctx(t, *c, t.parameters, tier, seed, jobs, store, progress);
  ClaimResult r = c->check(ctx);
  r.id = c->id();
  r.kind = c->kind;
  r.alpha = c->alpha;
  return r;
}

// What `thmcheck replay TOKEN` prints for a claim of t, run in-process: the token's instance, trial
// seed, index and run, through the claim's replay.
inline nlohmann::json replay_in_process(const Theorem& t, const std::string& token) {
  ReplayTarget target = decode_replay(token);
  const Claim* c = t.find(target.claim);
  if (!c) throw std::logic_error("no claim " + target.claim);
  Point p = t.hypotheses.make(target.values, target.point_seed);
  InstanceStore store;
  Progress progress(false);
  ClaimContext ctx(t, *c, t.parameters, target.tier, target.suite_seed, 1, store, progress);
  return c->replay(ctx, p, {target.trial_seed, target.trial_index, target.trial_run});
}

}  // namespace thmcheck::testing
