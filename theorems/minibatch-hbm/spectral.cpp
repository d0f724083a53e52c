// Claim 1 of minibatch-hbm-acceleration: the spectral lemmas on the momentum matrix T
// (docs/theory/minibatch-hbm.md, "The momentum matrix"). Exact identities, checked to round-off.
#include <Eigen/Eigenvalues>

#include "hbm.hpp"
#include "thmcheck/harness/kinds/inequality.hpp"
#include "thmcheck/spectral/momentum_basis.hpp"
#include "thmcheck/spectral/momentum_product.hpp"

namespace thmcheck::theorems::minibatch_hbm {
namespace {

std::vector<Inequality> identities(const Trial& t) {
  auto s = setup(t);
  const auto& p = s->hb;
  const double tol = t.params["roundoff"] * kEps;
  // (1 -+ sqrt(beta))^2 / alpha: the subtraction 1 - sqrt(beta) loses about sqrt(L/l) units of eps.
  const double amp = std::sqrt(p.L / p.l);
  return {{std::abs((1 - p.sqrt_beta) * (1 - p.sqrt_beta) / p.alpha - p.l), 0,
           "(1 - sqrt(beta))^2/alpha = l", tol * amp * p.l},
          {std::abs((1 + p.sqrt_beta) * (1 + p.sqrt_beta) / p.alpha - p.L), 0,
           "(1 + sqrt(beta))^2/alpha = L", tol * amp * p.L}};
}

std::vector<Inequality> root_moduli(const Trial& t) {
  auto s = setup(t);
  const auto& p = s->hb;
  std::vector<Inequality> out;
  const int grid = int(t.params["lambda_grid"]);
  auto check = [&](double lambda, const std::string& where) {
    Eigen::ComplexEigenSolver<Eigen::Matrix2d> es(momentum_block(p, lambda), false);
    for (int j = 0; j < 2; ++j)
      out.push_back({std::abs(std::abs(es.eigenvalues()(j)) - p.sqrt_beta), 0, where,
                     t.params["roundoff"] * kEps * p.kappa_C});
  };
  for (Eigen::Index i = 0; i < p.d; ++i)
    check(s->problem->eigenvalues(i), fmt::format("lambda_{}", i));
  for (int g = 0; g <= grid; ++g) {
    const double lambda = p.lambda_min + (p.lambda_max - p.lambda_min) * g / grid;
    check(lambda, fmt::format("lambda={:.6g}", lambda));
  }
  return out;
}

std::vector<Inequality> spectral_radius(const Trial& t) {
  auto s = setup(t);
  const auto& p = s->hb;
  const auto& P = *s->problem;
  std::vector<Inequality> out;
  // From the blocks: max_i max |root| over the instance's eigenvalues.
  double rho_blocks = 0;
  for (Eigen::Index i = 0; i < p.d; ++i) {
    Eigen::ComplexEigenSolver<Eigen::Matrix2d> es(momentum_block(p, P.eigenvalues(i)), false);
    rho_blocks = std::max(rho_blocks, es.eigenvalues().cwiseAbs().maxCoeff());
  }
  const double tol = t.params["roundoff"] * kEps * p.kappa_C;
  out.push_back({std::abs(rho_blocks - p.sqrt_beta), 0, "rho from the 2x2 blocks", tol});
  // From a dense eigen-solve of the 2d x 2d T with H = A^T A formed from the instance:
  // near-defective end blocks make each eigenvalue about kappa_C times as sensitive as the data.
  Eigen::MatrixXd H = P.A.transpose() * P.A;
  Eigen::EigenSolver<Eigen::MatrixXd> es(momentum_matrix_dense(H, p.alpha, p.beta), false);
  const double rho_dense = es.eigenvalues().cwiseAbs().maxCoeff();
  out.push_back(
      {std::abs(rho_dense - p.sqrt_beta), 0, "rho from the dense eigen-solve of T",
       t.params["roundoff"] * kEps * p.kappa_C * (1 + p.alpha * p.lambda_max + p.beta) * p.d});
  return out;
}

std::vector<Inequality> power_bound(const Trial& t) {
  auto s = setup(t);
  const auto& p = s->hb;
  std::vector<Inequality> out;
  for (int k = 1; k <= s->horizon; ++k)
    out.push_back({momentum_power_norm(p, s->problem->eigenvalues, k),
                   p.kappa_C * std::pow(p.beta, k / 2.0), fmt::format("k={}", k), 0});
  return out;
}

std::vector<Inequality> kappa_c_closed_form(const Trial& t) {
  auto s = setup(t);
  const auto& p = s->hb;
  std::vector<Inequality> out;
  const double tol = t.params["kappa_C_tol"] * p.kappa_C * p.kappa_C * kEps;
  double numeric_max = 0;
  for (Eigen::Index i = 0; i < p.d; ++i) {
    const double lambda = s->problem->eigenvalues(i);
    const double closed = block_eigenvector_condition(p, lambda);
    const double numeric = block_eigenvector_condition_numeric(p, lambda);
    numeric_max = std::max(numeric_max, numeric);
    out.push_back({std::abs(closed - numeric), 0, fmt::format("block {}", i), tol * closed});
  }
  out.push_back(
      {std::abs(p.kappa_C - numeric_max), 0, "kappa_C = max_i cond(U_i)", tol * p.kappa_C});
  return out;
}

double largest_singular_value(const Eigen::MatrixXd& M) {
  return Eigen::JacobiSVD<Eigen::MatrixXd>(M).singularValues()(0);
}

// Matrix-free norms against dense ones: T^k by Lanczos vs blocks vs dense powers; a random product
// Z_k by Lanczos vs the dense product; the similar product W^{-1} Z_k W likewise.
std::vector<Inequality> matrix_free_norms(const Trial& t) {
  auto s = setup(t);
  const auto& p = s->hb;
  const auto& Pr = *s->problem;
  const double tol = t.params["product_tol"];
  std::vector<Inequality> out;
  Eigen::MatrixXd H = Pr.A.transpose() * Pr.A;
  const Eigen::MatrixXd T = momentum_matrix_dense(H, p.alpha, p.beta);
  for (int k : {1, s->horizon / 4, s->horizon / 2, s->horizon}) {
    if (k < 1) continue;
    const double lz = lanczos_norm(momentum_power(H, std::size_t(k), p.alpha, p.beta)).norm;
    const double blocks = momentum_power_norm(p, Pr.eigenvalues, k);
    Eigen::MatrixXd Tk = Eigen::MatrixXd::Identity(T.rows(), T.cols());
    for (int j = 0; j < k; ++j) Tk = T * Tk;
    const double dense = largest_singular_value(Tk);
    out.push_back(
        {std::abs(lz - dense), 0, fmt::format("||T^{}||: Lanczos vs dense", k), tol * dense});
    out.push_back(
        {std::abs(blocks - dense), 0, fmt::format("||T^{}||: blocks vs dense", k), tol * dense});
    out.push_back(
        {std::pow(p.beta, k / 2.0), lz, fmt::format("beta^(k/2) <= ||T^{}||", k), tol * lz});
  }
  // A random product at B = ceil(0.1 B*) (its norm is far from ||T^k||, which makes the check
  // sharper).
  const int k = std::max(1, s->horizon / 2);
  auto hs = std::make_shared<std::vector<SampledHessian>>();
  for (int j = 0; j < k; ++j) hs->push_back(sample_hessian(*s->sampler, s->batch(0.1), t.rng));
  auto Z = minibatch_momentum_product(Pr, hs, p.alpha, p.beta);
  Eigen::MatrixXd Zd = Eigen::MatrixXd::Identity(2 * p.d, 2 * p.d);
  for (const auto& h : *hs) Zd = momentum_matrix_dense(h.dense(Pr.A), p.alpha, p.beta) * Zd;
  const double zl = lanczos_norm(Z).norm, zd = largest_singular_value(Zd);
  out.push_back({std::abs(zl - zd), 0, fmt::format("||Z_{}||: Lanczos vs dense", k), tol * zd});
  MomentumBasis W(p, Pr.eigenvalues, Pr.eigenvectors);
  Eigen::MatrixXd Wd = W.dense();
  Eigen::MatrixXd Zt = Wd.inverse() * Zd * Wd;
  const double tl = lanczos_norm(W.similar(Z)).norm, td = largest_singular_value(Zt);
  out.push_back({std::abs(tl - td), 0, fmt::format("||W^-1 Z_{} W||: Lanczos vs dense", k),
                 tol * td * p.kappa_C});
  // The basis does what it claims: ||W^{-1} T W|| = sqrt(beta) and cond(W) = kappa_C.
  const double nt = largest_singular_value(Wd.inverse() * T * Wd);
  out.push_back({std::abs(nt - p.sqrt_beta), 0, "||W^-1 T W|| = sqrt(beta)", tol * p.kappa_C});
  auto sv = Eigen::JacobiSVD<Eigen::MatrixXd>(Wd).singularValues();
  out.push_back(
      {std::abs(sv(0) / sv(sv.size() - 1) - p.kappa_C), 0, "cond(W) = kappa_C", tol * p.kappa_C});
  return out;
}

}  // namespace

void add_spectral_claims(Theorem& t) {
  t.add(inequality(
      {.id = "parameter-identities",
       .statement =
           "$(1 - \\sqrt\\beta)^2/\\alpha = l$ and $(1 + \\sqrt\\beta)^2/\\alpha = L$ (exact)"},
      {.instances = {20, 100}, .rel_tol = 0.0, .shrink = false, .measure = identities}));
  t.add(inequality(
      {.id = "root-moduli",
       .statement =
           "for every $\\lambda \\in [\\lambda_{\\min}, \\lambda_{\\max}]$ both roots of $z^2 - "
           "(1 + \\beta - \\alpha\\lambda) z + \\beta$ have modulus $\\sqrt\\beta$ (exact)",
       .rests_on = {"parameter-identities"}},
      {.instances = {10, 50}, .rel_tol = 0.0, .shrink = false, .measure = root_moduli}));
  t.add(inequality(
      {.id = "spectral-radius",
       .statement = "$\\rho(T) = \\sqrt\\beta$, from the $2\\times2$ blocks and from a "
                    "dense eigen-solve of $T$",
       .rests_on = {"root-moduli"}},
      {.instances = {10, 50}, .rel_tol = 0.0, .shrink = false, .measure = spectral_radius}));
  t.add(inequality(
      {.id = "kappa-c-closed-form",
       .statement =
           "the stable closed form of $\\mathrm{cond}(U_i)$ equals the condition number of the "
           "numerically computed eigenvectors of each block, and $\\kappa_C = \\max_i "
           "\\mathrm{cond}(U_i)$ (to $10\\kappa_C^2\\epsilon$)",
       .rests_on = {"root-moduli"}},
      {.instances = {10, 50}, .rel_tol = 0.0, .shrink = false, .measure = kappa_c_closed_form}));
  t.add(
      inequality({.id = "power-bound",
                  .statement = "$\\|T^k\\| \\le \\kappa_C \\beta^{k/2}$ for $k$ up to the horizon "
                               "($\\|T^k\\| = \\max_i \\|T_i^k\\|$ exactly)",
                  .rests_on = {"kappa-c-closed-form", "spectral-radius"}},
                 {.instances = {10, 50}, .rel_tol = 1e-10, .measure = power_bound}));
  t.add(inequality(
      {.id = "matrix-free-norms",
       .statement =
           "matrix-free norms (Lanczos on $Z^\\top Z$ through Spectra) of $T^k$, of $Z_k = Y_k "
           "\\cdots Y_1$ and of $W^{-1} Z_k W$ agree with dense products; $\\beta^{k/2} \\le "
           "\\|T^k\\|$ (Gelfand)",
       .rests_on = {"power-bound"}},
      {.instances = {6, 30}, .rel_tol = 0.0, .shrink = false, .measure = matrix_free_norms}));
}

}  // namespace thmcheck::theorems::minibatch_hbm
