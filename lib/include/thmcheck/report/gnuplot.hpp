// Drawing figures with gnuplot, run as a subprocess (it is a run-time dependency, not a library).
// A plot is one SVG: a single figure, or the panels of a group drawn as one multiplot. The script
// carries its data inline, so it can be rerun by hand; on log axes, points that cannot be shown
// (non-positive) are left out of the drawing but kept in the CSV.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "thmcheck/report/figure.hpp"

namespace thmcheck::report {

// The gnuplot script that draws `panels` (one figure, or a group's panels in order) into svg_path.
std::string gnuplot_script(const std::vector<Figure>& panels, const std::string& title,
                           const std::string& svg_path);

class Gnuplot {
 public:
  // program: a path or a name looked up on PATH. Empty: $THMCHECK_GNUPLOT if set, else "gnuplot".
  explicit Gnuplot(std::string program = "");

  // Whether the program runs at all (`gnuplot --version`); checked once.
  bool available() const { return available_; }
  const std::string& program() const { return program_; }
  const std::string& version() const { return version_; }

  // Runs the script file; returns an error message (gnuplot's stderr, trimmed) or nothing on
  // success. Success also requires that svg_path exists afterwards and holds an <svg> root.
  std::optional<std::string> run(const std::string& script_path, const std::string& svg_path) const;

 private:
  std::string program_, version_;
  bool available_ = false;
};

}  // namespace thmcheck::report
