// The registry: every file in theorems/ registers a factory at static-initialization time, so a new
// theorem is a new file and nothing else. Factories build a fresh Theorem per run, so --set
// overrides never leak between runs.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "thmcheck/harness/theorem.hpp"

namespace thmcheck {

using TheoremFactory = std::function<Theorem()>;

class Registry {
 public:
  static Registry& global();

  bool add(TheoremFactory factory);
  std::vector<std::string> ids() const;  // sorted
  bool contains(const std::string& id) const;
  Theorem make(const std::string& id) const;  // throws InputError naming an unknown id

 private:
  std::vector<std::pair<std::string, TheoremFactory>> factories_;
};

}  // namespace thmcheck

#define THMCHECK_CONCAT_INNER(a, b) a##b
#define THMCHECK_CONCAT(a, b) THMCHECK_CONCAT_INNER(a, b)
// In a theorem file: THMCHECK_REGISTER_THEOREM(make_my_theorem);
#define THMCHECK_REGISTER_THEOREM(factory)                                             \
  static const bool THMCHECK_CONCAT(thmcheck_registered_, __LINE__) [[maybe_unused]] = \
      ::thmcheck::Registry::global().add(factory)
