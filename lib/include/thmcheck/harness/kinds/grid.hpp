// A grid of a swept parameter (kappa, d, a batch size as a multiple of B*), per tier.
#pragma once

#include <vector>

#include "thmcheck/harness/tier.hpp"

namespace thmcheck {

struct Grid {
  std::vector<double> quick;
  std::vector<double> full;
  const std::vector<double>& at(Tier t) const { return t == Tier::quick ? quick : full; }
};

}  // namespace thmcheck
