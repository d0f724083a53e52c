// The small API pieces a theorem author relies on: parameters with a default per tier, the evidence
// record read back in trial order, figure enums that keep the results' spelling, and an instance
// cache that cannot hand back the wrong type.
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/harness/instance_store.hpp"
#include "thmcheck/harness/parameters.hpp"
#include "thmcheck/harness/trial_record.hpp"
#include "thmcheck/report/figure.hpp"

using namespace thmcheck;

TEST_CASE("a parameter with a default per tier takes the selected tier's, and --set still wins",
          "[quick][parameters]") {
  Parameters p;
  p.add_integer("n", ByTier{2000, 1000000}, "rows", 2, 100000000).add("c", 0.5, "untiered", 0, 1);
  CHECK(p["n"] == 2000);  // quick until a tier is selected
  p.select_tier(Tier::full);
  CHECK(p["n"] == 1000000);
  CHECK(p.all()[0].default_value == 1000000);
  CHECK(p["c"] == 0.5);
  p.set("n", 5000);  // the runner applies --set after selecting the tier
  CHECK(p["n"] == 5000);
  p.select_tier(Tier::quick);
  CHECK(p["n"] == 2000);
  CHECK_THROWS_AS(p.add("m", ByTier{0.5, 2}, "full default out of range", 0, 1), std::logic_error);
  CHECK_THROWS_AS(p.add_integer("k", ByTier{1.5, 2}, "fractional", 0, 10), std::logic_error);
}

TEST_CASE(
    "a trial record reads back in trial order whatever the order of the puts, one row per trial",
    "[quick][harness]") {
  TrialRecord r;
  std::vector<std::thread> threads;
  for (int w = 0; w < 4; ++w)
    threads.emplace_back([&r, w] {
      for (std::size_t i = w; i < 100; i += 4) {
        r.put(99 - i, double(99 - i));                             // key 0
        r.put(99 - i, std::vector<double>{-double(99 - i)}, 7.0);  // key 7
      }
    });
  for (auto& t : threads) t.join();
  const auto v = r.column();
  REQUIRE(v.size() == 100);
  for (std::size_t i = 0; i < v.size(); ++i) CHECK(v[i] == double(i));
  CHECK(r.column(7.0).front() == -0.0);
  CHECK(r.column(7.0).back() == -99.0);
  r.put(3, 1000.0);  // a trial run again replaces its row
  CHECK(r.column().size() == 100);
  CHECK(r.column()[3] == 1000.0);
  CHECK(r.column(0, 1).empty());  // rows too short for the column are skipped
  r.clear();
  CHECK(r.size() == 0);
}

TEST_CASE("figure styles and axes keep the spelling of results files and refuse unknown ones",
          "[quick][report]") {
  using namespace thmcheck::report;
  for (Style s : {Style::lines, Style::points, Style::linespoints, Style::band, Style::dashed})
    CHECK(style_from_string(to_string(s)) == s);
  CHECK(to_string(Style::band) == "band");
  CHECK(axis_from_string(to_string(Axis::y)) == Axis::y);
  CHECK_THROWS_WITH(style_from_string("dotted"), Catch::Contains("dotted"));
  CHECK_THROWS_AS(axis_from_string("z"), InputError);
  Figure f;
  f.name = "f";
  f.series.push_back({"s", Style::dashed, {1}, {2}, {}});
  f.marks.push_back({Axis::y, 1.0, "m"});
  const Figure g = figure_from_json(to_json(f));
  CHECK(to_json(f)["series"][0]["style"] == "dashed");
  CHECK(g.series[0].style == Style::dashed);
  CHECK(g.marks[0].axis == Axis::y);
}

TEST_CASE("the instance store keeps one entry per type and key", "[quick][harness]") {
  InstanceStore store;
  int built = 0;
  auto a = store.get<int>("k", [&] { return ++built, 7; });
  auto b = store.get<std::string>("k", [&] { return ++built, std::string("seven"); });
  auto c = store.get<int>("k", [&] { return ++built, 8; });
  CHECK(*a == 7);
  CHECK(*b == "seven");
  CHECK(*c == 7);  // built once
  CHECK(built == 2);
}
