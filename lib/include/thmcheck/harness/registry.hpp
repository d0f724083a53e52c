// The registry: every file in theorems/ registers a factory at static-initialization time, so a new
// theorem is a new file and nothing else. Factories build a fresh Theorem per run, so --set
// overrides never leak between runs. A factory is first called on the registry's first use, after
// static initialization: a theorem may be built from constants of other files (a claim's grid in
// another .cpp), which C++ initializes in no set order (ASan's initialization-order-fiasco).
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "thmcheck/harness/theorem.hpp"

namespace thmcheck {

using TheoremFactory = std::function<Theorem()>;

class Registry {
 public:
  static Registry& global();

  bool add(TheoremFactory factory);      // kept; built, checked and named on the first use below
  std::vector<std::string> ids() const;  // sorted
  bool contains(const std::string& id) const;
  Theorem make(const std::string& id) const;  // throws InputError naming an unknown id

 private:
  // Builds each factory added since the last use once, to read its id (a file can never register
  // under a wrong name) and check it; throws std::logic_error on a bad or repeated id.
  void resolve() const;

  mutable std::mutex mutex_;
  mutable std::vector<TheoremFactory> pending_;
  mutable std::vector<std::pair<std::string, TheoremFactory>> factories_;
};

}  // namespace thmcheck

#define THMCHECK_CONCAT_INNER(a, b) a##b
#define THMCHECK_CONCAT(a, b) THMCHECK_CONCAT_INNER(a, b)
// In a theorem file: THMCHECK_REGISTER_THEOREM(make_my_theorem);
#define THMCHECK_REGISTER_THEOREM(factory)                                             \
  static const bool THMCHECK_CONCAT(thmcheck_registered_, __LINE__) [[maybe_unused]] = \
      ::thmcheck::Registry::global().add(factory)
