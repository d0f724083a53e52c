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
  // sample(rng, out) in two halves, for callers with other work to do while the table's lines
  // arrive from memory (a table beyond the caches costs a miss per draw). begin_sample takes from
  // the engine exactly the words sample(rng, out) takes, leaves each draw's column in out and its
  // coin word in coins, and requests the columns' lines; finish_sample(out, coins) then makes the
  // draws, sample's draws. begin_sample returns false when it made the draws itself (a word in the
  // rare range that is drawn again, or a one-column table): then finish_sample must not be called.
  // coins needs out.size() entries.
  bool begin_sample(Engine& rng, std::span<std::size_t> out, std::span<std::uint64_t> coins) const;
  void finish_sample(std::span<std::size_t> out, std::span<const std::uint64_t> coins) const;
  std::size_t size() const { return columns_.size(); }
  double probability(std::size_t i) const { return p_[i]; }  // normalized weight

 private:
  // A column's threshold and alias side by side: a draw reads one cache line, not two. The
  // threshold is on the engine's word (below), so the bulk draw needs no floating point.
  struct Column {
    std::uint64_t below;  // the coin keeps the column iff the engine's word is below this
    std::uint64_t alias;
  };
  // out[k] = the draw of column out[k] with coin word coins[k * stride], k < len.
  void look_up(std::size_t* out, const std::uint64_t* coins, std::size_t stride,
               std::size_t len) const;
  // Boost's column of an engine word, without a division per word (alias_table.cpp).
  struct ColumnOfWord;
  // One chunk of sample(rng, out): len draws from the 2 len words at `words` (and from rng when
  // one is drawn again).
  void sample_chunk(Engine& rng, const ColumnOfWord& column, const std::uint64_t* words,
                    std::size_t len, std::size_t* out) const;
  // sample(rng, out) for a table of two or more columns: chunk after chunk.
  void sample_chunks(Engine& rng, const ColumnOfWord& column, std::span<std::size_t> out) const;
  std::vector<Column> columns_;
  std::vector<double> prob_;  // the acceptance thresholds as sample(rng) compares them
  std::vector<double> p_;
};

}  // namespace thmcheck
