// Shrinking and replay. A planted false inequality with a known minimal counterexample: it fails
// iff d >= 7 and kappa >= 50, so shrinking must land on d = 7 and on the smallest grid value of
// kappa that is at least 50, with the other variable at the low end of its range. The replay token
// must rerun exactly that instance and reproduce its evidence, in process and through `thmcheck
// replay`.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "kinds_fixture.hpp"
#include "thmcheck/harness/kinds/inequality.hpp"
#include "thmcheck/harness/kinds/probability.hpp"
#include "thmcheck/harness/replay.hpp"

using namespace thmcheck;
using thmcheck::testing::run_claim;

namespace {

constexpr double kKappaLo = 1, kKappaHi = 1e4;

Theorem planted() {
  Theorem t;
  t.id = "planted";
  t.title = "a false inequality with a known minimal counterexample";
  t.hypotheses.integer("d", 2, 30, 30, "dimension")
      .log_uniform("kappa", kKappaLo, kKappaHi, kKappaHi, "condition number")
      .real("noise", 0, 1, 1, "an irrelevant variable: must shrink to 0");
  t.add(inequality(
      {.id = "planted", .control = true, .reason = "false when d >= 7 and kappa >= 50"},
      {.instances = {40, 40},
       .measure =
           [](const Trial& tr) {
             const bool fails = tr.point["d"] >= 7 && tr.point["kappa"] >= 50;
             return std::vector<Inequality>{{fails ? 2.0 : 0.5, 1.0, "the planted bound"}};
           },
       .shrink_budget = 3000}));
  return t;
}

std::string run_command(const std::string& cmd) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  REQUIRE(pipe);
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe.get())) out.append(buf, n);
  return out;
}

// `thmcheck replay` prints a header line, then the evidence as JSON.
nlohmann::json replay_evidence(const std::string& output) {
  auto brace = output.find('{');
  REQUIRE(brace != std::string::npos);
  return nlohmann::json::parse(output.substr(brace));
}

}  // namespace

TEST_CASE("shrinking lands on the minimal counterexample and replay reproduces it",
          "[quick][shrinking]") {
  Theorem t = planted();
  auto r = run_claim(t, "planted");
  REQUIRE(r.verdict == Verdict::violated);
  const auto& ce = r.details.at("counterexample");
  INFO(ce.dump());
  // The shrunk point, read back from the replay token (exact values, not their printed form).
  ReplayTarget target = decode_replay(r.details.at("replay").get<std::string>());
  Point p = t.hypotheses.make(target.values, target.point_seed);
  CHECK(p["d"] == 7);
  CHECK(p["noise"] == 0);
  // kappa lives on a log grid of 10^6 steps: the smallest grid value >= 50 is >= 50, and the grid
  // value just below it is < 50.
  const double step = std::pow(kKappaHi / kKappaLo, 1e-6);
  CHECK(p["kappa"] >= 50);
  CHECK(p["kappa"] / step < 50 * (1 + 1e-12));
  CHECK(ce.at("shrink_steps").get<int>() > 0);

  // Replay in process: the same instance and trial seed give the same evidence.
  const Claim* c = t.find("planted");
  InstanceStore store;
  Progress progress(false);
  ClaimContext ctx(t, *c, t.parameters, target.tier, target.suite_seed, 1, store, progress);
  auto ev = c->replay(ctx, p, TrialRef{target.trial_seed, target.trial_index, target.trial_run});
  CHECK(ev.at("instance") == ce.at("instance"));
  CHECK(ev.at("lhs") == ce.at("lhs"));
  CHECK(ev.at("rhs") == ce.at("rhs"));
  CHECK(ev.at("violated").get<bool>());
}

TEST_CASE("shrinking keeps its budget and reports it", "[quick][shrinking]") {
  Theorem t = planted();
  t.claims.clear();
  t.add(
      inequality({.id = "cheap"},
                 {.instances = {40, 40},
                  .measure =
                      [](const Trial& tr) {
                        return std::vector<Inequality>{
                            {tr.point["d"] >= 7 && tr.point["kappa"] >= 50 ? 2.0 : 0.5, 1.0, "x"}};
                      },
                  .shrink_budget = 10}));
  auto r = run_claim(t, "cheap");
  REQUIRE(r.verdict == Verdict::violated);
  CHECK(r.details.at("counterexample").at("shrink_evaluations").get<int>() <= 10);
}

TEST_CASE("thmcheck replay reproduces a counterexample of a registered theorem",
          "[quick][shrinking]") {
  // The falsified rate of gd-quadratic-rate is an inequality control: verify it, then replay its
  // token.
  const std::string json = std::string(THMCHECK_BINARY) + ".shrinking-test.json";
  run_command(std::string(THMCHECK_BINARY) + " verify gd-quadratic-rate --controls only --json " +
              json + " > /dev/null 2>&1");
  std::ifstream in(json);
  REQUIRE(in.good());
  auto results = nlohmann::json::parse(in);
  std::remove(json.c_str());
  nlohmann::json claim;
  for (const auto& th : results.at("theorems"))
    for (const auto& c : th.at("claims"))
      if (c.at("id") == "control-faster-rate") claim = c;
  REQUIRE(claim.is_object());
  REQUIRE(claim.at("verdict") == "violated");
  const auto& ce = claim.at("details").at("counterexample");
  const std::string token = claim.at("details").at("replay").get<std::string>();
  auto ev = replay_evidence(run_command(std::string(THMCHECK_BINARY) + " replay " + token));
  CHECK(ev.at("instance") == ce.at("instance"));
  CHECK(ev.at("where") == ce.at("where"));
  CHECK(ev.at("lhs").get<double>() == ce.at("lhs").get<double>());
  CHECK(ev.at("rhs").get<double>() == ce.at("rhs").get<double>());
  CHECK(ev.at("violated").get<bool>());
  // Still against its claim: exit 1 (so a replay can drive `git bisect run`), with the line that
  // pins it.
  CHECK(ev.at("pin").get<std::string>().find(".pinned = {{.values = {") == 0);
  const std::string code = run_command(std::string(THMCHECK_BINARY) + " replay " + token +
                                       " > /dev/null 2>&1; echo \"exit=$?\"");
  CHECK(code.find("exit=1") != std::string::npos);
  // A malformed token is bad input: exit 64 with a message naming it.
  const std::string bad =
      run_command(std::string(THMCHECK_BINARY) + " replay thm1.@@@ 2>&1; echo \"exit=$?\"");
  CHECK(bad.find("exit=64") != std::string::npos);
  CHECK(bad.find("replay token") != std::string::npos);
}

TEST_CASE("probability claims replay their first failing trial", "[quick][shrinking]") {
  Theorem t = thmcheck::testing::synthetic_theorem();
  t.add(probability({.id = "p"}, {.delta = 0.01,
                                  .first_look = {100, 100},
                                  .max_trials = {100, 100},
                                  .event = [](const Trial& tr) {
                                    // Fails on a fixed fraction of the engine's outputs.
                                    return tr.rng() % 4 != 0;
                                  }}));
  auto r = run_claim(t, "p");
  REQUIRE(r.verdict == Verdict::violated);
  ReplayTarget target = decode_replay(r.details.at("replay").get<std::string>());
  Point p = t.hypotheses.make(target.values, target.point_seed);
  InstanceStore store;
  Progress progress(false);
  ClaimContext ctx(t, t.claims[0], t.parameters, target.tier, target.suite_seed, 1, store,
                   progress);
  CHECK_FALSE(t.claims[0]
                  .replay(ctx, p, TrialRef{target.trial_seed, target.trial_index, target.trial_run})
                  .at("event_holds")
                  .get<bool>());
}
