// `thmcheck new ID`: writes theorems/ID.cpp from a template that compiles, registers itself and
// verifies out of the box (a placeholder lemma and its control), with comments saying what to fill
// in.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <regex>

#include "commands.hpp"
#include "thmcheck/core/errors.hpp"
#include "thmcheck/harness/registry.hpp"

namespace thmcheck::cli {

namespace {

constexpr const char* kTemplate =
    R"TEMPLATE(// @ID@: TODO one line saying what the theorem states, in the words of its paper.
// Written by `thmcheck new`; thmcheck's docs/adding-a-theorem.md walks through filling it in.
#include <fmt/format.h>

#include <cmath>

#include "thmcheck/harness/kinds/inequality.hpp"
#include "thmcheck/harness/registry.hpp"
#include "thmcheck/harness/theorem.hpp"
#include "thmcheck/problems/gaussian.hpp"

namespace thmcheck::theorems {
namespace {

Theorem make() {
  Theorem t;
  t.id = "@ID@";
  t.title = "TODO: the theorem in one line";
  // TODO: authors, title, venue, year, theorem number, arXiv id or DOI.
  t.source = {"TODO authors", "TODO title", "TODO venue", 2024, "Theorem TODO", ""};
  // TODO: the statement as the paper gives it, markdown with $...$ math.
  t.statement = "For $x, y \\in \\mathbb R^d$: $|\\langle x, y\\rangle| \\le \\|x\\|\\,\\|y\\|$ (placeholder).";
  // What the whole quick tier of this theorem may take on one core, in seconds.
  t.quick_budget_seconds = 2;

  // Hypotheses: the named numbers that describe an instance. Points are sampled from these ranges
  // (quick tier, full tier) and shrunk toward the low end when a claim fails.
  t.hypotheses.integer("d", 1, 20, 200, "dimension");

  // Parameters: every constant of a claim, with a default, a range and a sentence (--set @ID@.NAME=V).
  t.parameters.add("rel_tol", 1e-12, "relative round-off allowance", 0, 1)
      .add("control_factor", 0.5, "control: the right-hand side multiplied by this", 0, 1);

  // A claim: kind inequality here; see the headers thmcheck/harness/kinds/ for probability,
  // expectation, bound-curve, scaling, threshold and comparison. Draw randomness only from t.rng
  // (this trial's engine) or from an engine seeded with t.point.seed (the instance's).
  t.add(inequality({.id = "main",
                    .statement = "$|\\langle x, y\\rangle| \\le \\|x\\|\\,\\|y\\|$ for Gaussian $x, y$"},
                   {.instances = {50, 500},
                    .rel_tol = "rel_tol",
                    .measure = [](const Trial& t) {
                      const auto x = gaussian_vector(t.point.integer("d"), t.rng);
                      const auto y = gaussian_vector(t.point.integer("d"), t.rng);
                      return std::vector<Inequality>{{std::abs(x.dot(y)), x.norm() * y.norm(), "x, y"}};
                    }}));

  // Every theorem carries falsified controls the harness must catch (verdict violated).
  t.add(inequality({.id = "control-half",
                    .statement = "control: $|\\langle x, y\\rangle| \\le \\frac12\\|x\\|\\,\\|y\\|$",
                    .control = true,
                    .reason = "the bound is tight for parallel vectors; half of it fails"},
                   {.instances = {50, 500},
                    .rel_tol = "rel_tol",
                    .measure = [](const Trial& t) {
                      const auto x = gaussian_vector(t.point.integer("d"), t.rng);
                      const Eigen::VectorXd y = 2.0 * x;  // parallel: the bound is attained
                      return std::vector<Inequality>{
                          {std::abs(x.dot(y)), t.params["control_factor"] * x.norm() * y.norm(), "y = 2x"}};
                    }}));
  return t;
}

}  // namespace
THMCHECK_REGISTER_THEOREM(make);
}  // namespace thmcheck::theorems
)TEMPLATE";

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos;
       pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
  return s;
}

}  // namespace

std::string theorem_template(const std::string& id) { return replace_all(kTemplate, "@ID@", id); }

namespace {

// A CMakeLists.txt's text without its line comments, so that a comment naming the function does not
// make a project of it.
std::string cmake_code(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string code, line;
  while (std::getline(in, line)) code += line.substr(0, line.find('#')) + '\n';
  return code;
}

bool declares_theorems(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  const fs::path file = dir / "CMakeLists.txt";
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return false;
  static const std::regex calls(R"(thmcheck_add_theorems\s*\()");
  static const std::regex is_thmcheck(R"(project\s*\(\s*thmcheck[\s)])");
  const std::string code = cmake_code(file);
  return std::regex_search(code, calls) || std::regex_search(code, is_thmcheck);
}

}  // namespace

std::optional<std::filesystem::path> theorem_project(const std::filesystem::path& from) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::absolute(from, ec);
  if (ec) return std::nullopt;
  for (;; dir = dir.parent_path()) {
    if (declares_theorems(dir)) return dir;
    if (dir == dir.root_path() || dir.parent_path() == dir) return std::nullopt;
  }
}

int new_theorem(const std::string& id, const std::string& dir_option) {
  if (!is_kebab_case(id))
    throw InputError("theorem id '" + id +
                     "' is not kebab-case (lowercase letters, digits, single hyphens)");
  if (Registry::global().contains(id))
    throw InputError("a theorem '" + id + "' is already registered");
  namespace fs = std::filesystem;
  fs::path dir = dir_option;
  if (dir_option.empty()) {
    // Never the source tree this program was built from: the project the user stands in.
    const auto project = theorem_project(fs::current_path());
    if (!project)
      throw InputError(
          "no theorem project contains the current directory '" + fs::current_path().string() +
          "': no folder from here up has a CMakeLists.txt that calls thmcheck_add_theorems (or "
          "is thmcheck's own); run this inside one, or give --dir");
    dir = *project / "theorems";
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw InputError("cannot create '" + dir.string() + "': " + ec.message());
  }
  if (!fs::is_directory(dir))
    throw InputError("theorems folder '" + dir.string() + "' does not exist (use --dir)");
  fs::path path = dir / (id + ".cpp");
  if (fs::exists(path)) throw InputError("'" + path.string() + "' exists already");
  std::ofstream out(path);
  if (!out) throw InputError("cannot write '" + path.string() + "'");
  out << theorem_template(id);
  std::cout << "wrote " << path.string()
            << "\nre-run cmake and build; its claims are then ctest tests (ctest -R " << id
            << "), and: thmcheck verify " << id << '\n';
  return 0;
}

}  // namespace thmcheck::cli
