#include "thmcheck/stats/alias_table.hpp"

#include <algorithm>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "../core/huge_pages.hpp"

namespace thmcheck {

namespace detail {

// The engine's word x as a double, correctly rounded (the sum of its two exactly converted 32-bit
// halves is rounded once): what boost::random::uniform_01 computes before scaling by 2^-64.
double word_to_double(std::uint64_t x) {
  return double(std::uint32_t(x >> 32)) * 4294967296.0 + double(std::uint32_t(x));
}

// The smallest word x whose rounded value is at least P (0 <= P <= 2^64), so that for every word,
// word_to_double(x) < P exactly when x < first_word_at_least(P): rounding is monotone. The rounding
// error is below 2^11 for any word, so the answer lies within 2^12 of trunc(P).
std::uint64_t first_word_at_least(double P) {
  if (!(P > 0)) return 0;
  const std::uint64_t top = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t x0 = P >= 0x1p64 ? top : std::uint64_t(P);
  std::uint64_t lo = x0 > 4096 ? x0 - 4096 : 0, hi = top - x0 > 4096 ? x0 + 4096 : top;
  if (word_to_double(lo) >= P) return lo;  // only at lo = 0 (P tiny)
  if (word_to_double(hi) < P) throw std::logic_error("alias table: threshold above 2^64");
  while (hi - lo > 1) {  // word_to_double(lo) < P <= word_to_double(hi)
    const std::uint64_t mid = lo + (hi - lo) / 2;
    (word_to_double(mid) >= P ? hi : lo) = mid;
  }
  return hi;
}

}  // namespace detail

using detail::first_word_at_least;

AliasTable::AliasTable(const std::vector<double>& w) {
  const std::size_t n = w.size();
  if (n == 0) throw std::invalid_argument("alias table: no weights");
  double total = 0;
  for (double x : w) {
    if (!(x >= 0) || !std::isfinite(x))
      throw std::invalid_argument("alias table: weights must be finite and >= 0");
    total += x;
  }
  if (!(total > 0)) throw std::invalid_argument("alias table: all weights are zero");
  std::vector<double> prob(n, 0);
  std::vector<std::uint32_t> alias(n, 0);
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
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = (scaled[l] + scaled[s]) - 1;
    if (scaled[l] < 1) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // What is left has scaled weight 1 up to round-off.
  for (auto l : large) prob[l] = 1;
  for (auto s : small) prob[s] = 1;
  // uniform_01 gives word_to_double(x) * 2^-64, and c * 2^-64 < prob exactly when c < prob * 2^64
  // (scaling by a power of two is exact): the same coin as a comparison of words.
  columns_.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    columns_[i] = {first_word_at_least(prob[i] * 0x1p64), alias[i]};
  prob_ = std::move(prob);
  // A draw reads one column at a random place: beyond the L2, each is a TLB miss with 4 KB pages.
  detail::collapse_huge_pages(columns_.data(), n * sizeof(Column));
}

std::size_t AliasTable::sample(Engine& rng) const {
  boost::random::uniform_int_distribution<std::size_t> col(0, columns_.size() - 1);
  boost::random::uniform_01<double> u;
  std::size_t j = col(rng);
  return u(rng) < prob_[j] ? j : columns_[j].alias;
}

// The column as boost::random::uniform_int_distribution<std::size_t>(0, m - 1) draws it from a
// full-range 64-bit engine (uniform_int_distribution.hpp, case brange > range): x / bucket for
// x = rng(), drawn again while above m - 1. Boost recomputes bucket, a 64-bit division, per call;
// here it is computed once per bulk draw, and x / bucket is made without a 64-bit division (about
// 15% of a draw's time): with inv = floor(2^64 / bucket), q0 = floor(x inv / 2^64) is x / bucket or
// one less (x inv / 2^64 lies in (x / bucket - 1, x / bucket]), and the remainder says which.
// bucket >= 2 for m >= 2, so inv < 2^64.
struct AliasTable::ColumnOfWord {
  std::uint64_t range, bucket, inv;
  explicit ColumnOfWord(std::size_t m) : range(m - 1) {
    const std::uint64_t brange = std::numeric_limits<std::uint64_t>::max();
    bucket = brange / (range + 1);
    if (brange % (range + 1) == range) ++bucket;
    inv = std::uint64_t((static_cast<unsigned __int128>(1) << 64) / bucket);
  }
  std::uint64_t operator()(std::uint64_t x) const {
    std::uint64_t q = std::uint64_t((static_cast<unsigned __int128>(x) * inv) >> 64);
    q += (x - q * bucket >= bucket);
    return q;
  }
};

namespace {

// A chunk of len draws takes the 2 len words at `words` when no word can be redrawn: a column is
// drawn again when its word is at least bucket (range + 1), and a coin when its word is at least
// coin_limit. Both limits are within 2^32 + 2^10 of 2^64 (for tables of up to 2^32 columns), so a
// word below 2^64 - 2^33 (its top 31 bits not all ones) is never redrawn. This pass checks that
// none has its top 31 bits set (a chunk fails it with probability below 2^-22); its operations are
// SSE2's, so it is vectorized in every build. (~word >> 33) is 0 exactly when the top 31 bits are
// set, and then (~word >> 33) - 1 wraps around to a word with its top bit set, which it has in no
// other case.
bool words_are_draws(const std::uint64_t* words, std::size_t len) {
  std::uint64_t flags = 0;
  for (std::size_t w = 0; w < 2 * len; ++w) flags |= (~words[w] >> 33) - 1;
  return (flags >> 63) == 0;
}

constexpr std::size_t kChunk = 128;

}  // namespace

void AliasTable::look_up(std::size_t* o, const std::uint64_t* coins, std::size_t stride,
                         std::size_t len) const {
  // A loop of few instructions, so that the CPU's window holds many lookups at once (one loop for
  // the columns and the lookups was slower beyond the L2).
  for (std::size_t k = 0; k < len; ++k) {
    const Column& c = columns_[o[k]];
    const std::uint64_t keep = 0 - std::uint64_t(coins[k * stride] < c.below);  // a mask
    o[k] = (o[k] & keep) | (c.alias & ~keep);
  }
}

void AliasTable::sample_chunk(Engine& rng, const ColumnOfWord& column, const std::uint64_t* words,
                              std::size_t len, std::size_t* o) const {
  const bool small_table = column.range < (std::uint64_t(1) << 32);
  if (small_table && words_are_draws(words, len)) {
    // Then draw k is words 2k and 2k + 1, each computed without branches: the columns first, then
    // the lookups.
    for (std::size_t k = 0; k < len; ++k) o[k] = column(words[2 * k]);
    look_up(o, words + 1, 2, len);
    return;
  }
  // One draw at a time, in sample()'s order, the redraws taking the words after the 2 len.
  // uniform_01 redraws a word whose value rounds to 2^64 (the coin would be 1).
  static const std::uint64_t coin_limit = first_word_at_least(0x1p64);
  std::size_t w = 0;
  auto next = [&] { return w < 2 * len ? words[w++] : rng(); };
  for (std::size_t k = 0; k < len; ++k) {
    std::uint64_t j;
    do j = column(next());
    while (j > column.range);
    std::uint64_t c;
    do c = next();
    while (c >= coin_limit);
    o[k] = c < columns_[j].below ? j : columns_[j].alias;
  }
}

void AliasTable::sample(Engine& rng, std::span<std::size_t> out) const {
  // The same numbers as sample(), computed as Boost computes them, minus two costs the profile
  // showed (test_stats checks that the draws equal sample()'s, which calls Boost, on several table
  // sizes):
  // - the column's 64-bit division (ColumnOfWord above);
  // - the coin, as boost::random::uniform_01<double>: double(x) * 2^-64, drawn again while not
  //   below 1, then compared with the column's threshold. Both comparisons are made on the word x
  //   itself, against the first words whose rounded values reach 2^64 and the threshold times 2^64
  //   (first_word_at_least): no conversion to double at all (GCC's conversion of a 64-bit unsigned
  //   branches on its top bit, and the conversion, scaling and comparison were a third of the
  //   draw's time).
  // Chunks of draws take their words from the engine's bulk path at once (words_are_draws).
  static_assert(Engine::min() == 0 && Engine::max() == ~std::uint64_t(0));  // full 64-bit words
  // One column: Boost returns it without drawing (and the bucket would overflow to 0).
  if (columns_.size() == 1) {
    boost::random::uniform_01<double> u;
    for (auto& o : out) {
      o = u(rng) < prob_[0] ? 0 : columns_[0].alias;
    }
    return;
  }
  sample_chunks(rng, ColumnOfWord(columns_.size()), out);
}

void AliasTable::sample_chunks(Engine& rng, const ColumnOfWord& column,
                               std::span<std::size_t> out) const {
  std::uint64_t words[2 * kChunk];
  for (std::size_t s = 0; s < out.size(); s += kChunk) {
    const std::size_t len = std::min(kChunk, out.size() - s);
    rng.fill(std::span(words, 2 * len));
    sample_chunk(rng, column, words, len, out.data() + s);
  }
}

bool AliasTable::begin_sample(Engine& rng, std::span<std::size_t> out,
                              std::span<std::uint64_t> coins) const {
  if (coins.size() < out.size())
    throw std::invalid_argument("alias table: begin_sample needs a coin word per draw");
  if (columns_.size() == 1) {
    sample(rng, out);
    return false;
  }
  const ColumnOfWord column(columns_.size());
  const bool small_table = column.range < (std::uint64_t(1) << 32);
  std::uint64_t words[2 * kChunk];
  for (std::size_t s = 0; s < out.size(); s += kChunk) {
    const std::size_t len = std::min(kChunk, out.size() - s);
    std::size_t* o = out.data() + s;
    rng.fill(std::span(words, 2 * len));
    if (small_table && words_are_draws(words, len)) {
      // The columns and their coin words kept, each column's line requested (into L2, as the
      // minibatch kernels request rows): the lookups are left to finish_sample.
      for (std::size_t k = 0; k < len; ++k) {
        o[k] = column(words[2 * k]);
        coins[s + k] = words[2 * k + 1];
        __builtin_prefetch(&columns_[o[k]], 0, 2);
      }
      continue;
    }
    // A chunk with a word that may be redrawn (rare): the draws so far are finished here, this
    // chunk and the rest as sample() makes them.
    finish_sample(out.first(s), coins);
    sample_chunk(rng, column, words, len, o);
    sample_chunks(rng, column, out.subspan(s + len));
    return false;
  }
  return true;
}

void AliasTable::finish_sample(std::span<std::size_t> out,
                               std::span<const std::uint64_t> coins) const {
  if (coins.size() < out.size())
    throw std::invalid_argument("alias table: finish_sample needs a coin word per draw");
  look_up(out.data(), coins.data(), 1, out.size());
}

}  // namespace thmcheck
