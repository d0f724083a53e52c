#include "thmcheck/harness/verdict.hpp"

#include <array>
#include <stdexcept>

#include "thmcheck/core/errors.hpp"

namespace thmcheck {

namespace {
constexpr std::array<const char*, 7> kKinds = {"inequality",  "probability", "expectation",
                                               "bound-curve", "scaling",     "threshold",
                                               "comparison"};
constexpr std::array<const char*, 5> kVerdicts = {"holds", "violated", "inconclusive", "skipped",
                                                  "error"};
}  // namespace

std::string to_string(ClaimKind k) { return kKinds.at(static_cast<std::size_t>(k)); }
std::string to_string(Verdict v) { return kVerdicts.at(static_cast<std::size_t>(v)); }

ClaimKind parse_claim_kind(std::string_view s) {
  for (std::size_t i = 0; i < kKinds.size(); ++i)
    if (s == kKinds[i]) return static_cast<ClaimKind>(i);
  throw InputError("unknown claim kind '" + std::string(s) + "'");
}

Verdict parse_verdict(std::string_view s) {
  for (std::size_t i = 0; i < kVerdicts.size(); ++i)
    if (s == kVerdicts[i]) return static_cast<Verdict>(i);
  throw InputError("unknown verdict '" + std::string(s) + "'");
}

}  // namespace thmcheck
