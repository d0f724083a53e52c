// Seed sweeps (harness/sweep.hpp) on hand-made results: the seed list a user types, the merged
// result (the first seed's claims with their stability over every seed), its exit code, its JSON
// round trip, the summary line, the report's sweep column and the merging of a sweep's shards.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/harness/merge.hpp"
#include "thmcheck/harness/runner.hpp"
#include "thmcheck/harness/sweep.hpp"
#include "thmcheck/report/markdown.hpp"
#include "thmcheck/report/report.hpp"

using namespace thmcheck;
using nlohmann::json;

namespace {

ClaimResult claim(const std::string& id, Verdict v, double estimate,
                  Verdict expected = Verdict::holds) {
  ClaimResult c;
  c.id = id;
  c.verdict = v;
  c.estimate = estimate;
  c.expected = expected;
  c.control = expected == Verdict::violated;
  c.details["curve"] = json::array({estimate, 2 * estimate});
  return c;
}

// Two theorems: a stable claim, a claim on its boundary (holds or inconclusive by seed), a control
// (caught but once) and a finding; the estimates differ by seed, as real runs' do.
SuiteResult run_of(std::uint64_t seed, Verdict boundary, Verdict control) {
  SuiteResult s;
  RunOptions o;
  o.seed = seed;
  s.provenance = make_provenance(o);
  TheoremResult a;
  a.id = "thm-a";
  a.claims.push_back(claim("stable", Verdict::holds, 0.5 + 1e-3 * double(seed)));
  a.claims.push_back(claim("boundary", boundary, 1.0));
  TheoremResult b;
  b.id = "thm-b";
  b.claims.push_back(claim("control", control, 2.0, Verdict::violated));
  b.claims.push_back(claim("finding", Verdict::violated, 3.0, Verdict::violated));
  b.claims.back().control = false;
  s.theorems = {a, b};
  return s;
}

std::vector<SeedRun> three_runs() {
  return {{7, run_of(7, Verdict::holds, Verdict::violated)},
          {1, run_of(1, Verdict::inconclusive, Verdict::violated)},
          {2, run_of(2, Verdict::holds, Verdict::holds)}};
}

std::string error_of(const std::string& spec) {
  try {
    parse_seed_list(spec);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("sweep: seed lists are ranges, lists or both, and bad ones are named", "[quick][sweep]") {
  using V = std::vector<std::uint64_t>;
  CHECK(parse_seed_list("1..5,9") == V{1, 2, 3, 4, 5, 9});
  CHECK(parse_seed_list("3,7,11") == V{3, 7, 11});
  CHECK(parse_seed_list("20240607,1,2") == V{20240607, 1, 2});
  CHECK(parse_seed_list("4..4") == V{4});
  CHECK(parse_seed_list(" 1 .. 2 , 0") == V{1, 2, 0});
  CHECK(parse_seed_list("18446744073709551615") == V{std::numeric_limits<std::uint64_t>::max()});
  CHECK(parse_seed_list("18446744073709551614..18446744073709551615").size() == 2);
  CHECK(parse_seed_list("0..999").size() == kMaxSweepSeeds);

  struct Case {
    std::string spec, says;
  };
  for (const auto& c : std::vector<Case>{{"", "names no seed"},
                                         {" ", "names no seed"},
                                         {"abc", "'abc' is not a seed"},
                                         {"1.5", "'1.5' is not a seed"},
                                         {"1e3", "'1e3' is not a seed"},
                                         {"+3", "'+3' is not a seed"},
                                         {"1,,2", "empty item"},
                                         {"1,", "empty item"},
                                         {"..5", "empty item"},
                                         {"1..", "empty item"},
                                         {"1...5", "'.5' is not a seed"},
                                         {"1..2..3", "'2..3' is not a seed"},
                                         {"-1", "'-1' is negative"},
                                         {"1..-3", "'-3' is negative"},
                                         {"18446744073709551616", "overflows"},
                                         {"99999999999999999999999", "overflows"},
                                         {"5..1", "range '5..1' is empty"},
                                         {"1,1", "seed 1 appears twice"},
                                         {"1..5,3", "seed 3 appears twice"},
                                         {"0..1000", "more than 1000 seeds"},
                                         {"0..18446744073709551615", "more than 1000 seeds"},
                                         {"0..999,1000", "more than 1000 seeds"}}) {
    INFO("--seeds '" << c.spec << "'");
    const std::string e = error_of(c.spec);
    CHECK_THAT(e, Catch::Contains(c.says) && Catch::Contains("--seeds '" + c.spec + "'"));
  }
}

TEST_CASE("sweep: seeds as text, consecutive ones as ranges", "[quick][sweep]") {
  CHECK(seeds_text({20240607, 1, 2, 3, 4, 5, 9}) == "20240607, 1..5, 9");
  CHECK(seeds_text({5, 6}) == "5, 6");
  CHECK(seeds_text({101, 102, 103, 104, 105, 106, 107, 108, 109, 110}) == "101..110");
  CHECK(seeds_text({3, 2, 1}) == "3, 2, 1");
  CHECK(seeds_text({}) == "");
  const auto max = std::numeric_limits<std::uint64_t>::max();
  CHECK(seeds_text({max - 2, max - 1, max, 0}) == fmt::format("{}..{}, 0", max - 2, max));
}

TEST_CASE("sweep: the merged result is the first seed's, with each claim's stability",
          "[quick][sweep]") {
  const auto runs = three_runs();
  const SuiteResult m = merge_sweep(runs);

  // The claims' own fields are the first run's, details included.
  json first = to_json(runs[0].result), merged = to_json(m);
  merged["provenance"].erase("sweep");
  for (auto& t : merged["theorems"])
    for (auto& c : t["claims"]) {
      REQUIRE(c.contains("stability"));
      c.erase("stability");
    }
  CHECK(merged == first);

  const auto& stable = *m.theorems[0].claims[0].stability;
  CHECK(stable.seeds == 3);
  CHECK(stable.as_expected == 3);
  CHECK(stable.stable());
  CHECK(stable.count(Verdict::holds) == 3);
  CHECK(stable.off_seeds.empty());

  const auto& boundary = *m.theorems[0].claims[1].stability;
  CHECK(boundary.seeds == 3);
  CHECK(boundary.as_expected == 2);
  CHECK(!boundary.stable());
  CHECK(boundary.count(Verdict::holds) == 2);
  CHECK(boundary.count(Verdict::inconclusive) == 1);
  CHECK(boundary.count(Verdict::violated) == 0);
  CHECK(boundary.off_seeds == std::vector<std::uint64_t>{1});
  CHECK(verdict_counts_text(boundary) == "holds 2, inconclusive 1");

  // A control counts as expected when caught (violated); the seed where it held is off.
  const auto& control = *m.theorems[1].claims[0].stability;
  CHECK(control.as_expected == 2);
  CHECK(control.off_seeds == std::vector<std::uint64_t>{2});
  CHECK(m.theorems[1].claims[1].stability->as_expected == 3);  // a finding, violated every time

  const json& sweep = m.provenance["sweep"];
  CHECK(sweep["seeds"] == json::array({7, 1, 2}));
  CHECK(sweep["exit_codes"] == json({{"7", 0}, {"1", 2}, {"2", 1}}));
  CHECK(m.provenance["seed"] == 7);
  CHECK(is_sweep(m));
  CHECK(!is_sweep(runs[0].result));
  CHECK(sweep_seeds(m) == std::vector<std::uint64_t>{7, 1, 2});
  CHECK(sweep_seeds(runs[0].result).empty());

  // The first seed alone exits 0; the sweep exits with its worst seed.
  CHECK(exit_code(m) == 0);
  CHECK(sweep_exit_code(m) == 1);
  CHECK(sweep_exit_code(merge_sweep({runs[0], runs[1]})) == 2);
  CHECK(sweep_exit_code(merge_sweep({runs[0]})) == 0);
  CHECK(sweep_exit_code(runs[1].result) == 2);  // not a sweep: exit_code
}

TEST_CASE("sweep: exit codes combine as the worst seed's", "[quick][sweep]") {
  CHECK(worst_exit_code(0, 0) == 0);
  CHECK(worst_exit_code(0, 2) == 2);
  CHECK(worst_exit_code(2, 0) == 2);
  CHECK(worst_exit_code(2, 1) == 1);
  CHECK(worst_exit_code(1, 2) == 1);
  CHECK(worst_exit_code(1, 0) == 1);
  CHECK(worst_exit_code(2, 2) == 2);
}

TEST_CASE("sweep: runs that do not match are refused", "[quick][sweep]") {
  auto runs = three_runs();
  CHECK_THROWS_AS(merge_sweep({}), InputError);
  auto dup = runs;
  dup[2].seed = 7;
  CHECK_THROWS_WITH(merge_sweep(dup), Catch::Contains("seed 7 appears twice"));
  auto renamed = runs;
  renamed[1].result.theorems[0].claims[1].id = "other";
  CHECK_THROWS_WITH(merge_sweep(renamed), Catch::Contains("thm-a/boundary against thm-a/other") &&
                                              Catch::Contains("seeds 7 and 1"));
  auto fewer = runs;
  fewer[2].result.theorems.pop_back();
  CHECK_THROWS_WITH(merge_sweep(fewer), Catch::Contains("different claims"));
  auto shorter = runs;
  shorter[2].result.theorems[1].claims.pop_back();
  CHECK_THROWS_WITH(merge_sweep(shorter), Catch::Contains("claims of thm-b"));
}

TEST_CASE("sweep: stability and the sweep's provenance survive the results file",
          "[quick][sweep]") {
  const SuiteResult m = merge_sweep(three_runs());
  const json j = to_json(m);
  CHECK(j["schema"] == kResultsSchema);
  const json& s = j["theorems"][0]["claims"][1]["stability"];
  CHECK(s["seeds"] == 3);
  CHECK(s["as_expected"] == 2);
  CHECK(s["off_seeds"] == json::array({1}));
  // Every verdict is written, the ones no seed gave as 0.
  CHECK(s["verdicts"] ==
        json({{"holds", 2}, {"violated", 0}, {"inconclusive", 1}, {"skipped", 0}, {"error", 0}}));

  const SuiteResult back = suite_result_from_json(json::parse(j.dump()));
  CHECK(to_json(back) == j);
  REQUIRE(back.theorems[0].claims[1].stability);
  CHECK(*back.theorems[0].claims[1].stability == *m.theorems[0].claims[1].stability);
  CHECK(sweep_exit_code(back) == 1);

  // A file of a single-seed run (or of an older thmcheck) has no stability, and gains none.
  const json plain = to_json(three_runs()[0].result);
  CHECK(!plain["theorems"][0]["claims"][0].contains("stability"));
  const SuiteResult p = suite_result_from_json(plain);
  CHECK(!p.theorems[0].claims[0].stability);
  CHECK(to_json(p) == plain);

  // Stability that is not one is bad input, named.
  json bad = j;
  bad["theorems"][0]["claims"][0]["stability"]["verdicts"]["maybe"] = 1;
  CHECK_THROWS_WITH(suite_result_from_json(bad), Catch::Contains("maybe"));
  bad = j;
  bad["theorems"][0]["claims"][0]["stability"].erase("seeds");
  CHECK_THROWS_AS(suite_result_from_json(bad), InputError);
}

TEST_CASE("sweep: the summary line names the unstable claims with their counts", "[quick][sweep]") {
  const auto runs = three_runs();
  CHECK(sweep_summary(runs[0].result).empty());
  CHECK(sweep_summary(merge_sweep(runs)) ==
        "Seed sweep: 3 seeds (7, 1, 2); 2 claims unstable (not as expected in at least one seed): "
        "thm-a/boundary 2/3 (holds 2, inconclusive 1), thm-b/control 2/3 (holds 1, violated 2)");
  CHECK(sweep_summary(merge_sweep({runs[0]})) ==
        "Seed sweep: 1 seed (7); 0 claims unstable: every claim as expected in every seed.");
  const std::string table = report::summary_table(merge_sweep(runs));
  CHECK_THAT(table, Catch::EndsWith("violated 2)\n") && Catch::Contains("\nSeed sweep: 3 seeds"));
  CHECK_THAT(report::summary_table(runs[0].result), !Catch::Contains("Seed sweep"));
}

TEST_CASE("sweep: the report shows the seeds each claim was as expected in, only for a sweep",
          "[quick][sweep]") {
  const auto runs = three_runs();
  const SuiteResult m = merge_sweep(runs);
  report::FigureStatus status;
  const std::string readme = report::readme_markdown(m, status);
  CHECK_THAT(readme, Catch::Contains(sweep_summary(m)));
  CHECK_THAT(readme, Catch::Contains("| as expected |") &&
                         Catch::Contains("claims stable in all 3 seeds: 1 of 2"));
  const std::string page = report::theorem_markdown(m.theorems[0], {}, m.provenance, status);
  CHECK_THAT(page, Catch::Contains("| verdict | as expected |") &&
                       Catch::Contains("| 3/3 seeds |") && Catch::Contains("| **2/3 seeds** |"));
  CHECK_THAT(
      page,
      Catch::Contains(
          "as expected in 2 of 3 seeds (holds 2, inconclusive 1); not as expected with seed 1"));

  const std::string plain_readme = report::readme_markdown(runs[0].result, status);
  const std::string plain_page =
      report::theorem_markdown(runs[0].result.theorems[0], {}, runs[0].result.provenance, status);
  for (const std::string& s : {plain_readme, plain_page}) {
    CHECK_THAT(s, !Catch::Contains("as expected |") && !Catch::Contains("Seed sweep") &&
                      !Catch::Contains("seeds"));
  }
}

TEST_CASE("sweep: the shards of a sweep merge, their exit codes combined by seed",
          "[quick][sweep]") {
  // Shard 0 holds thm-a, shard 1 thm-b, of the same sweep.
  auto shard = [](const std::string& index, std::size_t keep) {
    auto runs = three_runs();
    for (auto& r : runs) {
      r.result.provenance["shard"] = index;
      r.result.theorems = {r.result.theorems[keep]};
    }
    return ResultsPart{"shard" + index.substr(0, 1) + ".json", merge_sweep(runs)};
  };
  const auto s0 = shard("0/2", 0), s1 = shard("1/2", 1);
  CHECK(s0.result.provenance["sweep"]["exit_codes"] == json({{"7", 0}, {"1", 2}, {"2", 0}}));
  CHECK(s1.result.provenance["sweep"]["exit_codes"] == json({{"7", 0}, {"1", 0}, {"2", 1}}));
  const SuiteOrder order = {{"thm-a", {"stable", "boundary"}}, {"thm-b", {"control", "finding"}}};
  const SuiteResult m = merge_results({s1, s0}, order);
  CHECK(m.provenance["sweep"]["seeds"] == json::array({7, 1, 2}));
  CHECK(m.provenance["sweep"]["exit_codes"] == json({{"7", 0}, {"1", 2}, {"2", 1}}));
  CHECK(sweep_exit_code(m) == 1);
  CHECK(m.theorems[0].claims[1].stability->as_expected == 2);
  CHECK(m.theorems[1].claims[0].stability->off_seeds == std::vector<std::uint64_t>{2});

  // A shard of another sweep, or of no sweep, is another run.
  auto other = s1;
  other.result.provenance["sweep"]["seeds"] = json::array({7, 1, 3});
  CHECK_THROWS_WITH(merge_results({s0, other}, order), Catch::Contains("another run") &&
                                                           Catch::Contains("7, 1, 2") &&
                                                           Catch::Contains("7, 1, 3"));
  auto single = s1;
  single.result.provenance.erase("sweep");
  CHECK_THROWS_WITH(merge_results({s0, single}, order), Catch::Contains("no sweep"));
}
