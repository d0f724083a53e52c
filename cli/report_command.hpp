// `thmcheck report --from RESULTS.json... --out DIR`: merges the results files (the shards of one
// run, or disjoint runs) into the results the unsharded run gives, and writes the report
// (docs/architecture.md, "Results").
#pragma once

#include <string>
#include <vector>

namespace thmcheck::cli {

struct ReportArgs {
  std::vector<std::string> from;
  std::string out;
};

// Exit code: that of the merged results (0 all as expected, 1 violated or missed, 2 inconclusive or
// claims missing from a partial run); bad files throw InputError (exit 64) naming the file.
int report(const ReportArgs& args);

}  // namespace thmcheck::cli
