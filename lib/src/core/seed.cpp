#include "thmcheck/core/seed.hpp"

namespace thmcheck {

std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t hash_name(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return mix64(h);
}

std::uint64_t derive_seed(std::uint64_t suite_seed, std::string_view theorem,
                          std::string_view claim, std::uint64_t instance, std::uint64_t trial) {
  // Chained mixing: each component changes every bit of the result.
  std::uint64_t h = mix64(suite_seed);
  h = mix64(h ^ hash_name(theorem));
  h = mix64(h ^ hash_name(claim));
  h = mix64(h ^ mix64(instance + 0x51ed270b27e1ULL));
  h = mix64(h ^ mix64(trial + 0x2545f4914f6cdd1dULL));
  return h;
}

Engine make_engine(std::uint64_t seed) { return Engine(seed); }

}  // namespace thmcheck
