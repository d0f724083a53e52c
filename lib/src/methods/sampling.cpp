#include "thmcheck/methods/sampling.hpp"

#include "../core/huge_pages.hpp"
#include "thmcheck/core/errors.hpp"

namespace thmcheck {

Sampling parse_sampling(std::string_view s) {
  if (s == "row-norm") return Sampling::row_norm;
  if (s == "uniform") return Sampling::uniform;
  throw InputError("unknown sampling '" + std::string(s) + "' (expected row-norm or uniform)");
}

std::string to_string(Sampling s) { return s == Sampling::row_norm ? "row-norm" : "uniform"; }

namespace {
std::vector<double> weights(const RowMatrix& A, Sampling s) {
  std::vector<double> w(static_cast<std::size_t>(A.rows()), 1.0);
  if (s == Sampling::row_norm)
    for (Eigen::Index i = 0; i < A.rows(); ++i) w[std::size_t(i)] = A.row(i).squaredNorm();
  return w;
}
std::vector<double> probabilities(const AliasTable& t) {
  std::vector<double> p(t.size());
  for (std::size_t i = 0; i < p.size(); ++i) p[i] = t.probability(i);
  return p;
}
}  // namespace

RowSampler::RowSampler(const RowMatrix& A, Sampling sampling)
    : table(weights(A, sampling)), multinomial(probabilities(table)) {
  inv_p.resize(table.size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    double p = table.probability(i);
    inv_p[i] = p > 0 ? 1.0 / p : 0.0;  // a zero row is never drawn
  }
  // Read at the drawn rows, scattered as the rows are.
  detail::collapse_huge_pages(inv_p.data(), inv_p.size() * sizeof(double));
}

}  // namespace thmcheck
