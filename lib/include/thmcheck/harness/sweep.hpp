// Seed sweeps (verify --seeds): the same claims run under several suite seeds and merged into one
// result whose claims carry their stability across the seeds. A verdict must be a property of the
// theorem, not of the suite seed: a claim that is not as expected under some seeds shows a defect
// of its design (a budget too small to decide, a biased measurement, a claim on its boundary).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "thmcheck/harness/result.hpp"

namespace thmcheck {

// A guard against a mistyped range: 1000 runs of the quick tier already take hours.
inline constexpr std::size_t kMaxSweepSeeds = 1000;

// One seed given as an option (verify --seed, simulate --seed): decimal digits only, 0 to 2^64 - 1.
// Throws InputError naming `option` for anything else (a sign, an exponent, an overflow, nothing).
std::uint64_t parse_seed_option(const std::string& text, const std::string& option);

// "A..B" (inclusive), "A,B,C" or a mix "1..5,9": the seeds in the order given. Throws InputError
// naming the bad part when the spec is empty or malformed, a number is negative or beyond 2^64 - 1,
// a range is reversed, a seed repeats, or there are more than kMaxSweepSeeds seeds.
std::vector<std::uint64_t> parse_seed_list(const std::string& spec);

// The seeds as text, consecutive runs of three or more as ranges: "20240607, 1..5, 9".
std::string seeds_text(const std::vector<std::uint64_t>& seeds);

struct SeedRun {
  std::uint64_t seed = 0;
  SuiteResult result;  // run_suite with options.seed = seed
};

// The sweep as one result. The claims' own fields (verdict, estimate, details, ...), the theorems
// and the provenance are those of the first run, so a sweep that starts with the default seed
// reports the default run; each claim gains its Stability over all runs, and the provenance gains
// "sweep": {"seeds": [...], "exit_codes": {"SEED": code}}. Only the first run's details are read,
// so the caller may drop the others' to save memory. Every run must hold the same claims in the
// same order (they do when only the seed differs); anything else, no runs or a repeated seed throws
// InputError.
SuiteResult merge_sweep(const std::vector<SeedRun>& runs);

// The verdicts a claim got over the sweep, in verdict order, the absent ones left out: "holds 8,
// inconclusive 2".
std::string verdict_counts_text(const Stability& s);

// The exit code of two runs together: 1 if either is 1, else 2 if either is 2, else 0 (for 0, 1,
// 2).
int worst_exit_code(int a, int b);

bool is_sweep(const SuiteResult& r);  // the provenance has "sweep"
std::vector<std::uint64_t> sweep_seeds(
    const SuiteResult& r);  // in sweep order; empty if not a sweep

// The exit code of a result: for a sweep the worst over its seeds, otherwise exit_code(r).
int sweep_exit_code(const SuiteResult& r);

// One line (no newline) for the terminal and the report's README: "Seed sweep: K seeds (LIST); U
// claims unstable (not as expected in at least one seed): THEOREM/CLAIM k/K (holds n1, inconclusive
// n3), ...". Empty when r is not a sweep.
std::string sweep_summary(const SuiteResult& r);

}  // namespace thmcheck
