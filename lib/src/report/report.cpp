#include "thmcheck/report/report.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "thmcheck/harness/errors.hpp"

namespace thmcheck::report {

namespace fs = std::filesystem;

namespace {

std::string verdict_cell(const ClaimResult& c) {
  std::string v = to_string(c.verdict);
  if (c.control) return c.verdict == Verdict::violated ? "caught" : "MISSED (" + v + ")";
  if (c.expected == "violated") return v + " (expected: finding)";
  return v;
}

}  // namespace

std::string summary_table(const SuiteResult& r) {
  std::string s;
  std::size_t claims = 0, ok = 0;
  for (const auto& t : r.theorems)
    for (const auto& c : t.claims) {
      ++claims;
      ok += c.as_expected();
      s += fmt::format("{:<32} {:<34} {:<12} {:<22} est {:<11.4g} bound {:<11.4g} margin {:<9.3g} n {:<7} {:.2f}s\n",
                       t.id, c.id, to_string(c.kind), verdict_cell(c), c.estimate, c.bound, c.margin, c.samples,
                       c.seconds);
    }
  s += fmt::format("{} claims, {} as expected; suite false-alarm level (sum of alphas) {:.3g}\n", claims, ok,
                   r.total_alpha());
  return s;
}

void write_report(const SuiteResult& r, const std::string& dir) {
  fs::path out(dir);
  fs::path tmp = out;
  tmp += ".partial";
  std::error_code ec;
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp / "figures", ec);
  fs::create_directories(tmp / "data", ec);
  if (ec) throw InputError("cannot create report folder '" + tmp.string() + "': " + ec.message());
  {
    std::ofstream f(tmp / "results.json");
    f << to_json(r).dump(2) << '\n';
  }
  {
    std::ofstream f(tmp / "README.md");
    f << "# thmcheck report\n\n| theorem | claim | kind | verdict | estimate | bound | margin |\n|---|---|---|---|---|---|---|\n";
    for (const auto& t : r.theorems)
      for (const auto& c : t.claims)
        f << fmt::format("| {} | {} | {} | {} | {:.4g} | {:.4g} | {:.3g} |\n", t.id, c.id, to_string(c.kind),
                         verdict_cell(c), c.estimate, c.bound, c.margin);
  }
  fs::remove_all(out, ec);
  fs::rename(tmp, out, ec);
  if (ec) throw InputError("cannot write report folder '" + out.string() + "': " + ec.message());
}

}  // namespace thmcheck::report
