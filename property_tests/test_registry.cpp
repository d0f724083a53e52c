// The registry checks itself: every theorem must be complete enough to report and to trust, and
// `thmcheck new` must produce a theorem that builds, registers and verifies.
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "thmcheck/harness/registry.hpp"

using namespace thmcheck;

namespace {

// Everything a theorem file owes its readers; returns what is missing, or "".
std::string missing_parts(const Theorem& t) {
  std::string m;
  auto need = [&](bool ok, const std::string& what) {
    if (!ok) m += (m.empty() ? "" : "; ") + what;
  };
  need(is_kebab_case(t.id), "a kebab-case id");
  need(!t.title.empty(), "a title");
  need(!t.source.authors.empty() && !t.source.title.empty() && t.source.year > 0,
       "a source (authors, title, year)");
  need(!t.statement.empty(), "a statement");
  need(t.quick_budget_seconds > 0, "a quick-tier budget (quick_budget_seconds)");
  need(!t.hypotheses.variables().empty(), "hypotheses");
  for (const auto& v : t.hypotheses.variables())
    need(!v.doc.empty(), "a doc for variable '" + v.name + "'");
  for (const auto& p : t.parameters.all())
    need(!p.doc.empty(), "a doc for parameter '" + p.name + "'");
  std::size_t controls = 0;
  std::set<std::string> ids;
  for (const auto& c : t.claims) {
    need(is_kebab_case(c.id()), "a kebab-case id for claim '" + c.id() + "'");
    need(ids.insert(c.id()).second, "unique claim ids ('" + c.id() + "' twice)");
    need(!c.info.statement.empty(), "a statement for claim '" + c.id() + "'");
    need(bool(c.check), "a check for claim '" + c.id() + "'");
    if (c.info.control) {
      ++controls;
      need(!c.info.reason.empty(), "a reason for control '" + c.id() + "'");
    }
    if (c.info.expected_violated)
      need(!c.info.reason.empty(), "a reason for finding '" + c.id() + "'");
    need(c.kind == ClaimKind::inequality || c.alpha > 0,
         "a false-alarm level for claim '" + c.id() + "'");
    for (const auto& pin : c.info.pinned) {
      bool valid = true;
      try {
        t.hypotheses.make(pin.values, pin.seed);
      } catch (const std::exception&) {
        valid = false;
      }
      need(valid, "pinned examples of claim '" + c.id() + "' that name every hypothesis variable");
      need(!pin.note.empty(), "a note on each pinned example of claim '" + c.id() + "'");
    }
    if (c.info.expected_violated)
      need(!c.info.pinned.empty(),
           "a pinned counterexample for finding '" + c.id() + "' (thmcheck replay prints it)");
  }
  for (const auto& c : t.claims)
    for (const auto& r : c.info.rests_on)
      need(t.find(r) != nullptr, "claim '" + r + "' that '" + c.id() + "' rests on");
  need(controls > 0, "a control");
  need(t.claims.size() > controls, "a claim that is not a control");
  return m;
}

int run_shell(const std::string& cmd) {
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("every registered theorem is complete", "[quick][registry]") {
  const auto ids = Registry::global().ids();
  REQUIRE(!ids.empty());
  for (const auto& id : ids) {
    Theorem t = Registry::global().make(id);
    INFO("theorem " << id);
    CHECK(missing_parts(t) == "");
  }
}

// The family-wise false-alarm level: by the union bound, the probability that any true claim of the
// whole suite is called violated is at most the sum of the checks' alphas, and that sum is held at
// 0.05.
TEST_CASE("the suite's checks sum to a family-wise false-alarm level of at most 0.05",
          "[quick][registry]") {
  double total = 0;
  std::size_t checks = 0;
  for (const auto& id : Registry::global().ids())
    for (const auto& c : Registry::global().make(id).claims) {
      total += c.alpha;
      checks += c.alpha > 0;
    }
  INFO(checks << " statistical checks, total alpha " << total);
  CHECK(total <= kSuiteAlpha + 1e-12);
}

TEST_CASE("a factory runs on the registry's first use, not at registration", "[quick][registry]") {
  // Registration happens at static initialization, when constants of other files (a claim's grid
  // kept in another .cpp) may not be built yet: the sanitize build caught a theorem read that way.
  Registry reg;
  int built = 0;
  auto factory = [&built] {
    ++built;
    Theorem t;
    t.id = "lazy-theorem";
    return t;
  };
  reg.add(factory);
  CHECK(built == 0);
  CHECK(reg.ids() == std::vector<std::string>{"lazy-theorem"});
  CHECK(built == 1);
  CHECK(reg.make("lazy-theorem").id == "lazy-theorem");
  CHECK(built == 2);
  reg.add(factory);  // the same id again is refused on the next use
  CHECK_THROWS_WITH(reg.contains("lazy-theorem"), Catch::Contains("registered twice"));
  Registry bad;
  bad.add([] {
    Theorem t;
    t.id = "Not Kebab";
    return t;
  });
  CHECK_THROWS_WITH(bad.ids(), Catch::Contains("kebab-case"));
}

TEST_CASE("the validation names what an incomplete theorem lacks", "[quick][registry]") {
  Theorem t;
  t.id = "Bad_Id";
  Claim c;
  c.info.id = "only-claim";
  t.claims.push_back(c);
  const auto m = missing_parts(t);
  for (const char* part : {"kebab-case id", "a source", "a statement", "quick-tier budget",
                           "a control", "a statement for claim 'only-claim'"})
    CHECK_THAT(m, Catch::Contains(part));
}

TEST_CASE("thmcheck new refuses bad and existing ids and writes a template", "[quick][registry]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "thmcheck-new-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string bin = THMCHECK_BINARY;
  CHECK(run_shell(bin + " new Not_Kebab --dir " + dir.string() + " >/dev/null 2>&1") == 64);
  CHECK(run_shell(bin + " new gd-quadratic-rate --dir " + dir.string() + " >/dev/null 2>&1") == 64);
  CHECK(run_shell(bin + " new demo-x --dir " + (dir / "missing").string() + " >/dev/null 2>&1") ==
        64);
  CHECK(run_shell(bin + " new demo-x --dir " + dir.string() + " >/dev/null 2>&1") == 0);
  CHECK(fs::exists(dir / "demo-x.cpp"));
  CHECK(run_shell(bin + " new demo-x --dir " + dir.string() + " >/dev/null 2>&1") ==
        64);  // exists now
}

TEST_CASE("thmcheck new writes into the project that contains the current directory",
          "[quick][registry]") {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / "thmcheck-new-project";
  fs::remove_all(root);
  const std::string bin = THMCHECK_BINARY;
  auto new_in = [&](const fs::path& cwd, const std::string& id) {
    return run_shell("cd " + cwd.string() + " && " + bin + " new " + id + " >/dev/null 2>&1");
  };
  // No CMakeLists.txt from here to the root: refused, whatever tree the program was built from.
  fs::create_directories(root / "loose");
  CHECK(new_in(root / "loose", "demo-y") == 64);
  // A CMakeLists.txt that names the function only in a comment is no theorem project.
  fs::create_directories(root / "commented");
  std::ofstream(root / "commented" / "CMakeLists.txt") << "# thmcheck_add_theorems(x)\n";
  CHECK(new_in(root / "commented", "demo-y") == 64);
  // A pack: from a folder deep inside it, the file lands in the pack's theorems/.
  fs::create_directories(root / "pack" / "docs" / "notes");
  std::ofstream(root / "pack" / "CMakeLists.txt")
      << "project(pack CXX)\nfind_package(thmcheck REQUIRED)\n"
         "thmcheck_add_theorems(pack SOURCES theorems/a.cpp)\n";
  CHECK(new_in(root / "pack" / "docs" / "notes", "demo-y") == 0);
  CHECK(fs::exists(root / "pack" / "theorems" / "demo-y.cpp"));
  CHECK(!fs::exists(root / "pack" / "docs" / "notes" / "theorems"));
  fs::remove_all(root);
}

TEST_CASE(
    "a scaffolded theorem builds, registers, verifies and is tested in a copy of the "
    "repository",
    "[full][registry]") {
  namespace fs = std::filesystem;
  const fs::path copy = fs::temp_directory_path() / "thmcheck-new-build";
  fs::remove_all(copy);
  const std::string src = THMCHECK_SOURCE_DIR;
  // Tracked and new files only: no build folders.
  REQUIRE(run_shell("mkdir -p " + copy.string() + " && cd " + src +
                    " && git ls-files -co --exclude-standard -z | "
                    "xargs -0 cp --parents -t " +
                    copy.string()) == 0);
  const std::string build = (copy / "build").string();
  const std::string bin = build + "/thmcheck";
  REQUIRE(run_shell("cmake -S " + copy.string() + " -B " + build +
                    " -DTHMCHECK_BUILD_TESTS=OFF -DTHMCHECK_BUILD_BENCH=OFF >/dev/null") == 0);
  // From a folder inside the copy, with no --dir: the copy's theorems/ (not this source tree's).
  REQUIRE(run_shell("cd " + (copy / "docs").string() + " && " + std::string(THMCHECK_BINARY) +
                    " new demo-theorem >/dev/null") == 0);
  REQUIRE(fs::exists(copy / "theorems" / "demo-theorem.cpp"));
  REQUIRE(!fs::exists(fs::path(src) / "theorems" / "demo-theorem.cpp"));
  REQUIRE(run_shell("cmake --build " + build + " -j2 >/dev/null") == 0);
  CHECK(run_shell(bin + " list | grep -q '^demo-theorem '") == 0);
  CHECK(run_shell(bin + " verify demo-theorem --quiet >/dev/null") == 0);
  // Its claims are ctest tests with no test written by hand, and they pass.
  CHECK(run_shell("ctest --test-dir " + build +
                  " -N -L quick | grep -q 'demo-theorem/control-half'") == 0);
  CHECK(run_shell("ctest --test-dir " + build + " -R demo-theorem -L quick >/dev/null") == 0);
  fs::remove_all(copy);
}
