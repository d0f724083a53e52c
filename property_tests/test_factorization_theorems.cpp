// The factorization theorems (issue 5) through run_suite: in the quick tier every claim holds (or
// is a recorded finding) and every control is caught; the full tier sweeps larger sizes.
#include <catch2/catch.hpp>

#include "thmcheck/harness/runner.hpp"

using namespace thmcheck;

namespace {

void check_theorems(Tier tier) {
  RunOptions o;
  o.tier = tier;
  o.jobs = 2;
  const std::vector<std::string> ids = {"agd-asymmetric-init", "agd-overparameterization",
                                        "nag-unbalanced-factorization", "nag-linear-network"};
  auto r = run_suite(ids, o);
  REQUIRE(r.theorems.size() == ids.size());
  for (const auto& th : r.theorems) {
    int controls = 0;
    for (const auto& c : th.claims) {
      INFO(th.id << "/" << c.id << ": " << to_string(c.verdict) << " estimate " << c.estimate
                 << " interval [" << c.interval[0] << ", " << c.interval[1] << "] bound "
                 << c.bound);
      if (c.control) {
        ++controls;
        CHECK(c.verdict == Verdict::violated);
      }
      CHECK(c.verdict != Verdict::error);
      CHECK(c.as_expected());
    }
    INFO(th.id);
    CHECK(controls >= 2);
  }
  const int code = exit_code(r);
  CHECK(code == 0);
}

}  // namespace

TEST_CASE("factorization theorems: claims hold and controls are caught in the quick tier",
          "[quick][factorization]") {
  check_theorems(Tier::quick);
}

TEST_CASE("factorization theorems: the full tier", "[full][factorization]") {
  check_theorems(Tier::full);
}
