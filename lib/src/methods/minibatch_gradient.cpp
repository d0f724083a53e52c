#include "thmcheck/methods/minibatch_gradient.hpp"

#include <algorithm>

namespace thmcheck {

namespace {

// Rows are requested kAhead rows before their use: a random row is 13 cache lines the hardware
// prefetcher cannot guess, and keeping several in flight is what turns latency into bandwidth.
constexpr std::size_t kAhead = 8;

inline void prefetch_row(const double* row, Eigen::Index d) {
  const char* p = reinterpret_cast<const char*>(row);
  for (Eigen::Index c = 0; c < d * Eigen::Index(sizeof(double)); c += 64) __builtin_prefetch(p + c);
}

}  // namespace

void minibatch_gradient_sum(const LeastSquares& p, const std::vector<double>& inv_p,
                            std::span<const std::size_t> rows, std::span<const double> mult,
                            const Eigen::VectorXd& xv, Eigen::VectorXd& gv) {
  const Eigen::Index d = p.A.cols();
  gv.setZero(d);
  const double* A = p.A.data();
  const double* b = p.b.data();
  const double* x = xv.data();
  double* g = gv.data();
  const std::size_t B = rows.size();
  const bool counted = !mult.empty();
  auto row = [&](std::size_t j) { return A + Eigen::Index(rows[j]) * d; };
  auto weight = [&](std::size_t j, double r) {
    const double w = r * inv_p[rows[j]];
    return counted ? w * mult[j] : w;
  };
  // Four rows at a time: four residuals with their own accumulators, interleaved. Without -ffast-math a
  // dot product is a chain of d dependent adds (latency-bound, about 4 cycles each); four independent
  // chains hide that latency. Each chain still adds its row's terms in the order c = 0 .. d-1, and the
  // four axpys go into g in row order (per component: g_c += w0 a0_c, then w1 a1_c, ...), so the sums,
  // and the bits, are those of the plain one-row-at-a-time loop.
  std::size_t j = 0;
  for (; j + 4 <= B; j += 4) {
    for (std::size_t k = j + kAhead; k < std::min(j + kAhead + 4, B); ++k) prefetch_row(row(k), d);
    const double *a0 = row(j), *a1 = row(j + 1), *a2 = row(j + 2), *a3 = row(j + 3);
    double r0 = -b[rows[j]], r1 = -b[rows[j + 1]], r2 = -b[rows[j + 2]], r3 = -b[rows[j + 3]];
    for (Eigen::Index c = 0; c < d; ++c) {
      r0 += a0[c] * x[c];
      r1 += a1[c] * x[c];
      r2 += a2[c] * x[c];
      r3 += a3[c] * x[c];
    }
    const double w0 = weight(j, r0), w1 = weight(j + 1, r1), w2 = weight(j + 2, r2), w3 = weight(j + 3, r3);
    for (Eigen::Index c = 0; c < d; ++c) {
      double s = g[c];
      s += w0 * a0[c];
      s += w1 * a1[c];
      s += w2 * a2[c];
      s += w3 * a3[c];
      g[c] = s;
    }
  }
  for (; j < B; ++j) {
    const double* a = row(j);
    double r = -b[rows[j]];
    for (Eigen::Index c = 0; c < d; ++c) r += a[c] * x[c];
    const double w = weight(j, r);
    for (Eigen::Index c = 0; c < d; ++c) g[c] += w * a[c];
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
