#include "thmcheck/report/csv.hpp"

#include <algorithm>

#include "text.hpp"

namespace thmcheck::report {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + '"';
}

namespace {

std::string value_at(const std::vector<double>& v, std::size_t i) {
  return i < v.size() ? text::exact(v[i]) : std::string();
}

}  // namespace

std::string figure_csv(const Figure& f) {
  std::string out = "element,label,style,x,y,y2,z\n";
  for (const auto& s : f.series) {
    const std::size_t n = std::max({s.x.size(), s.y.size(), s.y2.size()});
    for (std::size_t i = 0; i < n; ++i)
      out +=
          fmt::format("series,{},{},{},{},{},\n", csv_field(s.label), csv_field(to_string(s.style)),
                      value_at(s.x, i), value_at(s.y, i), value_at(s.y2, i));
  }
  for (const auto& m : f.marks) {
    const bool on_x = m.axis != Axis::y;
    out += fmt::format("mark,{},{},{},{},,\n", csv_field(m.label), on_x ? "x" : "y",
                       on_x ? text::exact(m.value) : "", on_x ? "" : text::exact(m.value));
  }
  for (const auto& c : f.contours)
    for (std::size_t i = 0; i < c.z.size(); ++i)
      for (std::size_t j = 0; j < c.z[i].size(); ++j)
        out += fmt::format("contour,{},,{},{},,{}\n", csv_field(c.label), value_at(c.x, j),
                           value_at(c.y, i), text::exact(c.z[i][j]));
  return out;
}

}  // namespace thmcheck::report
