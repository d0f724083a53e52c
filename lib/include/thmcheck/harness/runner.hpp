// The runner: builds the requested theorems, applies --set overrides, runs their claims (filtered
// by controls mode and shard) and gathers the results with provenance.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "thmcheck/harness/result.hpp"
#include "thmcheck/harness/tier.hpp"

namespace thmcheck {

class Journal;

// The most threads --jobs may ask for: far beyond any machine's cores (thread counts beyond them
// work, and give the same results), but short of what exhausts the process's threads or stacks.
inline constexpr int kMaxJobs = 1024;

enum class ControlsMode { include, only, exclude };

struct Shard {
  int index = 0;  // 0-based
  int count = 1;
};

struct Override {
  std::string theorem, parameter;
  double value = 0;
};

struct RunOptions {
  Tier tier = Tier::quick;
  std::uint64_t seed = 20240607;  // the suite seed; fixed by default so runs are reproducible
  int jobs = 1;
  ControlsMode controls = ControlsMode::include;
  std::vector<Override> overrides;
  Shard shard;
  std::vector<std::string> only_claims;  // empty: every claim
  bool progress = false;
  // Worst case by search beside sampling (harness/worst_case_search.hpp); off: sampling alone, to
  // see what the search adds.
  bool search = true;
  // Each decided claim is appended to the journal, and a claim it already holds for the same key is
  // taken from it instead of run (verify --resume; harness/journal.hpp). Null: no journal.
  Journal* journal = nullptr;
  // Once true (a signal handler sets it), no further claim starts, running ones are abandoned at
  // their next trial, and the result lists the claims not decided in SuiteResult::missing.
  const std::atomic<bool>* stop = nullptr;
};

// Validates everything (ids, overrides against the theorems' parameters, jobs) before running
// anything, so bad input fails fast with exit 64 and leaves no partial results.
SuiteResult run_suite(const std::vector<std::string>& theorem_ids, const RunOptions& options);

nlohmann::json make_provenance(const RunOptions& options);

// Exit codes (docs/architecture.md, "Command line"): 0 all hold and all controls caught; 1 violated
// or control missed; 2 inconclusive (or error).
int exit_code(const SuiteResult& r);

}  // namespace thmcheck
