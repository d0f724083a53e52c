#include "thmcheck/harness/theorem.hpp"

namespace thmcheck {

const Claim* Theorem::find(const std::string& claim_id) const {
  for (const auto& c : claims)
    if (c.id() == claim_id) return &c;
  return nullptr;
}

bool is_kebab_case(const std::string& id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  if (!(id.front() >= 'a' && id.front() <= 'z')) return false;
  char prev = 0;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

}  // namespace thmcheck
