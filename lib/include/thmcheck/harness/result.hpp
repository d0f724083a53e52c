// Results: what a claim's check returns, and the results JSON (docs/architecture.md, "Results")
// ({"schema": "thmcheck-results/1", "provenance", "theorems": [{..., "claims": [...]}]}).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "thmcheck/harness/verdict.hpp"

namespace thmcheck {

inline constexpr const char* kResultsSchema = "thmcheck-results/1";

// How a claim fared over the seeds of a sweep (verify --seeds, harness/sweep.hpp): in the results
// file as "stability": {"seeds", "as_expected", "verdicts": {every verdict: count}, "off_seeds"}.
struct Stability {
  std::uint64_t seeds = 0;                    // suite seeds the claim was run with
  std::uint64_t as_expected = 0;              // of which it was as expected with
  std::map<Verdict, std::uint64_t> verdicts;  // how many seeds gave each verdict (absent: none)
  std::vector<std::uint64_t> off_seeds;  // the seeds it was not as expected with, in sweep order

  std::uint64_t count(Verdict v) const;
  bool stable() const { return as_expected == seeds; }
  bool operator==(const Stability&) const = default;
};

struct ClaimResult {
  std::string id;
  ClaimKind kind = ClaimKind::inequality;
  bool control = false;
  Verdict verdict = Verdict::error;
  double estimate = 0;  // the measured quantity (a ratio, a rate, a failure probability, ...)
  double interval[2] = {0, 0};  // its confidence interval (or range, for deterministic kinds)
  double bound = 0;             // what the claim says it must not exceed (or reach)
  double margin = 0;            // bound over estimate: > 1 is room to spare, < 1 is a violation
  std::uint64_t samples = 0;
  std::uint64_t seed = 0;
  double seconds = 0;
  double alpha = 0;  // false-alarm level of this check (0 for deterministic kinds)
  std::vector<std::string> rests_on;
  nlohmann::json details = nlohmann::json::object();  // kind-specific evidence, curves, tokens

  // Filled by the runner from the Claim: whether a violation is the expected outcome.
  Verdict expected = Verdict::holds;  // holds, or violated for controls and recorded findings
  std::string expected_reason;
  bool as_expected() const;

  // Set by a seed sweep, whose other fields are those of its first seed; absent from a single run.
  std::optional<Stability> stability;
};

struct TheoremResult {
  std::string id, title;
  nlohmann::json source = nlohmann::json::object();
  nlohmann::json parameters = nlohmann::json::object();
  std::string statement;
  std::string reading;  // Theorem::reading; "" when not given
  std::string hypotheses;
  double quick_budget_seconds = 0;  // declared by the theorem
  double seconds = 0;               // spent on its claims in this run
  std::vector<ClaimResult> claims;
};

struct SuiteResult {
  nlohmann::json provenance = nlohmann::json::object();
  std::vector<TheoremResult> theorems;
  // An interrupted run's claims that were never decided, as "THEOREM/CLAIM" (a sweep's as
  // "THEOREM/CLAIM (seed S)"); in the file as "partial": true and "missing": [...].
  std::vector<std::string> missing;
  bool partial() const { return !missing.empty(); }

  double total_alpha() const;  // the suite's false-alarm budget: sum of the checks' alphas
};

nlohmann::json to_json(const ClaimResult& r);
nlohmann::json to_json(const TheoremResult& r);
nlohmann::json to_json(const SuiteResult& r);
ClaimResult claim_result_from_json(const nlohmann::json& j);
TheoremResult theorem_result_from_json(const nlohmann::json& j);
SuiteResult suite_result_from_json(const nlohmann::json& j);  // throws InputError on a bad schema

// An unsigned 64-bit integer (a seed, a count) read from a results file or a replay token: a JSON
// integer in range, or a float with an integral value in range. nlohmann's get<std::uint64_t>()
// casts any float, undefined behaviour outside the range (found by fuzz/results_json); this throws
// InputError naming `what` instead.
std::uint64_t json_uint64(const nlohmann::json& v, const std::string& what);

// Same results apart from timings, hosts and dates: what the determinism tests compare.
nlohmann::json strip_timings(nlohmann::json j);

}  // namespace thmcheck
