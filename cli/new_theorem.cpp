// `thmcheck new ID`: writes theorems/ID.cpp from a template that compiles, registers itself and
// verifies out of the box (a placeholder lemma and its control), with comments saying what to fill
// in.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "thmcheck/core/errors.hpp"
#include "thmcheck/harness/registry.hpp"

namespace thmcheck::cli {

namespace {

constexpr const char* kTemplate =
    R"TEMPLATE(// @ID@: TODO one line saying what the theorem states, in the words of its paper.
// Written by `thmcheck new`; docs/adding-a-theorem.md walks through filling it in.
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

  // A claim: kind inequality here; see lib/include/thmcheck/harness/kinds/ for probability,
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

int new_theorem(const std::string& id, const std::string& dir) {
  if (!is_kebab_case(id))
    throw InputError("theorem id '" + id +
                     "' is not kebab-case (lowercase letters, digits, single hyphens)");
  if (Registry::global().contains(id))
    throw InputError("a theorem '" + id + "' is already registered");
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir))
    throw InputError("theorems folder '" + dir + "' does not exist (use --dir)");
  fs::path path = fs::path(dir) / (id + ".cpp");
  if (fs::exists(path)) throw InputError("'" + path.string() + "' exists already");
  std::ofstream out(path);
  if (!out) throw InputError("cannot write '" + path.string() + "'");
  out << theorem_template(id);
  std::cout << "wrote " << path.string()
            << "\nre-run cmake and build (bash scripts/build), then: thmcheck verify " << id
            << '\n';
  return 0;
}

}  // namespace thmcheck::cli
