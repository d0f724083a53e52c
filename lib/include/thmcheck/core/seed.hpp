// Seeding: every trial draws from its own engine, seeded by a fixed hash of
// (suite seed, theorem, claim, instance, trial). Results therefore do not depend on the
// thread count, the shard, or the order in which trials run.
#pragma once

#include <cstdint>
#include <string_view>

#include "thmcheck/core/mersenne_twister.hpp"

namespace thmcheck {

// mt19937_64 and Boost.Random's distributions are specified to the bit, unlike std::'s
// distributions, so draws are identical across compilers and standard libraries. The engine is the
// project's own copy of mt19937_64 (mersenne_twister.hpp), with Boost's words and a faster bulk
// path.
using Engine = MersenneTwister64;

// The splitmix64 finalizer: a bijective mixer with full avalanche.
std::uint64_t mix64(std::uint64_t x);

// FNV-1a over the bytes, then mixed: a stable hash of a name (std::hash is not stable).
std::uint64_t hash_name(std::string_view s);

std::uint64_t derive_seed(std::uint64_t suite_seed, std::string_view theorem,
                          std::string_view claim, std::uint64_t instance, std::uint64_t trial);

Engine make_engine(std::uint64_t seed);

}  // namespace thmcheck
