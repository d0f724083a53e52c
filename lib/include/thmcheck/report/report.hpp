// Markdown reports (docs/architecture.md, "Results"): DIR/README.md, DIR/<theorem-id>.md,
// DIR/figures/*.svg, DIR/data/*.csv and DIR/results.json.
#pragma once

#include <string>

#include "thmcheck/harness/result.hpp"

namespace thmcheck::report {

struct ReportOptions {
  std::string
      gnuplot;  // the gnuplot program; empty: $THMCHECK_GNUPLOT if set, else "gnuplot" on PATH
};

// Writes the whole report into dir (created if needed). Written into a temporary folder beside it
// (dir.partial) and renamed at the end, so an interrupted run never leaves a partial report as if
// complete. Without gnuplot the report still completes: it says so, and keeps the data and scripts.
void write_report(const SuiteResult& results, const std::string& dir);
void write_report(const SuiteResult& results, const std::string& dir, const ReportOptions& options);

// The proof outline of one theorem's results: every claim under the claims that rest on it, with
// its verdict, the node that breaks (not as expected) and the claims that rest on a broken one.
std::string proof_outline_markdown(const TheoremResult& t);

// One line per claim, for the terminal, then the summary line (and, for a seed sweep, its own
// line).
std::string summary_table(const SuiteResult& results);

}  // namespace thmcheck::report
