// Text helpers shared by the report writers (private to lib/src/report): numbers as a reader wants
// them, and table cells that cannot break a markdown table.
#pragma once

#include <fmt/format.h>

#include <cmath>
#include <string>

namespace thmcheck::report::text {

// Four significant digits; inf, -inf and nan spelled out.
inline std::string num(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return fmt::format("{:.4g}", x);
}

// Full precision, for data files: round-trips through a reader.
inline std::string exact(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return fmt::format("{}", x);
}

inline std::string interval(double lo, double hi) { return "[" + num(lo) + ", " + num(hi) + "]"; }

// A markdown table cell: pipes escaped, line breaks flattened.
inline std::string cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

}  // namespace thmcheck::report::text
