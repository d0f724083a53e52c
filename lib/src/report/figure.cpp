#include "thmcheck/report/figure.hpp"

#include <array>
#include <utility>

#include "thmcheck/core/errors.hpp"

namespace thmcheck::report {

using nlohmann::json;

namespace {
constexpr std::array<std::pair<Style, const char*>, 5> kStyles = {
    {{Style::lines, "lines"},
     {Style::points, "points"},
     {Style::linespoints, "linespoints"},
     {Style::band, "band"},
     {Style::dashed, "dashed"}}};
}  // namespace

std::string to_string(Style s) {
  for (const auto& [style, name] : kStyles)
    if (style == s) return name;
  return "lines";
}

std::string to_string(Axis a) { return a == Axis::y ? "y" : "x"; }

Style style_from_string(const std::string& s) {
  for (const auto& [style, name] : kStyles)
    if (s == name) return style;
  throw InputError("unknown series style '" + s +
                   "' in a figure (expected lines, points, linespoints, band or dashed)");
}

Axis axis_from_string(const std::string& s) {
  if (s == "x") return Axis::x;
  if (s == "y") return Axis::y;
  throw InputError("unknown mark axis '" + s + "' in a figure (expected x or y)");
}

json to_json(const Figure& f) {
  json series = json::array(), marks = json::array(), contours = json::array();
  for (const auto& s : f.series)
    series.push_back(
        {{"label", s.label}, {"style", to_string(s.style)}, {"x", s.x}, {"y", s.y}, {"y2", s.y2}});
  for (const auto& m : f.marks)
    marks.push_back({{"axis", to_string(m.axis)}, {"value", m.value}, {"label", m.label}});
  for (const auto& c : f.contours)
    contours.push_back({{"x", c.x}, {"y", c.y}, {"z", c.z}, {"label", c.label}});
  return {{"name", f.name},       {"title", f.title}, {"xlabel", f.xlabel}, {"ylabel", f.ylabel},
          {"logx", f.logx},       {"logy", f.logy},   {"series", series},   {"marks", marks},
          {"contours", contours}, {"panel", f.panel}, {"group", f.group}};
}

Figure figure_from_json(const json& j) {
  Figure f;
  f.name = j.at("name").get<std::string>();
  f.title = j.value("title", "");
  f.xlabel = j.value("xlabel", "");
  f.ylabel = j.value("ylabel", "");
  f.logx = j.value("logx", false);
  f.logy = j.value("logy", false);
  f.panel = j.value("panel", -1);
  f.group = j.value("group", "");
  for (const auto& s : j.value("series", json::array()))
    f.series.push_back({s.value("label", ""), style_from_string(s.value("style", "lines")),
                        s.value("x", std::vector<double>{}), s.value("y", std::vector<double>{}),
                        s.value("y2", std::vector<double>{})});
  for (const auto& m : j.value("marks", json::array()))
    f.marks.push_back(
        {axis_from_string(m.value("axis", "x")), m.value("value", 0.0), m.value("label", "")});
  for (const auto& c : j.value("contours", json::array()))
    f.contours.push_back({c.value("x", std::vector<double>{}), c.value("y", std::vector<double>{}),
                          c.value("z", std::vector<std::vector<double>>{}), c.value("label", "")});
  return f;
}

}  // namespace thmcheck::report
