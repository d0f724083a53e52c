// A Claim: one checkable statement of a theorem. Its check samples, measures and decides; the kind
// builders in harness/kinds/ make checks with the decision rule of each kind.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "thmcheck/harness/result.hpp"
#include "thmcheck/harness/verdict.hpp"

namespace thmcheck {

class ClaimContext;
struct Point;

// What every claim says about itself, whatever its kind.
struct ClaimInfo {
  std::string id;
  std::string statement;               // markdown with $...$ math
  std::vector<std::string> rests_on;   // ids of the claims its proof uses
  bool control = false;                // a deliberately false variant the harness must catch
  // A stated claim that the measurements contradict is kept as stated and marked here, with the
  // evidence in the report: expected_violated = true and the reason.
  bool expected_violated = false;
  std::string reason;                  // for controls: what was falsified; for findings: why
};

// Which trial a replay reruns: its engine's seed, its index within the claim, and its run (its index
// among its instance's trials). Methods seeded per run (the minibatch runs of an instance, shared by
// the claims that ask for them) need the run to rerun the same trajectory.
struct TrialRef {
  std::uint64_t seed = 0;
  std::size_t index = 0;
  std::size_t run = 0;
};

struct Claim {
  ClaimInfo info;
  ClaimKind kind = ClaimKind::inequality;
  double alpha = 0;  // false-alarm level; 0 for deterministic kinds
  std::function<ClaimResult(ClaimContext&)> check;
  // Reruns one trial on an explicit point and returns its evidence: what `thmcheck replay TOKEN`
  // prints. Kinds that can produce counterexamples set it.
  std::function<nlohmann::json(ClaimContext&, const Point&, const TrialRef&)> replay;

  const std::string& id() const { return info.id; }
};

}  // namespace thmcheck
