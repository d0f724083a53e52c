// The project's engine (core/mersenne_twister.hpp) must give Boost's mt19937_64 words, one at a
// time and in bulk, so that every stream of the project is the one Boost's engine gave.
#include <boost/random/binomial_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "thmcheck/core/seed.hpp"

using namespace thmcheck;

namespace {
const std::vector<std::uint64_t> kSeeds = {0,
                                           1,
                                           5489,
                                           std::uint64_t(1) << 63,
                                           ~std::uint64_t(0),
                                           derive_seed(7, "theorem", "claim", 3, 11)};
}

TEST_CASE("twister: each word is Boost's mt19937_64's, for any seed", "[quick][stats]") {
  for (std::uint64_t s : kSeeds) {
    INFO("seed " << s);
    boost::random::mt19937_64 ref(s);
    Engine e(s);
    std::size_t mismatches = 0;
    for (int k = 0; k < 100000; ++k) mismatches += e() != ref();  // about 320 twists
    CHECK(mismatches == 0);
  }
  Engine d;  // default seed 5489, as Boost's and the standard's
  boost::random::mt19937_64 dref;
  CHECK(d() == dref());
}

TEST_CASE("twister: words in bulk are the words one at a time, from any position",
          "[quick][stats]") {
  // Chunk lengths across the state's 312 words, mixed with single words, so that a chunk starts
  // and ends anywhere in the state, and spans zero, one or several twists.
  const std::vector<std::size_t> lengths = {1, 7, 155, 311, 312, 313, 1000, 0, 624, 2};
  for (std::uint64_t s : kSeeds) {
    INFO("seed " << s);
    boost::random::mt19937_64 ref(s);
    Engine e(s);
    std::size_t mismatches = 0;
    for (int round = 0; round < 20; ++round) {
      for (std::size_t len : lengths) {
        std::vector<std::uint64_t> words(len);
        e.fill(words);
        for (std::uint64_t w : words) mismatches += w != ref();
        mismatches += e() != ref();
      }
    }
    CHECK(mismatches == 0);
  }
}

TEST_CASE("twister: discard, equality, and Boost's distributions on it", "[quick][stats]") {
  for (unsigned long long z : {0ull, 1ull, 311ull, 312ull, 313ull, 9999ull}) {
    INFO("discard " << z);
    Engine a(42), b(42);
    a.discard(z);
    for (unsigned long long k = 0; k < z; ++k) b();
    CHECK(a == b);
    CHECK(a() == b());
  }
  Engine a(9), b(9);
  CHECK(a == b);
  b();
  CHECK_FALSE(a == b);
  a();
  CHECK(a == b);
  // The distributions draw from the engine through operator() only, so they give Boost's values.
  boost::random::mt19937_64 ref(123);
  Engine e(123);
  boost::random::normal_distribution<double> normal;
  boost::random::uniform_int_distribution<std::size_t> column(0, 99999);
  boost::random::binomial_distribution<std::int64_t, double> binomial(1000000, 0.3);
  std::size_t mismatches = 0;
  for (int k = 0; k < 20000; ++k) {
    mismatches += normal(e) != normal(ref);
    mismatches += column(e) != column(ref);
    mismatches += binomial(e) != binomial(ref);
  }
  CHECK(mismatches == 0);
}
