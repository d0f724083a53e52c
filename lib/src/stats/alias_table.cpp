#include "thmcheck/stats/alias_table.hpp"

#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <stdexcept>

namespace thmcheck {

AliasTable::AliasTable(const std::vector<double>& w) {
  const std::size_t n = w.size();
  if (n == 0) throw std::invalid_argument("alias table: no weights");
  double total = 0;
  for (double x : w) {
    if (!(x >= 0) || !std::isfinite(x)) throw std::invalid_argument("alias table: weights must be finite and >= 0");
    total += x;
  }
  if (!(total > 0)) throw std::invalid_argument("alias table: all weights are zero");
  prob_.assign(n, 0);
  alias_.assign(n, 0);
  p_.resize(n);
  std::vector<double> scaled(n);
  std::vector<std::uint32_t> small, large;
  for (std::size_t i = 0; i < n; ++i) {
    p_[i] = w[i] / total;
    scaled[i] = p_[i] * double(n);
    (scaled[i] < 1 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    auto s = small.back(), l = large.back();
    small.pop_back();
    prob_[s] = scaled[s];
    alias_[s] = l;
    scaled[l] = (scaled[l] + scaled[s]) - 1;
    if (scaled[l] < 1) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // What is left has scaled weight 1 up to round-off.
  for (auto l : large) prob_[l] = 1;
  for (auto s : small) prob_[s] = 1;
}

std::size_t AliasTable::sample(Engine& rng) const {
  boost::random::uniform_int_distribution<std::size_t> col(0, prob_.size() - 1);
  boost::random::uniform_01<double> u;
  std::size_t j = col(rng);
  return u(rng) < prob_[j] ? j : alias_[j];
}

}  // namespace thmcheck
