// Kinds of claim and verdicts (docs/verdicts.md says what each means).
#pragma once

#include <string>
#include <string_view>

namespace thmcheck {

enum class ClaimKind {
  inequality,
  probability,
  expectation,
  bound_curve,
  scaling,
  threshold,
  comparison
};
enum class Verdict { holds, violated, inconclusive, skipped, error };

std::string to_string(ClaimKind k);  // "bound-curve", ...
std::string to_string(Verdict v);
ClaimKind parse_claim_kind(std::string_view s);
Verdict parse_verdict(std::string_view s);

}  // namespace thmcheck
