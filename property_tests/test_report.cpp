// Reports (issue 6): the quick-tier report of gd-quadratic-rate plus a synthetic theorem carrying
// every figure type is generated, and then read back the way a reader would: every link resolves,
// every figure is an SVG, every claim of results.json is on its page; without gnuplot the report
// still completes and keeps its data; shards merged by `thmcheck report` equal the unsharded run.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/harness/merge.hpp"
#include "thmcheck/harness/runner.hpp"
#include "thmcheck/report/csv.hpp"
#include "thmcheck/report/figure.hpp"
#include "thmcheck/report/markdown.hpp"
#include "thmcheck/report/report.hpp"

namespace fs = std::filesystem;
using namespace thmcheck;
using nlohmann::json;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path scratch(const std::string& name) {
  fs::path p =
      fs::temp_directory_path() / ("thmcheck-test-report-" + std::to_string(::getpid())) / name;
  fs::remove_all(p);
  fs::create_directories(p.parent_path());
  return p;
}

// Well-formed XML with an <svg> root: tags balance, attributes are quoted, one root element.
bool is_svg_document(const std::string& s, std::string& why) {
  std::vector<std::string> stack;
  std::size_t i = 0, roots = 0;
  std::string root;
  while ((i = s.find('<', i)) != std::string::npos) {
    if (s.compare(i, 4, "<!--") == 0) {
      i = s.find("-->", i);
      if (i == std::string::npos) return why = "unclosed comment", false;
      continue;
    }
    if (s.compare(i, 9, "<![CDATA[") == 0) {
      i = s.find("]]>", i);
      if (i == std::string::npos) return why = "unclosed CDATA", false;
      continue;
    }
    if (s.compare(i, 2, "<?") == 0 || s.compare(i, 2, "<!") == 0) {
      i = s.find('>', i);
      if (i == std::string::npos) return why = "unclosed declaration", false;
      continue;
    }
    // A tag: scan to its '>' outside quotes.
    std::size_t j = i + 1;
    char quote = 0;
    for (; j < s.size(); ++j) {
      if (quote) {
        if (s[j] == quote) quote = 0;
      } else if (s[j] == '"' || s[j] == '\'') {
        quote = s[j];
      } else if (s[j] == '>') {
        break;
      } else if (s[j] == '<') {
        return why = "'<' inside a tag at " + std::to_string(j), false;
      }
    }
    if (j >= s.size()) return why = "unclosed tag", false;
    std::string tag = s.substr(i + 1, j - i - 1);
    const bool closing = !tag.empty() && tag[0] == '/', empty = !tag.empty() && tag.back() == '/';
    std::string name = tag.substr(closing, tag.find_first_of(" \t\r\n/>", closing) - closing);
    if (closing) {
      if (stack.empty() || stack.back() != name) return why = "mismatched </" + name + ">", false;
      stack.pop_back();
    } else {
      if (stack.empty()) ++roots, root = name;
      if (!empty) stack.push_back(name);
    }
    i = j + 1;
  }
  if (!stack.empty()) return why = "unclosed <" + stack.back() + ">", false;
  if (roots != 1 || root != "svg")
    return why = "root is <" + root + "> (" + std::to_string(roots) + " roots)", false;
  return true;
}

std::set<std::string> anchors_of(const std::string& md) {
  std::set<std::string> a;
  std::istringstream in(md);
  std::string line;
  bool fenced = false;
  while (std::getline(in, line)) {
    if (line.rfind("```", line.find_first_not_of(' ') == std::string::npos
                              ? 0
                              : line.find_first_not_of(' ')) != std::string::npos &&
        line.find("```") == line.find_first_not_of(' '))
      fenced = !fenced;
    if (fenced || line.empty() || line[0] != '#') continue;
    a.insert(report::github_anchor(line.substr(line.find_first_not_of("# "))));
  }
  return a;
}

// Every [text](target) and ![alt](target) of every page: files exist, anchors name headings.
void check_links(const fs::path& dir, std::size_t& links, std::size_t& images) {
  const std::regex link(R"((!?)\[[^\]]*\]\(([^)\s]+)\))");
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".md") continue;
    const std::string md = slurp(e.path());
    for (std::sregex_iterator it(md.begin(), md.end(), link), end; it != end; ++it) {
      std::string target = (*it)[2];
      if (target.rfind("http", 0) == 0) continue;
      ++links;
      images += (*it)[1] == "!";
      const auto hash = target.find('#');
      const std::string file = target.substr(0, hash),
                        anchor = hash == std::string::npos ? "" : target.substr(hash + 1);
      const fs::path p = file.empty() ? e.path() : dir / file;
      INFO(e.path().filename().string() << " links to " << target);
      REQUIRE(fs::exists(p));
      if (!anchor.empty()) REQUIRE(anchors_of(slurp(p)).count(anchor) == 1);
    }
  }
}

// Every claim of results.json is on its theorem's page (its heading) and every theorem in
// README.md.
void check_claims_on_pages(const fs::path& dir) {
  const json results = json::parse(slurp(dir / "results.json"));
  const std::string readme = slurp(dir / "README.md");
  for (const auto& t : results["theorems"]) {
    const std::string id = t["id"];
    CHECK(readme.find("[" + id + "](" + id + ".md)") != std::string::npos);
    const std::string page = slurp(dir / (id + ".md"));
    for (const auto& c : t["claims"]) {
      INFO(id << " / " << c["id"].get<std::string>());
      CHECK(page.find("### Claim `" + c["id"].get<std::string>() + "`") != std::string::npos);
      CHECK(page.find("](#claim-" + c["id"].get<std::string>() + ")") != std::string::npos);
    }
  }
}

report::Figure trajectory_panel(const std::string& name, int panel, double alpha, double beta) {
  // A 2-D quadratic 0.5 x^T H x with eig(H) = {1, 4}: contours of log10 f and a heavy-ball path.
  report::Figure f;
  f.name = name;
  f.title = name;
  f.xlabel = "x_1";
  f.ylabel = "x_2";
  f.group = "figure-1";
  f.panel = panel;
  report::Contours c;
  c.label = "log10 f(x)";
  for (int i = 0; i <= 40; ++i) c.x.push_back(-3 + 6.0 * i / 40), c.y.push_back(-3 + 6.0 * i / 40);
  for (double y : c.y) {
    std::vector<double> row;
    for (double x : c.x) row.push_back(std::log10(0.5 * (x * x + 4 * y * y) + 1e-3));
    c.z.push_back(row);
  }
  f.contours.push_back(c);
  report::Series s{"path from (2.5, 2)", report::Style::linespoints, {}, {}, {}};
  double x = 2.5, y = 2, px = x, py = y;
  for (int k = 0; k < 25; ++k) {
    s.x.push_back(x), s.y.push_back(y);
    const double nx = x - alpha * x + beta * (x - px), ny = y - alpha * 4 * y + beta * (y - py);
    px = x, py = y, x = nx, y = ny;
  }
  f.series.push_back(s);
  f.marks.push_back({report::Axis::x, 0.0, "x*_1"});
  return f;
}

// A theorem result with every kind default figure, author figures of every style, a multiplot
// group, a broken figure, a control, a finding, a counterexample and a rests_on chain.
TheoremResult synthetic_theorem() {
  TheoremResult t;
  t.id = "synthetic-report";
  t.title = "Synthetic theorem exercising every part of a report";
  t.source = {{"authors", "A. Author"}, {"title", "On reports"},   {"venue", "Test"},
              {"year", 2024},           {"number", "Theorem 1.1"}, {"link", "2401.00001"}};
  t.statement = "For all $k$, $\\|x_k - x^*\\| \\le \\beta^{k/2} \\|x_0 - x^*\\|$.";
  t.hypotheses = "- `d`: integer in [2, 10]. dimension\n";
  t.parameters = {{"beta",
                   {{"value", 0.5},
                    {"default", 0.25},
                    {"doc", "momentum | parameter"},
                    {"min", 0},
                    {"max", 1}}}};

  ClaimResult bc;
  bc.id = "curve";
  bc.kind = ClaimKind::bound_curve;
  bc.verdict = Verdict::holds;
  bc.estimate = 0.8, bc.interval[0] = 0.7, bc.interval[1] = 0.9, bc.bound = 1, bc.margin = 1.25,
  bc.alpha = 0.01;
  bc.rests_on = {"rate"};
  json k = json::array(), q10 = k, q50 = k, q90 = k, bm = k, rq = k, ru = k;
  for (int i = 0; i <= 60; ++i) {
    const double m = std::pow(0.8, i);
    k.push_back(i), q10.push_back(0.6 * m), q50.push_back(m), q90.push_back(1.4 * m),
        bm.push_back(2 * std::pow(0.82, i));
    rq.push_back(m / (2 * std::pow(0.82, i))),
        ru.push_back(i == 0 ? -1.0 : 0.7 * m / std::pow(0.82, i));
  }
  bc.details = {{"quantile", 0.5},
                {"alpha_per_iteration", 0.01 / 61},
                {"rule", "a rule"},
                {"curves",
                 {{"k", k},
                  {"metric_q10", q10},
                  {"metric_q50", q50},
                  {"metric_q90", q90},
                  {"bound_median", bm},
                  {"ratio_quantile", rq},
                  {"ratio_upper", ru}}}};
  // Author figures: rate against batch size with B* and B_emp marked (log x), a band on log axes,
  // a dashed line, the five panels of the seed's Figure 1, and one malformed figure.
  report::Figure rate;
  rate.name = "rate-vs-batch";
  rate.title = "measured rate against batch size";
  rate.xlabel = "batch size B";
  rate.ylabel = "rate";
  rate.logx = true;
  report::Series med{"median rate", report::Style::linespoints, {}, {}, {}},
      band{"10-90%", report::Style::band, {}, {}, {}};
  for (double b = 1; b <= 1024; b *= 2) {
    const double r = 0.7 + 0.25 / std::sqrt(b);
    med.x.push_back(b), med.y.push_back(r), band.x.push_back(b), band.y.push_back(r - 0.02),
        band.y2.push_back(r + 0.02);
  }
  rate.series = {band, med, {"sqrt(beta)", report::Style::dashed, {1, 1024}, {0.7, 0.7}, {}}};
  rate.marks = {{report::Axis::x, 64, "B*"},
                {report::Axis::x, 16, "B_emp"},
                {report::Axis::y, 0.7, "sqrt(beta)"}};
  json figures = json::array({report::to_json(rate)});
  const char* names[] = {"GD", "HBM", "SGD-RK", "Minibatch-SGD", "Minibatch-HBM"};
  for (int p = 0; p < 5; ++p)
    figures.push_back(report::to_json(trajectory_panel(names[p], p, 0.2, p % 2 ? 0.5 : 0)));
  figures.push_back({{"title", "no name"}});  // malformed: a figure needs a name
  bc.details["figures"] = figures;

  ClaimResult sc;
  sc.id = "rate";
  sc.kind = ClaimKind::scaling;
  sc.verdict = Verdict::holds;
  sc.estimate = 0.52, sc.interval[0] = 0.48, sc.interval[1] = 0.55, sc.bound = 0.6,
  sc.margin = 0.6 / 0.52, sc.alpha = 0.01;
  json grid = {10, 30, 100, 300, 1000}, mly = json::array(), slopes = json::array();
  for (int i = 0; i < 5; ++i) {
    json row = json::array();
    for (double g : grid.get<std::vector<double>>())
      row.push_back(std::log(3 * std::pow(g, 0.5 + 0.01 * i)));
    mly.push_back(row), slopes.push_back(0.5 + 0.01 * i);
  }
  sc.details = {{"grid", grid},
                {"mean_log_y", mly},
                {"slopes", slopes},
                {"x_name", "kappa"},
                {"y_name", "iterations to eps"},
                {"form", "at_most"}};

  ClaimResult th;
  th.id = "critical-batch";
  th.kind = ClaimKind::threshold;
  th.verdict = Verdict::violated;
  th.expected = Verdict::violated;
  th.expected_reason = "B_emp exceeds the predicted B* on every instance (a recorded finding)";
  th.estimate = 4, th.interval[0] = 2, th.interval[1] = 4, th.bound = 1, th.margin = 0.25,
  th.alpha = 0.01;
  json pts = json::array();
  for (double x : {0.25, 0.5, 1.0, 2.0, 4.0, 8.0}) {
    const int s = x < 4 ? int(10 * x) : 38;
    pts.push_back({{"x", x},
                   {"successes", std::min(s, 40)},
                   {"runs", 40},
                   {"lower", std::max(0.0, s / 40.0 - 0.2)},
                   {"upper", std::min(1.0, s / 40.0 + 0.2)},
                   {"state", x < 4 ? "fails" : "passes"}});
  }
  th.details = {{"points", pts}, {"level", 0.9}, {"x_name", "B / B*"}};

  ClaimResult ctl;
  ctl.id = "control-faster";
  ctl.control = true;
  ctl.expected = Verdict::violated;
  ctl.expected_reason = "the rate is claimed 10% faster than the truth";
  ctl.verdict = Verdict::violated;
  ctl.estimate = 3.5, ctl.bound = 1, ctl.margin = 1 / 3.5;
  ctl.details = {{"replay", "thm1.synthetic-token"},
                 {"counterexample", {{"where", "k=3"}, {"lhs", 3.5}, {"rhs", 1}}}};

  t.claims = {bc, sc, th, ctl};
  return t;
}

SuiteResult synthetic_suite() {
  RunOptions o;
  SuiteResult s;
  s.provenance = make_provenance(o);
  s.theorems.push_back(synthetic_theorem());
  return s;
}

int run_cli(const std::string& args, const fs::path& log) {
  const std::string cmd = std::string(THMCHECK_BINARY) + " " + args + " >" + log.string() + " 2>&1";
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

}  // namespace

TEST_CASE("report: every link resolves, every figure is SVG, every claim is on its page",
          "[quick][report]") {
  RunOptions o;
  SuiteResult r = run_suite({"gd-quadratic-rate"}, o);
  r.theorems.push_back(synthetic_theorem());
  const fs::path dir = scratch("full");
  report::write_report(r, dir.string());
  REQUIRE(fs::exists(dir / "README.md"));
  REQUIRE(!fs::exists(dir.string() + ".partial"));
  REQUIRE(fs::exists(dir / "results.json"));
  for (const auto& t : r.theorems) REQUIRE(fs::exists(dir / (t.id + ".md")));

  std::size_t links = 0, images = 0;
  check_links(dir, links, images);
  check_claims_on_pages(dir);

  // Every figure is a well-formed SVG document, and every image link points at one of them.
  std::size_t svgs = 0;
  for (const auto& e : fs::directory_iterator(dir / "figures")) {
    if (e.path().extension() != ".svg") continue;
    ++svgs;
    std::string why;
    INFO(e.path().filename().string() << ": " << why);
    CHECK(is_svg_document(slurp(e.path()), why));
  }
  // Synthetic: bound-curve group (curve + ratio), rate-vs-batch, figure-1 group, scaling,
  // threshold.
  CHECK(svgs == 5);
  CHECK(images == svgs);
  const std::string page = slurp(dir / "synthetic-report.md");
  CHECK(page.find("figure 6 could not be read") != std::string::npos);  // the malformed one, named
  CHECK(page.find("thmcheck replay thm1.synthetic-token") != std::string::npos);
  CHECK(page.find("**0.5** (set)") !=
        std::string::npos);  // parameter value used differs from default
  CHECK(page.find("momentum \\| parameter") != std::string::npos);
  CHECK(page.find("Theorem 1.1") != std::string::npos);
  CHECK(page.find("$\\|x_k - x^*\\| \\le \\beta^{k/2} \\|x_0 - x^*\\|$") != std::string::npos);
  CHECK(page.find("`rate`") != std::string::npos);
  // The five panels of Figure 1 are one multiplot, with one data file per panel.
  const std::string fig1 = slurp(dir / "figures" / "synthetic-report-figure-1.svg");
  CHECK(fig1.find("Minibatch-HBM") != std::string::npos);
  for (const char* n : {"gd", "hbm", "sgd-rk", "minibatch-sgd", "minibatch-hbm"})
    CHECK(fs::exists(dir / "data" / (std::string("synthetic-report-") + n + ".csv")));
  // Data: header plus one row per plotted point, exact values.
  const std::string csv = slurp(dir / "data" / "synthetic-report-rate-vs-batch.csv");
  CHECK(csv.rfind("element,label,style,x,y,y2,z\n", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 11 + 11 + 2 + 3);
  CHECK(csv.find("mark,B*,x,64,,,") != std::string::npos);
  const std::string readme = slurp(dir / "README.md");
  CHECK(readme.find("Findings") != std::string::npos);
  CHECK(readme.find("1 of 1") != std::string::npos);  // controls caught
  CHECK(readme.find("Suite false-alarm level") != std::string::npos);
  if (!std::getenv("THMCHECK_KEEP_REPORT"))
    fs::remove_all(dir.parent_path());  // kept: to look at the figures
}

TEST_CASE("report: without gnuplot the report completes, says so and keeps the data",
          "[quick][report]") {
  const fs::path dir = scratch("no-gnuplot");
  report::write_report(synthetic_suite(), dir.string(),
                       {.gnuplot = (dir.parent_path() / "no-such-gnuplot").string()});
  REQUIRE(fs::exists(dir / "README.md"));
  CHECK(slurp(dir / "README.md").find("Figures were not drawn") != std::string::npos);
  CHECK(slurp(dir / "synthetic-report.md").find("Figures were not drawn") != std::string::npos);
  std::size_t svg = 0, gp = 0, csv = 0;
  for (const auto& e : fs::directory_iterator(dir / "figures"))
    svg += e.path().extension() == ".svg", gp += e.path().extension() == ".gp";
  for (const auto& e : fs::directory_iterator(dir / "data")) csv += e.path().extension() == ".csv";
  CHECK(svg == 0);
  CHECK(gp == 5);
  CHECK(csv == 1 + 5 + 2 + 1 + 1);
  std::size_t links = 0, images = 0;
  check_links(dir, links, images);
  CHECK(images == 0);
  fs::remove_all(dir.parent_path());
}

TEST_CASE("report: merging orders theorems and claims as the registry does, and refuses bad parts",
          "[quick][report]") {
  auto part = [](const std::string& name, const std::string& shard,
                 std::vector<std::pair<std::string, std::string>> cl) {
    RunOptions o;
    ResultsPart p{name, {}};
    p.result.provenance = make_provenance(o);
    p.result.provenance["shard"] = shard;
    for (const auto& [th, c] : cl) {
      auto it = std::find_if(p.result.theorems.begin(), p.result.theorems.end(),
                             [&](auto& t) { return t.id == th; });
      if (it == p.result.theorems.end()) {
        p.result.theorems.push_back({});
        p.result.theorems.back().id = th;
        it = p.result.theorems.end() - 1;
      }
      ClaimResult r;
      r.id = c;
      it->claims.push_back(r);
    }
    return p;
  };
  const SuiteOrder order = {{"a", {"a1", "a2", "a3"}}, {"b", {"b1", "b2"}}};
  auto s0 = part("s0.json", "0/2", {{"b", "b2"}, {"a", "a1"}, {"a", "a3"}});
  auto s1 = part("s1.json", "1/2", {{"a", "a2"}, {"b", "b1"}, {"z", "z2"}, {"z", "z1"}});
  SuiteResult m = merge_results({s1, s0}, order);
  std::vector<std::string> got;
  for (const auto& t : m.theorems)
    for (const auto& c : t.claims) got.push_back(t.id + "/" + c.id);
  CHECK(got == std::vector<std::string>{"a/a1", "a/a2", "a/a3", "b/b1", "b/b2", "z/z2", "z/z1"});

  auto message = [&](std::vector<ResultsPart> parts) {
    try {
      merge_results(parts, order);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message({s0}), Catch::Contains("shards missing") && Catch::Contains("1/2"));
  CHECK_THAT(message({s0, s0}), Catch::Contains("both shard 0/2"));
  auto other = s1;
  other.result.provenance["seed"] = 7;
  CHECK_THAT(message({s0, other}), Catch::Contains("s1.json") && Catch::Contains("another run"));
  auto dup = part("d.json", "0/1", {{"a", "a1"}});
  auto dup2 = part("e.json", "0/1", {{"a", "a1"}});
  CHECK_THAT(message({dup, dup2}),
             Catch::Contains("a/a1") && Catch::Contains("d.json") && Catch::Contains("e.json"));

  // Files: unreadable, not JSON, not a results file: each named.
  const fs::path dir = scratch("bad-files");
  fs::create_directories(dir);
  std::ofstream(dir / "garbage.json") << "{ not json";
  std::ofstream(dir / "other.json") << R"({"schema": "something-else/1"})";
  for (const char* f : {"missing.json", "garbage.json", "other.json"}) {
    const std::string path = (dir / f).string();
    CHECK_THROWS_WITH(read_results_file(path), Catch::Contains(path));
  }
  fs::remove_all(dir.parent_path());
}

TEST_CASE("report: thmcheck report merges two shards into the unsharded run's results",
          "[quick][report]") {
  const fs::path dir = scratch("cli");
  fs::create_directories(dir);
  auto p = [&](const char* f) { return (dir / f).string(); };
  const std::string run = "verify gd-quadratic-rate --quiet --jobs 1";
  REQUIRE(run_cli(run + " --json " + p("all.json") + " --report " + p("unsharded"), dir / "log0") ==
          0);
  REQUIRE(run_cli(run + " --shard 0/2 --json " + p("s0.json"), dir / "log1") == 0);
  REQUIRE(run_cli(run + " --shard 1/2 --json " + p("s1.json"), dir / "log2") == 0);
  REQUIRE(run_cli("report --from " + p("s1.json") + " " + p("s0.json") + " --out " + p("merged"),
                  dir / "log3") == 0);
  const json unsharded = json::parse(slurp(dir / "unsharded" / "results.json"));
  const json merged = json::parse(slurp(dir / "merged" / "results.json"));
  CHECK(strip_timings(merged) == strip_timings(unsharded));
  CHECK(strip_timings(merged) == strip_timings(json::parse(slurp(dir / "all.json"))));
  CHECK(merged["provenance"]["shard"] == "merged 1/2+0/2");
  std::size_t links = 0, images = 0;
  check_links(dir / "merged", links, images);
  check_claims_on_pages(dir / "merged");

  // Bad input: exit 64, the file named, no report left behind.
  std::ofstream(dir / "bad.json") << "[1, 2";
  CHECK(run_cli("report --from " + p("bad.json") + " --out " + p("never"), dir / "log4") == 64);
  CHECK(slurp(dir / "log4").find(p("bad.json")) != std::string::npos);
  CHECK(run_cli("report --from " + p("s0.json") + " --out " + p("never"), dir / "log5") == 64);
  CHECK(slurp(dir / "log5").find("1/2") != std::string::npos);
  CHECK(!fs::exists(dir / "never"));
  CHECK(!fs::exists(dir / "never.partial"));
  fs::remove_all(dir.parent_path());
}
