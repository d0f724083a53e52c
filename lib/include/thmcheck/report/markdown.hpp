// The markdown pages of a report: DIR/README.md (one row per theorem, the suite's alpha,
// provenance) and DIR/<theorem-id>.md (source, statement, parameters, hypotheses, claims, proof
// outline, counterexamples, figures, provenance). A seed sweep adds its summary line to the README
// and a column "as expected" (the seeds each claim was as expected with) to both; a single run's
// pages are unchanged. Math stays in $...$ as authored (GitHub renders it); it is kept out of table
// cells, where GitHub would read \| as a cell separator's escape.
#pragma once

#include <string>
#include <vector>

#include "thmcheck/harness/result.hpp"
#include "thmcheck/report/plots.hpp"

namespace thmcheck::report {

struct FigureStatus {
  bool drawn_any = true;  // false: no SVG was drawn (gnuplot missing or failing)
  std::string note;       // said on every page when figures are missing
};

std::string readme_markdown(const SuiteResult& r, const FigureStatus& status);
std::string theorem_markdown(const TheoremResult& t, const TheoremPlots& plots,
                             const nlohmann::json& provenance, const FigureStatus& status);

// The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to '-'.
std::string github_anchor(const std::string& heading);

}  // namespace thmcheck::report
