// Inside the library only: points of the hypotheses as RapidCheck shrinkables, so that a failing
// instance can be shrunk toward the smallest one that still fails. Theorem files never see
// RapidCheck; they get points (Hypotheses::sample, ClaimContext::instance).
#pragma once

#include <rapidcheck.h>

#include <cstdint>

#include "thmcheck/harness/hypotheses.hpp"

namespace thmcheck {

class ClaimContext;

// The upper end of a variable's range in a tier.
double upper_end(const Variable& v, Tier t);

// Real variables live on a grid of 10^6 steps, so that RapidCheck's integer generators and
// shrinkers (toward the low end) serve every scale. Each variable draws from its own split of the
// random source; the seed of the random parts is drawn last and never shrunk.
rc::Gen<Point> point_generator(const Hypotheses& h, Tier tier);
rc::Shrinkable<Point> draw_shrinkable(const Hypotheses& h, std::uint64_t seed, Tier tier);

// Instance i of a claim: a pinned example (not shrunk further) or the i-th sampled point.
rc::Shrinkable<Point> instance_shrinkable(const ClaimContext& ctx, std::size_t i);

}  // namespace thmcheck
