// Fuzzes the results reader behind `report --from FILE`: the file's text is read, merged and
// summarized as the report command does. Bad input must end in an InputError (or, from the summary,
// a JSON type error, which the command turns into one); nothing else may escape.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/harness/merge.hpp"
#include "thmcheck/harness/sweep.hpp"
#include "thmcheck/report/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    std::vector<thmcheck::ResultsPart> parts{thmcheck::parse_results_text(text, "fuzz.json")};
    const thmcheck::SuiteResult merged = thmcheck::merge_results(parts, thmcheck::registry_order());
    (void)thmcheck::sweep_exit_code(merged);
    (void)merged.total_alpha();
    try {
      (void)thmcheck::report::summary_table(merged);
    } catch (const nlohmann::json::exception&) {
    }
    // What was accepted is written back as it would be saved, and reads back.
    const std::string saved = thmcheck::to_json(merged).dump();
    (void)thmcheck::parse_results_text(saved, "saved.json");
  } catch (const thmcheck::InputError&) {
  }
  return 0;
}
