// Beyond one machine: a verify run split with --shard I/N and merged by `thmcheck report --from`
// gives the results of the unsharded run, apart from timings, hosts and dates (docs/cluster.md).
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "thmcheck/harness/result.hpp"

namespace {

int run_quietly(const std::string& args) {
  const std::string cmd = std::string(THMCHECK_BINARY) + " " + args + " > /dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

nlohmann::json read_json(const std::filesystem::path& p) {
  std::ifstream in(p);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

std::filesystem::path fresh_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("thmcheck-shard-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::size_t claim_count(const nlohmann::json& results) {
  std::size_t n = 0;
  for (const auto& t : results.at("theorems")) n += t.at("claims").size();
  return n;
}

}  // namespace

TEST_CASE("two shards merged by report --from equal the unsharded run", "[quick][shard]") {
  // Theorem ids in registry (alphabetical) order, so the unsharded run lists them as the merge
  // does.
  const std::string ids = "gd-quadratic-rate heavy-ball-quadratic-rate randomized-kaczmarz-rate";
  const auto dir = fresh_dir("two");
  const auto whole = dir / "whole.json", s0 = dir / "s0.json", s1 = dir / "s1.json";
  const int code = run_quietly("verify " + ids + " --quiet --json " + whole.string());
  REQUIRE(code == 0);
  REQUIRE(run_quietly("verify " + ids + " --quiet --shard 0/2 --json " + s0.string()) == code);
  // Shard 1 runs with two threads: shards may run on machines of different sizes.
  run_quietly("verify " + ids + " --quiet --shard 1/2 --jobs 2 --json " + s1.string());

  const auto a = read_json(s0), b = read_json(s1), w = read_json(whole);
  // Each shard holds a proper, non-empty part of the claims, and together they hold all of them.
  CHECK(claim_count(a) > 0);
  CHECK(claim_count(b) > 0);
  CHECK(claim_count(a) + claim_count(b) == claim_count(w));

  // The shards in either order merge to the same results.
  const auto out = dir / "report", out_reversed = dir / "report-reversed";
  CHECK(run_quietly("report --from " + s0.string() + " " + s1.string() + " --out " +
                    out.string()) == code);
  CHECK(run_quietly("report --from " + s1.string() + " " + s0.string() + " --out " +
                    out_reversed.string()) == code);
  const auto merged = read_json(out / "results.json");
  const auto merged_reversed = read_json(out_reversed / "results.json");
  CHECK(thmcheck::strip_timings(merged) == thmcheck::strip_timings(w));
  CHECK(thmcheck::strip_timings(merged_reversed) == thmcheck::strip_timings(w));

  // A shard missing is bad input, not a silently partial report.
  CHECK(run_quietly("report --from " + s0.string() + " --out " + (dir / "partial").string()) == 64);
  CHECK(!std::filesystem::exists(dir / "partial" / "results.json"));
  std::filesystem::remove_all(dir);
}
