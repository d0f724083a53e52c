// Walker's alias method (Vose's construction): O(n) setup, O(1) per draw of an index with
// probability proportional to its weight. Minibatch methods draw B indices per step from it.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "thmcheck/core/seed.hpp"

namespace thmcheck {

namespace detail {
// The correctly rounded double of a 64-bit word, and the smallest word whose rounded value is at
// least P (0 <= P <= 2^64): word_to_double(x) < P exactly when x < first_word_at_least(P). The bulk
// draw compares words with these thresholds instead of converting them (exposed for its tests).
double word_to_double(std::uint64_t x);
std::uint64_t first_word_at_least(double P);
}  // namespace detail

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
  // A column's threshold and alias side by side: a draw reads one cache line, not two. The
  // threshold is on the engine's word (below), so the bulk draw needs no floating point.
  struct Column {
    std::uint64_t below;  // the coin keeps the column iff the engine's word is below this
    std::uint64_t alias;
  };
  std::vector<Column> columns_;
  std::vector<double> prob_;  // the acceptance thresholds as sample(rng) compares them
  std::vector<double> p_;
};

}  // namespace thmcheck
