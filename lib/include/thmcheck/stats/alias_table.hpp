// Walker's alias method (Vose's construction): O(n) setup, O(1) per draw of an index with
// probability proportional to its weight. Minibatch methods draw B indices per step from it.
#pragma once

#include <cstdint>
#include <vector>

#include "thmcheck/harness/seed.hpp"

namespace thmcheck {

class AliasTable {
 public:
  explicit AliasTable(const std::vector<double>& weights);  // throws std::invalid_argument on bad weights
  std::size_t sample(Engine& rng) const;
  std::size_t size() const { return prob_.size(); }
  double probability(std::size_t i) const { return p_[i]; }  // normalized weight

 private:
  std::vector<double> prob_;       // acceptance threshold of each column
  std::vector<std::uint32_t> alias_;
  std::vector<double> p_;
};

}  // namespace thmcheck
