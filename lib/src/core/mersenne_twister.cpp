#include "thmcheck/core/mersenne_twister.hpp"

#include <algorithm>

// The twist and the bulk tempering are integer loops that GCC vectorizes: two words a vector in
// the portable (SSE2) copy, four in the AVX2 one, picked at run time; about 0.53 ns a word in all.
// Integer operations give the same words in every copy. (Eight-word vectors, with an AVX-512 copy,
// were slower: GCC spilled them through the stack.)
#define THMCHECK_TWISTER_CLONES __attribute__((target_clones("avx2", "default")))

namespace thmcheck {

namespace {

constexpr std::size_t n = MersenneTwister64::state_size, m = MersenneTwister64::shift_size;
constexpr std::uint64_t kMatrix = 0xB5026F5AA96619E9ULL;
constexpr std::uint64_t kUpper = 0xFFFFFFFF80000000ULL, kLower = 0x7FFFFFFFULL;  // r = 31

// x_{k+n} = x_{k+m} ^ ((upper(x_k) | lower(x_{k+1})) A), where multiplying by A is a shift right
// and, when the low bit is set, an exclusive or with kMatrix.
inline std::uint64_t recur(std::uint64_t xk, std::uint64_t xk1, std::uint64_t xkm) {
  const std::uint64_t y = (xk & kUpper) | (xk1 & kLower);
  return xkm ^ (y >> 1) ^ ((0 - (y & 1)) & kMatrix);
}

THMCHECK_TWISTER_CLONES void twist_state(std::uint64_t* x) {
  // In place, in three stretches so that no index wraps: each word reads its successor before
  // that is rewritten, and, past n - m, words already rewritten m - n places back.
  for (std::size_t k = 0; k < n - m; ++k) x[k] = recur(x[k], x[k + 1], x[k + m]);
  for (std::size_t k = n - m; k < n - 1; ++k) x[k] = recur(x[k], x[k + 1], x[k + m - n]);
  x[n - 1] = recur(x[n - 1], x[0], x[m - 1]);
}

THMCHECK_TWISTER_CLONES void temper_words(const std::uint64_t* x, std::uint64_t* out,
                                          std::size_t count) {
  for (std::size_t k = 0; k < count; ++k) out[k] = MersenneTwister64::temper(x[k]);
}

}  // namespace

void MersenneTwister64::seed(result_type value) {
  state_[0] = value;
  for (std::size_t k = 1; k < n; ++k)
    state_[k] = 6364136223846793005ULL * (state_[k - 1] ^ (state_[k - 1] >> 62)) + k;
  next_ = n;
}

void MersenneTwister64::twist() {
  twist_state(state_);
  next_ = 0;
}

void MersenneTwister64::fill(std::span<result_type> out) {
  std::size_t done = 0;
  while (done < out.size()) {
    if (next_ == n) twist();
    const std::size_t c = std::min(out.size() - done, n - next_);
    temper_words(state_ + next_, out.data() + done, c);
    next_ += c;
    done += c;
  }
}

void MersenneTwister64::discard(unsigned long long z) {
  while (z > 0) {
    if (next_ == n) twist();
    const auto c = std::min<unsigned long long>(z, n - next_);
    next_ += c;
    z -= c;
  }
}

bool operator==(const MersenneTwister64& a, const MersenneTwister64& b) {
  // The next n words are the window of the recurrence that determines all later ones (and the
  // tempering is a bijection), so comparing them decides equality whatever the two indices are.
  MersenneTwister64 x = a, y = b;
  for (std::size_t k = 0; k < n; ++k)
    if (x() != y()) return false;
  return true;
}

}  // namespace thmcheck
