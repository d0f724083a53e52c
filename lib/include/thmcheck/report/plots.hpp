// The plots of a theorem's report: every figure of every claim, with the panels of a group gathered
// into one multiplot, each given a file stem unique within the report (<theorem>-<name>), the SVG
// and script it is drawn into and the CSV files of its panels.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "thmcheck/harness/result.hpp"
#include "thmcheck/report/figure.hpp"

namespace thmcheck::report {

struct Plot {
  std::string stem;              // figures/<stem>.svg, figures/<stem>.gp
  std::string title;             // the figure's title, or the group's name
  std::string claim;             // the claim it came from (the first, for a group)
  std::vector<Figure> panels;    // one, or the group's panels ordered by `panel`
  std::vector<std::string> csv;  // data/<csv[i]>.csv holds panels[i]
  bool drawn = false;            // set by the report once gnuplot produced the SVG
  std::string problem;           // why it was not drawn
};

struct TheoremPlots {
  std::vector<Plot> plots;
  std::vector<std::string> problems;  // figures that could not be read
};

// used: the file stems already taken in this report (updated), so that stems stay unique even when
// one theorem's id is a prefix of another's.
TheoremPlots plan_plots(const TheoremResult& t, std::set<std::string>& used);

// A file-name-safe stem: lower-case letters, digits, '-' and '_' kept, anything else becomes '-'.
std::string file_stem(const std::string& s);

}  // namespace thmcheck::report
