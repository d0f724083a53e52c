// The thmcheck subcommands. Each returns the process exit code (docs/architecture.md, "Command
// line"); InputError is turned into exit 64 by main(). verify exits 130 when a signal stopped it.
#pragma once

#include <string>
#include <vector>

#include "thmcheck/harness/runner.hpp"

namespace thmcheck::cli {

int list(bool json);
// With results_file, the proof outline shows that run's verdicts and which node broke.
int explain(const std::string& id, const std::string& results_file = "");

struct VerifyArgs {
  std::vector<std::string> ids;
  bool all = false;
  RunOptions options;
  std::vector<std::string> sets;
  std::string tier = "quick", controls = "include", shard = "0/1";
  std::string json_file, report_dir;
  // --seeds SPEC: a seed sweep (harness/sweep.hpp). Whether --seed was given is kept because its
  // value alone cannot tell: it has a default.
  std::string seeds;
  bool seeds_given = false, seed_given = false;
  // Whether --json / --report were given: an empty value is then refused, not taken for absence.
  bool json_given = false, report_given = false;
  bool resume = false;  // --resume: reuse the journal's records (harness/journal.hpp)
};
int verify(VerifyArgs args);
int replay(const std::string& token);

// `thmcheck new ID`: theorems/ID.cpp from the template (refuses ids that exist or are not
// kebab-case).
int new_theorem(const std::string& id, const std::string& dir);
std::string theorem_template(const std::string& id);

}  // namespace thmcheck::cli
