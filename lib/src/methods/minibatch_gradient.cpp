#include "thmcheck/methods/minibatch_gradient.hpp"

#include <algorithm>

#include "row_kernels.hpp"

namespace thmcheck {

namespace {
// Rows are requested this many rows before their use (by the residual kernel, spread over its
// loop). bench_kernels (BM_GradientDrawOrder) found 8 to 32 rows alike for d = 100.
constexpr std::size_t kAhead = 16;
}  // namespace

void minibatch_gradient_sum(const LeastSquares& p, const std::vector<double>& inv_p,
                            std::span<const std::size_t> rows, std::span<const double> mult,
                            const Eigen::VectorXd& xv, Eigen::VectorXd& gv,
                            std::span<const std::size_t> ahead_rows) {
  using detail::kRowBlock;
  const Eigen::Index d = p.A.cols();
  gv.setZero(d);
  const double* A = p.A.data();
  const double* b = p.b.data();
  const double* x = xv.data();
  double* g = gv.data();
  const std::size_t B = rows.size();
  const bool counted = !mult.empty();
  auto row = [&](std::size_t j) { return A + Eigen::Index(rows[j]) * d; };
  // Row i at position k of the list continued by the rows ahead, null past both. Its b_i and 1/p_i
  // are requested here (into L2, as the kernel requests the row itself): drawn rows are scattered,
  // and beyond the caches each of the three is a miss of its own.
  auto upcoming = [&](std::size_t k) -> const double* {
    std::size_t i;
    if (k < B)
      i = rows[k];
    else if (k - B < ahead_rows.size())
      i = ahead_rows[k - B];
    else
      return nullptr;
    __builtin_prefetch(b + i, 0, 2);
    __builtin_prefetch(inv_p.data() + i, 0, 2);
    return A + Eigen::Index(i) * d;
  };
  auto weight = [&](std::size_t j, double r) {
    const double w = r * inv_p[rows[j]];
    return counted ? w * mult[j] : w;
  };
  // Eight rows at a time (row_kernels.hpp): their residuals as eight chains over c = 0 .. d-1, then
  // their axpys into g in row order, so the sums, and the bits, are those of the plain one-row
  // loop.
  std::size_t j = 0;
  for (; j + kRowBlock <= B; j += kRowBlock) {
    const double *a[kRowBlock], *ahead[kRowBlock];
    double r[kRowBlock], w[kRowBlock];
    for (int q = 0; q < kRowBlock; ++q) {
      a[q] = row(j + q);
      r[q] = -b[rows[j + q]];
      ahead[q] = upcoming(j + kAhead + q);
    }
    detail::residuals8(a, x, d, r, ahead);
    for (int q = 0; q < kRowBlock; ++q) w[q] = weight(j + q, r[q]);
    detail::axpy8(g, a, w, d);
  }
  for (; j < B; ++j) {
    if (const double* next = upcoming(j + kAhead)) detail::prefetch_row(next, d);
    const double* a = row(j);
    double r = -b[rows[j]];
    for (Eigen::Index c = 0; c < d; ++c) r += a[c] * x[c];
    detail::axpy(g, a, weight(j, r), d);
  }
}

void sorted_draws(std::span<const std::size_t> draws, std::vector<std::uint32_t>& counts,
                  std::vector<std::size_t>& rows, std::vector<double>& multiplicities) {
  rows.clear();
  multiplicities.clear();
  for (std::size_t i : draws) ++counts[i];
  // One pass over the counts, in index order: n reads of 4 bytes, sequential.
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (counts[i] != 0) {
      rows.push_back(i);
      multiplicities.push_back(double(counts[i]));
      counts[i] = 0;
    }
}

}  // namespace thmcheck
