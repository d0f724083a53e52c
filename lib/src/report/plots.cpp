#include "thmcheck/report/plots.hpp"

#include <algorithm>
#include <map>

#include "thmcheck/report/claim_figures.hpp"

namespace thmcheck::report {

std::string file_stem(const std::string& s) {
  std::string out;
  for (char c : s) {
    const char l = char(std::tolower(static_cast<unsigned char>(c)));
    const bool keep = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '-' || l == '_';
    out += keep ? l : '-';
  }
  return out.empty() ? "figure" : out;
}

namespace {

std::string unique_stem(const std::string& wanted, std::set<std::string>& used) {
  std::string s = file_stem(wanted);
  for (int i = 2; !used.insert(s).second; ++i) s = file_stem(wanted) + "-" + std::to_string(i);
  return s;
}

}  // namespace

TheoremPlots plan_plots(const TheoremResult& t, std::set<std::string>& used) {
  TheoremPlots out;
  std::map<std::string, std::size_t> group_plot;  // group name -> index in out.plots
  for (const auto& c : t.claims) {
    for (auto& f : claim_figures(c, out.problems)) {
      if (!f.group.empty()) {
        auto it = group_plot.find(f.group);
        if (it != group_plot.end()) {
          out.plots[it->second].panels.push_back(std::move(f));
          continue;
        }
        group_plot[f.group] = out.plots.size();
        Plot p;
        p.title = f.group;
        p.claim = c.id;
        p.stem = f.group;  // made unique below, with the theorem id in front
        p.panels.push_back(std::move(f));
        out.plots.push_back(std::move(p));
        continue;
      }
      Plot p;
      p.title = f.title.empty() ? f.name : f.title;
      p.claim = c.id;
      p.stem = f.name;
      p.panels.push_back(std::move(f));
      out.plots.push_back(std::move(p));
    }
  }
  for (auto& p : out.plots) {
    std::stable_sort(p.panels.begin(), p.panels.end(),
                     [](const Figure& a, const Figure& b) { return a.panel < b.panel; });
    const bool single = p.panels.size() == 1;
    p.stem = unique_stem(t.id + "-" + p.stem, used);
    // A single figure's data share its stem; a group's panels each get their own file.
    for (const auto& f : p.panels)
      p.csv.push_back(single ? p.stem
                             : unique_stem(t.id + "-" + (f.name.empty() ? p.stem : f.name), used));
  }
  return out;
}

}  // namespace thmcheck::report
