// The thmcheck subcommands. Each returns the process exit code (docs/architecture.md, "Command
// line"); InputError is turned into exit 64 by main(). verify exits 130 when a signal stopped it.
#pragma once

#include <filesystem>
#include <optional>
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
  // This program's name: results record it, so that reports and failing tests say which program
  // replays their counterexamples (a theorem pack's program, not thmcheck, holds its theorems).
  std::string program = "thmcheck";
  // Whether --json / --report were given: an empty value is then refused, not taken for absence.
  bool json_given = false, report_given = false;
  bool resume = false;  // --resume: reuse the journal's records (harness/journal.hpp)
};
int verify(VerifyArgs args);
int replay(const std::string& token);

// `thmcheck new ID`: ID.cpp from the template, in `dir` or, when it is empty, in the theorems/
// folder of theorem_project(current directory) (refuses ids that exist or are not kebab-case, and
// refuses when no project contains the current directory).
int new_theorem(const std::string& id, const std::string& dir);
// The nearest folder, from `from` up, whose CMakeLists.txt calls thmcheck_add_theorems or is
// thmcheck's own (project(thmcheck)); none when no folder up to the root has one.
std::optional<std::filesystem::path> theorem_project(const std::filesystem::path& from);
std::string theorem_template(const std::string& id);

}  // namespace thmcheck::cli
