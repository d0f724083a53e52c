#include "thmcheck/harness/registry.hpp"

#include <algorithm>
#include <stdexcept>

#include "thmcheck/core/errors.hpp"

namespace thmcheck {

Registry& Registry::global() {
  static Registry r;
  return r;
}

bool Registry::add(TheoremFactory factory) {
  // Not called here: at static initialization the constants of other files may not exist yet.
  std::lock_guard<std::mutex> lock(mutex_);
  pending_.push_back(std::move(factory));
  return true;
}

void Registry::resolve() const {
  std::lock_guard<std::mutex> lock(mutex_);
  while (!pending_.empty()) {
    TheoremFactory factory = std::move(pending_.front());
    pending_.erase(pending_.begin());
    // The id is read from a built theorem so that a file can never register under a wrong name.
    Theorem t = factory();
    if (!is_kebab_case(t.id)) throw std::logic_error("theorem id '" + t.id + "' is not kebab-case");
    for (const auto& [id, f] : factories_)
      if (id == t.id) throw std::logic_error("theorem '" + t.id + "' registered twice");
    factories_.emplace_back(t.id, std::move(factory));
  }
}

std::vector<std::string> Registry::ids() const {
  resolve();
  std::vector<std::string> out;
  for (const auto& [id, f] : factories_) out.push_back(id);
  std::sort(out.begin(), out.end());
  return out;
}

bool Registry::contains(const std::string& id) const {
  resolve();
  return std::any_of(factories_.begin(), factories_.end(),
                     [&](const auto& p) { return p.first == id; });
}

Theorem Registry::make(const std::string& id) const {
  resolve();
  for (const auto& [tid, f] : factories_)
    if (tid == id) return f();
  std::string known;
  for (const auto& k : ids()) known += (known.empty() ? "" : ", ") + k;
  throw InputError("unknown theorem '" + id + "' (known: " + known + ")");
}

}  // namespace thmcheck
