#include "thmcheck/stats/alias_table.hpp"

#include <algorithm>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace thmcheck {

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
  columns_.resize(n);
  for (std::size_t i = 0; i < n; ++i) columns_[i] = {prob[i], alias[i]};
}

std::size_t AliasTable::sample(Engine& rng) const {
  boost::random::uniform_int_distribution<std::size_t> col(0, columns_.size() - 1);
  boost::random::uniform_01<double> u;
  std::size_t j = col(rng);
  return u(rng) < columns_[j].prob ? j : columns_[j].alias;
}

void AliasTable::sample(Engine& rng, std::span<std::size_t> out) const {
  // The same numbers as sample(), computed as Boost computes them, minus two costs the profile
  // showed (test_stats checks that the draws equal sample()'s, which calls Boost, on several table
  // sizes):
  // - the column, as boost::random::uniform_int_distribution<std::size_t>(0, m - 1) draws it from a
  //   full-range 64-bit engine (uniform_int_distribution.hpp, case brange > range): x / bucket for
  //   x = rng(), drawn again while above m - 1. Boost recomputes bucket, a 64-bit division, per
  //   call; here it is computed once.
  // - the coin, as boost::random::uniform_01<double>: double(x) * 2^-64, drawn again while not
  // below 1.
  //   GCC converts a 64-bit unsigned with a branch on its top bit, mispredicted half the time; the
  //   sum of its two exactly converted 32-bit halves is the same correctly rounded double, without
  //   a branch.
  static_assert(Engine::word_size == 64);  // a Mersenne twister: min() = 0, max() = 2^64 - 1
  const std::uint64_t brange = std::numeric_limits<std::uint64_t>::max(),
                      range = columns_.size() - 1;
  // One column: Boost returns it without drawing (and the bucket below would overflow to 0).
  if (range == 0) {
    boost::random::uniform_01<double> u;
    for (auto& o : out) {
      o = u(rng) < columns_[0].prob ? 0 : columns_[0].alias;
    }
    return;
  }
  std::uint64_t bucket = brange / (range + 1);
  if (brange % (range + 1) == range) ++bucket;
  // x / bucket without a 64-bit division in the loop (about 15% of a draw's time): with
  // m = floor(2^64 / bucket), q0 = floor(x m / 2^64) is x / bucket or one less (x m / 2^64 lies in
  // (x / bucket - 1, x / bucket]), and the remainder says which. bucket >= 2 here, so m < 2^64.
  const std::uint64_t m = std::uint64_t((static_cast<unsigned __int128>(1) << 64) / bucket);
  auto quotient = [&](std::uint64_t x) {
    std::uint64_t q = std::uint64_t((static_cast<unsigned __int128>(x) * m) >> 64);
    q += (x - q * bucket >= bucket);
    return q;
  };
  const double two32 = 4294967296.0, two_m64 = 0x1p-64;
  auto to_double = [&](std::uint64_t x) {
    return double(std::uint32_t(x >> 32)) * two32 + double(std::uint32_t(x));
  };
  // In chunks: first the engine's numbers (column, then coin, per draw: the order of sample()),
  // then the lookups, which then wait neither on each other nor on a branch on the coin, so the CPU
  // overlaps their cache misses; the choice is a mask, not a branch.
  constexpr std::size_t kChunk = 64;
  double coin[kChunk];
  for (std::size_t s = 0; s < out.size(); s += kChunk) {
    const std::size_t m = std::min(kChunk, out.size() - s);
    std::size_t* o = out.data() + s;
    for (std::size_t k = 0; k < m; ++k) {
      std::uint64_t j;
      do j = quotient(rng());
      while (j > range);
      o[k] = j;
      double c;
      do c = to_double(rng()) * two_m64;
      while (!(c < 1.0));
      coin[k] = c;
    }
    for (std::size_t k = 0; k < m; ++k) {
      const Column& c = columns_[o[k]];
      const std::size_t keep = -std::size_t(coin[k] < c.prob);  // all ones or zero
      o[k] = (o[k] & keep) | (c.alias & ~keep);
    }
  }
}

}  // namespace thmcheck
