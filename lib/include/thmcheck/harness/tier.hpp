// Tiers: the quick tier runs in CI on every change; the full tier runs the large sweeps.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace thmcheck {

enum class Tier { quick, full };

std::string to_string(Tier t);
Tier parse_tier(std::string_view s);  // throws InputError naming the value

// A count (instances, trials, grid points) that differs between the tiers.
struct Budget {
  std::size_t quick = 0;
  std::size_t full = 0;
  std::size_t at(Tier t) const { return t == Tier::quick ? quick : full; }
};

}  // namespace thmcheck
