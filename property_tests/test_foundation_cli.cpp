// The command line as a user meets it: exit codes, bad input naming the problem, determinism across
// thread counts. Each claim holding (and each control caught) is a ctest test of its own,
// registered by thmcheck_add_theorems (cmake/thmcheck-add-theorems.cmake).
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "thmcheck/harness/result.hpp"
#include "thmcheck/harness/runner.hpp"

namespace {

struct Output {
  int code = -1;
  std::string text;  // stdout and stderr together
};

Output run_cli(const std::string& args) {
  std::string cmd = std::string(THMCHECK_BINARY) + " " + args + " 2>&1";
  Output out;
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), int(buf.size()), pipe)) out.text += buf.data();
  int status = pclose(pipe);
  out.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("thmcheck-cli-" + name)).string();
}

}  // namespace

TEST_CASE("bad input exits 64 with a message that names it", "[quick][cli]") {
  struct Case {
    std::string args, says;
  };
  const std::vector<Case> cases = {
      {"verify no-such-theorem", "no-such-theorem"},
      {"verify gd-quadratic-rate --set gd-quadratic-rate.iterations", "malformed --set"},
      {"verify gd-quadratic-rate --set iterations=3", "malformed --set"},
      {"verify gd-quadratic-rate --set gd-quadratic-rate.iterations=abc", "'abc' is not a number"},
      {"verify gd-quadratic-rate --set gd-quadratic-rate.nope=1", "no parameter 'nope'"},
      {"verify gd-quadratic-rate --set gd-quadratic-rate.iterations=0", "outside its range"},
      {"verify gd-quadratic-rate --set other-theorem.x=1", "other-theorem"},
      {"verify gd-quadratic-rate --tier medium", "medium"},
      {"verify gd-quadratic-rate --shard 2/2", "--shard"},
      {"verify gd-quadratic-rate --controls some", "some"},
      {"verify gd-quadratic-rate --jobs 0", "--jobs"},
      {"verify", "--all"},
      {"explain no-such-theorem", "no-such-theorem"},
      {"replay not-a-token", "replay token"},
      {"frobnicate", ""},
  };
  for (const auto& c : cases) {
    INFO("thmcheck " << c.args);
    auto out = run_cli(c.args);
    CHECK(out.code == 64);
    CHECK_THAT(out.text, Catch::Contains(c.says));
  }
  // No results file is left behind by a run that failed on input.
  const auto json = temp_path("bad.json");
  std::filesystem::remove(json);
  CHECK(run_cli("verify gd-quadratic-rate --set gd-quadratic-rate.nope=1 --json " + json).code ==
        64);
  CHECK(!std::filesystem::exists(json));
}

TEST_CASE("list and explain describe the registered theorems", "[quick][cli]") {
  auto out = run_cli("list --json");
  REQUIRE(out.code == 0);
  auto j = nlohmann::json::parse(out.text);
  std::vector<std::string> ids;
  for (const auto& t : j) ids.push_back(t["id"]);
  for (const char* id :
       {"gd-quadratic-rate", "heavy-ball-quadratic-rate", "randomized-kaczmarz-rate"})
    CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
  auto ex = run_cli("explain heavy-ball-quadratic-rate");
  CHECK(ex.code == 0);
  CHECK_THAT(ex.text, Catch::Contains("Proof outline") && Catch::Contains("jordan-bound") &&
                          Catch::Contains("tau"));
}

TEST_CASE("explain --from marks the node of the proof outline that broke", "[quick][cli]") {
  const auto json = temp_path("outline.json"), edited = temp_path("outline-edited.json");
  REQUIRE(run_cli("verify gd-quadratic-rate --quiet --json " + json).code == 0);
  auto ok = run_cli("explain gd-quadratic-rate --from " + json);
  CHECK(ok.code == 0);
  CHECK_THAT(ok.text, Catch::Contains("Verdicts of the run") && !Catch::Contains("breaks here"));
  // rate-attained rests on contraction: a run where contraction failed breaks there, and
  // rate-attained is marked as resting on a broken claim.
  std::ifstream in(json);
  auto j = nlohmann::json::parse(in);
  for (auto& c : j["theorems"][0]["claims"])
    if (c["id"] == "contraction") c["verdict"] = "violated";
  std::ofstream(edited) << j.dump();
  auto broken = run_cli("explain gd-quadratic-rate --from " + edited);
  CHECK(broken.code == 0);
  CHECK_THAT(broken.text,
             Catch::Contains("breaks here") && Catch::Contains("rests on a broken claim"));
  auto other = run_cli("explain heavy-ball-quadratic-rate --from " + json);
  CHECK(other.code == 64);
  CHECK_THAT(other.text, Catch::Contains("heavy-ball-quadratic-rate"));
}

TEST_CASE("a missed control fails the run with exit 1", "[quick][cli]") {
  // The faster-rate control with its factor set to 1 is the true claim: the control is then missed.
  auto out = run_cli(
      "verify gd-quadratic-rate --quiet --controls only --set gd-quadratic-rate.faster_factor=1");
  CHECK(out.code == 1);
  CHECK_THAT(out.text, Catch::Contains("MISSED"));
}

TEST_CASE("results are identical with 1 and 2 threads (classical theorems)",
          "[quick][determinism]") {
  const auto a = temp_path("j1.json"), b = temp_path("j2.json");
  const std::string ids =
      "gd-quadratic-rate heavy-ball-quadratic-rate randomized-kaczmarz-rate --quiet";
  REQUIRE(run_cli("verify " + ids + " --jobs 1 --json " + a).code == 0);
  REQUIRE(run_cli("verify " + ids + " --jobs 2 --json " + b).code == 0);
  std::ifstream fa(a), fb(b);
  auto ja = thmcheck::strip_timings(nlohmann::json::parse(fa)),
       jb = thmcheck::strip_timings(nlohmann::json::parse(fb));
  CHECK(ja == jb);
  // A different seed gives different samples.
  const auto c = temp_path("j3.json");
  run_cli("verify randomized-kaczmarz-rate --quiet --seed 7 --json " + c);
  std::ifstream fc(c);
  auto jc = thmcheck::strip_timings(nlohmann::json::parse(fc));
  CHECK(jc["theorems"][0] != ja["theorems"][2]);
}

TEST_CASE("every theorem: identical results with 1 and 2 threads (--all)", "[full][determinism]") {
  const auto a = temp_path("all1.json"), b = temp_path("all2.json");
  int ca = run_cli("verify --all --quiet --jobs 1 --json " + a).code;
  int cb = run_cli("verify --all --quiet --jobs 2 --json " + b).code;
  CHECK(ca == cb);
  std::ifstream fa(a), fb(b);
  CHECK(thmcheck::strip_timings(nlohmann::json::parse(fa)) ==
        thmcheck::strip_timings(nlohmann::json::parse(fb)));
}
