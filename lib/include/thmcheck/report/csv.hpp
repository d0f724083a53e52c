// The numbers behind a figure, as CSV (DIR/data/<theorem>-<figure>.csv): one row per point of every
// series, mark and contour grid value, so a reader can redraw or recompute anything the SVG shows.
// Columns: element (series, mark, contour), label, style (series style, or the mark's axis), x, y,
// y2 (upper end of a band), z (contour value). Missing values are empty; non-finite ones are nan,
// inf, -inf.
#pragma once

#include <string>

#include "thmcheck/report/figure.hpp"

namespace thmcheck::report {

std::string figure_csv(const Figure& f);

// A CSV field: quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s);

}  // namespace thmcheck::report
