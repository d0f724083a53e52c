// Unit tests of lib/stats against published and hand-computed values: Clopper-Pearson (the tables
// of Clopper and Pearson 1934 / any binomial CI table), Hoeffding and empirical-Bernstein widths
// (by hand from their formulas), order-statistic ranks (exact binomial sums, computed here
// independently of Boost), the alias table's distribution, and the seeding.
#include <boost/random/uniform_01.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <vector>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/stats/alias_table.hpp"
#include "thmcheck/stats/clopper_pearson.hpp"
#include "thmcheck/stats/mean_bounds.hpp"
#include "thmcheck/stats/order_statistics.hpp"

using namespace thmcheck;
using Catch::Detail::Approx;

namespace {

// P(Binomial(n, q) <= k), summed exactly in long double from log-gamma: an independent reference.
long double binom_cdf(std::size_t n, double q, long k) {
  if (k < 0) return 0;
  long double s = 0;
  for (long i = 0; i <= k && i <= long(n); ++i) {
    long double lg = std::lgamma((long double)n + 1) - std::lgamma((long double)i + 1) -
                     std::lgamma((long double)(n - i) + 1);
    s += std::exp(lg + i * std::log((long double)q) +
                  (long double)(n - i) * std::log1p(-(long double)q));
  }
  return s;
}

}  // namespace

TEST_CASE("Clopper-Pearson matches published two-sided 95% intervals", "[quick][stats]") {
  struct Row {
    std::uint64_t x, n;
    double lo, hi;
  };
  // Exact binomial 95% intervals (e.g. Table A of Newcombe 1998; x=0, n=10 gives the 0.3085 of the
  // "rule of three" tables).
  const Row rows[] = {{0, 10, 0.0, 0.3085},  {1, 10, 0.0025, 0.4450}, {5, 10, 0.1871, 0.8129},
                      {10, 10, 0.6915, 1.0}, {3, 20, 0.0321, 0.3789}, {2, 100, 0.0024, 0.0704}};
  for (const auto& r : rows) {
    auto ci = stats::clopper_pearson(r.x, r.n, 0.05);
    INFO("x=" << r.x << " n=" << r.n);
    CHECK(ci.lo == Approx(r.lo).margin(5e-5));
    CHECK(ci.hi == Approx(r.hi).margin(5e-5));
  }
}

TEST_CASE("Clopper-Pearson one-sided bounds", "[quick][stats]") {
  // x = 0: the upper bound solves (1 - p)^n = alpha.
  for (std::uint64_t n : {1, 10, 100, 3000})
    CHECK(stats::clopper_pearson_upper(0, n, 0.05) ==
          Approx(1 - std::pow(0.05, 1.0 / double(n))).epsilon(1e-10));
  CHECK(stats::clopper_pearson_upper(0, 100, 0.05) == Approx(0.029513).margin(1e-6));
  // x = n: the lower bound solves p^n = alpha.
  CHECK(stats::clopper_pearson_lower(20, 20, 0.01) ==
        Approx(std::pow(0.01, 1.0 / 20)).epsilon(1e-10));
  // The defining property: at the bound the binomial tail equals alpha.
  const std::uint64_t x = 7, n = 40;
  const double up = stats::clopper_pearson_upper(x, n, 0.01),
               lo = stats::clopper_pearson_lower(x, n, 0.01);
  CHECK(double(binom_cdf(n, up, long(x))) == Approx(0.01).epsilon(1e-6));
  CHECK(double(1 - binom_cdf(n, lo, long(x) - 1)) == Approx(0.01).epsilon(1e-6));
  // Degenerate cases and bad input.
  CHECK(stats::clopper_pearson_lower(0, 10, 0.05) == 0);
  CHECK(stats::clopper_pearson_upper(10, 10, 0.05) == 1);
  CHECK(stats::clopper_pearson_upper(0, 0, 0.05) == 1);
  CHECK_THROWS(stats::clopper_pearson_upper(11, 10, 0.05));
}

TEST_CASE("Hoeffding and empirical-Bernstein widths match their formulas", "[quick][stats]") {
  std::vector<double> x;
  for (int i = 0; i < 100; ++i) x.push_back(i % 2);  // mean 1/2, sample variance 25/99
  auto h = stats::hoeffding(x, 0, 1, 0.05);
  CHECK(h.mean == Approx(0.5));
  // (b - a) sqrt(ln(2/alpha) / (2n)) = sqrt(ln 40 / 200)
  CHECK(h.interval.hi - h.mean == Approx(0.13581015).epsilon(1e-7));
  CHECK(h.mean - h.interval.lo == Approx(0.13581015).epsilon(1e-7));
  // Maurer-Pontil: sqrt(2 V ln(4/alpha) / n) + 7 ln(4/alpha) / (3 (n - 1)), V = 25/99, ln 80.
  auto e = stats::empirical_bernstein(x, 0, 1, 0.05);
  CHECK(e.interval.hi - e.mean == Approx(0.25204651).epsilon(1e-7));
  // Scale equivariance: X in [a, b] behaves like (X - a)/(b - a) in [0, 1].
  std::vector<double> y;
  for (double v : x) y.push_back(3 + 4 * v);
  auto e2 = stats::empirical_bernstein(y, 3, 7, 0.05);
  CHECK(e2.interval.hi == Approx(3 + 4 * e.interval.hi));
  // Small variance: empirical Bernstein beats Hoeffding; the intersection is never wider than
  // either.
  std::vector<double> z(2000, 0.5);
  z[0] = 0.51;
  auto hz = stats::hoeffding(z, 0, 1, 0.01), ez = stats::empirical_bernstein(z, 0, 1, 0.01);
  auto bz = stats::bounded_mean(z, 0, 1, 0.01);
  CHECK(ez.interval.hi < hz.interval.hi);
  CHECK(bz.interval.hi <= std::max(hz.interval.hi, ez.interval.hi));
  CHECK(bz.interval.lo <= bz.mean);
  CHECK(bz.interval.hi >= bz.mean);
  CHECK_THROWS(stats::hoeffding({2.0}, 0, 1, 0.05));  // outside the stated range
}

TEST_CASE("Hoeffding and empirical-Bernstein bounds cover the mean (calibration)",
          "[quick][stats]") {
  // Bernoulli(0.3) means of 50 draws, 2000 repetitions: each one-sided end may miss at most alpha/2
  // = 5% of the time; the observed miss rate's Clopper-Pearson lower bound (level 1e-6) must not
  // exceed it.
  Engine rng = make_engine(12345);
  boost::random::uniform_01<double> u;
  std::size_t miss_h = 0, miss_e = 0, reps = 2000;
  for (std::size_t r = 0; r < reps; ++r) {
    std::vector<double> x(50);
    for (double& v : x) v = u(rng) < 0.3 ? 1 : 0;
    miss_h += stats::hoeffding(x, 0, 1, 0.1).interval.hi < 0.3;
    miss_e += stats::empirical_bernstein(x, 0, 1, 0.1).interval.hi < 0.3;
  }
  CHECK(stats::clopper_pearson_lower(miss_h, reps, 1e-6) <= 0.05);
  CHECK(stats::clopper_pearson_lower(miss_e, reps, 1e-6) <= 0.05);
}

TEST_CASE("order-statistic ranks: hand-computed cases", "[quick][stats]") {
  // n = 10, median, 5%: P(Bin(10, 1/2) >= 9) = 11/1024 <= 0.05 < P(>= 8) = 56/1024.
  CHECK(stats::quantile_upper_rank(10, 0.5, 0.05) == std::optional<std::size_t>(9));
  CHECK(stats::quantile_lower_rank(10, 0.5, 0.05) == std::optional<std::size_t>(2));
  // n = 5: the extremes are bounds at 1/32 <= 0.05; n = 4 is too small (1/16 > 0.05).
  CHECK(stats::quantile_upper_rank(5, 0.5, 0.05) == std::optional<std::size_t>(5));
  CHECK(stats::quantile_lower_rank(5, 0.5, 0.05) == std::optional<std::size_t>(1));
  CHECK_FALSE(stats::quantile_upper_rank(4, 0.5, 0.05).has_value());
  CHECK_FALSE(stats::quantile_lower_rank(4, 0.5, 0.05).has_value());
  // 0.9-quantile, n = 50: the smallest j with P(Bin(50, 0.9) >= j) <= 0.05 is 49.
  CHECK(stats::quantile_upper_rank(50, 0.9, 0.05) == std::optional<std::size_t>(49));
  // quantile_bounds returns those order statistics of the sorted sample (1-based ranks).
  std::vector<double> x{9, 1, 8, 2, 7, 3, 6, 4, 5, 10};
  auto b = stats::quantile_bounds(x, 0.5, 0.05);
  CHECK(b.lower == 2);
  CHECK(b.upper == 9);
  CHECK(b.estimate == Approx(5.5));
  CHECK(stats::sample_quantile({1, 2, 3, 4}, 0.25) == Approx(1.75));  // type 7, as NumPy
}

TEST_CASE("order-statistic ranks agree with exact binomial sums", "[quick][stats]") {
  for (double q : {0.05, 0.1, 0.5, 0.9, 0.99})
    for (double alpha : {0.001, 0.01, 0.05})
      for (std::size_t n = 1; n <= 160; n += (n < 20 ? 1 : 7)) {
        // Reference by a linear scan over exact tails.
        std::optional<std::size_t> up_ref, lo_ref;
        for (std::size_t j = 1; j <= n && !up_ref; ++j)
          if (1 - binom_cdf(n, q, long(j) - 1) <= alpha * (1 + 1e-10)) up_ref = j;
        for (std::size_t i = 1; i <= n; ++i)
          if (binom_cdf(n, q, long(i) - 1) <= alpha * (1 + 1e-10)) lo_ref = i;
        INFO("n=" << n << " q=" << q << " alpha=" << alpha);
        CHECK(stats::quantile_upper_rank(n, q, alpha) == up_ref);
        CHECK(stats::quantile_lower_rank(n, q, alpha) == lo_ref);
      }
}

TEST_CASE("order-statistic bounds cover the quantile (calibration)", "[quick][stats]") {
  // Uniform(0,1) samples of 40, the median is 0.5; each one-sided bound may miss it at most
  // alpha = 5% of the time.
  Engine rng = make_engine(777);
  boost::random::uniform_01<double> u;
  std::size_t miss_up = 0, miss_lo = 0, reps = 3000;
  for (std::size_t r = 0; r < reps; ++r) {
    std::vector<double> x(40);
    for (double& v : x) v = u(rng);
    auto b = stats::quantile_bounds(x, 0.5, 0.05);
    miss_up += b.upper < 0.5;
    miss_lo += b.lower > 0.5;
  }
  CHECK(stats::clopper_pearson_lower(miss_up, reps, 1e-6) <= 0.05);
  CHECK(stats::clopper_pearson_lower(miss_lo, reps, 1e-6) <= 0.05);
  // And not absurdly conservative: the bounds do miss sometimes (power is not thrown away).
  CHECK(miss_up > 0);
}

namespace {
// A table of `size` columns with weights 1 to 17 in turn: uneven, so that most columns have an
// alias.
AliasTable uneven_table(std::size_t size) {
  std::vector<double> w(size);
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = 1.0 + double(i % 17);
  return AliasTable(w);
}
}  // namespace

TEST_CASE("alias table draws with the stated probabilities", "[quick][stats]") {
  const std::vector<double> w{1, 2, 0, 3, 4};
  AliasTable t(w);
  REQUIRE(t.size() == 5);
  CHECK(t.probability(3) == Approx(0.3));
  Engine rng = make_engine(2024);
  const std::size_t draws = 200000;
  std::vector<std::size_t> count(5, 0);
  for (std::size_t k = 0; k < draws; ++k) ++count[t.sample(rng)];
  CHECK(count[2] == 0);  // a zero weight is never drawn
  // Each cell's Clopper-Pearson interval (level 1e-6, Bonferroni over 5 cells) contains its p.
  double chi2 = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    auto ci = stats::clopper_pearson(count[i], draws, 1e-6 / 5);
    INFO("cell " << i << " count " << count[i]);
    CHECK(ci.lo <= t.probability(i));
    CHECK(ci.hi >= t.probability(i));
    if (t.probability(i) > 0) {
      double e = t.probability(i) * double(draws);
      chi2 += (double(count[i]) - e) * (double(count[i]) - e) / e;
    }
  }
  // Chi-square with 3 degrees of freedom: 0.999 quantile 16.27.
  CHECK(chi2 < 16.27);
  CHECK_THROWS(AliasTable({}));
  CHECK_THROWS(AliasTable({0, 0}));
  CHECK_THROWS(AliasTable({1, -1}));
}

TEST_CASE("alias table: drawing many at once gives the draws of one-at-a-time, in order",
          "[quick][stats]") {
  // Table sizes: one column (no column is drawn), small, a power of two, one near the kernels' n,
  // and one just above a power of two (the column's quotient without a division must be exact
  // for every word); lengths around the chunk of 64.
  for (std::size_t size : {std::size_t(1), std::size_t(3), std::size_t(1024), std::size_t(100003),
                           std::size_t(65537)}) {
    const AliasTable t = uneven_table(size);
    for (std::size_t m : {0, 1, 63, 64, 65, 200000}) {
      INFO("size = " << size << ", m = " << m);
      Engine one = make_engine(77 + size), bulk = make_engine(77 + size);
      std::vector<std::size_t> a(m), b(m);
      for (auto& i : a) i = t.sample(one);
      t.sample(bulk, b);
      CHECK(a == b);
      CHECK(one() == bulk());  // the engines are left in the same state
    }
  }
}

TEST_CASE("alias table: begin_sample then finish_sample gives sample's draws, in order",
          "[quick][stats]") {
  for (std::size_t size :
       {std::size_t(1), std::size_t(3), std::size_t(1024), std::size_t(100003)}) {
    const AliasTable t = uneven_table(size);
    for (std::size_t m : {0, 1, 27, 128, 129, 5000}) {
      INFO("size = " << size << ", m = " << m);
      Engine whole = make_engine(91 + size), halves = make_engine(91 + size);
      std::vector<std::size_t> a(m), b(m);
      std::vector<std::uint64_t> coins(m);
      t.sample(whole, a);
      const bool pending = t.begin_sample(halves, b, coins);
      CHECK(pending == (size > 1));  // no word of these streams is drawn again
      CHECK(whole() == halves());    // begin_sample took all the words
      if (pending) t.finish_sample(b, coins);
      CHECK(a == b);
    }
  }
  std::vector<std::size_t> out(4);
  std::vector<std::uint64_t> few(3);
  Engine e = make_engine(1);
  CHECK_THROWS_AS(AliasTable({1, 2}).begin_sample(e, out, few), std::invalid_argument);
  CHECK_THROWS_AS(AliasTable({1, 2}).finish_sample(out, few), std::invalid_argument);
}

TEST_CASE("alias table: a word that may be drawn again makes begin_sample finish the draws",
          "[quick][stats]") {
  // Word 18,528,756 of make_engine(2)'s stream has its top 31 bits set, so a column or coin drawn
  // from it may be drawn again (found by scanning the stream; checked here). Placed as word 263 of
  // a bulk draw: in its second chunk of 128 draws, after a chunk that begin_sample defers.
  const unsigned long long at = 18528756, offset = 263;
  Engine peek = make_engine(2);
  peek.discard(at);
  REQUIRE((~peek() >> 33) == 0);
  // The check is on the words, not on whether this table would draw one again: any table takes it.
  for (std::size_t size : {std::size_t(3), std::size_t(100003)}) {
    const AliasTable t = uneven_table(size);
    Engine one = make_engine(2), halves = make_engine(2);
    one.discard(at - offset);
    halves.discard(at - offset);
    std::vector<std::size_t> a(1000), b(1000);
    std::vector<std::uint64_t> coins(1000);
    for (auto& i : a) i = t.sample(one);
    CHECK_FALSE(t.begin_sample(halves, b, coins));  // finished: finish_sample is not called
    CHECK(a == b);
    CHECK(one() == halves());
  }
}

// The bulk draw's coin compares engine words with thresholds instead of rounding them to doubles:
// the two comparisons must agree on every word, which draws cannot show (a word near a threshold
// comes once in about 2^53 draws), so the words on both sides of each threshold are checked.
TEST_CASE("alias table: a word is below its threshold exactly when its double is below P",
          "[quick][stats]") {
  using detail::first_word_at_least;
  using detail::word_to_double;
  std::vector<double> Ps = {0x1p64, 0x1p64 - 2048, 0x1p63, 0x1p63 + 1024,     0x1p53, 0x1p53 + 2,
                            1,      0.5,           1e-300, 4503599627370497.0};
  Engine rng = make_engine(91);
  std::uniform_real_distribution<double> u(0, 1);
  for (int i = 0; i < 2000; ++i) Ps.push_back(u(rng) * 0x1p64);
  for (int i = 0; i < 200; ++i) Ps.push_back(std::ldexp(u(rng), -int(i % 60)) * 0x1p64);
  for (double P : Ps) {
    const std::uint64_t T = first_word_at_least(P);
    INFO("P = " << P << ", T = " << T);
    for (std::int64_t off : {-3, -2, -1, 0, 1, 2}) {
      if ((off < 0 && T < std::uint64_t(-off)) ||
          (off > 0 && T > std::numeric_limits<std::uint64_t>::max() - std::uint64_t(off)))
        continue;
      const std::uint64_t x = T + std::uint64_t(off);
      CHECK((word_to_double(x) < P) == (x < T));
    }
  }
  // The coin's own rejection: words that round to 2^64 start at 2^64 - 2^10 (ties to even).
  CHECK(first_word_at_least(0x1p64) == std::numeric_limits<std::uint64_t>::max() - 1023);
}

TEST_CASE("seeds: stable, and every component matters", "[quick][stats]") {
  CHECK(derive_seed(1, "t", "c", 0, 0) == derive_seed(1, "t", "c", 0, 0));
  std::set<std::uint64_t> seen;
  for (std::uint64_t s : {1, 2})
    for (const char* th : {"a", "b"})
      for (const char* cl : {"x", "y"})
        for (std::uint64_t i : {0, 1})
          for (std::uint64_t t : {0, 1}) seen.insert(derive_seed(s, th, cl, i, t));
  CHECK(seen.size() == 32);
  // mt19937_64 is specified to the bit: the 10000th output of the default seed (5489) is
  // 9981545732273789042 (C++ standard, [rand.predef]).
  Engine e(5489u);
  e.discard(9999);
  CHECK(e() == 9981545732273789042ULL);
}
