// Heavy ball with the parameters optimal for quadratics does not converge on every smooth strongly
// convex function: on a 1-D piecewise quadratic with mu = 1, L = 25 its iterates fall into a cycle
// of period 3 instead of converging (Lessard, Recht and Packard, Section 2.3). The example of
// docs/adding-a-theorem.md, "A theorem that is not least squares".
#include <fmt/format.h>

#include <cmath>
#include <memory>

#include "thmcheck/harness/kinds/inequality.hpp"
#include "thmcheck/harness/registry.hpp"
#include "thmcheck/harness/theorem.hpp"
#include "thmcheck/methods/heavy_ball.hpp"
#include "thmcheck/problems/objective.hpp"

namespace thmcheck::theorems {
namespace {

// f(x) = 25x^2/2 (x < 1), x^2/2 + 24x - 12 (1 <= x < 2), 25x^2/2 - 24x + 36 (x >= 2): f' is
// continuous and f'' in {1, 25}, so f is 1-strongly convex and 25-smooth, with x* = 0.
class PiecewiseQuadratic : public Objective {
 public:
  Eigen::Index dimension() const override { return 1; }
  double value(const Eigen::VectorXd& x) const override {
    const double v = x(0);
    if (v < 1) return 25 * v * v / 2;
    if (v < 2) return v * v / 2 + 24 * v - 12;
    return 25 * v * v / 2 - 24 * v + 36;
  }
  void gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const override {
    const double v = x(0);
    g.resize(1);
    g(0) = v < 1 ? 25 * v : v < 2 ? v + 24 : 25 * v - 24;
  }
};

// |x_k - x*| for k = 0..K from x_0 (x_{-1} = x_0), with the parameters optimal for quadratics with
// mu = 1, L = 25: alpha = 4/(sqrt L + sqrt mu)^2 = 1/9, beta = ((sqrt L - sqrt mu)/(sqrt L +
// sqrt mu))^2 = 4/9.
std::vector<double> distances(const Trial& t) {
  HeavyBall hb(std::make_shared<PiecewiseQuadratic>(), 1.0 / 9, 4.0 / 9,
               Eigen::VectorXd::Constant(1, t.point["x0"]));
  std::vector<double> e;
  run(hb, int(t.params["iterations"]),
      [&](int, const Eigen::VectorXd& x) { e.push_back(std::abs(x(0))); });
  return e;
}

Theorem make() {
  Theorem t;
  t.id = "heavy-ball-not-global";
  t.title = "Heavy ball tuned for quadratics cycles on a smooth strongly convex function";
  t.source = {"L. Lessard, B. Recht, A. Packard",
              "Analysis and design of optimization algorithms via integral quadratic constraints",
              "SIAM J. Optim.",
              2016,
              "Section 2.3",
              "arXiv:1408.3595"};
  t.statement =
      "Heavy ball with $\\alpha = 4/(\\sqrt L + \\sqrt\\mu)^2 = 1/9$, $\\beta = ((\\sqrt L - "
      "\\sqrt\\mu)/"
      "(\\sqrt L + \\sqrt\\mu))^2 = 4/9$ on the piecewise quadratic $f$ with $\\mu = 1$, $L = 25$ "
      "($25x^2/2$ for $x < 1$, $x^2/2 + 24x - 12$ for $1 \\le x < 2$, $25x^2/2 - 24x + 36$ for "
      "$x \\ge 2$) does not converge from $x_0 \\in [3.07, 3.46]$: it settles in a cycle of period "
      "3.";
  t.quick_budget_seconds = 1;
  t.hypotheses.real("x0", 3.07, 3.46, 3.46, "the start, x_{-1} = x_0");
  t.parameters.add_integer("iterations", 200, "heavy-ball steps K", 1, 100000)
      .add_integer("settle", 50, "the cycle is checked for k >= settle", 0, 100000)
      .add("level", 0.5, "the cycle stays this far from x* = 0 (its points: 0.647, 1.80, 2.12)", 0,
           10)
      .add("converged", 1e-6, "control: |x_K - x*| claimed below this times |x_0 - x*|", 0, 1);

  t.add(inequality(
      {.id = "cycle", .statement = "$|x_k - x^*| \\ge 0.5$ for $50 \\le k \\le K$: no convergence"},
      {.instances = {50, 500}, .rel_tol = 0.0, .measure = [](const Trial& t) {
         std::vector<Inequality> out;
         const auto e = distances(t);
         for (std::size_t k = std::size_t(t.params["settle"]); k < e.size(); ++k)
           out.push_back({t.params["level"], e[k], fmt::format("k={}", k)});
         return out;
       }}));
  t.add(inequality(
      {.id = "control-converges",
       .statement = "control: $|x_K - x^*| \\le 10^{-6} |x_0 - x^*|$, heavy ball converges "
                    "as on quadratics",
       .control = true,
       .reason = "the iterates cycle through 0.647, 1.80, 2.12 and never approach x* = 0"},
      {.instances = {50, 500}, .rel_tol = 0.0, .measure = [](const Trial& t) {
         const auto e = distances(t);
         return std::vector<Inequality>{
             {e.back(), t.params["converged"] * e.front(), fmt::format("k={}", e.size() - 1)}};
       }}));
  return t;
}

}  // namespace
THMCHECK_REGISTER_THEOREM(make);
}  // namespace thmcheck::theorems
