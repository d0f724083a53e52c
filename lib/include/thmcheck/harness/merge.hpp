// Merging results: the shards of one run (verify --shard I/N) back into the results the unsharded
// run gives, with theorems and claims in registry order. Parts must come from the same run: same
// version, commit, compiler, flags, tier, seed and controls mode (and, for a seed sweep, the same
// seeds, whose exit codes are combined over the parts); shards of N must each be present once; and
// no claim may appear twice. Anything else is bad input (InputError naming the file).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "thmcheck/harness/result.hpp"

namespace thmcheck {

// Theorem ids in order, each with its claim ids in order.
using SuiteOrder = std::vector<std::pair<std::string, std::vector<std::string>>>;

// The order of the registry (Registry::global()): theorems by id, claims as their files add them.
SuiteOrder registry_order();

struct ResultsPart {
  std::string name;  // the file it came from, for messages
  SuiteResult result;
};

// Reads a results file; throws InputError naming the file when it is unreadable or malformed.
ResultsPart read_results_file(const std::string& path);
// The same from the file's text; `name` stands for the file in messages.
ResultsPart parse_results_text(const std::string& text, const std::string& name);

// Theorems and claims not in `order` follow the ordered ones, in order of first appearance.
SuiteResult merge_results(const std::vector<ResultsPart>& parts, const SuiteOrder& order);

}  // namespace thmcheck
