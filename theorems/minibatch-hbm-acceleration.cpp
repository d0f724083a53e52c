// Minibatch heavy-ball momentum keeps the accelerated rate of heavy ball once the batch exceeds the
// critical size B* (Bollapragada, Chen, Ward, IMA J. Numer. Anal. 2024;
// docs/theory/minibatch-hbm.md). Claims 1-7 of "What thmcheck encodes" there: the spectral lemmas,
// the deterministic rates and their sqrt(kappa) versus kappa exponents, the theorem as proved at
// B*(K), the main claim at the experiments' B* (a stronger reading), its
// necessity, its sharpness (B_emp against B*), the products of momentum matrices against ||T^k||
// and the product-concentration bound, and the reproductions (the seed's Figure 1, the
// B-dependence, sparse-rows and inconsistent experiments), with falsified controls. The
// measurements live in minibatch-hbm/, one file per group of claims.
#include "minibatch-hbm/hbm.hpp"
#include "thmcheck/harness/registry.hpp"

namespace thmcheck::theorems::minibatch_hbm {
namespace {

Theorem make() {
  Theorem t;
  t.id = kId;
  t.title = "Minibatch heavy-ball momentum is accelerated above the critical batch size B*";
  t.source = {"R. Bollapragada, T. Chen, R. Ward",
              "On the fast convergence of minibatch heavy ball momentum",
              "IMA Journal of Numerical Analysis 45(3)",
              2024,
              "main theorem (critical batch size)",
              "arXiv:2206.07553"};
  // As proved: the batch B*(k) and the bound in expectation. The form was read from the authors'
  // code (getB, mode 'true') and an account of the theorem; docs/theory/minibatch-hbm.md, "The
  // theorem as proved", says what could not be read and where the claims differ.
  t.statement =
      "For $f(x) = \\frac12\\|Ax - b\\|^2$ with $b = Ax^*$, $H = A^\\top A$, widen the spectrum "
      "by $\\gamma = \\lambda_{\\min}/c$: $l = \\lambda_{\\min} - \\gamma$, $L = "
      "\\lambda_{\\max} + \\gamma$, $\\alpha = 4/(\\sqrt L + \\sqrt l)^2$, $\\beta = ((\\sqrt L "
      "- \\sqrt l)/(\\sqrt L + \\sqrt l))^2$. Minibatch heavy ball with row-norm sampling and "
      "batch $B \\ge B^*(k) = \\lfloor 16e\\,\\mathrm{tr}(H)\\log(2d)\\,\\alpha^2\\kappa_C^2 "
      "k/(\\beta\\log k)\\cdot\\max\\{\\lambda_{\\max}, \\sqrt{2\\beta\\log k}/(\\alpha\\kappa_C"
      "\\sqrt k)\\}\\rfloor$ satisfies $E\\|x_k - x^*\\| \\le C_{hbm} \\sqrt2\\, \\kappa_C "
      "\\beta^{k/2} \\|x_0 - x^*\\|$: the accelerated rate $\\sqrt\\beta \\approx 1 - "
      "2/\\sqrt\\kappa$ of deterministic heavy ball, which is lost for small batches. The paper's "
      "experiments run at the far smaller $B^* = \\lfloor 16 e\\, \\mathrm{tr}(H) \\lambda_{\\max} "
      "\\log(2d) \\alpha^2 / (\\beta \\log(1/\\beta)) \\rfloor$.";
  t.reading =
      "Three batch sizes. At $B^*(K)$, the batch the theorem is proved for ($10^9$ to $10^{11}$ "
      "draws on these instances), `main-claim-as-proved-in-mean` (the paper's bound in "
      "expectation, decided exactly by the second-moment recursion) and `main-claim-as-proved` "
      "(with probability $1 - \\delta$, for every $k$ at once) test the theorem as proved: a "
      "violation there would contradict the published theorem. At $B^*$, the batch of the paper's "
      "experiments ($10^4$ to $10^6$ times smaller), `main-claim`, `main-rate` and "
      "`critical-batch` "
      "test a stronger reading: their violations are findings against that heuristic, not against "
      "the theorem. $B_{emp}$, measured by `critical-batch`, and $B_{ms}(\\tau)$, the exact "
      "mean-square critical batch, say how large the batch must be in fact.";
  // Most of it is the runs at B = ceil(B*) (a few thousand rows per step), shared by the claims
  // through the run's cache, and the B-dependence reproduction.
  t.quick_budget_seconds = 30;
  spectrum_variables(t.hypotheses,
                     {.d = {4, 6, 16},
                      .kappa = {5, 20, 60},
                      .n_over_d = {2, 4, 8},
                      .n_over_d_doc = "rows per column, n = ceil(n_over_d d); B may exceed n"});
  auto& P = t.parameters;
  P.add("c", 1000,
        "widening factor of the spectrum, gamma = lambda_min / c (the paper's experiments: 1000)",
        1.0001, 1e12)
      .add("C_hbm", 2,
           "constant of the main claim ||e_k|| <= C_hbm sqrt(2) kappa_C beta^{k/2} ||e_0||", 0, 1e6)
      .add("delta", 0.1, "allowed failure probability of the main claim", 0, 1)
      .add("floor", 1e-12,
           "round-off floor: bounds below it are not compared (machine precision is near 1e-14)", 0,
           1)
      .add("tau", 0.05, "slack of the measured rate: at most (1 + tau) sqrt(beta)", 0, 10)
      .add("margin", 0.1,
           "necessity: the rate at small batches is worse than (1 + margin) sqrt(beta)", 0, 10)
      .add("far_below", 0.01,
           "necessity and a control: the batch far below B*, as a fraction of B*", 0, 1)
      .add_integer("max_horizon", 400, "cap on the horizon K = k(floor) of every run", 4, 100000)
      .add_integer("rate_horizon", 3000,
                   "cap on the horizon of the rate runs on the homogeneous instance (to 1e-250)", 4,
                   1000000)
      .add("roundoff", 100,
           "round-off allowance of the exact identities, in units of machine epsilon", 0, 1e9)
      .add("kappa_C_tol", 10,
           "closed-form kappa_C vs eigenvectors: tolerance in units of kappa_C^2 eps", 0, 1e9)
      .add_integer("lambda_grid", 200,
                   "grid points across [lambda_min, lambda_max] for the root moduli", 1, 1000000)
      .add("product_tol", 1e-8, "relative agreement of matrix-free (Lanczos) and dense norms", 0, 1)
      .add("eps", 1e-6, "accuracy of the iteration counts of the kappa sweep", 0, 1)
      .add_integer("max_iterations", 1000000, "iteration budget of the kappa sweep", 1, 100000000)
      .add("exponent_tol", 0.1, "tolerance of the fitted exponents 1/2 (HBM) and 1 (GD)", 0, 10)
      .add("product_quantile", 0.5,
           "quantile of ||Z_k|| compared with the product bound (Markov: q-quantile <= E/(1-q))", 0,
           1)
      .add("figure1_alpha", 4e-4, "step size of every panel of the seed's Figure 1", 0, 1)
      .add_integer("figure1_iterates", 35, "iterates per trajectory of Figure 1", 1, 100000)
      .add("faster_factor", 0.9, "control: the rate claimed this many times sqrt(beta)", 0, 10)
      .add("C_hbm_control", 0.01, "control: the main claim with C_hbm this small", 0, 1e6)
      // Chosen after seeing data (quick seeds 11-66, full seeds 11-33 and the committed reports):
      // sampled starts reached at most 0.31 (quick) and 0.446 (full) of hbm-deterministic-bound,
      // the worst-case search 0.42 (quick, kappa = 20) and 0.478 (full, kappa = 60). The tiers'
      // kappa ranges differ, hence two factors, each between the two numbers of its tier.
      // Re-checked under fresh seeds; docs/verdicts.md.
      .add("deterministic_constant_factor", ByTier{0.37, 0.46},
           "control: hbm-deterministic-bound's constant times this", 0, 1)
      .add_integer("repro_d", ByTier{6, 100},
                   "B-dependence experiment: d (the paper's in the full tier)", 2, 1000)
      .add("repro_kappa", ByTier{6, 6}, "B-dependence experiment: kappa (the paper's smallest)", 1,
           1e6)
      .add_integer("repro_n", ByTier{2000, 1000000},
                   "B-dependence experiment: rows n (full tier: the paper's, A is 800 MB)", 2,
                   100000000)
      .add_integer("sparse_d", ByTier{10, 40}, "sparse-rows experiment: d", 2, 1000)
      .add_integer("sparse_n", ByTier{2000, 40000}, "sparse-rows experiment: rows n", 2, 100000000)
      .add_integer("incons_d", ByTier{10, 40}, "inconsistent experiment: d", 2, 1000)
      .add_integer("incons_n", ByTier{2000, 40000}, "inconsistent experiment: rows n", 2, 100000000)
      .add("incons_kappa", 50, "inconsistent experiment: kappa (the paper's)", 1, 1e6)
      .add("incons_noise", 1e-5, "inconsistent experiment: b = A x_opt + noise r / ||r||", 0, 1)
      // Chosen after seeing data (quick tier, seed 7): at K = 20 the truncated mean at B = B*/10
      // fell to 0.50-0.73 of the exact value at k = 20 on all four instances (the squared error
      // has mass beyond 10 times its mean there, though rho(L_B) < 0.56), while k = 5 and 10
      // agreed within 1-4%; 20 was the first choice. Then at K = 10, a quick sweep (seed 129191127)
      // left it inconclusive: at B*/10, k = 10 the truncated mean was 0.82-0.86 of the exact value
      // on two slow-algebraic instances (the tail beyond 10 times the mean again), while k = 5 was
      // within 1% everywhere. Hence K = 6: a horizon over which the truncation costs nothing.
      .add_integer(
          "mean_square_horizon", 6,
          "cross-check: steps compared with the exact mean square (checkpoints K/4, K/2, K)", 1,
          100000)
      // The control's horizon stays at the first choice, 20 (with K = 6 the control of the time,
      // the batch doubled, was caught under 1 of 5 quick seeds: over 6 steps the exact values at
      // B and 2B differ by less than tol). The noise-free control reads the same 20 steps.
      .add_integer("mean_square_control_horizon", 20,
                   "control of the cross-check: its horizon (checkpoints K/4, K/2, K)", 1, 100000)
      .add("mean_square_cap", 10,
           "cross-check: ||e_k||^2 / exact is truncated here (a lower confidence end stays valid)",
           1, 1e6)
      // The full tier runs the two dimensions, 20 and 100, on alternate instances:
      // B_ms(tau) comes from the reduced pencil (0.7 s at d = 100, where the full pencil would have
      // 20100 unknowns), and B_emp's runs at d = 100 cost about 1.3 s of CPU per (instance, kappa)
      // in the quick tier's grid. The quick tier stays at d = 8 alone, for the sweep's time.
      .add_integer("theories_d", ByTier{8, 20},
                   "critical-batch theories: d of the instances (the point's recipe and n_over_d)",
                   2, 1000)
      .add_integer("theories_d_second", ByTier{0, 100},
                   "critical-batch theories: d of every other instance (by its seed); 0 for none",
                   0, 1000)
      .add_integer("theories_runs", ByTier{40, 100},
                   "critical-batch theories: runs per batch when B_emp is bisected", 1, 1000000)
      .add("mean_square_tol", 0.25,
           "cross-check: relative tolerance of the Monte Carlo mean against the exact value", 0, 1);

  // The order of the claims is the order of their results.
  add_spectral_claims(t);          // claim 1: spectral lemmas
  add_deterministic_claims(t);     // claim 2: deterministic rates and their kappa exponents
  add_as_proved_claims(t);         // the theorem as proved, at B = ceil(B*(K))
  add_main_claim(t);               // claim 3: the main claim at B = ceil(B*)
  add_rate_claims(t);              //   its rate, sqrt(beta) up to tau
  add_main_controls(t);            //   its controls
  add_necessity(t);                // claim 4: far below B* the rate is lost
  add_critical_batch(t);           // claim 5: sharpness, B_emp against B*
  add_critical_batch_theories(t);  //   B_emp against every theory's prediction, over kappa
  add_product_concentration(t);    // claim 6: products of momentum matrices
  add_reproductions(t);            // claim 7: the B-dependence experiment, the seed's Figure 1
  add_paper_experiments(t);        //   sparse rows, inconsistent system
  add_mean_square_claims(t);       // the exact mean square: a cross-check of the engine
  return t;
}

}  // namespace
THMCHECK_REGISTER_THEOREM(make);
}  // namespace thmcheck::theorems::minibatch_hbm
