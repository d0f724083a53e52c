// A Claim: one checkable statement of a theorem. Its check samples, measures and decides; the kind
// builders in harness/kinds/ make checks with the decision rule of each kind.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "thmcheck/harness/result.hpp"
#include "thmcheck/harness/verdict.hpp"

namespace thmcheck {

class ClaimContext;
struct Point;

// The false-alarm level of one statistical check. The suite's family-wise level is 0.05: by the
// union bound over every check (controls included), P(some true claim is called violated) <= the
// sum of the checks' alphas, and 100 checks at this level sum to 0.05. The registry test keeps the
// sum of every registered check at or below 0.05; a suite that outgrows 100 checks lowers this
// level.
inline constexpr double kClaimAlpha = 5e-4;
inline constexpr double kSuiteAlpha = 0.05;

// What every claim says about itself, whatever its kind.
// A pinned example: an instance stored in the theorem file (its hypothesis values and its own
// seed), checked first on every run, whatever the suite seed. A finding rests on one (a
// counterexample that any seed reproduces); an author may also pin the known hard case of a claim
// that holds. `thmcheck replay` of a violated claim prints the line to paste here.
struct PinnedExample {
  std::vector<std::pair<std::string, double>> values;
  std::uint64_t seed = 0;  // the instance's own seed (Point::seed)
  std::string note;        // where it came from: "counterexample found at suite seed 20240607"
  // The adversarial inputs of the example (a start the worst-case search found), for claims that
  // declare inputs; empty: drawn at random like a sampled instance's.
  std::vector<std::vector<double>> inputs = {};
};

struct ClaimInfo {
  std::string id;
  std::string statement;              // markdown with $...$ math
  std::vector<std::string> rests_on;  // ids of the claims its proof uses
  bool control = false;               // a deliberately false variant the harness must catch
  // A stated claim that the measurements contradict is kept as stated and marked here, with the
  // evidence in the report: expected_violated = true and the reason.
  bool expected_violated = false;
  std::string reason;                 // for controls: what was falsified; for findings: why
  std::vector<PinnedExample> pinned;  // instances checked before the sampled ones
};

// Which trial a replay reruns: its engine's seed, its index within the claim, and its run (its
// index among its instance's trials). Methods seeded per run (the minibatch runs of an instance,
// shared by the claims that ask for them) need the run to rerun the same trajectory.
struct TrialRef {
  std::uint64_t seed = 0;
  std::size_t index = 0;
  std::size_t run = 0;
  // The adversarial inputs it ran with, when the worst-case search chose them (empty: drawn by the
  // trial).
  std::vector<std::vector<double>> inputs = {};
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
