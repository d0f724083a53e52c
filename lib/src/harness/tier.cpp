#include "thmcheck/harness/tier.hpp"

#include "thmcheck/core/errors.hpp"

namespace thmcheck {

std::string to_string(Tier t) { return t == Tier::quick ? "quick" : "full"; }

Tier parse_tier(std::string_view s) {
  if (s == "quick") return Tier::quick;
  if (s == "full") return Tier::full;
  throw InputError("unknown tier '" + std::string(s) + "' (expected quick or full)");
}

}  // namespace thmcheck
