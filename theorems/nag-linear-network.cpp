// Xu, Wang, Zhao, Ward and Tao, linear-network extension: for a two-layer linear network W_2 W_1 x
// on data that a linear map fits exactly, width d >= rank(Y), the unbalanced start W_2(0) = c Y
// Psi, W_1(0) = 0 makes Nesterov's method converge at an accelerated linear rate
// (docs/theory/matrix-factorization.md#linear-neural-network-extension). With W_2 nearly frozen
// the W_1-problem is least squares with effective condition number k = cond(W_2(0))^2 cond(X)^2:
// GD needs about k log(1/eps) iterations and NAG about sqrt(k) log(1/eps).
#include <cmath>
#include <limits>

#include "factorization_common.hpp"
#include "thmcheck/harness/kinds/inequality.hpp"
#include "thmcheck/harness/kinds/scaling.hpp"
#include "thmcheck/harness/registry.hpp"
#include "thmcheck/harness/theorem.hpp"
#include "thmcheck/methods/linear_network.hpp"
#include "thmcheck/problems/linear_network_data.hpp"

namespace thmcheck::theorems {
namespace {

int width(const Point& p) { return p.integer("r") + p.integer("d_extra"); }

std::shared_ptr<const LinearNetworkData> data_instance(const Trial& t, double kappa_x) {
  const auto& p = t.point;
  const std::string key = fmt::format("ln/{}/{}/{:.17g}", p.describe(), p.seed, kappa_x);
  return t.store.get<LinearNetworkData>(key, [&] {
    Engine rng = make_engine(p.seed);
    return linear_network_data(p.integer("p"), p.integer("q"),
                               p.integer("p") + p.integer("N_extra"), p.integer("r"), kappa_x, rng);
  });
}

struct NetworkSetup {
  UnbalancedNetworkInit init;
  double eta = 0, beta = 0, k = 0;
};

// eta = 1/(s_1(W_2)^2 s_1(X)^2) (one over the largest curvature of the W_1-problem), k computed,
// beta = (sqrt k - 1)/(sqrt k + 1).
NetworkSetup network_setup(const LinearNetworkData& data, int d, double c, Engine& rng) {
  NetworkSetup s;
  s.init = unbalanced_network_init(data, d, c, rng);
  const double w = singular_value(s.init.W2_0, 1), x = data.data_singular_values(0);
  s.eta = 1 / (w * w * x * x);
  s.k = linear_network_effective_kappa(data, s.init.W2_0);
  s.beta = (std::sqrt(s.k) - 1) / (std::sqrt(s.k) + 1);
  return s;
}

LinearNetworkNesterov make_method(const LinearNetworkData& data, const NetworkSetup& s, bool nag) {
  return LinearNetworkNesterov(data, s.eta, nag ? s.beta : 0.0, s.init.W1_0, s.init.W2_0);
}

struct NetRun {
  int T = -1;
  double k = 0;
};

NetRun net_run(const Trial& t, double kappa_x, bool nag, std::uint64_t stream, int cap) {
  const std::string key = fmt::format("ln-run/{}/{}/{:.17g}/{}/{}/{}", t.point.describe(),
                                      t.point.seed, kappa_x, nag, stream, cap);
  return *t.store.get<NetRun>(key, [&] {
    auto data = data_instance(t, kappa_x);
    Engine rng = factorization::init_engine(t.point, stream);
    NetworkSetup s = network_setup(*data, width(t.point), t.params["c"], rng);
    LinearNetworkNesterov m = make_method(*data, s, nag);
    return NetRun{iterations_to(m, t.params["eps"], cap), s.k};
  });
}

// NAG's iterations per factor e of accuracy on the tail of the run (from ||R_t||_F <= tail_upper
// ||Y||_F down to eps ||Y||_F), as for the exponents of nag-unbalanced-factorization, divided by
// cond(W_2(0)): k = cond(W_2(0))^2 kappa_x^2, and W_2(0) = c W_star X Psi moves with kappa_x too,
// so its factor is divided out to isolate kappa_x. Cached: the exponent claim and its control share
// the sweep.
double nag_tail_per_cond_w(const Trial& t, double kappa_x) {
  const std::string key =
      fmt::format("ln-tail/{}/{}/{:.17g}", t.point.describe(), t.point.seed, kappa_x);
  return *t.store.get<double>(key, [&] {
    auto data = data_instance(t, kappa_x);
    Engine rng = factorization::init_engine(t.point, 0);
    NetworkSetup s = network_setup(*data, width(t.point), t.params["c"], rng);
    LinearNetworkNesterov m = make_method(*data, s, true);
    const TailRate tr =
        tail_rate(m, t.params["tail_upper"], t.params["eps"], int(t.params["max_iterations"]));
    return tr.iterations_per_e() / (std::sqrt(s.k) / kappa_x);
  });
}

Theorem make() {
  Theorem t;
  t.id = "nag-linear-network";
  // Quick-tier time on one core (measured under load this session, with room to spare).
  t.quick_budget_seconds = 30;
  t.title = "Nesterov's method attains an accelerated linear rate for two-layer linear networks";
  t.source = factorization::nag_unbalanced_paper("linear neural network theorem");
  t.statement =
      "For $L(W_1, W_2) = \\frac12\\|W_2W_1X - Y\\|_F^2$ with $Y = W_\\star X$ (interpolation), "
      "width $d \\ge "
      "\\mathrm{rank}(Y)$, start $W_2(0) = cY\\Psi$ ($\\Psi$ i.i.d. $N(0, 1/d)$), $W_1(0) = 0$: "
      "with "
      "$k = \\mathrm{cond}(W_2(0))^2\\,\\mathrm{cond}(X)^2$ (on the span of the labels and the row "
      "space of the data), "
      "$\\eta = 1/(s_1(W_2(0))^2 s_1(X)^2)$ and $\\beta = (\\sqrt k - 1)/(\\sqrt k + 1)$, "
      "Nesterov's method reaches "
      "$\\|W_2W_1X - Y\\|_F \\le \\epsilon\\|Y\\|_F$ within $O(\\sqrt k\\log(1/\\epsilon))$ "
      "iterations with high probability, "
      "GD within $O(k\\log(1/\\epsilon))$.";
  t.hypotheses.integer("p", 6, 10, 20, "input dimension")
      .integer("q", 4, 8, 15, "output dimension")
      .integer("N_extra", 0, 10, 40, "samples beyond p: N = p + N_extra")
      .integer("r", 2, 3, 4, "rank of the labels Y = W_star X")
      .integer("d_extra", 0, 3, 6, "width beyond the label rank: d = r + d_extra")
      .log_uniform("kappa_x", 2, 4, 20, "condition number of the data X");
  t.parameters.add("c", 100, "scale of the unbalanced start W_2(0) = c Y Psi", 1e-3, 1e8)
      .add("eps", 1e-8, "target ||W_2 W_1 X - Y||_F <= eps ||Y||_F (not squared)", 1e-15, 0.5)
      .add_integer("max_iterations", 4000000, "iteration budget of a run", 1, 100000000)
      .add_integer("lemma_steps", 300, "steps at which span invariance is checked", 1, 1000000)
      .add("invariance_tol", 1e-10, "allowed ||(I - P_Y) W_2(t)||_F / ||W_2(t)||_F (round-off)", 0,
           1)
      .add("C_gd", 2, "GD: T <= C_gd k log(1/eps) (the least-squares rate 1 - 1/k gives about 1)",
           0, 1e6)
      .add("C_nag", 2, "NAG: T <= C_nag sqrt(k) log(1/eps) (rate 1 - 1/sqrt k gives about 1)", 0,
           1e6)
      .add("control_C_nag", 0.25, "control: NAG claimed to contract like (1 - 4/sqrt k)^t", 0, 1e6)
      .add("delta", 0.2, "allowed failure probability of the 'with high probability' claims", 0, 1)
      .add("tail_upper", 1e-4,
           "exponent claims: the tail window starts at ||W_2 W_1 X - Y||_F <= tail_upper ||Y||_F "
           "(sqrt(eps)) and ends "
           "at eps",
           1e-15, 1)
      .add("nag_exponent", 1,
           "claimed exponent of NAG iterations in kappa_x (sqrt k grows like kappa_x)", 0, 10)
      .add("exponent_tol", 0.3, "half-width of 'near' for the exponent, fixed before measuring", 0,
           10)
      .add("control_nag_exponent", 0.5, "control: NAG's exponent claimed at most this", 0, 10)
      .add("gd_cap_factor", 20, "comparison: GD runs stop at this many times NAG's iterations", 1,
           1e6);

  t.add(
      inequality({.id = "span-invariance",
                  .statement = "for GD and NAG, $\\|(I - P_Y) W_2(t)\\|_F / \\|W_2(t)\\|_F \\le$ "
                               "invariance_tol at every checked "
                               "step: the outer factor stays in the span of the labels"},
                 {.instances = {8, 60}, .abs_tol = "invariance_tol", .measure = [](const Trial& t) {
                    auto data = data_instance(t, t.point["kappa_x"]);
                    Eigen::JacobiSVD<Eigen::MatrixXd> svd(data->Y, Eigen::ComputeThinU);
                    const Eigen::MatrixXd U = svd.matrixU().leftCols(data->label_rank);
                    std::vector<Inequality> out;
                    for (bool nag : {false, true}) {
                      Engine rng = factorization::init_engine(t.point, 0);
                      NetworkSetup s = network_setup(*data, width(t.point), t.params["c"], rng);
                      LinearNetworkNesterov m = make_method(*data, s, nag);
                      const int K = int(t.params["lemma_steps"]);
                      for (int k = 0; k <= K; ++k) {
                        if (k > 0) m.step();
                        out.push_back({column_space_residual(m.W2(), U), 0.0,
                                       fmt::format("{} t={}", m.name(), k)});
                      }
                    }
                    return out;
                  }}));

  struct RateSpec {
    const char* id;
    const char* statement;
    bool nag, control;
    const char* constant;
  };
  const std::vector<RateSpec> rates = {
      {"gd-rate", "w.p. $\\ge 1 - \\delta$: GD within $C_{gd}\\,k\\log(1/\\epsilon)$ iterations",
       false, false, "C_gd"},
      {"nag-accelerated-rate",
       "w.p. $\\ge 1 - \\delta$: NAG within $C_{nag}\\sqrt k\\log(1/\\epsilon)$ iterations, $k$ "
       "the effective condition "
       "number computed per run",
       true, false, "C_nag"},
      {"control-nag-contraction-too-strong",
       "control: NAG within $0.25\\sqrt k\\log(1/\\epsilon)$ iterations (a per-step contraction $1 "
       "- 4/\\sqrt k$)",
       true, true, "control_C_nag"},
  };
  for (const auto& rs : rates) {
    const bool nag = rs.nag;
    ClaimInfo info{.id = rs.id, .statement = rs.statement, .control = rs.control};
    if (rs.control)
      info.reason = "the per-step contraction is claimed 4 times stronger than 1 - 1/sqrt(k)";
    else
      info.rests_on = {"span-invariance"};
    t.add(factorization::rate_claim(
        std::move(info), rs.constant, "T / (k log(1/eps)) for GD, T / (sqrt(k) log(1/eps)) for NAG",
        [nag](const Trial& t, double C) {
          const double kx = t.point["kappa_x"], L = std::log(1 / t.params["eps"]);
          const double k = net_run(t, kx, nag, 4000 + t.index, 0).k;
          const double scale = (nag ? std::sqrt(k) : k) * L;
          bool budget_capped = false;
          const int cap = factorization::bounded_cap(t, C * scale, &budget_capped);
          return factorization::BoundedRun{net_run(t, kx, nag, 4000 + t.index, cap).T, scale, k,
                                           budget_capped};
        }));
  }

  auto [faster, control_faster] = factorization::nag_speedup_claims(
      {.id = "nag-faster-than-gd",
       .statement = "NAG reaches the target in fewer iterations than GD on the same data and start",
       .rests_on = {"nag-accelerated-rate", "gd-rate"}},
      [](const Trial& t, bool nag, int cap) {
        return net_run(t, t.point["kappa_x"], nag, 3000 + t.index, cap).T;
      });
  t.add(std::move(faster));
  t.add(std::move(control_faster));

  const Grid kx_grid{{2, 6, 18}, {2, 5, 10, 20, 40}};
  auto exponent_claim = [&](ClaimInfo info, ExponentForm form, const char* exponent) {
    return factorization::iteration_exponent_claim(
        std::move(info), kx_grid, form, exponent, "kappa_x",
        "NAG iterations per factor e (tail) / cond(W_2(0))",
        [](const Trial& t, double kx) { return nag_tail_per_cond_w(t, kx); });
  };
  t.add(with_evidence(
      exponent_claim(
          {.id = "nag-kappa-exponent",
           .statement =
               "the fitted exponent in the data condition number $\\kappa_x$ of NAG's iterations "
               "per factor $e$ of accuracy (measured on the tail of the run) divided by "
               "cond$(W_2(0))$ is near 1 (accelerated: $\\sqrt k = $ cond$(W_2(0))\\,\\kappa_x$)",
           .rests_on = {"nag-accelerated-rate"}},
          ExponentForm::near, "nag_exponent"),
      {}, [](ClaimContext&, ClaimResult& r) {
        factorization::add_figure(
            r, factorization::scaling_figure(
                   r, "nag-network-iterations-vs-kappa-x",
                   "NAG on a two-layer linear network: iterations / cond(W_2(0)) against cond(X)",
                   "kappa_x", "iterations per factor e (tail) / cond(W_2(0))"));
      }));
  t.add(exponent_claim(
      {.id = "control-nag-exponent-half",
       .statement = "control: the same fitted exponent is at most 0.5",
       .control = true,
       .reason = "the exponent is claimed smaller than the accelerated sqrt(k) ~ kappa_x"},
      ExponentForm::at_most, "control_nag_exponent"));
  return t;
}

}  // namespace
THMCHECK_REGISTER_THEOREM(make);
}  // namespace thmcheck::theorems
