#include "report_command.hpp"

#include <fmt/format.h>

#include <iostream>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/harness/merge.hpp"
#include "thmcheck/harness/runner.hpp"
#include "thmcheck/harness/sweep.hpp"
#include "thmcheck/report/report.hpp"

namespace thmcheck::cli {

int report(const ReportArgs& a) {
  if (a.from.empty()) throw InputError("report: name the results files with --from FILE...");
  if (a.out.empty()) throw InputError("report: name the report folder with --out DIR");
  // Every file is read and checked before anything is written.
  std::vector<ResultsPart> parts;
  for (const auto& f : a.from) parts.push_back(read_results_file(f));
  SuiteResult merged = merge_results(parts, registry_order());
  // A sweep's report exits as the sweep did; missing claims are undecided, as inconclusive ones.
  const int code =
      merged.partial() ? worst_exit_code(sweep_exit_code(merged), 2) : sweep_exit_code(merged);
  try {
    std::cout << report::summary_table(merged);
    report::write_report(merged, a.out);
  } catch (const nlohmann::json::exception& e) {
    // A field of the right name but the wrong shape, deep in a claim's details.
    throw InputError(fmt::format("the results files hold a malformed field: {}", e.what()));
  }
  std::cerr << fmt::format("thmcheck: report of {} results file{} written to {}\n", parts.size(),
                           parts.size() == 1 ? "" : "s", a.out);
  if (merged.partial())
    std::cerr << fmt::format("thmcheck: the results are partial: {} claim{} missing\n",
                             merged.missing.size(), merged.missing.size() == 1 ? " is" : "s are");
  return code;
}

}  // namespace thmcheck::cli
