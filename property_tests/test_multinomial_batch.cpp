// Multinomial batches (methods/multinomial_batch.hpp): the counts drawn by a tree of binomials
// have the law of B i.i.d. draws, exactly; they add up to B, skip rows of probability zero, and a
// minibatch HBM step from them is unbiased for the gradient whatever B is.
#include <boost/math/distributions/chi_squared.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <numeric>
#include <vector>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/methods/multinomial_batch.hpp"

using namespace thmcheck;

namespace {

// The multinomial probability of the count vector c for B = sum c draws from p.
double multinomial_pmf(const std::vector<int>& c, const std::vector<double>& p) {
  double log_pmf = std::lgamma(std::accumulate(c.begin(), c.end(), 0) + 1.0);
  for (std::size_t i = 0; i < c.size(); ++i)
    log_pmf += c[i] * std::log(p[i]) - std::lgamma(c[i] + 1.0);
  return std::exp(log_pmf);
}

// Every count vector of B draws over p.size() rows, with c[i] = 0 wherever p[i] = 0.
void count_vectors(const std::vector<double>& p, int left, std::vector<int>& c,
                   std::vector<std::vector<int>>& out) {
  const std::size_t i = c.size();
  if (i + 1 == p.size()) {
    if (p[i] > 0 || left == 0) {
      c.push_back(left);
      out.push_back(c);
      c.pop_back();
    }
    return;
  }
  for (int k = 0; k <= (p[i] > 0 ? left : 0); ++k) {
    c.push_back(k);
    count_vectors(p, left - k, c, out);
    c.pop_back();
  }
}

}  // namespace

TEST_CASE("multinomial batch: counts add up to B, rows increase, zero rows are never drawn",
          "[quick][methods]") {
  const std::vector<double> p = {0.1, 0.0, 0.25, 0.3, 0.0, 0.35};
  MultinomialBatch m(p);
  Engine rng = make_engine(5);
  std::vector<std::size_t> rows;
  std::vector<double> counts;
  for (std::int64_t B : {std::int64_t(0), std::int64_t(1), std::int64_t(7), std::int64_t(1000),
                         std::int64_t(1) << 40}) {
    INFO("B = " << B);
    for (int rep = 0; rep < 50; ++rep) {
      m.sample(rng, B, rows, counts);
      REQUIRE(rows.size() == counts.size());
      CHECK(std::accumulate(counts.begin(), counts.end(), 0.0) == double(B));
      for (std::size_t j = 0; j < rows.size(); ++j) {
        CHECK(counts[j] >= 1);
        CHECK(p[rows[j]] > 0);
        if (j > 0) CHECK(rows[j] > rows[j - 1]);
      }
    }
  }
  // Deterministic for an engine state.
  Engine a = make_engine(77), b = make_engine(77);
  std::vector<std::size_t> ra, rb;
  std::vector<double> ca, cb;
  m.sample(a, 123456789, ra, ca);
  m.sample(b, 123456789, rb, cb);
  CHECK(ra == rb);
  CHECK(ca == cb);
  CHECK_THROWS_AS(m.sample(a, -1, ra, ca), std::invalid_argument);
  CHECK_THROWS_AS(m.sample(a, std::int64_t(1) << 53, ra, ca), std::invalid_argument);
  CHECK_THROWS_AS(MultinomialBatch(std::vector<double>{0.0, 0.0}), std::invalid_argument);
  CHECK_THROWS_AS(MultinomialBatch(std::vector<double>{0.5, std::nan("")}), std::invalid_argument);
}

TEST_CASE("multinomial batch: the law of B i.i.d. draws (chi-square against the exact pmf)",
          "[quick][methods]") {
  // B = 5 draws over trees of 3, 4 and 5 leaves (odd and even, one with a row of probability zero
  // in the middle): every count vector with its exact multinomial probability. 40000 batches of a
  // fixed seed each; the chi-square statistic over the cells is compared at false-alarm level 1e-6
  // (its 1 - 1e-6 quantile), so a correct sampler fails each check with probability 1e-6.
  const std::vector<std::vector<double>> laws = {
      {0.05, 0.2, 0.3, 0.45}, {0.1, 0.0, 0.6, 0.3}, {0.1, 0.15, 0.2, 0.25, 0.3}};
  const std::vector<int> expected_cells = {56, 21, 126};
  const int B = 5, N = 40000;
  for (std::size_t law = 0; law < laws.size(); ++law) {
    const std::vector<double>& p = laws[law];
    INFO("law " << law);
    MultinomialBatch m(p);
    Engine rng = make_engine(20261201 + law);
    std::map<std::vector<int>, int> seen;
    std::vector<std::size_t> rows;
    std::vector<double> counts;
    for (int rep = 0; rep < N; ++rep) {
      m.sample(rng, B, rows, counts);
      std::vector<int> c(p.size(), 0);
      for (std::size_t j = 0; j < rows.size(); ++j) c[rows[j]] = int(counts[j]);
      ++seen[c];
    }
    std::vector<std::vector<int>> cells;
    std::vector<int> prefix;
    count_vectors(p, B, prefix, cells);
    REQUIRE(int(cells.size()) == expected_cells[law]);
    double chi2 = 0, total_p = 0;
    for (const auto& v : cells) {
      std::vector<int> vc;
      std::vector<double> pc;
      for (std::size_t i = 0; i < p.size(); ++i)
        if (p[i] > 0) {
          vc.push_back(v[i]);
          pc.push_back(p[i]);
        }
      const double pv = multinomial_pmf(vc, pc);
      total_p += pv;
      const double expected = N * pv;
      const double o = seen.count(v) ? seen[v] : 0;
      chi2 += (o - expected) * (o - expected) / expected;
    }
    REQUIRE(std::abs(total_p - 1) < 1e-12);
    // No count vector outside the cells (a count on the zero row) was drawn.
    std::size_t drawn_cells = 0;
    for (const auto& v : cells) drawn_cells += seen.count(v);
    CHECK(drawn_cells == seen.size());
    const double critical =
        boost::math::quantile(boost::math::chi_squared(double(cells.size()) - 1), 1 - 1e-6);
    INFO("chi2 = " << chi2 << " against " << critical);
    CHECK(chi2 < critical);
  }
  // One row of positive probability takes every draw.
  MultinomialBatch single(std::vector<double>{0.0, 1.0, 0.0});
  Engine rng = make_engine(9);
  std::vector<std::size_t> rows;
  std::vector<double> counts;
  single.sample(rng, 12345, rows, counts);
  CHECK(rows == std::vector<std::size_t>{1});
  CHECK(counts == std::vector<double>{12345});
  single.sample(rng, 0, rows, counts);
  CHECK(rows.empty());
  CHECK(counts.empty());
}

TEST_CASE("multinomial batch: at B = 10^12 every count is within 6 standard deviations of B p_i",
          "[quick][methods]") {
  // Binomial marginals c_i ~ Bin(B, p_i) with B p_i >= 10^9: nearly Gaussian, and |z| > 6 has
  // probability about 2e-9 per count, so 20 batches of 50 rows raise a false alarm with probability
  // below 2e-6.
  std::vector<double> p(50);
  for (std::size_t i = 0; i < p.size(); ++i) p[i] = double(i + 1);
  const double total = std::accumulate(p.begin(), p.end(), 0.0);
  for (double& x : p) x /= total;
  const std::int64_t B = 1000000000000;
  MultinomialBatch m(p);
  Engine rng = make_engine(3);
  std::vector<std::size_t> rows;
  std::vector<double> counts;
  double worst = 0;
  for (int rep = 0; rep < 20; ++rep) {
    m.sample(rng, B, rows, counts);
    REQUIRE(rows.size() == p.size());
    for (std::size_t j = 0; j < rows.size(); ++j) {
      const double mean = double(B) * p[rows[j]];
      const double sd = std::sqrt(mean * (1 - p[rows[j]]));
      worst = std::max(worst, std::abs(counts[j] - mean) / sd);
    }
  }
  INFO("largest |z| = " << worst);
  CHECK(worst < 6);
  CHECK(worst > 0.5);  // the counts do vary: not B p_i rounded
}
