#include "thmcheck/methods/multinomial_batch.hpp"

#include <algorithm>
#include <boost/random/binomial_distribution.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace thmcheck {

namespace {

// The engine's words, 63 bits at a time, as a signed type. Boost's uniform_01 converts each word to
// a double; from an unsigned 64-bit word that conversion is, on x86-64 below AVX-512, a branch on
// the top bit that the processor mispredicts half the time, and it cost about a fifth of a
// binomial (measured: 300 -> 250 us for 10^4 of them). From a signed word it is one instruction.
// The uniforms are then multiples of 2^-63 instead of 2^-64: the same law to within 2^-63.
struct Bits63 {
  using result_type = std::int64_t;
  Engine& engine;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<std::int64_t>::max(); }
  result_type operator()() { return std::int64_t(engine() >> 1); }
};

}  // namespace

MultinomialBatch::MultinomialBatch(const std::vector<double>& p) {
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!(p[i] >= 0) || !std::isfinite(p[i]))
      throw std::invalid_argument("multinomial batch: probabilities must be finite and >= 0");
    if (p[i] > 0) support_.push_back(i);
  }
  if (support_.empty()) throw std::invalid_argument("multinomial batch: no positive probability");
  // Node weights of the implicit tree: leaves m..2m-1 are the support rows, node v < m is the sum
  // of its children 2v and 2v+1. Each internal node keeps the share of its left child.
  const std::size_t m = support_.size();
  std::vector<double> weight(2 * m);
  for (std::size_t j = 0; j < m; ++j) weight[m + j] = p[support_[j]];
  for (std::size_t v = m; v-- > 1;) weight[v] = weight[2 * v] + weight[2 * v + 1];
  left_share_.assign(m, 0.0);
  for (std::size_t v = 1; v < m; ++v) left_share_[v] = std::min(1.0, weight[2 * v] / weight[v]);
}

void MultinomialBatch::sample(Engine& rng, std::int64_t B, std::vector<std::size_t>& rows,
                              std::vector<double>& counts) const {
  if (B < 0 || double(B) >= 9007199254740992.0)
    throw std::invalid_argument("multinomial batch: B must be in [0, 2^53)");
  const std::size_t m = support_.size();
  rows.clear();
  // counts holds the node counts of the tree while it is split (exact: they are integers below
  // 2^53), then the leaves' nonzero counts are packed to its front: leaf j sits at m + j >= the
  // slot it is packed into, so the packing never overwrites a leaf it has yet to read.
  counts.resize(2 * m);  // every node below is written before it is read
  counts[1 % (2 * m)] = double(B);
  Bits63 bits{rng};  // with one row, node 1 is that row's leaf
  for (std::size_t v = 1; v < m; ++v) {
    const auto N = std::int64_t(counts[v]);
    const double q = left_share_[v];
    std::int64_t c = 0;
    if (N > 0)
      c = q < 1 ? boost::random::binomial_distribution<std::int64_t, double>(N, q)(bits) : N;
    counts[2 * v] = double(c);
    counts[2 * v + 1] = double(N - c);
  }
  std::size_t k = 0;
  for (std::size_t j = 0; j < m; ++j) {
    const double c = counts[m + j];
    if (c == 0) continue;
    rows.push_back(support_[j]);
    counts[k++] = c;
  }
  counts.resize(k);
}

}  // namespace thmcheck
