#include "thmcheck/report/report.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/harness/sweep.hpp"
#include "thmcheck/report/csv.hpp"
#include "thmcheck/report/gnuplot.hpp"
#include "thmcheck/report/markdown.hpp"
#include "thmcheck/report/plots.hpp"

namespace thmcheck::report {

namespace fs = std::filesystem;

namespace {

std::string verdict_cell(const ClaimResult& c) {
  std::string v = to_string(c.verdict);
  if (c.control) return c.verdict == Verdict::violated ? "caught" : "MISSED (" + v + ")";
  if (c.expected == Verdict::violated) return v + " (expected: finding)";
  return v;
}

void write_file(const fs::path& p, const std::string& content) {
  std::ofstream f(p, std::ios::binary);
  f << content;
  f.close();
  if (!f) throw InputError("cannot write report file '" + p.string() + "'");
}

}  // namespace

std::string summary_table(const SuiteResult& r) {
  std::string s;
  std::size_t claims = 0, ok = 0;
  for (const auto& t : r.theorems)
    for (const auto& c : t.claims) {
      ++claims;
      ok += c.as_expected();
      s += fmt::format(
          "{:<32} {:<34} {:<12} {:<22} est {:<11.4g} bound {:<11.4g} margin {:<9.3g} n {:<7} "
          "{:.2f}s\n",
          t.id, c.id, to_string(c.kind), verdict_cell(c), c.estimate, c.bound, c.margin, c.samples,
          c.seconds);
    }
  s += fmt::format("{} claims, {} as expected; suite false-alarm level (sum of alphas) {:.3g}\n",
                   claims, ok, r.total_alpha());
  // What a failing ctest test of a claim shows: why it is not as expected, and how to replay it.
  for (const auto& t : r.theorems)
    for (const auto& c : t.claims) {
      if (c.as_expected()) continue;
      s += fmt::format("not as expected: {}/{} is {}, expected {}", t.id, c.id,
                       to_string(c.verdict), to_string(c.expected));
      if (c.details.contains("error"))
        s += fmt::format("; error: {}", c.details["error"].is_string()
                                            ? c.details["error"].get<std::string>()
                                            : c.details["error"].dump());
      const auto& ev = c.details.contains("counterexample")  ? c.details["counterexample"]
                       : c.details.contains("first_failure") ? c.details["first_failure"]
                                                             : nlohmann::json();
      if (!ev.is_null()) s += "; evidence: " + ev.dump();
      if (c.details.contains("replay") && c.details["replay"].is_string())
        s += fmt::format("; replay: {} replay {}", r.provenance.value("program", "thmcheck"),
                         c.details["replay"].get<std::string>());
      s += "\n";
    }
  if (is_sweep(r)) s += sweep_summary(r) + "\n";  // the rows above are the first seed's
  return s;
}

void write_report(const SuiteResult& r, const std::string& dir) {
  write_report(r, dir, ReportOptions{});
}

void write_report(const SuiteResult& r, const std::string& dir, const ReportOptions& options) {
  fs::path out(dir);
  if (out.has_filename() == false) out = out.parent_path();  // "DIR/" names DIR
  fs::path tmp = out;
  tmp += ".partial";
  std::error_code ec;
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp / "figures", ec);
  if (!ec) fs::create_directories(tmp / "data", ec);
  if (ec) throw InputError("cannot create report folder '" + tmp.string() + "': " + ec.message());

  write_file(tmp / "results.json", to_json(r).dump(2) + "\n");

  // Figures first: the pages say which were drawn.
  Gnuplot gnuplot(options.gnuplot);
  std::set<std::string> used;
  std::vector<TheoremPlots> plots;
  std::size_t total = 0;
  for (const auto& t : r.theorems) {
    TheoremPlots tp = plan_plots(t, used);
    for (auto& p : tp.plots) {
      ++total;
      for (std::size_t i = 0; i < p.panels.size(); ++i)
        write_file(tmp / "data" / (p.csv[i] + ".csv"), figure_csv(p.panels[i]));
      const fs::path script = tmp / "figures" / (p.stem + ".gp");
      write_file(script, gnuplot_script(p.panels, p.title, p.stem + ".svg"));
      if (!gnuplot.available()) continue;
      auto problem = gnuplot.run(script.string(), (tmp / "figures" / (p.stem + ".svg")).string());
      p.drawn = !problem;
      if (problem) {
        p.problem = *problem;
        fs::remove(tmp / "figures" / (p.stem + ".svg"),
                   ec);  // never a broken SVG that looks like a figure
      }
    }
    plots.push_back(std::move(tp));
  }
  FigureStatus status;
  status.drawn_any = gnuplot.available() || total == 0;
  status.note =
      gnuplot.available()
          ? fmt::format("Figures drawn by {}.", gnuplot.version())
          : fmt::format(
                "gnuplot was not found (tried '{}'; set THMCHECK_GNUPLOT or install gnuplot). The "
                "numbers behind every figure are in data/, and figures/*.gp draw them: run "
                "`gnuplot NAME.gp` inside figures/.",
                gnuplot.program());

  for (std::size_t i = 0; i < r.theorems.size(); ++i)
    write_file(tmp / (r.theorems[i].id + ".md"),
               theorem_markdown(r.theorems[i], plots[i], r.provenance, status));
  write_file(tmp / "README.md", readme_markdown(r, status));

  fs::remove_all(out, ec);
  ec.clear();
  fs::rename(tmp, out, ec);
  if (ec) throw InputError("cannot write report folder '" + out.string() + "': " + ec.message());
}

}  // namespace thmcheck::report
