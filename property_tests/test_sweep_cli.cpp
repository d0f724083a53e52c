// `thmcheck verify --seeds` as a user meets it: bad seed lists exit 64 naming them; a sweep's
// results are the first seed's run plus each claim's stability, in the results file and in the
// report; and (full tier of ctest) every claim of the quick tier is as expected in all but at most
// one of ten seeds.
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "thmcheck/harness/result.hpp"
#include "thmcheck/harness/sweep.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string temp_path(const std::string& name) {
  return (fs::temp_directory_path() / fmt::format("thmcheck-sweep-cli-{}-{}", ::getpid(), name))
      .string();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Output {
  int code = -1;
  std::string out, err;  // stdout, stderr
};

Output run_cli(const std::string& args) {
  static int calls = 0;
  const std::string err = temp_path(fmt::format("stderr-{}", calls++));
  const std::string cmd = std::string(THMCHECK_BINARY) + " " + args + " 2>" + err;
  Output o;
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), int(buf.size()), pipe)) o.out += buf.data();
  const int status = pclose(pipe);
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.err = slurp(err);
  fs::remove(err);
  return o;
}

}  // namespace

TEST_CASE("verify --seeds: bad seed lists exit 64 with a message naming them",
          "[quick][cli][sweep]") {
  struct Case {
    std::string args, says;
  };
  const std::vector<Case> cases = {
      {"--seeds ''", "names no seed"},
      {"--seeds abc", "'abc' is not a seed"},
      {"--seeds 1..", "empty item"},
      {"--seeds 1,,3", "empty item"},
      {"--seeds=-3", "'-3' is negative"},
      {"--seeds 2..-3", "'-3' is negative"},
      {"--seeds 18446744073709551616", "overflows"},
      {"--seeds 5..1", "'5..1' is empty"},
      {"--seeds 1..3,2", "seed 2 appears twice"},
      {"--seeds 0..1000", "more than 1000 seeds"},
      {"--seeds 1..2 --seed 3", "not both"},
      {"--seed 3 --seeds 1..2", "not both"},
  };
  const std::string json = temp_path("bad.json");
  for (const auto& c : cases) {
    INFO("thmcheck verify gd-quadratic-rate " << c.args);
    fs::remove(json);
    const auto out = run_cli("verify gd-quadratic-rate --quiet " + c.args + " --json " + json);
    CHECK(out.code == 64);
    CHECK_THAT(out.err, Catch::Contains(c.says) && Catch::Contains("--seed"));
    CHECK(!fs::exists(json));  // nothing runs on bad input
  }
}

TEST_CASE("verify --seeds: the sweep's claims are the first seed's run, with their stability",
          "[quick][cli][sweep]") {
  const std::string sweep = temp_path("sweep.json"), single = temp_path("single.json"),
                    dir = temp_path("report"), pair = temp_path("pair.json");
  const auto s =
      run_cli("verify gd-quadratic-rate --seeds 1..3 --json " + sweep + " --report " + dir);
  INFO(s.out << s.err);
  REQUIRE(s.code == 0);
  REQUIRE(run_cli("verify gd-quadratic-rate --seed 1 --quiet --json " + single).code == 0);

  // Progress per seed on stderr; the summary line at the end of stdout.
  CHECK_THAT(s.err, Catch::Contains("seed 1 (1 of 3): exit 0, ") &&
                        Catch::Contains("seed 3 (3 of 3): exit 0, "));
  CHECK_THAT(s.out,
             Catch::EndsWith(
                 "Seed sweep: 3 seeds (1..3); 0 claims unstable: every claim as expected in every "
                 "seed.\n"));

  json js = json::parse(slurp(sweep));
  CHECK(js["schema"] == thmcheck::kResultsSchema);
  CHECK(js["provenance"]["sweep"]["seeds"] == json::array({1, 2, 3}));
  CHECK(js["provenance"]["sweep"]["exit_codes"] == json({{"1", 0}, {"2", 0}, {"3", 0}}));
  std::size_t claims = 0;
  for (auto& t : js["theorems"])
    for (auto& c : t["claims"]) {
      INFO(c["id"]);
      ++claims;
      REQUIRE(c.contains("stability"));
      CHECK(c["stability"]["seeds"] == 3);
      CHECK(c["stability"]["as_expected"] == 3);
      CHECK(c["stability"]["off_seeds"] == json::array());
      c.erase("stability");
    }
  CHECK(claims >= 3);
  js["provenance"].erase("sweep");
  CHECK(thmcheck::strip_timings(js) == thmcheck::strip_timings(json::parse(slurp(single))));

  // The report's results.json is the same merged result, and its pages show the sweep.
  const json reported = json::parse(slurp(dir + "/results.json"));
  CHECK(thmcheck::strip_timings(reported) == thmcheck::strip_timings(json::parse(slurp(sweep))));
  const std::string readme = slurp(dir + "/README.md");
  CHECK_THAT(readme, Catch::Contains("Seed sweep: 3 seeds (1..3); 0 claims unstable") &&
                         Catch::Contains(fmt::format("claims stable in all 3 seeds: {} of {}",
                                                     claims, claims)));
  CHECK_THAT(slurp(dir + "/gd-quadratic-rate.md"), Catch::Contains("| 3/3 seeds |"));

  // report --from reads the sweep back: the same report, the same exit code.
  const auto again = run_cli("report --from " + sweep + " --out " + dir + "-again");
  CHECK(again.code == 0);
  CHECK(slurp(dir + "-again/README.md") == readme);
  CHECK_THAT(again.out, Catch::Contains("Seed sweep: 3 seeds (1..3)"));

  // One claim over a list of seeds.
  REQUIRE(run_cli("verify gd-quadratic-rate --seeds 5,6 --claim contraction --quiet --json " + pair)
              .code == 0);
  const json jp = json::parse(slurp(pair));
  REQUIRE(jp["theorems"][0]["claims"].size() == 1);
  CHECK(jp["theorems"][0]["claims"][0]["stability"]["seeds"] == 2);
  CHECK(jp["provenance"]["seed"] == 5);
  CHECK(jp["provenance"]["sweep"]["seeds"] == json::array({5, 6}));
  // At --jobs 2 two workers take (seed, theorem) units from a queue, so the seeds may end in any
  // order: the same result as one at a time, timings aside, and a line per unit and per seed.
  const std::string parallel = temp_path("parallel.json");
  const auto p = run_cli("verify gd-quadratic-rate --seeds 1..3 --jobs 2 --json " + parallel);
  INFO(p.err);
  REQUIRE(p.code == 0);
  CHECK_THAT(p.err, Catch::Contains("seed 1 (") && Catch::Contains("seed 2 (") &&
                        Catch::Contains("seed 3 (") && Catch::Contains(" of 3): exit 0, ") &&
                        Catch::Contains("  seed 2, gd-quadratic-rate: ") &&
                        Catch::Contains(" of 3)\n"));
  json jpar = json::parse(slurp(parallel)), jseq = json::parse(slurp(sweep));
  CHECK(jpar["provenance"]["jobs"] == 2);
  for (json* j : {&jpar, &jseq}) (*j)["provenance"].erase("jobs");
  CHECK(thmcheck::strip_timings(jpar) == thmcheck::strip_timings(jseq));
  // Two theorems, the lighter named first: the queue runs the heavier one's units first, and each
  // seed's result still lists the theorems in the order given, as --jobs 1 does.
  const std::string two1 = temp_path("two1.json"), two2 = temp_path("two2.json");
  const std::string two = "verify heavy-ball-not-global gd-quadratic-rate --seeds 1,2 --quiet";
  REQUIRE(run_cli(two + " --jobs 1 --json " + two1).code == 0);
  REQUIRE(run_cli(two + " --jobs 2 --json " + two2).code == 0);
  json j1 = json::parse(slurp(two1)), j2 = json::parse(slurp(two2));
  REQUIRE(j2["theorems"].size() == 2);
  CHECK(j2["theorems"][0]["id"] == "heavy-ball-not-global");
  for (json* j : {&j1, &j2}) (*j)["provenance"].erase("jobs");
  CHECK(thmcheck::strip_timings(j1) == thmcheck::strip_timings(j2));
  for (const auto& f : {two1, two2}) fs::remove(f);
  for (const auto& f : {sweep, single, pair, parallel}) fs::remove(f);
  fs::remove_all(dir);
  fs::remove_all(dir + "-again");
}

TEST_CASE("seed sweep: every quick-tier claim is as expected in at least 9 of 10 seeds",
          "[full][sweep]") {
  const std::string file = temp_path("quick-sweep.json");
  const auto t0 = std::chrono::steady_clock::now();
  const auto out =
      run_cli("verify --all --tier quick --seeds 101..110 --jobs 2 --json " + file + " --quiet");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto summary = out.out.rfind("Seed sweep:");
  WARN(fmt::format("sweep of seeds 101..110 (quick tier, --jobs 2): {:.1f} s wall, exit {}\n{}",
                   seconds, out.code,
                   summary == std::string::npos ? out.err : out.out.substr(summary)));
  REQUIRE((out.code == 0 || out.code == 1 || out.code == 2));
  std::ifstream in(file);
  const auto r = thmcheck::suite_result_from_json(json::parse(in));
  REQUIRE(thmcheck::sweep_seeds(r).size() == 10);
  std::size_t claims = 0, offending = 0;
  for (const auto& t : r.theorems)
    for (const auto& c : t.claims) {
      ++claims;
      REQUIRE(c.stability);
      const auto& s = *c.stability;
      REQUIRE(s.seeds == 10);
      if (s.as_expected + 1 >= s.seeds) continue;
      // Off in more than one seed of ten: the verdict depends on the seed, not on the theorem.
      ++offending;
      FAIL_CHECK(fmt::format(
          "{}/{} (expected {}): as expected in {} of {} seeds; verdicts {}; off with seeds {}",
          t.id, c.id, to_string(c.expected), s.as_expected, s.seeds,
          thmcheck::verdict_counts_text(s), thmcheck::seeds_text(s.off_seeds)));
    }
  WARN(fmt::format("{} claims, {} off in more than one seed", claims, offending));
  fs::remove(file);
}
