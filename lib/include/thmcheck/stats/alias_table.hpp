// Walker's alias method (Vose's construction): O(n) setup, O(1) per draw of an index with
// probability proportional to its weight. Minibatch methods draw B indices per step from it.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "thmcheck/core/seed.hpp"

namespace thmcheck {

class AliasTable {
 public:
  explicit AliasTable(
      const std::vector<double>& weights);  // throws std::invalid_argument on bad weights
  std::size_t sample(Engine& rng) const;
  // out.size() draws at once: exactly those of as many calls of sample(rng), in order, but faster
  // (the table lookups, random reads, are made independent of each other).
  void sample(Engine& rng, std::span<std::size_t> out) const;
  std::size_t size() const { return columns_.size(); }
  double probability(std::size_t i) const { return p_[i]; }  // normalized weight

 private:
  // A column's threshold and alias side by side: a draw reads one cache line, not two.
  struct Column {
    double prob;  // acceptance threshold
    std::uint64_t alias;
  };
  std::vector<Column> columns_;
  std::vector<double> p_;
};

}  // namespace thmcheck
