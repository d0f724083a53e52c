// A figure described as data: what a claim wants drawn (convergence curves with a quantile band
// under the predicted bound, rate against batch size with B* marked, iterations against kappa on
// log axes, 2-D trajectories over contours). Claims put figures into details["figures"]; the report
// draws them with gnuplot and writes the numbers behind each into DIR/data/<name>.csv.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace thmcheck::report {

// How a series is drawn; band fills between y (lower) and y2 (upper).
enum class Style { lines, points, linespoints, band, dashed };
// The axis a mark crosses: a vertical line at x = value (x) or a horizontal one at y = value (y).
enum class Axis { x, y };

std::string to_string(Style s);  // "lines", "points", ...: the spelling of results files and CSVs
std::string to_string(Axis a);   // "x" or "y"
Style style_from_string(const std::string& s);  // throws InputError for an unknown spelling
Axis axis_from_string(const std::string& s);

struct Series {
  std::string label;
  Style style = Style::lines;
  std::vector<double> x, y, y2;
};

struct Mark {
  Axis axis = Axis::x;
  double value = 0;
  std::string label;
};

// z on a regular grid, drawn as contour lines under the series (the seed's Figure 1).
struct Contours {
  std::vector<double> x, y;            // grid coordinates
  std::vector<std::vector<double>> z;  // z[i][j] at (x[j], y[i])
  std::string label;
};

struct Figure {
  std::string name;  // file stem, unique within a theorem: figures/<theorem>-<name>.svg
  std::string title, xlabel, ylabel;
  bool logx = false, logy = false;
  std::vector<Series> series;
  std::vector<Mark> marks;
  std::vector<Contours> contours;  // optional
  int panel = -1;                  // figures with the same `group` are panels of one multiplot
  std::string group;
};

nlohmann::json to_json(const Figure& f);
Figure figure_from_json(const nlohmann::json& j);

}  // namespace thmcheck::report
