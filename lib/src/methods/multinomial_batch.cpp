#include "thmcheck/methods/multinomial_batch.hpp"

#include <algorithm>
#include <boost/random/binomial_distribution.hpp>
#include <cmath>
#include <stdexcept>

namespace thmcheck {

MultinomialBatch::MultinomialBatch(const std::vector<double>& p) {
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!(p[i] >= 0) || !std::isfinite(p[i]))
      throw std::invalid_argument("multinomial batch: probabilities must be finite and >= 0");
    if (p[i] > 0) support_.push_back(i);
  }
  if (support_.empty()) throw std::invalid_argument("multinomial batch: no positive probability");
  // Tail sums from the end: each is a sum of the few smallest terms first, and the last row's
  // conditional probability is p / p = 1 exactly, so the counts always add up to B.
  conditional_.resize(support_.size());
  double tail = 0;
  for (std::size_t j = support_.size(); j-- > 0;) {
    const double pj = p[support_[j]];
    tail += pj;
    conditional_[j] = std::min(1.0, pj / tail);
  }
}

void MultinomialBatch::sample(Engine& rng, std::int64_t B, std::vector<std::size_t>& rows,
                              std::vector<double>& counts) const {
  if (B < 0 || double(B) >= 9007199254740992.0)
    throw std::invalid_argument("multinomial batch: B must be in [0, 2^53)");
  rows.clear();
  counts.clear();
  std::int64_t left = B;
  for (std::size_t j = 0; j < support_.size() && left > 0; ++j) {
    const double q = conditional_[j];
    std::int64_t c = left;
    if (q < 1) c = boost::random::binomial_distribution<std::int64_t, double>(left, q)(rng);
    if (c == 0) continue;
    rows.push_back(support_[j]);
    counts.push_back(double(c));
    left -= c;
  }
}

}  // namespace thmcheck
