// The 64-bit Mersenne twister, mt19937_64: the project's random engine.
//
// Its outputs are those of boost::random::mt19937_64 (and of std::mt19937_64: the C++ standard
// specifies the engine to the bit), for every seed, word for word; test_mersenne_twister.cpp
// checks this against Boost's engine, and Boost.Random's distributions draw from it unchanged.
// Boost's engine is replaced for speed only. Its per-word call keeps the state index in memory, so
// a loop that calls it pays a store and a reload for every word, and its twist is a scalar loop:
// about 1.7 ns a word on the development machine, which was more than half the cost of an alias
// draw (two words). `fill` gives many words at once, twisted and tempered in loops that the
// compiler vectorizes (integer operations: every CPU gives the same words).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace thmcheck {

class MersenneTwister64 {
 public:
  using result_type = std::uint64_t;
  static constexpr std::size_t word_size = 64;
  static constexpr std::size_t state_size = 312;  // n
  static constexpr std::size_t shift_size = 156;  // m
  static constexpr result_type default_seed = 5489u;

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type(0); }

  MersenneTwister64() : MersenneTwister64(default_seed) {}
  explicit MersenneTwister64(result_type value) { seed(value); }
  // The standard's seeding of the state from one word (Boost's and the C++ library's alike).
  void seed(result_type value);

  result_type operator()() {
    if (next_ == state_size) twist();
    return temper(state_[next_++]);
  }
  // out.size() words: exactly those of as many calls of operator(), faster.
  void fill(std::span<result_type> out);
  void discard(unsigned long long z);

  // Two engines are equal when they will give the same words from now on.
  friend bool operator==(const MersenneTwister64& a, const MersenneTwister64& b);

  static result_type temper(result_type z) {
    z ^= (z >> 29) & 0x5555555555555555ULL;
    z ^= (z << 17) & 0x71D67FFFEDA60000ULL;
    z ^= (z << 37) & 0xFFF7EEE000000000ULL;
    return z ^ (z >> 43);
  }

 private:
  void twist();  // the next state_size words of the recurrence, in place

  result_type state_[state_size];
  std::size_t next_ = state_size;  // the index of the next word to temper; state_size: twist first
};

}  // namespace thmcheck
